"""Languages per stretch of speech and damaged media: the rules with made-up numbers, then the built-in
Whisper on mixed-language clips (JFK + espeak-ng) and on damaged copies of a real MP3."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import srt

from lib.audio import languages as lg
from lib.audio import subtitles
from lib.audio import transcription as tr
from lib.audio.languages import LanguageChoice
from tests.media import (
    JFK,
    JFK_TEXT,
    cut_copy,
    espeak_wav,
    jfk_minute_mp3,
    jfk_video,
    joined,
    overwritten_copy,
)

HANGUL = re.compile("[\uac00-\ud7a3]")
THAI = re.compile("[\u0e00-\u0e7f]")

# --- the choice and the planning, without a model ---


def test_the_choice_keeps_a_korean_clip_out_of_thai() -> None:
    # Whisper base on espeak-ng Korean (seen): th 0.85, ko 0.05, en 0.02.
    probs = [("th", 0.85), ("ko", 0.05), ("en", 0.02), ("km", 0.01)]
    assert lg.AUTO.pick(probs) == ("th", 0.85)
    code, p = LanguageChoice(("ko", "en")).pick(probs)
    assert code == "ko" and p == pytest.approx(0.05 / 0.07)
    assert LanguageChoice(("ko",)).single == "ko" and LanguageChoice(("ko",)).api_language == "ko"
    assert LanguageChoice(("ko", "en")).api_language is None  # the API's one field cannot carry two
    assert LanguageChoice((" KO", "ko", "en")).hints == ("ko", "en")
    assert lg.AUTO.allows("th") and not LanguageChoice(("ko", "en")).allows("th")


def test_short_speech_joins_its_nearer_neighbour_before_detection() -> None:
    # "Guten Morgen." (0.9 s) after English, 0.9 s after it and 0.3 s before the German that follows.
    assert lg.merge_short([(0.2, 10.6), (11.5, 12.4), (12.7, 18.1)]) == [[0.2, 10.6], [11.5, 18.1]]
    assert lg.merge_short([(0.0, 1.0)]) == [[0.0, 1.0]]
    assert lg.merge_short([]) == []


def test_windows_unsure_of_one_language_are_split_until_each_part_is() -> None:
    truth = {(0.0, 4.0): "en", (4.5, 9.0): "en", (9.8, 14.0): "de", (14.3, 19.0): "de"}
    calls: list[tuple[float, float]] = []

    def detect(start: float, end: float) -> list[tuple[str, float]]:
        calls.append((start, end))
        inside = {code for (a, b), code in truth.items() if a >= start and b <= end}
        if len(inside) == 1:
            return [(inside.pop(), 0.95), ("nl", 0.03)]
        return [("en", 0.5), ("de", 0.45)]  # a window with both: not sure of either

    spans = lg.detect_spans(list(truth), detect, duration=20.0, max_window=10.0)
    assert [(s.language, s.start, s.end) for s in spans] == [("en", 0.0, 9.4), ("de", 9.4, 20.0)]
    assert (0.0, 9.0) in calls and (9.8, 19.0) in calls  # two windows of ~10 s, each sure: no splits
    calls.clear()
    spans = lg.detect_spans(list(truth), detect, duration=20.0, max_window=30.0)
    assert [s.language for s in spans] == ["en", "de"] and len(calls) == 3  # one unsure window, split once


def test_every_moment_is_in_exactly_one_span_and_no_speech_gives_none() -> None:
    spans = lg.detect_spans(
        [(1.0, 3.0), (6.0, 9.0)], lambda a, b: [("en" if a < 5 else "es", 0.9)], duration=12, max_window=5
    )
    assert spans[0].start == 0 and spans[-1].end == 12 and spans[0].end == spans[1].start == 4.5
    assert lg.detect_spans([], lambda a, b: [], duration=5.0) == []


def test_summary_reads_as_a_timeline() -> None:
    segs = [
        subtitles.Segment(0.0, 5.0, "One", language="en"),
        subtitles.Segment(5.2, 28.9, "Two", language="en"),
        subtitles.Segment(29.0, 59.0, "Drei", language="de"),
    ]
    assert lg.summary(segs) == "en 0:00-0:29, de 0:29-0:59"


def test_cues_carry_their_segment_language_into_the_table_and_back() -> None:
    cues = subtitles.build_cues(
        [subtitles.Segment(0, 2, "Hello.", language="en"), subtitles.Segment(2.5, 4, "Hallo.", language="de")]
    )
    assert [c.language for c in cues] == ["en", "de"]
    rows = subtitles.cues_to_table(cues)
    assert [r["language"] for r in rows] == ["en", "de"]
    assert subtitles.cues_from_table(rows) == cues


# --- health of a file, in numbers ---


def test_a_shortfall_within_codec_padding_is_not_damage() -> None:
    assert not tr.MediaHealth(11.0, 10.6).partial  # under 0.5 s
    assert not tr.MediaHealth(3600.0, 3570.0).partial  # under 1 % of an hour
    assert tr.MediaHealth(60.0, 9.9).partial and tr.MediaHealth(60.0, 9.9).lengths() == ("1:00", "0:09")
    assert tr.MediaHealth(60.0, 60.0, errors=1).partial  # a broken packet is damage even with no shortfall
    assert not tr.MediaHealth(0.0, 12.0).partial  # a stream that declares no length: nothing to compare


def test_progress_names_the_minute_and_estimates_the_time_left() -> None:
    steps: list[tr.Step] = []
    report = tr._Reporter(steps.append, 720.0, {"transcribing": (0.15, 1.0)})
    report("transcribing", 0.0)
    report("transcribing", 150.0)
    assert steps[0].left is None and steps[0].fraction == pytest.approx(0.15)
    assert steps[1].minute == (3, 12) and steps[1].left is not None and steps[1].left >= 0
    assert steps[1].fraction == pytest.approx(0.15 + 0.85 * 150 / 720)


# --- the built-in Whisper on real speech ---


@pytest.fixture(scope="module")
def base_model():
    import os

    from lib.audio import local_whisper

    os.environ.setdefault("PLAYGROUND_MODEL_DIR", "/tmp/playground-test-models")
    return local_whisper.load("base")


@pytest.fixture(scope="module")
def english_then_german(speech_media: Path) -> Path:
    path = speech_media / "jfk-then-german.flac"
    if not path.exists():
        joined(path, JFK, espeak_wav(speech_media / "de.wav", "de"))
    return path


def test_mixed_speech_keeps_both_languages_with_their_own_tags(base_model, english_then_german) -> None:
    steps: list[tr.Step] = []
    transcript = tr.transcribe_local(
        base_model, english_then_german, tr.Options(), model_name="base", progress=steps.append
    )
    by_language = {
        code: " ".join(s.text for s in transcript.segments if s.language == code) for code in ("en", "de")
    }
    assert JFK_TEXT in by_language["en"].lower()
    assert "interessant" in by_language["de"].lower() and "maschine" in by_language["de"].lower()
    assert transcript.languages == ("en", "de")
    assert re.fullmatch(r"en 0:00-0:1[01], de 0:1[01]-0:(19|20)", transcript.language_summary)
    assert not transcript.partial
    cues = subtitles.build_cues(transcript.segments)
    assert {c.language for c in cues} == {"en", "de"}
    assert [s.stage for s in steps][:1] == ["decoding"] and "detecting" in {s.stage for s in steps}
    fractions = [s.fraction for s in steps]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0


def test_without_per_segment_detection_the_german_half_is_not_german(base_model, english_then_german) -> None:
    # What the page did before: one language for the whole file; why detection per part is the default.
    once = tr.transcribe_local(
        base_model, english_then_german, tr.Options(per_segment_language=False), model_name="base"
    )
    assert once.languages == ("en",)


def test_korean_and_english_pinned_keep_korean_out_of_thai(base_model, speech_media: Path) -> None:
    clip = joined(speech_media / "jfk-then-korean.flac", JFK, espeak_wav(speech_media / "ko.wav", "ko"))
    transcript = tr.transcribe_local(
        base_model, clip, tr.Options(languages=LanguageChoice(("ko", "en"))), model_name="base"
    )
    assert transcript.languages == ("en", "ko")
    korean = " ".join(s.text for s in transcript.segments if s.language == "ko")
    assert HANGUL.search(korean) and not THAI.search(transcript.text)
    assert JFK_TEXT in " ".join(s.text for s in transcript.segments if s.language == "en").lower()


def test_one_pinned_language_is_used_without_detection(base_model) -> None:
    steps: list[tr.Step] = []
    transcript = tr.transcribe_local(
        base_model,
        JFK,
        tr.Options(languages=LanguageChoice(("en",))),
        model_name="base",
        progress=steps.append,
    )
    assert transcript.languages == ("en",) and "detecting" not in {s.stage for s in steps}


# --- damaged and partial media ---


@pytest.fixture(scope="module")
def minute_mp3(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return jfk_minute_mp3(tmp_path_factory.mktemp("mp3") / "lecture.mp3")


def test_clean_files_are_whole(minute_mp3: Path, tmp_path: Path) -> None:
    for path in (minute_mp3, JFK, jfk_video(tmp_path / "talk.mp4")):
        decoded = tr.decode_checked(path)
        assert not decoded.health.partial, (path.name, decoded.health)
    assert tr.decode_checked(minute_mp3).health.declared == pytest.approx(60.0, abs=0.1)


def test_a_file_cut_short_says_both_lengths(minute_mp3: Path, tmp_path: Path, base_model) -> None:
    cut = cut_copy(minute_mp3, tmp_path / "cut.mp3", 40_000)  # the first 40 KB of 240 KB
    health = tr.decode_checked(cut).health
    assert health.partial and health.lengths()[0] == "1:00" and 9 <= health.readable <= 11
    transcript = tr.transcribe_local(base_model, cut, tr.Options(), model_name="base")
    assert transcript.partial and transcript.health == health
    notice = "[Partial transcript: the file says 1:00, only 0:09 could be read]"
    files = tr.exports(transcript, subtitles.build_cues(transcript.segments), notice=notice)
    parsed = list(srt.parse(files.srt))
    assert parsed[-1].content == notice and parsed[-1].start.total_seconds() >= parsed[-2].end.total_seconds()
    assert parsed[-1].start.total_seconds() == pytest.approx(health.readable, abs=0.6)
    assert f"NOTE {notice}" in files.vtt and files.vtt.startswith("WEBVTT\n\nNOTE ")
    assert files.vtt.rstrip().endswith(notice)
    assert files.txt.startswith(notice + "\n\n") and "ask not" in files.txt.lower()


def test_random_bytes_in_a_file_are_counted_and_reported(minute_mp3: Path, tmp_path: Path) -> None:
    broken = overwritten_copy(minute_mp3, tmp_path / "broken.mp3", 12_000)
    health = tr.decode_checked(broken).health
    assert health.partial and health.errors > 0 and health.readable < 5 and health.declared > 59


def test_damage_in_the_middle_is_skipped_and_decoding_goes_on(minute_mp3: Path, tmp_path: Path) -> None:
    # faster-whisper's decoder stops at the first broken packet (about 30 s of 60 here, no warning).
    middle = overwritten_copy(minute_mp3, tmp_path / "middle.mp3", 120_000, length=20_000)
    decoded = tr.decode_checked(middle)
    assert decoded.health.partial and decoded.health.errors > 0
    assert decoded.health.readable > 50 and decoded.duration >= decoded.health.readable
    from faster_whisper.audio import decode_audio

    assert len(decode_audio(str(middle))) / tr.SAMPLE_RATE < 35


def test_an_unreadable_file_is_still_refused(minute_mp3: Path, tmp_path: Path) -> None:
    with pytest.raises(tr.InvalidMedia):
        tr.decode_checked(cut_copy(minute_mp3, tmp_path / "stub.mp3", 300))


# --- silence: cut by the VAD, shown on the timeline, never under a cue ---


def test_a_long_silence_is_cut_shown_on_the_timeline_and_has_no_cue(base_model, speech_media: Path) -> None:
    import io

    from PIL import Image

    from lib.audio import timeline

    english = espeak_wav(speech_media / "en.wav", "en")
    clip = joined(speech_media / "jfk-quiet-english.flac", JFK, english, pause=8.0)  # silence 11.0-19.0 s
    transcript = tr.transcribe_local(base_model, clip, tr.Options(), model_name="base")
    assert transcript.speech is not None  # the VAD is on by default
    quiet = timeline.silences(transcript.speech, transcript.duration)
    assert any(a <= 12.0 and b >= 18.0 for a, b in quiet), quiet
    cues = subtitles.build_cues(transcript.segments)
    assert cues and not [c for c in cues if c.start < 18_000 and c.end > 12_000]
    assert "machine" in transcript.text.lower() and JFK_TEXT in transcript.text.lower()
    assert not [i for i in subtitles.qa(cues, speech=transcript.speech) if i.kind == "silence"]
    width = 600
    image = Image.open(
        io.BytesIO(timeline.timeline_png(transcript.duration, transcript.speech, cues, width=width))
    )
    y = sum(timeline.SPEECH_ROW) // 2
    assert image.getpixel((timeline.x_of(15.0, transcript.duration, width), y)) == timeline.SILENCE_RGB
    assert image.getpixel((timeline.x_of(5.0, transcript.duration, width), y)) == timeline.SPEECH_RGB
    cue_y = sum(timeline.CUE_ROW) // 2
    assert image.getpixel((timeline.x_of(15.0, transcript.duration, width), cue_y)) != timeline.CUE_RGB
