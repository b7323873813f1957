"""Image request rules, prompt composition and decoding; every allowed request checked by the spec mock."""

from __future__ import annotations

import base64
import io
import itertools

import openai
import pytest
from PIL import Image

from lib import images
from lib.core.i18n import STRINGS
from lib.core.providers import make_client
from lib.core.settings import SidebarInput, resolve
from lib.messages import user_message
from tests.harness.fault_server import FaultServer, Reply


def png_b64(size=(4, 3), fmt="PNG") -> str:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(out, format=fmt)
    return base64.b64encode(out.getvalue()).decode()


def allowed_requests(model: str) -> list[images.ImageRequest]:
    """Every combination the form offers for a model (n at its limits)."""
    rules = images.MODELS[model]
    combos = itertools.product(
        rules.sizes,
        rules.qualities,
        rules.styles or [None],
        rules.output_formats or [None],
        rules.backgrounds or [None],
        sorted({1, rules.max_n}),
    )
    out = []
    for size, quality, style, fmt, background, n in combos:
        if background == "transparent" and fmt == "jpeg":
            continue
        out.append(
            images.build_request(
                model=model,
                prompt="a red fox in the snow",
                size=size,
                quality=quality,
                style=style,
                output_format=fmt,
                background=background,
                n=n,
            )
        )
    return out


@pytest.mark.parametrize("model", list(images.MODELS))
def test_model_is_always_sent_and_only_its_own_options(model: str) -> None:
    for request in allowed_requests(model):
        params = request.params()
        assert params["model"] == model
        if images.MODELS[model].family == "gpt-image":
            assert "response_format" not in params and "style" not in params
            assert {"output_format", "background"} <= set(params)
        else:
            assert params["response_format"] == "b64_json"
            assert "output_format" not in params and "background" not in params
        if model != "dall-e-3":
            assert "style" not in params


@pytest.mark.parametrize(
    ("kwargs", "key"),
    [
        (dict(model="dall-e-3", n=2), "img.rule.n"),
        (dict(model="dall-e-3", size="512x512"), "img.rule.size"),
        (dict(model="dall-e-3", quality="high"), "img.rule.quality"),
        (dict(model="dall-e-2", quality="hd"), "img.rule.quality"),
        (dict(model="dall-e-2", size="1792x1024"), "img.rule.size"),
        (dict(model="dall-e-2", style="vivid"), "img.rule.style"),
        (dict(model="dall-e-2", n=11), "img.rule.n"),
        (dict(model="gpt-image-1", style="natural"), "img.rule.style"),
        (dict(model="gpt-image-1", quality="hd"), "img.rule.quality"),
        (dict(model="gpt-image-1", size="256x256"), "img.rule.size"),
        (
            dict(model="gpt-image-1", output_format="jpeg", background="transparent"),
            "img.rule.transparent_jpeg",
        ),
        (dict(model="dall-e-3", output_format="png"), "img.rule.option"),
        (dict(model="dall-e-3", background="transparent"), "img.rule.option"),
        (dict(model="dall-e-4"), "img.rule.model"),
        (dict(model="dall-e-3", prompt="   "), "img.rule.empty"),
    ],
)
def test_what_the_api_rejects_is_refused_before_sending(kwargs: dict, key: str) -> None:
    kwargs = {"prompt": "a fox", **kwargs}
    with pytest.raises(images.RequestRuleError) as info:
        images.build_request(**kwargs)
    assert info.value.key == key


@pytest.mark.parametrize(("model", "limit"), [("dall-e-2", 1000), ("dall-e-3", 4000), ("gpt-image-1", 32000)])
def test_prompt_length_limits(model: str, limit: int) -> None:
    images.build_request(model=model, prompt="x" * limit)
    with pytest.raises(images.RequestRuleError) as info:
        images.build_request(model=model, prompt="x" * (limit + 7))
    assert info.value.key == "img.rule.too_long" and info.value.values["over"] == 7


def test_compose_prompt_is_exact_and_ordered() -> None:
    assert images.compose_prompt("  a fox  ", []) == "a fox"
    final = images.compose_prompt("a fox", ["motion_blur", "blue_hour"], " film grain ")
    assert final == (
        "a fox, motion blur on the fast-moving subject, long exposure, "
        "blue hour, soft cool twilight, film grain"
    )


def test_grid_has_one_plain_prompt_and_one_per_modifier() -> None:
    grid = images.grid_prompts("a fox", ["fisheye", "studio"])
    assert [m for m, _ in grid] == [None, "fisheye", "studio"]
    assert grid[0][1] == "a fox" and grid[1][1].endswith("fisheye lens, strong barrel distortion")


def test_every_modifier_is_explained_in_both_languages_and_has_an_effect() -> None:
    groups = {m.group for m in images.MODIFIERS}
    assert groups == set(images.GROUPS)
    for m in images.MODIFIERS:
        label, explain = STRINGS[m.label_key], STRINGS[m.explain_key]
        assert label["ko"] and label["en"] and explain["ko"] and explain["en"] and m.phrase
        assert m.effect
    assert {
        "dof_shallow",
        "dof_deep",
        "motion_blur",
        "panning",
        "fisheye",
        "golden_hour",
        "blue_hour",
    } <= set(images.MODIFIERS_BY_ID)


def test_decode_b64_png_jpeg() -> None:
    data, kind = images.decode_b64_image(png_b64())
    assert kind == "png" and Image.open(io.BytesIO(data)).size == (4, 3)
    assert images.decode_b64_image(png_b64(fmt="JPEG"))[1] == "jpeg"
    assert images.as_png(base64.b64decode(png_b64(fmt="JPEG")))[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(
    ("payload", "key"),
    [
        (None, "img.err.no_data"),
        ("", "img.err.no_data"),
        ("not base64 at all!", "img.err.bad_base64"),
        (base64.b64encode(b"hello, I am text").decode(), "img.err.not_image"),
        (png_b64()[:40], "img.err.not_image"),  # valid base64 of a cut-off PNG
        (png_b64()[:41], "img.err.bad_base64"),
    ],
)
def test_decode_rejects_corrupt_payloads(payload, key: str) -> None:
    with pytest.raises(images.InvalidImageData) as info:
        images.decode_b64_image(payload)
    assert info.value.key == key


def test_truncated_png_is_not_an_image() -> None:
    raw = base64.b64decode(png_b64((64, 64)))
    with pytest.raises(images.InvalidImageData):
        images.decode_b64_image(base64.b64encode(raw[: len(raw) // 2]).decode())


# --- over HTTP ---


def _client(url: str):
    return make_client(
        resolve(SidebarInput(provider="compatible", base_url=url, api_key="sk-test"), {}, {}), max_retries=0
    )


@pytest.mark.prism
# gpt-image-2's free sizes make its full product too long for the mock: tests/test_images_today.py sends every
# size x quality x format it allows, with the other options spread over them.
@pytest.mark.parametrize("model", [m for m, rules in images.MODELS.items() if not rules.custom_sizes])
def test_every_allowed_request_passes_the_spec(prism, model: str) -> None:
    client = _client(prism.url)
    requests = allowed_requests(model)
    mark = prism.mark()
    for request in requests:
        client.images.generate(**request.params())
    verdicts = prism.verdicts(since=mark)
    assert len(verdicts) == len(requests)
    assert all("✔" in v for v in verdicts), [v for v in verdicts if "✔" not in v][:3]


@pytest.mark.prism
def test_generate_against_the_mock_decodes_its_png(prism) -> None:
    request = images.build_request(model="gpt-image-1", prompt="a fox", size="1024x1024", quality="low")
    made = images.generate(_client(prism.url), request, modifier="fisheye")
    assert made and made[0].format == "png" and made[0].modifier == "fisheye"
    assert made[0].cost_usd == pytest.approx(0.011)
    assert Image.open(io.BytesIO(made[0].data)).size == (1, 1)


@pytest.mark.prism
def test_the_mock_rejects_what_the_spec_forbids(prism) -> None:
    with pytest.raises(openai.UnprocessableEntityError):
        _client(prism.url).images.generate(model="dall-e-2", prompt="x", n=11)


def test_content_policy_refusal_has_its_own_message() -> None:
    body = {"error": {"message": "Your request was rejected...", "code": "content_policy_violation"}}
    with FaultServer(Reply(400, body)).running() as server:
        request = images.build_request(model="dall-e-3", prompt="something")
        with pytest.raises(openai.BadRequestError) as info:
            images.generate(_client(server.url), request)
        sent = server.requests[0]
        assert sent.path == "/v1/images/generations" and b'"model":"dall-e-3"' in sent.body.replace(b" ", b"")
    message = user_message(info.value, "en")
    assert message.kind == "content_policy" and "safety system" in message.text


def test_a_server_answer_without_image_data_is_an_error() -> None:
    reply = Reply(200, {"created": 1, "data": [{"url": "https://example.invalid/x.png"}]})
    with FaultServer(reply).running() as s, pytest.raises(images.InvalidImageData) as info:
        images.generate(_client(s.url), images.build_request(model="dall-e-2", prompt="x"))
    assert info.value.key == "img.err.no_data"
