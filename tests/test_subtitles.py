"""Cue shaping, SRT/VTT writers, QA and the editable table of lib.subtitles.

Golden files hold the exact output for hand-written English and Korean segments; each is also read back, SRT
with the `srt` library and VTT with a small parser here, so a golden file that is wrong but stable still
fails. Run with PLAYGROUND_UPDATE_GOLDEN=1 to rewrite the golden files after a deliberate change (then read
the diff).
"""

from __future__ import annotations

import html
import itertools
import os
import random
import re
from datetime import timedelta
from pathlib import Path
from typing import get_args

import pytest
import srt

from lib.audio import subtitles as subs
from lib.audio.subtitles import Cue, CueRules, Segment, Word

GOLDEN = Path(__file__).parent / "golden" / "subtitles"
UPDATE_GOLDEN = os.environ.get("PLAYGROUND_UPDATE_GOLDEN") == "1"
RULES = subs.DEFAULT_RULES
JFK = "ask not what your country can do for you, but what together we can do. Freedom!"


def segment(*words: tuple[float, float, str]) -> Segment:
    """A segment as faster-whisper gives it: words with their leading spaces, the text their concatenation."""
    timed = tuple(Word(start, end, text) for start, end, text in words)
    return Segment(timed[0].start, timed[-1].end, "".join(word.text for word in timed), timed)


ENGLISH = [
    segment(  # 108 characters: two cues, the first ending at the dash
        (0.00, 0.30, " And"),
        (0.30, 0.60, " so,"),
        (0.90, 1.10, " my"),
        (1.10, 1.40, " fellow"),
        (1.40, 2.20, " Americans:"),
        (3.20, 3.50, " ask"),
        (3.50, 4.00, " not"),
        (4.30, 4.50, " what"),
        (4.50, 4.70, " your"),
        (4.70, 5.10, " country"),
        (5.10, 5.30, " can"),
        (5.30, 5.50, " do"),
        (5.50, 5.70, " for"),
        (5.70, 6.10, " you"),
        (6.30, 6.40, " —"),
        (6.50, 7.00, " ask"),
        (7.00, 7.30, " what"),
        (7.30, 7.50, " you"),
        (7.50, 7.80, " can"),
        (7.80, 8.10, " do"),
        (8.10, 8.30, " for"),
        (8.30, 8.60, " your"),
        (8.60, 9.40, " country."),
    ),
    segment(  # 122 characters: split after "you," rather than at the fullest cue
        (10.50, 10.70, " My"),
        (10.70, 11.00, " fellow"),
        (11.00, 11.50, " citizens"),
        (11.50, 11.60, " of"),
        (11.60, 11.70, " the"),
        (11.70, 12.20, " world:"),
        (12.60, 12.90, " ask"),
        (12.90, 13.20, " not"),
        (13.20, 13.40, " what"),
        (13.40, 13.90, " America"),
        (13.90, 14.10, " will"),
        (14.10, 14.30, " do"),
        (14.30, 14.50, " for"),
        (14.50, 14.90, " you,"),
        (15.20, 15.40, " but"),
        (15.40, 15.60, " what"),
        (15.60, 16.10, " together"),
        (16.10, 16.30, " we"),
        (16.30, 16.50, " can"),
        (16.50, 16.70, " do"),
        (16.70, 16.90, " for"),
        (16.90, 17.00, " the"),
        (17.00, 17.50, " freedom"),
        (17.50, 17.60, " of"),
        (17.60, 18.10, " man."),
    ),
    segment((19.00, 19.30, " Yes."), (19.30, 19.40, " Thank"), (19.40, 19.70, " you.")),  # extended to 0.8 s
    segment(  # a 2.5 s pause inside the segment starts a new cue
        (21.00, 21.30, " Any"),
        (21.30, 21.90, " questions?"),
        (24.40, 24.60, " Next:"),
        (24.60, 24.90, " a"),
        (24.90, 25.30, " Q&A"),
        (25.30, 25.50, " with"),
        (25.50, 26.00, " <students>"),
        (26.00, 26.20, " &"),
        (26.20, 26.70, " teachers."),
    ),
]

KOREAN = [
    segment((0.00, 0.60, " 안녕하세요,"), (0.60, 1.30, " 여러분.")),
    segment(  # 88 columns (52 characters): two cues, the first ending at the comma
        (2.00, 2.40, " 오늘은"),
        (2.40, 3.00, " 인공지능이"),
        (3.00, 3.40, " 사람의"),
        (3.40, 3.70, " 말을"),
        (3.70, 4.10, " 어떻게"),
        (4.10, 4.80, " 알아듣는지,"),
        (5.10, 5.50, " 그리고"),
        (5.50, 5.90, " 자막을"),
        (5.90, 6.30, " 어떻게"),
        (6.30, 6.90, " 만드는지"),
        (6.90, 7.20, " 함께"),
        (7.20, 8.20, " 살펴보겠습니다."),
    ),
    segment(  # a 2 s pause starts a new cue
        (9.00, 9.30, " 먼저"),
        (9.30, 9.70, " 소리를"),
        (9.70, 9.90, " 들어"),
        (9.90, 10.40, " 볼까요?"),
        (12.40, 13.20, " 준비됐나요?"),
    ),
    segment(  # one eojeol of 48 columns: kept whole on a line of its own
        (14.00, 14.10, " 이"),
        (14.10, 14.50, " 발표는"),
        (14.50, 16.80, " 한국과학기술원전기및전자공학부인공지능연구실에서"),
        (16.80, 17.60, " 준비했습니다."),
    ),
    segment((18.50, 18.70, " 네.")),  # extended to 0.8 s
]

SAMPLES = {"en": ENGLISH, "ko": KOREAN}


# ------------------------------------------------------------------------------------------ helpers


def assert_well_formed(cues: list[Cue], rules: CueRules = RULES) -> None:
    """Numbered 1..n, whole milliseconds, start < end, never overlapping or running backwards."""
    assert [cue.index for cue in cues] == list(range(1, len(cues) + 1))
    for cue in cues:
        assert isinstance(cue.start, int) and isinstance(cue.end, int)
        assert 0 <= cue.start < cue.end
        assert cue.lines and all(line and line == line.strip() for line in cue.lines)
        assert len(cue.lines) <= rules.max_lines
    for before, after in itertools.pairwise(cues):
        assert before.end <= after.start


def words_of(cues: list[Cue]) -> list[str]:
    return [word for cue in cues for line in cue.lines for word in line.split()]


_VTT_TIME = r"(?:(\d{2,}):)?(\d{2}):(\d{2})\.(\d{3})"
_VTT_TIMING = re.compile(rf"{_VTT_TIME} --> {_VTT_TIME}")


def _vtt_ms(hours: str | None, minutes: str, seconds: str, ms: str) -> int:
    return ((int(hours or 0) * 60 + int(minutes)) * 60 + int(seconds)) * 1000 + int(ms)


def parse_vtt(text: str) -> list[tuple[int, int, str]]:
    """(start ms, end ms, unescaped text) of each cue: the subset of WebVTT the writer uses, strictly."""
    assert text.startswith("WEBVTT\n\n")
    blocks = text.removeprefix("WEBVTT\n\n").split("\n\n")
    assert blocks[-1] == "", "every cue ends with a blank line"
    cues = []
    for block in blocks[:-1]:
        timing, *lines = block.split("\n")
        match = _VTT_TIMING.fullmatch(timing)
        assert match, timing
        assert lines and all(line.strip() for line in lines)
        body = "\n".join(lines)
        assert "-->" not in body and "<" not in body and ">" not in body
        assert re.search(r"&(?!amp;|lt;|gt;)", body) is None, "a bare & in VTT cue text"
        cues.append((_vtt_ms(*match.groups()[:4]), _vtt_ms(*match.groups()[4:]), html.unescape(body)))
    return cues


# ------------------------------------------------------------------------------------------- golden


@pytest.mark.parametrize("lang", SAMPLES)
@pytest.mark.parametrize("ext", ["srt", "vtt"])
def test_output_equals_the_golden_file(lang: str, ext: str) -> None:
    cues = subs.build_cues(SAMPLES[lang])
    text = subs.to_srt(cues) if ext == "srt" else subs.to_vtt(cues)
    path = GOLDEN / f"{lang}.{ext}"
    if UPDATE_GOLDEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", SAMPLES)
def test_golden_srt_parses_back_with_the_srt_library(lang: str) -> None:
    cues = subs.build_cues(SAMPLES[lang])
    text = (GOLDEN / f"{lang}.srt").read_text(encoding="utf-8")
    parsed = list(srt.parse(text))
    assert [item.index for item in parsed] == list(range(1, len(cues) + 1))
    for item, cue in zip(parsed, cues, strict=True):
        assert item.start == timedelta(milliseconds=cue.start)
        assert item.end == timedelta(milliseconds=cue.end)
        assert item.content == cue.text
        assert item.start < item.end
    for before, after in itertools.pairwise(parsed):
        assert before.end <= after.start
    assert srt.compose(parsed) == text  # the same layout as the reference writer, byte for byte


@pytest.mark.parametrize("lang", SAMPLES)
def test_golden_vtt_parses_back(lang: str) -> None:
    cues = subs.build_cues(SAMPLES[lang])
    parsed = parse_vtt((GOLDEN / f"{lang}.vtt").read_text(encoding="utf-8"))
    assert parsed == [(cue.start, cue.end, cue.text) for cue in cues]
    for (_, end, _), (start, _, _) in itertools.pairwise(parsed):
        assert end <= start


@pytest.mark.parametrize("lang", SAMPLES)
def test_samples_keep_every_word_in_order_and_are_well_formed(lang: str) -> None:
    cues = subs.build_cues(SAMPLES[lang])
    assert_well_formed(cues)
    assert words_of(cues) == [word for seg in SAMPLES[lang] for word in seg.text.split()]


def test_the_english_sample_splits_where_a_reader_would() -> None:
    texts = [cue.text for cue in subs.build_cues(ENGLISH)]
    assert texts[:4] == [
        "And so, my fellow Americans:\nask not what your country can do for you —",
        "ask what you can do for your country.",
        "My fellow citizens of the world:\nask not what America will do for you,",
        "but what together we can\ndo for the freedom of man.",
    ]


def test_the_korean_sample_splits_at_the_comma_and_keeps_the_long_eojeol_whole() -> None:
    texts = [cue.text for cue in subs.build_cues(KOREAN)]
    assert "오늘은 인공지능이 사람의\n말을 어떻게 알아듣는지," in texts
    assert "이 발표는\n한국과학기술원전기및전자공학부인공지능연구실에서" in texts


# ----------------------------------------------------------------------------------------- timestamps


@pytest.mark.parametrize(
    ("ms", "srt_text", "vtt_text"),
    [
        (0, "00:00:00,000", "00:00.000"),
        (999, "00:00:00,999", "00:00.999"),
        (1_000, "00:00:01,000", "00:01.000"),
        (59_999, "00:00:59,999", "00:59.999"),
        (3_599_999, "00:59:59,999", "59:59.999"),
        (6_000_000, "01:40:00,000", "01:40:00.000"),  # 100 minutes
        (3_723_456, "01:02:03,456", "01:02:03.456"),
        (359_999_999, "99:59:59,999", "99:59:59.999"),
        (360_000_000, "100:00:00,000", "100:00:00.000"),  # 100 hours: more digits, never wrapped
        (3_600_000_000, "1000:00:00,000", "1000:00:00.000"),
    ],
)
def test_timestamps_in_whole_milliseconds(ms: int, srt_text: str, vtt_text: str) -> None:
    assert subs.WriteSRT().format_timestamp(ms) == srt_text
    assert subs.WriteVTT().format_timestamp(ms) == vtt_text
    assert subs.parse_timestamp(srt_text) == ms
    assert subs.parse_timestamp(vtt_text) == ms
    assert srt.srt_timestamp_to_timedelta(srt_text) == timedelta(milliseconds=ms)


@pytest.mark.parametrize(
    ("seconds", "ms"),
    [(0.0, 0), (0.0004, 0), (0.0005, 1), (0.9994, 999), (1.9995, 2000), (1.9994, 1999), (5999.9995, 6000000)],
)
def test_seconds_round_half_up_to_whole_milliseconds(seconds: float, ms: int) -> None:
    assert subs.seconds_to_ms(seconds) == ms


def test_1_9995_seconds_prints_as_two_seconds_never_as_1000_milliseconds() -> None:
    cues = subs.build_cues([Segment(0.0, 1.9995, "Hello.")])
    assert cues[0].end == 2000
    assert "00:00:02,000" in subs.to_srt(cues)
    assert ",1000" not in subs.to_srt(cues)


@pytest.mark.parametrize("bad", [-1, 1.5])
def test_format_timestamp_asserts_non_negative_whole_milliseconds(bad: float) -> None:
    with pytest.raises(AssertionError):
        subs.format_timestamp(bad)  # type: ignore[arg-type]


def test_srt_over_99_hours_parses_back() -> None:
    cues = [Cue(1, 359_999_000, 360_001_500, ("Still talking.",))]
    (parsed,) = srt.parse(subs.to_srt(cues))
    assert parsed.start == timedelta(hours=99, minutes=59, seconds=59)
    assert parsed.end == timedelta(hours=100, seconds=1, milliseconds=500)


@pytest.mark.parametrize(
    ("text", "ms"),
    [
        ("01:02:03,456", 3_723_456),
        ("01:02:03.456", 3_723_456),
        ("62:03.456", 3_723_456),
        (" 00:00:01.5 ", 1_500),
        ("00:00:01", 1_000),
        ("100:00:00.000", 360_000_000),
    ],
)
def test_parse_timestamp(text: str, ms: int) -> None:
    assert subs.parse_timestamp(text) == ms


@pytest.mark.parametrize(
    "text",
    ["", "1", "1:2:3:4", "00:60:00.000", "00:00:60.000", "00:00:01.5000", "-00:00:01.000", "a:b"],
)
def test_parse_timestamp_rejects_malformed_times(text: str) -> None:
    with pytest.raises(ValueError, match=r"HH:MM:SS|go from 00 to 59"):
        subs.parse_timestamp(text)


def test_timestamps_round_trip() -> None:
    rng = random.Random(3)
    for ms in [0, 1, 999, 1000, *(rng.randrange(0, 400 * 3_600_000) for _ in range(500))]:
        for writer in (subs.WriteSRT(), subs.WriteVTT()):
            assert subs.parse_timestamp(writer.format_timestamp(ms)) == ms


# ------------------------------------------------------------------------------------------- wrapping

SYLLABLES = "가나다라마바사아자차카타파하한국어자막말글인공지능음성소리듣기읽기쓰기했습니다요는을를이가에서"


def korean_words(rng: random.Random, count: int) -> list[str]:
    """Random eojeols of 1 to 26 syllables (some wider than a 42-column line), some with punctuation."""
    words = []
    for _ in range(count):
        size = rng.choice([1, 2, 2, 3, 3, 3, 4, 4, 5, 6, 8, 12, 22, 26])
        word = "".join(rng.choice(SYLLABLES) for _ in range(size))
        words.append(word + rng.choice(["", "", "", "", ",", ".", "?"]))
    return words


def timed_segment(words: list[str], rng: random.Random, start: float = 0.0) -> Segment:
    timed = []
    clock = start
    for text in words:
        clock += rng.choice([0.0, 0.05, 0.1, 0.1, 0.3, 1.2])  # now and then a pause over 1 s
        duration = rng.uniform(0.1, 0.9)
        timed.append(Word(round(clock, 3), round(clock + duration, 3), " " + text))
        clock += duration
    return Segment(timed[0].start, timed[-1].end, "".join(word.text for word in timed), tuple(timed))


@pytest.mark.parametrize("seed", range(40))
@pytest.mark.parametrize("with_words", [True, False], ids=["words", "no-words"])
def test_korean_never_wraps_inside_a_word(seed: int, with_words: bool) -> None:
    rng = random.Random(seed)
    words = korean_words(rng, rng.randint(1, 60))
    seg = timed_segment(words, rng)
    if not with_words:
        seg = Segment(seg.start, seg.end, seg.text)
    cues = subs.build_cues([seg])
    assert_well_formed(cues)
    # Every word of the input appears intact, once, in order; lines only break at spaces.
    assert words_of(cues) == words
    for cue in cues:
        for line in cue.lines:
            assert subs.text_width(line) <= RULES.max_line_chars or " " not in line


@pytest.mark.parametrize("seed", range(40))
def test_english_lines_fit_42_characters(seed: int) -> None:
    rng = random.Random(seed)
    vocabulary = JFK.split()
    words = [rng.choice(vocabulary) for _ in range(rng.randint(1, 80))]
    cues = subs.build_cues([timed_segment(words, rng)])
    assert_well_formed(cues)
    assert words_of(cues) == words
    assert all(len(line) <= 42 for cue in cues for line in cue.lines)


def test_a_word_longer_than_a_line_keeps_a_line_of_its_own() -> None:
    long_word = "Pneumonoultramicroscopicsilicovolcanoconiosis-like-words"
    lines = subs.wrap_words(["It", "is", long_word, "indeed."], max_line_chars=42)
    assert lines == ("It is", long_word, "indeed.")


def test_korean_counts_two_columns_a_syllable() -> None:
    # 21 syllables fill a 42-column line; one more wraps.
    assert subs.wrap_words(["가" * 10, "나" * 10], max_line_chars=42) == ("가" * 10 + " " + "나" * 10,)
    assert subs.wrap_words(["가" * 11, "나" * 10], max_line_chars=42) == ("가" * 11, "나" * 10)


@pytest.mark.parametrize(
    ("text", "width"),
    [
        ("", 0),
        ("Hello", 5),
        ("안녕", 4),
        ("한국어 subtitles", 16),
        ("ＡＢ", 4),  # fullwidth Latin
        ("🍕", 2),
        ("e\u0301", 1),  # e + combining acute
        ("\u1100\u1161\u11a8", 2),  # 각 as conjoining jamo
        ("a\u200db", 2),  # zero-width joiner
        ("—…", 2),  # ambiguous-width punctuation counts one
    ],
)
def test_text_width(text: str, width: int) -> None:
    assert subs.text_width(text) == width


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        # Break after the clause: 32 and 28 columns.
        (
            "My fellow citizens of the world: ask not what America will do",
            ("My fellow citizens of the world:", "ask not what America will do"),
        ),
        # No punctuation: the most even split, the bottom line the longer on a tie.
        (
            "ask not what your country can do for you ask what you can do",
            ("ask not what your country can", "do for you ask what you can do"),
        ),
        # "Sure," alone on a line is too uneven (5 and 39 columns): the even split wins.
        (
            "Sure, we can go home together after the talk.",
            ("Sure, we can go home", "together after the talk."),
        ),
    ],
)
def test_two_lines_break_after_punctuation_when_roughly_even(text: str, lines: tuple[str, ...]) -> None:
    assert subs.wrap_words(text.split(), max_line_chars=42) == lines


# --------------------------------------------------------------------------------------------- cueing


def test_a_pause_longer_than_max_gap_starts_a_new_cue() -> None:
    seg = segment((0.0, 0.4, " Wait"), (0.4, 0.8, " for"), (0.8, 1.2, " it."), (2.3, 2.6, " Now!"))  # 1.1 s
    cues = subs.build_cues([seg])
    assert [(cue.start, cue.text) for cue in cues] == [(0, "Wait for it."), (2300, "Now!")]
    assert cues[0].end == 1200
    # A pause of exactly max_gap does not.
    seg = segment((0.0, 0.4, " Wait"), (0.4, 0.8, " for"), (0.8, 1.2, " it."), (2.2, 2.6, " Now!"))
    assert [cue.text for cue in subs.build_cues([seg])] == ["Wait for it. Now!"]
    assert len(subs.build_cues([seg], CueRules(max_gap=0.5))) == 2


def evenly_timed(text: str, per_word: float = 0.25) -> Segment:
    """A segment whose words come every ``per_word`` seconds."""
    words = tuple(Word(k * per_word, k * per_word + 0.2, " " + word) for k, word in enumerate(text.split()))
    return Segment(words[0].start, words[-1].end, "".join(word.text for word in words), words)


def test_a_long_cue_ends_at_a_sentence_rather_than_at_the_fullest_point() -> None:
    text = "Subtitles are short lines of text that you can read quickly. "
    text += "Then the next one appears below the picture"
    assert [cue.text for cue in subs.build_cues([evenly_timed(text)])] == [
        "Subtitles are short lines of\ntext that you can read quickly.",
        "Then the next one\nappears below the picture",
    ]


def test_no_one_word_orphan_when_the_rest_fits_one_more_cue() -> None:
    # The fullest first cue would leave "tau" alone; the words are shared out instead.
    text = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau"
    assert [cue.text for cue in subs.build_cues([evenly_timed(text)])] == [
        "alpha beta gamma delta\nepsilon zeta eta theta iota",
        "kappa lambda mu nu xi\nomicron pi rho sigma tau",
    ]


def test_cues_respect_max_duration_by_splitting() -> None:
    words = [f"w{k}" for k in range(30)]
    seg = Segment(0.0, 30.0, " ".join(words))  # short words, long time: duration, not width, splits
    cues = subs.build_cues([seg])
    assert len(cues) >= 5
    assert all(cue.duration <= 7000 for cue in cues)
    assert words_of(cues) == words


def test_one_word_longer_than_max_duration_is_cut_to_it() -> None:
    cues = subs.build_cues([Segment(0.0, 20.0, "Hmmmmmmmm.")])
    assert [(cue.start, cue.end) for cue in cues] == [(0, 7000)]


def test_a_short_cue_is_extended_into_silence_but_never_over_the_next() -> None:
    cues = subs.build_cues([Segment(1.0, 1.2, "Yes."), Segment(5.0, 6.0, "No, not at all.")])
    assert [(cue.start, cue.end) for cue in cues] == [(1000, 1800), (5000, 6000)]
    # With too little room after it, a short cue also starts earlier, never before the cue before.
    cues = subs.build_cues([Segment(1.0, 1.2, "Yes."), Segment(1.5, 3.0, "No, not at all.")])
    assert [(cue.start, cue.end) for cue in cues] == [(700, 1500), (1500, 3000)]
    cues = subs.build_cues([Segment(0.0, 1.0, "First."), Segment(3.0, 3.2, "Yes."), Segment(3.2, 5.0, "No.")])
    assert [(cue.start, cue.end) for cue in cues] == [(0, 1000), (2400, 3200), (3200, 5000)]
    # With no room at all it stays short, and QA says so.
    cues = subs.build_cues([Segment(0.0, 0.2, "A."), Segment(0.3, 2.0, "Be quick.")])
    assert [(cue.start, cue.end) for cue in cues] == [(0, 300), (300, 2000)]
    assert [(issue.cue_index, issue.kind) for issue in subs.qa(cues)] == [(1, "too_short")]


def test_overlapping_and_out_of_order_segments_never_overlap_or_run_backwards() -> None:
    segments = [
        Segment(5.0, 8.0, "Second."),
        Segment(0.0, 5.2, "First, overlapping the second."),
        Segment(5.0, 5.5, "Same start as the second."),
        Segment(7.0, 6.0, "Ends before it starts."),
    ]
    cues = subs.build_cues(segments)
    assert_well_formed(cues)
    assert (
        cues[0].text == "First, overlapping the second." and cues[0].end == 5000
    )  # ends where the next begins
    assert sorted(cue.text for cue in cues) == sorted(seg.text for seg in segments)


@pytest.mark.parametrize("seed", range(30))
def test_random_segments_always_give_well_formed_cues(seed: int) -> None:
    rng = random.Random(seed)
    vocabulary = ["Hello,", "world.", "a", "subtitle", "of", "some", "length", "--", "안녕", "하세요."]
    segments = []
    for _ in range(rng.randint(1, 15)):
        start = rng.uniform(-0.5, 60)
        words = [rng.choice(vocabulary) for _ in range(rng.randint(0, 25))]
        if words and rng.random() < 0.6:
            seg = timed_segment(words, rng, start=max(start, 0))
        else:
            seg = Segment(start, start + rng.uniform(-1, 12), " ".join(words))
        segments.append(seg)
    cues = subs.build_cues(segments)
    assert_well_formed(cues)
    assert all(cue.duration <= 7000 for cue in cues)
    assert sorted(words_of(cues)) == sorted(word for seg in segments for word in seg.text.split())
    assert srt.compose(srt.parse(subs.to_srt(cues))) == subs.to_srt(cues)


def test_segments_without_words_split_by_characters() -> None:
    text = (
        "Without word timestamps, a long segment is shared out by characters, which is close enough to read."
    )
    cues = subs.build_cues([Segment(10.0, 16.0, text)])
    assert [cue.text.replace("\n", " ") for cue in cues] == [
        "Without word timestamps, a long segment is shared out by characters,",
        "which is close enough to read.",
    ]
    assert cues[0].start == 10_000 and cues[-1].end == 16_000
    # The split is where the characters are: 69 of 100 characters, about 69 % of the time.
    assert 13_900 <= cues[0].end <= 14_200
    assert cues[0].end <= cues[1].start


def test_words_without_punctuation_time_the_segment_text() -> None:
    # OpenAI's verbose_json words carry no punctuation and no spaces.
    words = tuple(Word(k * 0.5, k * 0.5 + 0.4, w) for k, w in enumerate(["Ask", "not", "what", "you", "can"]))
    cues = subs.build_cues([Segment(0.0, 9.0, " Ask not — what you can?", words)])
    assert [(cue.start, cue.end, cue.text) for cue in cues] == [(0, 2400, "Ask not — what you can?")]


def test_words_that_do_not_spell_the_text_are_ignored() -> None:
    words = (Word(0.0, 0.5, " Goodbye"),)
    cues = subs.build_cues([Segment(1.0, 3.0, " Hello there.", words)])
    assert [(cue.start, cue.end, cue.text) for cue in cues] == [(1000, 3000, "Hello there.")]


def test_empty_text_is_dropped() -> None:
    segments = [Segment(0.0, 1.0, ""), Segment(1.0, 2.0, "  \n "), Segment(2.0, 3.0, " Hi. ")]
    assert [(cue.index, cue.text) for cue in subs.build_cues(segments)] == [(1, "Hi.")]
    assert subs.build_cues([]) == []


def test_non_finite_times_are_refused_clearly() -> None:
    with pytest.raises(ValueError, match="Segment 1 has a time that is not a finite number"):
        subs.build_cues([Segment(0.0, 1.0, "ok"), Segment(float("nan"), 2.0, "bad")])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"max_line_chars": 0}, "max_line_chars must be a whole number of at least 1"),
        ({"max_lines": 0}, "max_lines must be a whole number of at least 1"),
        ({"max_lines": 1.5}, "max_lines must be a whole number"),
        ({"max_gap": -1}, "max_gap must not be negative"),
        ({"min_duration": float("nan")}, "min_duration must be a finite number"),
        ({"max_duration": 0}, "max_duration must be at least 0.001 s"),
        ({"max_duration": 0.0004, "min_duration": 0}, "max_duration must be at least 0.001 s"),
        ({"min_duration": 8.0}, "min_duration .* is longer than max_duration"),
    ],
)
def test_impossible_rules_are_refused(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        CueRules(**kwargs)


def test_other_rules_shape_the_cues() -> None:
    words = [f"word{k}" for k in range(10)]
    cues = subs.build_cues([Segment(0.0, 5.0, " ".join(words))], CueRules(max_line_chars=10, max_lines=1))
    assert all(len(cue.lines) == 1 and len(cue.lines[0]) <= 10 for cue in cues)
    assert words_of(cues) == words


# -------------------------------------------------------------------------------------------- writers


def test_arrows_are_neutralised_in_both_formats() -> None:
    cues = [Cue(1, 0, 1000, ("a --> b", "--->")), Cue(2, 1000, 2000, ("-->",))]
    srt_text = subs.to_srt(cues)
    vtt_text = subs.to_vtt(cues)
    assert srt_text.count("-->") == 2 and vtt_text.count("-->") == 2  # the timing lines only
    assert [item.content for item in srt.parse(srt_text)] == ["a → b\n-→", "→"]
    assert [text for _, _, text in parse_vtt(vtt_text)] == ["a → b\n-→", "→"]


def test_vtt_escapes_ampersand_and_angle_brackets() -> None:
    cues = [Cue(1, 0, 1000, ("Q&A <b>live</b> & more >",))]
    assert (
        subs.to_vtt(cues)
        == "WEBVTT\n\n00:00.000 --> 00:01.000\nQ&amp;A &lt;b&gt;live&lt;/b&gt; &amp; more &gt;\n\n"
    )
    assert "Q&A <b>live</b> & more >" in subs.to_srt(cues)  # SRT keeps its own light markup as it is


def test_writers_skip_empty_cues_and_tidy_blank_lines() -> None:
    cues = [
        Cue(1, 0, 1000, ()),
        Cue(2, 1000, 2000, (" first ", "", "  ", "second\n\nthird")),
        Cue(3, 2000, 3000, ("  ",)),
        Cue(4, 3000, 4000, ("last\r",)),
    ]
    text = subs.to_srt(cues)
    assert text == (
        "1\n00:00:01,000 --> 00:00:02,000\nfirst\nsecond\nthird\n\n2\n00:00:03,000 --> 00:00:04,000\nlast\n\n"
    )
    assert [item.index for item in srt.parse(text)] == [1, 2]
    assert parse_vtt(subs.to_vtt(cues)) == [(1000, 2000, "first\nsecond\nthird"), (3000, 4000, "last")]


def test_empty_files() -> None:
    assert subs.to_srt([]) == ""
    assert subs.to_vtt([]) == "WEBVTT\n\n"
    assert subs.to_txt([]) == ""


def test_writer_family_is_configured_by_class_attributes() -> None:
    assert (subs.WriteSRT.extension, subs.WriteSRT.decimal_marker, subs.WriteSRT.always_include_hours) == (
        "srt",
        ",",
        True,
    )
    assert (subs.WriteVTT.extension, subs.WriteVTT.decimal_marker, subs.WriteVTT.always_include_hours) == (
        "vtt",
        ".",
        False,
    )

    class WriteVTTWithHours(subs.WriteVTT):
        always_include_hours = True

    cues = [Cue(1, 0, 1500, ("Hi.",))]
    assert WriteVTTWithHours().write(cues) == "WEBVTT\n\n00:00:00.000 --> 00:00:01.500\nHi.\n\n"


def test_the_download_name_comes_from_the_writer_extension() -> None:
    assert subs.WriteSRT.file_name("jfk_inaugural") == "jfk_inaugural.srt"
    assert subs.WriteVTT.file_name("고양이") == "고양이.vtt"

    class WriteSBV(subs.SubtitleWriter):
        extension = "sbv"

    assert WriteSBV.file_name("talk") == "talk.sbv"


def test_to_txt_is_one_segment_a_line() -> None:
    segments = [Segment(0, 1, " Hello,\n world. "), Segment(1, 2, "  "), Segment(2, 3, "안녕하세요.")]
    assert subs.to_txt(segments) == "Hello, world.\n안녕하세요.\n"


# ------------------------------------------------------------------------------------------------- QA


def test_clean_cues_have_no_issues() -> None:
    assert subs.qa(subs.build_cues(ENGLISH)) == []
    # The Korean sample's one long eojeol is the only thing worth a look.
    (issue,) = subs.qa(subs.build_cues(KOREAN))
    assert issue.kind == "long_line" and "한국과학기술원" in subs.build_cues(KOREAN)[issue.cue_index - 1].text


CLEAN = [Cue(1, 0, 2000, ("One.",)), Cue(2, 2000, 4000, ("Two.",)), Cue(3, 4000, 6000, ("Three.",))]


def _with(index: int, **changes: object) -> list[Cue]:
    """CLEAN with one cue changed."""
    cues = list(CLEAN)
    cue = cues[index - 1]
    cues[index - 1] = Cue(
        cue.index,
        changes.get("start", cue.start),  # type: ignore[arg-type]
        changes.get("end", cue.end),  # type: ignore[arg-type]
        changes.get("lines", cue.lines),  # type: ignore[arg-type]
    )
    return cues


@pytest.mark.parametrize(
    ("cues", "expected"),
    [
        (CLEAN, []),
        (_with(2, lines=("one!",)), [(2, "repeated", "subs.qa.repeated")]),
        (_with(2, lines=()), [(2, "empty", "subs.qa.empty")]),
        (_with(3, lines=("   ",)), [(3, "empty", "subs.qa.empty")]),
        # 43 characters in 2 s is also 21.5 a second, over the standard 20
        (_with(1, lines=("x" * 43,)), [(1, "long_line", "subs.qa.long_line"), (1, "fast", "subs.qa.fast")]),
        (_with(1, lines=("가" * 21,)), []),  # 42 columns: fits
        (_with(1, lines=("가" * 22,)), [(1, "long_line", "subs.qa.long_line")]),
        (_with(2, end=2799), [(2, "too_short", "subs.qa.too_short")]),
        (_with(2, end=2800), []),
        (_with(2, end=9001), [(2, "too_long", "subs.qa.too_long"), (3, "overlap", "subs.qa.overlap")]),
        (_with(3, start=3999), [(3, "overlap", "subs.qa.overlap")]),
        (_with(3, start=1000, end=3000), [(3, "overlap", "subs.qa.overlap")]),  # runs backwards
    ],
)
def test_each_qa_rule(cues: list[Cue], expected: list[tuple[int, str, str]]) -> None:
    assert [(issue.cue_index, issue.kind, issue.message_key) for issue in subs.qa(cues)] == expected


def test_too_long_is_only_one_issue_with_a_gap_after_it() -> None:
    cues = [Cue(1, 0, 7001, ("Long.",)), Cue(2, 8000, 9000, ("Next.",))]
    assert [(issue.cue_index, issue.kind) for issue in subs.qa(cues)] == [(1, "too_long")]


def test_a_hallucination_loop_is_flagged_from_the_third_repeat() -> None:
    cues = [Cue(k, k * 1000, k * 1000 + 900, ("Thank you for watching.",)) for k in range(1, 6)]
    cues.append(Cue(6, 6000, 6900, ("Bye.",)))
    issues = subs.qa(cues)
    assert [i.cue_index for i in issues if i.kind == "stock_phrase"] == [1, 2, 3, 4, 5]
    keys = [(issue.cue_index, issue.message_key) for issue in issues if issue.kind == "repeated"]
    assert keys == [
        (2, "subs.qa.repeated"),
        (3, "subs.qa.repeated_loop"),
        (4, "subs.qa.repeated_loop"),
        (5, "subs.qa.repeated_loop"),
    ]


def test_qa_uses_the_rules_given() -> None:
    cues = [Cue(1, 0, 500, ("Short.",))]
    assert [issue.kind for issue in subs.qa(cues)] == ["too_short"]
    assert subs.qa(cues, CueRules(min_duration=0.5)) == []


def test_every_message_key_qa_raises_is_listed() -> None:
    # The UI's strings are checked against QA_MESSAGE_KEYS (test_i18n_pricing), so a key qa raises but the
    # list lacks would reach a user untranslated; one that qa never raises is dead. These cues hit every rule.
    cues = [
        Cue(1, 0, 500, ("Again.",)),  # too short
        Cue(2, 1000, 2000, ("again!",)),  # the same words: repeated
        Cue(3, 2000, 3000, ("AGAIN",)),  # a third time: a loop
        Cue(4, 3000, 4000, ()),  # empty
        Cue(5, 3500, 11_000, ("x" * 43,)),  # starts before 4 ends, on screen 7.5 s, a line too wide
        Cue(6, 12_000, 13_000, ("시청해주셔서 감사합니다",), "ko"),  # invented, over silence, not allowed
        Cue(7, 13_000, 14_000, ("Far too many words to read in one second.",)),  # fast
    ]
    issues = subs.qa(cues, speech=[(0.0, 11.0), (13.0, 14.0)], allowed={"en"})
    assert {issue.message_key for issue in issues} == set(subs.QA_MESSAGE_KEYS)
    assert len(subs.QA_MESSAGE_KEYS) == len(set(subs.QA_MESSAGE_KEYS))
    assert {issue.kind for issue in issues} == set(get_args(subs.IssueKind))


# ---------------------------------------------------------------------------------------------- table


@pytest.mark.parametrize("lang", SAMPLES)
def test_table_round_trip(lang: str) -> None:
    cues = subs.build_cues(SAMPLES[lang])
    rows = subs.cues_to_table(cues)
    assert list(rows[0]) == list(subs.TABLE_COLUMNS)
    assert re.fullmatch(r"\d{2}:\d{2}:\d{2}\.\d{3}", rows[0]["start"])
    assert subs.cues_from_table(rows) == cues


def test_table_edits_come_back_as_cues() -> None:
    rows = [
        {"start": "00:00:01.000", "end": "00:00:02,500", "text": " Edited  line \n\n second "},
        {"start": "0:03.000", "end": "00:00:04.000", "text": None},  # a cleared cell stays, as an empty cue
        {"start": "00:00:05.000", "end": "00:00:06.000", "text": float("nan"), "extra": "ignored"},
    ]
    cues = subs.cues_from_table(rows)
    assert cues == [
        Cue(1, 1000, 2500, ("Edited  line", "second")),
        Cue(2, 3000, 4000, ()),
        Cue(3, 5000, 6000, ()),
    ]
    assert [issue.kind for issue in subs.qa(cues)] == ["empty", "empty"]


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        (
            {"start": "00:00:01.000", "end": "00:00:01.000", "text": "x"},
            "end",
            "Row 2: the end 00:00:01.000 must",
        ),
        ({"start": "00:00:03.000", "end": "00:00:02.000", "text": "x"}, "end", "must be after the start"),
        (
            {"start": "1 second", "end": "00:00:02.000", "text": "x"},
            "start",
            "Row 2, start: '1 second' is not a",
        ),
        ({"start": "00:00:01.000", "end": "00:99:00.000", "text": "x"}, "end", "minutes go from 00 to 59"),
        ({"start": "", "end": "00:00:02.000", "text": "x"}, "start", "Row 2: the start time is empty"),
        ({"start": None, "end": "00:00:02.000", "text": "x"}, "start", "the start time is empty"),
        ({"start": 1.5, "end": "00:00:02.000", "text": "x"}, "start", "is not text"),
        ({"end": "00:00:02.000", "text": "x"}, "start", "Row 2 has no 'start' column"),
    ],
)
def test_malformed_table_rows_are_refused_clearly(row: dict, column: str, message: str) -> None:
    good = {"start": "00:00:00.000", "end": "00:00:00.500", "text": "ok"}
    with pytest.raises(subs.CueTableError, match=message) as caught:
        subs.cues_from_table([good, row])
    assert isinstance(caught.value, ValueError)
    assert (caught.value.row, caught.value.column) == (2, column)
