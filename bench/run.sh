#!/usr/bin/env bash
# Build benchmark for loa: time `loa build` on synthetic wards of N news items + N plans.
#
#   bench/run.sh                       # N = 1000 and 10000
#   BENCH_N="1000" bench/run.sh        # one size
#
# Environment (all optional):
#   BENCH_N          sizes to run, space separated            (default "1000 10000")
#   BENCH_RUNS       timed runs per size, after one warm-up   (default 5)
#   BENCH_SEED       generator seed; 42 is the anchor's       (default 42)
#   BENCH_DATE       --date passed to loa                     (default 2026-11-22)
#   BENCH_MAX_OTHER  a run during which other processes used more than this fraction of all
#                    CPUs is discarded and repeated           (default 0.10)
#   BENCH_MAX_TRIES  attempts per timed run before keeping a busy one, flagged (default 4)
#   BENCH_IDLE_WAIT  seconds to wait for an idle machine before each run; when the machine does
#                    not get idle in time the run is kept (flagged) without retries (default 300)
#   BENCH_SETTLE     seconds to sleep between removing the output and the timed run (default 0,
#                    as the anchor's bench.py); see README.md on ext4 without a journal
#   BENCH_FRESH      1: move the previous output aside instead of deleting it, so the timed run
#                    creates its files where nothing was just deleted; everything moved aside is
#                    deleted when the script ends (default 0, the anchor's protocol)
#   BENCH_BUILD_RETRIES  retries of `cargo build --release`, 60 s apart (default 0)
#   BENCH_MODE       what each timed build makes (default "site"):
#                      site  the web site only: `--no-pdf --no-search` (what Hugo and Zola make)
#                      cold  everything (PDFs, search index), the product cache .loa/ removed
#                            before every run: a first build
#                      warm  everything, the cache kept from the warm-up: a rebuild of an
#                            unchanged site (PDFs and the index copied from .loa/cache)
#
# Output: a table on stdout, one JSON line per size appended to bench/work/results.jsonl,
# logs of the last run in bench/work/ward-N/bench-*.txt. Everything written stays in bench/work/.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO=$PWD
WORK=$REPO/bench/work
RESULTS=$WORK/results.jsonl
SIZES=${BENCH_N:-1000 10000}
RUNS=${BENCH_RUNS:-5}
SEED=${BENCH_SEED:-42}
DATE=${BENCH_DATE:-2026-11-22}
MAX_OTHER=${BENCH_MAX_OTHER:-0.10}
MAX_TRIES=${BENCH_MAX_TRIES:-4}
IDLE_WAIT=${BENCH_IDLE_WAIT:-300}
BUILD_RETRIES=${BENCH_BUILD_RETRIES:-0}
SETTLE=${BENCH_SETTLE:-0}
FRESH=${BENCH_FRESH:-0}
ASIDE=$WORK/moved-aside
if [ "$FRESH" = 1 ]; then
    trap 'rm -rf "$ASIDE"' EXIT
fi
MODE=${BENCH_MODE:-site}
case "$MODE" in
    site) FLAGS=(--no-pdf --no-search) ;;
    cold | warm) FLAGS=() ;;
    *) echo "bench: BENCH_MODE must be site, cold or warm (not '$MODE')" >&2; exit 2 ;;
esac
NCPU=$(nproc)
HZ=$(getconf CLK_TCK)
mkdir -p "$WORK/bin"

# ── tools ──────────────────────────────────────────────────────────────────────────────────
if [ ! -x /usr/bin/time ]; then
    echo "bench: /usr/bin/time missing, installing the 'time' package" >&2
    apt-get install -y time >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }
fi
command -v python3 >/dev/null || { echo "bench: python3 is required" >&2; exit 1; }

# ── loa, release build ─────────────────────────────────────────────────────────────────────
attempt=0
until cargo build --release --quiet; do
    attempt=$((attempt + 1))
    if [ "$attempt" -gt "$BUILD_RETRIES" ]; then
        echo "bench: cargo build --release failed" >&2
        exit 1
    fi
    echo "bench: build failed, retrying in 60 s ($attempt/$BUILD_RETRIES)" >&2
    sleep 60
done
# Time a private copy: other people's `cargo build` may replace target/release/loa mid-run.
LOA=$WORK/bin/loa
cp target/release/loa "$LOA"
LOA_REV=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git status --porcelain -- src themes locales Cargo.toml Cargo.lock 2>/dev/null)" ]; then
    LOA_REV="$LOA_REV+dirty"
fi

# ── machine load, from /proc/stat ──────────────────────────────────────────────────────────
busy_jiffies() { awk '/^cpu /{print $2+$3+$4+$7+$8+$9; exit}' /proc/stat; }
total_jiffies() { awk '/^cpu /{print $2+$3+$4+$5+$6+$7+$8+$9; exit}' /proc/stat; }

# Busy fraction of the whole machine over one second.
busy_fraction() {
    local b0 t0 b1 t1
    b0=$(busy_jiffies); t0=$(total_jiffies)
    sleep 1
    b1=$(busy_jiffies); t1=$(total_jiffies)
    awk -v b="$((b1 - b0))" -v t="$((t1 - t0))" 'BEGIN{printf "%.3f", (t > 0 ? b / t : 0)}'
}

# Waits until the machine is idle; returns 1 when it gave up after IDLE_WAIT seconds.
wait_idle() {
    local start=$SECONDS f
    while :; do
        f=$(busy_fraction)
        if awk -v f="$f" -v m="$MAX_OTHER" 'BEGIN{exit !(f <= m)}'; then return 0; fi
        if [ $((SECONDS - start)) -ge "$IDLE_WAIT" ]; then
            echo "bench: machine still busy ($f) after ${IDLE_WAIT}s, running anyway" >&2
            return 1
        fi
    done
}

# One build, output removed first. Prints "wall_ms cpu_s rss_kb other pages files user_s sys_s".
run_once() {
    local site=$1 tag=$2 out=$1/output tf=$1/bench-time-$2.txt log=$1/bench-loa-$2.txt
    if [ "$FRESH" = 1 ] && [ -e "$out" ]; then
        mkdir -p "$ASIDE"
        mv "$out" "$(mktemp -d "$ASIDE/out.XXXXXX")/"
    fi
    rm -rf "$out" "$site"/.output.loa-*
    if [ "$MODE" != warm ]; then rm -rf "$site/.loa"; fi
    sync
    [ "$SETTLE" -gt 0 ] && sleep "$SETTLE"
    local b0 t0 t1 b1
    b0=$(busy_jiffies)
    t0=$(date +%s%N)
    if ! /usr/bin/time -v -o "$tf" "$LOA" build --root "$site" --out "$out" --date "$DATE" "${FLAGS[@]}" >"$log" 2>&1; then
        echo "bench: loa build failed on $site:" >&2
        head -40 "$log" >&2
        exit 1
    fi
    t1=$(date +%s%N)
    b1=$(busy_jiffies)
    python3 - "$tf" "$log" "$t0" "$t1" "$b0" "$b1" "$HZ" "$NCPU" <<'EOF'
import re, sys
tf, log, t0, t1, b0, b1, hz, ncpu = sys.argv[1:]
t = open(tf).read()
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1))
user = float(re.search(r"User time \(seconds\): ([\d.]+)", t).group(1))
sys_ = float(re.search(r"System time \(seconds\): ([\d.]+)", t).group(1))
cpu = user + sys_
wall = (int(t1) - int(t0)) / 1e9
other = max(0.0, ((int(b1) - int(b0)) / int(hz) - cpu) / (wall * int(ncpu)))
m = re.search(r"Xong: (\d+) trang, (\d+) tệp", open(log, encoding="utf-8").read())
if not m:
    sys.exit("bench: no 'Xong: X trang, Y tệp' summary line in " + log)
print(f"{wall * 1000:.1f} {cpu:.2f} {rss} {other:.3f} {m.group(1)} {m.group(2)} {user:.2f} {sys_:.2f}")
EOF
}

# ── the sizes ──────────────────────────────────────────────────────────────────────────────
GEN_HASH=$(cat bench/gen_ward.py site.toml data/days.toml | sha256sum | cut -c1-16)
ROWS=()
for N in $SIZES; do
    SITE=$WORK/ward-$N
    STAMP="n=$N seed=$SEED inputs=$GEN_HASH"
    if [ -f "$SITE/.bench-stamp" ] && [ "$(cat "$SITE/.bench-stamp")" = "$STAMP" ]; then
        echo "bench: reusing $SITE"
    else
        python3 bench/gen_ward.py "$N" --out "$SITE" --seed "$SEED"
        echo "$STAMP" >"$SITE/.bench-stamp"
    fi

    echo "bench: N=$N warm-up"
    wait_idle || true
    run_once "$SITE" warmup >/dev/null
    warnings=$(grep -o '[0-9]* cảnh báo' "$SITE/bench-loa-warmup.txt" | head -1 | cut -d' ' -f1)
    if [ "${warnings:-0}" != 0 ]; then
        echo "bench: loa reported $warnings warning(s) on the generated ward:" >&2
        head -5 "$SITE/bench-loa-warmup.txt" >&2
    fi

    RUNLINES=()
    DISCARDED=()
    for r in $(seq 1 "$RUNS"); do
        for try in $(seq 1 "$MAX_TRIES"); do
            idle=1
            wait_idle || idle=0
            line=$(run_once "$SITE" "run$r")
            other=$(echo "$line" | cut -d' ' -f4)
            if awk -v o="$other" -v m="$MAX_OTHER" 'BEGIN{exit !(o <= m)}' || [ "$try" -eq "$MAX_TRIES" ] || [ "$idle" = 0 ]; then
                flagged=$(awk -v o="$other" -v m="$MAX_OTHER" 'BEGIN{print (o > m) ? 1 : 0}')
                RUNLINES+=("$line $flagged")
                break
            fi
            DISCARDED+=("$(echo "$line" | cut -d' ' -f1)")
        done
        echo "bench: N=$N run $r: wall_ms cpu_s rss_kb other pages files user_s sys_s = ${RUNLINES[-1]% *}"
    done

    row=$(python3 - "$N" "$SEED" "$DATE" "$LOA_REV" "$SETTLE" "$FRESH" "$RESULTS" "$MODE" "${DISCARDED[*]:-}" "${RUNLINES[@]}" <<'EOF'
import datetime, json, statistics, sys
n, seed, date, rev, settle, fresh, results, mode, discarded, *runs = sys.argv[1:]
rs = [dict(zip(["wall_ms", "cpu_s", "rss_kb", "other", "pages", "files", "user_s", "sys_s", "flagged"],
               map(float, r.split())))
      for r in runs]
walls = [r["wall_ms"] for r in rs]
med = statistics.median(walls)
pages = int(rs[-1]["pages"])
res = {
    "tool": "loa", "mode": mode, "rev": rev, "when": datetime.datetime.now().isoformat(timespec="seconds"),
    "n": int(n), "news": int(n), "plans": int(n), "seed": int(seed), "build_date": date,
    "pages": pages, "files": int(rs[-1]["files"]),
    "walls_ms": [round(w, 1) for w in walls], "median_wall_ms": round(med, 1),
    "min_wall_ms": round(min(walls), 1),
    "ms_per_page": round(med / pages, 4),
    "ms_per_source": round(med / (2 * int(n)), 4),
    "median_cpu_s": round(statistics.median(r["cpu_s"] for r in rs), 2),
    "user_s": [r["user_s"] for r in rs], "sys_s": [r["sys_s"] for r in rs],
    "cpu_ms_per_page": round(statistics.median(r["cpu_s"] for r in rs) * 1000 / pages, 4),
    "peak_rss_mb_max": round(max(r["rss_kb"] for r in rs) / 1024, 1),
    "other_load": [r["other"] for r in rs],
    "flagged_runs": int(sum(r["flagged"] for r in rs)),
    "discarded_walls_ms": [float(x) for x in discarded.split()],
    "settle_s": int(settle),
    "fresh": fresh == "1",
}
with open(results, "a") as f:
    f.write(json.dumps(res, ensure_ascii=False) + "\n")
print(json.dumps(res, ensure_ascii=False))
EOF
)
    echo "$row"
    ROWS+=("$row")
done

# ── table and targets ──────────────────────────────────────────────────────────────────────
python3 - "${ROWS[@]}" <<'EOF'
import json, sys
rows = [json.loads(r) for r in sys.argv[1:]]
print()
import statistics
print(f"mode: {rows[0]['mode'] if rows else '-'}")
print(f"{'N':>6} {'pages':>7} {'files':>7} {'median ms':>10} {'ms/page':>8} {'cpu s':>7} "
      f"{'(user+sys)':>11} {'cpu ms/page':>11} {'peak RSS MB':>11} {'flagged':>7}")
for r in rows:
    us = f"{statistics.median(r['user_s']):.2f}+{statistics.median(r['sys_s']):.2f}"
    print(f"{r['n']:>6} {r['pages']:>7} {r['files']:>7} {r['median_wall_ms']:>10.0f} "
          f"{r['ms_per_page']:>8.3f} {r['median_cpu_s']:>7.2f} {us:>11} {r['cpu_ms_per_page']:>11.3f} "
          f"{r['peak_rss_mb_max']:>11.1f} {r['flagged_runs']:>4}/{len(r['walls_ms'])}")
print()
target = [r for r in rows if r["n"] == 10000]
if not target:
    print("targets (N = 10000): not run; set BENCH_N to include 10000")
for r in target:
    ok_t = r["ms_per_page"] < 0.5
    ok_m = r["peak_rss_mb_max"] < 500
    print(f"target N=10000: < 0.5 ms/page: {'MET' if ok_t else 'NOT MET'} ({r['ms_per_page']:.3f})")
    print(f"target N=10000: < 500 MB peak RSS: {'MET' if ok_m else 'NOT MET'} ({r['peak_rss_mb_max']:.1f} MB)")
    if r["flagged_runs"]:
        print(f"note: {r['flagged_runs']} run(s) overlapped other load above the threshold; "
              "wall times are pessimistic")
EOF
