"""Subtitle cues from speech-recognition segments, SRT/VTT writers, a QA pass and an editable table.

An engine (faster-whisper, OpenAI's ``verbose_json``) returns segments that are as long as it likes; a viewer
needs cues that are short enough to read, never overlap and never run backwards. This module does that
shaping in pure Python, so every rule is testable without a server and the writers need no subtitle library.
All times inside are whole milliseconds: floats only at the edge (``Segment``, ``Word``), so two cues that
touch print the same timestamp and nothing drifts by a rounding error.

>>> cues = build_cues([Segment(0.0, 2.5, " Ask not what your country can do for you.")])
>>> print(to_srt(cues), end="")
1
00:00:00,000 --> 00:00:02,500
Ask not what your country can do for you.
<BLANKLINE>
"""

from __future__ import annotations

import math
import operator
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress, pairwise, repeat
from typing import ClassVar, Literal, NamedTuple

# Half a millisecond and a nanosecond: binary floats store 1.9995 as 1.99949999…, and it should round up.
_HALF_MS = 0.500001


def seconds_to_ms(seconds: float) -> int:
    """Whole milliseconds of a non-negative time in seconds; half a millisecond rounds up, as written.

    >>> seconds_to_ms(0), seconds_to_ms(1.9995), seconds_to_ms(1.0004), seconds_to_ms(3723.456)
    (0, 2000, 1000, 3723456)
    """
    return int(seconds * 1000 + _HALF_MS)


@dataclass(frozen=True)
class Word:
    """One recognised word, in seconds (faster-whisper's ``Word.word``, OpenAI's ``word`` go in ``text``)."""

    start: float
    end: float
    text: str


@dataclass(frozen=True)
class Segment:
    """One recognised segment, in seconds; ``words`` is empty when the engine gave no word timestamps;
    ``language`` is the code it was transcribed in, when known (mixed-language media has several);
    ``speaker`` who says it, where a model told (``gpt-4o-transcribe-diarize``: "A", or a known name)."""

    start: float
    end: float
    text: str
    words: tuple[Word, ...] = ()
    language: str | None = None
    speaker: str | None = None


@dataclass(frozen=True)
class CueRules:
    """The shape of a cue.

    The defaults are common subtitling practice (Netflix's general timed-text guide: 42 characters a line,
    2 lines, 5/6 s to 7 s a cue). The minimum is 0.8 s rather than 5/6 s (833.3 ms): a whole number of
    milliseconds, one frame shorter, which no reader notices. A pause of more than ``max_gap`` = 1 s is long
    enough for a viewer to expect the screen to clear, so it always starts a new cue.

    ``max_line_chars`` counts display columns, not code points: a Hangul syllable, a CJK character or an
    emoji takes two columns, a Latin letter, digit, space or punctuation mark one (see ``text_width``). That
    is how the text looks on screen, and it is how Netflix's Korean guide counts too (16 Korean characters a
    line, Latin characters, spaces and punctuation counting half). So the default line holds 42 Latin
    characters or about 21 Hangul syllables; ``KOREAN_RULES`` is that guide's Korean preset (32 columns).

    ``max_cps`` is the reading speed a cue may ask for, in characters per second (Netflix: 20 for adult
    English programmes; about 12 for adult Korean viewers), counted as ``reading_chars`` counts them: with
    ``cps_unit="korean"`` a Hangul syllable is one character and Latin letters, spaces and punctuation
    half, as the Korean guide counts; with ``"char"`` every character but line breaks counts one.
    ``ellipsis`` writes "..." as the single character "…" (U+2026), as the Korean guide asks.
    """

    max_line_chars: int = 42
    max_lines: int = 2
    max_gap: float = 1.0
    min_duration: float = 0.8
    max_duration: float = 7.0
    max_cps: float = 20.0
    cps_unit: Literal["char", "korean"] = "char"
    ellipsis: bool = False

    def __post_init__(self) -> None:
        for name in ("max_line_chars", "max_lines"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"{name} must be a whole number of at least 1, got {value!r}.")
        for name in ("max_gap", "min_duration", "max_duration", "max_cps"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
                raise ValueError(f"{name} must be a finite number of seconds, got {value!r}.")
            if value < 0:
                raise ValueError(f"{name} must not be negative, got {value!r} s.")
        if seconds_to_ms(self.max_duration) < 1:
            raise ValueError(f"max_duration must be at least 0.001 s (1 ms), got {self.max_duration!r} s.")
        if self.min_duration > self.max_duration:
            raise ValueError(
                f"min_duration ({self.min_duration} s) is longer than max_duration ({self.max_duration} s); "
                "lower min_duration or raise max_duration."
            )


DEFAULT_RULES = CueRules()
# Netflix's Korean timed-text style guide: 16 characters a line (Latin letters, spaces, punctuation count
# half: 32 display columns), 2 lines, "…" as one character, reading speed about 12 characters a second.
KOREAN_RULES = CueRules(max_line_chars=32, max_lines=2, max_cps=12.0, cps_unit="korean", ellipsis=True)
PRESETS: dict[str, CueRules] = {"standard": DEFAULT_RULES, "korean": KOREAN_RULES}
PRESET_LABEL_KEYS: dict[str, str] = {"standard": "subs.preset.standard", "korean": "subs.preset.korean"}


def reading_chars(text: str, unit: Literal["char", "korean"] = "char") -> float:
    """Characters a viewer reads in ``text`` (line breaks do not count).

    >>> reading_chars("안녕하세요, AI!", "korean"), reading_chars("Hello,\\nworld.")
    (7.5, 13.0)
    """
    flat = " ".join(text.split())
    if unit == "korean":
        return text_width(flat) / 2
    return float(len(flat))


def cps(cue: Cue, rules: CueRules = DEFAULT_RULES) -> float:
    """Characters per second the cue asks of a reader."""
    seconds = max(cue.end - cue.start, 1) / 1000
    return reading_chars(cue.text, rules.cps_unit) / seconds


@dataclass(frozen=True)
class Cue:
    """One subtitle on screen: 1-based ``index``, ``start`` and ``end`` in whole milliseconds, its lines, and
    the language and the speaker of its segment when known."""

    index: int
    start: int
    end: int
    lines: tuple[str, ...]
    language: str | None = None
    speaker: str | None = None

    @property
    def text(self) -> str:
        """The lines joined by newlines."""
        return "\n".join(self.lines)

    @property
    def duration(self) -> int:
        """Milliseconds on screen."""
        return self.end - self.start


# ---------------------------------------------------------------------------------------------- time


# Formatting numbers costs more than the rest of writing a cue; these tables make a timestamp a few lookups.
_HOURS = tuple(f"{hours:02d}:" for hours in range(100))
_MINUTES_SECONDS = tuple(f"{minutes:02d}:{seconds:02d}" for minutes in range(60) for seconds in range(60))
_MILLISECONDS = tuple(f"{ms:03d}" for ms in range(1000))


def format_timestamp(ms: int, *, always_include_hours: bool = True, decimal_marker: str = ",") -> str:
    """``HH:MM:SS,mmm`` from whole milliseconds; hours grow past 99 instead of wrapping.

    >>> format_timestamp(3_723_456), format_timestamp(360_000_000, decimal_marker=".")
    ('01:02:03,456', '100:00:00.000')
    >>> format_timestamp(62_003, always_include_hours=False, decimal_marker=".")
    '01:02.003'
    """
    assert isinstance(ms, int) and ms >= 0, f"non-negative whole milliseconds expected, got {ms!r}"
    seconds = ms // 1000
    hours = seconds // 3600
    if not hours and not always_include_hours:
        hours_marker = ""
    else:
        hours_marker = _HOURS[hours] if hours < 100 else f"{hours}:"
    return f"{hours_marker}{_MINUTES_SECONDS[seconds % 3600]}{decimal_marker}{_MILLISECONDS[ms % 1000]}"


_TIMESTAMP = re.compile(r"(?:(\d+):)?(\d+):(\d{1,2})(?:[.,](\d{1,3}))?")


def parse_timestamp(text: str) -> int:
    """Whole milliseconds of ``HH:MM:SS,mmm``, ``HH:MM:SS.mmm`` or ``MM:SS.mmm`` (minutes may pass 59).

    >>> parse_timestamp("01:02:03,456"), parse_timestamp("01:02:03.456"), parse_timestamp("62:03.456")
    (3723456, 3723456, 3723456)
    >>> parse_timestamp("00:00:01.5")
    1500
    """
    match = _TIMESTAMP.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"{text!r} is not a time; write HH:MM:SS.mmm, for example 00:01:02.500.")
    hours, minutes, seconds, fraction = match.groups()
    if int(seconds) >= 60:
        raise ValueError(f"{text!r} has {seconds} seconds; seconds go from 00 to 59.")
    if hours is not None and int(minutes) >= 60:
        raise ValueError(f"{text!r} has {minutes} minutes; with hours given, minutes go from 00 to 59.")
    ms = int((fraction or "0").ljust(3, "0"))
    return ((int(hours or 0) * 60 + int(minutes)) * 60 + int(seconds)) * 1000 + ms


# --------------------------------------------------------------------------------------------- width


def text_width(text: str) -> int:
    """Display columns of ``text``: East Asian wide and fullwidth characters (Hangul, CJK, emoji) count 2.

    Combining marks and invisible format characters count 0; "ambiguous" characters (—, …) count 1, as in
    Western text. ``len`` would let a Korean line run twice as wide on screen as an English one with the same
    limit.

    >>> text_width("Hello,"), text_width("안녕하세요"), text_width("맛있어요 yum")
    (6, 10, 12)
    """
    if text.isascii():
        return len(text)
    return _wide_text_width(text)


@lru_cache(maxsize=65_536)  # words repeat a lot; a Korean word costs a unicodedata call a character
def _wide_text_width(text: str) -> int:
    width = 0
    for char in text:
        if unicodedata.east_asian_width(char) in "WF":
            width += 2
        elif unicodedata.category(char) in ("Mn", "Me", "Cf") or "\u1160" <= char <= "\u11ff":
            continue  # combining marks, zero-width joiners, and the vowel/final jamo of a composed syllable
        else:
            width += 1
    return width


# ------------------------------------------------------------------------------------------- cueing

# Where a cue or a line may end gracefully: after a sentence (2), then after a clause (1). Closing quotes
# and brackets are looked through, so `"Go."` ends a sentence.
_STRENGTH = dict.fromkeys(".?!…。？！", 2) | dict.fromkeys(",;:，、；：—–", 1)
_CLOSERS = "\"'”’»)]}」』"
_LAST_CHAR_STRENGTH = _STRENGTH | dict.fromkeys(_CLOSERS, -1)  # -1: look at the character before


def _strengths(texts: list[str]) -> list[int]:
    """How good a place to break the end of each token is: 2 after a sentence, 1 after a clause, else 0."""
    found = list(map(_LAST_CHAR_STRENGTH.get, map(operator.itemgetter(-1), texts), repeat(0)))
    if -1 in found:
        found = [
            _STRENGTH.get(text.rstrip(_CLOSERS)[-1:], 0) if strength < 0 else strength
            for text, strength in zip(texts, found, strict=True)
        ]
    return found


def _has_letters(text: str) -> bool:
    return any(char.isalnum() for char in text)


def _token_times(segment: Segment, tokens: list[str]) -> tuple[list[int], list[int]]:
    """Start and end (ms) of each space-separated token of the segment text."""
    words = segment.words
    if words:
        if [word.text.strip() for word in words] == tokens:
            # faster-whisper's usual shape: a word is a token with its leading space and punctuation.
            # seconds_to_ms is inlined: every word of a transcript goes through here.
            starts = [int(word.start * 1000 + _HALF_MS) for word in words]
            ends = [int(word.end * 1000 + _HALF_MS) for word in words]
            if min(starts) < 0 or any(map(operator.gt, starts, ends)):
                starts = [max(0, start) for start in starts]
                ends = list(map(max, starts, ends))
            return starts, ends
        aligned = _aligned(tokens, words)
        if aligned is not None:
            return aligned
    start = max(0, seconds_to_ms(segment.start))
    return _proportional(tokens, start, max(start, seconds_to_ms(segment.end)))


def _aligned(tokens: list[str], words: Sequence[Word]) -> tuple[list[int], list[int]] | None:
    """Times for each token from the words that spell it, or None if they do not spell it.

    OpenAI's words carry no punctuation ("Americans" for "Americans,"), and an engine may split a token in
    two (" don", "'t"), so words are matched against the segment text with the spaces taken out; text
    between words may only be punctuation, which takes the time of the word before it.
    """
    joined = "".join(tokens)
    spans: list[tuple[int, int, int, int]] = []  # first char, end char, start ms, end ms
    pos = 0
    for word in words:
        piece = "".join(word.text.split())
        if not piece:
            continue
        at = joined.find(piece, pos)
        if at < 0 or _has_letters(joined[pos:at]):
            return None
        start = max(0, seconds_to_ms(word.start))
        spans.append((at, at + len(piece), start, max(start, seconds_to_ms(word.end))))
        pos = at + len(piece)
    if not spans or _has_letters(joined[pos:]):
        return None
    starts: list[int] = []
    ends: list[int] = []
    k = 0
    lo = 0
    previous_end = spans[0][2]
    for text in tokens:
        hi = lo + len(text)
        while k < len(spans) and spans[k][1] <= lo:
            k += 1
        start = end = -1
        m = k
        while m < len(spans) and spans[m][0] < hi:
            if start < 0:
                start = spans[m][2]
            end = max(end, spans[m][3])
            m += 1
        if start < 0:  # punctuation alone ("—"): no time of its own
            start = end = previous_end
        starts.append(start)
        ends.append(end)
        previous_end = end
        lo = hi
    return starts, ends


def _proportional(tokens: list[str], start: int, end: int) -> tuple[list[int], list[int]]:
    """Times for each token in proportion to its characters (spaces included) across the segment."""
    total = sum(map(len, tokens)) + len(tokens) - 1
    span = end - start
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for text in tokens:
        starts.append(start + span * pos // total)
        pos += len(text)
        ends.append(start + span * pos // total)
        pos += 1
    return starts, ends


class _Tokens(NamedTuple):
    """A segment's space-separated tokens as parallel lists: text, columns, break strength, start/end ms."""

    texts: list[str]
    widths: list[int]
    strengths: list[int]
    starts: list[int]
    ends: list[int]


def _cue_spans(
    tokens: _Tokens, lo: int, hi: int, *, rules: CueRules, max_ms: int
) -> list[tuple[int, int, tuple[str, ...]]]:
    """(first, end, lines) of the cues of tokens ``lo:hi``, a stretch with no long pause.

    Each cue is as full as the lines and ``max_duration`` allow, ended early at a sentence or clause when one
    is near the end (see ``_best_break``).
    """
    texts, widths, strengths, starts, ends = tokens
    limit, max_lines = rules.max_line_chars, rules.max_lines
    if (
        sum(widths[lo:hi]) + hi - lo - 1 < max_lines * (limit + 1) and max(ends[lo:hi]) - starts[lo] <= max_ms
    ):  # the common case: the whole stretch is one cue
        lines = _wrap(texts[lo:hi], widths[lo:hi], strengths[lo:hi], limit)
        if len(lines) <= max_lines:
            return [(lo, hi, lines)]

    def fill_end(i: int) -> int:
        """The end (exclusive) of the longest cue from token ``i`` that fits the lines and the duration."""
        lines = 1
        line_width = widths[i]
        latest_end = starts[i] + max_ms
        j = i + 1
        while j < hi:
            if ends[j] > latest_end:
                break
            width = widths[j]
            if line_width + 1 + width <= limit:
                line_width += 1 + width
            elif lines < max_lines:
                lines += 1
                line_width = width
            else:
                break
            j += 1
        return j

    prefix = list(accumulate(map(operator.add, widths, repeat(1)), initial=0))  # columns, a space after each
    spans = []
    i = lo
    while i < hi:
        j = fill_end(i)
        if j < hi:
            j = _best_break(strengths, prefix, i, j, hi, fill_end)
        spans.append((i, j, _wrap(texts[i:j], widths[i:j], strengths[i:j], limit)))
        i = j
    return spans


def _best_break(
    strengths: list[int], prefix: list[int], i: int, j: int, hi: int, fill_end: Callable[[int], int]
) -> int:
    """Where to end a cue from ``i`` whose longest fit ``j`` is short of ``hi``: ``i + 1`` to ``j``.

    A sentence end, else a clause end, in the second half of the longest cue; else, when the rest fits in
    one more cue, the point that shares the words evenly (no one-word orphan); else the longest cue.
    """
    clause = 0
    k = j
    while k > i and 2 * prefix[k] >= prefix[i] + prefix[j]:
        if strengths[k - 1] == 2:
            return k
        if strengths[k - 1] and not clause:
            clause = k
        k -= 1
    if clause:
        return clause
    if fill_end(j) < hi:
        return j
    best, best_cost = j, abs(2 * prefix[j] - prefix[i] - prefix[hi])
    for k in range(j - 1, i, -1):
        if fill_end(k) < hi:
            break
        cost = abs(2 * prefix[k] - prefix[i] - prefix[hi])
        if cost < best_cost:
            best, best_cost = k, cost
    return best


def _line_breaks(widths: Sequence[int], limit: int) -> list[int]:
    """Greedy wrap from the bottom line up: indexes where lines start, first line shortest."""
    starts: list[int] = []
    line_width = -1
    for k in range(len(widths) - 1, -1, -1):
        if line_width >= 0 and line_width + 1 + widths[k] > limit:
            starts.append(k + 1)
            line_width = widths[k]
        else:
            line_width += 1 + widths[k]
    starts.append(0)
    starts.reverse()
    return starts


def wrap_words(words: Sequence[str], *, max_line_chars: int) -> tuple[str, ...]:
    """Words joined into as few lines as fit ``max_line_chars`` columns, as even as possible.

    Lines break at spaces only; a word wider than a line keeps a line of its own, whole. Two lines break
    after a sentence or clause when that keeps them roughly even (the subtitlers' rule "break after
    punctuation"), else at the most even point, the bottom line the longer on a tie.

    >>> wrap_words("ask not what your country can do for you".split(), max_line_chars=30)
    ('ask not what your', 'country can do for you')
    >>> wrap_words("And so, my fellow Americans: ask not what your country can do".split(), max_line_chars=42)
    ('And so, my fellow Americans:', 'ask not what your country can do')
    >>> wrap_words(["인공지능이", "말을", "알아듣는", "방법"], max_line_chars=16)  # 15 and 13 columns
    ('인공지능이 말을', '알아듣는 방법')
    """
    if not words:
        return ()
    words = list(words)
    return _wrap(words, [text_width(word) for word in words], _strengths(words), max_line_chars)


# How much unevenness (as a share of the line limit) a break after punctuation is worth, by strength.
_PUNCTUATION_BONUS = (0.0, 0.5, 1.0)


def _wrap(words: list[str], widths: list[int], strengths: list[int], limit: int) -> tuple[str, ...]:
    if sum(widths) + len(widths) - 1 <= limit:
        return (" ".join(words),)
    if max(widths) > limit:  # a word too wide for any line: it gets its own, the rest wrap around it
        starts = _line_breaks(widths, limit)
    else:
        second = _two_line_break(widths, strengths, limit)
        if second:
            return " ".join(words[:second]), " ".join(words[second:])
        # Three lines or more: the narrowest width that needs no more lines gives the most even lines.
        starts = _line_breaks(widths, limit)
        lo, hi = max(widths), limit
        while lo < hi:
            mid = (lo + hi) // 2
            if len(_line_breaks(widths, mid)) <= len(starts):
                hi = mid
            else:
                lo = mid + 1
        starts = _line_breaks(widths, lo)
    starts.append(len(words))
    return tuple(" ".join(words[a:b]) for a, b in pairwise(starts))


def _two_line_break(widths: list[int], strengths: list[int], limit: int) -> int:
    """Where the second of two lines starts (0: they do not fit in two).

    The most even split, unless a break after punctuation earns its unevenness.
    """
    # ends[m] - 1: columns of words[: m + 1] as one line. A split after word m leaves lines of ends[m] - 1
    # and ends[-1] - ends[m] - 1 columns; both fit for m in first..last - 1, found by bisection.
    ends = list(accumulate(map(operator.add, widths, repeat(1))))
    full = ends[-1]
    first = bisect_left(ends, full - limit - 1)
    last = min(bisect_right(ends, limit + 1), len(widths) - 1)
    if first >= last:
        return 0
    # Unevenness falls then rises with m: without punctuation the best is on either side of the middle.
    middle = bisect_left(ends, (full + 1) // 2)
    candidates = {min(max(m, first), last - 1) for m in (middle - 1, middle)}
    candidates.update(compress(range(first, last), strengths[first:last]))  # and every punctuation mark
    best_m, best_cost = 0, (math.inf, True)
    for m in sorted(candidates):
        uneven = 2 * ends[m] - full  # top line minus bottom line
        cost = (abs(uneven) - _PUNCTUATION_BONUS[strengths[m]] * limit, uneven > 0)
        if cost < best_cost:
            best_m, best_cost = m, cost
    return best_m + 1


def build_cues(segments: Iterable[Segment], rules: CueRules = DEFAULT_RULES) -> list[Cue]:
    """Cues that fit ``rules``, in time order, numbered from 1.

    A segment is never merged with the next (the engine's segments already end at sentences or pauses);
    a long one is split at word boundaries, preferring sentence and clause ends, and always after a pause
    longer than ``max_gap``. Word timestamps time each piece; without them (or when they do not spell the
    text) the segment's time is shared in proportion to characters. Then cues are made to never overlap or
    run backwards (an overlapped cue ends where the next begins), a short cue is extended into the silence
    around it up to ``min_duration``, and one that is still longer than ``max_duration`` (a single word) is
    cut to it. Empty text is dropped.

    >>> words = (Word(0.0, 0.4, " Ask"), Word(0.4, 0.6, " not."), Word(3.0, 3.5, " Ask!"))
    >>> [(c.start, c.end, c.lines) for c in build_cues([Segment(0.0, 3.5, " Ask not. Ask!", words)])]
    [(0, 800, ('Ask not.',)), (3000, 3800, ('Ask!',))]
    """
    max_gap_ms = seconds_to_ms(rules.max_gap)
    max_ms = seconds_to_ms(rules.max_duration)
    keyed = []
    for number, segment in enumerate(segments):
        texts = segment.text.split()
        if not texts:
            continue
        try:
            starts, ends = _token_times(segment, texts)
        except (ValueError, OverflowError) as exc:  # NaN or infinite seconds
            raise ValueError(
                f"Segment {number} has a time that is not a finite number of seconds: {segment!r}"
            ) from exc
        keyed.append(
            (starts[0], number, texts, starts, ends, segment.language, speaker_name(segment.speaker))
        )
    keyed.sort()  # by start, then position: segments that come back out of order are put right
    raw: list[list] = []  # [start, end, lines, language, speaker]
    append = raw.append
    previous_speaker = None
    for _start, _number, texts, starts, ends, language, speaker in keyed:
        label = SubtitleWriter.label(speaker) if speaker and speaker != previous_speaker else ""
        previous_speaker = speaker
        if label:  # the writers put "[Teacher] " before a new speaker's first cue: wrap with its width
            texts, starts, ends = [label.strip(), *texts], [starts[0], *starts], [starts[0], *ends]
        n = len(texts)
        # Both maps run in C: len for plain ASCII, else the width cache (text_width without its ASCII test).
        widths = list(map(len if all(map(str.isascii, texts)) else _wide_text_width, texts))
        tokens = _Tokens(texts, widths, _strengths(texts), starts, ends)
        stretches: Iterable[tuple[int, int]] = ((0, n),)
        gaps = list(map(operator.sub, starts[1:], ends))  # gaps[k - 1]: silence before token k
        if gaps and max(gaps) > max_gap_ms:  # a long pause starts a new cue
            cuts = [k for k, gap in enumerate(gaps, 1) if gap > max_gap_ms]
            stretches = pairwise([0, *cuts, n])
        for lo, hi in stretches:
            for i, j, lines in _cue_spans(tokens, lo, hi, rules=rules, max_ms=max_ms):
                if label and i == 0:  # the label is the writers' to add: keep its room, not its text
                    first = lines[0][len(label) :] if len(lines[0]) > len(label.strip()) else ""
                    lines = (first, *lines[1:]) if first else lines[1:]
                append([starts[i], ends[j - 1], lines, language, speaker])
    _settle(raw, min_ms=seconds_to_ms(rules.min_duration), max_ms=max_ms)
    if rules.ellipsis:  # after wrapping: "…" is narrower than "...", so every line still fits
        for cue in raw:
            cue[2] = tuple(line.replace("...", "…") for line in cue[2])
    return [
        Cue(index=k, start=start, end=end, lines=lines, language=language, speaker=speaker)
        for k, (start, end, lines, language, speaker) in enumerate(raw, 1)
    ]


def _settle(raw: list[list], *, min_ms: int, max_ms: int) -> None:
    """Make [start, end, lines] cues non-overlapping, forward-running and within the durations, in place."""
    for k, cue in enumerate(raw):
        if k:
            previous = raw[k - 1]
            if cue[0] < previous[1]:
                if cue[0] > previous[0]:
                    previous[1] = cue[0]  # the later cue wins: its words are being spoken
                else:
                    cue[0] = previous[1]
        if cue[1] <= cue[0]:
            cue[1] = cue[0] + 1
    last = len(raw) - 1
    for k, cue in enumerate(raw):
        if cue[1] - cue[0] < min_ms:
            cue[1] = cue[0] + min_ms if k == last else min(cue[0] + min_ms, raw[k + 1][0])
            if cue[1] - cue[0] < min_ms:
                cue[0] = max(cue[1] - min_ms, raw[k - 1][1] if k else 0)
        elif cue[1] - cue[0] > max_ms:
            cue[1] = cue[0] + max_ms


# ------------------------------------------------------------------------------------------- writers

# Text a writer must tidy before use: whitespace at either end or next to a line break (a blank line ends
# a cue early), and line breaks other than "\n". Hand edits only; build_cues never makes it.
_UNTIDY = re.compile(r"\A\s|\s\Z|\s\n|\n\s|[\r\v\f\x1c-\x1e\x85\u2028\u2029]")


_SPEAKER_UNSAFE = re.compile(r"[\[\]<>\n\r\t]|-->")
MAX_SPEAKER_CHARS = 24


def speaker_name(name: str | None) -> str | None:
    """A speaker's name as a label can carry it: one line, no brackets or ``-->``, at most 24 characters.

    >>> speaker_name(" Teacher "), speaker_name("[A]"), speaker_name("  "), speaker_name(None)
    ('Teacher', 'A', None, None)
    """
    if name is None:
        return None
    cleaned = " ".join(_SPEAKER_UNSAFE.sub(" ", str(name)).split())[:MAX_SPEAKER_CHARS].strip()
    return cleaned or None


class SubtitleWriter:
    """Cues to subtitle text; each format is a subclass that sets the class attributes (as in whisper).

    A cue whose speaker differs from the cue before it starts with ``speaker_label`` ("[Teacher] "), the
    usual way to mark a change of speaker; ``build_cues`` leaves room for it on the first line."""

    extension: ClassVar[str] = ""  # the file name's, for a download button
    speaker_label: ClassVar[str] = "[{speaker}] "
    header: ClassVar[str] = ""
    numbered: ClassVar[bool] = False
    decimal_marker: ClassVar[str] = "."
    always_include_hours: ClassVar[bool] = True

    @classmethod
    def file_name(cls, stem: str) -> str:
        """The download's name for a media file's ``stem``.

        >>> WriteSRT.file_name("jfk"), WriteVTT.file_name("jfk")
        ('jfk.srt', 'jfk.vtt')
        """
        return f"{stem}.{cls.extension}"

    def format_timestamp(self, ms: int) -> str:
        """One timestamp in this format."""
        return format_timestamp(
            ms, always_include_hours=self.always_include_hours, decimal_marker=self.decimal_marker
        )

    def format_text(self, lines: Sequence[str]) -> str:
        """A cue's text, "" if it has none; no blank lines; ``-->`` (it would end the text) becomes ``→``."""
        text = "\n".join(lines)
        if _UNTIDY.search(text):
            text = "\n".join(part.strip() for part in text.splitlines() if part.strip())
        if "-->" in text:
            text = text.replace("-->", "→")
        return text

    def format_note(self, note: str) -> str:
        """A comment after the header that players skip ("" where the format has none, as in SRT)."""
        return ""

    @classmethod
    def label(cls, speaker: str | None) -> str:
        """What goes before a new speaker's first cue ("" for none).

        >>> WriteSRT.label("Teacher"), WriteSRT.label(None)
        ('[Teacher] ', '')
        """
        name = speaker_name(speaker)
        return cls.speaker_label.format(speaker=name) if name else ""

    def write(self, cues: Iterable[Cue], *, note: str = "") -> str:
        """The whole file: the header, the ``note`` where the format allows comments, then each cue with
        text, followed by a blank line."""
        parts = [self.header, self.format_note(note) if note.strip() else ""]
        append = parts.append
        stamp = self.format_timestamp
        text_of = self.format_text
        number = 0
        speaker = None
        for cue in cues:
            text = text_of(cue.lines)
            if not text:
                continue
            if cue.speaker and cue.speaker != speaker:
                text = text_of((self.label(cue.speaker) + cue.lines[0], *cue.lines[1:]))
            speaker = cue.speaker
            number += 1
            if self.numbered:
                append(f"{number}\n{stamp(cue.start)} --> {stamp(cue.end)}\n{text}\n\n")
            else:
                append(f"{stamp(cue.start)} --> {stamp(cue.end)}\n{text}\n\n")
        return "".join(parts)


class WriteSRT(SubtitleWriter):
    """SubRip: numbered from 1, ``HH:MM:SS,mmm``; the layout ``srt.compose`` writes, byte for byte."""

    extension = "srt"
    numbered = True
    decimal_marker = ","
    always_include_hours = True


# WebVTT cue text is HTML-like: a bare "<" opens a tag and "&" an entity, so both are escaped, and ">" too.
_VTT_ESCAPE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_VTT_SPECIAL = re.compile("[&<>]")


class WriteVTT(SubtitleWriter):
    """WebVTT: a ``WEBVTT`` header, ``.`` before milliseconds, hours only when there are any, text escaped."""

    extension = "vtt"
    header = "WEBVTT\n\n"
    decimal_marker = "."
    always_include_hours = False

    def format_text(self, lines: Sequence[str]) -> str:
        """As for SRT, then ``&``, ``<`` and ``>`` escaped as the WebVTT spec requires."""
        text = super().format_text(lines)
        return text.translate(_VTT_ESCAPE) if _VTT_SPECIAL.search(text) else text

    def format_note(self, note: str) -> str:
        """A ``NOTE`` block: WebVTT's comment, which players skip; no blank line or ``-->`` may be inside.

        >>> WriteVTT().format_note("Partial: 0:09 of 0:59\\n\\nread")
        'NOTE Partial: 0:09 of 0:59\\nread\\n\\n'
        """
        lines = [line.strip().replace("-->", "→") for line in note.splitlines() if line.strip()]
        return "NOTE " + "\n".join(lines) + "\n\n" if lines else ""


def to_srt(cues: Iterable[Cue]) -> str:
    """Cues as an SRT file (SubRip has no comments: a notice goes in as a cue, see ``with_notice``).

    >>> to_srt([Cue(1, 0, 1500, ("a --> b",))])
    '1\\n00:00:00,000 --> 00:00:01,500\\na → b\\n\\n'
    """
    return WriteSRT().write(cues)


def to_vtt(cues: Iterable[Cue], *, note: str = "") -> str:
    """Cues as a WebVTT file; ``note`` becomes a ``NOTE`` block after the header.

    >>> to_vtt([Cue(1, 0, 1500, ("Q&A <live>",))])
    'WEBVTT\\n\\n00:00.000 --> 00:01.500\\nQ&amp;A &lt;live&gt;\\n\\n'
    """
    return WriteVTT().write(cues, note=note)


def to_txt(segments: Iterable[Segment], *, header: str = "") -> str:
    """The plain transcript: one segment a line, spaces tidied, no times, a new speaker's name before their
    first line ("[Teacher] "); ``header`` first, then a blank line."""
    lines = []
    speaker = None
    for segment in segments:
        text = " ".join(segment.text.split())
        if text and segment.speaker and segment.speaker != speaker:
            text = WriteSRT.label(segment.speaker) + text
        speaker = segment.speaker if text else speaker
        lines.append(text)
    text = "\n".join(line for line in lines if line)
    top = " ".join(header.split())
    if top:
        return f"{top}\n\n{text}\n" if text else f"{top}\n"
    return text + "\n" if text else ""


NOTICE_MS = 4000  # how long a notice cue stays on screen at least


def with_notice(cues: Sequence[Cue], text: str, *, start_ms: int, end_ms: int | None = None) -> list[Cue]:
    """``cues`` and, after them, one cue that says ``text`` from ``start_ms`` (or the last cue's end, if
    later) to ``end_ms`` (at least ``NOTICE_MS`` on screen), numbered on.

    Used to mark a partial transcript in formats without comments: placed where the readable media ends, it
    appears exactly when the subtitles stop, never overlaps speech, and any SubRip reader accepts it.

    >>> with_notice([Cue(1, 0, 2000, ("Hi.",))], "[Partial]", start_ms=9000, end_ms=59000)[-1]
    Cue(index=2, start=9000, end=59000, lines=('[Partial]',), language=None, speaker=None)
    """
    start = max([start_ms, *(cue.end for cue in cues)])
    end = max(end_ms or 0, start + NOTICE_MS)
    lines = tuple(line.strip() for line in text.splitlines() if line.strip())
    return [*cues, Cue(len(cues) + 1, start, end, lines)]


# ------------------------------------------------------------------------------------------------ QA

IssueKind = Literal[
    "repeated",
    "empty",
    "long_line",
    "too_short",
    "too_long",
    "overlap",
    "fast",
    "silence",
    "stock_phrase",
    "language",
]

# Every message key ``qa`` can return, for the UI's translation table.
QA_MESSAGE_KEYS: tuple[str, ...] = (
    "subs.qa.repeated",
    "subs.qa.repeated_loop",
    "subs.qa.empty",
    "subs.qa.long_line",
    "subs.qa.too_short",
    "subs.qa.too_long",
    "subs.qa.overlap",
    "subs.qa.fast",
    "subs.qa.silence",
    "subs.qa.stock_phrase",
    "subs.qa.language",
)
# The kinds a click can fix by lengthening the cue into the next gap (the rest: by deleting it).
LENGTHEN_KINDS = frozenset({"fast", "too_short"})


@dataclass(frozen=True)
class Issue:
    """One problem in one cue; ``message_key`` is looked up in the UI's strings."""

    cue_index: int
    kind: IssueKind
    message_key: str
    detail: str = ""  # what the message names: the reading speed, the phrase's source, the language


def _repeat_key(cue: Cue) -> str:
    # "Thank you." and "thank you!" are the same words: compare letters and digits only, when there are any.
    text = " ".join(cue.text.split())
    letters = "".join(char for char in text.casefold() if char.isalnum())
    return letters or text


def speech_share(cue: Cue, speech: Sequence[tuple[float, float]]) -> float:
    """The share (0..1) of the cue's time during which someone speaks, from speech regions in seconds."""
    start, end = cue.start / 1000, cue.end / 1000
    if end <= start:
        return 0.0
    covered = sum(max(0.0, min(end, b) - max(start, a)) for a, b in speech)
    return min(covered / (end - start), 1.0)


# A script is a strong hint of a language: Hangul is Korean, kana Japanese, Thai script Thai, Cyrillic ru.
_SCRIPTS = (
    ("ko", re.compile("[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")),
    ("ja", re.compile("[\u3040-\u30ff]")),
    ("th", re.compile("[\u0e00-\u0e7f]")),
    ("ru", re.compile("[\u0400-\u04ff]")),
    ("zh", re.compile("[\u4e00-\u9fff]")),
)


def script_languages(text: str) -> set[str]:
    """Languages whose own script appears in ``text`` (Latin text says nothing: many languages use it).

    >>> sorted(script_languages("อันย่อน 안녕 hello"))
    ['ko', 'th']
    """
    found = {code for code, pattern in _SCRIPTS if pattern.search(text)}
    if "ja" in found:
        found.discard("zh")  # kanji with kana is Japanese
    return found


SILENT_SHARE = 0.2  # a cue with speech under a fifth of its time is "over silence"


def qa(
    cues: Iterable[Cue],
    rules: CueRules = DEFAULT_RULES,
    *,
    speech: Sequence[tuple[float, float]] | None = None,
    allowed: Iterable[str] = (),
) -> list[Issue]:
    """Problems worth a look, in cue order; a cue may have several.

    ``repeated``: the same words as the cue before, a known Whisper hallucination loop (from the third in a
    row the key is ``subs.qa.repeated_loop``); ``empty``; ``long_line``: a line wider than the rules (one
    word too long to wrap, or an edit); ``too_short`` / ``too_long``: outside the duration range;
    ``overlap``: starts before an earlier cue ends (this includes running backwards); ``fast``: asks for more
    than ``rules.max_cps`` characters a second (``detail``: the speed); ``silence``: with ``speech`` regions
    (seconds, from the voice-activity detector) given, someone speaks for under a fifth of the cue's time;
    ``stock_phrase``: the cue is a phrase Whisper is known to invent over silence (``detail``: where it was
    reported); ``language``: with ``allowed`` languages given, the cue's language or its script is not one of
    them (``detail``: the language).

    >>> thanks = [Cue(1, 0, 1000, ("Thank you.",)), Cue(2, 1000, 2000, ("thank you!",))]
    >>> [(i.cue_index, i.kind) for i in qa(thanks)]
    [(2, 'repeated')]
    """
    from lib.audio.hallucinations import stock_phrase

    min_ms = seconds_to_ms(rules.min_duration)
    max_ms = seconds_to_ms(rules.max_duration)
    allowed = set(allowed)
    issues: list[Issue] = []
    previous_key: str | None = None
    repeats = 0
    latest_end: int | None = None
    for cue in cues:
        index = cue.index
        if not any(line.strip() for line in cue.lines):
            issues.append(Issue(index, "empty", "subs.qa.empty"))
            previous_key, repeats = None, 0
        else:
            key = _repeat_key(cue)
            if key == previous_key:
                repeats += 1
                message_key = "subs.qa.repeated_loop" if repeats >= 2 else "subs.qa.repeated"
                issues.append(Issue(index, "repeated", message_key))
            else:
                previous_key, repeats = key, 0
        if any(text_width(line.strip()) > rules.max_line_chars for line in cue.lines):
            issues.append(Issue(index, "long_line", "subs.qa.long_line"))
        duration = cue.end - cue.start
        if duration < min_ms:
            issues.append(Issue(index, "too_short", "subs.qa.too_short"))
        elif duration > max_ms:
            issues.append(Issue(index, "too_long", "subs.qa.too_long"))
        if latest_end is not None and cue.start < latest_end:
            issues.append(Issue(index, "overlap", "subs.qa.overlap"))
        latest_end = cue.end if latest_end is None else max(latest_end, cue.end)
        text = cue.text
        if not text.strip():
            continue
        speed = cps(cue, rules)
        if speed > rules.max_cps + 1e-9:
            issues.append(Issue(index, "fast", "subs.qa.fast", f"{speed:.1f}"))
        if speech is not None and speech_share(cue, speech) < SILENT_SHARE:
            issues.append(Issue(index, "silence", "subs.qa.silence"))
        phrase = stock_phrase(text)
        if phrase is not None:
            issues.append(Issue(index, "stock_phrase", "subs.qa.stock_phrase", phrase.reported))
        if allowed:
            foreign = sorted({cue.language} - allowed - {None} | (script_languages(text) - allowed))
            if foreign:
                issues.append(Issue(index, "language", "subs.qa.language", ", ".join(foreign)))
    return issues


def delete_cue(cues: Sequence[Cue], index: int) -> list[Cue]:
    """``cues`` without the one numbered ``index``, numbered again from 1."""
    kept = [cue for cue in cues if cue.index != index]
    return [Cue(k, c.start, c.end, c.lines, c.language, c.speaker) for k, c in enumerate(kept, 1)]


def lengthen_cue(cues: Sequence[Cue], index: int, rules: CueRules = DEFAULT_RULES) -> list[Cue]:
    """``cues`` with the one numbered ``index`` kept on screen longer, into the gap before the next cue: long
    enough for ``rules.max_cps`` and ``min_duration`` where the gap allows, never past the next cue's start
    or ``max_duration``.

    >>> fast = [Cue(1, 0, 1000, ("안녕하세요, 여러분. 오늘은 날씨가 좋네요.",)), Cue(2, 5000, 6000, ("네.",))]
    >>> lengthen_cue(fast, 1, KOREAN_RULES)[0].end  # 20.5 characters at 12 a second
    1709
    """
    out = list(cues)
    for k, cue in enumerate(out):
        if cue.index != index:
            continue
        chars = reading_chars(cue.text, rules.cps_unit)
        wanted = max(math.ceil(chars / rules.max_cps * 1000), seconds_to_ms(rules.min_duration))
        end = cue.start + min(wanted, seconds_to_ms(rules.max_duration))
        if k + 1 < len(out):
            end = min(end, max(out[k + 1].start, cue.end))
        out[k] = Cue(cue.index, cue.start, max(end, cue.end), cue.lines, cue.language, cue.speaker)
    return out


# --------------------------------------------------------------------------------------------- table

TABLE_COLUMNS: tuple[str, ...] = ("start", "end", "language", "text")
SPEAKER_COLUMN = "speaker"  # in the table only when a cue has a speaker, before the text


class CueTableError(ValueError):
    """A table row that cannot become a cue; ``row`` is 1-based, ``column`` one of ``TABLE_COLUMNS``."""

    def __init__(self, message: str, *, row: int, column: str) -> None:
        super().__init__(message)
        self.row = row
        self.column = column


def table_columns(cues: Iterable[Cue]) -> tuple[str, ...]:
    """The table's columns for ``cues``: ``TABLE_COLUMNS``, with ``speaker`` before the text when a cue has
    a speaker."""
    if any(cue.speaker for cue in cues):
        return (*TABLE_COLUMNS[:-1], SPEAKER_COLUMN, TABLE_COLUMNS[-1])
    return TABLE_COLUMNS


def cues_to_table(cues: Sequence[Cue]) -> list[dict[str, str]]:
    """Rows for an editable table: start and end as ``HH:MM:SS.mmm``, the language code ("" if unknown),
    the speaker when any cue has one, text with ``\\n`` between lines.

    >>> cues_to_table([Cue(1, 1500, 62_003, ("Hello,", "world."), "en")])
    [{'start': '00:00:01.500', 'end': '00:01:02.003', 'language': 'en', 'text': 'Hello,\\nworld.'}]
    >>> cues_to_table([Cue(1, 0, 900, ("Hi.",), "en", "Teacher")])[0]["speaker"]
    'Teacher'
    """
    speakers = SPEAKER_COLUMN in table_columns(cues)
    rows = []
    for cue in cues:
        row = {
            "start": format_timestamp(cue.start, decimal_marker="."),
            "end": format_timestamp(cue.end, decimal_marker="."),
            "language": cue.language or "",
        }
        if speakers:
            row[SPEAKER_COLUMN] = cue.speaker or ""
        row["text"] = cue.text
        rows.append(row)
    return rows


def _is_blank(value: object) -> bool:
    # A table cell left empty arrives as None, or as NaN from a pandas frame.
    return value is None or (isinstance(value, float) and math.isnan(value))


def _cell_time(row: Mapping[str, object], column: str, number: int) -> int:
    if column not in row:
        raise CueTableError(f"Row {number} has no {column!r} column.", row=number, column=column)
    value = row[column]
    if _is_blank(value) or (isinstance(value, str) and not value.strip()):
        raise CueTableError(
            f"Row {number}: the {column} time is empty; write HH:MM:SS.mmm, for example 00:01:02.500.",
            row=number,
            column=column,
        )
    if not isinstance(value, str):
        raise CueTableError(
            f"Row {number}: the {column} time {value!r} is not text; write HH:MM:SS.mmm.",
            row=number,
            column=column,
        )
    try:
        return parse_timestamp(value)
    except ValueError as exc:
        raise CueTableError(f"Row {number}, {column}: {exc}", row=number, column=column) from exc


def cues_from_table(rows: Iterable[Mapping[str, object]]) -> list[Cue]:
    """Cues from edited table rows, numbered from 1; raises ``CueTableError`` (a ValueError) for a bad row.

    Times are checked one row at a time (malformed, or end not after start); order and overlaps between
    rows are left to ``qa`` so the table can show them. A row whose text is cleared stays, as an empty cue.

    >>> cues_from_table([{"start": "00:00:01.500", "end": "00:00:03.000", "text": "Hello,\\n world. "}])
    [Cue(index=1, start=1500, end=3000, lines=('Hello,', 'world.'), language=None, speaker=None)]
    """
    cues: list[Cue] = []
    for number, row in enumerate(rows, start=1):
        start = _cell_time(row, "start", number)
        end = _cell_time(row, "end", number)
        if end <= start:
            raise CueTableError(
                f"Row {number}: the end {row['end']} must be after the start {row['start']}.",
                row=number,
                column="end",
            )
        text = row.get("text")
        text = "" if _is_blank(text) else str(text)
        lines = tuple(line.strip() for line in text.splitlines() if line.strip())
        language = row.get("language")
        language = None if _is_blank(language) else str(language).strip().lower() or None
        speaker = row.get(SPEAKER_COLUMN)
        speaker = None if _is_blank(speaker) else speaker_name(str(speaker))
        cues.append(Cue(index=number, start=start, end=end, lines=lines, language=language, speaker=speaker))
    return cues


# --------------------------------------------------------------------------------------------- fixes

FixAction = Literal["delete", "lengthen"]


@dataclass(frozen=True)
class Fix:
    """One click on a check: ``action`` on the cue that starts at ``start`` ms with ``text``. Kept by
    identity, not number, so fixes still find their cue after an earlier one was deleted."""

    action: FixAction
    start: int
    text: str


def fix_for(issue: Issue, cues: Sequence[Cue]) -> Fix | None:
    """The one-click fix of ``issue``: lengthen a cue that is too fast or too short, delete anything else."""
    cue = next((c for c in cues if c.index == issue.cue_index), None)
    if cue is None:
        return None
    return Fix("lengthen" if issue.kind in LENGTHEN_KINDS else "delete", cue.start, cue.text)


def apply_fixes(cues: Sequence[Cue], fixes: Iterable[Fix], rules: CueRules = DEFAULT_RULES) -> list[Cue]:
    """``cues`` with each fix applied in order (a fix whose cue is gone is skipped).

    >>> cues = [Cue(1, 0, 900, ("Hello everyone, welcome back to the class.",)), Cue(2, 3000, 4000, ("Hi.",))]
    >>> fixes = [Fix("delete", 3000, "Hi."), Fix("lengthen", 0, cues[0].text)]
    >>> [(c.index, c.end) for c in apply_fixes(cues, fixes)]
    [(1, 2100)]
    """
    out = list(cues)
    for fix in fixes:
        cue = next((c for c in out if c.start == fix.start and c.text == fix.text), None)
        if cue is None:
            continue
        out = delete_cue(out, cue.index) if fix.action == "delete" else lengthen_cue(out, cue.index, rules)
    return out
