"""The chat's values as plain JSON, for the work kept across a reload (``lib.core.browser_store``).

Only the fields listed here are copied, so nothing else that might sit on an object (a key, a client) can
reach the file. A message in flight when the page was saved comes back as the draft, never as an answer.
Attached images (already resized small by ``lib.chat.vision``) go to the store as blobs through ``put``; an
image whose blob was left out under the browser's cap is not restored, its message is.

>>> c = Conversation(turns=[Turn("user", "Hi"), Turn("assistant", "Hello", model="m", usage=Usage(3, 1))])
>>> conversation_from_json(conversation_to_json(c)).turns == c.turns
True
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lib.chat.conversation import Conversation
from lib.chat.messages import Turn, Usage
from lib.chat.search import Source, safe_url
from lib.chat.vision import DETAILS, Picture

Put = Callable[[bytes], str]
Blob = Callable[[Any], bytes | None]


def _picture_to_json(picture: Picture, put: Put) -> dict[str, Any]:
    return {
        "blob": put(picture.data),
        "width": picture.width,
        "height": picture.height,
        "original": list(picture.original),
        "name": picture.name,
        "detail": picture.detail,
        "mime": picture.mime,
    }


def _picture_from_json(data: Any, blob: Blob | None) -> Picture | None:
    if not isinstance(data, dict) or blob is None:
        return None
    raw = blob(data.get("blob"))
    width, height, original = data.get("width"), data.get("height"), data.get("original")
    if raw is None or not isinstance(width, int) or not isinstance(height, int):
        return None
    if not (isinstance(original, list) and len(original) == 2 and all(isinstance(v, int) for v in original)):
        original = [width, height]
    mime = data.get("mime") if data.get("mime") in ("image/jpeg", "image/png") else "image/jpeg"
    detail = data.get("detail") if data.get("detail") in DETAILS else "auto"
    return Picture(raw, width, height, (original[0], original[1]), str(data.get("name") or ""), detail, mime)


def _pictures_to_json(pictures: tuple[Picture, ...], put: Put | None) -> list[dict[str, Any]]:
    return [] if put is None else [_picture_to_json(p, put) for p in pictures]


def _pictures_from_json(data: Any, blob: Blob | None) -> tuple[Picture, ...]:
    items = data if isinstance(data, list) else []
    return tuple(p for item in items if (p := _picture_from_json(item, blob)) is not None)


def _sources_from_json(data: Any) -> tuple[Source, ...]:
    items = data if isinstance(data, list) else []
    return tuple(
        Source(url, str(item.get("title") or ""))
        for item in items
        if isinstance(item, dict) and (url := safe_url(item.get("url")))
    )


_STATUSES = ("complete", "stopped", "interrupted")


def _turn_to_json(turn: Turn, put: Put | None = None) -> dict[str, Any]:
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
        "images": _pictures_to_json(turn.images, put),
        "sources": [{"url": s.url, "title": s.title} for s in turn.sources],
    }


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _turn_from_json(data: dict[str, Any], blob: Blob | None = None) -> Turn | None:
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
        images=_pictures_from_json(data.get("images"), blob),
        sources=_sources_from_json(data.get("sources")),
    )


def conversation_to_json(conversation: Conversation, put: Put | None = None) -> dict[str, Any]:
    """The turns and the draft (a message still being answered becomes the draft, its images go back on the
    tray); images are written through ``put`` (left out without one)."""
    return {
        "turns": [_turn_to_json(turn, put) for turn in conversation.turns],
        "draft": conversation.draft or conversation.pending,
        "attached": _pictures_to_json(conversation.attached + conversation.pending_images, put),
    }


def conversation_from_json(data: dict[str, Any], blob: Blob | None = None) -> Conversation:
    """The conversation, idle, with its draft back in the message box and its images on the tray."""
    turns = [
        turn
        for item in data.get("turns") or []
        if isinstance(item, dict) and (turn := _turn_from_json(item, blob))
    ]
    attached = _pictures_from_json(data.get("attached"), blob)
    return Conversation(turns=turns, draft=_text(data.get("draft")), attached=attached)


def shots_to_json(rows: list[dict[str, Any]]) -> list[dict[str, str]]:
    """The shot editor's rows (``user``/``assistant``), as text."""
    return [{"user": str(r.get("user") or ""), "assistant": str(r.get("assistant") or "")} for r in rows]


def shots_from_json(data: Any) -> list[dict[str, str]]:
    return shots_to_json([r for r in data if isinstance(r, dict)]) if isinstance(data, list) else []
