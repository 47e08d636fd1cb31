#!/usr/bin/env python3
"""Rebuild time of `loa serve` after editing one news item (target: under 100 ms at N = 10000).

Usage:
    python3 bench/serve_rebuild.py            # N = 10000 (N news items + N plans), 5 edits
    BENCH_N=1000 python3 bench/serve_rebuild.py
    BENCH_PLANS=0 python3 bench/serve_rebuild.py   # news only

Builds loa (release), generates the ward with bench/gen_ward.py into bench/work/serve-N, starts
`loa serve` on a free port and waits for the first full build. Then, BENCH_EDITS times, it
appends a sentence to one news item and polls /__loa/trang-thai until the build version changes,
and reports:
  * rebuild ms: the server's own time from the debounced file event to the last page written
    (what the target is about);
  * edit-to-ready ms: from writing the file to the status showing the new version, as seen by a
    browser polling (includes the 30 ms debounce and file-system notification);
and checks that the page served carries the new sentence, that the rebuild was the news-only
path, and that a broken edit shows its file and line in the page while the last good page stays
served. The server is stopped at the end. Writes only under bench/work/.
"""
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
WORK = os.path.join(HERE, "work")
N = int(os.environ.get("BENCH_N", "10000"))
EDITS = int(os.environ.get("BENCH_EDITS", "5"))
PLANS = os.environ.get("BENCH_PLANS")  # default: N plans beside the N news items
DATE = "2026-11-22"
TARGET_MS = 100


def get(url):
    with urllib.request.urlopen(url, timeout=10) as r:
        return r.read().decode("utf-8")


def status(base):
    return json.loads(get(base + "/__loa/trang-thai"))


def wait_version(base, after, timeout=120):
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        try:
            s = status(base)
            if s["version"] > after:
                return s, time.perf_counter()
        except OSError:
            pass
        time.sleep(0.002)
    raise SystemExit(f"serve_rebuild: no new build within {timeout} s")


def main():
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    os.makedirs(os.path.join(WORK, "bin"), exist_ok=True)
    loa = os.path.join(WORK, "bin", "loa-serve")
    shutil.copy2(os.path.join(REPO, "target", "release", "loa"), loa)
    site = os.path.join(WORK, f"serve-{N}")
    gen = [sys.executable, os.path.join(HERE, "gen_ward.py"), str(N), "--out", site]
    if PLANS is not None:
        gen += ["--plans", PLANS]
    subprocess.run(gen, check=True)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    log = open(os.path.join(site, "serve-log.txt"), "w")
    t0 = time.perf_counter()
    server = subprocess.Popen([loa, "serve", "--root", site, "--port", str(port), "--date", DATE],
                              stdout=log, stderr=subprocess.STDOUT)
    try:
        first, ready = wait_version(base, 0, timeout=600)
        print(f"serve_rebuild: N={N}: first full build ready after {ready - t0:.1f} s "
              f"(server: {first['last_ms']} ms)")
        news_dir = os.path.join(site, "content", "news")
        name = sorted(os.listdir(news_dir))[N // 2]
        path = os.path.join(news_dir, name)
        url = f"{base}/tin-tuc/{name[:-3]}/"
        original = open(path, encoding="utf-8").read()
        rebuild, ready_ms = [], []
        version = first["version"]
        for k in range(1, EDITS + 1):
            time.sleep(0.3)
            marker = f"Câu sửa thử lần {k} để đo thời gian dựng lại."
            start = time.perf_counter()
            with open(path, "w", encoding="utf-8") as f:
                f.write(original.rstrip("\n") + f"\n\n{marker}\n")
            s, seen = wait_version(base, version)
            version = s["version"]
            if not s["ok"]:
                raise SystemExit(f"serve_rebuild: the edit failed to build: {s['errors']}")
            if s["last_kind"] != "news":
                raise SystemExit(f"serve_rebuild: a news edit took the {s['last_kind']} path")
            if marker not in get(url):
                raise SystemExit(f"serve_rebuild: {url} does not show the edit")
            rebuild.append(s["last_ms"])
            ready_ms.append((seen - start) * 1000)
            print(f"serve_rebuild: edit {k}: rebuild {s['last_ms']} ms, edit-to-ready {ready_ms[-1]:.0f} ms")

        # A broken edit: the page shows the located error, the last good page stays served.
        time.sleep(0.3)
        with open(path, "w", encoding="utf-8") as f:
            f.write(original.replace("ngay = ", "ngay = 2026-13-45 #", 1))
        s, _ = wait_version(base, version)
        version = s["version"]
        page = get(url)
        located = any(name in e for e in s["errors"])
        shown = 'role="alert"' in page and name in page
        still = f"Câu sửa thử lần {EDITS}" in page
        print(f"serve_rebuild: broken edit: error names the file: {located}; shown in the page: "
              f"{shown}; last good page still served: {still}")
        with open(path, "w", encoding="utf-8") as f:
            f.write(original)
        s, _ = wait_version(base, version)
        print(f"serve_rebuild: restored: ok={s['ok']}")
        ok = located and shown and still and s["ok"]

        med = statistics.median(rebuild)
        print()
        print(f"N={N}: rebuild after editing one news item: median {med:.0f} ms "
              f"(runs {rebuild}), edit-to-ready median {statistics.median(ready_ms):.0f} ms")
        print(f"target < {TARGET_MS} ms: {'MET' if med < TARGET_MS else 'NOT MET'}")
        if not ok:
            raise SystemExit("serve_rebuild: the broken-edit checks failed")
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


if __name__ == "__main__":
    main()
