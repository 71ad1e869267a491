"""CPython's concurrent.futures on the same machine, for comparison with bench/Futures.Benchmarks.

Measures the same shapes as the .NET benchmarks: submit-and-collect of 100,000 no-op tasks on
ThreadPoolExecutor(max_workers=4), map over 100,000 items (chunksize is ignored by the thread pool), and
as_completed over 100,000 futures. Prints nanoseconds per task and tasks per second, best of REPEATS runs.

    python3 bench/cpython/submit_rate.py
"""

import platform
import sys
import time
from concurrent.futures import ThreadPoolExecutor, as_completed

COUNT = 100_000
REPEATS = 3


def noop():
    return 1


def identity(x):
    return x


def submit_and_collect(executor):
    futures = [executor.submit(noop) for _ in range(COUNT)]
    return sum(f.result() for f in futures)


def map_all(executor):
    return sum(executor.map(identity, range(COUNT)))


def as_completed_all(executor):
    futures = [executor.submit(noop) for _ in range(COUNT)]
    return sum(f.result() for f in as_completed(futures))


def best_of(fn, executor):
    best = float("inf")
    for _ in range(REPEATS):
        start = time.perf_counter()
        fn(executor)
        best = min(best, time.perf_counter() - start)
    return best


def main():
    print(f"CPython {platform.python_version()} on {platform.machine()}, {COUNT:,} tasks, best of {REPEATS}")
    with ThreadPoolExecutor(max_workers=4) as executor:
        for name, fn in [("submit-and-collect", submit_and_collect), ("map", map_all), ("as_completed", as_completed_all)]:
            seconds = best_of(fn, executor)
            print(f"{name:20} {seconds * 1e9 / COUNT:10.0f} ns/task {COUNT / seconds:12,.0f} tasks/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
