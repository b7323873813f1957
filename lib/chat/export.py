"""The conversation as a Markdown or JSON document, with tokens and cost; credentials never inside."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from lib.chat.messages import Shot, Turn, session_totals, turn_cost
from lib.core.i18n import t
from lib.core.pricing import format_usd
from lib.core.redaction import redact
from lib.core.settings import Secret

# --- Exports -----------------------------------------------------------------------------------------------

# Every label an export uses, by name; the strings are in lib/chat/strings.py.
_LABEL_KEYS: dict[str, str] = {
    "title": "chat.export.title",
    "model": "chat.export.model",
    "totals": "chat.export.totals",
    "system": "chat.export.system",
    "shots": "chat.export.shots",
    "example": "chat.export.example",
    "conversation": "chat.export.conversation",
    "user": "chat.export.user",
    "assistant": "chat.export.assistant",
    "tokens": "chat.export.tokens",
    "estimated": "chat.export.estimated",
    "first": "chat.export.first",
    "stopped": "chat.export.stopped",
    "interrupted": "chat.export.interrupted",
}


def _turn_meta(turn: Turn, labels: Mapping[str, str]) -> str:
    parts = []
    if turn.usage is not None:
        tokens = labels["tokens"].format(input=turn.usage.input_tokens, output=turn.usage.output_tokens)
        parts.append(tokens + (labels["estimated"] if turn.usage.estimated else ""))
        cost = turn_cost(turn.model, turn.usage)
        if cost is not None:
            parts.append(format_usd(cost))
    if turn.seconds is not None:
        parts.append(f"{turn.seconds:.2f} s")
    if turn.first_token_seconds is not None:
        parts.append(labels["first"].format(s=turn.first_token_seconds))
    if turn.status != "complete":
        parts.append(labels[turn.status])
    if turn.error:
        parts.append(redact(turn.error))
    return " · ".join(parts)


def export_markdown(
    turns: Sequence[Turn], *, system: str, shots: Sequence[Shot], model: str, lang: str
) -> str:
    """The conversation as a Markdown document (settings, examples, turns with tokens and cost) in ``lang``.

    >>> print(export_markdown([Turn("user", "안녕")], system="", shots=[], model="gpt-4o-mini", lang="ko"))
    # 채팅
    <BLANKLINE>
    - 모델: `gpt-4o-mini`
    - 토큰: 입력 0, 출력 0 · 비용 $0
    <BLANKLINE>
    ## 대화
    <BLANKLINE>
    ### 사용자
    <BLANKLINE>
    안녕
    <BLANKLINE>
    """
    labels = {name: t(key, lang) for name, key in _LABEL_KEYS.items()}
    input_tokens, output_tokens, cost = session_totals(turns)
    lines = [
        f"# {labels['title']}",
        "",
        f"- {labels['model']}: `{model}`",
        "- " + labels["totals"].format(input=input_tokens, output=output_tokens, cost=format_usd(cost)),
        "",
    ]
    if system.strip():
        lines += [f"## {labels['system']}", "", system.strip(), ""]
    examples = [shot for shot in shots if not shot.blank]
    if examples:
        lines += [f"## {labels['shots']}", ""]
        for n, shot in enumerate(examples, 1):
            example = labels["example"].format(n=n)
            lines += [f"**{example} · {labels['user']}**", "", shot.user.strip(), ""]
            lines += [f"**{example} · {labels['assistant']}**", "", shot.assistant.strip(), ""]
    lines += [f"## {labels['conversation']}", ""]
    for turn in turns:
        heading = labels[turn.role] + (
            f" · `{turn.model}`" if turn.role == "assistant" and turn.model else ""
        )
        lines += [f"### {heading}", "", turn.content.strip(), ""]
        meta = _turn_meta(turn, labels)
        if meta:
            lines += [f"*{meta}*", ""]
    return "\n".join(lines).rstrip() + "\n"


# Settings whose name says they hold a credential; dropped from an export whatever their value.
_SECRET_NAME = re.compile(
    r"(?i)(api[_-]?key|secret|password|passwd|authorization|bearer|credential|^key$|_key$)"
)


def _clean(value: Any) -> Any:
    if isinstance(value, Secret):
        return None
    if isinstance(value, Mapping):
        return {
            str(k): _clean(v)
            for k, v in value.items()
            if not _SECRET_NAME.search(str(k)) and not isinstance(v, Secret)
        }
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    if isinstance(value, str):
        return redact(value)
    if value is None or isinstance(value, bool | int | float):
        return value
    return redact(str(value))


def _round(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds, 3)


def export_json(
    turns: Sequence[Turn],
    *,
    system: str,
    shots: Sequence[Shot],
    model: str,
    settings: Mapping[str, Any] | None = None,
) -> str:
    """The conversation as JSON (UTF-8 text, Hangul as is). Credentials in ``settings`` are left out."""
    input_tokens, output_tokens, cost = session_totals(turns)
    document = {
        "app": "multimodal-playground",
        "kind": "chat",
        "version": 1,
        "model": model,
        "settings": _clean(dict(settings or {})),
        "system": system,
        "shots": [{"user": s.user, "assistant": s.assistant} for s in shots if not s.blank],
        "turns": [
            {
                "role": turn.role,
                "content": turn.content,
                "model": turn.model,
                "usage": None
                if turn.usage is None
                else {
                    "input_tokens": turn.usage.input_tokens,
                    "output_tokens": turn.usage.output_tokens,
                    "estimated": turn.usage.estimated,
                },
                "cost_usd": turn_cost(turn.model, turn.usage),
                "status": turn.status,
                "seconds": _round(turn.seconds),
                "first_token_seconds": _round(turn.first_token_seconds),
                "error": redact(turn.error) if turn.error else None,
            }
            for turn in turns
        ],
        "totals": {"input_tokens": input_tokens, "output_tokens": output_tokens, "cost_usd": cost},
    }
    return json.dumps(document, ensure_ascii=False, indent=2)
