#!/usr/bin/env bash
# Statistics benchmark: load, check and roll up about 1,000,000 figure rows (`loa check`, which
# reads every file, validates and derives every roll-up, ratio, suppression and target, but
# writes nothing). Target from the issue: under 2 s and under 500 MB peak RSS on this machine.
#
#   bench/stats.sh                 # 1,000,000 rows, 3 timed runs after a warm-up
#   STATS_ROWS=200000 bench/stats.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROWS=${STATS_ROWS:-1000000}
RUNS=${STATS_RUNS:-3}
WORK=bench/work/stats-$ROWS
command -v /usr/bin/time >/dev/null || apt-get install -y time >/dev/null
cargo build --release --quiet
mkdir -p bench/work/bin
cp target/release/loa bench/work/bin/loa-stats
[ -f "$WORK/data/stats/so-lieu.csv" ] || python3 bench/gen_stats.py --rows "$ROWS" --out "$WORK"
bench/work/bin/loa-stats check --root "$WORK" --date 2026-11-22 >/dev/null 2>&1 || true
for run in $(seq 1 "$RUNS"); do
  /usr/bin/time -f "run $run: %e s wall, %M KB peak RSS" \
    bench/work/bin/loa-stats check --root "$WORK" --date 2026-11-22 2>&1 | tail -2
done
