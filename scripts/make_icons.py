"""Draw the portal's app icons (web app manifest, home-screen shortcut) with Pillow.

Run once after changing the design, and commit the PNGs it writes to static/icons/:
    .venv/bin/python scripts/make_icons.py

A medal (a white disc with the portal's blue star, two gold ribbon tails) on the
portal's blue. Everything sits inside the central 80 % circle, so launchers that
cut the icon to a circle or a squircle ("maskable") keep the whole drawing.
"""

import math
from pathlib import Path

from PIL import Image, ImageDraw

BLUE = (13, 110, 253)
DARK_BLUE = (10, 88, 202)
WHITE = (255, 255, 255)
GOLD = (255, 193, 7)
OUT = Path(__file__).resolve().parent.parent / "static" / "icons"
SUPERSAMPLE = 4


def star(cx: float, cy: float, outer: float, inner: float) -> list[tuple[float, float]]:
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return points


def draw(size: int) -> Image.Image:
    s = size * SUPERSAMPLE
    image = Image.new("RGB", (s, s), BLUE)
    pen = ImageDraw.Draw(image)
    # A darker disc inside the safe zone gives the shape depth on a light home screen.
    pen.ellipse([s * 0.12, s * 0.12, s * 0.88, s * 0.88], fill=DARK_BLUE)
    # The medal's two ribbon tails, notched at the end.
    for side in (-1, 1):
        tail = [(0.02, 0.50), (0.15, 0.50), (0.22, 0.80), (0.16, 0.75), (0.09, 0.80)]
        pen.polygon([(s * (0.5 + side * dx), s * y) for dx, y in tail], fill=GOLD)
    # The medal: a white disc with the blue star.
    pen.ellipse([s * 0.29, s * 0.22, s * 0.71, s * 0.64], fill=WHITE)
    pen.polygon(star(s * 0.5, s * 0.435, s * 0.17, s * 0.07), fill=BLUE)
    return image.resize((size, size), Image.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for size in (192, 512, 180, 32):
        name = "apple-touch-icon.png" if size == 180 else f"icon-{size}.png"
        draw(size).save(OUT / name, optimize=True)
        print(OUT / name)


if __name__ == "__main__":
    main()
