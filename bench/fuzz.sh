#!/usr/bin/env bash
# Runs every fuzz target of loa for a given number of cases and prints, per target, the cases run,
# the wall and CPU time and the failures.
#
#   bench/fuzz.sh                  # 2000 cases per target
#   bench/fuzz.sh 50000            # a long run (about one CPU-hour for all targets: see README.md)
#   bench/fuzz.sh 500 fuzz_plans   # only targets whose name contains "fuzz_plans"
#
# A fuzz target is a `#[test]` function named `fuzz_<what>` in `tests/*.rs` (by convention in a
# file `tests/fuzz_<area>.rs`), a proptest property whose case count comes from `PROPTEST_CASES`
# (tests/common/fuzz.rs `run` does that and prints `fuzz-target <name>: <n> cases, ...`; for a
# target that does not print it, the count is taken as the requested number). In CI the same
# tests run with their small default counts inside `cargo test --release`.
#
# Environment (optional):
#   FUZZ_PDF=1   also typeset the PDFs of every input that loads (much slower per case)
#
# Output: a table on stdout; each target's full log in bench/work/fuzz/<target>.log (a failure's
# smallest input is at its end; proptest keeps it in proptest-regressions/ for the next run).
# Exit status 1 when any target failed.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
CASES=${1:-2000}
FILTER=${2:-}
LOGS=bench/work/fuzz
mkdir -p "$LOGS"

if [[ -n "${FUZZ_PDF:-}" ]]; then export LOA_FUZZ_PDF=1; fi

# Every `fn fuzz_*` of every test file, as "file target" pairs.
mapfile -t TARGETS < <(
  for file in tests/*.rs; do
    { grep -oE '^\s*fn fuzz_[A-Za-z0-9_]+' "$file" || true; } | sed -E 's/^\s*fn //' |
      while read -r name; do echo "$(basename "$file" .rs) $name"; done
  done | { if [[ -n "$FILTER" ]]; then grep -F -- "$FILTER" || true; else cat; fi; }
)
if ((${#TARGETS[@]} == 0)); then
  echo "fuzz: no target (a #[test] fn fuzz_* in tests/*.rs) matches '${FILTER}'" >&2
  exit 1
fi

echo "fuzz: building the test binaries (cargo test --release --no-run)"
for file in $(printf '%s\n' "${TARGETS[@]}" | cut -d' ' -f1 | sort -u); do
  cargo test --release --test "$file" --no-run -q 2>&1 | grep -v '^\s*Executable' || true
done

printf '%-36s %10s %10s %10s %9s\n' target cases "wall s" "cpu s" failures
FAILED=0
TOTAL_CPU=0
for pair in "${TARGETS[@]}"; do
  read -r file name <<<"$pair"
  log=$LOGS/$name.log
  TIMEFORMAT='%R %U %S'
  set +e
  { time PROPTEST_CASES=$CASES cargo test --release -q --test "$file" -- --exact "$name" \
      --nocapture --test-threads 1 >"$log" 2>&1; } 2>"$log.time"
  rc=$?
  set -e
  read -r wall user sys <"$log.time"
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.1f", u + s }')
  TOTAL_CPU=$(awk -v t="$TOTAL_CPU" -v c="$cpu" 'BEGIN { printf "%.1f", t + c }')
  line=$(grep -E "^fuzz-target $name: " "$log" | tail -n 1 || true)
  if [[ -n "$line" ]]; then
    ran=$(sed -E 's/.*: ([0-9]+) cases.*/\1/' <<<"$line")
    failures=$(sed -E 's/.* ([0-9]+) failures.*/\1/' <<<"$line")
  else
    ran="$CASES?"
    failures=$((rc == 0 ? 0 : 1))
  fi
  if ((rc != 0)) && [[ "$failures" == 0 ]]; then failures=1; fi
  if ((rc != 0)); then FAILED=$((FAILED + 1)); fi
  printf '%-36s %10s %10s %10s %9s\n' "$name" "$ran" "$wall" "$cpu" "$failures"
done
echo "fuzz: ${#TARGETS[@]} targets, $FAILED failed, ${TOTAL_CPU} CPU seconds; logs in $LOGS/"
((FAILED == 0))
