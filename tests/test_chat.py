"""The Chat page's logic: pure functions in plain tests, and the SDK over real HTTP.

Non-streaming requests are checked against Prism (OpenAI's spec). Prism cannot stream: it answers a streaming
request with plain JSON and the SDK then iterates zero chunks, so streaming is tested against the local SSE
server in ``tests/harness/fault_server.py``, which also injects faults before and during the stream.
"""

from __future__ import annotations

import ast
import json
import time
from collections.abc import Iterator
from datetime import date

import openai
import pytest
from openai.types.chat import ChatCompletionChunk

from lib.chat import (
    PRESETS,
    ChatStream,
    Shot,
    StreamCut,
    Turn,
    Usage,
    build_messages,
    chat_request,
    code_snippet,
    export_json,
    export_markdown,
    is_reasoning_model,
    session_totals,
    turn_cost,
)
from lib.core.catalogue import Catalogue
from lib.core.i18n import STRINGS
from lib.core.pricing import PRICES
from lib.core.settings import ProviderKind, Secret
from lib.messages import user_message
from lib.tokens import CONTEXT_WINDOWS, check_context, context_window, count_tokens
from lib.tokens.view import get_encoding
from tests.harness import free_port
from tests.harness.fault_server import FaultServer, Reply, SSEReply, chat_chunks

KEY = "sk-proj-TOPSECRET0123456789abcdef"
HANGUL = range(0xAC00, 0xD7A4)
USER_HI = [{"role": "user", "content": "Say hello"}]


def _has_hangul(text: str) -> bool:
    return any(ord(ch) in HANGUL for ch in text)


# --- Messages ----------------------------------------------------------------------------------------------


def test_messages_are_system_then_shots_then_history_then_input() -> None:
    messages = build_messages(
        system="Answer in one word.",
        shots=[Shot("Capital of France?", "Paris"), Shot("Capital of Korea?", "Seoul")],
        history=[Turn("user", "Capital of Japan?"), Turn("assistant", "Tokyo", model="gpt-4o-mini")],
        user="Capital of Italy?",
    )
    assert messages == [
        {"role": "system", "content": "Answer in one word."},
        {"role": "user", "content": "Capital of France?"},
        {"role": "assistant", "content": "Paris"},
        {"role": "user", "content": "Capital of Korea?"},
        {"role": "assistant", "content": "Seoul"},
        {"role": "user", "content": "Capital of Japan?"},
        {"role": "assistant", "content": "Tokyo"},
        {"role": "user", "content": "Capital of Italy?"},
    ]


def test_blank_system_and_half_filled_shots_are_left_out() -> None:
    messages = build_messages(
        system="  \n",
        shots=[Shot("", ""), Shot("only an input", " "), Shot("2+2?", "4")],
        history=[],
        user="3+3?",
    )
    assert [m["role"] for m in messages] == ["user", "assistant", "user"]
    assert messages[0]["content"] == "2+2?"


def test_stopped_and_interrupted_answers_go_in_with_their_partial_text() -> None:
    history = [
        Turn("user", "Count to ten"),
        Turn("assistant", "1, 2, 3", status="stopped"),
        Turn("user", "Again"),
        Turn("assistant", "1, 2", status="interrupted", error="Connection lost"),
        Turn("user", "Once more"),
        Turn("assistant", "", status="interrupted", error="Timed out"),  # nothing arrived: nothing to send
    ]
    messages = build_messages(system="", shots=[], history=history)
    assert [m["content"] for m in messages] == ["Count to ten", "1, 2, 3", "Again", "1, 2", "Once more"]
    assert build_messages(system="", shots=[], history=[], user=None) == []


# --- Presets -----------------------------------------------------------------------------------------------


def test_presets_have_the_promised_ids() -> None:
    assert set(PRESETS) == {
        "none",
        "sentiment",
        "translate",
        "friendlier",
        "summarise",
        "hallucination",
        "hallucination_guarded",
    }
    assert all(preset.id == key for key, preset in PRESETS.items())


@pytest.mark.parametrize("preset_id", sorted(PRESETS))
def test_every_preset_exists_in_korean_and_english(preset_id: str) -> None:
    preset = PRESETS[preset_id]
    for key in preset.keys:
        assert set(STRINGS[key]) == {"ko", "en"}
    ko, en = preset.localized("ko"), preset.localized("en")
    assert ko.name.strip() and en.name.strip()
    assert 0.0 <= preset.temperature <= 2.0
    if preset_id != "none":
        assert _has_hangul(ko.name) and _has_hangul(ko.note)
        assert ko.sample.strip() and en.sample.strip()
        assert en.note.strip()
    for lang in ("ko", "en"):
        text = preset.localized(lang)
        assert len(text.shots) == len(preset.shots)
        assert all(isinstance(shot, Shot) and not shot.blank for shot in text.shots)
        messages = build_messages(system=text.system, shots=text.shots, history=[], user=text.sample)
        if text.sample:
            assert messages[-1] == {"role": "user", "content": text.sample}


def test_the_none_preset_is_empty() -> None:
    none = PRESETS["none"]
    assert none.system is None and none.shots == () and none.sample is None
    for lang in ("ko", "en"):
        text = none.localized(lang)
        assert text.system == "" and text.shots == () and text.sample == "" and text.note == ""


def test_sentiment_preset_uses_the_delivery_review_and_two_examples() -> None:
    preset = PRESETS["sentiment"]
    ko, en = preset.localized("ko"), preset.localized("en")
    assert ko.sample == "음식이 맛있어요. 포장 상태도 좋았어요. 그런데 양이 좀 부족했어요."
    assert preset.expected == "1, 1, 0"
    assert preset.expected in ko.note and preset.expected in en.note
    assert preset.temperature == 0.0  # a classification: the same answer every time
    for text in (ko, en):
        assert len(text.shots) == 2
        assert "1" in text.system and "0" in text.system
        for shot in text.shots:
            # One digit per sentence, comma-separated, exactly the format the sample should get.
            digits = shot.assistant.split(", ")
            assert set(digits) <= {"0", "1"} and len(digits) == shot.user.count(".")
        assert text.sample.count(".") == 3
        assert len(preset.expected.split(", ")) == text.sample.count(".")  # one digit per sample sentence


def test_hallucination_presets_differ_only_in_the_system_prompt() -> None:
    plain, guarded = PRESETS["hallucination"], PRESETS["hallucination_guarded"]
    assert plain.sample == guarded.sample
    plain_en, plain_ko = plain.localized("en"), plain.localized("ko")
    guarded_en, guarded_ko = guarded.localized("en"), guarded.localized("ko")
    assert "2030" in plain_en.sample and "2030" in plain_ko.sample
    assert plain.temperature == guarded.temperature
    assert plain.system is None and plain.shots == guarded.shots == ()
    assert "I don't know" in guarded_en.system and "모르겠습니다" in guarded_ko.system
    assert "compare" in plain_en.note.lower() and "compare" in guarded_en.note.lower()
    assert "비교" in plain_ko.note and "비교" in guarded_ko.note


def test_a_preset_falls_back_to_english() -> None:
    preset = PRESETS["friendlier"]
    assert preset.localized("ko").name == "부드럽게 다시 쓰기"
    assert preset.localized("fr") == preset.localized("en")
    assert preset.localized("fr").name == "Make it friendlier"


# --- Context window and tokens -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "window"),
    [
        ("gpt-4o", 128_000),
        ("gpt-4o-mini", 128_000),
        ("gpt-4o-2024-08-06", 128_000),
        ("gpt-4o-mini-2024-07-18", 128_000),
        ("gpt-4.1", 1_047_576),
        ("gpt-4.1-nano-2025-04-14", 1_047_576),
        ("gpt-5", 400_000),
        ("gpt-5-mini-2025-08-07", 400_000),
        ("o3", 200_000),
        ("o4-mini", 200_000),
        ("gpt-4-turbo", 128_000),
        ("gpt-4-turbo-2024-04-09", 128_000),
        ("gpt-4", 8_192),
        ("gpt-4-0613", 8_192),
        ("gpt-3.5-turbo", 16_385),
        ("gpt-3.5-turbo-0125", 16_385),
        ("smollm2-135m-instruct", 2_048),
        ("openai/gpt-4o", 128_000),
        ("llama3.2:1b", None),
        ("my-azure-deployment", None),
    ],
)
def test_context_window(model: str, window: int | None) -> None:
    assert context_window(model) == window


def test_count_tokens_follows_openais_recipe() -> None:
    messages = [
        {"role": "system", "content": "You are helpful."},
        {"role": "user", "content": "음식이 맛있어요.", "name": "student"},
    ]
    for model, encoding in (("gpt-4o-mini", "o200k_base"), ("gpt-4", "cl100k_base")):
        enc = get_encoding(encoding)
        values = sum(len(enc.encode(v)) for m in messages for v in m.values())
        # 3 per message, the values, 1 for a name, 3 to prime the reply.
        assert count_tokens(messages, model) == 3 * len(messages) + values + 1 + 3
    # Unknown models are counted with today's encoding rather than failing.
    assert count_tokens(messages, "llama3.2:1b") == count_tokens(messages, "gpt-4o")
    assert count_tokens([], "gpt-4o") == 3


def test_a_long_message_does_not_fit_gpt_4_and_says_by_how_much() -> None:
    messages = [{"role": "user", "content": "hello " * 9000}]
    prompt = count_tokens(messages, "gpt-4")
    assert prompt > 8192
    check = check_context(messages, model="gpt-4", max_output_tokens=500)
    assert not check.fits and check.limit == 8192 and check.prompt_tokens == prompt
    assert check.over_by == prompt + 500 - 8192

    roomy = check_context(messages, model="gpt-4o", max_output_tokens=500)
    assert roomy.fits and roomy.over_by == 0 and roomy.limit == 128_000


def test_context_counts_the_answer_room_and_takes_an_explicit_window() -> None:
    messages = [{"role": "user", "content": "Hi"}]
    prompt = count_tokens(messages, "smollm2-135m-instruct")
    exact = check_context(messages, model="smollm2-135m-instruct", max_output_tokens=2048 - prompt)
    assert exact.fits and exact.over_by == 0
    one_more = check_context(messages, model="smollm2-135m-instruct", max_output_tokens=2049 - prompt)
    assert not one_more.fits and one_more.over_by == 1
    override = check_context(messages, model="llama3.2:1b", max_output_tokens=100, window=prompt + 99)
    assert override.limit == prompt + 99 and override.over_by == 1
    unknown = check_context(messages, model="llama3.2:1b", max_output_tokens=10**9)
    assert unknown.fits and unknown.limit is None and unknown.over_by == 0


def test_context_table_covers_todays_default_chat_families() -> None:
    assert all(
        context_window(model) for model in ("gpt-4o-mini", "gpt-4o", "gpt-4.1-mini", "gpt-5-mini", "gpt-5")
    )
    assert all(isinstance(v, int) and v > 0 for v in CONTEXT_WINDOWS.values())


# --- Cost --------------------------------------------------------------------------------------------------


def test_turn_cost_uses_the_price_table() -> None:
    price = PRICES["gpt-4o-mini"]
    expected = (1000 * price.input + 500 * price.output) / 1_000_000
    assert turn_cost("gpt-4o-mini", Usage(1000, 500)) == pytest.approx(expected)
    assert turn_cost("gpt-4o-mini-2024-07-18", Usage(1000, 500)) == pytest.approx(expected)
    assert turn_cost("smollm2-135m-instruct", Usage(1000, 500)) is None
    assert turn_cost("gpt-4o-mini", None) is None


def test_session_totals_sum_the_answers() -> None:
    turns = [
        Turn("user", "a"),
        Turn("assistant", "b", model="gpt-4o-mini", usage=Usage(100, 20)),
        Turn("user", "c"),
        Turn("assistant", "d", model="gpt-4o", usage=Usage(200, 30, estimated=True), status="stopped"),
    ]
    input_tokens, output_tokens, cost = session_totals(turns)
    assert (input_tokens, output_tokens) == (300, 50)
    assert cost == pytest.approx(
        turn_cost("gpt-4o-mini", Usage(100, 20)) + turn_cost("gpt-4o", Usage(200, 30))
    )
    assert session_totals([]) == (0, 0, 0.0)
    # One answer without a price makes the total unknown rather than too low.
    local = Turn("assistant", "e", model="smollm2-135m-instruct", usage=Usage(10, 10))
    assert session_totals([*turns, local]) == (310, 60, None)


# --- Exports -----------------------------------------------------------------------------------------------

_TURNS = [
    Turn("user", "음식이 맛있어요. 포장 상태도 좋았어요."),
    Turn(
        "assistant",
        "1, 1",
        model="gpt-4o-mini",
        usage=Usage(60, 4),
        seconds=0.84,
        first_token_seconds=0.31,
    ),
    Turn("user", "Count to 100"),
    Turn(
        "assistant",
        "1, 2, 3",
        model="gpt-4o-mini",
        usage=Usage(70, 6, estimated=True),
        status="stopped",
        seconds=0.5,
    ),
]
_SHOTS = [Shot("배달이 빨랐어요.", "1"), Shot("", "")]


def test_markdown_export_has_settings_examples_and_turns() -> None:
    text = export_markdown(_TURNS, system="Rate each sentence.", shots=_SHOTS, model="gpt-4o-mini", lang="en")
    assert text.startswith("# Chat\n") and "`gpt-4o-mini`" in text
    assert "## System prompt\n\nRate each sentence." in text
    assert "배달이 빨랐어요." in text and text.count("**Example") == 2  # the blank example is left out
    assert text.index("음식이 맛있어요") < text.index("1, 1") < text.index("Count to 100")
    assert "60 input + 4 output tokens" in text and "(estimated)" in text and "stopped by the user" in text
    assert "Tokens: 130 input, 10 output" in text
    korean = export_markdown(_TURNS, system="", shots=[], model="gpt-4o-mini", lang="ko")
    assert "## 대화" in korean and "사용자가 멈춤" in korean and "System prompt" not in korean


def test_a_korean_export_has_korean_headings_throughout() -> None:
    text = export_markdown(_TURNS, system="Rate each sentence.", shots=_SHOTS, model="gpt-4o-mini", lang="ko")
    assert text.startswith("# 채팅\n") and "- 모델: `gpt-4o-mini`" in text
    assert "## 시스템 프롬프트\n\nRate each sentence." in text and "## 예시 (few-shot)" in text
    assert "**예시 1 · 사용자**" in text and "**예시 1 · 어시스턴트**" in text and "### 사용자" in text
    assert "*입력 60 + 출력 4 토큰 · " in text and "입력 70 + 출력 6 토큰 (추정)" in text
    assert "- 토큰: 입력 130, 출력 10 · 비용 " in text and "첫 토큰 0.31초" in text
    english_labels = ("Chat", "Model", "System prompt", "Example", "Conversation", "User", "input", "stopped")
    assert not [word for word in english_labels if word in text]


def test_json_export_is_utf8_and_never_holds_a_key() -> None:
    settings = {
        "provider": ProviderKind.OPENAI,
        "temperature": 0.2,
        "max_tokens": 256,
        "api_key": KEY,
        "openai_api_key": "sk-another-secret-123456",
        "key": Secret(KEY),
        "token_budget": 10_000,
        "nested": {"AZURE_OPENAI_API_KEY": KEY, "base_url": f"https://proxy.example/v1?k={KEY}"},
        "secret_holder": Secret("abc"),
    }
    turns = [*_TURNS, Turn("assistant", "", model="gpt-4o-mini", error=f"401: bad key {KEY}")]
    text = export_json(turns, system="Rate.", shots=_SHOTS, model="gpt-4o-mini", settings=settings)
    assert KEY not in text and "TOPSECRET" not in text and "sk-another" not in text
    assert "음식이 맛있어요" in text  # ensure_ascii=False: Hangul as is
    data = json.loads(text)
    assert data["model"] == "gpt-4o-mini" and data["system"] == "Rate."
    assert data["settings"]["provider"] == "openai" and data["settings"]["temperature"] == 0.2
    assert data["settings"]["max_tokens"] == 256 and data["settings"]["token_budget"] == 10_000
    assert {"api_key", "openai_api_key", "key", "secret_holder"}.isdisjoint(data["settings"])
    assert data["settings"]["nested"] == {"base_url": "https://proxy.example/v1?k=[redacted]"}
    assert data["shots"] == [{"user": "배달이 빨랐어요.", "assistant": "1"}]
    assert [t["role"] for t in data["turns"]] == ["user", "assistant", "user", "assistant", "assistant"]
    second = data["turns"][1]
    assert second["usage"] == {"input_tokens": 60, "output_tokens": 4, "estimated": False}
    assert second["cost_usd"] == pytest.approx(turn_cost("gpt-4o-mini", Usage(60, 4)))
    assert second["seconds"] == 0.84 and second["first_token_seconds"] == 0.31
    assert data["turns"][3]["status"] == "stopped" and data["turns"][3]["usage"]["estimated"] is True
    assert data["totals"]["input_tokens"] == 130 and data["totals"]["output_tokens"] == 10
    assert json.loads(export_json([], system="", shots=[], model="x"))["settings"] == {}


# --- Request parameters and the code snippet ---------------------------------------------------------------


def test_reasoning_models_get_max_completion_tokens_and_default_sampling() -> None:
    assert [
        is_reasoning_model(m) for m in ("o1", "o3-mini", "o4-mini-2025-04-16", "gpt-5", "gpt-5-nano")
    ] == [True] * 5
    assert not any(is_reasoning_model(m) for m in ("gpt-4o", "gpt-4.1-mini", "gpt-5-chat-latest", "olmo2"))
    classic = chat_request(model="gpt-4o-mini", messages=USER_HI, temperature=0.3, top_p=0.9, max_tokens=64)
    assert classic == {
        "model": "gpt-4o-mini",
        "messages": USER_HI,
        "temperature": 0.3,
        "top_p": 0.9,
        "max_tokens": 64,
        "stream": True,
        "stream_options": {"include_usage": True},
    }
    reasoning = chat_request(model="o4-mini", messages=USER_HI, temperature=0.3, top_p=0.9, max_tokens=64)
    assert reasoning["max_completion_tokens"] == 64
    assert not {"max_tokens", "temperature", "top_p"} & set(reasoning)


def _snippet_parts(snippet: str) -> tuple[list, dict]:
    """The ``messages`` literal and the literal keyword arguments of ``create`` in a snippet."""
    tree = ast.parse(snippet)
    messages = next(
        ast.literal_eval(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "messages"
    )
    call = next(
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "create"
    )
    keywords = {k.arg: ast.literal_eval(k.value) for k in call.keywords if k.arg != "messages"}
    return messages, keywords


_SNIPPET_MESSAGES = [
    {"role": "system", "content": 'Rate each sentence.\nAnswer "1" or "0" \\ per line.\n'},
    {"role": "user", "content": "음식이 맛있어요. 👍\t그런데\u2028양이 좀 부족했어요."},
    {"role": "assistant", "content": "1, 1, 0"},
    {"role": "user", "content": "'quotes' and {braces} and \x00"},
]


@pytest.mark.parametrize(
    ("provider", "extra", "expected_in"),
    [
        (ProviderKind.OPENAI, {}, ['os.environ["OPENAI_API_KEY"]', "from openai import OpenAI"]),
        (
            ProviderKind.OPENAI,
            {"base_url": "https://proxy.example/v1"},
            ['base_url="https://proxy.example/v1"', 'os.environ["OPENAI_API_KEY"]'],
        ),
        (
            ProviderKind.AZURE,
            {
                "azure_endpoint": "https://my-resource.openai.azure.com",
                "azure_deployment": "gpt4o-mini-dep",
                "api_version": "2024-10-21",
            },
            [
                "AzureOpenAI(",
                'os.environ["AZURE_OPENAI_API_KEY"]',
                'api_version="2024-10-21"',
                "gpt4o-mini-dep",
            ],
        ),
        (
            ProviderKind.COMPATIBLE,
            {"base_url": "http://localhost:11434/v1"},
            ['base_url="http://localhost:11434/v1"', '"not-needed"'],
        ),
        (ProviderKind.BUILTIN, {}, ["llama_cpp.server", '"not-needed"']),
    ],
)
def test_code_snippet_compiles_and_reproduces_the_request(
    provider: ProviderKind, extra: dict, expected_in: list[str]
) -> None:
    snippet = code_snippet(
        _SNIPPET_MESSAGES,
        model="gpt-4o-mini",
        temperature=0.7,
        top_p=0.95,
        max_tokens=300,
        provider=provider,
        **extra,
    )
    compile(snippet, "<snippet>", "exec")
    messages, keywords = _snippet_parts(snippet)
    assert messages == _SNIPPET_MESSAGES
    request = chat_request(
        model="gpt-4o-mini", messages=_SNIPPET_MESSAGES, temperature=0.7, top_p=0.95, max_tokens=300
    )
    del request["messages"]
    assert keywords == request
    assert "stream=True" in snippet and 'stream_options={"include_usage": True}' in snippet
    for fragment in expected_in:
        assert fragment in snippet
    assert "sk-" not in snippet
    assert "음식이 맛있어요. 👍" in snippet  # readable, not \u-escaped


def test_code_snippet_for_a_reasoning_model() -> None:
    snippet = code_snippet(
        USER_HI, model="o4-mini", temperature=1.0, top_p=1.0, max_tokens=1000, provider=ProviderKind.OPENAI
    )
    compile(snippet, "<snippet>", "exec")
    _, keywords = _snippet_parts(snippet)
    assert keywords["max_completion_tokens"] == 1000 and "max_tokens" not in keywords
    assert "temperature" not in keywords


# --- Model list --------------------------------------------------------------------------------------------

_OPENAI_IDS = [
    "whisper-1",
    "tts-1-hd",
    "gpt-4o-mini-tts",
    "dall-e-3",
    "gpt-image-1",
    "text-embedding-3-small",
    "omni-moderation-latest",
    "davinci-002",
    "babbage-002",
    "gpt-4o-transcribe",
    "gpt-4o-realtime-preview",
    "gpt-4o-audio-preview",
    "gpt-4o-search-preview",
    "o3-deep-research",
    "gpt-3.5-turbo-instruct",
    "o1-pro",
    "gpt-5-codex",
    "o4-mini",
    "gpt-5",
    "gpt-3.5-turbo-1106",
    "gpt-4o-2024-08-06",
    "gpt-4.1",
    "chatgpt-4o-latest",
    "gpt-3.5-turbo",
    "gpt-4o-mini",
    "gpt-5-mini",
    "gpt-4o",
    "gpt-4.1-mini",
    "o3",
    "gpt-4o-mini",  # duplicates are dropped
]


def chat_ids(ids: list[str], **kw) -> list[str]:
    return Catalogue.from_listing([{"id": i} for i in ids], today=date(2026, 12, 1), **kw).ids("chat")


def test_openai_chat_models_are_told_apart_from_other_models() -> None:
    # The catalogue (lib.core.catalogue) sorts a listing into tools; only chat models reach the chat picker.
    assert sorted(chat_ids(_OPENAI_IDS)) == [
        "chatgpt-4o-latest",
        "gpt-3.5-turbo",
        "gpt-3.5-turbo-1106",
        "gpt-4.1",
        "gpt-4.1-mini",
        "gpt-4o",
        "gpt-4o-2024-08-06",
        "gpt-4o-mini",  # listed twice, offered once
        "gpt-5",
        "gpt-5-mini",
        "o1-pro",
        "o3",
        "o4-mini",
    ]
    assert chat_ids(["llama3.2:1b", "gpt-4o"]) == ["gpt-4o"]


def test_other_servers_keep_everything_but_obvious_non_chat_models() -> None:
    ids = [
        "nomic-embed-text:latest",
        "qwen2.5:0.5b",
        "smollm2-135m-instruct",
        "whisper-large-v3",
        "llama3.2:1b",
    ]
    assert sorted(chat_ids(ids, openai_only=False)) == [
        "llama3.2:1b",
        "qwen2.5:0.5b",
        "smollm2-135m-instruct",
    ]


# --- Over HTTP: Prism checks the requests against OpenAI's spec --------------------------------------------


def _prism_client(prism) -> openai.OpenAI:
    return openai.OpenAI(api_key="sk-test", base_url=prism.url, max_retries=0, timeout=30)


def _assert_spec_ok(prism, mark: int, requests: int) -> None:
    verdicts = prism.verdicts(since=mark)
    assert len(verdicts) == requests and all("✔" in v for v in verdicts), verdicts


@pytest.mark.prism
@pytest.mark.parametrize("model", ["gpt-4o-mini", "o4-mini"])
def test_the_chat_request_passes_the_spec_without_streaming(prism, model: str) -> None:
    # The same parameters as the streamed request, minus streaming, which Prism cannot answer.
    sentiment = PRESETS["sentiment"].localized("ko")
    params = chat_request(
        model=model,
        messages=build_messages(
            system=sentiment.system,
            shots=sentiment.shots,
            history=[],
            user=sentiment.sample,
        ),
        temperature=0.0,
        top_p=1.0,
        max_tokens=50,
    )
    del params["stream"], params["stream_options"]
    mark = prism.mark()
    completion = _prism_client(prism).chat.completions.create(**params)
    # Prism answers with its static sample of the response schema (strings "string", numbers 0, the first
    # enum value): the SDK must hand the app that text as the assistant's, with the finish reason and usage.
    (choice,) = completion.choices
    assert (choice.message.role, choice.message.content) == ("assistant", "string")
    assert choice.finish_reason == "stop"
    assert completion.usage is not None
    assert (completion.usage.prompt_tokens, completion.usage.completion_tokens) == (0, 0)
    _assert_spec_ok(prism, mark, 1)


@pytest.mark.prism
def test_model_listing_against_the_spec(prism) -> None:
    mark = prism.mark()
    ids = [m.id for m in _prism_client(prism).models.list()]
    assert ids and all(isinstance(i, str) for i in ids)
    # Prism's example ids say nothing about real models; only the shape and the catalogue's contract matter.
    assert set(chat_ids(ids, openai_only=False)) <= set(ids)
    _assert_spec_ok(prism, mark, 1)


@pytest.mark.prism
def test_prism_accepts_the_streamed_request_but_cannot_stream_it(prism) -> None:
    # The request ChatStream sends (stream + stream_options) passes the spec; Prism answers with JSON, which
    # the SDK iterates as zero chunks. Streaming behaviour is therefore tested against the SSE server below.
    mark = prism.mark()
    stream = ChatStream(
        _prism_client(prism), model="gpt-4o-mini", messages=USER_HI, temperature=1, top_p=1, max_tokens=20
    )
    assert list(stream) == []
    assert stream.result.status == "complete" and stream.result.text == ""
    _assert_spec_ok(prism, mark, 1)


# --- Over HTTP: streaming against the local SSE server -----------------------------------------------------


def _stream(server: FaultServer, *, model: str = "gpt-4o-mini", timeout: float = 5.0, **kw) -> ChatStream:
    client = openai.OpenAI(api_key="sk-test", base_url=server.url, max_retries=0, timeout=timeout)
    params = {"messages": USER_HI, "temperature": 0.5, "top_p": 1.0, "max_tokens": 50} | kw
    return ChatStream(client, model=model, timeout=timeout, **params)


def test_a_complete_stream_with_usage() -> None:
    with FaultServer(
        SSEReply(chat_chunks(["Hel", "lo", ", 안녕!"], usage=(21, 7)), delay=0.02)
    ).running() as s:
        stream = _stream(s)
        deltas = list(stream)
        body = json.loads(s.requests[0].body)
    assert deltas == ["Hel", "lo", ", 안녕!"]
    result = stream.result
    assert result.text == "Hello, 안녕!" and result.status == "complete" and result.error is None
    assert result.usage == Usage(21, 7, estimated=False) and result.finish_reason == "stop"
    assert 0 < result.first_token_seconds <= result.seconds
    assert s.requests[0].path == "/v1/chat/completions"
    assert body["stream"] is True and body["stream_options"] == {"include_usage": True}
    assert body["max_tokens"] == 50 and body["temperature"] == 0.5 and body["messages"] == USER_HI
    turn = result.to_turn("gpt-4o-mini")
    assert turn.role == "assistant" and turn.content == "Hello, 안녕!" and turn.usage == result.usage


def test_a_reasoning_model_is_sent_max_completion_tokens() -> None:
    with FaultServer(SSEReply(chat_chunks(["ok"], model="o4-mini"))).running() as s:
        assert list(_stream(s, model="o4-mini")) == ["ok"]
        body = json.loads(s.requests[0].body)
    assert body["max_completion_tokens"] == 50 and not {"max_tokens", "temperature", "top_p"} & set(body)


def test_without_a_usage_chunk_usage_is_estimated() -> None:
    with FaultServer(SSEReply(chat_chunks(["Hello", " there"], usage=None))).running() as s:
        stream = _stream(s)
        assert "".join(stream) == "Hello there"
    usage = stream.result.usage
    assert usage.estimated and usage.input_tokens == count_tokens(USER_HI, "gpt-4o-mini")
    assert usage.output_tokens == len(get_encoding("o200k_base").encode("Hello there"))
    assert stream.result.status == "complete"


def test_a_stream_cut_halfway_keeps_the_partial_text() -> None:
    # Events: role, "The ", "answer ", | cut | "is 42", finish, usage.
    reply = SSEReply(chat_chunks(["The ", "answer ", "is 42"]), cut_after=3)
    with FaultServer(reply).running() as s:
        stream = _stream(s)
        deltas = list(stream)  # ends normally: no exception reaches the page
    result = stream.result
    assert deltas == ["The ", "answer "] and result.text == "The answer "
    # The server was reached and the answer began: a cut, not "cannot reach the server".
    assert result.status == "interrupted" and isinstance(result.error, StreamCut)
    assert isinstance(result.error.cause, openai.APIConnectionError)
    assert result.usage.estimated and result.finish_reason is None
    assert user_message(result.error, "en").kind == "stream_cut"
    # The partial answer goes back into the conversation as the user saw it.
    turn = result.to_turn("gpt-4o-mini", error=user_message(result.error, "en").text)
    assert build_messages(system="", shots=[], history=[turn])[-1]["content"] == "The answer "


def test_a_cut_before_any_text_is_raised_so_the_draft_is_kept() -> None:
    with FaultServer(SSEReply(chat_chunks(["never seen"]), cut_after=1)).running() as s:
        stream = _stream(s)
        with pytest.raises(openai.APIConnectionError):
            list(stream)
    assert stream.result.text == "" and stream.result.status == "interrupted"


def test_a_timeout_mid_stream_interrupts_it() -> None:
    reply = SSEReply(chat_chunks(["Thinking", "..."]), pause_after=2, pause=60.0)
    with FaultServer(reply).running() as s:
        stream = _stream(s, timeout=0.5)
        started = time.monotonic()
        deltas = list(stream)
        elapsed = time.monotonic() - started
    assert deltas == ["Thinking"] and elapsed < 30  # the client gave up, long before the 60 s pause ended
    result = stream.result
    assert result.status == "interrupted" and isinstance(result.error.cause, openai.APITimeoutError)
    assert user_message(result.error, "en").kind == "stream_cut"


def test_an_error_event_mid_stream_interrupts_it() -> None:
    events = [
        *chat_chunks(["Par", "tial"], usage=None)[:3],
        {"error": {"message": "The server is overloaded"}},
    ]
    with FaultServer(SSEReply(events)).running() as s:
        stream = _stream(s)
        assert list(stream) == ["Par", "tial"]
    assert stream.result.status == "interrupted" and isinstance(stream.result.error.cause, openai.APIError)


def _raised_before_the_stream(reply: Reply) -> tuple[BaseException, FaultServer]:
    with FaultServer(reply).running() as s:
        stream = _stream(s)
        with pytest.raises(openai.APIStatusError) as info:
            list(stream)
    assert stream.result.text == "" and stream.result.error is info.value
    return info.value, s


def test_401_before_the_stream_is_a_typed_error() -> None:
    body = {"error": {"message": f"Incorrect API key provided: {KEY}.", "type": "invalid_request_error"}}
    error, server = _raised_before_the_stream(Reply(401, body))
    assert isinstance(error, openai.AuthenticationError) and len(server.requests) == 1
    message = user_message(error, "en", secrets=[KEY])
    assert message.kind == "auth" and KEY not in message.text


def test_429_before_the_stream_says_when_to_retry() -> None:
    reply = Reply(
        429,
        {"error": {"message": "Rate limit reached on tokens per min (TPM)", "code": "rate_limit_exceeded"}},
        {"retry-after": "7"},
    )
    error, _ = _raised_before_the_stream(reply)
    assert isinstance(error, openai.RateLimitError)
    message = user_message(error, "ko")
    assert message.kind == "rate_limit" and message.retry_after == 7 and "7" in message.text


def test_404_and_500_before_the_stream() -> None:
    not_found, _ = _raised_before_the_stream(Reply(404, {"error": {"message": "The model does not exist"}}))
    assert isinstance(not_found, openai.NotFoundError) and user_message(not_found, "en").kind == "not_found"
    server_error, _ = _raised_before_the_stream(Reply(500, {"error": {"message": "boom"}}))
    assert isinstance(server_error, openai.InternalServerError)
    assert user_message(server_error, "en").kind == "server"


def test_connection_refused_is_a_typed_error() -> None:
    client = openai.OpenAI(api_key="sk-test", base_url=f"http://127.0.0.1:{free_port()}/v1", max_retries=0)
    stream = ChatStream(client, model="gpt-4o-mini", messages=USER_HI, temperature=1, top_p=1, max_tokens=5)
    with pytest.raises(openai.APIConnectionError) as info:
        list(stream)
    assert user_message(info.value, "en").kind == "connection"


# --- Stopping ----------------------------------------------------------------------------------------------


def test_stop_keeps_the_partial_text() -> None:
    reply = SSEReply(chat_chunks(["one ", "two ", "three ", "four"]), delay=0.05)
    with FaultServer(reply).running() as s:
        stream = _stream(s)
        deltas = []
        for delta in stream:
            deltas.append(delta)
            if len(deltas) == 2:
                stream.stop()
    result = stream.result
    assert deltas == ["one ", "two "] and result.text == "one two "
    assert result.status == "stopped" and result.error is None and result.usage.estimated


def test_closing_the_iterator_counts_as_stopped() -> None:
    # What Streamlit does when a rerun interrupts st.write_stream: the generator is closed (GeneratorExit).
    reply = SSEReply(chat_chunks(["first ", "second ", "third"]), delay=0.05)
    with FaultServer(reply).running() as s:
        stream = _stream(s)
        iterator = iter(stream)
        assert iter(stream) is iterator  # st.write_stream calls iter() twice
        assert next(iterator) == "first "
        iterator.close()
    assert stream.result.status == "stopped" and stream.result.text == "first "


def test_stop_is_visible_even_if_the_iterator_is_never_resumed() -> None:
    with FaultServer(SSEReply(chat_chunks(["a", "b", "c"]), delay=0.05)).running() as s:
        stream = _stream(s)
        iterator = iter(stream)
        assert next(iterator) == "a" and stream.result is None  # still running
        stream.stop()  # e.g. from the next Streamlit run, with the old generator parked
        assert stream.result.status == "stopped" and stream.result.text == "a"
        iterator.close()
    assert stream.result.status == "stopped" and stream.result.text == "a"


def test_stopped_before_it_started_sends_nothing() -> None:
    with FaultServer(SSEReply(chat_chunks(["x"]))).running() as s:
        stream = _stream(s)
        stream.stop()
        assert list(stream) == [] and s.requests == []
    assert stream.result.status == "stopped"


# --- A client that is not the SDK (the built-in local model's wrapper) -------------------------------------


class _LocalClient:
    """The shape of the built-in model's wrapper: ``chat.completions.create`` yielding SDK chunk objects."""

    def __init__(self, events: list[dict], fail_after: int | None = None) -> None:
        self.events, self.fail_after, self.calls = events, fail_after, []
        self.chat = self
        self.completions = self

    def create(self, **params) -> Iterator[ChatCompletionChunk]:
        self.calls.append(params)
        for index, event in enumerate(self.events):
            if index == self.fail_after:
                raise RuntimeError("llama_decode returned -1")
            yield ChatCompletionChunk.model_validate(event)


def test_a_local_engine_client_streams_the_same_way() -> None:
    client = _LocalClient(chat_chunks(["Hi", " there"], model="smollm2-135m-instruct", usage=(9, 2)))
    stream = ChatStream(
        client, model="smollm2-135m-instruct", messages=USER_HI, temperature=0.2, top_p=0.9, max_tokens=16
    )
    assert list(stream) == ["Hi", " there"] and stream.result.usage == Usage(9, 2)
    assert "timeout" not in client.calls[0]  # only sent when asked for
    assert client.calls[0]["max_tokens"] == 16 and client.calls[0]["stream"] is True


def test_a_local_engine_failing_mid_answer_is_an_interruption() -> None:
    client = _LocalClient(chat_chunks(["Hi", " there", " friend"], usage=None), fail_after=3)
    stream = ChatStream(
        client, model="smollm2-135m-instruct", messages=USER_HI, temperature=1, top_p=1, max_tokens=9
    )
    assert list(stream) == ["Hi", " there"]
    assert stream.result.status == "interrupted" and isinstance(stream.result.error.cause, RuntimeError)
    assert user_message(stream.result.error, "en").kind == "stream_cut"
