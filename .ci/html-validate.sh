#!/usr/bin/env bash
# Validate every .html page of the built site with the Nu Html Checker (npm vnu-jar).
#
#   bash .ci/html-validate.sh [OUTPUT_DIR]
#
# Needs WORK (default .ci/.work) to hold the npm install made by .ci/run:
#   npm install --prefix "$WORK" vnu-jar ...
# Exits non-zero, printing every error (file:line.col-line.col: error: message),
# if any page has an error; prints "vnu: N pages, 0 errors" on success.
set -euo pipefail

cd "$(dirname "$0")/.."
OUT="${1:-output}"
WORK="${WORK:-.ci/.work}"
JAR="$WORK/node_modules/vnu-jar/build/dist/vnu.jar"

if [[ ! -f "$JAR" ]]; then
  echo "vnu: $JAR not found (run: npm install --prefix \"$WORK\" vnu-jar)" >&2
  exit 2
fi
if [[ ! -d "$OUT" ]]; then
  echo "vnu: output folder '$OUT' not found (build the site first)" >&2
  exit 2
fi

mapfile -d '' PAGES < <(find "$OUT" -type f -name '*.html' -print0 | sort -z)
if (( ${#PAGES[@]} == 0 )); then
  echo "vnu: no .html pages under $OUT" >&2
  exit 1
fi

echo "vnu $(java -jar "$JAR" --version) on ${#PAGES[@]} pages"

REPORT="$(mktemp)"
trap 'rm -f "$REPORT"' EXIT

# vnu exits 1 when it reports an error; capture both the code and the messages
# so that an error is never lost whichever signal it gives.
rc=0
java -Xss8m -jar "$JAR" --errors-only --format gnu "${PAGES[@]}" >"$REPORT" 2>&1 || rc=$?

errors=$(grep -c ':[[:space:]]*error:' "$REPORT" || true)
if (( rc != 0 )) || [[ -s "$REPORT" ]]; then
  echo "vnu: FAILED (exit $rc), ${errors} error(s):"
  # vnu names files as "file:/abs/path"; print them relative to the repo root.
  tidy() { sed -E -e 's|^"file:([^"]*)"|\1|' -e "s|^$(pwd)/||"; }
  tidy <"$REPORT"
  echo "-- errors per page --"
  grep ':[[:space:]]*error:' "$REPORT" | tidy | sed -E 's/:[0-9]+\.[0-9]+-.*$//' | sort | uniq -c | sort -rn
  echo "vnu: ${#PAGES[@]} pages, ${errors} errors"
  exit 1
fi

echo "vnu: ${#PAGES[@]} pages, 0 errors"
