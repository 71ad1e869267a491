#!/usr/bin/env python3
"""CPython's ProcessPoolExecutor on the cases of bench/ProcessPool.Bench (same counts, same best-of-5 rounds), with
the multiprocessing start method given (fork, the default on Linux for 3.11; forkserver; spawn).

Prints one JSON object: microseconds per task for each case, start-up in milliseconds.
"""
import argparse
import json
import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor

ROUNDS = 5


def echo(value):
    return value


def best(run):
    times = []
    for _ in range(ROUNDS):
        t0 = time.perf_counter()
        run()
        times.append(time.perf_counter() - t0)
    return min(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--workers', type=int, default=2)
    parser.add_argument('--scale', type=float, default=1.0)
    parser.add_argument('--start-method', default='fork', choices=['fork', 'forkserver', 'spawn'])
    args = parser.parse_args()
    context = multiprocessing.get_context(args.start_method)
    single_count = int(2_000 * args.scale)
    submit_count = int(20_000 * args.scale)
    map_count = int(200_000 * args.scale)

    startups = []
    for _ in range(5):
        t0 = time.perf_counter()
        with ProcessPoolExecutor(max_workers=1, mp_context=context) as fresh:
            fresh.submit(echo, 1).result()
            startups.append(time.perf_counter() - t0)

    with ProcessPoolExecutor(max_workers=args.workers, mp_context=context) as pool:
        sum(pool.map(echo, range(1_000)))
        sum(pool.map(echo, range(10_000), chunksize=100))

        def single():
            for i in range(single_count):
                pool.submit(echo, i).result()

        def submit():
            futures = [pool.submit(echo, i) for i in range(submit_count)]
            for future in futures:
                future.result()

        def map_chunk():
            sum(pool.map(echo, range(map_count), chunksize=100))

        result = {
            'impl': 'cpython',
        'mode': args.start_method,
            'version': '.'.join(map(str, __import__('sys').version_info[:3])),
            'workers': args.workers,
            'single_us': round(best(single) / single_count * 1e6, 2),
            'submit_us': round(best(submit) / submit_count * 1e6, 2),
            'map_chunk_us': round(best(map_chunk) / map_count * 1e6, 3),
            'startup_ms': round(min(startups) * 1e3, 1),
        }
    print(json.dumps(result))


if __name__ == '__main__':
    main()
