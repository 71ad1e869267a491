#!/usr/bin/env python3
"""Draws eng/icon/icon.png, the packages' icon: three work items of different lengths leaving a rounded square,
the shape of a pool's timeline. Standard library only (zlib), so it runs anywhere: python3 eng/icon/make-icon.py"""
import pathlib
import struct
import zlib

SIZE = 128
BACKGROUND = (0x2B, 0x4C, 0x7E)
BAR = (0xF5, 0xF7, 0xFA)
DONE = (0x7F, 0xD1, 0xAE)
RADIUS = 24
# (row of the bar's top, its length in pixels, whether it ends in a "done" dot)
BARS = [(30, 72, True), (56, 46, True), (82, 88, False)]


def inside_rounded_square(x: int, y: int) -> bool:
    cx = min(max(x, RADIUS), SIZE - 1 - RADIUS)
    cy = min(max(y, RADIUS), SIZE - 1 - RADIUS)
    return (x - cx) ** 2 + (y - cy) ** 2 <= RADIUS ** 2


def pixel(x: int, y: int) -> tuple[int, int, int, int]:
    if not inside_rounded_square(x, y):
        return (0, 0, 0, 0)
    for top, length, done in BARS:
        left = 20
        if top <= y < top + 16 and left <= x < left + length:
            return (*BAR, 255)
        if done and (x - (left + length + 12)) ** 2 + (y - (top + 8)) ** 2 <= 7 ** 2:
            return (*DONE, 255)
    return (*BACKGROUND, 255)


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def main() -> None:
    rows = b"".join(b"\x00" + bytes(v for x in range(SIZE) for v in pixel(x, y)) for y in range(SIZE))
    png = (b"\x89PNG\r\n\x1a\n"
           + chunk(b"IHDR", struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(rows, 9))
           + chunk(b"IEND", b""))
    out = pathlib.Path(__file__).with_name("icon.png")
    out.write_bytes(png)
    print(f"{out}: {len(png)} bytes")


if __name__ == "__main__":
    main()
