"""Transcription on today's models: each model's request from the catalogue's facts (checked against the
spec by Prism and, for the multipart arrays Prism does not read, by jsonschema), speakers from the diarize
model in the cues and the table, long media in parts for every model, a text-only model's answer timed on
this computer (on the real JFK recording), and a refused format worded as such."""

from __future__ import annotations

import itertools
import os
import re
from datetime import timedelta
from pathlib import Path

import openai
import pytest
import srt

from lib.audio import align, api_request, local_whisper, subtitles
from lib.audio import transcription as tr
from lib.audio.api_request import KnownSpeaker, SpeakerError
from lib.audio.kept import transcript_from_json, transcript_to_json
from lib.audio.languages import LanguageChoice
from lib.audio.subtitles import Segment, Word
from lib.core.catalogue import family_of
from lib.messages import user_message
from tests.harness.fault_server import FaultServer, Reply
from tests.harness.spec_form import form_fields, spec_errors
from tests.harness.today_api import TodayAPI
from tests.media import JFK, jfk_video

GOLDEN = Path(__file__).parent / "golden" / "subtitles"
UPDATE_GOLDEN = os.environ.get("PLAYGROUND_UPDATE_GOLDEN") == "1"
KO_EN = LanguageChoice(("ko", "en"))
JFK_FULL = (
    "And so, my fellow Americans: ask not what your country can do for you, "
    "ask what you can do for your country."
)


# --- the catalogue's facts, and the request each model gets ---


def test_each_family_knows_the_formats_the_spec_gives_it() -> None:
    assert family_of("gpt-4o-transcribe").formats == ("json",)  # "the only supported format is json"
    assert family_of("gpt-4o-mini-transcribe").formats == ("json",)
    diarize = family_of("gpt-4o-transcribe-diarize")
    assert diarize.diarization and not diarize.prompt and "diarized_json" in diarize.formats
    assert (
        family_of("gpt-transcribe").language_hints and family_of("gpt-transcribe").response_format == "json"
    )
    assert family_of("whisper-1").timestamps and family_of("whisper-1").translation
    assert not family_of("gpt-transcribe").timestamps and not family_of("gpt-transcribe").translation


def test_gpt_transcribe_gets_languages_and_keywords_and_keeps_its_prompt() -> None:
    fields = api_request.request_fields(
        "gpt-transcribe", languages=KO_EN, keywords=("Kennedy", "케네디"), prompt="A speech."
    )
    assert fields == {
        "model": "gpt-transcribe",
        "response_format": "json",
        "languages": ["ko", "en"],
        "keywords": ["Kennedy", "케네디"],
        "prompt": "A speech.",
    }


def test_whisper_1_gets_times_one_language_and_keywords_in_its_prompt() -> None:
    fields = api_request.request_fields(
        "whisper-1", languages=LanguageChoice(("en",)), keywords=("Kennedy",), prompt="A speech."
    )
    assert fields == {
        "model": "whisper-1",
        "response_format": "verbose_json",
        "timestamp_granularities": ["segment", "word"],
        "language": "en",
        "prompt": "A speech. Kennedy",
    }
    assert "language" not in api_request.request_fields("whisper-1", languages=KO_EN)  # several: it detects


def test_the_diarize_model_gets_speakers_and_chunking_but_no_prompt() -> None:
    refs = (("Teacher", "data:audio/wav;base64,AAAA"),)
    fields = api_request.request_fields(
        "gpt-4o-transcribe-diarize", prompt="JFK", keywords=("x",), references=refs
    )
    assert fields == {
        "model": "gpt-4o-transcribe-diarize",
        "response_format": "diarized_json",
        "chunking_strategy": "auto",
        "known_speaker_names": ["Teacher"],
        "known_speaker_references": ["data:audio/wav;base64,AAAA"],
    }
    assert api_request.request_fields("gpt-4o-mini-transcribe")["response_format"] == "json"
    assert api_request.request_fields("my-server-asr") == {
        "model": "my-server-asr",
        "response_format": "json",
    }


def test_known_speakers_are_checked_before_anything_is_sent() -> None:
    ok = api_request.check_speakers([KnownSpeaker(" Teacher ", 0.5, 4.0)], duration=11.0)
    assert ok == (KnownSpeaker("Teacher", 0.5, 4.0),)
    cases = [
        ([KnownSpeaker("A", 0, 1.5)], "wh.speakers.length"),
        ([KnownSpeaker("A", 0, 11.0)], "wh.speakers.length"),
        ([KnownSpeaker("", 0, 3)], "wh.speakers.no_name"),
        ([KnownSpeaker("A", 0, 3), KnownSpeaker("A", 4, 7)], "wh.speakers.twice"),
        ([KnownSpeaker("A", 9, 12)], "wh.speakers.outside"),
        ([KnownSpeaker(str(k), 0, 3) for k in range(5)], "wh.speakers.too_many"),
    ]
    for speakers, key in cases:
        with pytest.raises(SpeakerError) as info:
            api_request.check_speakers(speakers, duration=11.0)
        assert info.value.key == key
    assert "2-10 s" in user_message(SpeakerError("wh.speakers.length", name="A", seconds=1.5), "en").text


def test_the_form_check_catches_what_prism_lets_through() -> None:
    """The jsonschema check of a multipart form fails where it must (else the tests below prove nothing)."""
    boundary = "b0"

    def form(**fields: list[str]) -> bytes:
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
            for name, values in fields.items()
            for value in values
        ]
        return ("".join(parts) + f"--{boundary}--\r\n").encode()

    kind = f"multipart/form-data; boundary={boundary}"
    assert spec_errors(form(model=["gpt-transcribe"], **{"languages[]": ["ko", "en"]}), kind) == []
    assert spec_errors(
        form(model=["gpt-4o-transcribe-diarize"], **{"known_speaker_names[]": list("abcde")}), kind
    )
    assert spec_errors(form(model=["whisper-1"], response_format=["markdown"]), kind)
    assert spec_errors(form(model=["whisper-1"], colour=["blue"]), kind)  # additionalProperties: false


# --- over HTTP: Prism behind the stand-in of today's API ---


@pytest.fixture(scope="module")
def today(prism):
    with TodayAPI(prism.url).running() as api:
        yield api


def _client(url: str) -> openai.OpenAI:
    return openai.OpenAI(api_key="sk-test", base_url=url, max_retries=0)


def _sent(api: TodayAPI, since: int) -> list:
    return [r for r in api.requests[since:] if r.path == "/v1/audio/transcriptions"]


def _assert_spec(prism, mark: int, sent: list) -> None:
    verdicts = prism.verdicts(since=mark)
    assert verdicts and all("✔" in v for v in verdicts), verdicts
    for request in sent:
        assert spec_errors(request.body, request.headers["content-type"]) == []


@pytest.mark.prism
def test_gpt_transcribe_sends_languages_and_keywords_and_passes_the_spec(prism, today) -> None:
    mark, since = prism.mark(), len(today.requests)
    options = tr.Options(languages=KO_EN, keywords=("Kennedy", "Americans"), prompt="An inaugural address.")
    transcript = tr.transcribe_api(_client(today.url), JFK, options, model="gpt-transcribe")
    sent = _sent(today, since)
    _assert_spec(prism, mark, sent)
    fields = form_fields(sent[0].body, sent[0].headers["content-type"])
    assert fields["model"] == ["gpt-transcribe"] and fields["response_format"] == ["json"]
    assert fields["languages[]"] == ["ko", "en"] and fields["keywords[]"] == ["Kennedy", "Americans"]
    assert "language" not in fields and "timestamp_granularities[]" not in fields
    assert transcript.engine == "api:gpt-transcribe" and not transcript.has_timestamps
    assert "ask not what your country can do for you" in transcript.text


@pytest.mark.prism
def test_whisper_1_still_gives_times_and_passes_the_spec(prism, today) -> None:
    mark, since = prism.mark(), len(today.requests)
    options = tr.Options(languages=LanguageChoice(("en",)), keywords=("Kennedy",))
    tr.transcribe_api(_client(today.url), JFK, options, model="whisper-1")
    sent = _sent(today, since)
    _assert_spec(prism, mark, sent)
    fields = form_fields(sent[0].body, sent[0].headers["content-type"])
    assert fields["response_format"] == ["verbose_json"] and fields["language"] == ["en"]
    assert fields["timestamp_granularities[]"] == ["segment", "word"] and fields["prompt"] == ["Kennedy"]


@pytest.mark.prism
def test_the_diarize_model_names_known_speakers_in_cues_and_table(prism, today) -> None:
    mark, since = prism.mark(), len(today.requests)
    speakers = (KnownSpeaker("Teacher", 0.2, 3.4), KnownSpeaker("Student", 4.0, 7.0))
    options = tr.Options(prompt="ignored by this model", speakers=speakers)
    transcript = tr.transcribe_api(_client(today.url), JFK, options, model="gpt-4o-transcribe-diarize")
    sent = _sent(today, since)
    _assert_spec(prism, mark, sent)
    fields = form_fields(sent[0].body, sent[0].headers["content-type"])
    assert fields["response_format"] == ["diarized_json"] and fields["chunking_strategy"] == ["auto"]
    assert fields["known_speaker_names[]"] == ["Teacher", "Student"] and "prompt" not in fields
    clips = fields["known_speaker_references[]"]
    assert all(c.startswith("data:audio/wav;base64,") for c in clips) and len(clips[0]) > 100_000  # 3.2 s
    assert transcript.has_timestamps and transcript.speakers == ("Teacher", "Student")
    cues = subtitles.build_cues(transcript.segments)
    assert [line.split("]")[0] for line in subtitles.to_srt(cues).splitlines() if line.startswith("[")] == [
        "[Teacher",
        "[Student",
        "[Teacher",
    ]
    table = subtitles.cues_to_table(cues)
    assert [row["speaker"] for row in table] == ["Teacher", "Student", "Teacher"]
    assert subtitles.cues_from_table(table) == cues  # edited and read back, speakers kept


@pytest.mark.prism
@pytest.mark.parametrize("model", ["gpt-transcribe", "gpt-4o-transcribe-diarize", "whisper-1"])
def test_long_media_goes_in_parts_under_the_limit_for_every_model(
    prism, today, tmp_path: Path, model
) -> None:
    """Stock Prism refuses bodies over 10 MB: a 100 kB part limit makes the 11 s video several parts."""
    video = jfk_video(tmp_path / "lecture.mp4")
    limit = 100_000
    mark, since = prism.mark(), len(today.requests)
    transcript = tr.transcribe_api(
        _client(today.url), video, tr.Options(), model=model, part_limit_bytes=limit
    )
    sent = _sent(today, since)
    _assert_spec(prism, mark, sent)
    assert transcript.parts == len(sent) >= 3 and all(len(r.body) < limit + 2_000 for r in sent)
    plan = tr.plan_parts(tr.decode(video), max_seconds=(limit - 1024) / (2 * tr.SAMPLE_RATE))
    offsets = [lo / tr.SAMPLE_RATE for lo, _ in plan]
    per_part = len(transcript.segments) // len(plan)  # every part gets the same answer: shifted by its offset
    firsts = [s.start for s in transcript.segments][::per_part]
    assert firsts == pytest.approx(offsets)  # each answer's first segment starts at 0.0 within its part
    assert transcript.has_timestamps == (model != "gpt-transcribe")
    if model == "gpt-4o-transcribe-diarize":  # "A" of one part need not be "A" of the next: said
        assert transcript.notes == ("wh.note.speakers_per_part",)


def test_known_speakers_clips_leave_less_room_for_each_part(tmp_path: Path) -> None:
    wav = tmp_path / "lesson.wav"
    wav.write_bytes(tr.wav_bytes(tr.decode(JFK)))  # 11 s: 352 kB
    plain = tr.plan_api(wav, part_limit_bytes=400_000)
    with_clips = tr.plan_api(wav, part_limit_bytes=400_000, speakers=[KnownSpeaker("Teacher", 0.0, 3.0)])
    assert plain.parts == 1 and with_clips.parts >= 2  # the 3 s clip (128 kB as a data URL) goes with each
    room = 400_000 - len(with_clips.references[0][1])
    assert all(2 * (hi - lo) + 1024 <= room for lo, hi in with_clips.cuts)
    with pytest.raises(tr.InvalidMedia):  # no room left for the sound itself: refused, not sent
        tr.plan_api(wav, part_limit_bytes=150_000, speakers=[KnownSpeaker("Teacher", 0.0, 3.0)])


def test_a_refused_format_is_named_with_the_model_and_the_reason() -> None:
    refusal = Reply(
        400,
        {
            "error": {
                "message": "response_format 'verbose_json' is not compatible with this model",
                "type": "invalid_request_error",
                "param": "response_format",
                "code": "unsupported_value",
            }
        },
    )
    with FaultServer(refusal).running() as server, pytest.raises(openai.BadRequestError) as info:
        tr.transcribe_api(_client(server.url), JFK, tr.Options(), model="whisper-large-v3")
    text = user_message(info.value, "en").text
    assert 'refused the response format "verbose_json" for whisper-large-v3 (400)' in text
    assert "not compatible with this model" in text
    assert "응답 형식 'verbose_json'" in user_message(info.value, "ko").text


# --- timing a text-only answer on this computer (the real JFK recording, built-in base) ---


@pytest.fixture(scope="module")
def local_jfk():
    os.environ.setdefault("PLAYGROUND_MODEL_DIR", "/tmp/playground-test-models")
    model = local_whisper.load("base")
    return tr.transcribe_local(model, JFK, tr.Options(languages=LanguageChoice(("en",))), model_name="base")


def _api_text(text: str) -> tr.Transcript:
    return tr.Transcript((Segment(0.0, 11.0, text),), "api:gpt-transcribe", 11.0, "en", has_timestamps=False)


def _key(text: str) -> str:
    return "".join(align.units(text))


def test_the_api_text_lands_on_the_built_in_engines_word_times(local_jfk) -> None:
    heard = [w for s in local_jfk.segments for w in s.words]
    timed = align.timed(_api_text(JFK_FULL), local_jfk)
    words = [w for s in timed.segments for w in s.words]
    assert " ".join(w.text for w in words) == JFK_FULL  # the API's text, punctuation and all
    assert timed.has_timestamps and timed.timing == "local:base" and len(timed.segments) == 1
    # Walk both in order: each API word that the built-in engine also heard lands within 0.3 s of it.
    matched = 0
    queue = list(heard)
    for word in words:
        k = next((i for i, h in enumerate(queue) if _key(h.text) == _key(word.text)), None)
        if k is None:
            continue
        ref = queue[k]
        queue = queue[k + 1 :]
        assert abs(word.start - ref.start) <= 0.3 and abs(word.end - ref.end) <= 0.3, (word, ref)
        matched += 1
    assert matched >= 0.8 * len(words)
    assert all(a.start <= b.start for a, b in itertools.pairwise(words))


def test_words_heard_differently_or_not_at_all_land_between_their_neighbours(local_jfk) -> None:
    changed = JFK_FULL.replace("my fellow", "my dear fellow").replace("your country can", "your nation can")
    words = [w for s in align.timed(_api_text(changed), local_jfk).segments for w in s.words]
    by_text = {w.text: w for w in words}
    assert by_text["my"].end <= by_text["dear"].start <= by_text["dear"].end <= by_text["fellow"].start + 0.01
    heard = {_key(w.text): w for s in local_jfk.segments for w in s.words}
    country = next(w for s in local_jfk.segments for w in s.words if _key(w.text) == "country")
    assert abs(by_text["nation"].start - country.start) <= 0.3  # took the time of the word heard there
    assert "dear" not in heard  # the built-in engine did not hear it: its time comes from the neighbours


def test_a_long_lesson_with_a_repeated_sentence_keeps_each_repetition_on_its_own_time() -> None:
    """A text longer than the band; a lesson's repeated sentence must not pull a word
    onto another repetition's time."""
    sentence = ["ask", "not", "what", "your", "country", "can", "do", "for", "you"]
    heard = [
        Word(r * 5.0 + k * 0.5, r * 5.0 + k * 0.5 + 0.4, w)
        for r in range(120)
        for k, w in enumerate(sentence)
    ]
    said = [
        ("nation" if (r, k) == (60, 4) else w)
        for r in range(120)
        for k, w in enumerate(sentence)
        if k != 2 or r % 7
    ]
    words = align.align_words(" ".join(said), heard, 0.0, 600.0)
    assert len(words) == len(said) > 4 * align.BAND  # longer than the band: the diagonal is followed
    expected = [h for r in range(120) for k, h in enumerate(heard[r * 9 : r * 9 + 9]) if k != 2 or r % 7]
    assert max(abs(w.start - h.start) for w, h in zip(words, expected, strict=True)) < 0.3


def test_a_shorter_answer_keeps_its_last_word_with_the_words_before_it(local_jfk) -> None:
    """Prism's answer stops at "for you." while JFK goes on ("for you, ask what you can do..."): its "you"
    is the first one heard, not the later one."""
    short = "And so my fellow Americans, ask not what your country can do for you."
    words = [w for s in align.timed(_api_text(short), local_jfk).segments for w in s.words]
    heard = [w for s in local_jfk.segments for w in s.words]
    first_you = next(h for h in heard if _key(h.text) == "you")
    assert abs(words[-1].start - first_you.start) <= 0.3 and words[-1].end - words[0].start < 8.0


def test_timed_text_makes_subtitles_that_parse_back(local_jfk) -> None:
    timed = align.timed(_api_text(JFK_FULL), local_jfk)
    cues = subtitles.build_cues(timed.segments)
    parsed = list(srt.parse(subtitles.to_srt(cues)))
    assert len(parsed) >= 2 and " ".join(p.content.replace("\n", " ") for p in parsed) == JFK_FULL
    assert parsed[0].start < timedelta(seconds=1) and parsed[-1].end > timedelta(seconds=9.5)
    assert all(a.end <= b.start for a, b in itertools.pairwise(parsed))
    kept = transcript_from_json(transcript_to_json(timed))
    assert kept.timing == "local:base" and kept.segments == timed.segments


def test_the_time_it_takes_is_estimated_before_it_runs() -> None:
    assert align.estimate_seconds(60, cores=2) == pytest.approx(18.0)  # 3 s to load + 0.25 x 60 s
    assert align.estimate_seconds(60, real_time_factor=0.1) == pytest.approx(9.0)  # measured here wins
    assert align.estimate_seconds(600, cores=8) < align.estimate_seconds(600, cores=2)


# --- speaker labels in subtitle files ---

SPOKEN = (
    Segment(0.0, 3.6, " And so, my fellow Americans,", speaker="Teacher"),
    Segment(
        3.9,
        13.2,
        " ask not what your country can do for you. Ask what you can do for your country, said the president"
        " in nineteen sixty-one.",
        (),
        "en",
        "Student",
    ),
    Segment(13.6, 15.6, " Very good.", speaker="Teacher"),
)


@pytest.mark.parametrize("ext", ["srt", "vtt"])
def test_speaker_labels_match_the_golden_file(ext: str) -> None:
    cues = subtitles.build_cues(SPOKEN)
    text = subtitles.to_srt(cues) if ext == "srt" else subtitles.to_vtt(cues)
    path = GOLDEN / f"speakers.{ext}"
    if UPDATE_GOLDEN:
        path.write_text(text, encoding="utf-8", newline="\n")
    assert text == path.read_text(encoding="utf-8")


def test_golden_speaker_labels_parse_back_with_srt() -> None:
    cues = subtitles.build_cues(SPOKEN)
    for ext in ("srt", "vtt"):
        text = (GOLDEN / f"speakers.{ext}").read_text(encoding="utf-8")
        if ext == "vtt":  # WebVTT as SubRip: no header, "," before the milliseconds, numbered
            body = text.removeprefix("WEBVTT\n\n")
            body = re.sub(r"(\d\d)\.(\d\d\d)", r"\1,\2", body)
            body = re.sub(r"^(\d\d:\d\d,\d{3}) --> (\d\d:\d\d,\d{3})$", r"00:\1 --> 00:\2", body, flags=re.M)
            body = "".join(f"{k}\n{block}\n\n" for k, block in enumerate(body.strip().split("\n\n"), 1))
            text = body
        parsed = list(srt.parse(text))
        assert [p.start for p in parsed] == [timedelta(milliseconds=c.start) for c in cues]
        labels = [re.match(r"\[(\w+)\] ", p.content) for p in parsed]
        said = [m.group(1) if m else None for m in labels]
        # A label where the speaker changes, not on the same speaker's next cue.
        assert said[0] == "Teacher" and said[1] == "Student" and None in said[2:-1] and said[-1] == "Teacher"
        for item in parsed:
            assert all(
                subtitles.text_width(line) <= 42 for line in item.content.splitlines()
            )  # label included


def test_the_plain_text_names_each_new_speaker_once() -> None:
    text = subtitles.to_txt(SPOKEN)
    assert text.startswith("[Teacher] And so, my fellow Americans,\n[Student] ask not")
    assert text.count("[Teacher]") == 2 and text.count("[Student]") == 1
    assert subtitles.to_txt([Segment(0, 1, "Hi", speaker="x<-->]")]) == "[x] Hi\n"  # never breaks a cue


def test_words_stay_whole_and_are_kept_with_speakers() -> None:
    segment = Segment(0, 2, " Hi there.", (Word(0, 1, " Hi"), Word(1, 2, " there.")), "en", "A")
    transcript = tr.Transcript((segment,), "api:gpt-4o-transcribe-diarize", 2.0)
    assert transcript_from_json(transcript_to_json(transcript)).segments == (segment,)
