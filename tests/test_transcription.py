"""Transcription: media checks, the built-in Whisper on the real JFK recording, the API over HTTP, parts."""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import numpy as np
import openai
import pytest
import srt

from lib.audio import local_whisper, subtitles
from lib.audio import transcription as tr
from lib.audio.languages import LanguageChoice
from tests.media import JFK, JFK_TEXT, jfk_video, silence_wav

# --- media checks ---


def test_probe_reads_audio_and_video(tmp_path: Path) -> None:
    info = tr.probe_media(JFK)
    assert 10.9 < info.duration < 11.1 and not info.has_video
    video = tr.probe_media(jfk_video(tmp_path / "talk.mp4"))
    assert video.has_video and 10.5 < video.duration < 11.5


@pytest.mark.parametrize(
    ("content", "name", "key"),
    [
        (b"", "empty.mp3", "wh.err.empty"),
        (b"These are my lecture notes, not a recording.\n" * 50, "notes.mp3", "wh.err.not_media"),
    ],
)
def test_probe_rejects_what_is_not_sound(tmp_path: Path, content: bytes, name: str, key: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(tr.InvalidMedia) as info:
        tr.probe_media(path)
    assert info.value.key == key


def test_an_image_has_no_sound_track(tmp_path: Path) -> None:
    from PIL import Image

    path = tmp_path / "photo.png"
    Image.new("RGB", (8, 8)).save(path)
    with pytest.raises(tr.InvalidMedia) as info:
        tr.probe_media(path)
    assert info.value.key in {"wh.err.no_audio", "wh.err.not_media"}


# --- the built-in engine on the real recording ---


@pytest.fixture(scope="session")
def base_model():
    os.environ.setdefault("PLAYGROUND_MODEL_DIR", "/tmp/playground-test-models")
    return local_whisper.load("base")


def test_model_folders_are_assembled_once_and_verified(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLAYGROUND_MODEL_DIR", str(tmp_path))
    folder = local_whisper.model_folder("tiny.en")
    assert (folder / "model.bin").stat().st_size > 70_000_000
    marker = (folder / ".verified.json").stat().st_mtime_ns
    assert local_whisper.model_folder("tiny.en") == folder
    assert (folder / ".verified.json").stat().st_mtime_ns == marker  # not hashed again
    (folder / "model.bin").write_bytes(b"corrupted")
    local_whisper.model_folder("tiny.en")  # a changed file is rebuilt from the package
    assert (folder / "model.bin").stat().st_size > 70_000_000


def test_base_model_is_joined_from_two_packages_and_matches_its_sha256() -> None:
    folder = local_whisper.model_folder("base")
    assert {p.name for p in folder.iterdir()} >= {
        "model.bin",
        "config.json",
        "tokenizer.json",
        "vocabulary.json",
    }
    assert (folder / "model.bin").stat().st_size == 145_217_607
    assert local_whisper.available_models() == {"base": None, "tiny.en": None}


def test_local_whisper_transcribes_jfk_and_the_srt_covers_the_speech(base_model) -> None:
    seen: list[float] = []
    transcript = tr.transcribe_local(
        base_model, JFK, tr.Options(), model_name="base", progress=lambda step: seen.append(step.fraction)
    )
    assert JFK_TEXT in transcript.text.lower()
    assert transcript.language == "en" and transcript.language_probability > 0.5
    assert seen == sorted(seen) and seen[-1] == 1.0
    assert all(s.words for s in transcript.segments)  # word timestamps on by default
    cues = subtitles.build_cues(transcript.segments)
    parsed = list(srt.parse(subtitles.to_srt(cues)))
    assert len(parsed) >= 2
    assert parsed[0].start.total_seconds() < 1.0 and parsed[-1].end.total_seconds() > 9.5
    assert all(a.end <= b.start for a, b in itertools.pairwise(parsed))
    assert not subtitles.qa(cues)


def test_local_whisper_translates_and_reports_no_speech_in_silence(base_model, tmp_path: Path) -> None:
    quiet = tr.transcribe_local(
        base_model, silence_wav(tmp_path / "quiet.wav"), tr.Options(), model_name="base"
    )
    assert quiet.is_empty and quiet.segments == ()


def test_local_whisper_on_video(base_model, tmp_path: Path) -> None:
    transcript = tr.transcribe_local(
        base_model, jfk_video(tmp_path / "talk.mp4"), tr.Options(), model_name="base"
    )
    assert JFK_TEXT in transcript.text.lower()


# --- chunk planning ---


def test_a_60_mb_input_gives_parts_under_25_mb_whose_offsets_add_up() -> None:
    rate = tr.SAMPLE_RATE
    seconds = 60 * 1024 * 1024 / (2 * rate)  # 60 MB of 16-bit mono WAV
    rng = np.random.default_rng(0)
    samples = (rng.standard_normal(int(seconds * rate)) * 0.3).astype(np.float32)
    quiet_spots = [770.0, 1540.0]  # a pause in the last 30 s before each part's limit of ~786 s
    for at in quiet_spots:
        samples[int(at * rate) : int((at + 0.5) * rate)] = 0.0
    max_seconds = (tr.PART_LIMIT_BYTES - 1024) / (2 * rate)
    plan = tr.plan_parts(samples, max_seconds=max_seconds)
    assert plan[0][0] == 0 and plan[-1][1] == len(samples)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(plan))
    sizes = [2 * (hi - lo) + 44 for lo, hi in plan]
    assert len(plan) == 3 and all(size < tr.API_LIMIT_BYTES for size in sizes)
    for (_, cut), spot in zip(plan[:-1], quiet_spots, strict=True):
        assert spot * rate <= cut <= (spot + 0.5) * rate  # cut inside the pause, not mid-sound


def test_wav_parts_are_real_wav() -> None:
    data = tr.wav_bytes(np.zeros(16_000, np.float32))
    assert data[:4] == b"RIFF" and len(data) == 32_044


# --- the API over HTTP against the spec mock ---


def _client(url: str, verbose: bool = True) -> openai.OpenAI:
    headers = {"Prefer": "example=verbose"} if verbose else {}
    return openai.OpenAI(api_key="sk-test", base_url=url, max_retries=0, default_headers=headers)


@pytest.mark.prism
def test_whisper_1_multipart_upload_passes_the_spec_and_gives_timestamps(prism) -> None:
    mark = prism.mark()
    transcript = tr.transcribe_api(
        _client(prism.url), JFK, tr.Options(languages=LanguageChoice(("en",)), prompt="JFK")
    )
    verdicts = prism.verdicts(since=mark)
    assert verdicts and all("✔" in v for v in verdicts), verdicts
    assert transcript.has_timestamps and transcript.engine == "api:whisper-1" and transcript.parts == 1
    assert [s.start for s in transcript.segments] == [0.0, 4.2]
    assert transcript.segments[0].words  # verbose_json words are attached to their segment


@pytest.mark.prism
def test_gpt_4o_transcribe_is_text_only(prism) -> None:
    transcript = tr.transcribe_api(
        _client(prism.url, verbose=False), JFK, tr.Options(), model="gpt-4o-transcribe"
    )
    assert not transcript.has_timestamps and transcript.text


@pytest.mark.prism
def test_translation_request_passes_the_spec(prism) -> None:
    mark = prism.mark()
    tr.transcribe_api(_client(prism.url, verbose=False), JFK, tr.Options(task="translate"))
    assert all("✔" in v for v in prism.verdicts(since=mark))
    with pytest.raises(tr.InvalidMedia):
        tr.transcribe_api(_client(prism.url), JFK, tr.Options(task="translate"), model="gpt-4o-transcribe")


@pytest.mark.prism
def test_long_media_is_sent_in_parts_under_the_limit_and_rejoined(prism, tmp_path: Path) -> None:
    video = jfk_video(tmp_path / "lecture.mp4")  # not a format to send whole once over the part limit
    seen: list[str] = []
    mark = prism.mark()
    transcript = tr.transcribe_api(
        _client(prism.url),
        video,
        tr.Options(),
        part_limit_bytes=100_000,
        progress=lambda step: seen.append(step),
    )
    verdicts = prism.verdicts(since=mark)
    assert transcript.parts == len(verdicts) >= 3 and all("✔" in v for v in verdicts)
    # The mock answers every part with the same two segments (0-4.2 s, 4.2-11 s): each part's pair must be
    # shifted by that part's offset in the media.
    plan = tr.plan_parts(tr.decode(video), max_seconds=(100_000 - 1024) / (2 * tr.SAMPLE_RATE))
    firsts = [s.start for s in transcript.segments][::2]
    assert firsts == pytest.approx([lo / tr.SAMPLE_RATE for lo, _ in plan])
    assert any(step.stage == "sending" and step.part == 2 and step.parts >= 3 for step in seen)


def test_a_file_cut_off_after_its_first_bytes_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "cut.flac"
    broken.write_bytes(JFK.read_bytes()[:3000])
    with pytest.raises(tr.InvalidMedia) as info:
        tr.probe_media(broken)
        tr.decode(broken)
    assert info.value.key in {"wh.err.not_media", "wh.err.corrupt"}
