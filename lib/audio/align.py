"""Subtitles from a model that gives text only: time its text with the built-in engine's word timestamps.

The API model's text is usually better than the built-in base model's; the built-in model's words carry
times. Both are cut into small comparable units (a word with its case and punctuation folded away, or one
character of a script written without spaces: Chinese, Japanese, Thai), lined up at the least cost (each
unit kept, changed, missed or added, in a band along the diagonal), and each API word takes the time of the
built-in word it matches. A run of
words the built-in model heard differently ("ten" for "10") shares the time of what it heard there; words
it missed share the gap between their neighbours, in proportion to their length. Each API segment (one per
part sent) is aligned only with the built-in words inside that part, so a long lesson stays cheap and a
mistake cannot drift far.

>>> from lib.audio.subtitles import Word
>>> heard = [Word(0.0, 0.4, " Ask"), Word(0.4, 0.7, " not"), Word(0.7, 1.0, " what"), Word(1.2, 1.9, " ten")]
>>> [(w.text, w.start, w.end) for w in align_words("Ask not, what 10!", heard, 0.0, 2.0)]
[('Ask', 0.0, 0.4), ('not,', 0.4, 0.7), ('what', 0.7, 1.0), ('10!', 1.2, 1.9)]
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import replace

from lib.audio.subtitles import Segment, Word
from lib.audio.transcription import Transcript

# Scripts written without spaces between words: each character is a unit.
_UNSPACED = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")
_SENTENCE_END = re.compile(r"[.?!…。？！]['\"”’»)\]」』]*$")

# The built-in base model's speed on the machine this was measured on (2 shared cores: 0.1-0.2 of real
# time, README "Benchmarks"), with a margin, and its load time; a measured figure replaces them.
BASE_REAL_TIME_FACTOR = 0.25
BASE_LOAD_SECONDS = 3.0
MEASURED_ON_CORES = 2


def units(text: str) -> list[str]:
    """The comparable units of a word: case, width and punctuation folded away; characters of unspaced
    scripts one by one.

    >>> units("Americans,"), units("«Don't»"), units("東京です"), units("—")
    (['americans'], ['dont'], ['東', '京', 'で', 'す'], [])
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    out: list[str] = []
    run = ""
    for char in folded:
        if _UNSPACED.match(char):
            if run:
                out.append(run)
                run = ""
            out.append(char)
        elif char.isalnum():
            run += char
    if run:
        out.append(run)
    return out


def _reference_units(words: Sequence[Word]) -> list[tuple[str, float, float]]:
    """(unit, start, end) of each unit of the built-in words, a word's time shared among its units."""
    out = []
    for word in words:
        pieces = units(word.text)
        if not pieces:
            continue
        total = sum(map(len, pieces))
        span = max(word.end - word.start, 0.0)
        done = 0
        for piece in pieces:
            a = word.start + span * done / total
            done += len(piece)
            out.append((piece, a, word.start + span if done == total else word.start + span * done / total))
    return out


def align_words(text: str, reference: Sequence[Word], start: float, end: float) -> list[Word]:
    """One ``Word`` per space-separated token of ``text`` (punctuation kept), timed from ``reference`` (the
    built-in engine's words), inside ``start``..``end`` seconds. Times never run backwards."""
    tokens = text.split()
    if not tokens:
        return []
    mine = [(k, unit) for k, token in enumerate(tokens) for unit in units(token)]
    theirs = _reference_units(sorted(reference, key=lambda w: w.start))
    times: list[tuple[float, float] | None] = [None] * len(mine)
    for tag, i1, i2, j1, j2 in _opcodes([u for _, u in mine], [u for u, _, _ in theirs]):
        if tag == "equal":
            for offset in range(i2 - i1):
                _, a, b = theirs[j1 + offset]
                times[i1 + offset] = (a, b)
        elif tag == "replace":  # heard differently: share what was heard there
            _spread(times, mine, i1, i2, theirs[j1][1], theirs[j2 - 1][2])
    # Units the built-in engine did not hear: the gap between their timed neighbours.
    k = 0
    while k < len(times):
        if times[k] is not None:
            k += 1
            continue
        stop = k
        while stop < len(times) and times[stop] is None:
            stop += 1
        before = times[k - 1][1] if k else start
        after = times[stop][0] if stop < len(times) else end
        _spread(times, mine, k, stop, before, max(before, after))
        k = stop
    # Each token: from its first unit's start to its last unit's end; punctuation alone takes no time.
    by_token: list[list[tuple[float, float]]] = [[] for _ in tokens]
    for (k, _), t in zip(mine, times, strict=True):
        by_token[k].append(t)  # every unit is timed by now
    spans: list[tuple[float, float]] = []
    previous_start, previous_end = start, start
    for own in by_token:
        a, b = (own[0][0], own[-1][1]) if own else (previous_end, previous_end)
        a = max(a, previous_start)
        spans.append((a, max(a, b)))
        previous_start, previous_end = a, max(a, b)
    return [Word(a, b, token) for token, (a, b) in zip(tokens, spans, strict=True)]


BAND = 250  # units either side of the expected place (about a minute and a half of speech)


def _opcodes(mine: list[str], theirs: list[str]) -> list[tuple[str, int, int, int, int]]:
    """Opcodes (as ``difflib`` names them) of the cheapest alignment of ``mine`` with ``theirs``: each unit
    kept, changed, left out or added costs 0, 1, 1, 1 (Levenshtein on units), and among equally cheap ones the
    one with the fewest gaps (a gap's first unit costs a little more), so the words the model left out are
    one stretch, not scattered ("for you." matched to the first "you" of "for you, ask what you can do",
    not the second). Searched in a band around the diagonal, since speech runs at one pace. ``difflib``'s
    longest-match-first was tried first: a lesson's repeated sentence let it match a whole repetition early (a
    word moved by 5 s), and on an hour of such text it took minutes; this is linear in the length.

    >>> _opcodes("for you".split(), "for you ask what you can".split())
    [('equal', 0, 2, 0, 2), ('insert', 2, 2, 2, 6)]
    """
    n, m = len(mine), len(theirs)
    if not n or not m:
        return ([("delete", 0, n, 0, 0)] if n else []) + ([("insert", n, n, 0, m)] if m else [])
    band = max(BAND, -(-m // n) + 2)
    lo = [max(0, i * m // n - band) for i in range(n + 1)]
    hi = [min(m, i * m // n + band) for i in range(n + 1)]
    lo[0], hi[n] = 0, m
    unit_cost, opening = 4, 1  # in quarters: a gap that starts costs one quarter more than one that goes on
    big = (n + m + 1) * (unit_cost + opening)
    previous = [j * unit_cost + opening for j in range(lo[0], hi[0] + 1)]  # row 0: everything of theirs added
    previous[0] = 0
    moves: list[bytearray] = [bytearray([2]) * (hi[0] - lo[0] + 1)]
    for i in range(1, n + 1):
        unit = mine[i - 1]
        plo, phi, clo, chi = lo[i - 1], hi[i - 1], lo[i], hi[i]
        above = moves[i - 1]
        row = [big] * (chi - clo + 1)
        move = bytearray(chi - clo + 1)
        for j in range(clo, chi + 1):
            best, how = big, 0
            if plo <= j - 1 <= phi:  # keep or change
                best = previous[j - 1 - plo] + (unit_cost if unit != theirs[j - 1] else 0)
            # A gap that goes on wins a tie: the cell keeps one best path, and a gap kept open here is
            # what lets a later unit extend it instead of opening another.
            if plo <= j <= phi:  # mine[i - 1] left out
                going = i > 1 and above[j - plo] == 1
                cost = previous[j - plo] + unit_cost + (0 if going else opening)
                if cost < best or (going and cost == best):
                    best, how = cost, 1
            if j > clo:  # theirs[j - 1] added
                going = move[j - 1 - clo] == 2
                cost = row[j - 1 - clo] + unit_cost + (0 if going else opening)
                if cost < best or (going and cost == best):
                    best, how = cost, 2
            row[j - clo], move[j - clo] = best, how
        previous = row
        moves.append(move)
    steps: list[int] = []  # back from the end: 0 diagonal, 1 up, 2 left
    i, j = n, m
    while i or j:
        how = moves[i][j - lo[i]] if i else 2
        steps.append(how)
        i, j = (i - 1, j - 1) if how == 0 else (i - 1, j) if how == 1 else (i, j - 1)
    out: list[tuple[str, int, int, int, int]] = []
    i = j = 0
    start = (0, 0)
    for how in reversed(steps):
        same = how == 0 and mine[i] == theirs[j]
        if same and (i, j) != start:  # close the run of changes before this kept unit
            a, b = start
            out.append(("replace" if i > a and j > b else "delete" if i > a else "insert", a, i, b, j))
        if same:
            if out and out[-1][0] == "equal" and out[-1][2] == i:
                out[-1] = ("equal", out[-1][1], i + 1, out[-1][3], j + 1)
            else:
                out.append(("equal", i, i + 1, j, j + 1))
        i, j = (i + 1, j + 1) if how == 0 else (i + 1, j) if how == 1 else (i, j + 1)
        if same:
            start = (i, j)
    if (i, j) != start:
        a, b = start
        out.append(("replace" if i > a and j > b else "delete" if i > a else "insert", a, i, b, j))
    return out


def _spread(times: list, mine: list[tuple[int, str]], i1: int, i2: int, a: float, b: float) -> None:
    total = sum(len(mine[i][1]) for i in range(i1, i2)) or 1
    at = a
    for i in range(i1, i2):
        length = (b - a) * len(mine[i][1]) / total
        times[i] = (at, at + length)
        at += length


def sentences(words: Sequence[Word], language: str | None = None) -> list[Segment]:
    """Timed words grouped into one segment a sentence (a segment ends after ".", "?", "!", "。"...)."""
    out: list[Segment] = []
    group: list[Word] = []
    for word in words:
        group.append(word)
        if _SENTENCE_END.search(word.text):
            out.append(_segment(group, language))
            group = []
    if group:
        out.append(_segment(group, language))
    return out


def _segment(words: list[Word], language: str | None) -> Segment:
    text = " " + " ".join(w.text for w in words)
    return Segment(words[0].start, words[-1].end, text, tuple(words), language)


def timed(api: Transcript, local: Transcript) -> Transcript:
    """``api`` (text only) with the times of ``local`` (the built-in engine on the same media): each API
    segment aligned with the built-in words inside its time, cut into sentences."""
    words = [w for s in local.segments for w in s.words]
    language = api.language or local.language  # the API said none: what the built-in engine heard
    segments: list[Segment] = []
    for segment in api.segments:
        inside = [w for w in words if segment.start <= (w.start + w.end) / 2 < segment.end]
        timed_words = align_words(segment.text, inside, segment.start, segment.end)
        for piece in sentences(timed_words, segment.language or language):
            segments.append(replace(piece, speaker=segment.speaker))
    return replace(
        api,
        segments=tuple(segments),
        language=language,
        has_timestamps=True,
        timing=local.engine,
        speech=local.speech,
    )


def estimate_seconds(
    duration: float, *, real_time_factor: float | None = None, cores: int | None = None
) -> float:
    """Seconds the built-in base model will take to time ``duration`` seconds of media here: the measured
    real-time factor when there is one, else the figure measured on 2 cores scaled to this computer's.

    >>> round(estimate_seconds(600, cores=2)), round(estimate_seconds(600, real_time_factor=0.1))
    (153, 63)
    """
    if real_time_factor is None:
        cores = cores or os.cpu_count() or 1
        real_time_factor = BASE_REAL_TIME_FACTOR * MEASURED_ON_CORES / max(1, min(cores, 8))
    return BASE_LOAD_SECONDS + duration * real_time_factor
