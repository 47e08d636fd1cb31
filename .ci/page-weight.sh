#!/usr/bin/env bash
# Page-weight budget: "a typical page (HTML + CSS) under 60 KB".
#
#   bash .ci/page-weight.sh [OUTPUT_DIR]
#
# For every .html page of the built site, weight = the page's HTML bytes plus the
# bytes of each local stylesheet it links for screen (<link rel="stylesheet">,
# not media="print"; normally /static/style.css). Fails if any page exceeds the
# budget (BUDGET_BYTES, default 60000 = 60 KB). Prints the 5 heaviest pages.
set -euo pipefail

cd "$(dirname "$0")/.."
OUT="${1:-output}"
BUDGET="${BUDGET_BYTES:-60000}"

if [[ ! -d "$OUT" ]]; then
  echo "weight: output folder '$OUT' not found (build the site first)" >&2
  exit 2
fi
if [[ ! -f "$OUT/static/style.css" ]]; then
  echo "weight: $OUT/static/style.css is missing" >&2
  exit 1
fi

size() { stat -c %s "$1"; }
kb() { awk -v b="$1" 'BEGIN { printf "%.1f KB", b / 1000 }'; }

style_css=$(size "$OUT/static/style.css")
echo "weight: /static/style.css = $style_css bytes ($(kb "$style_css")); budget per page (HTML + CSS) = $BUDGET bytes ($(kb "$BUDGET"))"

ROWS="$(mktemp)"
trap 'rm -f "$ROWS"' EXIT

pages=0
missing=0
while IFS= read -r -d '' f; do
  pages=$((pages + 1))
  html=$(size "$f")
  css=0
  sheets=()
  # Screen stylesheets the page links (root-relative or relative to the page).
  while IFS= read -r href; do
    [[ -z "$href" ]] && continue
    case "$href" in
      http://* | https://* | //*) sheets+=("$href(external!)"); continue ;;
      /*) path="$OUT${href%%[?#]*}" ;;
      *) path="$(dirname "$f")/${href%%[?#]*}" ;;
    esac
    if [[ -f "$path" ]]; then
      css=$((css + $(size "$path")))
      sheets+=("$href")
    else
      echo "weight: ${f#"$OUT"/} links missing stylesheet $href" >&2
      missing=$((missing + 1))
    fi
  done < <(grep -oiE '<link[^>]*rel=["'"'"']?stylesheet[^>]*>' "$f" \
             | grep -viE 'media=["'"'"']?print' \
             | sed -nE 's/.*href=["'"'"']?([^"'"'"' >]+).*/\1/p' || true)
  sheet_list="${sheets[*]:-none}"
  printf '%s\t%s\t%s\t%s\t%s\n' "$((html + css))" "$html" "$css" "${f#"$OUT"/}" "${sheet_list// /,}" >>"$ROWS"
done < <(find "$OUT" -type f -name '*.html' -print0 | sort -z)

if (( pages == 0 )); then
  echo "weight: no .html pages under $OUT" >&2
  exit 1
fi

largest_html=$(sort -t $'\t' -k2,2nr "$ROWS" | sed -n 1p)
echo "weight: largest HTML page: $(cut -f4 <<<"$largest_html") = $(cut -f2 <<<"$largest_html") bytes ($(kb "$(cut -f2 <<<"$largest_html")"))"
echo "weight: 5 heaviest pages (HTML + screen CSS):"
{
  printf '%8s %8s %7s  %s  [%s]\n' TOTAL HTML CSS PAGE STYLESHEETS
  sort -t $'\t' -k1,1nr "$ROWS" | sed -n 1,5p | while IFS=$'\t' read -r t h c p s; do
    printf '%8d %8d %7d  %s  [%s]\n' "$t" "$h" "$c" "$p" "$s"
  done
} | sed 's/^/  /'

over=$(awk -F '\t' -v b="$BUDGET" '$1 > b' "$ROWS" | sort -t $'\t' -k1,1nr)
if [[ -n "$over" ]]; then
  echo "weight: FAILED: $(wc -l <<<"$over") page(s) over $BUDGET bytes:"
  awk -F '\t' '{ printf "  %s: %d bytes (HTML %d + CSS %d)\n", $4, $1, $2, $3 }' <<<"$over"
  exit 1
fi
if (( missing > 0 )); then
  echo "weight: FAILED: $missing link(s) to missing stylesheets"
  exit 1
fi
max=$(sort -t $'\t' -k1,1nr "$ROWS" | sed -n 1p | cut -f1)
echo "weight: $pages pages, heaviest $max bytes, 0 over budget"
