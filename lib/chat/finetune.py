"""Fine-tuning data: a conversation or the shot editor's examples as OpenAI's chat-format JSONL, checked line
by line before it is downloaded (uploading and starting a job are left to the learner).

One line is one training example: ``{"messages": [{"role": ..., "content": ...}, ...]}``. The checks are the
ones OpenAI's data preparation guide runs: valid JSON, known roles, non-empty content, an assistant message to
learn from, no stray keys, tokens per example within the model's limit. Problems carry i18n keys and values
(the page words them); the training cost is estimated only where ``lib.core.pricing`` has a price.

>>> text = to_jsonl(examples_from_shots("Answer in one word.", [Shot("Capital of France?", "Paris")]))
>>> report = check_jsonl(text, model="gpt-4o-mini")
>>> report.ok, report.lines[0].tokens, [json.loads(line)["messages"][2] for line in text.splitlines()]
(True, 25, [{'role': 'assistant', 'content': 'Paris'}])
>>> bad = check_jsonl('{"messages": [{"role": "bot", "content": ""}]}', model="gpt-4o-mini")
>>> [p.key for p in bad.lines[0].problems]
['ft.p.role', 'ft.p.empty', 'ft.p.no_assistant']
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from lib.chat.messages import Shot, Turn
from lib.core.models import base_name, undated
from lib.core.pricing import training_cost_usd
from lib.tokens.counting import context_window, count_tokens
from lib.tokens.vocab import VocabularyUnavailable

ROLES = ("system", "user", "assistant")
MESSAGE_KEYS = frozenset({"role", "content", "name", "weight"})
LINE_KEYS = frozenset({"messages", "tools", "parallel_tool_calls"})
DEFAULT_EPOCHS = 3  # what OpenAI's "auto" picks for a small file; the cost scales with it
MIN_EXAMPLES = 10  # OpenAI refuses a training file with fewer
# Tokens one training example may hold (OpenAI's fine-tuning guide); other models: their context window.
EXAMPLE_TOKEN_LIMITS: dict[str, int] = {
    "gpt-4.1": 65_536,
    "gpt-4.1-mini": 65_536,
    "gpt-4.1-nano": 65_536,
    "gpt-4o": 65_536,
    "gpt-4o-mini": 65_536,
    "gpt-3.5-turbo": 16_385,
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a line: an i18n key and its values."""

    key: str
    values: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class LineCheck:
    """One line of the file: its number (from 1), tokens (None when not countable) and problems."""

    number: int
    tokens: int | None
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class Report:
    """The whole file: every line's check, the token total, the per-example limit and the cost estimate."""

    lines: tuple[LineCheck, ...]
    model: str
    limit: int | None
    epochs: int
    tokens: int
    cost_usd: float | None

    @property
    def ok(self) -> bool:
        return bool(self.lines) and all(line.ok for line in self.lines)

    @property
    def too_few(self) -> bool:
        return len(self.lines) < MIN_EXAMPLES


def example_limit(model: str) -> int | None:
    """Tokens one training example of ``model`` may hold; None when unknown."""
    name = undated(base_name(model))
    return EXAMPLE_TOKEN_LIMITS.get(name) or context_window(model)


def examples_from_shots(system: str, shots: Iterable[Shot]) -> list[dict[str, Any]]:
    """One example per filled shot: the system prompt (if any), the input, the answer to imitate."""
    head = [{"role": "system", "content": system}] if system.strip() else []
    return [
        {
            "messages": [
                *head,
                {"role": "user", "content": s.user},
                {"role": "assistant", "content": s.assistant},
            ]
        }
        for s in shots
        if not s.blank
    ]


def examples_from_conversation(system: str, turns: Sequence[Turn]) -> tuple[list[dict[str, Any]], int]:
    """The conversation as one example (the system prompt, then every exchange whose answer was complete),
    and how many images were left out (the text-only chat format carries none).

    An answer that was stopped or cut is left out with its question: a model would learn to stop mid-word.
    """
    messages: list[dict[str, str]] = [{"role": "system", "content": system}] if system.strip() else []
    left_out = 0
    for asked, answered in zip(turns[::2], turns[1::2], strict=False):
        if asked.role != "user" or answered.role != "assistant" or answered.status != "complete":
            continue
        if not answered.content.strip() or not (asked.content.strip() or asked.images):
            continue
        left_out += len(asked.images)
        messages.append({"role": "user", "content": asked.content})
        messages.append({"role": "assistant", "content": answered.content})
    has_answer = any(m["role"] == "assistant" for m in messages)
    return ([{"messages": messages}] if has_answer else []), left_out


def to_jsonl(examples: Iterable[Mapping[str, Any]]) -> str:
    """One JSON object a line, UTF-8 text as it is (Korean stays readable), a newline after each."""
    return "".join(json.dumps(dict(e), ensure_ascii=False) + "\n" for e in examples)


def _check_messages(messages: Any) -> list[Problem]:
    if not isinstance(messages, list) or not messages:
        return [Problem("ft.p.no_messages")]
    problems: list[Problem] = []
    for n, message in enumerate(messages, start=1):
        if not isinstance(message, Mapping):
            problems.append(Problem("ft.p.not_message", {"n": n}))
            continue
        role = message.get("role")
        if role not in ROLES:
            problems.append(Problem("ft.p.role", {"n": n, "role": str(role)}))
        elif role == "system" and n != 1:
            problems.append(Problem("ft.p.system_first", {"n": n}))
        content = message.get("content")
        if not isinstance(content, str) or not content.strip():
            problems.append(Problem("ft.p.empty", {"n": n}))
        extra = sorted(str(k) for k in message if k not in MESSAGE_KEYS)
        if extra:
            problems.append(Problem("ft.p.message_key", {"n": n, "keys": ", ".join(extra)}))
        if "weight" in message and (role != "assistant" or message["weight"] not in (0, 1)):
            problems.append(Problem("ft.p.weight", {"n": n}))
    roles = [m.get("role") for m in messages if isinstance(m, Mapping)]
    if "assistant" not in roles:
        problems.append(Problem("ft.p.no_assistant"))
    elif roles and roles[-1] != "assistant":
        problems.append(Problem("ft.p.last_not_assistant"))
    return problems


def check_line(number: int, line: str, *, model: str, limit: int | None) -> LineCheck:
    """One line: JSON, its keys, its messages, its tokens against ``limit``."""
    if not line.strip():
        return LineCheck(number, None, (Problem("ft.p.blank"),))
    try:
        data = json.loads(line)
    except ValueError as exc:
        return LineCheck(number, None, (Problem("ft.p.json", {"error": str(exc)}),))
    if not isinstance(data, dict):
        return LineCheck(number, None, (Problem("ft.p.no_messages"),))
    problems = _check_messages(data.get("messages"))
    extra = sorted(str(k) for k in data if k not in LINE_KEYS)
    if extra:
        problems.append(Problem("ft.p.line_key", {"keys": ", ".join(extra)}))
    tokens = None
    if isinstance(data.get("messages"), list) and all(isinstance(m, Mapping) for m in data["messages"]):
        try:
            tokens = count_tokens(
                [{k: m.get(k) or "" for k in ("role", "content")} for m in data["messages"]], model
            )
        except VocabularyUnavailable:
            tokens = None
    if tokens is not None and limit is not None and tokens > limit:
        problems.append(Problem("ft.p.too_long", {"tokens": tokens, "limit": limit}))
    return LineCheck(number, tokens, tuple(problems))


def check_jsonl(text: str, *, model: str, epochs: int = DEFAULT_EPOCHS) -> Report:
    """Every line of a JSONL file checked for ``model``, with the cost of ``epochs`` where priced.

    The file's final newline ends the last line; it is not an empty line of its own.
    """
    limit = example_limit(model)
    body = text[:-1] if text.endswith("\n") else text
    lines = (
        tuple(
            check_line(n, line, model=model, limit=limit) for n, line in enumerate(body.split("\n"), start=1)
        )
        if body
        else ()
    )
    tokens = sum(line.tokens or 0 for line in lines)
    cost = training_cost_usd(model, tokens=tokens, epochs=epochs) if lines else None
    return Report(lines, model, limit, epochs, tokens, cost)
