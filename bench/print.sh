#!/usr/bin/env bash
# Print products benchmark: time per PDF for the example ward and the synthetic ward of N plans.
#   bench/print.sh                 # example ward and N = 1000
#   BENCH_N=200 bench/print.sh     # another N
# Prints the wall time of the print renderer and, per kind of PDF, the time of one document (the
# gap between two PDFs finished by the same typesetting thread). Writes under bench/work/ only.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${BENCH_N:-1000}"
mkdir -p bench/work
cargo build --release --example print_timing
bin=target/release/examples/print_timing
if [ ! -f "bench/work/ward-$N/site.toml" ]; then
  python3 bench/gen_ward.py "$N" --out "bench/work/ward-$N" --seed 42
fi
for site in . "bench/work/ward-$N"; do
  echo "== $site ($(nproc) cores)"
  "$bin" "$site" 2026-11-22
done
