"""The Inside tool on the real built-in model: the odds shown are the engine's own, temperature reshapes them,
and fill-the-blank ranks sentences by the model's probability."""

from __future__ import annotations

import math
import os

import numpy as np
import pytest

from lib import inside
from lib.chat import local_llm
from lib.inside import remote

if not os.environ.get("CI"):
    pytest.importorskip("llama_cpp")

PROMPTS = ("The capital of France is", "Once upon a", "Peanut butter and", "1박", "전국", "I drink")


@pytest.fixture(scope="module")
def engine() -> inside.LlamaEngine:
    return inside.LlamaEngine(inside.load_llama(local_llm.model_path()))


def greedy_next(engine: inside.LlamaEngine, text: str) -> int:
    """The token llama.cpp itself picks at temperature 0 (its own sampler, not our arithmetic)."""
    llama = engine.llama
    llama.reset()
    generator = llama.generate([*engine.start(), *engine.tokenize(text)], temp=0.0, top_k=1)
    token = next(generator)
    generator.close()
    return token


@pytest.mark.parametrize("text", PROMPTS)
def test_the_top_token_shown_is_the_engines_greedy_choice(engine, text: str) -> None:
    shown = inside.odds(engine, engine.tokenize(text), temperature=1.0)
    assert shown.top.token == greedy_next(engine, text)
    # The same after the engine's cache holds something else (the view reuses evaluated prefixes).
    inside.odds(engine, engine.tokenize("Something else entirely"))
    assert inside.odds(engine, engine.tokenize(text)).top.token == greedy_next(engine, text)


@pytest.fixture(scope="module")
def chat_llama():
    """The chat's own model (``local_llm.load``: logits for the last token only, no score table): an
    independent way to the same numbers."""
    return local_llm.load()


def last_logprobs(llama, tokens: list[int]) -> np.ndarray:
    from llama_cpp import Llama

    llama.reset()
    llama.eval(tokens)
    logits = np.ctypeslib.as_array(llama._ctx.get_logits(), shape=(llama.n_vocab(),))
    return Llama.logits_to_logprobs(logits)


def test_probabilities_match_the_engines_own_logprobs_for_a_forced_continuation(engine, chat_llama) -> None:
    sentence = "The capital of France is Paris, and Seoul is in Korea."
    ours = inside.score(engine, sentence)
    start = engine.start()
    tokens = list(ours.tokens)
    # Each token of the sentence, forced: its log-probability from the chat's model, one prefix at a time.
    theirs = [float(last_logprobs(chat_llama, [*start, *tokens[:i]])[tok]) for i, tok in enumerate(tokens)]
    assert np.allclose(ours.token_logprobs, theirs, atol=2e-3), (ours.token_logprobs, theirs)

    # And the bar the next-token view draws for " Paris" is that same probability.
    prefix = engine.tokenize("The capital of France is")
    paris = next(c for c in inside.odds(engine, prefix, k=20).candidates if c.piece == b" Paris")
    assert math.isclose(paris.logprob, ours.token_logprobs[len(prefix)], abs_tol=2e-3)
    assert math.isclose(paris.prob, math.exp(theirs[len(prefix)]), rel_tol=5e-3)


def test_the_top_probability_matches_llamas_completion_logprobs(engine) -> None:
    # llama-cpp's create_completion(logprobs=...) reports the log-probability of the token it generated.
    # (Not echo=True: 0.3.36 scores each echoed prompt token with the logits of the position after it.)
    for text in ("The capital of France is", "Once upon a"):
        engine.llama.reset()
        out = engine.llama.create_completion("<|endoftext|>" + text, max_tokens=1, logprobs=1, temperature=0)[
            "choices"
        ][0]
        top = inside.odds(engine, engine.tokenize(text)).top
        assert out["text"] == top.piece.decode()
        assert math.isclose(top.logprob, out["logprobs"]["token_logprobs"][0], abs_tol=2e-3)


def test_temperature_zero_is_greedy_and_higher_temperatures_flatten(engine) -> None:
    tokens = engine.tokenize("Once upon a")
    logits = inside.next_logits(engine, tokens)
    cold = inside.odds(engine, tokens, temperature=0.0, logits=logits)
    assert cold.top.prob == 1.0 and cold.rest == 0.0 and cold.entropy_bits == 0.0
    assert all(c.prob == 0.0 for c in cold.candidates[1:])
    assert cold.top.token == int(np.argmax(logits))
    spreads = [
        inside.odds(engine, tokens, temperature=t, logits=logits).entropy_bits for t in (0.3, 0.7, 1, 1.5, 2)
    ]
    assert spreads == sorted(spreads) and spreads[0] < 1 < spreads[-1], spreads
    # The model's own log-probability does not depend on the temperature shown.
    assert cold.top.logprob == inside.odds(engine, tokens, temperature=2.0, logits=logits).top.logprob
    # Probabilities of the whole vocabulary add up to 1 at any temperature.
    for t in (0.5, 1.0, 2.0):
        assert math.isclose(float(inside.with_temperature(logits, t).sum()), 1.0, rel_tol=1e-9)


def test_sampling_follows_the_distribution(engine) -> None:
    logits = inside.next_logits(engine, engine.tokenize("The capital of France is"))
    rng = np.random.default_rng(7)
    draws = [inside.sample(logits, 1.0, rng) for _ in range(400)]
    paris = int(np.argmax(logits))
    share = draws.count(paris) / len(draws)
    assert abs(share - inside.with_temperature(logits, 1.0)[paris]) < 0.08
    assert {inside.sample(logits, 0.0, rng) for _ in range(20)} == {paris}
    assert len(set(draws)) > 3  # a flat enough tail gets sampled too


def test_autocomplete_extends_with_the_probability_each_token_had(engine) -> None:
    tokens = engine.tokenize("Once upon a")
    out = list(inside.autocomplete(engine, tokens, steps=5, temperature=0.0, rng=np.random.default_rng(0)))
    assert len(out) == 5 and all(p == 1.0 for _, p in out)
    assert out[0][0] == greedy_next(engine, "Once upon a")
    assert inside.text_of(engine, [*tokens, *(t for t, _ in out)]).startswith("Once upon a time")


FILL_SET = [
    ("The capital of France is ( ).", "Paris", ["banana", "London"]),
    ("I drink ( ) every morning.", "coffee", ["concrete"]),
    ("( ) is the capital of France.", "Paris", ["Banana"]),
    ("The sun rises in the ( ).", "morning", ["banana"]),
    ("Peanut butter and ( ) sandwich", "jelly", ["cement"]),
]


@pytest.mark.parametrize(("template", "best", "others"), FILL_SET)
def test_fill_the_blank_ranks_the_sensible_word_first(engine, template, best, others) -> None:
    ranked = inside.rank(engine, template, [*others, best])
    assert ranked[0].word == best, [(r.word, r.sentence.logprob) for r in ranked]
    assert math.isclose(sum(r.share for r in ranked), 1.0, rel_tol=1e-9)
    for r in ranked:
        assert r.sentence.text == inside.fill(template, r.word)
        assert r.sentence.logprob == pytest.approx(inside.score(engine, r.sentence.text).logprob, abs=2e-3)


def test_the_model_proposes_words_for_a_blank(engine) -> None:
    proposed = inside.propose(engine, "The capital of France is ( ).")
    assert "Paris" in proposed
    drink = inside.propose(engine, "I drink ( ) every morning.")
    assert drink and all(w[0].isalnum() and not w.startswith("ed") for w in drink), drink
    korean = inside.propose(engine, "아름다운 ( ) 강산")
    assert all("\ufffd" not in w and "⟨" not in w for w in korean), korean
    ranked = inside.rank(engine, "The capital of France is ( ).", ["banana"], proposed=proposed)
    assert ranked[0].proposed and ranked[0].word == "Paris"
    assert next(r for r in ranked if r.word == "banana").proposed is False


def test_hangul_bytes_are_shown_honestly(engine) -> None:
    tokens = engine.tokenize("1박")
    shown = inside.odds(engine, tokens, k=10)
    assert not any("\ufffd" in c.label for c in shown.candidates)
    fragment = next(c for c in shown.candidates if c.label.startswith("⟨"))
    assert fragment.label == inside.show_bytes(fragment.piece)
    char = inside.likeliest_character(engine, tokens, fragment.token)
    assert len(char) == 1 and "가" <= char <= "힣", char
    # Picking the three bytes of a syllable shows one character made of three tokens.
    pieces = [(engine.piece(t), 0.5) for t in engine.tokenize("의")]
    assert len(pieces) >= 2 and inside.segments(pieces) == [("의", 0.5 ** len(pieces), len(pieces))]
    # After a lead byte, a token that finishes the character is labelled with it.
    lead = engine.tokenize("의")[0]
    after_lead = inside.odds(engine, [*tokens, lead], k=50)
    finishing = [c for c in after_lead.candidates if c.completes]
    assert finishing and all(c.label.startswith("…") for c in finishing)


def test_a_text_longer_than_the_context_is_refused(engine) -> None:
    with pytest.raises(inside.TooLong) as info:
        inside.next_logits(engine, engine.tokenize("word " * (inside.CONTEXT_TOKENS + 10)))
    assert info.value.limit == inside.CONTEXT_TOKENS


def test_blanks_are_found_one_at_a_time() -> None:
    assert inside.split_blank("아름다운 ( ) 강산") == ("아름다운 ", " 강산")
    assert inside.split_blank("I like ___.") == ("I like ", ".")
    assert inside.split_blank("I like [MASK].") == ("I like ", ".")
    with pytest.raises(inside.NoBlank):
        inside.split_blank("no blank here")
    with pytest.raises(inside.SeveralBlanks):
        inside.split_blank("( ) and ( )")


# --- an API model's top_logprobs ----------------------------------------------------------------------------

RESPONSE = {
    "choices": [
        {
            "index": 0,
            "message": {"role": "assistant", "content": " Paris"},
            "logprobs": {
                "content": [
                    {
                        "token": " Paris",
                        "logprob": math.log(0.9),
                        "bytes": list(b" Paris"),
                        "top_logprobs": [
                            {"token": " the", "logprob": math.log(0.05), "bytes": list(b" the")},
                            {"token": " Paris", "logprob": math.log(0.9), "bytes": list(b" Paris")},
                            {"token": "\\xec", "logprob": math.log(0.02), "bytes": [0xEC]},
                        ],
                    }
                ]
            },
            "finish_reason": "length",
        }
    ]
}


def test_top_logprobs_become_odds() -> None:
    odds = remote.odds_from_response(RESPONSE)
    assert [c.label for c in odds.candidates] == ["␣Paris", "␣the", "⟨EC⟩"]
    assert odds.top.prob == pytest.approx(0.9) and odds.rest == pytest.approx(0.03)
    cold = remote.odds_from_response(RESPONSE, temperature=0)
    assert cold.top.prob == 1.0 and cold.candidates[1].prob == 0.0
    hot = remote.odds_from_response(RESPONSE, temperature=2.0)
    assert hot.entropy_bits > odds.entropy_bits and sum(c.prob for c in hot.candidates) == pytest.approx(1)
    assert remote.sampled_tokens(RESPONSE) == [(b" Paris", pytest.approx(0.9))]


def test_an_answer_without_logprobs_says_so() -> None:
    bare = {"choices": [{"index": 0, "message": {"content": "x"}, "logprobs": None}]}
    with pytest.raises(inside.NoLogprobs):
        remote.odds_from_response(bare)


@pytest.mark.prism
def test_the_odds_request_passes_the_spec(prism) -> None:
    import openai

    client = openai.OpenAI(api_key="sk-test", base_url=prism.url, max_retries=0)
    mark = prism.mark()
    for request in (
        remote.odds_request(model="gpt-4o-mini", prefix="1박"),
        remote.odds_request(model="gpt-4o-mini", prefix="Once upon a", max_tokens=20, temperature=1.5),
    ):
        client.chat.completions.create(**request)
    verdicts = prism.verdicts(since=mark)
    assert len(verdicts) == 2 and all("✔" in v for v in verdicts), verdicts
