"""Images in a chat message and grounding with web search: image tokens by OpenAI's rules, resizing, the
request parts of both APIs (checked by Prism), streaming from the stand-in of today's API with the sources,
what the classroom books, and the conversation kept with its images."""

from __future__ import annotations

import io
import json

import openai
import pytest
from PIL import Image

from lib import chat
from lib.chat import kept, search, vision
from lib.chat.request import chat_request, responses_request
from lib.core.catalogue import sees_images
from lib.tokens.images import image_tokens
from tests.harness.fault_server import FaultServer, SSEReply, chat_chunks, responses_events, with_sources
from tests.harness.today_api import TodayAPI, pinned

# --- image tokens ---


@pytest.mark.parametrize(
    ("size", "model", "detail", "tokens"),
    [
        ((1024, 1024), "gpt-4o", "high", 765),  # OpenAI's worked example: 4 tiles
        ((2048, 4096), "gpt-4o", "high", 1105),  # 768x1536 after scaling: 6 tiles
        ((4096, 8192), "gpt-4o", "low", 85),  # low: the base only, whatever the size
        ((1024, 1024), "gpt-4o-mini", "high", 2833 + 4 * 5667),  # same tiles, mini's larger figures
        ((1024, 1024), "gpt-4o-2024-08-06", "auto", 765),  # a dated snapshot counts as its family
        ((1024, 1024), "gpt-4.1-mini", "high", 1659),  # 1024 patches x 1.62
        ((1800, 2400), "gpt-4.1-mini", "high", 2353),  # OpenAI's worked example: 1452 patches
        ((1024, 1024), "gpt-5.4-mini", "high", 1659),  # a point release of gpt-5-mini: its rule
        ((1024, 1024), "o4-mini", "low", 1762),  # the patch rule has no low detail
        ((512, 512), "gpt-5", "high", 70 + 140),
    ],
)
def test_image_tokens_follow_the_family_rule(size, model, detail, tokens) -> None:
    assert image_tokens(*size, model, detail=detail).tokens == tokens


def test_an_unknown_model_is_counted_by_gpt_4o_s_rule_and_says_so() -> None:
    counted = image_tokens(1024, 1024, "llava:7b")
    assert (counted.tokens, counted.known) == (765, False)
    assert image_tokens(1024, 1024, "gpt-4o").known


# --- resizing ---


def _photo(width: int, height: int, *, mode: str = "RGB", exif_rotate: bool = False) -> bytes:
    image = Image.new(mode, (width, height), (200, 30, 30, 128) if mode == "RGBA" else (200, 30, 30))
    out = io.BytesIO()
    if exif_rotate:
        exif = Image.Exif()
        exif[0x0112] = 6  # "rotate 90° clockwise to view": a phone held upright
        image.save(out, format="JPEG", exif=exif)
    else:
        image.save(out, format="PNG")
    return out.getvalue()


def test_a_phone_photo_is_resized_turned_upright_and_reencoded_small() -> None:
    raw = _photo(4032, 3024, exif_rotate=True)
    picture = vision.prepare_image(raw, name="IMG_0001.jpg")
    assert (picture.width, picture.height) == (768, 1024)  # upright: portrait
    assert picture.original == (3024, 4032) and picture.resized
    with Image.open(io.BytesIO(picture.data)) as decoded:
        assert decoded.format == "JPEG" and decoded.size == (768, 1024)
    assert len(picture.data) < 100_000
    # The token figure shown is the one of the image really sent, not of the original.
    assert picture.tokens("gpt-4o").tokens == image_tokens(768, 1024, "gpt-4o").tokens == 85 + 170 * 4


def test_a_small_transparent_image_keeps_its_size_and_is_flattened_on_white() -> None:
    picture = vision.prepare_image(_photo(300, 200, mode="RGBA"))
    assert (picture.width, picture.height, picture.resized) == (300, 200, False)
    with Image.open(io.BytesIO(picture.data)) as decoded:
        assert decoded.mode == "RGB"
        red, green, _ = decoded.getpixel((10, 10))
        assert red > 200 and green > 100  # half-transparent red over white, not over black


@pytest.mark.parametrize("raw", [b"", b"not an image at all", b"\x89PNG\r\n\x1a\n" + b"\0" * 20])
def test_something_that_is_not_an_image_is_refused_by_name(raw: bytes) -> None:
    with pytest.raises(vision.NotAnImage):
        vision.prepare_image(raw)


# --- the request ---

PICTURE = vision.prepare_image(vision.sample_png(1600, 1200), name="board.png")


def _messages(detail: str = "auto") -> list[dict]:
    history = [chat.Turn("user", "Earlier photo", images=(PICTURE,)), chat.Turn("assistant", "A board.")]
    return chat.build_messages(
        system="Be brief.",
        shots=[],
        history=history,
        user="What is written here?",
        images=(PICTURE.with_detail(detail),),
    )


def test_a_message_with_images_has_content_parts_in_chat_completions_form() -> None:
    messages = _messages("low")
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "user"]
    last = messages[-1]["content"]
    assert last[0] == {"type": "text", "text": "What is written here?"}
    assert last[1]["type"] == "image_url" and last[1]["image_url"]["detail"] == "low"
    assert last[1]["image_url"]["url"].startswith("data:image/jpeg;base64,")
    # An image alone is a message too.
    alone = chat.build_messages(system="", shots=[], history=[], user="", images=(PICTURE,))
    assert [p["type"] for p in alone[0]["content"]] == ["image_url"]


def test_the_responses_request_carries_input_image_and_the_search_tool() -> None:
    params = responses_request(
        model="gpt-5.4-mini", messages=_messages(), temperature=1, top_p=1, max_tokens=64, web_search=True
    )
    last = params["input"][-1]["content"]
    assert last[0] == {"type": "input_text", "text": "What is written here?"}
    assert last[1] == {"type": "input_image", "image_url": PICTURE.data_url(), "detail": "auto"}
    assert params["tools"] == [{"type": "web_search"}]
    assert params["include"] == ["web_search_call.action.sources"]
    without = responses_request(
        model="gpt-5.4-mini", messages=_messages(), temperature=1, top_p=1, max_tokens=64
    )
    assert "tools" not in without and "include" not in without


def test_chat_completions_keeps_image_url_parts_and_never_sends_the_search_tool() -> None:
    params = chat.request.request_for(
        "chat", model="llava:7b", messages=_messages(), temperature=1, top_p=1, max_tokens=64, web_search=True
    )
    assert params["messages"][-1]["content"][1]["type"] == "image_url"
    assert "tools" not in params


def test_the_cost_booked_counts_the_images_and_the_search_allowance() -> None:
    text_only = chat.build_messages(system="Be brief.", shots=[], history=[], user="What is written here?")
    base = chat.plan_cost(model="gpt-4o", messages=text_only, max_tokens=64).tokens
    with_image = chat.build_messages(
        system="Be brief.", shots=[], history=[], user="What is written here?", images=(PICTURE,)
    )
    # 1024x768 high on gpt-4o: 768x1024 -> 2x2 tiles... 1024x768 -> 4 tiles: 85 + 4 x 170.
    assert chat.plan_cost(model="gpt-4o", messages=with_image, max_tokens=64).tokens == base + 765
    searched = chat.plan_cost(model="gpt-4o", messages=with_image, max_tokens=64, web_search=True).tokens
    assert searched == base + 765 + search.SEARCH_ALLOWANCE_TOKENS
    # The base64 of the picture is never counted as text (it would be ~40,000 tokens).
    assert base + 765 < 2_000


def test_the_shown_request_shortens_the_image_data() -> None:
    shown = vision.shorten(_messages())
    url = shown[-1]["content"][1]["image_url"]["url"]
    assert url.startswith("data:image/jpeg;base64,… ") and url.endswith(" KB") and len(url) < 50
    assert _messages()[-1]["content"][1]["image_url"]["url"] == PICTURE.data_url()  # the real one untouched


def test_which_models_see_and_which_search() -> None:
    assert sees_images("gpt-5.4-mini") and sees_images("gpt-4o") and not sees_images("gpt-3.5-turbo")
    assert not sees_images("llava:7b")  # on OpenAI a name of no family is no model
    assert sees_images("llava:7b", named_freely=True) and sees_images("qwen2.5vl:7b", named_freely=True)
    assert not sees_images("llama3.2:3b", named_freely=True)
    from lib.core.catalogue import searches_web

    assert searches_web("gpt-5.4-mini") and not searches_web("o4-mini") and not searches_web("llava:7b")


# --- the spec (Prism) ---


def _spec_ok(prism, mark: int, requests: int) -> None:
    verdicts = prism.verdicts(since=mark)
    assert len(verdicts) == requests and all("✔" in v for v in verdicts), verdicts


@pytest.mark.prism
@pytest.mark.parametrize("web_search", [False, True])
def test_the_responses_request_with_input_image_and_web_search_passes_the_spec(
    prism, web_search: bool
) -> None:
    params = responses_request(
        model="gpt-5.4-mini",
        messages=_messages("high"),
        temperature=1,
        top_p=1,
        max_tokens=64,
        web_search=web_search,
    )
    params["stream"] = False
    client = openai.OpenAI(api_key="sk-test", base_url=prism.url, max_retries=0, timeout=30)
    mark = prism.mark()
    client.responses.create(**pinned(params))  # pinned: see today_api.pinned (the spec's ambiguous oneOf)
    _spec_ok(prism, mark, 1)


@pytest.mark.prism
def test_a_broken_image_part_fails_the_spec(prism) -> None:
    # The check can fail: an input_image whose detail is not one of the spec's values is refused.
    params = responses_request(
        model="gpt-5.4-mini", messages=_messages(), temperature=1, top_p=1, max_tokens=64
    )
    params["input"][-1]["content"][1]["detail"] = "enormous"
    params["stream"] = False
    client = openai.OpenAI(api_key="sk-test", base_url=prism.url, max_retries=0, timeout=30)
    with pytest.raises(openai.UnprocessableEntityError) as refused:
        client.responses.create(**pinned(params))
    assert any(v["location"][:3] == ["body", "input", "2"] for v in refused.value.body["validation"])


@pytest.mark.prism
def test_without_the_pin_the_spec_refuses_every_message_with_parts(prism) -> None:
    # Why the pin exists: the same valid request, unpinned, is refused at the message level only.
    params = responses_request(
        model="gpt-5.4-mini", messages=_messages(), temperature=1, top_p=1, max_tokens=64
    )
    params["stream"] = False
    client = openai.OpenAI(api_key="sk-test", base_url=prism.url, max_retries=0, timeout=30)
    with pytest.raises(openai.UnprocessableEntityError) as refused:
        client.responses.create(**params)
    assert {"oneOf"} <= {v["code"] for v in refused.value.body["validation"]}
    assert all(len(v["location"]) <= 3 for v in refused.value.body["validation"])


@pytest.mark.prism
def test_the_chat_completions_request_with_an_image_passes_the_spec(prism) -> None:
    params = chat_request(model="gpt-4o-mini", messages=_messages(), temperature=1, top_p=1, max_tokens=64)
    del params["stream"], params["stream_options"]
    client = openai.OpenAI(api_key="sk-test", base_url=prism.url, max_retries=0, timeout=30)
    mark = prism.mark()
    client.chat.completions.create(**params)
    _spec_ok(prism, mark, 1)


# --- streaming from the stand-in of today's API ---


@pytest.mark.prism
def test_an_image_and_a_search_stream_from_today_s_api_with_their_sources(prism) -> None:
    with TodayAPI(prism.url).running() as api:
        client = openai.OpenAI(api_key="sk-test", base_url=api.url, max_retries=0, timeout=60)
        stream = chat.ChatStream(
            client,
            model="gpt-5.4-mini",
            messages=_messages(),
            temperature=1,
            top_p=1,
            max_tokens=64,
            api="responses",
            web_search=True,
        )
        text = "".join(stream)
        sent = json.loads(api.requests[-1].body)
    assert text == "Hello from today's model." and stream.result.status == "complete"
    assert (
        sent["tools"] == [{"type": "web_search"}] and sent["input"][-1]["content"][1]["type"] == "input_image"
    )
    assert [s.url for s in stream.result.sources] == [u for u, _ in api.sources]
    assert stream.result.sources[0].title == "Multimodal learning - Wikipedia"
    assert stream.result.to_turn("gpt-5.4-mini").sources == stream.result.sources


def test_sources_come_from_annotations_and_the_search_call_once_each_and_only_http() -> None:
    events = with_sources(
        responses_events(chat_chunks(["Grounded", " answer."], usage=(900, 4))),
        [("https://example.org/a", "A"), ("javascript:alert(1)", "evil"), ("https://example.org/b", "")],
    )
    with FaultServer(SSEReply(events, done=False)).running() as server:
        client = openai.OpenAI(api_key="sk-test", base_url=server.url, max_retries=0, timeout=10)
        stream = chat.ChatStream(
            client,
            model="gpt-4o",
            messages=_messages(),
            temperature=1,
            top_p=1,
            max_tokens=9,
            api="responses",
        )
        assert "".join(stream) == "Grounded answer."
    assert stream.result.sources == (
        search.Source("https://example.org/a", "A"),
        search.Source("https://example.org/b"),
    )
    assert stream.result.usage == chat.Usage(900, 4)


# --- kept with the conversation ---


def test_a_conversation_with_images_and_sources_survives_a_reload_through_blobs() -> None:
    blobs: dict[str, bytes] = {}

    def put(data: bytes) -> str:
        name = f"b{len(blobs)}"
        blobs[name] = data
        return name

    conv = chat.Conversation()
    conv.begin("What is this?", (PICTURE,))
    conv.finish(chat.Turn("assistant", "A board.", sources=(search.Source("https://example.org", "Ex"),)))
    conv.attach(PICTURE.with_detail("low"))
    data = json.loads(json.dumps(kept.conversation_to_json(conv, put)))  # plain JSON on disk
    assert PICTURE.data_url()[30:60] not in json.dumps(data)  # the bytes are blobs, not in the JSON
    back = kept.conversation_from_json(data, blobs.get)
    assert back.turns == conv.turns and back.attached == conv.attached
    assert back.turns[0].images[0].data == PICTURE.data
    # A blob left out under the browser's cap: the message comes back without its image.
    lost = kept.conversation_from_json(data, lambda name: None)
    assert lost.turns[0].content == "What is this?" and lost.turns[0].images == ()


def test_a_failed_send_puts_the_images_back_on_the_tray_and_regenerate_sends_them_again() -> None:
    conv = chat.Conversation()
    conv.begin("What is this?", (PICTURE,))
    conv.fail("Wrong key.")
    assert conv.attached == (PICTURE,) and conv.take_draft() == "What is this?"
    conv.begin("What is this?", conv.attached)
    conv.finish(chat.Turn("assistant", "A board."))
    assert conv.attached == () and conv.turns[0].images == (PICTURE,)
    assert conv.regenerate() == "What is this?" and conv.attached == (PICTURE,)
    with pytest.raises(chat.EmptyMessage):
        chat.Conversation().begin("  ")
    assert chat.Conversation().begin("", (PICTURE,)) == ""  # an image alone can be sent


def test_a_message_s_images_count_in_its_prompt_and_its_context_check() -> None:
    from lib import tokens

    pic = vision.prepare_image(vision.sample_png(1024, 1024))
    text = [{"role": "user", "content": "What is on the board?"}]
    with_image = [{"role": "user", "content": vision.user_content("What is on the board?", [pic] * 3)}]
    image = pic.tokens("gpt-4o").tokens
    assert image > 0
    # Counted once, by the shared counter: the context check, cost plan and stream estimate all see it.
    assert tokens.count_tokens(with_image, "gpt-4o") == tokens.count_tokens(text, "gpt-4o") + 3 * image
    plan = chat.plan_cost(model="gpt-4o", messages=with_image, max_tokens=10).tokens
    assert plan == tokens.count_tokens(with_image, "gpt-4o") + 10
