#!/usr/bin/env bash
# Print products gate (optional; `cargo test` does not need it): checks every PDF under
# OUTPUT_DIR/in/ with poppler-utils and renders the first page of one product of each kind to PNG
# for a person to look at.
#
#   bash .ci/pdf-check.sh [OUTPUT_DIR]
#
# Fails when a PDF cannot be read, when a font is not embedded, or when the extracted text holds
# U+FFFD (a glyph without a Unicode mapping). Installs poppler-utils from Debian when missing.
# PNG previews go to .ci/.work/pdf-preview/.
set -euo pipefail

cd "$(dirname "$0")/.."
OUT="${1:-output}"
PREVIEW=".ci/.work/pdf-preview"

if [[ ! -d "$OUT/in" ]]; then
  echo "pdf: no $OUT/in folder (build the site with the default 'pdf' feature first)" >&2
  exit 2
fi
if ! command -v pdffonts >/dev/null; then
  echo "installing poppler-utils"
  if [[ $(id -u) -eq 0 ]]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends poppler-utils
fi

fail=0
count=0
while IFS= read -r -d '' pdf; do
  count=$((count + 1))
  if ! pdfinfo "$pdf" >/dev/null 2>&1; then
    echo "pdf: unreadable: $pdf"; fail=1; continue
  fi
  # pdffonts: column "emb" must be "yes" for every font.
  if pdffonts "$pdf" | tail -n +3 | awk '{ if ($(NF-4) != "yes") bad=1 } END { exit bad }'; then :; else
    echo "pdf: font not embedded: $pdf"; pdffonts "$pdf"; fail=1
  fi
  if pdftotext -enc UTF-8 "$pdf" - | grep -q $'\xEF\xBF\xBD'; then
    echo "pdf: text without Unicode mapping (U+FFFD): $pdf"; fail=1
  fi
done < <(find "$OUT/in" -name '*.pdf' -print0 | sort -z)

rm -rf "$PREVIEW"
mkdir -p "$PREVIEW"
for dir in van-ban to-roi ap-phich phat-thanh/ngay-ky-niem; do
  first=$(find "$OUT/in/$dir" -name '*.pdf' | sort | head -n 1)
  [[ -n "$first" ]] || continue
  pdftoppm -r 60 -png "$first" "$PREVIEW/$(echo "$dir" | tr '/' '-')"
done

echo "pdf: $count files checked, previews in $PREVIEW"
exit "$fail"
