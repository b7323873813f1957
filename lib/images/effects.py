"""Photo-style prompt modifiers as real image operations: the effect lab of the Images page.

Without an API key a class can still see what "shallow depth of field", "motion blur", "fisheye lens" or
"golden hour" mean: each modifier here is a small, documented simulation applied to a photo, labelled as a
simulation in the UI. None of them is optics: there is no depth map, so blur grows with distance from a focus
point on the picture, and a crop cannot add detail, so the "lenses" are as soft as a digital zoom. What they
show is the look each phrase asks an image model for.

Every effect is a pure function ``PIL.Image -> PIL.Image``: RGB in, a new RGB image of the same size out,
keyword parameters with defaults, deterministic. ``EFFECTS`` lists them with their slider ranges so a page can
build its controls generically, and ``apply`` validates parameters against that list. Speed comes from
Pillow's C filters (box and Gaussian blurs cost the same at any radius) and vectorised numpy; blur stacks are
computed at reduced resolution, which a blurred copy does not need.

>>> from lib.images.sample_photo import sample_photo
>>> out = apply("fisheye", sample_photo((160, 120)), strength=0.8)
>>> out.size, out.mode
((160, 120), 'RGB')
>>> apply("fisheye", out, strength=3)
Traceback (most recent call last):
...
ValueError: fisheye: strength=3 is out of range; use a value from 0 to 1
"""

from __future__ import annotations

import contextlib
import io
import math
import re
import struct
from collections.abc import Callable
from dataclasses import dataclass
from numbers import Real

import numpy as np
from PIL import Image, ImageEnhance, ImageFilter, ImageOps, UnidentifiedImageError

# apply() downsizes larger inputs first: every effect stays interactive, and a page shows at most 1-2k pixels.
MAX_SIDE = 2048
MAX_PIXELS = 40_000_000  # uploads above 40 megapixels are refused before decoding (decompression bombs)
MAX_BYTES = 30 * 1024 * 1024

# --- Uploads ------------------------------------------------------------------------------------------------

REASON_KEYS = (
    "img.err.empty",
    "img.err.not_image",
    "img.err.unsupported",
    "img.err.corrupt",
    "img.err.too_large",
)


class InvalidImage(ValueError):
    """An upload that cannot be used as a photo; ``reason_key`` is the i18n key of the user's message.

    ``params`` fill the message's placeholders (``{limit}``, ``{format}``); ``detail`` is Pillow's own text,
    for logs only.
    """

    def __init__(self, reason_key: str, *, detail: str = "", **params: object) -> None:
        assert reason_key in REASON_KEYS, reason_key
        super().__init__(f"{reason_key}: {detail}" if detail else reason_key)
        self.reason_key = reason_key
        self.detail = detail
        self.params = params


# Pillow's decoders signal a damaged file with any of these (a truncated stream, a bad chunk, a short read).
_DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, struct.error)
# Pillow's own bomb check: an error above twice Image.MAX_IMAGE_PIXELS, a warning above it (an error too where
# warnings are turned into errors).
_BOMB = (Image.DecompressionBombError, Image.DecompressionBombWarning)


def _megapixels(pixels: int) -> str:
    mp = pixels / 1e6
    return f"{mp:,.0f} MP" if mp >= 10 else f"{mp:.1f} MP"


def _megabytes(n: int) -> str:
    return f"{n / 2**20:.1f} MB"


def _bomb_size(exc: Exception) -> str:
    """The pixel count Pillow's bomb check names ("Image size (144000000 pixels) exceeds ..."), if it does."""
    found = re.search(r"\((\d+) pixels\)", str(exc))
    return _megapixels(int(found.group(1))) if found else "?"


def load_image(data: bytes, *, max_pixels: int = MAX_PIXELS, max_bytes: int = MAX_BYTES) -> Image.Image:
    """Decode an upload into an RGB image, upright per its EXIF orientation; raises ``InvalidImage``.

    The pixel count is checked from the header before anything is decoded, so a small file that claims to be
    huge (a decompression bomb) costs nothing. Transparency is flattened onto white; metadata is dropped.

    >>> try:
    ...     load_image(b"hello")
    ... except InvalidImage as exc:
    ...     exc.reason_key
    'img.err.not_image'
    """
    if not data:
        raise InvalidImage("img.err.empty")
    if len(data) > max_bytes:
        size, mb = _megabytes(len(data)), f"{max_bytes // 2**20} MB"
        raise InvalidImage("img.err.too_large", detail=f"{len(data)} bytes", limit=mb, size=size)
    limit = f"{max_pixels / 1e6:g} MP"
    try:
        probe = Image.open(io.BytesIO(data))
    except _BOMB as exc:
        raise InvalidImage("img.err.too_large", detail=str(exc), limit=limit, size=_bomb_size(exc)) from exc
    except UnidentifiedImageError as exc:
        if data[4:8] == b"ftyp":  # ISO media (HEIC from iPhones): an image, but Pillow has no decoder here
            raise InvalidImage("img.err.unsupported", detail=repr(data[8:12]), format="HEIC/HEIF") from exc
        raise InvalidImage("img.err.not_image") from exc
    except _DECODE_ERRORS as exc:  # recognised, but the header itself is cut short or damaged
        raise InvalidImage("img.err.corrupt", detail=str(exc)) from exc
    width, height = probe.size
    if width * height > max_pixels:
        size = f"{width}x{height} ({_megapixels(width * height)})"
        raise InvalidImage("img.err.too_large", detail=f"{width}x{height}", limit=limit, size=size)
    try:
        probe.verify()  # PNG: every chunk's checksum and the end marker, even if truncated loads are allowed
        img = Image.open(io.BytesIO(data))
        img.load()
    except _BOMB as exc:
        raise InvalidImage("img.err.too_large", detail=str(exc), limit=limit, size=_bomb_size(exc)) from exc
    except _DECODE_ERRORS as exc:
        raise InvalidImage("img.err.corrupt", detail=str(exc)) from exc
    with contextlib.suppress(*_DECODE_ERRORS):  # a damaged EXIF block: keep the pixels as stored
        img = ImageOps.exif_transpose(img)
    try:
        rgb = _as_rgb(img)
    except ValueError as exc:  # a colour mode Pillow cannot turn into RGB (e.g. a Lab TIFF)
        raise InvalidImage("img.err.unsupported", detail=str(exc), format=img.mode) from exc
    rgb.info.clear()  # drop EXIF (a phone photo's GPS position) so no later save can pass it on
    return rgb


def to_png_bytes(img: Image.Image, *, compress_level: int = 3) -> bytes:
    """The image as PNG bytes (for display and download); no EXIF or other metadata is written.

    Level 3 encodes a 1024x1024 photo about twice as fast as zlib's default 6, for files 10-20% larger: a page
    re-encodes on every slider move.
    """
    buffer = io.BytesIO()
    img.save(buffer, format="PNG", compress_level=compress_level)
    return buffer.getvalue()


def fit(img: Image.Image, max_side: int = MAX_SIDE) -> Image.Image:
    """``img`` as RGB, downsized to at most ``max_side`` on its longer side; what ``apply`` works on."""
    img = _as_rgb(img)
    w, h = img.size
    if max(w, h) <= max_side:
        return img
    scale = max_side / max(w, h)
    size = (max(1, round(w * scale)), max(1, round(h * scale)))
    return img.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)


def _as_rgb(img: Image.Image) -> Image.Image:
    if img.mode == "RGB":
        return img
    if img.mode.startswith("I") or img.mode == "F":
        # 16/32-bit greyscale: Pillow's own conversion clips at 255, so scale to 8 bits first.
        values = np.asarray(img, dtype=np.float32)
        peak = float(values.max()) if values.size else 0.0
        scale = 255 / 65535 if img.mode.startswith("I;16") or peak > 255 else (255 if peak <= 1 else 1)
        return Image.fromarray(np.clip(values * scale + 0.5, 0, 255).astype(np.uint8)).convert("RGB")
    if img.mode in ("RGBA", "LA", "PA", "La", "RGBa") or "transparency" in img.info:
        rgba = img.convert("RGBA")
        white = Image.new("RGBA", img.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("RGB")
    return img.convert("RGB")


# --- Shared machinery ---------------------------------------------------------------------------------------


def _floats(img: Image.Image) -> np.ndarray:
    return np.asarray(img, dtype=np.float32) * np.float32(1 / 255)


def _image(values: np.ndarray) -> Image.Image:
    return Image.fromarray((np.clip(values, 0, 1) * 255 + 0.5).astype(np.uint8))


def _luma(values: np.ndarray) -> np.ndarray:
    return values @ np.array([0.299, 0.587, 0.114], np.float32)


def _diagonal(img: Image.Image) -> float:
    return math.hypot(*img.size)


def _grid(w: int, h: int, factor: int, full: tuple[int, int]) -> tuple[np.ndarray, np.ndarray]:
    """Relative (0..1) coordinates of the pixel centres of a ``w`` x ``h`` grid covering ``full`` / factor."""
    xs = (np.arange(w, dtype=np.float32) + 0.5) * (factor / full[0])
    ys = (np.arange(h, dtype=np.float32) + 0.5) * (factor / full[1])
    return xs[None, :], ys[:, None]


_LEVELS = 4  # blurred copies at max/8, max/4, max/2 and max radius


def _variable_blur(
    img: Image.Image,
    amount: Callable[[np.ndarray, np.ndarray], np.ndarray],
    *,
    max_radius: float,
    bokeh: float = 0.0,
) -> Image.Image:
    """Blur each pixel by ``amount(x, y) * max_radius`` (x, y relative, amount 0..1; 0 keeps it untouched).

    Four Gaussian-blurred copies (radius max/8, max/4, max/2, max) are blended per pixel, the radius picking
    the two nearest copies on that doubling scale; below max/8 the original fades into the first copy, and
    pixels with amount 0 are the original's, exactly. A blurred copy holds no fine detail, so each is made
    from a downscaled image (a pyramid: the bigger the radius, the smaller the image, a few pixels of blur
    each), and only the blend is upsampled to full size. ``bokeh`` re-adds the near-white highlights with a
    gain before blurring: a lamp was far brighter than the white it was clipped to, so out of focus it should
    still glow as a soft ball rather than fade.
    """
    w, h = img.size
    radii = [max_radius / 2 ** (_LEVELS - k) for k in range(1, _LEVELS + 1)]
    if radii[0] < 0.25:
        return img.copy()
    factor = max(1, min(4, int(radii[0] / 1.2)))
    small = img.reduce(factor) if factor > 1 else img
    sw, sh = small.size
    xs, ys = _grid(sw, sh, factor, (w, h))
    radius = np.clip(amount(xs, ys), 0, 1) * max_radius
    # Level 0 is the sharp original, level k the k-th copy; between 0 and 1 the original fades into copy 1.
    level = np.where(
        radius < radii[0], radius / radii[0], 1 + np.log2(np.maximum(radius, radii[0]) / radii[0])
    )
    upper = np.clip(level, 1, _LEVELS)

    highlights = None
    if bokeh > 0:
        base = _floats(small)
        mask = np.clip((_luma(base) - 0.85) / 0.15, 0, 1) ** 2
        if mask.any():
            highlights = Image.fromarray((base * mask[..., None] * 255 + 0.5).astype(np.uint8))

    def blurred_copy(source: Image.Image, step: int, r: float) -> np.ndarray:
        reduced = source.reduce(step) if step > 1 else source
        out = reduced.filter(ImageFilter.GaussianBlur(r / (factor * step)))
        if step > 1:
            out = out.resize((sw, sh), Image.Resampling.BICUBIC, box=(0, 0, sw / step, sh / step))
        return _floats(out)

    blend = np.zeros((sh, sw, 3), np.float32)
    for k, r in enumerate(radii, start=1):
        weight = np.clip(1 - np.abs(upper - k), 0, 1)
        if not weight.any():
            continue
        step = 2 ** (k - 1)
        while step > 1 and min(sw, sh) < 8 * step:  # keep every level at least 8 pixels across
            step //= 2
        copy = blurred_copy(small, step, r)
        if highlights is not None:
            copy += blurred_copy(highlights, step, r) * np.float32(bokeh * 12 * r / max_radius)
        blend += copy * weight[..., None]
    blurred = _image(blend)
    alpha = Image.fromarray((np.clip(level, 0, 1) * 255 + 0.5).astype(np.uint8))
    if factor > 1:
        box = (0, 0, w / factor, h / factor)
        blurred = blurred.resize((w, h), Image.Resampling.BICUBIC, box=box)
        alpha = alpha.resize((w, h), Image.Resampling.BILINEAR, box=box)
    return Image.composite(blurred, img, alpha)


def _line_blur(pixels: np.ndarray, ux: float, uy: float, length: float) -> np.ndarray:
    """Convolve ``pixels`` (H x W x 3, uint8) with a straight line ``length`` pixels long along (ux, uy).

    The line is rasterised exactly: each column is shifted by a whole number of rows (a shear) so that the
    line becomes a row, a horizontal box blur (Pillow, any length at the same cost) runs along it, and the
    shear is undone. No resampling happens across the streaks, so detail along them survives. Steep lines
    run on the transposed image. Beyond the border the edge pixel repeats.
    """
    if abs(uy) > abs(ux):
        swapped = np.ascontiguousarray(pixels.transpose(1, 0, 2))
        return _line_blur(swapped, uy, ux, length).transpose(1, 0, 2)
    h, w = pixels.shape[:2]
    extent = length * abs(ux)  # columns the streak spans
    box = ImageFilter.BoxBlur(((extent - 1) / 2, 0))
    shift = np.rint((uy / ux) * (np.arange(w) - (w - 1) / 2)).astype(np.intp)
    if not shift.any():
        return np.asarray(Image.fromarray(pixels).filter(box))
    lo, hi = int(shift.min()), int(shift.max())
    columns = np.arange(w)
    # Sheared row r of column x holds source row r + shift[x]; rows run from -hi so every output pixel's
    # sheared row (y - shift[x]) exists.
    src_rows = np.clip(np.arange(-hi, h - lo)[:, None] + shift[None, :], 0, h - 1)
    flat = pixels.reshape(-1, 3)
    sheared = np.take(flat, src_rows * w + columns, axis=0)
    streaked = np.asarray(Image.fromarray(sheared).filter(box)).reshape(-1, 3)
    back_rows = np.arange(h)[:, None] - shift[None, :] + hi
    return np.take(streaked, back_rows * w + columns, axis=0)


def _remap(
    img: Image.Image, source_scale: Callable[[np.ndarray], np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """Radial inverse mapping: output pixel at radius r samples the source at ``r * source_scale(r)``.

    Radii are relative to the half-diagonal (corners at 1). Bilinear sampling; outside the source is black,
    with a one-pixel soft edge. Returns the float image and the radius map.
    """
    pixels = np.asarray(img)
    h, w = pixels.shape[:2]
    cx, cy = (w - 1) / 2, (h - 1) / 2
    half = max(math.hypot(w, h) / 2, 1.0)
    dx = ((np.arange(w, dtype=np.float32) - cx) / half)[None, :]
    dy = ((np.arange(h, dtype=np.float32) - cy) / half)[:, None]
    r = np.sqrt(dx * dx + dy * dy)
    scale = source_scale(r) * np.float32(half)
    sx = cx + dx * scale
    sy = cy + dy * scale
    cover = (
        np.clip(sx + 0.5, 0, 1)
        * np.clip(w - 0.5 - sx, 0, 1)
        * np.clip(sy + 0.5, 0, 1)
        * np.clip(h - 0.5 - sy, 0, 1)
    )
    sx = np.clip(sx, 0, w - 1)
    sy = np.clip(sy, 0, h - 1)
    x0 = np.minimum(sx.astype(np.intp), max(w - 2, 0))
    y0 = np.minimum(sy.astype(np.intp), max(h - 2, 0))
    fx = (sx - x0)[..., None]
    fy = (sy - y0)[..., None]
    x1 = np.minimum(x0 + 1, w - 1)
    y1 = np.minimum(y0 + 1, h - 1)
    flat = pixels.reshape(-1, 3)

    def at(ys: np.ndarray, xs: np.ndarray) -> np.ndarray:
        return np.take(flat, ys * w + xs, axis=0).astype(np.float32)

    top = at(y0, x0)
    top += (at(y0, x1) - top) * fx
    bottom = at(y1, x0)
    bottom += (at(y1, x1) - bottom) * fx
    top += (bottom - top) * fy
    top *= (cover * np.float32(1 / 255))[..., None]
    return top, r


def _zoom_crop(img: Image.Image, *, zoom: float, centre: tuple[float, float]) -> Image.Image:
    """The region 1/zoom of the frame around ``centre`` (kept inside the frame), resized back to full size."""
    w, h = img.size
    if zoom <= 1:
        return img.copy()
    cw, ch = w / zoom, h / zoom
    x0 = min(max(centre[0] * w - cw / 2, 0), w - cw)
    y0 = min(max(centre[1] * h - ch / 2, 0), h - ch)
    return img.resize((w, h), Image.Resampling.BICUBIC, box=(x0, y0, x0 + cw, y0 + ch))


def _radial_mask(
    size: tuple[int, int], *, centre: tuple[float, float], radius: float, feather: float
) -> Image.Image:
    """An "L" mask: 255 inside ``radius`` pixels of the relative ``centre``, fading to 0 over ``feather``."""
    w, h = size
    dx = (np.arange(w, dtype=np.float32) - (centre[0] * w - 0.5))[None, :]
    dy = (np.arange(h, dtype=np.float32) - (centre[1] * h - 0.5))[:, None]
    d = np.sqrt(dx * dx + dy * dy)
    inside = np.clip((radius - d) / max(feather, 1e-6), 0, 1)
    return Image.fromarray((inside * 255 + 0.5).astype(np.uint8))


# --- Focus --------------------------------------------------------------------------------------------------


def depth_of_field(
    img: Image.Image,
    *,
    focus: tuple[float, float] = (0.5, 0.5),
    strength: float = 0.6,
    focus_size: float = 0.12,
    bokeh: float = 0.5,
) -> Image.Image:
    """Shallow depth of field: sharp within ``focus_size`` of ``focus``, blur growing with distance beyond.

    ``focus`` is relative (0..1, 0..1); ``focus_size`` and distances are fractions of the image diagonal; the
    blur reaches its maximum (``strength`` x 3% of the diagonal, as a Gaussian radius) 0.45 diagonals past
    the sharp zone. ``bokeh`` (0..1) makes out-of-focus highlights glow.
    """
    img = _as_rgb(img)
    w, h = img.size
    diag = max(_diagonal(img), 1.0)
    fx, fy = focus
    kx, ky = np.float32(w / diag), np.float32(h / diag)

    def amount(xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        d = np.sqrt(((xs - fx) * kx) ** 2 + ((ys - fy) * ky) ** 2)
        return (d - focus_size) / 0.45

    return _variable_blur(img, amount, max_radius=strength * 0.03 * diag, bokeh=bokeh)


def deep_focus(img: Image.Image, *, strength: float = 0.5) -> Image.Image:
    """Deep focus: everything already sharp, so the image itself with mild sharpening (an unsharp mask).

    A photo cannot be made more in focus than it was shot; a phone photo usually already has deep focus.
    The light sharpening only makes the contrast with "shallow depth of field" visible.
    """
    img = _as_rgb(img)
    if strength <= 0:
        return img.copy()
    return img.filter(ImageFilter.UnsharpMask(radius=1.5, percent=round(120 * strength), threshold=2))


# --- Motion -------------------------------------------------------------------------------------------------


def motion_blur(img: Image.Image, *, angle_deg: float = 0.0, length_px: float = 40.0) -> Image.Image:
    """Motion blur: every pixel smeared along a straight line ``length_px`` long at ``angle_deg``.

    0 degrees is horizontal, 90 vertical, counter-clockwise as seen; the kernel is a real line (see
    ``_line_blur``), so detail across the motion stays sharp.
    """
    img = _as_rgb(img)
    if length_px <= 1:
        return img.copy()
    theta = math.radians(angle_deg)
    pixels = np.asarray(img)
    return Image.fromarray(_line_blur(pixels, math.cos(theta), -math.sin(theta), length_px))


def panning(
    img: Image.Image,
    *,
    subject: tuple[float, float] = (0.5, 0.5),
    subject_size: float = 0.35,
    angle_deg: float = 0.0,
    length_px: float = 60.0,
) -> Image.Image:
    """Panning shot: the background streaked by motion blur, the subject region kept sharp.

    The subject is a disc around ``subject`` (relative) whose diameter is ``subject_size`` x the shorter
    side, with a soft edge. A real pan keeps the subject's own colours out of the streaks; this simulation
    lets them bleed a little, which reads as the same thing at a glance.
    """
    img = _as_rgb(img)
    streaked = motion_blur(img, angle_deg=angle_deg, length_px=length_px)
    radius = subject_size * min(img.size) / 2
    mask = _radial_mask(img.size, centre=subject, radius=radius, feather=0.3 * radius)
    return Image.composite(img, streaked, mask)


# --- Lenses -------------------------------------------------------------------------------------------------


def fisheye(img: Image.Image, *, strength: float = 0.6) -> Image.Image:
    """Fisheye lens: barrel distortion that keeps the centre at its scale and bends straight lines.

    The photo is treated as rectilinear (r = f tan angle) and redrawn as an equidistant fisheye
    (r = f angle); ``strength`` 1 puts 83 degrees off-axis in the corners. The fisheye sees more than the
    photo holds, so the frame's edges, beyond what the photo shows, stay black like a fisheye's image circle.
    """
    img = _as_rgb(img)
    if strength <= 0:
        return img.copy()
    f = np.float32(1 / (strength * 1.45))
    limit = np.float32(math.pi / 2 - 0.02)

    def scale(r: np.ndarray) -> np.ndarray:
        angle = r / f
        inside = angle < limit
        safe = np.where(r > 1e-6, r, 1)
        ratio = np.where(r > 1e-6, f * np.tan(np.minimum(angle, limit)) / safe, 1)
        return np.where(inside, ratio, 1e6).astype(np.float32)  # beyond 90 degrees: far outside, so black

    values, _ = _remap(img, scale)
    return _image(values)


def wide_angle(img: Image.Image, *, vignette: float = 0.5, distortion: float = 0.12) -> Image.Image:
    """Wide-angle lens: mild barrel distortion that keeps the corners in place, plus natural vignetting.

    Source radius = r (1 - d + d r^2) with r relative to the half-diagonal, so lines bow outwards and the
    centre is enlarged by 1 / (1 - d). Darkening follows the cos^4 law of a lens: (1 + (v r)^2)^-2.
    """
    img = _as_rgb(img)
    k = np.float32(distortion)
    values, r = _remap(img, lambda r: (1 - k) + k * r * r)
    a = np.float32(vignette)
    falloff = 1 / (1 + (a * r) ** 2) ** 2
    return _image(values * falloff[..., None])


def telephoto(img: Image.Image, *, zoom: float = 2.0, haze: float = 0.1) -> Image.Image:
    """Telephoto lens: the centre 1/``zoom`` of the frame enlarged to full size, with a little haze.

    A long lens shows a narrow field of view, far things large; the faint haze (``haze`` 0..1 blends towards
    pale blue-grey) is the air between camera and a distant subject that flattens telephoto shots.
    """
    img = _as_rgb(img)
    out = _zoom_crop(img, zoom=zoom, centre=(0.5, 0.5))
    if haze > 0:
        out = Image.blend(out, Image.new("RGB", out.size, (196, 204, 214)), min(haze, 1.0))
    return out


def tilt_shift(
    img: Image.Image,
    *,
    band_centre: float = 0.55,
    band_height: float = 0.2,
    blur: float = 0.6,
    saturation: float = 1.3,
) -> Image.Image:
    """Tilt-shift "miniature": a sharp horizontal band, blur growing above and below it, brighter colours.

    ``band_centre`` and ``band_height`` are fractions of the height; the blur reaches its maximum
    (``blur`` x 2.5% of the diagonal) 0.35 heights beyond the band.
    """
    img = _as_rgb(img)
    half = band_height / 2

    def amount(xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        return np.broadcast_to((np.abs(ys - band_centre) - half) / 0.35, (ys.shape[0], xs.shape[1]))

    out = _variable_blur(img, amount, max_radius=blur * 0.025 * _diagonal(img))
    return ImageEnhance.Color(out).enhance(saturation) if saturation != 1 else out


def macro(
    img: Image.Image,
    *,
    zoom: float = 3.0,
    focus: tuple[float, float] = (0.5, 0.5),
    strength: float = 0.8,
) -> Image.Image:
    """Macro lens: a tight crop around ``focus`` enlarged to full size, with a very shallow depth of field."""
    img = _as_rgb(img)
    w, h = img.size
    crop = _zoom_crop(img, zoom=zoom, centre=focus)
    # Where the focus point landed in the crop (the crop is kept inside the frame, so not always the middle).
    cw, ch = w / max(zoom, 1), h / max(zoom, 1)
    x0 = min(max(focus[0] * w - cw / 2, 0), w - cw)
    y0 = min(max(focus[1] * h - ch / 2, 0), h - ch)
    inner = ((focus[0] * w - x0) / cw, (focus[1] * h - y0) / ch)
    return depth_of_field(crop, focus=inner, strength=strength, focus_size=0.08, bokeh=0.6)


# The sample photo and most phone main cameras are about a 24 mm full-frame equivalent; a longer lens from the
# same spot sees the centre source_mm / focal_mm of the frame.
SOURCE_MM = 24.0


def lens_35mm(img: Image.Image, *, source_mm: float = SOURCE_MM) -> Image.Image:
    """35 mm lens: a 35 mm field of view cut from a photo taken at ``source_mm`` (a centre crop)."""
    img = _as_rgb(img)
    return _zoom_crop(img, zoom=35 / source_mm, centre=(0.5, 0.5))


def portrait_85mm(
    img: Image.Image, *, source_mm: float = SOURCE_MM, background_blur: float = 0.6
) -> Image.Image:
    """85 mm portrait lens: an 85 mm field of view cut from ``source_mm``, its background blurred."""
    img = _as_rgb(img)
    crop = _zoom_crop(img, zoom=85 / source_mm, centre=(0.5, 0.5))
    return depth_of_field(crop, focus=(0.5, 0.5), strength=background_blur, focus_size=0.18, bokeh=0.6)


# --- Light --------------------------------------------------------------------------------------------------

_GLOW = np.array([1.0, 0.55, 0.2], np.float32)
_DUSK = np.array([0.20, 0.30, 0.60], np.float32)


def golden_hour(img: Image.Image, *, warmth: float = 0.6, glow: float = 0.5) -> Image.Image:
    """Golden hour: a warm grade (more red and orange, less blue), a low sun's glow from the upper right."""
    img = _as_rgb(img)
    w, h = img.size
    values = _floats(img)
    values *= 1 + np.float32(warmth) * np.array([0.16, 0.03, -0.28], np.float32)
    if glow > 0:
        diag = max(_diagonal(img), 1.0)
        xs, ys = _grid(w, h, 1, (w, h))
        d2 = ((xs - 1.0) * np.float32(w / diag)) ** 2 + ((ys - 0.2) * np.float32(h / diag)) ** 2
        light = np.float32(0.75 * glow) * np.exp(-d2 / np.float32(0.36))
        # Screen blend: light adds to dark areas and never clips bright ones into a flat patch.
        values = 1 - (1 - np.clip(values, 0, 1)) * (1 - light[..., None] * _GLOW)
    return _image(values)


def blue_hour(img: Image.Image, *, strength: float = 0.8) -> Image.Image:
    """Blue hour: cooler, darker, slightly desaturated, with the shadows lifted into a blue tint."""
    img = _as_rgb(img)
    s = np.float32(strength)
    values = _floats(img)
    luma = _luma(values)[..., None]
    values += (luma - values) * (0.25 * s)
    values *= (1 + s * np.array([-0.30, -0.12, 0.08], np.float32)) * (1 - 0.30 * s)
    values += _DUSK * (0.12 * s) * (1 - values)
    return _image(values)


def cloudy(img: Image.Image, *, strength: float = 0.7) -> Image.Image:
    """Overcast light: lower contrast and saturation (no hard shadows), slightly cooler."""
    img = _as_rgb(img)
    s = np.float32(strength)
    values = _floats(img)
    luma = _luma(values)[..., None]
    mean = np.float32(luma.mean()) if luma.size else np.float32(0.5)
    values += (luma - values) * (0.45 * s)
    values = mean + (values - mean) * (1 - 0.35 * s)
    values *= 1 + s * np.array([-0.04, 0.0, 0.05], np.float32)
    return _image(values)


def studio(img: Image.Image, *, strength: float = 0.7) -> Image.Image:
    """Studio light: colour cast neutralised, more local contrast, bright areas lifted to a clean white."""
    img = _as_rgb(img)
    w, h = img.size
    s = np.float32(strength)
    values = _floats(img)
    # Grey-world white balance, partial and bounded so a red subject does not turn the room cyan.
    means = values.reshape(-1, 3).mean(axis=0) if values.size else np.ones(3, np.float32)
    gains = 1 + (np.clip(means.mean() / np.maximum(means, 1e-3), 0.7, 1.4) - 1) * (0.7 * s)
    values *= gains
    # Local contrast ("clarity"): an unsharp mask whose blur (2% of the diagonal) is computed at 1/4 size.
    factor = 4 if min(w, h) >= 64 else 1
    small = img.reduce(factor) if factor > 1 else img
    blurred = small.filter(ImageFilter.GaussianBlur(0.02 * _diagonal(img) / factor))
    if factor > 1:
        blurred = blurred.resize((w, h), Image.Resampling.BILINEAR, box=(0, 0, w / factor, h / factor))
    values += (values - _floats(blurred) * gains) * (0.6 * s)
    luma = _luma(values)
    lift = np.clip((luma - 0.55) / 0.4, 0, 1)
    values += (1 - values) * (lift * lift * (3 - 2 * lift) * (0.35 * s))[..., None]
    return _image(values)


# --- Catalogue ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Param:
    """One slider: a keyword argument of an effect with its range, default and step."""

    name: str
    min: float
    max: float
    default: float
    step: float

    @property
    def is_integer(self) -> bool:
        """True when every bound is whole, so the slider can show integers."""
        return all(float(v).is_integer() for v in (self.min, self.max, self.default, self.step))


@dataclass(frozen=True)
class Effect:
    """One photo modifier as an image operation; ``function(img, **values)`` takes exactly ``params``."""

    id: str
    function: Callable[..., Image.Image]
    params: tuple[Param, ...]
    modifier: str  # the prompt words it gives a picture to
    group: str  # "focus", "motion", "lens" or "light": for grouping in the UI

    @property
    def defaults(self) -> dict[str, float]:
        """Each parameter's default value."""
        return {p.name: p.default for p in self.params}


def _dof_shallow(
    img: Image.Image, *, focus_x: float, focus_y: float, strength: float, bokeh: float
) -> Image.Image:
    return depth_of_field(img, focus=(focus_x, focus_y), strength=strength, bokeh=bokeh)


def _panning(
    img: Image.Image,
    *,
    subject_x: float,
    subject_y: float,
    subject_size: float,
    angle_deg: float,
    length_px: float,
) -> Image.Image:
    return panning(
        img,
        subject=(subject_x, subject_y),
        subject_size=subject_size,
        angle_deg=angle_deg,
        length_px=length_px,
    )


def _macro(img: Image.Image, *, zoom: float, focus_x: float, focus_y: float, strength: float) -> Image.Image:
    return macro(img, zoom=zoom, focus=(focus_x, focus_y), strength=strength)


_FOCUS_X = Param("focus_x", 0.0, 1.0, 0.5, 0.01)
_FOCUS_Y = Param("focus_y", 0.0, 1.0, 0.6, 0.01)  # the sample photo's subject is a little low
_ANGLE = Param("angle_deg", 0, 180, 0, 5)
_STRENGTH = Param("strength", 0.0, 1.0, 0.7, 0.05)

EFFECTS: dict[str, Effect] = {
    e.id: e
    for e in (
        Effect(
            "dof_shallow",
            _dof_shallow,
            (
                _FOCUS_X,
                _FOCUS_Y,
                Param("strength", 0.0, 1.0, 0.6, 0.05),
                Param("bokeh", 0.0, 1.0, 0.5, 0.05),
            ),
            "shallow depth of field",
            "focus",
        ),
        Effect("dof_deep", deep_focus, (Param("strength", 0.0, 1.0, 0.5, 0.05),), "deep focus", "focus"),
        Effect(
            "motion_blur",
            motion_blur,
            (_ANGLE, Param("length_px", 1, 200, 40, 1)),
            "motion blur",
            "motion",
        ),
        Effect(
            "panning",
            _panning,
            (
                Param("subject_x", 0.0, 1.0, 0.5, 0.01),
                Param("subject_y", 0.0, 1.0, 0.6, 0.01),
                Param("subject_size", 0.05, 1.0, 0.35, 0.05),
                _ANGLE,
                Param("length_px", 1, 200, 60, 1),
            ),
            "panning shot",
            "motion",
        ),
        Effect("fisheye", fisheye, (Param("strength", 0.0, 1.0, 0.6, 0.05),), "fisheye lens", "lens"),
        Effect(
            "wide_angle",
            wide_angle,
            (Param("vignette", 0.0, 1.0, 0.5, 0.05), Param("distortion", 0.0, 0.3, 0.12, 0.01)),
            "wide-angle lens",
            "lens",
        ),
        Effect(
            "telephoto",
            telephoto,
            (Param("zoom", 1.0, 4.0, 2.0, 0.1), Param("haze", 0.0, 0.5, 0.1, 0.05)),
            "telephoto lens",
            "lens",
        ),
        Effect(
            "tilt_shift",
            tilt_shift,
            (
                Param("band_centre", 0.0, 1.0, 0.55, 0.01),
                Param("band_height", 0.02, 0.8, 0.2, 0.01),
                Param("blur", 0.0, 1.0, 0.6, 0.05),
                Param("saturation", 1.0, 2.0, 1.3, 0.05),
            ),
            "tilt-shift, miniature effect",
            "lens",
        ),
        Effect(
            "macro",
            _macro,
            (
                Param("zoom", 1.5, 6.0, 3.0, 0.1),
                _FOCUS_X,
                _FOCUS_Y,
                Param("strength", 0.0, 1.0, 0.8, 0.05),
            ),
            "macro lens, extreme close-up",
            "lens",
        ),
        Effect("lens_35mm", lens_35mm, (Param("source_mm", 14, 35, 24, 1),), "35mm lens", "lens"),
        Effect(
            "portrait_85mm",
            portrait_85mm,
            (Param("source_mm", 14, 85, 24, 1), Param("background_blur", 0.0, 1.0, 0.6, 0.05)),
            "85mm portrait lens",
            "lens",
        ),
        Effect(
            "golden_hour",
            golden_hour,
            (Param("warmth", 0.0, 1.0, 0.6, 0.05), Param("glow", 0.0, 1.0, 0.5, 0.05)),
            "golden hour",
            "light",
        ),
        Effect("blue_hour", blue_hour, (Param("strength", 0.0, 1.0, 0.8, 0.05),), "blue hour", "light"),
        Effect("cloudy", cloudy, (_STRENGTH,), "overcast, cloudy day", "light"),
        Effect("studio", studio, (_STRENGTH,), "studio lighting", "light"),
    )
}

# The slider label of every parameter above (i18n keys; the strings are in lib/images/strings.py).
PARAM_LABEL_KEYS: dict[str, str] = {
    "angle_deg": "lab.param.angle_deg",
    "background_blur": "lab.param.background_blur",
    "band_centre": "lab.param.band_centre",
    "band_height": "lab.param.band_height",
    "blur": "lab.param.blur",
    "bokeh": "lab.param.bokeh",
    "distortion": "lab.param.distortion",
    "focus_x": "lab.param.focus_x",
    "focus_y": "lab.param.focus_y",
    "glow": "lab.param.glow",
    "haze": "lab.param.haze",
    "length_px": "lab.param.length_px",
    "saturation": "lab.param.saturation",
    "source_mm": "lab.param.source_mm",
    "strength": "lab.param.strength",
    "subject_size": "lab.param.subject_size",
    "subject_x": "lab.param.subject_x",
    "subject_y": "lab.param.subject_y",
    "vignette": "lab.param.vignette",
    "warmth": "lab.param.warmth",
    "zoom": "lab.param.zoom",
}


def _check(effect: Effect, name: str, value: object) -> float:
    params = {p.name: p for p in effect.params}
    if name not in params:
        known = ", ".join(params) or "none"
        raise ValueError(f"{effect.id}: unknown parameter {name!r}; its parameters are: {known}")
    if isinstance(value, bool) or not isinstance(value, Real):
        raise ValueError(f"{effect.id}: {name} must be a number, got {value!r}")
    p = params[name]
    if not p.min <= value <= p.max:  # also refuses NaN
        raise ValueError(
            f"{effect.id}: {name}={float(value):g} is out of range; use a value from {p.min:g} to {p.max:g}"
        )
    return float(value)


def apply(effect_id: str, img: Image.Image, **params: float) -> Image.Image:
    """Run one catalogue effect with checked parameters (missing ones take their defaults).

    The input is first made RGB and downsized to ``MAX_SIDE`` on its longer side (see ``fit``), so the
    result has the working size, not necessarily the input's. Raises ``ValueError`` naming the unknown effect
    or parameter, or the parameter and its allowed range.
    """
    effect = EFFECTS.get(effect_id)
    if effect is None:
        raise ValueError(f"unknown effect {effect_id!r}; choose one of: {', '.join(EFFECTS)}")
    values = effect.defaults | {name: _check(effect, name, value) for name, value in params.items()}
    return effect.function(fit(img), **values)
