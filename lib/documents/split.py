"""Step 2, split: pieces ("chunks") of at most ``size`` tokens that overlap by about ``overlap`` tokens.

Sizes are counted in ``cl100k_base``, the tokenizer of OpenAI's embedding models, with tiktoken itself.
A piece ends at the best place before its token budget runs out: a blank line, else the end of a sentence,
else a space, and only in text without any of those (long Korean runs, URLs) at any character. Cuts are
made in the text, never in the token ids: a Hangul syllable that takes two or three tokens is never cut in
half (cutting ids would leave U+FFFD in both pieces).

>>> [(p.number, p.text, p.tokens) for p in split("One. Two. Three. Four.", size=4, overlap=0)]
[(1, 'One. Two.', 4), (2, 'Three. Four.', 4)]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

from lib.tokens import get_encoding

ENCODING = "cl100k_base"  # text-embedding-3-small/-large and ada-002
MIN_SIZE, MAX_SIZE = 4, 2000
DEFAULT_SIZE, DEFAULT_OVERLAP = 200, 40
# Where a piece may end, strongest first: before a blank line, after a sentence (or line) end, before a space.
# A cut leaves the spaces to the next piece, which drops them.
_BREAKS = (
    re.compile(r"(?=\n\s*\n)"),
    re.compile(r"(?:[.!?。！？…]+[\"'”’)\]」』]*|(?=\n))(?=\s)"),
    re.compile(r"(?=\s)"),
)
_WORD_START = re.compile(r"(?<=\s)\S")


@dataclass(frozen=True)
class Piece:
    """One piece: its number (from 1), where it lies in the text, its text, its length in tokens, its page."""

    number: int
    start: int
    end: int
    text: str
    tokens: int
    page: int = 1


class SplitSettings(ValueError):
    """Chunk size or overlap out of range; ``key`` is the i18n key of the message."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


def check_settings(size: int, overlap: int) -> None:
    """Raise ``SplitSettings`` unless MIN_SIZE <= size <= MAX_SIZE and 0 <= overlap <= size / 2."""
    if not MIN_SIZE <= size <= MAX_SIZE:
        raise SplitSettings("doc.err.size", low=MIN_SIZE, high=MAX_SIZE)
    if not 0 <= overlap <= size // 2:
        raise SplitSettings("doc.err.overlap", limit=size // 2)


class _Breaks:
    """Cut positions by strength, each list sorted."""

    def __init__(self, text: str) -> None:
        self.levels = [[m.end() for m in pattern.finditer(text)] for pattern in _BREAKS]
        self.words = [m.start() for m in _WORD_START.finditer(text)]

    def last(self, low: int, high: int) -> int | None:
        """The strongest cut in (low, high], the last one of its strength."""
        for positions in self.levels:
            i = bisect.bisect_right(positions, high)
            if i and positions[i - 1] > low:
                return positions[i - 1]
        return None

    def first_word_start(self, low: int, high: int) -> int | None:
        """The first place in [low, high) where a word starts (after a space or break)."""
        positions = self.words
        i = bisect.bisect_left(positions, low)
        return positions[i] if i < len(positions) and positions[i] < high else None


def split(
    text: str,
    *,
    size: int = DEFAULT_SIZE,
    overlap: int = DEFAULT_OVERLAP,
    page_of: Callable[[int], int] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Piece]:
    """The pieces of ``text``; together they cover it (leading and trailing spaces of a piece aside)."""
    check_settings(size, overlap)
    encoding = get_encoding(ENCODING)
    ids = encoding.encode(text, disallowed_special=())
    # offsets[i]: the character where token i starts (a token that begins inside a character, the second
    # half of a Hangul syllable say, counts from that character's start).
    _, offsets = encoding.decode_with_offsets(ids)
    breaks = _Breaks(text)
    pieces: list[Piece] = []
    start, n = 0, len(text)
    while start < n:
        first = bisect.bisect_left(offsets, start)
        if first + size >= len(ids):
            cut = n
        else:
            limit = max(offsets[first + size], start + 1)  # the piece holds tokens first .. first+size-1
            # The best break in the second half of the budget; else the budget's end, a character boundary.
            cut = breaks.last(start + (limit - start) // 2, limit) or limit
        piece = _piece(text, start, cut, len(pieces) + 1, encoding, page_of)
        while piece.tokens > size and cut > start + 1:  # tokens merged across the cut: shorten a little
            cut = breaks.last(start, cut - 1) or cut - 1
            piece = _piece(text, start, cut, len(pieces) + 1, encoding, page_of)
        if piece.text:
            pieces.append(piece)
        if progress is not None:
            progress(cut, n)
        if cut >= n:
            break
        start = _next_start(text, encoding, offsets, breaks, start, cut, overlap)
    return pieces


def _next_start(
    text: str, encoding, offsets: list[int], breaks: _Breaks, start: int, cut: int, overlap: int
) -> int:
    if overlap == 0:
        return cut
    # Back ``overlap`` tokens from the cut, then forward to where a word starts, so the shared part begins
    # with a whole word; counted again on its own (tokens can merge differently there), it is at most
    # ``overlap`` tokens.
    back = offsets[max(0, bisect.bisect_left(offsets, cut) - overlap)]
    back = max(back, start + 1)
    while (word := breaks.first_word_start(back, cut)) is not None:
        if len(encoding.encode(text[word:cut], disallowed_special=())) <= overlap:
            return word
        back = word + 1
    return cut  # no whole word fits in the overlap: none rather than half a word


def _piece(text: str, start: int, end: int, number: int, encoding, page_of) -> Piece:
    raw = text[start:end]
    body = raw.strip()
    lead = len(raw) - len(raw.lstrip())
    begin = start + lead
    return Piece(
        number=number,
        start=begin,
        end=begin + len(body),
        text=body,
        tokens=len(encoding.encode(body, disallowed_special=())),
        page=page_of(begin) if page_of is not None else 1,
    )
