"""Next-token odds from an API model: the ``top_logprobs`` of the first token of a chat answer.

A chat model answers rather than continues, so it is asked to continue the text and reply with the
continuation only; the first token of that reply is its next token, and ``top_logprobs`` (up to 20) are the
alternatives it weighed. Only those are known: a temperature reshapes the odds among them, and the rest of the
vocabulary is out of sight. Models that do not offer log-probabilities (reasoning models, some servers) answer
with an error or without them (``NoLogprobs``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from lib.core.amounts import Amounts
from lib.inside.odds import Candidate, Odds, entropy, label_for, log_softmax, with_temperature
from lib.tokens.counting import request_tokens

TOP_LOGPROBS = 20  # the most the API returns
CONTINUE_INSTRUCTION = (
    "Continue the user's text exactly where it stops, in the same language. Reply with the continuation "
    "only: no quotes, no explanation, do not repeat the text."
)


class NoLogprobs(ValueError):
    """The server answered without log-probabilities: this model or server does not offer them."""


def messages_for(prefix: str) -> list[dict[str, str]]:
    """The chat messages that ask a model to continue ``prefix``."""
    return [{"role": "system", "content": CONTINUE_INSTRUCTION}, {"role": "user", "content": prefix}]


def odds_request(*, model: str, prefix: str, max_tokens: int = 1, temperature: float | None = None) -> dict:
    """Keyword arguments of ``client.chat.completions.create`` for the next token(s) with their odds.

    >>> sorted(odds_request(model="gpt-4o-mini", prefix="Once upon a"))
    ['logprobs', 'max_tokens', 'messages', 'model', 'top_logprobs']
    """
    params: dict[str, Any] = {
        "model": model,
        "messages": messages_for(prefix),
        "max_tokens": max_tokens,
        "logprobs": True,
        "top_logprobs": TOP_LOGPROBS,
    }
    if temperature is not None:
        params["temperature"] = temperature
    return params


def plan_cost(*, model: str, prefix: str, max_tokens: int = 1) -> Amounts:
    """What one request can cost: its prompt and the longest answer allowed."""
    return Amounts(requests=1, tokens=request_tokens(messages_for(prefix), model, max_tokens))


def _field(obj: Any, name: str) -> Any:
    return obj.get(name) if isinstance(obj, Mapping) else getattr(obj, name, None)


def _content(response: Any) -> list[Any]:
    choices = _field(response, "choices") or []
    logprobs = _field(choices[0], "logprobs") if choices else None
    content = _field(logprobs, "content") if logprobs is not None else None
    if not content:
        raise NoLogprobs("the answer has no log-probabilities")
    return list(content)


def _piece(entry: Any) -> bytes:
    raw = _field(entry, "bytes")
    return bytes(raw) if raw else str(_field(entry, "token") or "").encode("utf-8")


def odds_from_response(response: Any, *, temperature: float = 1.0, pending: bytes = b"") -> Odds:
    """The first answer token's alternatives (a ``ChatCompletion`` or its dict) as ``Odds``.

    At temperature 1 the probabilities are the model's own (``rest`` is what the listed ones leave over); at
    another temperature they are reshaped among the listed tokens only."""
    first = _content(response)[0]
    tops = list(_field(first, "top_logprobs") or []) or [first]
    pieces = [_piece(e) for e in tops]
    logprobs = np.array([float(_field(e, "logprob")) for e in tops], dtype=np.float64)
    order = np.argsort(-logprobs, kind="stable")
    # At 1, the model's own odds; otherwise reshaped among the listed tokens (the rest is out of sight).
    probs = np.exp(logprobs) if temperature == 1.0 else with_temperature(log_softmax(logprobs), temperature)
    candidates = []
    for i in (int(j) for j in order):
        label, completes = label_for(pieces[i], pending=pending)
        candidates.append(
            Candidate(
                token=i,
                piece=pieces[i],
                label=label,
                logprob=float(logprobs[i]),
                prob=float(probs[i]),
                completes=completes,
            )
        )
    return Odds(
        candidates=tuple(candidates),
        temperature=temperature,
        entropy_bits=entropy(probs / probs.sum()),
        rest=max(0.0, 1.0 - float(probs.sum())),
    )


def sampled_tokens(response: Any) -> list[tuple[bytes, float]]:
    """The tokens an answer was made of, each with the probability it had: what sampling chose."""
    return [(_piece(e), float(np.exp(float(_field(e, "logprob"))))) for e in _content(response)]


def answer_text(pieces: Sequence[tuple[bytes, float]]) -> str:
    """The text of sampled pieces."""
    return b"".join(p for p, _ in pieces).decode("utf-8", "replace")
