"""The Whisper page's results as plain JSON, for the work kept across a reload.

A result is ``(Transcript, media name, media bytes or None)``; the media (a video, for playback with its
subtitles) goes to the store as a blob and comes back as None when it was left out under the cap.

>>> from lib.audio.subtitles import Segment, Word
>>> tr = Transcript((Segment(0.0, 1.5, "Hi", (Word(0.0, 0.5, "Hi"),)),), engine="local:tiny.en", duration=1.5)
>>> result_from_json(result_to_json((tr, "a.flac", None), put=None), blob=None) == (tr, "a.flac", None)
True
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lib.audio.subtitles import Segment, Word
from lib.audio.transcription import Transcript

Result = tuple[Transcript, str, bytes | None]


def transcript_to_json(transcript: Transcript) -> dict[str, Any]:
    return {
        "segments": [
            {
                "start": s.start,
                "end": s.end,
                "text": s.text,
                "words": [[w.start, w.end, w.text] for w in s.words],
                "language": s.language,
                "speaker": s.speaker,
            }
            for s in transcript.segments
        ],
        "engine": transcript.engine,
        "duration": transcript.duration,
        "language": transcript.language,
        "language_probability": transcript.language_probability,
        "task": transcript.task,
        "has_timestamps": transcript.has_timestamps,
        "source": transcript.source,
        "parts": transcript.parts,
        "notes": list(transcript.notes),
        "timing": transcript.timing,
    }


def transcript_from_json(data: dict[str, Any]) -> Transcript:
    probability = data.get("language_probability")
    return Transcript(
        segments=tuple(
            Segment(
                float(s["start"]),
                float(s["end"]),
                str(s["text"]),
                tuple(Word(float(w[0]), float(w[1]), str(w[2])) for w in s.get("words") or []),
                s["language"] if isinstance(s.get("language"), str) else None,
                s["speaker"] if isinstance(s.get("speaker"), str) else None,
            )
            for s in data.get("segments") or []
        ),
        engine=str(data.get("engine") or ""),
        duration=float(data.get("duration") or 0),
        language=data["language"] if isinstance(data.get("language"), str) else None,
        language_probability=float(probability) if isinstance(probability, int | float) else None,
        task="translate" if data.get("task") == "translate" else "transcribe",
        has_timestamps=bool(data.get("has_timestamps", True)),
        source=str(data.get("source") or ""),
        parts=int(data.get("parts") or 1),
        notes=tuple(str(n) for n in data.get("notes") or []),
        timing=str(data.get("timing") or ""),
    )


def result_to_json(result: Result, put: Callable[[bytes], str] | None) -> dict[str, Any]:
    transcript, name, media = result
    return {
        "transcript": transcript_to_json(transcript),
        "name": name,
        "media": put(media) if media is not None and put is not None else None,
    }


def result_from_json(data: dict[str, Any], blob: Callable[[str], bytes | None] | None) -> Result:
    media = data.get("media")
    return (
        transcript_from_json(data["transcript"]),
        str(data.get("name") or ""),
        blob(media) if media and blob is not None else None,
    )


def results_to_json(results: list[Result], put: Callable[[bytes], str]) -> list[dict[str, Any]]:
    return [result_to_json(result, put) for result in results]


def results_from_json(data: Any, blob: Callable[[str], bytes | None]) -> list[Result]:
    return [result_from_json(d, blob) for d in data if isinstance(d, dict)] if isinstance(data, list) else []
