"""AppTest of the Images page: the form follows the model, the exact prompt, generation, grid, errors, lab."""

from __future__ import annotations

import time

import pytest

from lib import images
from tests.apptest_helpers import open_page
from tests.harness.fault_server import FaultServer, Reply

PAGE = "app_pages/images.py"
K = "keep.img."


def offline():
    at = open_page(PAGE)
    assert not at.exception, at.exception
    return at


def online(url: str):
    # Safe mode off here: Prism answers every moderation request with the spec's example, which flags
    # everything; safe mode has tests of its own (test_classroom_pages.py).
    at = open_page(
        PAGE,
        secrets={
            "OPENAI_API_KEY": "sk-test-images",
            "OPENAI_BASE_URL": url,
            "PLAYGROUND_PROVIDER": "openai",
            "classroom": {"safe_mode": False},
        },
    )
    assert not at.exception, at.exception
    return at


def image_captions(at) -> list[str]:
    return [img.caption for element in at.get("image") for img in element.proto.imgs]


def final_prompt(at) -> str:
    return at.code[0].value


def test_offline_builds_the_prompt_and_says_generation_needs_a_key() -> None:
    at = offline()
    assert "needs an API key" in at.info[0].value
    assert at.button(key="img_generate").disabled
    at.text_area(key=K + "prompt").input("a cat on a windowsill").run()
    at.button_group(key=K + "mod.light").set_value(["golden_hour"]).run()
    at.button_group(key=K + "mod.lens").set_value(["fisheye"]).run()
    at.text_input(key=K + "free").input("film grain").run()
    assert final_prompt(at) == images.compose_prompt(
        "a cat on a windowsill", ["fisheye", "golden_hour"], "film grain"
    )
    assert any("Golden hour" in c.value and "golden hour light" in c.value for c in at.caption)


@pytest.mark.parametrize(
    ("model", "shown", "hidden"),
    [
        ("dall-e-3", {"size", "quality", "style"}, {"n", "format", "bg"}),
        ("dall-e-2", {"size", "quality", "n"}, {"style", "format", "bg"}),
        ("gpt-image-1", {"size", "quality", "n", "format", "bg"}, {"style"}),
    ],
)
def test_the_form_offers_only_what_the_model_accepts(model: str, shown: set, hidden: set) -> None:
    at = offline()
    at.selectbox(key=K + "model").set_value(model).run()
    keys = {w.key for w in [*at.selectbox, *at.number_input]}
    for option in shown:
        assert f"{K}{option}.{model}" in keys
    for option in hidden:
        assert f"{K}{option}.{model}" not in keys
    assert at.selectbox(key=f"{K}size.{model}").options == list(images.MODELS[model].sizes)


def test_the_prompt_survives_a_visit_to_another_page() -> None:
    at = offline()
    at.text_area(key=K + "prompt").input("a lighthouse at night").run()
    at.button_group(key=K + "mod.motion").set_value(["panning"]).run()
    at.switch_page("app_pages/tokenizer.py").run()
    at.switch_page(PAGE).run()
    assert at.text_area(key=K + "prompt").value == "a lighthouse at night"
    assert at.button_group(key=K + "mod.motion").value == ["panning"]


@pytest.mark.prism
def test_generate_against_the_spec_mock_fills_the_gallery(prism) -> None:
    at = online(prism.url)
    # Today's image model by default (the lesson's DALL-E was shut down on 2026-05-12); DALL-E's rules stay
    # for a deployment that still lists it, as this mock's empty list lets the form offer the rule table.
    assert at.selectbox(key=K + "model").value == "gpt-image-2"
    assert any("2026-05-12" in c.value for c in at.caption)
    at.selectbox(key=K + "model").set_value("dall-e-3").run()
    at.text_area(key=K + "prompt").input("a red fox").run()
    mark = prism.mark()
    at.button(key="img_generate").click().run()
    assert not at.error, [e.value for e in at.error]
    gallery = at.session_state["img_gallery"]
    assert len(gallery) == 1 and gallery[0].model == "dall-e-3" and gallery[0].prompt == "a red fox"
    assert gallery[0].revised_prompt  # dall-e-3 answers with one; it is shown beside the image
    assert any("Prompt as revised" in c.value for c in at.caption)
    assert "Gallery (1)" in [tab.label for tab in at.tabs][2]
    assert [v for v in prism.verdicts(since=mark) if "images/generations" in v or "✔" in v]
    assert all("✔" in v for v in prism.verdicts(since=mark))


@pytest.mark.prism
def test_a_modifier_grid_asks_before_sending_several_requests(prism) -> None:
    at = online(prism.url)
    at.text_area(key=K + "prompt").input("a street").run()
    at.button_group(key=K + "mod.lens").set_value(["fisheye", "telephoto"]).run()
    at.toggle(key=K + "grid").set_value(True).run()
    assert "Request(s): 3" in next(c.value for c in at.caption if "Request(s)" in c.value)
    assert at.button(key="img_generate").disabled
    at.checkbox(key="img_confirm").check().run()
    at.button(key="img_generate").click().run()
    gallery = at.session_state["img_gallery"]
    assert [g.modifier for g in gallery] == [None, "fisheye", "telephoto"]
    assert [g.prompt for g in gallery] == [
        p for _, p in images.grid_prompts("a street", ["fisheye", "telephoto"])
    ]


def test_a_429_keeps_the_form_and_the_gallery() -> None:
    earlier = images.GeneratedImage(
        data=b"\x89PNG...",
        format="png",
        model="dall-e-2",
        params={},
        prompt="earlier",
        revised_prompt=None,
        created=time.time(),
        seconds=1.0,
        cost_usd=0.02,
    )
    reply = Reply(
        429,
        {"error": {"message": "Rate limit reached", "code": "rate_limit_exceeded"}},
        {"retry-after": "12"},
    )
    with FaultServer(reply).running() as server:
        at = online(server.url)
        at.session_state["img_gallery"] = [earlier]
        at.text_area(key=K + "prompt").input("a red fox").run()
        at.button_group(key=K + "mod.light").set_value(["cloudy"]).run()
        at.button(key="img_generate").click().run()
        assert len(server.requests) >= 1
    assert "429" in at.error[0].value and "12 s" in at.error[0].value
    assert at.text_area(key=K + "prompt").value == "a red fox"
    assert at.button_group(key=K + "mod.light").value == ["cloudy"]
    assert at.session_state["img_gallery"] == [earlier]


def test_an_oversized_prompt_is_stopped_before_sending() -> None:
    with FaultServer(Reply(500)).running() as server:
        at = online(server.url)
        at.selectbox(key=K + "model").set_value("dall-e-2").run()
        at.text_area(key=K + "prompt").input("x" * 1003).run()
        at.button(key="img_generate").click().run()
        assert [r.path for r in server.requests] == ["/v1/models"]  # the picker's list; no image request
    assert "1000 characters" in at.error[0].value and "remove 3" in at.error[0].value
    assert any("⚠️" in c.value for c in at.caption)


def test_effect_lab_shows_before_and_after_offline() -> None:
    at = offline()
    assert "simulation" in at.info[1].value.lower()
    assert len(at.get("imgs")) >= 1 or len(at.get("image")) >= 1
    at.selectbox(key="keep.lab.effect").set_value("golden_hour").run()
    assert not at.exception
    assert any(s.key.startswith("keep.lab.golden_hour.") for s in at.slider)
    assert at.get("download_button")


# --- gpt-image-2: sizes, compression, and editing the lab's photo ---


def test_a_custom_size_shows_its_rule_as_typed_and_is_never_sent_when_it_breaks_one() -> None:
    with FaultServer(Reply(500)).running() as server:
        at = online(server.url)
        assert at.selectbox(key=K + "model").value == "gpt-image-2"
        size = at.selectbox(key=K + "size.gpt-image-2")
        assert size.options == [*images.MODELS["gpt-image-2"].sizes, "Custom…"]
        size.set_value(images.CUSTOM).run()
        at.text_input(key=K + "custom.gpt-image-2").input("1000x1000").run()
        assert any("divisible by 16 (try 992x992)" in c.value for c in at.caption)
        at.text_area(key=K + "prompt").input("a red fox").run()
        at.button(key="img_generate").click().run()
        assert [r.path for r in server.requests] == ["/v1/models"]  # refused before sending
    assert "divisible by 16" in at.error[0].value


def test_the_form_sends_a_custom_size_and_compression(prism) -> None:
    at = online(prism.url)
    at.selectbox(key=K + "size.gpt-image-2").set_value(images.CUSTOM).run()
    at.text_input(key=K + "custom.gpt-image-2").input("3840x2160").run()
    assert any("experimental" in c.value for c in at.caption)
    at.selectbox(key=K + "format.gpt-image-2").set_value("webp").run()
    at.slider(key=K + "compression.gpt-image-2").set_value(60).run()
    at.text_area(key=K + "prompt").input("a harbour at dawn").run()
    mark = prism.mark()
    at.button(key="img_generate").click().run()
    assert not at.error, [e.value for e in at.error]
    made = at.session_state["img_gallery"][-1]
    assert made.params["size"] == "3840x2160" and made.params["output_compression"] == 60
    assert all("✔" in v for v in prism.verdicts(since=mark))


def test_offline_the_lab_offers_the_edit_but_says_it_needs_a_key() -> None:
    at = offline()
    assert any("needs an API key" in i.value and "simulation" in i.value for i in at.info)
    assert at.button(key="edit_go").disabled
    assert any("Apply this photographic effect" in c.value for c in at.code)


def test_an_edit_shows_before_simulation_and_the_model_side_by_side(prism) -> None:
    at = online(prism.url)
    at.selectbox(key="keep.lab.effect").set_value("golden_hour").run()
    at.button_group(key="keep.edit.mask").set_value("keep_centre").run()
    assert "The model may change only the pink area." in image_captions(at)  # the mask, on the photo
    mark = prism.mark()
    at.button(key="edit_go").click().run()
    assert not at.error, [e.value for e in at.error]
    assert all("✔" in v for v in prism.verdicts(since=mark))
    edited = at.session_state["img_gallery"][-1]
    assert edited.source is not None and edited.modifier == "golden_hour" and edited.model == "gpt-image-2"
    assert {"Before", "Simulation (offline)", "Model: gpt-image-2"} <= set(image_captions(at))


def test_dall_e_3_cannot_edit_and_the_page_says_so() -> None:
    at = offline()
    at.selectbox(key=K + "model").set_value("dall-e-3").run()
    assert any("does not edit photos" in i.value for i in at.info)
    assert any("2026-05-12" in c.value for c in at.caption)


def _png_bytes(size=(64, 48)) -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(out, format="PNG")
    return out.getvalue()


def _header_only_png(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` x ``height``: a decompression bomb in a few bytes."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunks = chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + chunks


def lab_images(at) -> list[str]:
    return [img.caption for element in at.get("imgs") for img in element.proto.imgs]


def test_a_refused_upload_keeps_the_good_photo_and_says_the_limit_and_its_size() -> None:
    at = offline()
    at.session_state["keep.lab.source"] = "upload"
    at.run()
    good = _png_bytes()
    at.file_uploader(key="lab_upload").set_value(("photo.png", good, "image/png")).run()
    assert not at.exception and not at.error
    assert at.session_state["lab_photo"] == good
    before = [c for c in image_captions(at) if c.startswith("Before")]
    assert before, image_captions(at)

    huge = ("huge.png", _header_only_png(12000, 12000), "image/png")
    at.file_uploader(key="lab_upload").set_value(huge).run()
    message = at.error[0].value
    assert "40 MP" in message and "12000x12000 (144 MP)" in message, message
    assert "stays" in message  # the previous photo is kept, and the page says so
    assert at.session_state["lab_photo"] == good
    assert [c for c in image_captions(at) if c.startswith("Before")] == before  # before/after still drawn

    at.file_uploader(key="lab_upload").set_value(("empty.png", b"", "image/png")).run()
    assert "empty (0 bytes)" in at.error[0].value
    assert at.session_state["lab_photo"] == good
    assert [c for c in image_captions(at) if c.startswith("Before")] == before


def test_a_refused_first_upload_says_why_in_korean_without_a_photo_to_keep() -> None:
    at = offline()
    at.button_group(key="lang").set_value("ko").run()
    at.session_state["keep.lab.source"] = "upload"
    at.run()
    huge = ("huge.png", _header_only_png(12000, 12000), "image/png")
    at.file_uploader(key="lab_upload").set_value(huge).run()
    message = at.error[0].value
    assert "최대 40 MP" in message and "12000x12000 (144 MP)" in message, message
    assert "그대로 둡니다" not in message  # nothing was there before
    assert "lab_photo" not in at.session_state


def test_values_the_api_takes_are_named_in_korean_with_the_value_sent() -> None:
    at = offline()
    at.button_group(key="lang").set_value("ko").run()
    at.selectbox(key=K + "model").set_value("dall-e-3").run()
    assert at.selectbox(key=K + "quality.dall-e-3").options == ["표준 (standard)", "고화질 (hd)"]
    assert at.selectbox(key=K + "style.dall-e-3").options == ["생생하게 (vivid)", "자연스럽게 (natural)"]
    at.selectbox(key=K + "model").set_value("gpt-image-2").run()
    assert at.selectbox(key=K + "size.gpt-image-2").options[0] == "자동 (auto)"
    assert at.selectbox(key=K + "bg.gpt-image-2").options == [
        "자동 (auto)",
        "불투명 (opaque)",
        "투명 (transparent)",
    ]
    assert at.selectbox(key=K + "quality.gpt-image-2").value == "auto"  # the value sent stays the API's
