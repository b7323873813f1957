"""The effect lab's image operations, each measured on a picture built to show it, and upload validation."""

from __future__ import annotations

import inspect
import io
import math
import struct
import zlib

import numpy as np
import pytest
from PIL import Image

from lib.images import effects as fx
from lib.images.effects import EFFECTS, InvalidImage, apply, load_image, to_png_bytes
from lib.images.sample_photo import sample_photo

# --- Pictures and measures ----------------------------------------------------------------------------------


def grey(values: np.ndarray) -> Image.Image:
    """An RGB image whose three channels are ``values`` (clipped to 0..255)."""
    v = np.clip(np.rint(values), 0, 255).astype(np.uint8)
    return Image.fromarray(np.stack([v, v, v], axis=-1))


def noise(size: tuple[int, int] = (256, 256), seed: int = 3) -> Image.Image:
    w, h = size
    return grey(np.random.default_rng(seed).integers(0, 256, (h, w)))


def crossed_waves(angle_deg: float, size: int = 200, period: float = 6.0) -> Image.Image:
    """Two sine gratings: one varying along ``angle_deg``, one across it (so constant along it)."""
    t = math.radians(angle_deg)
    ux, uy = math.cos(t), -math.sin(t)  # array coordinates: y grows downwards
    y, x = np.mgrid[0:size, 0:size].astype(float)
    along, across = x * ux + y * uy, -x * uy + y * ux
    return grey(127.5 + 60 * np.sin(2 * np.pi * along / period) + 60 * np.sin(2 * np.pi * across / period))


def luma(img: Image.Image) -> np.ndarray:
    return np.asarray(img, dtype=float) @ np.array([0.299, 0.587, 0.114])


def directional_energy(img: Image.Image, angle_deg: float, margin: int = 30) -> tuple[float, float]:
    """Mean squared derivative along ``angle_deg`` and across it, away from the borders."""
    gy, gx = np.gradient(luma(img))
    t = math.radians(angle_deg)
    ux, uy = math.cos(t), -math.sin(t)
    inner = (slice(margin, -margin), slice(margin, -margin))
    along = (gx * ux + gy * uy)[inner]
    across = (-gx * uy + gy * ux)[inner]
    return float((along**2).mean()), float((across**2).mean())


def detail(img: Image.Image, centre: tuple[float, float], half: int = 10) -> float:
    """High-frequency energy (squared neighbour differences) in a window around a relative point."""
    v = luma(img)
    h, w = v.shape
    cx, cy = round(centre[0] * (w - 1)), round(centre[1] * (h - 1))
    win = v[max(cy - half, 0) : cy + half, max(cx - half, 0) : cx + half]
    return float((np.diff(win, axis=0) ** 2).mean() + (np.diff(win, axis=1) ** 2).mean())


def red_blue_ratio(img: Image.Image) -> float:
    rgb = np.asarray(img, dtype=float)
    return float(rgb[..., 0].mean() / max(rgb[..., 2].mean(), 1e-9))


def saturation(img: Image.Image) -> float:
    return float(np.asarray(img.convert("HSV"), dtype=float)[..., 1].mean())


def marker(size: tuple[int, int] = (200, 150), side: int = 20) -> Image.Image:
    """White, with a black square of ``side`` pixels exactly in the middle."""
    w, h = size
    img = Image.new("RGB", size, "white")
    img.paste((0, 0, 0), ((w - side) // 2, (h - side) // 2, (w + side) // 2, (h + side) // 2))
    return img


def dark_extent(img: Image.Image) -> tuple[int, int]:
    """Width and height of the box around pixels darker than mid-grey."""
    ys, xs = np.nonzero(luma(img) < 128)
    return int(xs.max() - xs.min() + 1), int(ys.max() - ys.min() + 1)


def png(img: Image.Image, **save_args: object) -> bytes:
    buffer = io.BytesIO()
    img.save(buffer, format="PNG", **save_args)
    return buffer.getvalue()


# --- Every effect -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(161, 97), (7, 3), (1, 1)])
@pytest.mark.parametrize("effect_id", list(EFFECTS))
def test_every_effect_keeps_size_and_mode_is_deterministic_and_leaves_its_input_alone(effect_id, size):
    img = sample_photo(size)
    before = img.tobytes()
    first = apply(effect_id, img)
    second = apply(effect_id, img)
    assert first.size == size
    assert first.mode == "RGB"
    assert first.tobytes() == second.tobytes()
    assert img.tobytes() == before


@pytest.mark.parametrize("end", ["min", "max"])
@pytest.mark.parametrize("size", [(161, 97), (1, 1)])
@pytest.mark.parametrize("effect_id", list(EFFECTS))
def test_every_effect_works_at_the_ends_of_its_sliders(effect_id, size, end):
    effect = EFFECTS[effect_id]
    values = {p.name: getattr(p, end) for p in effect.params}
    with np.errstate(all="raise"):  # no division by zero, overflow or NaN on the way
        out = apply(effect_id, sample_photo(size), **values)
    assert (out.size, out.mode) == (size, "RGB")


@pytest.mark.parametrize("effect_id", list(EFFECTS))
def test_every_effect_changes_the_sample_photo_at_its_defaults(effect_id):
    img = sample_photo((240, 180))
    out = np.asarray(apply(effect_id, img), dtype=float)
    assert np.abs(out - np.asarray(img, dtype=float)).mean() > 1.0


@pytest.mark.parametrize("effect", list(EFFECTS.values()), ids=list(EFFECTS))
def test_the_catalogue_matches_the_functions_it_names(effect):
    assert EFFECTS[effect.id] is effect
    names = [p.name for p in effect.params]
    assert len(names) == len(set(names))
    for p in effect.params:
        assert p.min <= p.default <= p.max, p
        assert p.step > 0, p
    keyword_only = {
        name: parameter
        for name, parameter in inspect.signature(effect.function).parameters.items()
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY
    }
    assert set(names) <= set(keyword_only)
    required = {n for n, parameter in keyword_only.items() if parameter.default is inspect.Parameter.empty}
    assert required <= set(names)
    assert effect.modifier
    assert effect.group in {"focus", "motion", "lens", "light"}


def test_integer_params_are_marked_for_integer_sliders():
    length = next(p for p in EFFECTS["motion_blur"].params if p.name == "length_px")
    strength = next(p for p in EFFECTS["fisheye"].params if p.name == "strength")
    assert length.is_integer
    assert not strength.is_integer


# --- Motion -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("angle", [0, 30, 45, 60, 90, 120, 160])
def test_motion_blur_removes_detail_along_its_direction_and_keeps_it_across(angle):
    img = crossed_waves(angle)
    along_before, across_before = directional_energy(img, angle)
    along, across = directional_energy(fx.motion_blur(img, angle_deg=angle, length_px=15), angle)
    assert along / along_before < 0.15
    assert across / across_before > 0.8


def test_horizontal_motion_blur_lowers_horizontal_gradients_far_more_than_vertical_ones():
    img = noise()
    before_x, before_y = directional_energy(img, 0)
    after_x, after_y = directional_energy(fx.motion_blur(img, angle_deg=0, length_px=20), 0)
    assert after_x / before_x < 0.02
    assert after_y / before_y > 5 * (after_x / before_x)


def test_motion_blur_direction_is_a_line_not_its_opposite_end():
    img = crossed_waves(30)
    assert fx.motion_blur(img, angle_deg=30).tobytes() == fx.motion_blur(img, angle_deg=210).tobytes()


def test_motion_blur_of_one_pixel_is_the_image():
    img = noise((40, 30))
    assert fx.motion_blur(img, length_px=1).tobytes() == img.tobytes()


def test_panning_keeps_the_subject_sharp_and_streaks_the_background():
    img = noise()
    out = fx.panning(img, subject=(0.5, 0.5), subject_size=0.3, angle_deg=0, length_px=30)
    assert detail(out, (0.5, 0.5)) / detail(img, (0.5, 0.5)) > 0.95
    assert detail(out, (0.1, 0.1)) / detail(img, (0.1, 0.1)) < 0.6
    gx_after = (np.diff(luma(out)[:40, :], axis=1) ** 2).mean()
    gx_before = (np.diff(luma(img)[:40, :], axis=1) ** 2).mean()
    assert gx_after / gx_before < 0.05


# --- Focus --------------------------------------------------------------------------------------------------


def test_depth_of_field_keeps_the_focus_point_sharp_and_blurs_far_away():
    img = noise()
    focus = (0.3, 0.3)
    out = fx.depth_of_field(img, focus=focus, strength=0.8)
    assert detail(out, focus) / detail(img, focus) > 0.95
    near = detail(out, (0.45, 0.45)) / detail(img, (0.45, 0.45))
    far = detail(out, (0.95, 0.95)) / detail(img, (0.95, 0.95))
    assert far < 0.1
    assert far < near  # blur grows with distance


def test_depth_of_field_with_no_strength_is_the_image():
    img = noise((64, 48))
    assert fx.depth_of_field(img, strength=0).tobytes() == img.tobytes()


def test_bokeh_makes_out_of_focus_highlights_glow():
    values = np.full((200, 200), 30.0)
    values[165:171, 165:171] = 255  # a small lamp far from the focus point
    img = grey(values)
    plain = luma(fx.depth_of_field(img, focus=(0.2, 0.2), strength=1.0, bokeh=0.0))[150:190, 150:190]
    glowing = luma(fx.depth_of_field(img, focus=(0.2, 0.2), strength=1.0, bokeh=1.0))[150:190, 150:190]
    assert glowing.max() > plain.max() + 20
    assert glowing.sum() > plain.sum()


def test_deep_focus_sharpens_a_little():
    img = sample_photo((256, 192))
    out = fx.deep_focus(img)
    assert detail(out, (0.5, 0.9), half=40) > 1.1 * detail(img, (0.5, 0.9), half=40)
    assert np.abs(luma(out) - luma(img)).mean() < 10
    assert fx.deep_focus(img, strength=0).tobytes() == img.tobytes()


def test_tilt_shift_keeps_its_band_sharp_and_blurs_above_and_below():
    img = noise()
    out = fx.tilt_shift(img, band_centre=0.5, band_height=0.2, blur=0.8, saturation=1.0)
    for x in (0.2, 0.5, 0.8):
        assert detail(out, (x, 0.5), half=8) / detail(img, (x, 0.5), half=8) > 0.95
        assert detail(out, (x, 0.05), half=8) / detail(img, (x, 0.05), half=8) < 0.15
        assert detail(out, (x, 0.95), half=8) / detail(img, (x, 0.95), half=8) < 0.15


def test_tilt_shift_boosts_saturation():
    img = sample_photo((240, 180))
    assert saturation(fx.tilt_shift(img, saturation=1.4)) > saturation(img) + 5


# --- Lenses -------------------------------------------------------------------------------------------------


def test_fisheye_keeps_the_centre_and_bends_straight_lines():
    img = noise((201, 151))
    out = fx.fisheye(img, strength=0.8)
    centre = (slice(67, 84), slice(92, 109))
    assert np.abs(luma(out)[centre] - luma(img)[centre]).mean() < 2

    values = np.full((151, 201), 128.0)
    values[36:39, :] = 255  # a straight white line a quarter of the way down (the fisheye's rim is black)
    bent = luma(fx.fisheye(grey(values), strength=0.8))
    rows = [int(np.argmax(bent[:75, x])) for x in range(40, 161, 10)]
    assert max(rows) - min(rows) >= 4  # no longer one row
    assert rows[len(rows) // 2] == min(rows)  # it bows away from the centre in the middle, a barrel
    assert rows[0] > rows[len(rows) // 2] and rows[-1] > rows[len(rows) // 2]


def test_fisheye_leaves_the_frame_edge_black_where_the_photo_has_nothing():
    out = np.asarray(fx.fisheye(Image.new("RGB", (120, 90), "white"), strength=1.0))
    assert out[0, 0].max() == 0
    assert out[45, 60].min() == 255


def test_wide_angle_darkens_the_corners_and_bows_lines():
    flat = Image.new("RGB", (200, 150), (200, 200, 200))
    out = luma(fx.wide_angle(flat, vignette=0.8, distortion=0.0))
    assert out[75, 100] > 190
    assert out[2, 2] < 0.7 * out[75, 100]
    values = np.full((151, 201), 255.0)
    values[20:23, :] = 0
    bent = luma(fx.wide_angle(grey(values), vignette=0.0, distortion=0.25))
    rows = [int(np.argmin(bent[:75, x])) for x in (10, 100, 190)]
    assert rows[1] < rows[0] and rows[1] < rows[2]  # a line above the centre bows upwards in the middle


@pytest.mark.parametrize(
    ("effect", "zoom"),
    [
        (lambda img: fx.telephoto(img, zoom=2.0, haze=0.0), 2.0),
        (lambda img: fx.lens_35mm(img), 35 / 24),
        (lambda img: fx.lens_35mm(img, source_mm=28), 35 / 28),
        (lambda img: fx.portrait_85mm(img, background_blur=0.0), 85 / 24),
        (lambda img: fx.macro(img, zoom=3.0, focus=(0.5, 0.5), strength=0.0), 3.0),
    ],
    ids=["telephoto", "35mm", "35mm_from_28mm", "85mm", "macro"],
)
def test_crop_lenses_keep_the_size_and_magnify_a_centred_marker(effect, zoom):
    img = marker()
    out = effect(img)
    assert out.size == img.size
    width, height = dark_extent(out)
    assert width == pytest.approx(20 * zoom, abs=3)
    assert height == pytest.approx(20 * zoom, abs=3)
    assert luma(out)[75, 100] < 30  # still centred


def test_macro_keeps_its_focus_point_in_view_and_sharp():
    img = noise((200, 200))
    crop = fx.macro(img, zoom=2.0, focus=(0.25, 0.25), strength=0.0)
    out = fx.macro(img, zoom=2.0, focus=(0.25, 0.25), strength=1.0)
    # The crop is [0, 100) in both axes, so the focus point (50, 50) lands in the middle, and stays sharp.
    assert detail(out, (0.5, 0.5), half=6) / detail(crop, (0.5, 0.5), half=6) > 0.95
    assert detail(out, (0.95, 0.95), half=6) / detail(crop, (0.95, 0.95), half=6) < 0.2


def test_portrait_85mm_blurs_the_background_around_a_sharp_centre():
    img = noise((300, 300))
    out = fx.portrait_85mm(img, source_mm=85, background_blur=1.0)  # no crop: only the blur
    assert detail(out, (0.5, 0.5), half=6) / detail(img, (0.5, 0.5), half=6) > 0.95
    assert detail(out, (0.05, 0.05), half=6) / detail(img, (0.05, 0.05), half=6) < 0.1


# --- Light --------------------------------------------------------------------------------------------------


@pytest.fixture
def photo() -> Image.Image:
    return sample_photo((256, 192))


def test_golden_hour_warms_the_picture(photo):
    assert red_blue_ratio(fx.golden_hour(photo)) > red_blue_ratio(photo) * 1.2
    assert red_blue_ratio(fx.golden_hour(photo, warmth=1.0)) > red_blue_ratio(
        fx.golden_hour(photo, warmth=0.3)
    )


def test_golden_hour_glow_comes_from_the_upper_right(photo):
    glow = luma(fx.golden_hour(photo, warmth=0.0, glow=1.0)) - luma(photo)
    assert glow[40:60, 220:256].mean() > glow[150:192, 0:40].mean() + 10


def test_blue_hour_cools_and_darkens_with_lifted_shadows(photo):
    out = fx.blue_hour(photo)
    assert red_blue_ratio(out) < red_blue_ratio(photo) * 0.8
    assert luma(out).mean() < luma(photo).mean()
    black = fx.blue_hour(Image.new("RGB", (8, 8), "black"))
    r, _, b = black.getpixel((4, 4))
    assert b > 10 and b > r  # the darkest point is a lifted blue, not black


def test_cloudy_flattens_contrast_and_colour(photo):
    out = fx.cloudy(photo)
    assert luma(out).std() < 0.8 * luma(photo).std()
    assert saturation(out) < 0.75 * saturation(photo)
    assert red_blue_ratio(out) < red_blue_ratio(photo)


def test_studio_neutralises_a_colour_cast_and_adds_local_contrast():
    rgb = np.asarray(noise((128, 128)), dtype=float) * 0.5 + 40
    rgb[..., 2] += 60  # a blue cast
    img = Image.fromarray(np.clip(rgb, 0, 255).astype(np.uint8))
    out = fx.studio(img, strength=1.0)
    means_before = np.asarray(img, dtype=float).reshape(-1, 3).mean(axis=0)
    means_after = np.asarray(out, dtype=float).reshape(-1, 3).mean(axis=0)
    assert np.ptp(means_after) < 0.6 * np.ptp(means_before)
    assert detail(out, (0.5, 0.5), half=40) > detail(img, (0.5, 0.5), half=40)


# --- apply() and the catalogue's checks ---------------------------------------------------------------------


def test_apply_uses_the_defaults_for_missing_params():
    img = sample_photo((96, 72))
    defaults = EFFECTS["golden_hour"].defaults
    assert apply("golden_hour", img).tobytes() == fx.golden_hour(img, **defaults).tobytes()
    assert (
        apply("golden_hour", img, warmth=1).tobytes() == fx.golden_hour(img, warmth=1.0, glow=0.5).tobytes()
    )


def test_apply_rejects_an_unknown_effect_with_the_known_ones():
    with pytest.raises(
        ValueError, match=r"unknown effect 'bokeh_lens'; choose one of: dof_shallow, dof_deep"
    ):
        apply("bokeh_lens", marker())


@pytest.mark.parametrize(
    ("effect_id", "params", "message"),
    [
        ("fisheye", {"strength": 1.5}, r"fisheye: strength=1.5 is out of range; use a value from 0 to 1"),
        (
            "motion_blur",
            {"length_px": 0},
            r"motion_blur: length_px=0 is out of range; use a value from 1 to 200",
        ),
        ("motion_blur", {"angle_deg": -5}, r"angle_deg=-5 is out of range; use a value from 0 to 180"),
        ("telephoto", {"zoom": float("nan")}, r"telephoto: zoom=nan is out of range"),
        (
            "fisheye",
            {"strenght": 0.5},
            r"fisheye: unknown parameter 'strenght'; its parameters are: strength",
        ),
        ("cloudy", {"strength": "0.5"}, r"cloudy: strength must be a number, got '0.5'"),
        ("cloudy", {"strength": True}, r"cloudy: strength must be a number, got True"),
    ],
)
def test_apply_rejects_bad_params_naming_the_param_and_its_range(effect_id, params, message):
    with pytest.raises(ValueError, match=message):
        apply(effect_id, marker(), **params)


def test_apply_downsizes_large_inputs_and_makes_them_rgb():
    big = Image.new("RGBA", (3000, 1200), (10, 20, 30, 255))
    out = apply("cloudy", big)
    assert out.size == (fx.MAX_SIDE, 819)
    assert out.mode == "RGB"
    assert fx.fit(marker()).size == (200, 150)


# --- Uploads ------------------------------------------------------------------------------------------------


def raw_png(width: int, height: int, idat: bytes = b"") -> bytes:
    """A PNG whose header claims ``width`` x ``height`` (and whose data need not match)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(idat))
        + chunk(b"IEND", b"")
    )


def reason(data: bytes, **limits: int) -> str:
    with pytest.raises(InvalidImage) as caught:
        load_image(data, **limits)
    assert caught.value.reason_key in fx.REASON_KEYS
    return caught.value.reason_key


def test_load_image_refuses_empty_text_and_truncated_files():
    photo_png = png(sample_photo((64, 48)))
    jpeg = io.BytesIO()
    sample_photo((64, 48)).save(jpeg, format="JPEG")
    assert reason(b"") == "img.err.empty"
    assert reason(b"hello") == "img.err.not_image"
    assert reason("그냥 텍스트 파일입니다\n".encode()) == "img.err.not_image"
    assert reason(photo_png[: len(photo_png) // 2]) == "img.err.corrupt"
    assert reason(photo_png[:-20]) == "img.err.corrupt"
    assert reason(jpeg.getvalue()[: len(jpeg.getvalue()) // 2]) == "img.err.corrupt"


def test_invalid_image_is_a_value_error_with_its_key_and_params():
    with pytest.raises(ValueError) as caught:
        load_image(raw_png(8000, 6000))
    assert isinstance(caught.value, InvalidImage)
    assert caught.value.reason_key == "img.err.too_large"
    assert caught.value.params == {"limit": "40 MP", "size": "8000x6000 (48 MP)"}


def test_load_image_refuses_decompression_bombs_before_decoding():
    assert reason(raw_png(100_000, 100_000)) == "img.err.too_large"  # Pillow's own bomb limit
    assert reason(raw_png(8000, 6000)) == "img.err.too_large"  # 48 MP, over our 40 MP
    assert reason(png(marker()), max_pixels=1000) == "img.err.too_large"
    assert reason(png(marker()), max_bytes=100) == "img.err.too_large"


def test_load_image_names_heic_as_unsupported_rather_than_not_an_image():
    heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(64)
    assert reason(heic) == "img.err.unsupported"


def test_load_image_reads_png_exactly():
    img = sample_photo((64, 48))
    out = load_image(png(img))
    assert out.mode == "RGB"
    assert out.tobytes() == img.tobytes()


def test_load_image_applies_exif_orientation_and_drops_the_metadata():
    stored = Image.new("RGB", (40, 20), (255, 0, 0))
    stored.paste((0, 0, 255), (20, 0, 40, 20))  # red left half, blue right half
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90 degrees clockwise to display"
    jpeg = io.BytesIO()
    stored.save(jpeg, format="JPEG", exif=exif, quality=95)
    out = load_image(jpeg.getvalue())
    assert out.size == (20, 40)
    top, bottom = out.getpixel((10, 5)), out.getpixel((10, 35))
    assert top[0] > 200 and top[2] < 50  # the left half is now on top
    assert bottom[2] > 200 and bottom[0] < 50
    assert "exif" not in out.info
    assert not Image.open(io.BytesIO(to_png_bytes(out))).getexif()


def test_load_image_flattens_transparency_onto_white():
    rgba = Image.new("RGBA", (4, 1), (255, 0, 0, 0))
    rgba.putpixel((1, 0), (0, 0, 0, 128))
    rgba.putpixel((2, 0), (0, 0, 255, 255))
    out = load_image(png(rgba))
    assert out.mode == "RGB"
    assert out.getpixel((0, 0)) == (255, 255, 255)
    assert out.getpixel((1, 0)) == pytest.approx((127, 127, 127), abs=1)
    assert out.getpixel((2, 0)) == (0, 0, 255)
    palette = Image.new("P", (2, 1))
    palette.putpalette([0, 0, 0, 255, 0, 0])
    palette.putpixel((1, 0), 1)
    assert load_image(png(palette, transparency=0)).getpixel((0, 0)) == (255, 255, 255)


def test_load_image_scales_16_bit_greyscale():
    deep = Image.fromarray(np.array([[0, 32768, 65535]], dtype=np.uint16))
    out = load_image(png(deep))
    assert [out.getpixel((x, 0))[0] for x in range(3)] == [0, 128, 255]


def test_to_png_bytes_round_trips():
    img = sample_photo((50, 40))
    data = to_png_bytes(img)
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert Image.open(io.BytesIO(data)).tobytes() == img.tobytes()


# --- The sample photo ---------------------------------------------------------------------------------------


def test_sample_photo_is_deterministic_and_sized():
    a, b = sample_photo((320, 240)), sample_photo((320, 240))
    assert (a.size, a.mode) == ((320, 240), "RGB")
    assert a.tobytes() == b.tobytes()
    assert sample_photo((320, 240), seed=1).tobytes() != a.tobytes()
    assert sample_photo().size == (1024, 768)
    with pytest.raises(ValueError):
        sample_photo((0, 10))


def test_sample_photo_has_what_the_effects_act_on():
    img = sample_photo()
    v = luma(img)
    rgb = np.asarray(img, dtype=float)
    assert (v > 240).sum() > 1000  # sun and lamps: highlights for bokeh and golden hour
    assert rgb[:100, :, 2].mean() > rgb[:100, :, 0].mean()  # a blue sky above
    assert v[700:, :].std() > 20  # grass: fine texture whose loss under blur shows
    assert (np.diff(v[700:, :], axis=1) ** 2).mean() > 200
    centre = rgb[500:540, 470:550]
    assert centre[..., 0].mean() > 2 * centre[..., 1].mean()  # the red subject in the middle
