#!/usr/bin/env python3
"""Writes a synthetic ward for the statistics benchmark: the repository's site.toml with GROUPS
residential groups, its data/indicators.toml, and data/stats/so-lieu.csv with about ROWS monthly
figures (every indicator that is typed in, every group, consecutive months from 1950-01).

    bench/gen_stats.py --rows 1000000 --out bench/work/stats-1m
"""
import argparse
import os
import random
import re

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--groups", type=int, default=50)
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    site = open(os.path.join(REPO, "site.toml"), encoding="utf-8").read()
    site = site[: site.index("[[khu_dan_cu]]")]
    for g in range(1, args.groups + 1):
        site += f'[[khu_dan_cu]]\nma = "tdp-{g}"\nten = "Tổ dân phố {g}"\n\n'
    os.makedirs(os.path.join(args.out, "data", "stats"), exist_ok=True)
    with open(os.path.join(args.out, "site.toml"), "w", encoding="utf-8") as f:
        f.write(site)
    registry = open(os.path.join(REPO, "data", "indicators.toml"), encoding="utf-8").read()
    with open(os.path.join(args.out, "data", "indicators.toml"), "w", encoding="utf-8") as f:
        f.write(registry)
    # Indicators typed in (ratios computed from tu_so/mau_so are not).
    keys = []
    for block in registry.split("[[chi_so]]")[1:]:
        key = re.search(r'^ma = "([^"]+)"', block, re.M).group(1)
        if "tu_so" not in block:
            keys.append(key)
    months = -(-args.rows // (len(keys) * args.groups))
    rows = 0
    with open(os.path.join(args.out, "data", "stats", "so-lieu.csv"), "w", encoding="utf-8") as f:
        f.write("ky,khu_vuc,chi_so,gia_tri,ghi_chu\n")
        for m in range(months):
            year, month = 1950 + m // 12, m % 12 + 1
            for g in range(1, args.groups + 1):
                for key in keys:
                    f.write(f"{year}-{month:02},tdp-{g},{key},{rng.randint(0, 400)},\n")
                    rows += 1
    print(f"{rows} rows, {len(keys)} indicators, {args.groups} groups, {months} months -> {args.out}")


if __name__ == "__main__":
    main()
