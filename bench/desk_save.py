#!/usr/bin/env python3
"""Time from saving a news item's form on the editing desk to the preview showing it.

Usage:
    python3 bench/desk_save.py                 # N = 1000 (N news items + N plans), 5 saves
    BENCH_N=10000 python3 bench/desk_save.py
    LOA=path/to/loa python3 bench/desk_save.py

Uses target/release/loa (built by `cargo test --release --no-run`; `cargo build --release`
would compile a second variant of the dependencies) unless LOA names another binary. Generates
the ward with bench/gen_ward.py into bench/work/desk-N, starts `loa serve --no-pdf`, waits for
the first build, then BENCH_SAVES times: reads the form of one news item as a browser would
(every field and the body), changes its body, posts it with the session token and measures
  * save ms: the POST until its answer (the whole site checked with the edit, the file written);
  * save-to-preview ms: the POST until the item's page on the preview carries the new sentence
    (the save, the file event, the news-only rebuild, as a browser reloading sees it);
then removes BENCH_SAVES other news items ("Xoá tin bài này", then its confirmation) and measures
  * remove ms: the POST until its answer (the whole site checked without the file, a copy kept);
  * remove-to-preview ms: the POST until the item's page on the preview is gone (404).
Writes only under bench/work/.
"""
import html.parser
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
WORK = os.path.join(HERE, "work")
N = int(os.environ.get("BENCH_N", "1000"))
SAVES = int(os.environ.get("BENCH_SAVES", "5"))
DATE = "2026-11-22"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def get(url):
    with urllib.request.urlopen(url, timeout=60) as r:
        return r.read().decode("utf-8")


def post(url, pairs):
    """Posts a form as a browser does, without following the redirect; its HTTP status."""
    request = urllib.request.Request(
        url, data=urllib.parse.urlencode(pairs).encode(), method="POST",
        headers={"Content-Type": "application/x-www-form-urlencoded"})
    try:
        OPENER.open(request, timeout=120)
        return 200
    except urllib.error.HTTPError as e:
        return e.code


def wait_until(done, what, since):
    """Polls `done()` every 5 ms; stops the bench when it has not held for 120 s."""
    while not done():
        if time.perf_counter() - since > 120:
            raise SystemExit(f"desk_save: {what}")
        time.sleep(0.005)


class Form(html.parser.HTMLParser):
    """The pairs a browser submits for the desk's item form."""

    def __init__(self):
        super().__init__()
        self.pairs, self.inside, self.textarea = [], False, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("class") == "bieu-mau":
            self.inside = True
        if not self.inside:
            return
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind == "checkbox":
                if "checked" in a:
                    self.pairs.append((a["name"], a.get("value", "")))
            elif kind != "file":
                self.pairs.append((a["name"], a.get("value") or ""))
        if tag == "textarea":
            self.textarea = [a["name"], ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self.textarea is not None:
            name, value = self.textarea
            self.pairs.append((name, value[1:] if value.startswith("\n") else value))
            self.textarea = None
        if tag == "form":
            self.inside = False


def main():
    loa = os.environ.get("LOA") or os.path.join(REPO, "target", "release", "loa")
    if not os.path.exists(loa):
        subprocess.run(["cargo", "test", "--release", "--no-run", "--quiet"], cwd=REPO, check=True)
    os.makedirs(os.path.join(WORK, "bin"), exist_ok=True)
    copy = os.path.join(WORK, "bin", "loa-desk")
    shutil.copy2(loa, copy)
    site = os.path.join(WORK, f"desk-{N}")
    subprocess.run([sys.executable, os.path.join(HERE, "gen_ward.py"), str(N), "--out", site], check=True)
    for stale in [f for f in os.listdir(os.path.join(site, "content", "news")) if f.startswith("_")]:
        os.remove(os.path.join(site, "content", "news", stale))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    log = open(os.path.join(site, "serve-log.txt"), "w")
    t0 = time.perf_counter()
    server = subprocess.Popen([copy, "serve", "--root", site, "--port", str(port), "--date", DATE,
                               "--no-pdf"], stdout=log, stderr=subprocess.STDOUT)
    try:
        while True:
            try:
                get(base + "/ban-lam-viec/")
                get(base + "/")
                break
            except (OSError, urllib.error.URLError):
                if time.perf_counter() - t0 > 900:
                    raise SystemExit("desk_save: the server never came up")
                time.sleep(0.2)
        print(f"desk_save: N={N}: serve ready after {time.perf_counter() - t0:.1f} s")
        news = sorted(f[:-3] for f in os.listdir(os.path.join(site, "content", "news"))
                      if f.endswith(".md"))
        key = news[len(news) // 2]
        saves, previews = [], []
        for i in range(SAVES):
            form = Form()
            form.feed(get(f"{base}/ban-lam-viec/tin-tuc/sua/{key}"))
            pairs = form.pairs
            sentence = f"Câu thêm lần {i + 1} lúc {time.time_ns()}."
            pairs = [(n, (v.rstrip() + "\n\n" + sentence) if n == "_body" else v) for n, v in pairs]
            start = time.perf_counter()
            status = post(f"{base}/ban-lam-viec/tin-tuc/luu", pairs)
            saved = time.perf_counter()
            if status != 303:
                raise SystemExit(f"desk_save: the save answered {status}, not a redirect")
            url = f"{base}/tin-tuc/{key}/"
            wait_until(lambda: sentence in get(url), "the preview never showed the save", start)
            shown = time.perf_counter()
            saves.append((saved - start) * 1000)
            previews.append((shown - start) * 1000)
            print(f"  save {i + 1}: save {saves[-1]:.0f} ms, save to preview {previews[-1]:.0f} ms")
            time.sleep(0.5)
        print(f"desk_save: N={N}: save median {statistics.median(saves):.0f} ms, "
              f"save to preview median {statistics.median(previews):.0f} ms "
              f"(min {min(previews):.0f}, max {max(previews):.0f}) over {SAVES} saves")
        token = dict(pairs)["_token"]
        removes, gone = [], []
        for i in range(SAVES):
            victim = news[(len(news) // 3 + 7 * i) % len(news)]
            if victim == key:
                continue
            start = time.perf_counter()
            status = post(f"{base}/ban-lam-viec/tin-tuc/xoa", [("_token", token), ("_key", victim)])
            answered = time.perf_counter()
            if status not in (200, 303):
                raise SystemExit(f"desk_save: the removal answered {status}")

            def gone_from_preview():
                try:
                    get(f"{base}/tin-tuc/{victim}/")
                    return False
                except urllib.error.HTTPError as e:
                    return e.code == 404
            wait_until(gone_from_preview, "the preview still served a removed item", start)
            removes.append((answered - start) * 1000)
            gone.append((time.perf_counter() - start) * 1000)
            print(f"  remove {i + 1}: remove {removes[-1]:.0f} ms, remove to preview {gone[-1]:.0f} ms")
            time.sleep(0.5)
        print(f"desk_save: N={N}: remove median {statistics.median(removes):.0f} ms, "
              f"remove to preview median {statistics.median(gone):.0f} ms "
              f"(min {min(gone):.0f}, max {max(gone):.0f}) over {len(gone)} removals")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
