"""Offline encodings, token segments, counts and the HTML token view.

Token ids come from tiktoken itself (its Rust core), never from a re-implementation; this module only decides
how to show them. A character that tiktoken splits across several tokens (most Hangul syllables in the older
encodings, many emoji) is shown as one segment that spans those tokens, so the view never prints U+FFFD.

>>> segs = segments("o200k_base", "Hi 👋")
>>> [(s.text, len(s.token_ids)) for s in segs]
[('Hi', 1), (' 👋', 2)]
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import tiktoken

from lib.tokens.vocab import VOCABULARIES, VocabularyUnavailable, ensure_vocabulary


@dataclass(frozen=True)
class EncodingInfo:
    """One encoding as the UI names it: which model families use it."""

    name: str
    models: str


ENCODINGS: tuple[EncodingInfo, ...] = (
    EncodingInfo("o200k_base", "GPT-4o, GPT-4.1, o1/o3/o4, GPT-5"),
    EncodingInfo("cl100k_base", "GPT-3.5-turbo, GPT-4, text-embedding-3"),
    EncodingInfo("p50k_base", "text-davinci-003, Codex"),
    EncodingInfo("r50k_base", "GPT-3 (davinci)"),
)
ENCODING_NAMES: tuple[str, ...] = tuple(e.name for e in ENCODINGS)
assert set(ENCODING_NAMES) == set(VOCABULARIES)

# Models offered in the model picker; each maps to its encoding through tiktoken's own table.
MODELS: tuple[str, ...] = (
    "gpt-5",
    "gpt-5-mini",
    "gpt-4.1",
    "gpt-4.1-mini",
    "gpt-4o",
    "gpt-4o-mini",
    "o3",
    "o4-mini",
    "gpt-4-turbo",
    "gpt-4",
    "gpt-3.5-turbo",
    "text-davinci-003",
    "code-davinci-002",
    "davinci",
)

# The model whose price the counter shows when the user picks an encoding rather than a model.
PRICE_MODEL_FOR: dict[str, str] = {
    "o200k_base": "gpt-4o-mini",
    "cl100k_base": "gpt-3.5-turbo",
    "p50k_base": "text-davinci-003",
    "r50k_base": "davinci",
}

# Classic palette of OpenAI's tokenizer page; five colours cycled, so neighbours never match.
PALETTE: tuple[str, ...] = (
    "rgba(107,64,216,.3)",
    "rgba(104,222,122,.4)",
    "rgba(244,172,54,.4)",
    "rgba(239,65,70,.4)",
    "rgba(39,181,234,.4)",
)

PAGE_TOKENS = 1000  # tokens drawn per page of the view (a screenful or two); the counts cover all the text


def encoding_for_model(model: str) -> str:
    """The encoding name tiktoken uses for a model.

    >>> encoding_for_model("gpt-4o-mini"), encoding_for_model("gpt-3.5-turbo")
    ('o200k_base', 'cl100k_base')
    """
    return tiktoken.encoding_name_for_model(model)


def get_encoding(name: str) -> tiktoken.Encoding:
    """A tiktoken encoding, its vocabulary installed offline first. Raises ``VocabularyUnavailable``."""
    ensure_vocabulary(name)
    try:
        return tiktoken.get_encoding(name)
    except ValueError as exc:  # tiktoken's hash check on load
        raise VocabularyUnavailable(name, str(exc)) from exc


def available_encodings() -> dict[str, str | None]:
    """Each encoding name -> None if it loads, else the reason it cannot."""
    status: dict[str, str | None] = {}
    for name in ENCODING_NAMES:
        try:
            get_encoding(name)
            status[name] = None
        except VocabularyUnavailable as exc:
            status[name] = exc.reason
    return status


@lru_cache(maxsize=8)  # a few texts x four encodings; 100k characters is ~1-4 MB of ids
def encode(name: str, text: str) -> tuple[int, ...]:
    """Token ids of ``text``; special-token markers such as ``<|endoftext|>`` count as plain text."""
    return tuple(get_encoding(name).encode(text, disallowed_special=()))


class Segment(NamedTuple):
    """A run of text drawn as one coloured box: one token, or several that share a character."""

    text: str
    token_ids: tuple[int, ...]
    start: int  # first token's index in the whole text

    @property
    def spans_several(self) -> bool:
        return len(self.token_ids) > 1


def _is_continuation(token: bytes) -> bool:
    # A UTF-8 continuation byte (10xxxxxx) opens this token: the previous token ended inside a character.
    return bool(token) and (token[0] & 0xC0) == 0x80


def segments_of(encoding: tiktoken.Encoding, tokens: Sequence[int], first_index: int = 0) -> list[Segment]:
    """Group tokens into segments whose text is whole characters; the texts join back to the input."""
    tokens = list(tokens)
    pieces = encoding.decode_tokens_bytes(tokens)
    out: list[Segment] = []
    append = out.append
    n = len(pieces)
    i = 0
    while i < n:
        j = i + 1
        while j < n and pieces[j] and (pieces[j][0] & 0xC0) == 0x80:
            j += 1
        if j == i + 1:  # the common case: one token, whole characters
            append(Segment(pieces[i].decode("utf-8", "replace"), (tokens[i],), first_index + i))
        else:
            text = b"".join(pieces[i:j]).decode("utf-8", "replace")
            append(Segment(text, tuple(tokens[i:j]), first_index + i))
        i = j
    return out


def segments(name: str, text: str) -> list[Segment]:
    """All segments of ``text`` in one encoding."""
    return segments_of(get_encoding(name), encode(name, text))


def page_bounds(tokens: Sequence[int], encoding: tiktoken.Encoding, page: int) -> tuple[int, int]:
    """Token index range of one page, widened so it never cuts a character in two."""
    pieces_at = encoding.decode_single_token_bytes
    lo = min(page * PAGE_TOKENS, len(tokens))
    hi = min(lo + PAGE_TOKENS, len(tokens))
    while 0 < lo < len(tokens) and _is_continuation(pieces_at(tokens[lo])):
        lo += 1
    while hi < len(tokens) and _is_continuation(pieces_at(tokens[hi])):
        hi += 1
    return lo, hi


def page_count(n_tokens: int) -> int:
    """How many pages the view has (at least one)."""
    return max(1, -(-n_tokens // PAGE_TOKENS))


@dataclass(frozen=True)
class Counts:
    """What the counter row shows."""

    tokens: int
    characters: int
    words: int

    @property
    def words_estimate(self) -> int:
        """The rule of thumb "a token is about 3/4 of a word": words x 1.3."""
        return round(self.words * 1.3)


_WORD = re.compile(r"\S+")


def counts(name: str, text: str) -> Counts:
    """Tokens, characters (code points) and words (runs of non-space) of ``text``."""
    return Counts(tokens=len(encode(name, text)), characters=len(text), words=len(_WORD.findall(text)))


@dataclass(frozen=True)
class Comparison:
    """One row of the side-by-side table."""

    encoding: str
    tokens: int | None  # None: vocabulary unavailable
    chars_per_token: float | None
    error: str | None = None


def compare(text: str) -> list[Comparison]:
    """The same text in every encoding: token count and characters per token."""
    rows = []
    for name in ENCODING_NAMES:
        try:
            n = len(encode(name, text))
        except VocabularyUnavailable as exc:
            rows.append(Comparison(name, None, None, exc.reason))
            continue
        rows.append(Comparison(name, n, round(len(text) / n, 2) if n else None))
    return rows


# One C-level pass per segment instead of html.escape's five replaces; the same five characters.
_ESCAPE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})
_ESCAPE_WS = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"}
    | {" ": "\u00b7", "\t": "\u2192", "\n": "\u21b5\n", "\r": "\u240d"}
)


VIEW_CSS = (
    ".tok-view{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,'Noto Sans Mono CJK KR',monospace;"
    "white-space:pre-wrap;word-break:break-word;line-height:1.9;font-size:0.95rem}"
    ".tok-view span{border-radius:3px;padding:1px 0}"
    + "".join(f".tok-view .c{i}{{background:{colour}}}" for i, colour in enumerate(PALETTE))
    + ".tok-view span.m{outline:1px dashed rgba(128,128,128,.9);outline-offset:-1px}"
    ".tok-view sub{font-size:0.62em;opacity:.75;margin:0 2px 0 1px}"
)


def render_html(
    view_segments: Sequence[Segment],
    *,
    show_whitespace: bool = False,
    show_ids: bool = False,
    multi_label: str = "{n} tokens",
) -> str:
    """The token view as HTML; every piece of user text is escaped.

    Colours are classes ``c0``..``c4`` (see ``VIEW_CSS``), cycled so neighbours never match; a segment of
    several tokens also has class ``m``; ``title`` holds the token id(s) for hover.

    >>> render_html([Segment("<b>", (27, 65, 29), 0), Segment(" x", (1215,), 3)])
    '<div class="tok-view"><span class="c0 m" title="3 tokens: 27, 65, 29">&lt;b&gt;</span><span class="c1" \
title="1215"> x</span></div>'
    """
    table = _ESCAPE_WS if show_whitespace else _ESCAPE
    label = html.escape(multi_label)
    classes = [f"c{i}" for i in range(len(PALETTE))]
    n_colours = len(classes)
    parts = ['<div class="tok-view">']
    append = parts.append
    for index, (text, token_ids, _start) in enumerate(view_segments):
        if len(token_ids) == 1:
            ids = str(token_ids[0])
            append(f'<span class="{classes[index % n_colours]}" title="{ids}">')
        else:
            ids = ", ".join(map(str, token_ids))
            title = label.format(n=len(token_ids)) + ": " + ids
            append(f'<span class="{classes[index % n_colours]} m" title="{title}">')
        append(text.translate(table))
        if show_ids:
            append(f"<sub>{ids}</sub>")
        append("</span>")
    append("</div>")
    return "".join(parts)


@dataclass(frozen=True)
class TokenView:
    """Everything the page draws for one text in one encoding."""

    encoding: str
    counts: Counts
    html: str
    page: int  # 0-based
    pages: int
    first_token: int
    last_token: int  # exclusive


def build_view(
    name: str,
    text: str,
    *,
    page: int = 0,
    show_whitespace: bool = False,
    show_ids: bool = False,
    multi_label: str = "{n} tokens",
) -> TokenView:
    """Counts for the whole text and the HTML of one page of segments (at most ``PAGE_TOKENS`` tokens)."""
    encoding = get_encoding(name)
    tokens = encode(name, text)
    pages = page_count(len(tokens))
    page = min(max(page, 0), pages - 1)
    lo, hi = page_bounds(tokens, encoding, page)
    view_html = render_html(
        segments_of(encoding, tokens[lo:hi], lo),
        show_whitespace=show_whitespace,
        show_ids=show_ids,
        multi_label=multi_label,
    )
    return TokenView(name, counts(name, text), view_html, page, pages, lo, hi)


SAMPLES: dict[str, str] = {
    "ko": "음식이 맛있어요. 포장 상태도 좋았어요. 그런데 양이 좀 부족했어요.",
    "en": "The food was delicious. The packaging was good too. But the portion was a bit small.",
    "code": 'def greet(name: str) -> str:\n    """Say hello."""\n    return f"Hello, {name}!"\n',
    "emoji": "I ❤️ 🍕! 👨‍👩‍👧 가족 여행 🇰🇷✈️",
}
