#!/usr/bin/env python3
"""The Python peer of bench/peers: fetch URLs with aiohttp, at most M at once, one try each, each body saved to
OUT/<last path segment> (404s and errors counted, not saved).

    aio_fetch.py -m M -o OUT (-i LIST | URL...)
"""
import argparse
import asyncio
import os
import ssl
import sys

import aiohttp


async def fetch(session, limit, url, out, counts):
    async with limit:
        try:
            async with session.get(url) as response:
                if response.status != 200:
                    counts["not ok"] += 1
                    return
                body = await response.read()
        except aiohttp.ClientError:
            counts["error"] += 1
            return
    name = url.rsplit("/", 1)[-1].split("?", 1)[0]
    with open(os.path.join(out, name), "wb") as f:
        f.write(body)
    counts["ok"] += 1


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-m", type=int, default=30)
    parser.add_argument("-o", required=True)
    parser.add_argument("-i")
    parser.add_argument("--cacert")
    parser.add_argument("urls", nargs="*")
    args = parser.parse_args()
    urls = args.urls
    if args.i:
        with open(args.i) as f:
            urls = [line.split()[0] for line in f if line.strip()]
    context = ssl.create_default_context(cafile=args.cacert) if args.cacert else None
    counts = {"ok": 0, "not ok": 0, "error": 0}
    limit = asyncio.Semaphore(args.m)
    connector = aiohttp.TCPConnector(limit=args.m, ssl=context if context else None)
    async with aiohttp.ClientSession(connector=connector) as session:
        await asyncio.gather(*(fetch(session, limit, u, args.o, counts) for u in urls))
    print(counts, file=sys.stderr)
    return 0 if counts["error"] == 0 else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
