#!/usr/bin/env python3
"""Formats runner.py's results as the peer table: one line per row, a column per client, the ratio of flags to the
best peer (below 1.00: flags is first), and the peak memory of the 10,000-file row. Files saved short of the
expected count are flagged with "!".

    table.py RESULTS FOUND [WORK]   (WORK is shown as $WORK in the commands)
"""
import json
import sys

results, found = sys.argv[1], int(sys.argv[2])
work = sys.argv[3] if len(sys.argv) > 3 else None
TITLES = {
    "one": ("start-up + 1 request", 1, "ms", None),
    "every": ("676 codes (482 are 404), C=30", found, "ms", None),
    "rtt30": (f"{found} flags, 100 ms RTT, C=30 (floor 0.800 s)", found, "s", 0.8),
    "rtt194": (f"{found} flags, 100 ms RTT, C=194 (floor 0.200 s)", found, "s", 0.2),
    "tenk": ("10,000 x 4 KB files, C=64", 10000, "s", None),
    "h2nginx": ("10,000 x 4 KB over HTTPS + HTTP/2 from nginx, C=64", 10000, "s", None),
    "h2flags": ("10,000 x 4 KB over HTTPS + HTTP/2 from flags serve --tls, C=64", 10000, "s", None),
}
CLIENTS = ["flags", "wget2", "curl", "aria2c", "aiohttp"]
rows = {}
for line in open(results):
    r = json.loads(line)
    rows.setdefault(r["row"], {})[r["name"]] = r


def shown(r, unit, expected):
    value = f"{r['median'] * 1000:.0f} ms" if unit == "ms" else f"{r['median']:.3f} s"
    return value + ("" if r["files"] >= expected else f" ! {r['files']} files")


print("| scenario | " + " | ".join(CLIENTS) + " | flags / best peer |")
print("|---|" + "---|" * len(CLIENTS) + "---|")
for key, (title, expected, unit, floor) in TITLES.items():
    if key not in rows:
        continue
    row = rows[key]
    cells = [shown(row[c], unit, expected) if c in row else "" for c in CLIENTS]
    peers = [row[c]["median"] for c in CLIENTS[1:] if c in row and row[c]["files"] >= expected]
    ratio = f"{row['flags']['median'] / min(peers):.2f}" if peers and "flags" in row else ""
    print(f"| {title} | " + " | ".join(cells) + f" | {ratio} |")
    if key == "tenk":
        cells = [f"{row[c]['rss_mb']:.0f} MB" if c in row else "" for c in CLIENTS]
        peers = [row[c]["rss_mb"] for c in CLIENTS[1:] if c in row]
        print("| peak memory, 10,000 files | " + " | ".join(cells) + f" | {row['flags']['rss_mb'] / min(peers):.2f} |")
print()
print("Medians of interleaved runs; memory: median of the runs' peak RSS. Commands:")
print()
for key in TITLES:
    for c, r in rows.get(key, {}).items():
        command = r["command"].replace(work, "$WORK") if work else r["command"]
        print(f"- {key} {c}: `{command}` (runs: {' '.join(f'{w:.3f}' for w in r['walls'])}; exit {r['exit']})")
