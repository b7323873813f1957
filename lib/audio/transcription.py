"""Transcription: media checks, the local and API engines, and splitting long media for the API's 25 MB limit.

Both engines produce the same ``Transcript`` of ``lib.subtitles.Segment``s (with word timestamps where the
engine gives them), so the subtitle writers never care where the text came from. Media is decoded with PyAV
(bundled with faster-whisper, with its own FFmpeg), so no system ffmpeg is needed.
"""

from __future__ import annotations

import io
import math
import wave
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from lib.audio.subtitles import Segment, Word
from lib.core.amounts import Amounts

SAMPLE_RATE = 16_000
MAX_UPLOAD_MB = 200  # per-widget limit of the upload (video lessons); parts of it go to the API
API_LIMIT_BYTES = 25 * 1024 * 1024
PART_LIMIT_BYTES = 24 * 1024 * 1024  # a margin under the limit for the multipart envelope
API_FORMATS = ("flac", "mp3", "mp4", "mpeg", "mpga", "m4a", "ogg", "wav", "webm")
UPLOAD_TYPES = (*API_FORMATS, "mov", "mkv", "oga", "opus", "aac")
Task = Literal["transcribe", "translate"]
Progress = Callable[[float, str], None]  # (fraction 0..1, what is happening) -> None

# API models: whisper-1 gives timestamps (verbose_json); the gpt-4o models give text only.
API_MODELS: dict[str, bool] = {"whisper-1": True, "gpt-4o-transcribe": False, "gpt-4o-mini-transcribe": False}


class InvalidMedia(ValueError):
    """Media that cannot be transcribed; ``key`` is an i18n key for the user's message."""

    def __init__(self, key: str, detail: str = "") -> None:
        super().__init__(f"{key}: {detail}" if detail else key)
        self.key = key
        self.detail = detail


@dataclass(frozen=True)
class MediaInfo:
    """What a file holds."""

    duration: float
    has_video: bool
    container: str


def probe_media(path: str | Path) -> MediaInfo:
    """Open a file with PyAV and check it has sound; raises ``InvalidMedia`` with a specific key."""
    import av

    file = Path(path)
    if not file.exists() or file.stat().st_size == 0:
        raise InvalidMedia("wh.err.empty")
    try:
        with av.open(str(file)) as container:
            if not container.streams.audio:
                raise InvalidMedia("wh.err.no_audio")
            duration = float(container.duration / 1_000_000) if container.duration else 0.0
            if not duration:
                stream = container.streams.audio[0]
                if stream.duration and stream.time_base:
                    duration = float(stream.duration * stream.time_base)
            return MediaInfo(duration, bool(container.streams.video), container.format.name)
    except InvalidMedia:
        raise
    except (av.error.InvalidDataError, av.error.FFmpegError, UnicodeDecodeError, ValueError) as exc:
        raise InvalidMedia("wh.err.not_media", str(exc)[:200]) from exc


def decode(path: str | Path):  # -> np.ndarray float32, 16 kHz mono
    """The sound as 16 kHz mono float samples (PyAV resampling, as faster-whisper does it)."""
    import av
    from faster_whisper.audio import decode_audio

    try:
        return decode_audio(str(path), sampling_rate=SAMPLE_RATE)
    except (av.error.FFmpegError, ValueError) as exc:
        raise InvalidMedia("wh.err.corrupt", str(exc)[:200]) from exc


@dataclass(frozen=True)
class Options:
    """What the user chose."""

    language: str | None = None  # None: detect
    task: Task = "transcribe"
    prompt: str = ""
    vad: bool = True
    word_timestamps: bool = True


@dataclass(frozen=True)
class Transcript:
    """A finished transcription, from either engine."""

    segments: tuple[Segment, ...]
    engine: str  # "local:base", "api:whisper-1", ...
    duration: float
    language: str | None = None
    language_probability: float | None = None
    task: Task = "transcribe"
    has_timestamps: bool = True
    source: str = ""
    parts: int = 1
    notes: tuple[str, ...] = field(default=())

    @property
    def text(self) -> str:
        return " ".join(s.text.strip() for s in self.segments if s.text.strip())

    @property
    def is_empty(self) -> bool:
        return not self.text


def _clock(seconds: float) -> str:
    seconds = max(0, int(seconds))
    return (
        f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
        if seconds >= 3600
        else (f"{seconds // 60}:{seconds % 60:02d}")
    )


def position_label(done: float, total: float) -> str:
    """ "0:45 / 2:10": where the engine is in the media.

    >>> position_label(45.2, 130)
    '0:45 / 2:10'
    """
    return f"{_clock(done)} / {_clock(total)}"


def transcribe_local(
    model: Any, path: str | Path, options: Options, *, model_name: str, progress: Progress | None = None
) -> Transcript:
    """Run the built-in Whisper, reporting the position in the media as segments arrive."""
    from lib.audio import local_whisper

    info = probe_media(path)
    result = local_whisper.run(
        model,
        path,
        language=options.language,
        task=options.task,
        prompt=options.prompt,
        vad=options.vad,
        word_timestamps=options.word_timestamps,
    )
    total = result.duration or info.duration or 1.0
    segments = []
    for seg in result.segments:
        words = tuple(Word(w.start, w.end, w.word) for w in (seg.words or ()))
        segments.append(Segment(seg.start, seg.end, seg.text, words))
        if progress:
            progress(min(seg.end / total, 1.0), position_label(seg.end, total))
    if progress:
        progress(1.0, position_label(total, total))
    return Transcript(
        segments=tuple(s for s in segments if s.text.strip()),
        engine=f"local:{model_name}",
        duration=total,
        language=result.language,
        language_probability=result.language_probability,
        task=options.task,
        has_timestamps=True,
        source=Path(path).name,
    )


# --- API ---


def wav_bytes(samples, sample_rate: int = SAMPLE_RATE) -> bytes:
    """16-bit mono WAV of float samples (32 KB a second at 16 kHz)."""
    import numpy as np

    pcm = (np.clip(samples, -1.0, 1.0) * 32767).astype("<i2").tobytes()
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(sample_rate)
        w.writeframes(pcm)
    return out.getvalue()


def plan_parts(
    samples, *, sample_rate: int = SAMPLE_RATE, max_seconds: float, search_seconds: float = 30.0
) -> list[tuple[int, int]]:
    """Cut points (start, end sample) for parts of at most ``max_seconds``, each cut at the quietest 100 ms
    in the last ``search_seconds`` before the limit, so words are not cut in half where avoidable."""
    import numpy as np

    n = len(samples)
    limit = int(max_seconds * sample_rate)
    if limit <= 0:
        raise ValueError("max_seconds must be positive")
    window = sample_rate // 10
    parts: list[tuple[int, int]] = []
    start = 0
    while n - start > limit:
        lo = max(start + limit - int(search_seconds * sample_rate), start + window)
        hi = start + limit
        region = np.asarray(samples[lo:hi], dtype=np.float32)
        usable = len(region) // window * window
        if usable >= window:
            energy = np.square(region[:usable]).reshape(-1, window).mean(axis=1)
            cut = lo + int(np.argmin(energy)) * window + window // 2
        else:
            cut = hi
        parts.append((start, cut))
        start = cut
    parts.append((start, n))
    return parts


def _verbose_segments(response: Any, offset: float) -> list[Segment]:
    raw_segments = getattr(response, "segments", None) or []
    raw_words = getattr(response, "words", None) or []
    words = [Word(w.start + offset, w.end + offset, w.word) for w in raw_words]
    out = []
    for seg in raw_segments:
        start, end = seg.start + offset, seg.end + offset
        inside = tuple(w for w in words if w.start >= start - 0.01 and w.end <= end + 0.01)
        out.append(Segment(start, end, seg.text, inside))
    if not out and getattr(response, "text", "").strip():
        duration = float(getattr(response, "duration", 0) or 0)
        out.append(Segment(offset, offset + duration, response.text, tuple(words)))
    return out


def _send(client: Any, *, name: str, data: bytes, model: str, options: Options) -> Any:
    if len(data) > API_LIMIT_BYTES:  # never send what the API would refuse
        raise InvalidMedia("wh.err.part_too_large")
    timestamps = API_MODELS.get(model, False)
    common: dict[str, Any] = {"file": (name, data), "model": model}
    if options.prompt:
        common["prompt"] = options.prompt
    if options.task == "translate":
        return client.audio.translations.create(**common, response_format="verbose_json")
    if timestamps:
        granularities = ["segment", "word"] if options.word_timestamps else ["segment"]
        extra = {"response_format": "verbose_json", "timestamp_granularities": granularities}
    else:
        extra = {"response_format": "json"}
    if options.language:
        extra["language"] = options.language
    return client.audio.transcriptions.create(**common, **extra)


@dataclass(frozen=True)
class ApiPlan:
    """How a file goes to the API: as it is (one request), or decoded and cut into WAV parts at silences.

    The booking is made from this plan and the same plan is sent, so the requests booked are the requests
    sent (an 8 MB .mov the API does not take is decoded into WAV parts: several requests, not one)."""

    path: Path
    duration: float
    cuts: tuple[tuple[int, int], ...] = ()  # sample ranges of the parts; empty: the file goes as it is
    samples: Any = None

    @property
    def parts(self) -> int:
        return len(self.cuts) or 1

    def cost(self) -> Amounts:
        """Requests and audio minutes this plan sends."""
        return Amounts(requests=self.parts, audio_minutes=self.duration / 60)


def plan_api(path: str | Path, *, part_limit_bytes: int = PART_LIMIT_BYTES) -> ApiPlan:
    """The plan for sending ``path``: as it is when the API takes its format and size, else WAV parts."""
    file = Path(path)
    info = probe_media(file)
    suffix = file.suffix.lower().lstrip(".")
    if file.stat().st_size <= part_limit_bytes and suffix in API_FORMATS:
        return ApiPlan(file, info.duration)
    samples = decode(file)
    seconds_per_part = (part_limit_bytes - 1024) / (2 * SAMPLE_RATE)
    cuts = tuple(plan_parts(samples, max_seconds=seconds_per_part))
    return ApiPlan(file, len(samples) / SAMPLE_RATE, cuts, samples)


def plan_cost(path: str | Path, *, part_limit_bytes: int = PART_LIMIT_BYTES) -> Amounts:
    """Requests and audio minutes that transcribing ``path`` with the API will send."""
    return plan_api(path, part_limit_bytes=part_limit_bytes).cost()


def transcribe_api(
    client: Any,
    path: str | Path,
    options: Options,
    *,
    model: str = "whisper-1",
    progress: Progress | None = None,
    part_limit_bytes: int = PART_LIMIT_BYTES,
    plan: ApiPlan | None = None,
) -> Transcript:
    """Transcribe with the API; media over the limit (or in a format the API does not take) is decoded and
    sent as WAV parts cut at silences, and the parts' timestamps are joined back. ``plan`` (from
    ``plan_api``) is sent as it is, so what was booked is what goes."""
    if options.task == "translate" and model != "whisper-1":
        raise InvalidMedia("wh.err.translate_model")
    plan = plan or plan_api(path, part_limit_bytes=part_limit_bytes)
    file = plan.path
    timestamps = API_MODELS.get(model, False) or options.task == "translate"
    if not plan.cuts:
        if progress:
            progress(0.0, position_label(0, plan.duration))
        response = _send(client, name=file.name, data=file.read_bytes(), model=model, options=options)
        segments = (
            _verbose_segments(response, 0.0) if timestamps else _text_only(response, 0.0, plan.duration)
        )
        if progress:
            progress(1.0, position_label(plan.duration, plan.duration))
        return _api_transcript(
            segments, model, plan.duration, response, options, timestamps, file.name, parts=1
        )

    segments: list[Segment] = []
    response = None
    total = plan.duration
    for index, (lo, hi) in enumerate(plan.cuts, start=1):
        offset = lo / SAMPLE_RATE
        if progress:
            progress(offset / total, f"{index}/{plan.parts} · " + position_label(offset, total))
        data = wav_bytes(plan.samples[lo:hi])
        response = _send(client, name=f"{file.stem}.part{index}.wav", data=data, model=model, options=options)
        segments += (
            _verbose_segments(response, offset)
            if timestamps
            else _text_only(response, offset, (hi - lo) / SAMPLE_RATE)
        )
    if progress:
        progress(1.0, position_label(total, total))
    return _api_transcript(segments, model, total, response, options, timestamps, file.name, parts=plan.parts)


def _text_only(response: Any, offset: float, duration: float) -> list[Segment]:
    text = getattr(response, "text", "") or ""
    return [Segment(offset, offset + duration, text)] if text.strip() else []


def _api_transcript(
    segments: Sequence[Segment],
    model: str,
    duration: float,
    response: Any,
    options: Options,
    timestamps: bool,
    source: str,
    *,
    parts: int,
) -> Transcript:
    language = getattr(response, "language", None) if response is not None else None
    return Transcript(
        segments=tuple(s for s in segments if s.text.strip()),
        engine=f"api:{model}",
        duration=duration if math.isfinite(duration) else 0.0,
        language=language or options.language,
        task=options.task,
        has_timestamps=timestamps,
        source=source,
        parts=parts,
    )
