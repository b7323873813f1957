"""Korean cue rules (Netflix's Korean timed-text guide), the reading-speed check, and the subtitle checks that
catch invented text: golden files parsed back with ``srt``, each check on its own, and one-click fixes."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
import srt

from lib.audio import hallucinations
from lib.audio import subtitles as subs
from lib.audio.subtitles import KOREAN_RULES, Cue, Fix
from tests.test_subtitles import GOLDEN, KOREAN, UPDATE_GOLDEN, parse_vtt, segment, words_of

# The Korean sample, plus a line with "..." and Latin letters, which the guide counts as half a character.
KOREAN_CLASS = [
    *KOREAN,
    segment(
        (20.0, 20.4, " 그러니까..."),
        (20.4, 20.9, " AI가"),
        (20.9, 21.4, " 말을"),
        (21.4, 22.0, " 알아듣는"),
        (22.0, 22.6, " 거예요."),
    ),
]


def korean_cues() -> list[Cue]:
    return subs.build_cues(KOREAN_CLASS, KOREAN_RULES)


@pytest.mark.parametrize("ext", ["srt", "vtt"])
def test_korean_preset_output_equals_the_golden_file(ext: str) -> None:
    cues = korean_cues()
    text = subs.to_srt(cues) if ext == "srt" else subs.to_vtt(cues)
    path = GOLDEN / f"ko-netflix.{ext}"
    if UPDATE_GOLDEN:
        path.write_text(text, encoding="utf-8", newline="\n")
    assert text == path.read_text(encoding="utf-8")


def test_korean_golden_files_parse_back_and_follow_the_guide() -> None:
    cues = korean_cues()
    parsed = list(srt.parse((GOLDEN / "ko-netflix.srt").read_text(encoding="utf-8")))
    assert [(p.start, p.end, p.content) for p in parsed] == [
        (timedelta(milliseconds=c.start), timedelta(milliseconds=c.end), c.text) for c in cues
    ]
    vtt = parse_vtt((GOLDEN / "ko-netflix.vtt").read_text(encoding="utf-8"))
    assert vtt == [(c.start, c.end, c.text) for c in cues]
    for item in parsed:
        lines = item.content.split("\n")
        assert len(lines) <= 2
        # 16 characters a line, Latin letters, spaces and punctuation counting half; the 24-syllable word
        # (48 columns) is the one exception: a word is never cut, so it keeps a line of its own.
        assert all(subs.reading_chars(line, "korean") <= 16 or " " not in line for line in lines)
        assert "..." not in item.content
    assert any("그러니까…" in p.content for p in parsed)  # U+2026
    for before, after in itertools.pairwise(parsed):
        assert before.end <= after.start
    # Wrapped between words, never inside one: every word of the sample is still whole, in order.
    said = [w.replace("...", "…") for s in KOREAN_CLASS for w in s.text.split()]
    assert said == words_of(cues)


def test_korean_lines_are_narrower_than_the_standard_ones() -> None:
    standard = subs.build_cues(KOREAN_CLASS)
    korean = korean_cues()
    assert max(subs.text_width(line) for c in korean for line in c.lines if " " in line) <= 32
    assert max(subs.text_width(line) for c in standard for line in c.lines) > 32
    assert len(korean) >= len(standard)


# --- reading speed ---


def test_reading_speed_is_counted_as_each_guide_counts() -> None:
    assert subs.reading_chars("안녕하세요", "korean") == 5
    assert subs.reading_chars("AI가 좋아요.", "korean") == pytest.approx(1 + 1 + 0.5 + 3 + 0.5)
    cue = Cue(1, 0, 1000, ("안녕하세요, 여러분.",))  # 9.5 Korean characters, 11 code points
    assert subs.cps(cue, KOREAN_RULES) == pytest.approx(9.5)
    assert subs.cps(cue) == pytest.approx(11.0)


def test_a_cue_read_too_fast_is_flagged_and_one_click_lengthens_it_into_the_gap() -> None:
    text = "오늘은 인공지능이 말을 알아듣는 방법을 배워 보겠습니다."  # 24 syllables + 7 halves = 27.5
    cues = [Cue(1, 0, 1500, (text,)), Cue(2, 4000, 5000, ("네.",)), Cue(3, 5000, 6000, (text,))]
    issues = [i for i in subs.qa(cues, KOREAN_RULES) if i.kind == "fast"]
    assert [(i.cue_index, i.detail) for i in issues] == [(1, "18.3"), (3, "27.5")]
    standard = [i.detail for i in subs.qa(cues) if i.kind == "fast" and i.cue_index == 1]
    assert standard == ["20.7"]  # 31 code points in 1.5 s against 20 a second
    fixed = subs.apply_fixes(cues, [subs.fix_for(issues[0], cues)], KOREAN_RULES)
    assert fixed[0].end == 2292 and subs.cps(fixed[0], KOREAN_RULES) <= 12.0  # 27.5 / 12 s
    # A cue followed at once by the next cannot grow past it.
    blocked = subs.lengthen_cue([cues[0], Cue(2, 1500, 2000, ("네.",))], 1, KOREAN_RULES)
    assert blocked[0].end == 1500


# --- the checks for invented text ---


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("시청해주셔서 감사합니다.", "ko"),
        ("시청해 주셔서 감사합니다!", "ko"),
        ("MBC 뉴스 이덕영입니다.", "ko"),
        ("Thank you for watching!", "en"),
        ("Thanks for watching.", "en"),
        ("Subtitles by the Amara.org community", "en"),
        ("ご視聴ありがとうございました", "ja"),
    ],
)
def test_known_stock_phrases_are_flagged_with_where_they_were_reported(text: str, language: str) -> None:
    phrase = hallucinations.stock_phrase(text)
    assert phrase is not None and phrase.language == language and phrase.reported
    issues = subs.qa([Cue(1, 0, 2000, (text,))])
    assert [(i.kind, i.detail) for i in issues] == [("stock_phrase", phrase.reported)]


@pytest.mark.parametrize(
    "text",
    [
        "Thank you for watching the whole lesson so carefully, class.",
        "MBC 뉴스를 보면 알 수 있습니다.",
        "감사합니다.",
    ],
)
def test_real_sentences_with_those_words_are_not_flagged(text: str) -> None:
    assert hallucinations.stock_phrase(text) is None


def test_every_stock_phrase_says_where_it_was_reported() -> None:
    assert {p.language for p in hallucinations.STOCK_PHRASES} >= {"ko", "en"}
    assert all(p.reported.strip() for p in hallucinations.STOCK_PHRASES)


def test_a_cue_over_silence_is_flagged() -> None:
    cues = [Cue(1, 0, 2000, ("Ask not.",)), Cue(2, 5000, 7000, ("Ask what.",))]
    speech = [(0.0, 2.2)]  # nobody speaks after 2.2 s
    assert [(i.cue_index, i.kind) for i in subs.qa(cues, speech=speech)] == [(2, "silence")]
    assert subs.qa(cues) == []  # without VAD regions nothing is known about silence
    assert subs.speech_share(cues[0], speech) == 1.0


def test_text_in_a_language_the_user_did_not_allow_is_flagged() -> None:
    cues = [
        Cue(1, 0, 2000, ("안녕하세요.",), "ko"),
        Cue(2, 3000, 5000, ("Hello.",), "en"),
        Cue(3, 6000, 8000, ("อันย่อนหาเสียง",), "ko"),  # tagged Korean, written in Thai script
        Cue(4, 9000, 11000, ("Guten Tag.",), "de"),
    ]
    issues = [(i.cue_index, i.detail) for i in subs.qa(cues, allowed={"ko", "en"}) if i.kind == "language"]
    assert issues == [(3, "th"), (4, "de")]
    assert not [i for i in subs.qa(cues) if i.kind == "language"]  # nothing pinned: any language


def test_each_flag_is_one_click_to_delete() -> None:
    cues = [
        Cue(1, 0, 2000, ("Ask not.",), "en"),
        Cue(2, 3000, 5000, ("Thank you for watching!",), "en"),
        Cue(3, 6000, 8000, ("Ask what.",), "en"),
    ]
    issue = next(i for i in subs.qa(cues) if i.kind == "stock_phrase")
    fix = subs.fix_for(issue, cues)
    assert fix == Fix("delete", 3000, "Thank you for watching!")
    left = subs.apply_fixes(cues, [fix])
    assert [c.text for c in left] == ["Ask not.", "Ask what."] and [c.index for c in left] == [1, 2]
    assert subs.apply_fixes(left, [fix]) == left  # a fix whose cue is gone changes nothing
