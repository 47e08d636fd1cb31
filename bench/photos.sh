#!/usr/bin/env bash
# Photos benchmark (issue #17): the example ward with N news items, each with a phone photo of
# 12 megapixels (4000 x 3000, JPEG quality 90, EXIF with GPS), built with `--no-pdf --no-search`
# so the figures are the photo step's:
#   bench/photos.sh                 # N = 100
#   BENCH_PHOTOS=20 bench/photos.sh
# Prints, for a cold build (empty .loa/cache) and a cached rebuild (unchanged photos): the wall
# time of the whole build and of the photo step (`--timings`), the CPU time, and the peak
# memory (/usr/bin/time -v, maximum resident set size). Writes under bench/work/ only.
# Uses target/release/loa and the photos test binary as `cargo test --release --no-run` built
# them (no second build of the dependency tree).
set -euo pipefail
cd "$(dirname "$0")/.."
N="${BENCH_PHOTOS:-100}"
WARD="bench/work/photos-$N"
LOA=target/release/loa
[ -x /usr/bin/time ] || apt-get install -y time >/dev/null
CARGO_INCREMENTAL=1 cargo test --release --test photos --no-run >/dev/null 2>&1
if [ ! -f "$WARD/.bench-stamp" ]; then
  rm -rf "$WARD"
  mkdir -p "$WARD"
  cp -r site.toml data content themes locales "$WARD"/ 2>/dev/null || true
  LOA_BENCH_DIR="$PWD/$WARD/content/news/bench" LOA_BENCH_PHOTOS="$N" \
    CARGO_INCREMENTAL=1 cargo test --release --test photos -- --ignored --exact bench_corpus >/dev/null
  for i in $(seq 0 $((N - 1))); do
    n=$(printf '%03d' "$i")
    cat >"$WARD/content/news/bench/2026-10-01-anh-$n.md" <<MD
+++
tieu_de = "Tin có ảnh số $n"
ngay = "2026-10-01"
tom_tat = "Tin thử tốc độ xử lý ảnh."
anh = "anh-$n.jpg"
chu_thich = "Ảnh điện thoại số $n"
+++
Nội dung tin.
MD
  done
  echo "$N" >"$WARD/.bench-stamp"
fi
size=$(du -sm "$WARD/content/news/bench" | cut -f1)
echo "== $N photos of 4000x3000 ($size MB of JPEG), $(nproc) cores"
run() {
  local label="$1"
  rm -rf "$WARD/output"
  /usr/bin/time -v "$LOA" build --root "$WARD" --out "$WARD/output" --date 2026-11-22 \
    --no-pdf --no-search --timings >bench/work/photos-run.log 2>&1
  local photos wall rss cpu_user cpu_sys
  photos=$(grep -iE '^ *photos' bench/work/photos-run.log | head -1 | sed 's/^ *//')
  wall=$(grep 'Elapsed (wall clock)' bench/work/photos-run.log | awk '{print $NF}')
  rss=$(grep 'Maximum resident set size' bench/work/photos-run.log | awk '{print int($NF/1024)}')
  cpu_user=$(grep 'User time' bench/work/photos-run.log | awk '{print $NF}')
  cpu_sys=$(grep 'System time' bench/work/photos-run.log | awk '{print $NF}')
  printf '%-7s build wall %s, cpu %ss user + %ss system, peak RSS %s MB; step: %s\n' \
    "$label" "$wall" "$cpu_user" "$cpu_sys" "$rss" "$photos"
}
rm -rf "$WARD/.loa/cache"
run cold
run cached
out_kb=$(du -sk "$WARD/output/anh" | cut -f1)
largest=$(ls -S "$WARD/output/anh" | head -1)
echo "published: $(ls "$WARD/output/anh" | wc -l) files, $out_kb KB; largest $largest $(stat -c %s "$WARD/output/anh/$largest") bytes"
