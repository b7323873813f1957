"""AppTest of the Inside page: the next-token view on the built-in model, fill the blank, and an API model's
top_logprobs through the paid-call gateway (a local server that answers like the API)."""

from __future__ import annotations

import json
import math
import os

import pytest

from lib import inside
from lib.chat import local_llm
from tests.apptest_helpers import everything_shown, open_page
from tests.harness.fault_server import FaultServer, Reply
from ui.inside_view import md

if not os.environ.get("CI"):
    pytest.importorskip("llama_cpp")

PAGE = "app_pages/inside.py"
KEY = "sk-proj-insideSECRET0123456789abcdef"


@pytest.fixture(scope="module")
def engine() -> inside.LlamaEngine:
    return inside.LlamaEngine(inside.load_llama(local_llm.model_path()))


def page(**secrets):
    at = open_page(PAGE, secrets=secrets or None)
    assert not at.exception, at.exception
    return at


def captions(at) -> list[str]:
    return [c.value for c in at.caption]


def pick_buttons(at) -> list:
    return [b for b in at.button if b.key.startswith("inside_pick_")]


def test_the_next_token_view_shows_the_greedy_token_first_and_extends_the_text(engine) -> None:
    at = page()
    assert at.title[0].value == "🔍 Inside the model"
    prefix = at.text_input(key="keep.inside.prefix").value
    greedy = inside.odds(engine, engine.tokenize(prefix)).top
    stats = next(c for c in captions(at) if c.startswith("Top:"))
    assert stats.startswith(f"Top: **{md(greedy.label)}** ({greedy.prob:.1%})")
    first = pick_buttons(at)[0]
    assert first.key == f"inside_pick_{greedy.token}" and first.label.startswith(md(greedy.label))
    assert everything_shown(at).count("vega.github.io/schema/vega-lite") == 1  # the bar chart

    first.click().run()
    picks = at.session_state["inside_picks"]["picks"]
    assert [tok for tok, _ in picks] == [greedy.token]
    after = inside.odds(engine, [*engine.tokenize(prefix), greedy.token]).top
    assert next(c for c in captions(at) if c.startswith("Top:")).startswith(f"Top: **{md(after.label)}**")
    assert "inside-pick" in everything_shown(at)

    at.button(key="inside_undo").click().run()
    assert at.session_state["inside_picks"]["picks"] == []


def test_temperature_zero_puts_everything_on_the_top_token() -> None:
    at = page()
    at.slider(key="keep.inside.temperature").set_value(0.0).run()
    stats = next(c for c in captions(at) if c.startswith("Top:"))
    assert "(100.0%)" in stats and "all other tokens 0.0%" in stats
    assert any("greedy decoding" in c for c in captions(at))
    hot = at.slider(key="keep.inside.temperature").set_value(2.0).run()
    bits = float(
        next(c for c in captions(hot) if c.startswith("Top:")).split("entropy) ")[1].split(" bits")[0]
    )
    assert bits > 4


def test_sample_and_autocomplete_add_tokens_and_start_over_clears_them() -> None:
    at = page()
    at.button(key="inside_sample").click().run()
    assert len(at.session_state["inside_picks"]["picks"]) == 1
    at.button(key="inside_auto").click().run()
    picks = at.session_state["inside_picks"]["picks"]
    assert 2 <= len(picks) <= 1 + 20 and all(0 < p <= 1 for _, p in picks)
    at.button(key="inside_restart").click().run()
    assert at.session_state["inside_picks"]["picks"] == []


def test_the_korean_starter_in_korean_shows_bytes_and_the_character_they_lead_to() -> None:
    at = page()
    at.sidebar.segmented_control(key="lang").set_value("ko").run()
    at.button(key="inside_start_inside.starter.1bak").click().run()
    assert not at.exception, at.exception
    assert at.text_input(key="keep.inside.prefix").value == "1박"
    shown = captions(at)
    assert any('"2일"' in c for c in shown)  # what a person expects, next to what the model does
    assert any(c.startswith("1위:") for c in shown)
    assert any("⟨EC⟩" in c and "바이트" in c for c in shown)
    assert at.title[0].value == "🔍 모델 속 들여다보기"
    labels = [b.label for b in pick_buttons(at)]
    assert any(label.startswith("⟨") for label in labels) and not any("\ufffd" in x for x in labels)


def test_fill_the_blank_ranks_the_candidates_by_sentence_probability(engine) -> None:
    at = page()
    at.button(key="inside_blank_inside.blank.paris").click().run()
    assert at.text_input(key="keep.inside.template").value == "The capital of France is ( )."
    at.button(key="inside_rank").click().run()
    assert not at.exception, at.exception
    ranked = at.session_state["inside_ranking"]["ranked"]
    assert ranked[0].word == "Paris" and {r.word for r in ranked} == {
        "Paris",
        "London",
        "banana",
    }
    assert md("The capital of France is Paris.") in at.success[0].value
    table = at.dataframe[0].value
    assert table["Sentence"].iloc[0] == "The capital of France is Paris."
    expected = inside.score(engine, "The capital of France is Paris.").logprob
    assert math.isclose(table["Log-probability"].iloc[0], round(expected, 2), abs_tol=0.011)
    assert any("BERT" in e.label for e in at.expander)

    # With the model's own words: they are marked as its proposals.
    at.toggle(key="keep.inside.propose").set_value(True).run()
    at.button(key="inside_rank").click().run()
    assert any(r.proposed for r in at.session_state["inside_ranking"]["ranked"])


def test_tokens_are_shown_literally_in_markdown() -> None:
    assert md("*") == "\\*" and md("␣__init__") == "␣\\_\\_init\\_\\_" and md("가") == "가"


def test_a_sentence_without_a_blank_says_how_to_write_one() -> None:
    at = page()
    at.text_input(key="keep.inside.template").set_value("no blank here").run()
    at.button(key="inside_rank").click().run()
    assert "write ( ) where the word goes" in at.error[0].value


def _logprobs_answer(model: str = "gpt-4o-mini") -> dict:
    def entry(text: str, p: float) -> dict:
        return {"token": text, "logprob": math.log(p), "bytes": list(text.encode())}

    first = {**entry(" time", 0.8), "top_logprobs": [entry(" time", 0.8), entry(" midnight", 0.1)]}
    return {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "created": 1700000000,
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": " time"},
                "logprobs": {"content": [first]},
                "finish_reason": "length",
            }
        ],
        "usage": {"prompt_tokens": 30, "completion_tokens": 1, "total_tokens": 31},
    }


MODELS = Reply(
    200, {"object": "list", "data": [{"id": "gpt-4o-mini", "object": "model", "created": 0, "owned_by": "o"}]}
)


def test_an_api_models_top_logprobs_through_the_paid_gateway() -> None:
    with FaultServer(Reply(200, _logprobs_answer()), routes={"/v1/models": MODELS}).running() as server:
        at = page(OPENAI_API_KEY=KEY, OPENAI_BASE_URL=server.url, PLAYGROUND_PROVIDER="openai")
        at.segmented_control(key="keep.inside.source").set_value("api").run()
        at.text_input(key="keep.inside.prefix").set_value("Once upon a").run()
        assert not [r for r in server.requests if r.path.endswith("/chat/completions")]  # nothing until asked
        at.button(key="inside_ask").click().run()
        assert not at.exception, at.exception
        sent = [json.loads(r.body) for r in server.requests if r.path.endswith("/chat/completions")]
        assert len(sent) == 1 and sent[0]["logprobs"] is True and sent[0]["top_logprobs"] == 20
        assert sent[0]["messages"][-1]["content"] == "Once upon a" and sent[0]["max_tokens"] == 1
        assert any(c.startswith("Top: **␣time** (80.0%)") for c in captions(at))
        # The temperature reshapes the same answer without asking again.
        at.slider(key="keep.inside.temperature").set_value(0.0).run()
        assert any(c.startswith("Top: **␣time** (100.0%)") for c in captions(at))
        assert len([r for r in server.requests if r.path.endswith("/chat/completions")]) == 1
        # Picking one appends it to the text and asks for the next odds.
        at.button(key="inside_api_pick_0").click().run()
        assert at.text_input(key="keep.inside.prefix").value == "Once upon a time"
        assert len([r for r in server.requests if r.path.endswith("/chat/completions")]) == 2
        assert KEY not in everything_shown(at)


def test_a_model_without_logprobs_says_so() -> None:
    bare = _logprobs_answer()
    bare["choices"][0]["logprobs"] = None
    with FaultServer(Reply(200, bare), routes={"/v1/models": MODELS}).running() as server:
        at = page(OPENAI_API_KEY=KEY, OPENAI_BASE_URL=server.url, PLAYGROUND_PROVIDER="openai")
        at.segmented_control(key="keep.inside.source").set_value("api").run()
        at.button(key="inside_ask").click().run()
        assert "gave no token probabilities" in at.warning[0].value
