"""Transcription: media checks, the local and API engines, and splitting long media for the API's 25 MB limit.

Both engines produce the same ``Transcript`` of ``lib.subtitles.Segment``s (with word timestamps where the
engine gives them), so the subtitle writers never care where the text came from. Media is decoded with PyAV
(bundled with faster-whisper, with its own FFmpeg), so no system ffmpeg is needed.
"""

from __future__ import annotations

import io
import math
import time
import wave
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from lib.audio import api_request
from lib.audio.api_request import KnownSpeaker
from lib.audio.languages import AUTO, LanguageChoice, Span, clock, detect_spans, summary
from lib.audio.subtitles import Segment, Word
from lib.core.amounts import Amounts

SAMPLE_RATE = 16_000
MAX_UPLOAD_MB = 200  # per-widget limit of the upload (video lessons); parts of it go to the API
API_LIMIT_BYTES = 25 * 1024 * 1024
PART_LIMIT_BYTES = 24 * 1024 * 1024  # a margin under the limit for the multipart envelope
API_FORMATS = ("flac", "mp3", "mp4", "mpeg", "mpga", "m4a", "ogg", "wav", "webm")
UPLOAD_TYPES = (*API_FORMATS, "mov", "mkv", "oga", "opus", "aac")
Task = Literal["transcribe", "translate"]

# What each API model takes and gives (formats, timestamps, speakers, hints): lib.core.catalogue's families,
# read through lib.audio.api_request.


class InvalidMedia(ValueError):
    """Media that cannot be transcribed; ``key`` is an i18n key for the user's message."""

    def __init__(self, key: str, detail: str = "") -> None:
        super().__init__(f"{key}: {detail}" if detail else key)
        self.key = key
        self.detail = detail


# --- progress ---

# "timing": the built-in engine timing an API model's text on this computer (lib.audio.align)
Stage = Literal["loading", "decoding", "detecting", "transcribing", "sending", "timing", "writing"]


@dataclass(frozen=True)
class Step:
    """Where a run is: its ``stage``, the bar's ``fraction`` (0..1 over the whole run), the ``position`` in
    the media out of ``total`` seconds, the wall-clock seconds ``left`` (None until it can be estimated), and
    for the API the ``part`` being sent out of ``parts``."""

    stage: Stage
    fraction: float
    position: float = 0.0
    total: float = 0.0
    left: float | None = None
    part: int = 0
    parts: int = 0

    @property
    def minute(self) -> tuple[int, int]:
        """(the minute being worked on, how many minutes there are), both from 1.

        >>> Step("transcribing", 0.2, position=150, total=700).minute
        (3, 12)
        """
        minutes = max(1, math.ceil(self.total / 60))
        return min(int(self.position // 60) + 1, minutes), minutes


Progress = Callable[[Step], None]


class _Reporter:
    """Turns positions within a stage into ``Step``s: each stage owns a share of the bar, and the time left is
    estimated from how fast the media has gone by in the current stage so far."""

    def __init__(self, progress: Progress | None, total: float, shares: dict[str, tuple[float, float]]):
        self.progress = progress
        self.total = total
        self.shares = shares
        self.stage: str | None = None
        self.started = 0.0
        self.first = 0.0

    def __call__(self, stage: Stage, position: float, *, part: int = 0, parts: int = 0) -> None:
        if self.progress is None:
            return
        now = time.monotonic()
        if stage != self.stage:
            self.stage, self.started, self.first = stage, now, position
        lo, hi = self.shares.get(stage, (0.0, 1.0))
        total = self.total or 1.0
        position = min(max(position, 0.0), total)
        share = position / total
        left = None
        gone = position - self.first
        if stage in ("transcribing", "sending", "timing") and gone > 0 and now > self.started:
            left = (now - self.started) / gone * (total - position)
        left = None if left is None else float(left)
        self.progress(Step(stage, float(lo + (hi - lo) * share), float(position), total, left, part, parts))


# --- media ---


@dataclass(frozen=True)
class MediaInfo:
    """What a file holds: ``duration`` is what the container declares (0 if it does not say)."""

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
        with av.open(str(file), metadata_errors="ignore") as container:
            if not container.streams.audio:
                raise InvalidMedia("wh.err.no_audio")
            return MediaInfo(_declared(container), bool(container.streams.video), container.format.name)
    except InvalidMedia:
        raise
    except (av.error.InvalidDataError, av.error.FFmpegError, UnicodeDecodeError, ValueError) as exc:
        raise InvalidMedia("wh.err.not_media", str(exc)[:200]) from exc


def _declared(container) -> float:
    # The sound's own duration when the container gives one (a video track may run longer), else the file's.
    stream = container.streams.audio[0]
    if stream.duration and stream.time_base:
        return float(stream.duration * stream.time_base)
    return float(container.duration / 1_000_000) if container.duration else 0.0


# A shortfall under this is rounding and codec padding (an AAC or MP3 frame is ~0.03-0.1 s), not damage.
TOLERANCE_SECONDS = 0.5
TOLERANCE_SHARE = 0.01


@dataclass(frozen=True)
class MediaHealth:
    """How much of a file could be read: what the container ``declared``, what was ``readable`` (seconds of
    sound actually decoded), and how many packets failed to decode (``errors``)."""

    declared: float
    readable: float
    errors: int = 0

    @property
    def shortfall(self) -> float:
        """Seconds the file says it has but that could not be read (0 when it declares nothing)."""
        return max(self.declared - self.readable, 0.0) if self.declared else 0.0

    @property
    def partial(self) -> bool:
        """Decoding failed somewhere, or more is missing than codec padding explains.

        >>> MediaHealth(59.0, 9.9).partial, MediaHealth(11.0, 10.98).partial, MediaHealth(60, 59.9, 2).partial
        (True, False, True)
        """
        tolerance = max(TOLERANCE_SECONDS, TOLERANCE_SHARE * self.declared)
        return self.errors > 0 or self.shortfall > tolerance

    def lengths(self) -> tuple[str, str]:
        """The two lengths as a person reads them: ("0:59", "0:09")."""
        return clock(self.declared), clock(self.readable)


@dataclass(frozen=True)
class Decoded:
    """The sound as 16 kHz mono float samples, with how well it decoded."""

    samples: Any  # np.ndarray float32
    health: MediaHealth

    @property
    def duration(self) -> float:
        return len(self.samples) / SAMPLE_RATE


def decode_checked(path: str | Path, progress: Callable[[float, float], None] | None = None) -> Decoded:
    """Decode packet by packet (PyAV, resampled as faster-whisper does it), counting packets that fail.

    faster-whisper's ``decode_audio`` stops at the first broken packet and says nothing: a file with a few
    damaged bytes in the middle gave half its sound and no warning. Here a broken packet is skipped and
    counted, decoding goes on after it, and where the frames' own timestamps show a gap, it is filled with
    silence so later speech keeps its time (an MP3 demuxer re-counts after garbage, so there some drift
    remains). ``progress(position, declared)`` is called as the media is read. Raises ``InvalidMedia`` when
    nothing at all could be read.
    """
    import av
    import numpy as np

    info = probe_media(path)
    chunks: list[np.ndarray] = []
    written = 0  # samples, gaps included
    readable = 0  # samples actually decoded
    errors = 0
    origin: float | None = None
    last_report = 0.0
    resampler = av.audio.resampler.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
    try:
        with av.open(str(path), metadata_errors="ignore") as container:
            stream = container.streams.audio[0]
            for packet in container.demux(stream):
                try:
                    frames = packet.decode()
                except (av.error.InvalidDataError, av.error.PatchWelcomeError, ValueError):
                    errors += 1
                    continue
                for frame in frames:
                    if frame.time is not None:
                        origin = frame.time if origin is None else origin
                        gap = round((frame.time - origin) * SAMPLE_RATE) - written
                        if gap > SAMPLE_RATE // 20:  # over 50 ms missing: a skipped packet, keep the time
                            chunks.append(np.zeros(gap, np.int16))
                            written += gap
                    for out in resampler.resample(frame):
                        array = out.to_ndarray().reshape(-1)
                        chunks.append(array)
                        written += len(array)
                        readable += len(array)
                if progress and written / SAMPLE_RATE - last_report >= 5:
                    last_report = written / SAMPLE_RATE
                    progress(last_report, info.duration)
            for out in resampler.resample(None):
                array = out.to_ndarray().reshape(-1)
                chunks.append(array)
                readable += len(array)
    except av.error.FFmpegError as exc:
        if not readable:
            raise InvalidMedia("wh.err.corrupt", str(exc)[:200]) from exc
        errors += 1
    if not readable:
        raise InvalidMedia("wh.err.corrupt", "no sound could be decoded")
    samples = np.concatenate(chunks).astype(np.float32) / 32768.0
    return Decoded(samples, MediaHealth(info.duration, readable / SAMPLE_RATE, errors))


def decode(path: str | Path):  # -> np.ndarray float32, 16 kHz mono
    """The sound as 16 kHz mono float samples (see ``decode_checked``)."""
    return decode_checked(path).samples


@dataclass(frozen=True)
class Options:
    """What the user chose. ``languages``: the languages allowed (none: any); ``per_segment_language``:
    detect the language of each stretch of speech (mixed-language media) rather than once at the start;
    ``keywords``: the lesson's names and terms (``keywords`` for gpt-transcribe, the prompt for others);
    ``speakers``: known speakers for a model that names them (``gpt-4o-transcribe-diarize``)."""

    languages: LanguageChoice = AUTO
    task: Task = "transcribe"
    prompt: str = ""
    vad: bool = True
    word_timestamps: bool = True
    per_segment_language: bool = True
    keywords: tuple[str, ...] = ()
    speakers: tuple[KnownSpeaker, ...] = ()


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
    health: MediaHealth | None = None
    spans: tuple[Span, ...] = ()  # the language of each stretch, where it was detected per stretch
    speech: tuple[tuple[float, float], ...] | None = None  # what the VAD kept (seconds); None: no VAD ran
    allowed: tuple[str, ...] = ()  # the languages the user allowed (empty: any)
    timing: str = (
        ""  # where the times come from when not from the engine itself ("local:base": lib.audio.align)
    )

    @property
    def speakers(self) -> tuple[str, ...]:
        """The speakers the model named, in order of first appearance (empty: none named)."""
        return tuple(dict.fromkeys(s.speaker for s in self.segments if s.speaker))

    @property
    def text(self) -> str:
        return " ".join(s.text.strip() for s in self.segments if s.text.strip())

    @property
    def is_empty(self) -> bool:
        return not self.text

    @property
    def partial(self) -> bool:
        """Only part of the media could be read (see ``MediaHealth.partial``)."""
        return self.health is not None and self.health.partial

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages of the segments, in order of first appearance."""
        return tuple(dict.fromkeys(s.language for s in self.segments if s.language))

    @property
    def language_summary(self) -> str:
        """ "en 0:00-0:29, de 0:29-0:59" (empty when the segments carry no language)."""
        return summary(s for s in self.segments if s.language) if self.languages else ""


def position_label(done: float, total: float) -> str:
    """ "0:45 / 2:10": where the engine is in the media.

    >>> position_label(45.2, 130)
    '0:45 / 2:10'
    """
    return f"{clock(done)} / {clock(total)}"


def _dominant(spans: Sequence[Span]) -> tuple[str | None, float | None]:
    if not spans:
        return None, None
    seconds: dict[str, float] = {}
    for span in spans:
        seconds[span.language] = seconds.get(span.language, 0.0) + span.end - span.start
    code = max(seconds, key=seconds.__getitem__)
    mine = [s for s in spans if s.language == code]
    weight = sum(s.end - s.start for s in mine) or 1.0
    return code, sum(s.probability * (s.end - s.start) for s in mine) / weight


def transcribe_local(
    model: Any,
    path: str | Path,
    options: Options,
    *,
    model_name: str,
    progress: Progress | None = None,
    decoded: Decoded | None = None,
) -> Transcript:
    """Run the built-in Whisper with the stages reported: decoding, detecting the language of each stretch of
    speech among the allowed ones (when asked and more than one is possible), transcribing each stretch in
    its language. The media's health (declared vs readable length, decode errors) goes with the result."""
    from lib.audio import local_whisper

    choice = options.languages
    if not local_whisper.is_multilingual(model):
        choice = LanguageChoice(("en",))
    info = probe_media(path)
    report = _Reporter(progress, info.duration or 1.0, {"decoding": (0.0, 0.05)})
    if decoded is None:
        report("decoding", 0.0)
        decoded = decode_checked(path, progress=lambda done, _total: report("decoding", done))
    samples, total = decoded.samples, decoded.duration or 1.0
    per_segment = options.per_segment_language and choice.single is None
    report = _Reporter(
        progress,
        total,
        {"detecting": (0.05, 0.15), "transcribing": (0.15, 1.0)}
        if per_segment
        else {"detecting": (0.05, 0.08), "transcribing": (0.08, 1.0)},
    )
    if choice.single:
        spans = [Span(0.0, total, choice.single, 1.0)]
    else:
        report("detecting", 0.0)
        regions = local_whisper.speech_regions(samples)
        if not regions:
            spans = []
        elif per_segment:
            spans = detect_spans(
                regions,
                lambda a, b: local_whisper.language_probabilities(model, samples, a, b),
                choice,
                duration=total,
                on_window=lambda at: report("detecting", at),
            )
        else:  # once, from the first 30 s of speech, as Whisper itself does
            first = regions[0][0]
            probs = local_whisper.language_probabilities(model, samples, first, first + 30.0)
            code, p = choice.pick(probs)
            spans = [Span(0.0, total, code, p)]
    speech = tuple(local_whisper.vad_regions(samples)) if options.vad else None
    segments: list[Segment] = []
    report("transcribing", 0.0)
    for span in spans:
        lo, hi = int(span.start * SAMPLE_RATE), int(span.end * SAMPLE_RATE)
        result = local_whisper.run(
            model,
            samples[lo:hi],
            language=span.language,
            task=options.task,
            prompt=options.prompt,
            vad=options.vad,
            word_timestamps=options.word_timestamps,
        )
        for seg in result.segments:
            offset = lo / SAMPLE_RATE
            words = tuple(Word(w.start + offset, w.end + offset, w.word) for w in (seg.words or ()))
            segments.append(Segment(seg.start + offset, seg.end + offset, seg.text, words, span.language))
            report("transcribing", seg.end + offset)
        report("transcribing", span.end)
    language, probability = _dominant(spans)
    return Transcript(
        segments=tuple(s for s in segments if s.text.strip()),
        engine=f"local:{model_name}",
        duration=total,
        language=language,
        language_probability=probability,
        task=options.task,
        has_timestamps=True,
        source=Path(path).name,
        health=decoded.health,
        spans=tuple(spans) if per_segment else (),
        speech=speech,
        allowed=choice.hints,
    )


@dataclass(frozen=True)
class Exports:
    """The downloads of one result, each labelled partial when the media was (``notice`` non-empty)."""

    srt: str
    vtt: str
    txt: str


def exports(transcript: Transcript, cues: Sequence, *, notice: str = "") -> Exports:
    """SRT, VTT and TXT of ``cues`` / ``transcript``; a partial result carries ``notice`` in each.

    SubRip has no comment syntax and any text before the first cue breaks strict readers, so there the
    notice is one more cue, from where the readable sound ends to where the file says it ends: a viewer sees
    it exactly when the subtitles stop, it never covers speech, and every player and parser takes it. WebVTT
    gets the same cue and also a ``NOTE`` block after the header (a comment players skip, for anyone who
    opens the file). The text file starts with the notice and a blank line.
    """
    from lib.audio import subtitles

    if not notice:
        return Exports(subtitles.to_srt(cues), subtitles.to_vtt(cues), subtitles.to_txt(transcript.segments))
    health = transcript.health
    readable = health.readable if health else transcript.duration
    declared = health.declared if health and health.declared else readable
    marked = subtitles.with_notice(
        cues,
        notice,
        start_ms=subtitles.seconds_to_ms(readable),
        end_ms=subtitles.seconds_to_ms(max(declared, readable)),
    )
    return Exports(
        subtitles.to_srt(marked),
        subtitles.to_vtt(marked, note=notice),
        subtitles.to_txt(transcript.segments, header=notice),
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


def _send(
    client: Any,
    *,
    name: str,
    data: bytes,
    model: str,
    options: Options,
    references: Sequence[tuple[str, str]] = (),
) -> Any:
    if len(data) + sum(len(url) for _, url in references) > API_LIMIT_BYTES:  # never what the API refuses
        raise InvalidMedia("wh.err.part_too_large")
    if options.task == "translate":
        common: dict[str, Any] = {"file": (name, data), "model": model, "response_format": "verbose_json"}
        if options.prompt:
            common["prompt"] = options.prompt
        return client.audio.translations.create(**common)
    fields = api_request.request_fields(
        model,
        languages=options.languages,
        keywords=options.keywords,
        prompt=options.prompt,
        word_timestamps=options.word_timestamps,
        references=references,
    )
    return client.audio.transcriptions.create(file=(name, data), **fields)


def _segments(response: Any, offset: float, duration: float, response_format: str | None) -> list[Segment]:
    """The segments of one answer, shifted by the part's ``offset``: timed ones from ``verbose_json``,
    speakers' from ``diarized_json``, else the text over the whole part (``duration`` seconds)."""
    if response_format == "verbose_json":
        return _verbose_segments(response, offset)
    if response_format == "diarized_json" and getattr(response, "segments", None):
        return [
            Segment(s.start + offset, s.end + offset, s.text, speaker=getattr(s, "speaker", None) or None)
            for s in response.segments
            if (s.text or "").strip()
        ]
    return _text_only(response, offset, duration)


def _said_languages(response: Any) -> tuple[str, ...]:
    """The languages an answer names: gpt-transcribe's ``languages`` list, whisper-1's ``language``."""
    listed = getattr(response, "languages", None) or ()
    codes = [
        language_code(getattr(item, "code", None) or (item if isinstance(item, str) else None))
        for item in listed
    ]
    said = language_code(getattr(response, "language", None))
    return tuple(dict.fromkeys(c for c in [*codes, said] if c))


@dataclass(frozen=True)
class ApiPlan:
    """How a file goes to the API: as it is (one request), or decoded and cut into WAV parts at silences.

    The booking is made from this plan and the same plan is sent, so the requests booked are the requests
    sent (an 8 MB .mov the API does not take is decoded into WAV parts: several requests, not one). Known
    speakers' reference clips (cut from the same media) go with every part, so the parts' room is smaller."""

    path: Path
    duration: float
    cuts: tuple[tuple[int, int], ...] = ()  # sample ranges of the parts; empty: the file goes as it is
    samples: Any = None
    health: MediaHealth | None = None
    references: tuple[tuple[str, str], ...] = ()  # (speaker name, WAV data URL)

    @property
    def parts(self) -> int:
        return len(self.cuts) or 1

    def cost(self) -> Amounts:
        """Requests and audio minutes this plan sends."""
        return Amounts(requests=self.parts, audio_minutes=self.duration / 60)


def plan_api(
    path: str | Path,
    *,
    part_limit_bytes: int = PART_LIMIT_BYTES,
    speakers: Sequence[KnownSpeaker] = (),
) -> ApiPlan:
    """The plan for sending ``path``: as it is when the API takes its format and size and the file decodes
    whole, else WAV parts of what could be decoded (a damaged file goes as the sound that was read, so the
    result and its "partial" label describe the same thing). ``speakers`` are checked (raises
    ``api_request.SpeakerError``) and their clips cut from the media."""
    file = Path(path)
    decoded = decode_checked(file)
    checked = api_request.check_speakers(speakers, decoded.duration)
    references = tuple(
        (
            s.name,
            api_request.data_url(
                wav_bytes(decoded.samples[int(s.start * SAMPLE_RATE) : int(s.end * SAMPLE_RATE)])
            ),
        )
        for s in checked
    )
    room = part_limit_bytes - sum(len(url) for _, url in references)
    if room < 2 * SAMPLE_RATE * 2 + 1024:  # not even 2 s of sound beside the speakers' clips
        raise InvalidMedia("wh.err.part_too_large")
    suffix = file.suffix.lower().lstrip(".")
    if file.stat().st_size <= room and suffix in API_FORMATS and not decoded.health.partial:
        return ApiPlan(
            file, decoded.health.declared or decoded.duration, health=decoded.health, references=references
        )
    samples = decoded.samples
    seconds_per_part = (room - 1024) / (2 * SAMPLE_RATE)
    cuts = tuple(plan_parts(samples, max_seconds=seconds_per_part))
    return ApiPlan(file, len(samples) / SAMPLE_RATE, cuts, samples, decoded.health, references)


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
    """Transcribe with the API, asking each model for what its family gives (times, speakers or text);
    media over the limit (or in a format the API does not take) is decoded and sent as WAV parts cut at
    silences, and the parts' times are joined back. ``plan`` (from ``plan_api``) is sent as it is, so what
    was booked is what goes."""
    family = api_request.facts(model)
    if options.task == "translate" and not family.translation:
        raise InvalidMedia("wh.err.translate_model")
    plan = plan or plan_api(path, part_limit_bytes=part_limit_bytes, speakers=options.speakers)
    references = plan.references if family.diarization else ()
    response_format = "verbose_json" if options.task == "translate" else family.response_format
    file = plan.path
    report = _Reporter(progress, plan.duration, {"sending": (0.0, 1.0)})
    pieces = (
        [(file.name, None, 0.0, plan.duration)]
        if not plan.cuts
        else [
            (f"{file.stem}.part{k}.wav", (lo, hi), lo / SAMPLE_RATE, (hi - lo) / SAMPLE_RATE)
            for k, (lo, hi) in enumerate(plan.cuts, start=1)
        ]
    )
    segments: list[Segment] = []
    said: list[str] = []
    for index, (name, cut, offset, seconds) in enumerate(pieces, start=1):
        report("sending", offset, part=index, parts=plan.parts)
        data = file.read_bytes() if cut is None else wav_bytes(plan.samples[cut[0] : cut[1]])
        response = _send(client, name=name, data=data, model=model, options=options, references=references)
        segments += _segments(response, offset, seconds, response_format)
        said += _said_languages(response)
    report("sending", plan.duration, part=plan.parts, parts=plan.parts)
    notes: tuple[str, ...] = ()
    if family.diarization and plan.parts > 1 and not references:
        notes = ("wh.note.speakers_per_part",)  # "A" of one part need not be "A" of the next
    language = options.languages.api_language or (said[0] if said else None)
    return Transcript(
        segments=tuple(replace(s, language=s.language or language) for s in segments if s.text.strip()),
        engine=f"api:{model}",
        duration=plan.duration if math.isfinite(plan.duration) else 0.0,
        language=language,
        task=options.task,
        has_timestamps=response_format in ("verbose_json", "diarized_json"),
        source=file.name,
        parts=plan.parts,
        notes=notes,
        health=plan.health,
        allowed=options.languages.hints,
    )


def _text_only(response: Any, offset: float, duration: float) -> list[Segment]:
    text = response if isinstance(response, str) else getattr(response, "text", "") or ""
    return [Segment(offset, offset + duration, text)] if text.strip() else []


# whisper-1's verbose_json names the language ("korean"); the app speaks in codes.
_NAMES = {
    "korean": "ko", "english": "en", "japanese": "ja", "chinese": "zh", "spanish": "es", "french": "fr",
    "german": "de", "italian": "it", "portuguese": "pt", "russian": "ru", "vietnamese": "vi", "thai": "th",
}  # fmt: skip


def language_code(name: str | None) -> str | None:
    """A language code from what an API said ("korean" or "ko"); None when it said nothing usable.

    >>> language_code("Korean"), language_code("ko"), language_code(None)
    ('ko', 'ko', None)
    """
    if not name:
        return None
    name = name.strip().lower()
    if len(name) in (2, 3) and name.isalpha():
        return name
    return _NAMES.get(name)
