"""Which languages a recording may hold: the user's choice, detection restricted to it, and spans of speech.

One value, ``LanguageChoice``, is what the page's language widget gives every engine: the built-in Whisper
detects a language per stretch of speech among the allowed ones (so a Korean clip is not read as Thai when
Korean and English are allowed), and an API engine reads ``.api_language`` / ``.hints``. Nothing here loads a
model: the detector is passed in as a function, so the planning is testable with made-up probabilities.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

# Languages the page offers to pin, in the order shown (Whisper's codes). Names come from lib.audio.strings.
CHOICES: tuple[str, ...] = ("ko", "en", "ja", "zh", "es", "fr", "de", "it", "pt", "ru", "vi", "th")
NAME_KEYS: dict[str, str] = {  # each language's name in lib.audio.strings
    "ko": "wh.lang.ko", "en": "wh.lang.en", "ja": "wh.lang.ja", "zh": "wh.lang.zh", "es": "wh.lang.es",
    "fr": "wh.lang.fr", "de": "wh.lang.de", "it": "wh.lang.it", "pt": "wh.lang.pt", "ru": "wh.lang.ru",
    "vi": "wh.lang.vi", "th": "wh.lang.th",
}  # fmt: skip
MAX_PINNED = 4  # "a short list of likely ones": more than that is detection among everything anyway


@dataclass(frozen=True)
class LanguageChoice:
    """The languages the user allows: none (detect among all), one (pinned), or a short list (ko + en).

    >>> LanguageChoice(("ko", "en")).hints, LanguageChoice(("ko",)).single, LanguageChoice().single
    (('ko', 'en'), 'ko', None)
    >>> LanguageChoice(("ko", "en")).pick([("th", 0.85), ("ko", 0.05), ("en", 0.02)])
    ('ko', 0.7142857142857143)
    """

    codes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        seen: list[str] = []
        for code in self.codes:
            code = code.strip().lower()
            if code and code not in seen:
                seen.append(code)
        object.__setattr__(self, "codes", tuple(seen))

    @property
    def hints(self) -> tuple[str, ...]:
        """The allowed languages, most likely first (empty: any)."""
        return self.codes

    @property
    def single(self) -> str | None:
        """The one pinned language, else None."""
        return self.codes[0] if len(self.codes) == 1 else None

    @property
    def api_language(self) -> str | None:
        """What an API's single ``language`` field can carry: the pinned language, else nothing (detect)."""
        return self.single

    def allows(self, code: str | None) -> bool:
        """Whether text in ``code`` is expected (always, when nothing was pinned)."""
        return not self.codes or code in self.codes

    def pick(self, probabilities: Iterable[tuple[str, float]]) -> tuple[str, float]:
        """The most likely allowed language and its probability among the allowed ones."""
        probs = list(probabilities)
        allowed = [(code, p) for code, p in probs if self.allows(code)] or [(c, 0.0) for c in self.codes]
        total = sum(p for _, p in allowed)
        code, p = max(allowed, key=lambda item: item[1])
        if self.codes and total > 0:
            return code, p / total
        return code, p


AUTO = LanguageChoice()


@dataclass(frozen=True)
class Span:
    """A stretch of the media, in seconds, in one language (``probability`` as detected, 1 when pinned)."""

    start: float
    end: float
    language: str
    probability: float = 1.0


MIN_REGION = 1.5  # seconds: shorter speech is too little for Whisper's detector; it joins a neighbour
MAX_WINDOW = 10.0  # seconds of speech detected at once
CONFIDENT = 0.8  # a window this sure of one language is not split further


def merge_short(regions: Sequence[tuple[float, float]], min_length: float = MIN_REGION) -> list[list[float]]:
    """Speech regions with each one shorter than ``min_length`` joined to its nearer neighbour (languages
    change more often at long pauses than at short ones).

    >>> merge_short([(0.0, 2.0), (2.9, 3.8), (4.1, 8.0)])
    [[0.0, 2.0], [2.9, 8.0]]
    """
    out = [[float(a), float(b)] for a, b in regions if b > a]
    while len(out) > 1:
        short = [k for k, (a, b) in enumerate(out) if b - a < min_length]
        if not short:
            break
        k = min(short, key=lambda i: out[i][1] - out[i][0])
        before = out[k][0] - out[k - 1][1] if k > 0 else float("inf")
        after = out[k + 1][0] - out[k][1] if k + 1 < len(out) else float("inf")
        if before <= after:
            out[k - 1][1] = out[k][1]
        else:
            out[k + 1][0] = out[k][0]
        del out[k]
    return out


def detect_spans(
    regions: Sequence[tuple[float, float]],
    detect: Callable[[float, float], list[tuple[str, float]]],
    choice: LanguageChoice = AUTO,
    *,
    duration: float,
    max_window: float = MAX_WINDOW,
    confident: float = CONFIDENT,
    on_window: Callable[[float], None] | None = None,
) -> list[Span]:
    """Language spans covering ``0..duration`` from speech ``regions`` (seconds) and a detector.

    Regions are grouped into windows of at most ``max_window`` seconds and each window is detected once; a
    window that is not ``confident`` of one allowed language is split at its longest pause and each half
    detected again, down to single regions. Neighbours in the same language are joined, and each span reaches
    to the middle of the pause around it, so every moment of the media is in exactly one span.
    ``on_window(seconds)`` is called after each detection with how far detection has come.

    >>> probs = {0.0: [("en", 0.9)], 12.0: [("de", 0.7), ("en", 0.2)]}
    >>> detect_spans([(0.0, 5.0), (5.5, 10.0), (12.0, 20.0)], lambda a, b: probs.get(a, [("en", 0.9)]),
    ...              LanguageChoice(("en", "de")), duration=21.0)
    [Span(start=0.0, end=11.0, language='en', probability=1.0), Span(start=11.0, end=21.0, language='de', \
probability=0.7777777777777778)]
    """
    merged = merge_short(regions)
    if not merged:
        return []
    windows: list[list[list[float]]] = [[merged[0]]]
    for region in merged[1:]:
        if region[1] - windows[-1][0][0] <= max_window:
            windows[-1].append(region)
        else:
            windows.append([region])
    labelled: list[tuple[float, float, str, float]] = []
    todo = list(reversed(windows))
    while todo:
        window = todo.pop()
        start, end = window[0][0], window[-1][1]
        code, p = choice.pick(detect(start, end))
        if p < confident and len(window) > 1:
            gaps = [window[k + 1][0] - window[k][1] for k in range(len(window) - 1)]
            cut = gaps.index(max(gaps)) + 1
            todo += [window[cut:], window[:cut]]
            continue
        labelled.append((start, end, code, p))
        if on_window:
            on_window(end)
    spans: list[Span] = []
    for start, end, code, p in labelled:
        if spans and spans[-1].language == code:
            last = spans[-1]
            weight = (last.end - last.start, end - start)
            prob = (last.probability * weight[0] + p * weight[1]) / (sum(weight) or 1)
            spans[-1] = Span(last.start, end, code, prob)
        else:
            spans.append(Span(start, end, code, p))
    # Reach into the pauses: from the middle of one to the middle of the next, 0 and duration at the ends.
    edges = [0.0] + [(a.end + b.start) / 2 for a, b in pairwise(spans)] + [duration]
    return [Span(edges[k], edges[k + 1], s.language, s.probability) for k, s in enumerate(spans)]


@dataclass(frozen=True)
class LanguageRun:
    """Consecutive segments in one language, for the summary line."""

    language: str
    start: float
    end: float


def language_runs(segments: Iterable) -> list[LanguageRun]:
    """Consecutive segments (anything with ``start``, ``end``, ``language``) in one language, joined.

    A run ends where the next begins, so the summary reads as a timeline.
    """
    runs: list[LanguageRun] = []
    for seg in segments:
        code = getattr(seg, "language", None) or "?"
        if runs and runs[-1].language == code:
            runs[-1] = LanguageRun(code, runs[-1].start, seg.end)
        else:
            if runs:
                runs[-1] = LanguageRun(runs[-1].language, runs[-1].start, max(runs[-1].end, seg.start))
            runs.append(LanguageRun(code, seg.start, seg.end))
    return runs


def clock(seconds: float) -> str:
    """``m:ss`` (``h:mm:ss`` from an hour).

    >>> clock(59.4), clock(3725)
    ('0:59', '1:02:05')
    """
    seconds = max(0, int(seconds))
    if seconds >= 3600:
        return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
    return f"{seconds // 60}:{seconds % 60:02d}"


def summary(segments: Iterable) -> str:
    """ "en 0:00-0:29, de 0:29-0:59": which language is spoken when.

    >>> from lib.audio.subtitles import Segment
    >>> summary([Segment(0, 5, "Hi", language="en"), Segment(5, 29.5, "So", language="en"),
    ...          Segment(30, 59, "Und", language="de")])
    'en 0:00-0:30, de 0:30-0:59'
    """
    return ", ".join(f"{r.language} {clock(r.start)}-{clock(r.end)}" for r in language_runs(segments))
