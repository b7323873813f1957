"""Today's models: the catalogue (families, defaults, shutdown dates, replacements), the retired-model
message, and Chat over the Responses API against a stand-in of today's API whose requests Prism checks."""

from __future__ import annotations

import json
from datetime import date

import openai
import pytest

from lib.chat import ChatStream
from lib.core.catalogue import Catalogue, family_of, retired
from lib.core.providers import list_models
from lib.messages import user_message
from tests.apptest_helpers import open_page
from tests.harness.today_api import RETIRED_IDS, TODAY_MODELS, TodayAPI

TODAY = date(2026, 12, 1)


def today(**kw) -> Catalogue:
    return Catalogue.from_listing(TODAY_MODELS, today=TODAY, **kw)


# --- the catalogue -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "family", "tool"),
    [
        ("gpt-image-2", "gpt-image", "images"),  # before a plain gpt-*
        ("gpt-image-2-2026-04-21", "gpt-image", "images"),
        ("gpt-4o-mini-transcribe", "gpt-4o-transcribe", "transcription"),  # before gpt-mini
        ("gpt-4o-transcribe-diarize", "transcribe-diarize", "transcription"),
        ("gpt-transcribe", "gpt-transcribe", "transcription"),
        ("whisper-1", "whisper", "transcription"),
        ("gpt-4o-mini-tts", "other", "other"),
        ("gpt-realtime", "other", "other"),
        ("gpt-5.4-mini", "gpt-mini", "chat"),
        ("gpt-5.4-mini-2026-03-17", "gpt-mini", "chat"),
        ("gpt-5.5", "gpt", "chat"),
        ("o4-mini", "o-series", "chat"),
        ("openai/gpt-4o", "gpt", "chat"),  # a compatible server's prefixed id
        ("text-embedding-3-small", "embeddings", "embeddings"),
        ("omni-moderation-latest", "moderation", "moderation"),
    ],
)
def test_families_are_matched_in_a_fixed_order(model: str, family: str, tool: str) -> None:
    found = family_of(model)
    assert found is not None and (found.id, found.tool) == (family, tool)


def test_the_defaults_are_todays_models_never_a_pro_a_snapshot_or_a_shut_down_one() -> None:
    cat = today()
    assert cat.default("chat") == "gpt-5.4-mini"  # the newest small GPT, not gpt-5.5-pro, not the snapshot
    assert cat.default("images") == "gpt-image-2"
    assert cat.default("transcription") == "gpt-transcribe"
    assert cat.default("embeddings") == "text-embedding-3-small"
    assert cat.default("moderation") == "omni-moderation-latest"
    assert cat.ids("chat")[0] == "gpt-5.4-mini" and "tts-1" not in cat.ids("chat")
    # A date that has passed takes a model out of the pickers and out of the defaults.
    later = Catalogue.from_listing(TODAY_MODELS, today=date(2027, 3, 1))
    assert "whisper-1" not in later.ids("transcription") and "gpt-4o" not in later.ids("chat")
    assert later.default("transcription") == "gpt-transcribe"
    gone = Catalogue.from_listing(
        [{"id": "gpt-5.4-mini", "created": 9, "shutdown_date": "2026-11-30"}], today=TODAY
    )
    assert gone.default("chat") is None and gone.for_tool("chat", include_gone=True)[0].gone(TODAY)


def test_shutdown_badges_and_a_model_that_disappears() -> None:
    cat = today()
    gpt4o = cat.get("gpt-4o")
    assert gpt4o is not None and gpt4o.going(TODAY) and gpt4o.shutdown == date(2027, 1, 14)
    # The next listing no longer has it: the catalogue follows the server, and offers the family's default.
    smaller = Catalogue.from_listing([m for m in TODAY_MODELS if m["id"] != "gpt-4o"], today=TODAY)
    assert smaller.get("gpt-4o") is None and smaller.replacement("gpt-4o") == "gpt-5.5"  # newest, not pro


def test_a_deployer_names_the_defaults_in_the_secrets_when_listed() -> None:
    cat = today(defaults={"chat": "gpt-5-mini", "images": "dall-e-3"})
    assert cat.default("chat") == "gpt-5-mini"
    assert cat.default("images") == "gpt-image-2"  # not listed (shut down): the family default instead


def test_an_unknown_id_falls_back_to_its_family_and_ids_of_no_family_are_hidden_on_openai() -> None:
    listing = [{"id": "gpt-6-mini", "created": 2_000_000_000}, {"id": "llama3.2", "created": 1}]
    assert [m.id for m in Catalogue.from_listing(listing, today=TODAY).for_tool("chat")] == ["gpt-6-mini"]
    compatible = Catalogue.from_listing(
        [*listing, {"id": "nomic-embed-text"}], today=TODAY, openai_only=False
    )
    assert {m.id for m in compatible.for_tool("chat")} == {"gpt-6-mini", "llama3.2"}


def test_the_lessons_models_are_history_with_dates_and_replacements() -> None:
    cat = today()
    assert retired("gpt-3.5-turbo-0125").shutdown == date(2026, 10, 23)
    assert retired("dall-e-3").shutdown == date(2026, 5, 12)
    assert cat.replacement("gpt-3.5-turbo") == "gpt-5.4-mini"
    assert cat.replacement("dall-e-3") == "gpt-image-2"
    assert cat.replacement("gpt-image-1.5") == "gpt-image-2"
    assert retired("gpt-4o") is None


# --- over HTTP: the stand-in of today's API, checked by Prism ----------------------------------------------


def sdk(api: TodayAPI) -> openai.OpenAI:
    return openai.OpenAI(api_key="sk-test-today", base_url=api.url, max_retries=0)


def test_the_model_list_carries_shutdown_dates_and_passes_the_spec(prism) -> None:
    mark = prism.mark()
    with TodayAPI(prism.url).running() as api:
        listing = list_models(sdk(api))
    by_id = {m["id"]: m for m in listing}
    assert (
        by_id["whisper-1"]["shutdown_date"] == "2027-02-26" and by_id["gpt-5.4-mini"]["shutdown_date"] is None
    )
    verdicts = prism.verdicts(since=mark)
    assert verdicts and all("✔" in v for v in verdicts), verdicts


def test_chat_streams_over_responses_and_the_request_passes_the_spec(prism) -> None:
    mark = prism.mark()
    with TodayAPI(prism.url).running() as api:
        stream = ChatStream(
            sdk(api),
            model="gpt-5.4-mini",
            messages=[{"role": "system", "content": "Be brief."}, {"role": "user", "content": "안녕!"}],
            temperature=0.7,
            top_p=1.0,
            max_tokens=64,
            api="responses",
        )
        text = "".join(stream)
        sent = json.loads(api.requests[-1].body)
    assert text == "Hello from today's model." and stream.result.status == "complete"
    assert stream.result.usage is not None and (
        stream.result.usage.input_tokens,
        stream.result.usage.output_tokens,
    ) == (21, 4)
    assert sent["instructions"] == "Be brief." and sent["input"] == [{"role": "user", "content": "안녕!"}]
    assert "temperature" not in sent  # gpt-5.4-mini reasons: only the default sampling
    verdicts = prism.verdicts(since=mark)
    assert verdicts and all("✔" in v for v in verdicts), verdicts


@pytest.mark.parametrize("model", sorted(RETIRED_IDS & {"dall-e-3", "gpt-3.5-turbo"}))
def test_a_retired_model_is_a_clear_message_naming_it(prism, model: str) -> None:
    with TodayAPI(prism.url).running() as api, pytest.raises(openai.NotFoundError) as info:
        sdk(api).chat.completions.create(model=model, messages=[{"role": "user", "content": "hi"}])
    message = user_message(info.value, "en")
    assert message.kind == "retired" and message.model == model
    assert f"{model} has been shut down on 2026-" in message.text and "no longer answers" in message.text
    korean = user_message(info.value, "ko").text
    assert model in korean and "종료" in korean


# --- the Chat page, with only a key and a base URL ----------------------------------------------------------


def chat_page(api: TodayAPI):
    return open_page(
        "app_pages/chat.py",
        secrets={
            "OPENAI_API_KEY": "sk-test-today-0123456789",
            "OPENAI_BASE_URL": api.url,
            "PLAYGROUND_PROVIDER": "openai",
        },
    )


def test_a_teacher_with_a_key_gets_a_reply_from_a_current_model_with_the_defaults(prism) -> None:
    with TodayAPI(prism.url).running() as api:
        at = chat_page(api)
        picker = at.selectbox(key="keep.chat.model.openai")
        assert picker.value == "gpt-5.4-mini" and "gpt-3.5-turbo" not in picker.options
        assert any("shuts down 2027-01-14" in o for o in picker.proto.options)  # gpt-4o's badge
        at.chat_input(key="chat_input").set_value("Hello!").run(timeout=60)
        paid = [r for r in api.requests if r.path == "/v1/responses"]
    assert [t.content for t in at.session_state["chat_conversation"].turns] == [
        "Hello!",
        "Hello from today's model.",
    ]
    assert json.loads(paid[-1].body)["model"] == "gpt-5.4-mini"
    assert any("Responses API" in c.value and "2026-10-23" in c.value for c in at.caption)


def test_a_retired_model_offers_its_replacement_as_one_click_and_keeps_the_message(prism) -> None:
    with TodayAPI(prism.url).running() as api:
        at = chat_page(api)
        at.text_input(key="keep.chat.model_other").input("gpt-3.5-turbo").run()
        at.chat_input(key="chat_input").set_value("1, 1, 0?").run(timeout=60)
        assert any("gpt-3.5-turbo has been shut down on 2026-10-23" in e.value for e in at.error)
        assert at.chat_input(key="chat_input").value == "1, 1, 0?"  # the message is back in the box
        at.button(key="paid_use_gpt-5.4-mini").click().run()
        assert at.text_input(key="keep.chat.model_other").value == ""
        assert at.selectbox(key="keep.chat.model.openai").value == "gpt-5.4-mini"
        at.button(key="chat_resend").click().run(timeout=60)
    assert at.session_state["chat_conversation"].turns[-1].content == "Hello from today's model."
