"""A link that shows the same token view: the text (up to 2,000 characters), the encoding or model, toggles.

>>> link_params(text="안녕", encoding="cl100k_base", show_whitespace=True, show_ids=False)
{'text': '안녕', 'encoding': 'cl100k_base', 'ws': '1'}
>>> parse_link({"text": "hi", "encoding": "p50k_base", "ids": "1"})
SharedView(text='hi', encoding='p50k_base', model=None, show_whitespace=False, show_ids=True)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from lib.tokens.view import ENCODING_NAMES, MODELS

LINK_MAX_CHARS = 2_000  # longer texts make URLs that servers and chat apps cut (and a board can't show)
LINK_KEYS: tuple[str, ...] = ("text", "encoding", "model", "ws", "ids")


@dataclass(frozen=True)
class SharedView:
    """What a link asks the Tokenizer page to show; None where the link says nothing (or nothing valid)."""

    text: str | None
    encoding: str | None
    model: str | None
    show_whitespace: bool
    show_ids: bool


def link_params(
    *, text: str, encoding: str, model: str | None = None, show_whitespace: bool, show_ids: bool
) -> dict[str, str]:
    """The query parameters of a link to this view; a text over ``LINK_MAX_CHARS`` is left out."""
    params = {"text": text} if 0 < len(text) <= LINK_MAX_CHARS else {}
    params["encoding"] = encoding
    if model:
        params["model"] = model
    if show_whitespace:
        params["ws"] = "1"
    if show_ids:
        params["ids"] = "1"
    return params


def parse_link(params: Mapping[str, str]) -> SharedView:
    """Read a link's parameters; unknown encodings and models are ignored, a long text is cut."""
    text = params.get("text")
    encoding = params.get("encoding")
    model = params.get("model")
    return SharedView(
        text=text[:LINK_MAX_CHARS] if text is not None else None,
        encoding=encoding if encoding in ENCODING_NAMES else None,
        model=model if model in MODELS else None,
        show_whitespace=params.get("ws") == "1",
        show_ids=params.get("ids") == "1",
    )
