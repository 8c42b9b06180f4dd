#!/usr/bin/env python3
"""Draws Waymark's app icons (a white waymark — a diamond on a post — on the brand
blue) as PNGs, with no image library. Run once; the PNGs are committed in public/icons."""
import struct, zlib, sys, os

BLUE = (29, 79, 145)
WHITE = (255, 255, 255)
GOLD = (255, 221, 0)

def draw(size, safe):
    # safe: fraction of the canvas the mark may use (maskable icons keep to the inner 80 %).
    px = []
    c = size / 2
    r = size * safe * 0.30          # diamond half-diagonal
    cy = size * 0.42                # diamond centre, a little above the middle
    post_w = size * safe * 0.07
    post_top, post_bot = cy + r * 0.6, size * (0.5 + safe * 0.40)
    for y in range(size):
        row = bytearray()
        for x in range(size):
            fx, fy = x + 0.5, y + 0.5
            col = BLUE
            if abs(fx - c) <= post_w / 2 and post_top <= fy <= post_bot:
                col = WHITE
            d = abs(fx - c) + abs(fy - cy)
            if d <= r:
                col = WHITE
            if d <= r * 0.45:
                col = GOLD
            row += bytes(col)
        px.append(bytes(row))
    return px

def png(path, size, safe):
    rows = draw(size, safe)
    raw = b''.join(b'\x00' + r for r in rows)
    def chunk(t, d):
        return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
    data = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', size, size, 8, 2, 0, 0, 0))
    data += chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b'')
    open(path, 'wb').write(data)

out = sys.argv[1] if len(sys.argv) > 1 else 'public/icons'
os.makedirs(out, exist_ok=True)
png(f'{out}/icon-192.png', 192, 1.0)
png(f'{out}/icon-512.png', 512, 1.0)
png(f'{out}/icon-maskable-512.png', 512, 0.8)
png(f'{out}/apple-touch-icon.png', 180, 0.9)
print('icons written to', out)
