"""Conversation values: examples (shots), turns with what was measured, the request's ``messages``, cost.

>>> messages = build_messages(system="Be brief.", shots=[Shot("2+2?", "4")], history=[], user="3+3?")
>>> [m["role"] for m in messages]
['system', 'user', 'assistant', 'user']
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from lib.chat.search import Source
from lib.chat.vision import Picture, user_content
from lib.core.pricing import cost_usd

Role = Literal["user", "assistant"]
Status = Literal["complete", "stopped", "interrupted"]


@dataclass(frozen=True)
class Shot:
    """One few-shot example: an input and the answer the model should imitate."""

    user: str
    assistant: str

    @property
    def blank(self) -> bool:
        # Half an example (an input without its answer) teaches nothing and breaks the user/assistant rhythm.
        return not (self.user.strip() and self.assistant.strip())


@dataclass(frozen=True)
class Usage:
    """Tokens of one answer; ``estimated`` when counted here because the server sent no usage."""

    input_tokens: int
    output_tokens: int
    estimated: bool = False


@dataclass(frozen=True)
class Turn:
    """One message of the conversation as the page keeps it, with what was measured for an answer."""

    role: Role
    content: str
    model: str | None = None
    usage: Usage | None = None
    status: Status = "complete"
    seconds: float | None = None
    first_token_seconds: float | None = None
    error: str | None = None
    images: tuple[Picture, ...] = ()  # attached to a user message, resized (lib.chat.vision)
    sources: tuple[Source, ...] = ()  # the web pages an answer cites (lib.chat.search)


def build_messages(
    *,
    system: str,
    shots: Sequence[Shot],
    history: Sequence[Turn],
    user: str | None = None,
    images: Sequence[Picture] = (),
) -> list[dict]:
    """The ``messages`` of a request: system, the examples as user/assistant pairs, the history, the input.

    A blank system prompt is left out, as are half-filled examples and turns with no text (an answer that
    failed before its first word). A message with images has content parts (``lib.chat.vision``). A stopped
    or interrupted answer goes in with its partial text, because that is what the user saw and will refer to.

    >>> history = [Turn("user", "Hi"), Turn("assistant", "Hel", status="stopped")]
    >>> build_messages(system=" ", shots=[Shot("a", "")], history=history, user="Go on")
    [{'role': 'user', 'content': 'Hi'}, {'role': 'assistant', 'content': 'Hel'}, {'role': 'user', \
'content': 'Go on'}]
    """
    messages: list[dict] = []
    if system.strip():
        messages.append({"role": "system", "content": system})
    for shot in shots:
        if not shot.blank:
            messages.append({"role": "user", "content": shot.user})
            messages.append({"role": "assistant", "content": shot.assistant})
    messages.extend(
        {"role": turn.role, "content": user_content(turn.content, turn.images)}
        for turn in history
        if turn.content.strip() or turn.images
    )
    if user is not None and (user.strip() or images):
        messages.append({"role": "user", "content": user_content(user, images)})
    return messages


# --- Presets -----------------------------------------------------------------------------------------------


def turn_cost(model: str | None, usage: Usage | None) -> float | None:
    """US dollars for one answer; None without usage or for a model not in the price table."""
    if model is None or usage is None:
        return None
    return cost_usd(model, input_tokens=usage.input_tokens, output_tokens=usage.output_tokens)


def session_totals(turns: Iterable[Turn]) -> tuple[int, int, float | None]:
    """Input tokens, output tokens and cost of all answers so far.

    The cost is None as soon as one answer's model has no price (a local model, an unknown id): a total
    that silently leaves answers out would look cheaper than it was.

    >>> session_totals([Turn("assistant", "x", model="gpt-4o-mini", usage=Usage(1_000_000, 0))])
    (1000000, 0, 0.15)
    """
    input_tokens = output_tokens = 0
    cost: float | None = 0.0
    for turn in turns:
        if turn.usage is None:
            continue
        input_tokens += turn.usage.input_tokens
        output_tokens += turn.usage.output_tokens
        one = turn_cost(turn.model, turn.usage)
        cost = None if cost is None or one is None else cost + one
    return input_tokens, output_tokens, cost
