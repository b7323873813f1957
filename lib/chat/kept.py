"""The chat's values as plain JSON, for the work kept across a reload (``lib.core.browser_store``).

Only the fields listed here are copied, so nothing else that might sit on an object (a key, a client) can
reach the file. A message in flight when the page was saved comes back as the draft, never as an answer.

>>> c = Conversation(turns=[Turn("user", "Hi"), Turn("assistant", "Hello", model="m", usage=Usage(3, 1))])
>>> conversation_from_json(conversation_to_json(c)).turns == c.turns
True
"""

from __future__ import annotations

from typing import Any

from lib.chat.conversation import Conversation
from lib.chat.messages import Turn, Usage

_STATUSES = ("complete", "stopped", "interrupted")


def _turn_to_json(turn: Turn) -> dict[str, Any]:
    usage = turn.usage
    return {
        "role": turn.role,
        "content": turn.content,
        "model": turn.model,
        "usage": None
        if usage is None
        else {"input": usage.input_tokens, "output": usage.output_tokens, "estimated": usage.estimated},
        "status": turn.status,
        "seconds": turn.seconds,
        "first_token_seconds": turn.first_token_seconds,
        "error": turn.error,
    }


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _turn_from_json(data: dict[str, Any]) -> Turn | None:
    if data.get("role") not in ("user", "assistant") or not isinstance(data.get("content"), str):
        return None
    usage = data.get("usage")
    return Turn(
        role=data["role"],
        content=data["content"],
        model=_text(data.get("model")),
        usage=Usage(int(usage["input"]), int(usage["output"]), bool(usage.get("estimated")))
        if isinstance(usage, dict)
        else None,
        status=data["status"] if data.get("status") in _STATUSES else "complete",
        seconds=_number(data.get("seconds")),
        first_token_seconds=_number(data.get("first_token_seconds")),
        error=_text(data.get("error")),
    )


def conversation_to_json(conversation: Conversation) -> dict[str, Any]:
    """The turns and the draft (a message still being answered becomes the draft)."""
    return {
        "turns": [_turn_to_json(turn) for turn in conversation.turns],
        "draft": conversation.draft or conversation.pending,
    }


def conversation_from_json(data: dict[str, Any]) -> Conversation:
    """The conversation, idle, with its draft back in the message box."""
    turns = [
        turn for item in data.get("turns") or [] if isinstance(item, dict) and (turn := _turn_from_json(item))
    ]
    return Conversation(turns=turns, draft=_text(data.get("draft")))


def shots_to_json(rows: list[dict[str, Any]]) -> list[dict[str, str]]:
    """The shot editor's rows (``user``/``assistant``), as text."""
    return [{"user": str(r.get("user") or ""), "assistant": str(r.get("assistant") or "")} for r in rows]


def shots_from_json(data: Any) -> list[dict[str, str]]:
    return shots_to_json([r for r in data if isinstance(r, dict)]) if isinstance(data, list) else []
