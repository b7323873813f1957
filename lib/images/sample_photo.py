"""A built-in sample photo, drawn by code, for the effect lab.

The picture is generated procedurally and deterministically (seeded), so the project ships no binary whose
licence is unclear: it is the project's own work, under the project's licence. It is built to give every
effect something to act on: a sky gradient and a low sun (golden hour, bokeh), lit windows and lamp globes
(small highlights that bloom when blurred), a horizon, a building's window grid and a perspective tiled floor
(straight lines that a fisheye bends), a red ball in the centre (a subject to keep sharp or magnify), and
grass and brickwork (fine texture whose loss under blur can be measured).

>>> photo = sample_photo((320, 240))
>>> photo.size, photo.mode
((320, 240), 'RGB')
"""

from __future__ import annotations

import numpy as np
from PIL import Image

SAMPLE_SIZE = (1024, 768)

# Palette (linear 0..1 RGB); named so the scene reads as a list of things.
_SKY_TOP = np.array([0.18, 0.36, 0.74], np.float32)
_SKY_HORIZON = np.array([0.96, 0.80, 0.62], np.float32)
_SUN = np.array([1.0, 0.97, 0.86], np.float32)
_SUN_HALO = np.array([1.0, 0.70, 0.38], np.float32)
_HILLS = np.array([0.40, 0.47, 0.56], np.float32)
_TILE_LIGHT = np.array([0.86, 0.83, 0.77], np.float32)
_TILE_DARK = np.array([0.33, 0.31, 0.31], np.float32)
_BRICK = np.array([0.68, 0.40, 0.30], np.float32)
_MORTAR = np.array([0.80, 0.74, 0.66], np.float32)
_GLASS = np.array([0.14, 0.21, 0.34], np.float32)
_WINDOW_LIT = np.array([1.0, 0.90, 0.58], np.float32)
_POST = np.array([0.12, 0.12, 0.14], np.float32)
_LAMP = np.array([1.0, 0.96, 0.80], np.float32)
_BALL = np.array([0.85, 0.08, 0.10], np.float32)
_BAND = np.array([0.97, 0.95, 0.90], np.float32)
_GRASS = np.array([0.22, 0.52, 0.16], np.float32)


def _over(canvas: np.ndarray, colour: np.ndarray, alpha: np.ndarray) -> None:
    """Paint ``colour`` (an RGB triple or an image) over ``canvas`` with coverage ``alpha``, in place."""
    canvas += (colour - canvas) * alpha[..., None]


def _disc(canvas: np.ndarray, cx: float, cy: float, r: float, colour: np.ndarray) -> None:
    """An antialiased disc (coverage falls off over one pixel at the rim), drawn only inside its box."""
    h, w = canvas.shape[:2]
    x0, x1 = max(0, int(cx - r - 2)), min(w, int(cx + r + 3))
    y0, y1 = max(0, int(cy - r - 2)), min(h, int(cy + r + 3))
    if x0 >= x1 or y0 >= y1:
        return
    ys, xs = np.ogrid[y0:y1, x0:x1]
    d = np.sqrt((xs - cx) ** 2 + (ys - cy) ** 2, dtype=np.float32)
    _over(canvas[y0:y1, x0:x1], colour, np.clip(r - d + 0.5, 0, 1))


def _ground(canvas: np.ndarray, horizon: int, rng: np.random.Generator) -> None:
    h, w = canvas.shape[:2]
    below = np.arange(1, h - horizon + 1, dtype=np.float32)[:, None]
    xs = np.arange(w, dtype=np.float32)[None, :]
    # A tiled floor seen in perspective: tile coordinates are screen offsets divided by the depth below the
    # horizon, so rows of tiles get thinner towards the horizon and the joints converge on one point.
    u = (xs - w / 2) / below * 4.0
    v = h * 2.2 / below
    tiles = ((np.floor(u) + np.floor(v)) % 2).astype(np.float32)
    floor = _TILE_DARK + (_TILE_LIGHT - _TILE_DARK) * tiles[..., None]
    # Far tiles fade into haze (as in a real photo), which also hides the moire of tiles smaller than a pixel.
    haze = np.clip(below / (0.3 * h), 0, 1)[..., None] ** 2
    canvas[horizon:] = _SKY_HORIZON * 0.8 + (floor - _SKY_HORIZON * 0.8) * haze
    # Grass along the bottom: blades of random height and shade, one a column, plus fine grain.
    top = int(h * 0.88)
    blade_top = top + (rng.random(w) * 0.05 * h).astype(int)
    shade = 0.55 + 0.45 * rng.random(w, dtype=np.float32)
    grain = 0.85 + 0.3 * rng.random((h - top, w), dtype=np.float32)
    rows = np.arange(top, h)[:, None]
    alpha = (rows >= blade_top[None, :]).astype(np.float32)
    grass = _GRASS * (shade[None, :] * grain)[..., None]
    _over(canvas[top:], grass, alpha)


def _building(canvas: np.ndarray, horizon: int, rng: np.random.Generator) -> None:
    h, w = canvas.shape[:2]
    x0, x1 = int(0.04 * w), int(0.30 * w)
    y0, y1 = int(0.14 * h), horizon + int(0.07 * h)
    ys, xs = np.ogrid[y0:y1, x0:x1]
    brick_h = max(2, h // 128)
    course = (ys - y0) // brick_h
    brick_w = 3 * brick_h
    joint = ((ys - y0) % brick_h == 0) | (((xs - x0) + (course % 2) * (brick_w // 2)) % brick_w == 0)
    canvas[y0:y1, x0:x1] = np.where(joint[..., None], _MORTAR, _BRICK)
    # A grid of windows: four columns, six floors; some are lit (small bright highlights for bokeh).
    cols, floors = 4, 6
    cell_w, cell_h = (x1 - x0) / cols, (horizon - y0) / floors
    lit = rng.random((floors, cols)) < 0.35
    for f in range(floors):
        for c in range(cols):
            wx0, wx1 = int(x0 + (c + 0.25) * cell_w), int(x0 + (c + 0.75) * cell_w)
            wy0, wy1 = int(y0 + (f + 0.2) * cell_h), int(y0 + (f + 0.75) * cell_h)
            canvas[wy0:wy1, wx0:wx1] = _WINDOW_LIT if lit[f, c] else _GLASS
            canvas[wy0:wy1, (wx0 + wx1) // 2] = _MORTAR  # mullion: one more straight line
    canvas[y0 : y0 + max(2, h // 150), x0:x1] = _MORTAR * 0.7  # roof edge


def _lamps(canvas: np.ndarray, horizon: int) -> None:
    h, w = canvas.shape[:2]
    for x_rel, height in ((0.66, 0.30), (0.78, 0.36), (0.92, 0.44)):
        x = int(x_rel * w)
        base = horizon + int(height * 0.55 * h)
        top = base - int(height * h)
        half = max(1, w // 400)
        canvas[top:base, x - half : x + half + 1] = _POST
        _disc(canvas, x, top, max(2.0, 0.018 * h), _LAMP)


def _ball(canvas: np.ndarray, cx: float, cy: float, r: float) -> None:
    h, w = canvas.shape[:2]
    # Its shadow first: a soft dark ellipse on the floor.
    sy0, sy1 = max(0, int(cy + 0.6 * r)), min(h, int(cy + 1.25 * r))
    sx0, sx1 = max(0, int(cx - 1.5 * r)), min(w, int(cx + 1.5 * r))
    if sy0 < sy1 and sx0 < sx1:
        ys, xs = np.ogrid[sy0:sy1, sx0:sx1]
        e = ((xs - cx - 0.2 * r) / (1.2 * r)) ** 2 + ((ys - cy - 0.95 * r) / (0.22 * r)) ** 2
        _over(canvas[sy0:sy1, sx0:sx1], np.zeros(3, np.float32), 0.55 * np.clip(1 - e, 0, 1) ** 0.7)
    y0, y1 = max(0, int(cy - r - 2)), min(h, int(cy + r + 3))
    x0, x1 = max(0, int(cx - r - 2)), min(w, int(cx + r + 3))
    ys, xs = np.ogrid[y0:y1, x0:x1]
    nx, ny = (xs - cx) / r, (ys - cy) / r
    rr = nx**2 + ny**2
    nz = np.sqrt(np.clip(1 - rr, 0, 1))
    # Lambert shading from the upper right (where the sun is) and a small specular highlight.
    light = np.array([0.55, -0.55, 0.63])
    light /= np.linalg.norm(light)
    diffuse = np.clip(nx * light[0] + ny * light[1] + nz * light[2], 0, 1)
    half = light + np.array([0.0, 0.0, 1.0])
    half /= np.linalg.norm(half)
    spec = np.clip(nx * half[0] + ny * half[1] + nz * half[2], 0, 1) ** 60
    band = np.clip((0.16 - np.abs(ny + 0.25 * nx)) * r + 0.5, 0, 1)  # a white band: detail on the subject
    base = _BALL + (_BAND - _BALL) * band[..., None]
    colour = base * (0.22 + 0.78 * diffuse)[..., None] + spec[..., None]
    alpha = np.clip((1 - np.sqrt(rr)) * r + 0.5, 0, 1)
    _over(canvas[y0:y1, x0:x1], colour.astype(np.float32), alpha.astype(np.float32))


def sample_photo(size: tuple[int, int] = SAMPLE_SIZE, *, seed: int = 7) -> Image.Image:
    """A generated outdoor scene: sky, sun, building, tiled floor, lamps, red ball, grass (RGB, seeded)."""
    w, h = size
    if w < 1 or h < 1:
        raise ValueError(f"size must be positive, got {size}")
    rng = np.random.default_rng(seed)
    canvas = np.empty((h, w, 3), np.float32)
    horizon = int(0.5 * h)

    ys = np.arange(h, dtype=np.float32)[:, None, None]
    t = np.clip(ys / max(horizon, 1), 0, 1) ** 0.8
    canvas[:] = _SKY_TOP + (_SKY_HORIZON - _SKY_TOP) * t

    sun_x, sun_y = 0.80 * w, 0.22 * h
    hy1 = min(h, int(sun_y + 0.45 * h))
    yy, xx = np.ogrid[0:hy1, 0:w]
    d2 = ((xx - sun_x) ** 2 + (yy - sun_y) ** 2) / (0.16 * h) ** 2
    _over(canvas[:hy1], _SUN_HALO, (0.55 * np.exp(-d2)).astype(np.float32))
    _disc(canvas, sun_x, sun_y, 0.045 * h, _SUN)

    xs = np.arange(w, dtype=np.float32)
    ridge = horizon - h * (0.035 + 0.025 * np.sin(xs / w * 9.0 + 1.0) + 0.012 * np.sin(xs / w * 23.0))
    rows = np.arange(horizon, dtype=np.float32)[:, None]
    _over(canvas[:horizon], _HILLS, np.clip(rows - ridge[None, :] + 0.5, 0, 1))

    _ground(canvas, horizon, rng)
    _building(canvas, horizon, rng)
    _lamps(canvas, horizon)
    _ball(canvas, 0.5 * w, 0.6 * h, 0.13 * h)
    return Image.fromarray((np.clip(canvas, 0, 1) * 255 + 0.5).astype(np.uint8))
