"""gpt-image-2: its free sizes checked before sending (each refusal names the rule), output compression, and
editing a photo (multipart image + prompt + optional mask); every combination the form allows, and the edit,
checked against the spec by the Prism mock."""

from __future__ import annotations

import io
import itertools
from concurrent.futures import ThreadPoolExecutor

import pytest
from PIL import Image

from lib import images
from lib.core.i18n import t
from lib.core.providers import make_client
from lib.core.settings import SidebarInput, resolve


def png(size=(320, 200), mode="RGB", fmt="PNG") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, (40, 120, 200) if mode == "RGB" else (40, 120, 200, 255)).save(out, format=fmt)
    return out.getvalue()


# --- free sizes ---


@pytest.mark.parametrize(
    ("size", "text", "experimental"),
    [
        ("1024x1024", "1024x1024", False),
        ("1536x864", "1536x864", False),
        ("16x48", "16x48", False),  # exactly 1:3, the smallest a multiple of 16 allows
        ("48x16", "48x16", False),
        ("2560x1440", "2560x1440", False),  # the last size before "experimental"
        ("1440x2560", "1440x2560", False),
        ("2576x1440", "2576x1440", True),
        ("2560x1456", "2560x1456", True),
        ("2048x2048", "2048x2048", True),
        ("3840x2160", "3840x2160", True),  # the largest
        ("2160x3840", "2160x3840", True),  # upright
        ("3840x1280", "3840x1280", True),  # 3:1 at the widest
        (" 1536 X 864 ", "1536x864", False),  # written loosely, sent exactly
        ("1536×864", "1536x864", False),
    ],
)
def test_sizes_within_the_rules_pass(size: str, text: str, experimental: bool) -> None:
    checked = images.check_size(size)
    assert (checked.text, checked.experimental) == (text, experimental)
    built = images.build_request(model="gpt-image-2", prompt="a fox", size=size)
    assert built.params()["size"] == text


@pytest.mark.parametrize(
    ("size", "key", "named"),
    [
        ("1000x1000", "img.rule.size.multiple", "divisible by 16 (try 992x992)"),
        ("1536x860", "img.rule.size.multiple", "divisible by 16"),
        ("1544x864", "img.rule.size.multiple", "divisible by 16"),  # 1544 = 8 * 193
        ("16x64", "img.rule.size.ratio", "between 1:3 and 3:1 (this is 4.0:1)"),
        ("3200x1056", "img.rule.size.ratio", "between 1:3 and 3:1"),  # 3.03:1
        ("3856x2160", "img.rule.size.max", "3840x2160"),
        ("3840x2176", "img.rule.size.max", "3840x2160"),
        ("2176x2176", "img.rule.size.max", "3840x2160"),  # short side over 2160
        ("4800x1600", "img.rule.size.max", "3840x2160"),  # 3:1 but too long
        ("big", "img.rule.size.format", "WIDTHxHEIGHT"),
        ("", "img.rule.size.format", "WIDTHxHEIGHT"),
        ("0x1024", "img.rule.size.format", "WIDTHxHEIGHT"),
        ("-16x16", "img.rule.size.format", "WIDTHxHEIGHT"),
        ("1536x", "img.rule.size.format", "WIDTHxHEIGHT"),
        ("1536x864x2", "img.rule.size.format", "WIDTHxHEIGHT"),
    ],
)
def test_forbidden_sizes_are_refused_before_sending_with_the_rule_named(size, key, named) -> None:
    with pytest.raises(images.RequestRuleError) as info:
        images.build_request(model="gpt-image-2", prompt="a fox", size=size)
    assert info.value.key == key
    assert named in t(key, "en", **info.value.values)
    assert t(key, "ko", **info.value.values)  # and in Korean


def test_a_snapshot_or_a_newer_gpt_image_takes_free_sizes_and_older_ones_do_not() -> None:
    assert (
        images.build_request(model="gpt-image-2-2026-04-21", prompt="x", size="1536x864").size == "1536x864"
    )
    assert images.rules_for("gpt-image-3").custom_sizes
    with pytest.raises(images.RequestRuleError) as info:
        images.build_request(model="gpt-image-1", prompt="x", size="1536x864")
    assert info.value.key == "img.rule.size"
    with pytest.raises(images.RequestRuleError):
        images.build_request(model="dall-e-3", prompt="x", size="auto")


def test_every_preset_passes_the_rules() -> None:
    for size in images.MODELS["gpt-image-2"].sizes:
        images.check_size(size)


@pytest.mark.parametrize("shape", [(1280, 853), (853, 1280), (4000, 500), (500, 4000), (17, 17), (1, 1000)])
def test_size_like_keeps_the_photo_shape_within_the_rules(shape) -> None:
    checked = images.check_size(images.size_like(*shape))
    assert checked is not None and not checked.experimental
    w, h = shape
    if 1 / 3 <= w / h <= 3:
        assert abs(checked.width / checked.height - w / h) < 0.1 * max(w / h, 1)


def test_compression_goes_with_jpeg_or_webp_only() -> None:
    made = images.build_request(model="gpt-image-2", prompt="x", output_format="jpeg", output_compression=40)
    assert made.params()["output_compression"] == 40
    assert "output_compression" not in images.build_request(model="gpt-image-2", prompt="x").params()
    for kwargs in (
        {"output_format": "png", "output_compression": 50},
        {"output_format": "webp", "output_compression": 101},
    ):
        with pytest.raises(images.RequestRuleError) as info:
            images.build_request(model="gpt-image-2", prompt="x", **kwargs)
        assert info.value.key == "img.rule.compression"
    with pytest.raises(images.RequestRuleError):
        images.build_request(model="dall-e-3", prompt="x", output_compression=50)


# --- editing a photo ---


def test_an_edit_sends_the_photo_the_prompt_and_the_mask() -> None:
    photo = png()
    mask = images.make_mask(photo, "keep_centre")
    request = images.build_edit(
        model="gpt-image-2", prompt=images.edit_prompt("golden_hour"), image=photo, mask=mask, size="320x208"
    )
    params = request.params()
    assert params["image"] == ("photo.png", photo, "image/png")
    assert params["mask"] == ("mask.png", mask, "image/png")
    assert params["model"] == "gpt-image-2" and "golden hour" in params["prompt"]
    assert "response_format" not in params and "style" not in params
    assert images.plan_cost([request]).images == 1  # class budgets count an edit as an image


def test_generated_masks_mark_what_may_change_with_transparency() -> None:
    photo = png((400, 300))
    for shape, centre, corner in (("keep_centre", 255, 0), ("edit_centre", 0, 255)):
        with Image.open(io.BytesIO(images.make_mask(photo, shape))) as mask:
            assert mask.size == (400, 300) and mask.mode == "RGBA"
            alpha = mask.getchannel("A")
            assert alpha.getpixel((200, 150)) == centre and alpha.getpixel((2, 2)) == corner
    preview = images.mask_preview(photo, images.make_mask(photo, "edit_centre"))
    with Image.open(io.BytesIO(preview)) as shown:
        assert shown.getpixel((200, 150)) != (40, 120, 200)  # the area that may change is tinted
        assert shown.getpixel((2, 2)) == (40, 120, 200)


@pytest.mark.parametrize(
    ("kwargs", "key"),
    [
        ({"model": "dall-e-3"}, "img.rule.edit.model"),
        ({"mask": png((100, 100), "RGBA")}, "img.rule.edit.mask_size"),
        ({"mask": png()}, "img.rule.edit.mask"),  # no alpha: nothing marks what may change
        ({"mask": png(fmt="JPEG")}, "img.rule.edit.mask"),
        ({"image": b"not an image"}, "img.rule.edit.image"),
        ({"image": png(fmt="GIF")}, "img.rule.edit.image"),
        ({"model": "dall-e-2", "size": "1024x1024", "quality": "standard"}, "img.rule.edit.dalle2"),
        ({"size": "1000x1000"}, "img.rule.size.multiple"),
    ],
)
def test_edits_the_model_would_refuse_are_refused_first(kwargs, key) -> None:
    args = {"model": "gpt-image-2", "prompt": "x", "image": png(), **kwargs}
    with pytest.raises(images.RequestRuleError) as info:
        images.build_edit(**args)
    assert info.value.key == key
    assert t(key, "en", **info.value.values) and t(key, "ko", **info.value.values)


# --- over HTTP, checked by the spec ---


def _client(url: str):
    return make_client(
        resolve(SidebarInput(provider="compatible", base_url=url, api_key="sk-test"), {}, {}), max_retries=0
    )


def form_combinations() -> list[images.ImageRequest]:
    """Every size (each preset and a custom one) x quality x format the form offers for gpt-image-2; the
    backgrounds, n at its limits and the compression slider's ends are spread over them, so each appears."""
    rules = images.MODELS["gpt-image-2"]
    sizes = [*rules.sizes, "1536x864", "1024x3072"]
    backgrounds = itertools.cycle(rules.backgrounds)
    ns = itertools.cycle([1, rules.max_n])
    compressions = itertools.cycle([0, 55, 100])
    out = []
    for size, quality, fmt in itertools.product(sizes, rules.qualities, rules.output_formats):
        background = next(backgrounds)
        if background == "transparent" and fmt == "jpeg":
            background = "opaque"
        out.append(
            images.build_request(
                model="gpt-image-2",
                prompt="a red fox in the snow",
                size=size,
                quality=quality,
                n=next(ns),
                output_format=fmt,
                background=background,
                output_compression=None if fmt == "png" else next(compressions),
            )
        )
    return out


@pytest.mark.prism
def test_every_combination_the_form_allows_for_gpt_image_2_passes_the_spec(prism) -> None:
    client = _client(prism.url)
    requests = form_combinations()
    assert len(requests) == 9 * 4 * 3
    assert {r.background for r in requests} == {"auto", "opaque", "transparent"}
    assert {r.output_compression for r in requests} == {None, 0, 55, 100}
    mark = prism.mark()
    with ThreadPoolExecutor(4) as pool:  # Prism answers slowly one by one; a few at a time is kinder
        list(pool.map(lambda r: client.images.generate(**r.params()), requests))
    verdicts = prism.verdicts(since=mark, settle=1.0)
    passed = [v for v in verdicts if "✔" in v]
    assert len(passed) == len(requests), [v for v in verdicts if "✔" not in v][:3]


@pytest.mark.prism
@pytest.mark.parametrize("with_mask", [False, True])
def test_an_edit_passes_the_spec_and_comes_back_decoded(prism, with_mask: bool) -> None:
    photo = png((512, 384))
    request = images.build_edit(
        model="gpt-image-2",
        prompt=images.edit_prompt("fisheye"),
        image=photo,
        mask=images.make_mask(photo, "edit_centre") if with_mask else None,
        size=images.size_like(512, 384),
        quality="low",
        output_format="webp",
        output_compression=80,
    )
    mark = prism.mark()
    made = images.edit(_client(prism.url), request, modifier="fisheye")
    verdicts = prism.verdicts(since=mark)
    assert verdicts and all("✔" in v for v in verdicts), verdicts
    assert made[0].source == photo and made[0].modifier == "fisheye" and made[0].format == "png"
    assert made[0].params["size"] == "512x384"


@pytest.mark.prism
def test_the_spec_checks_the_edit_multipart(prism) -> None:
    """The mock checks an edit's form: without the photo it refuses, so the passes above mean something."""
    import http.client
    from urllib.parse import urlsplit

    boundary = "testboundary"
    fields = {"model": "gpt-image-2", "prompt": "a fox"}  # no image
    body = (
        "".join(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'
            for k, v in fields.items()
        )
        + f"--{boundary}--\r\n"
    )
    target = urlsplit(prism.url)
    conn = http.client.HTTPConnection(target.hostname, target.port, timeout=60)
    conn.request(
        "POST",
        "/v1/images/edits",
        body=body.encode(),
        headers={
            "content-type": f"multipart/form-data; boundary={boundary}",
            "authorization": "Bearer sk-test",
        },
    )
    status = conn.getresponse().status
    conn.close()
    assert status == 422
