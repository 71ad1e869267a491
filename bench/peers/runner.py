#!/usr/bin/env python3
"""Runs the commands of one benchmark row round-robin (A B C, A B C, ...) so a burst of load from other work on the
machine hits every client alike, each run in a fresh, empty output folder. Records per run the wall time, the peak
resident set and CPU time (user + system; the child's rusage from wait4) and the files saved; appends one JSON line per command to RESULTS.

    runner.py RESULTS ROW REPS WARMUP OUT NAME=COMMAND...

COMMAND is split like a shell line (no shell); "{out}" in it is replaced by the output folder.
"""
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import time


def one_run(argv, out):
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    start = time.perf_counter()
    child = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    files = sum(len(f) for _, _, f in os.walk(out))
    return wall, usage.ru_maxrss, files, child.returncode, usage.ru_utime + usage.ru_stime


def main():
    results, row, reps, warmup, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    commands = []
    for spec in sys.argv[6:]:
        name, command = spec.split("=", 1)
        commands.append((name, command, shlex.split(command.replace("{out}", out))))
    runs = {name: [] for name, _, _ in commands}
    for _ in range(warmup):
        for _, _, argv in commands:
            one_run(argv, out)
    for _ in range(reps):
        for name, _, argv in commands:
            runs[name].append(one_run(argv, out))
    with open(results, "a") as f:
        for name, command, _ in commands:
            r = runs[name]
            line = {
                "row": row,
                "name": name,
                "command": command,
                "median": statistics.median(x[0] for x in r),
                "walls": [round(x[0], 4) for x in r],
                "rss_mb": statistics.median(x[1] for x in r) / 1024,
                "cpu": statistics.median(x[4] for x in r),
                "files": min(x[2] for x in r),
                "exit": sorted({x[3] for x in r}),
            }
            f.write(json.dumps(line) + "\n")
            print(f"{row}: {name} median {line['median']:.3f} s, {line['rss_mb']:.1f} MB, CPU {line['cpu']:.3f} s, {line['files']} files, exit {line['exit']}", file=sys.stderr)


if __name__ == "__main__":
    main()
