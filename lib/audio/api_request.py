"""What one transcription request carries, from what the catalogue knows about the model's family.

The shared spec gives each model its own fields: ``gpt-transcribe`` takes several possible ``languages`` and
``keywords``; ``gpt-4o-transcribe-diarize`` answers ``diarized_json`` (speakers), takes
``known_speaker_names`` / ``known_speaker_references`` and ``chunking_strategy``, but no ``prompt``;
``whisper-1`` gives segment and word times (``verbose_json``); the gpt-4o models answer ``json`` only. Prism
cannot check these per-model rules (any model name passes, and it reads no bracketed multipart arrays), so
they live here, in one function with unit tests, and the catalogue (``lib.core.catalogue``) holds the facts.

>>> from lib.audio.languages import LanguageChoice
>>> request_fields("gpt-transcribe", languages=LanguageChoice(("ko", "en")), keywords=("Kennedy",))
{'model': 'gpt-transcribe', 'response_format': 'json', 'languages': ['ko', 'en'], 'keywords': ['Kennedy']}
"""

from __future__ import annotations

import base64
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from lib.audio.languages import AUTO, LanguageChoice
from lib.core.catalogue import Family, family_of

# A model no family names (a compatible server's, an Azure deployment's own name): ask for plain json, the
# one format every transcription endpoint answers, and time it on this computer if subtitles are wanted.
UNKNOWN = Family("unknown", "transcription", re.compile(r"(?!)"), formats=("json",))
MAX_SPEAKERS = 4  # the spec's maxItems for known_speaker_names / _references
CLIP_SECONDS = (2.0, 10.0)  # "Each sample must be between 2 and 10 seconds"
MAX_KEYWORDS = 50


def facts(model: str) -> Family:
    """The family of a transcription model, or ``UNKNOWN`` (json, text only) for a name no family matches.

    >>> facts("gpt-transcribe").language_hints, facts("whisper-1").timestamps, facts("my-asr").formats
    (True, True, ('json',))
    """
    family = family_of(model)
    return family if family is not None and family.tool == "transcription" else UNKNOWN


def keywords_from(text: str) -> tuple[str, ...]:
    """The lesson's names and terms typed as a list: split at commas, semicolons and line breaks.

    >>> keywords_from("Kennedy, Americans;\\n  Kennedy ,, 케네디")
    ('Kennedy', 'Americans', '케네디')
    """
    seen: list[str] = []
    for piece in re.split(r"[,;\n、，]", text or ""):
        word = " ".join(piece.split())
        if word and word not in seen:
            seen.append(word)
    return tuple(seen[:MAX_KEYWORDS])


@dataclass(frozen=True)
class KnownSpeaker:
    """A speaker the diarize model should name: ``name`` ("Teacher") and where in the media they speak
    alone for 2-10 s (``start``..``end`` seconds), which becomes the reference clip."""

    name: str
    start: float
    end: float

    @property
    def seconds(self) -> float:
        return self.end - self.start


class SpeakerError(ValueError):
    """A known speaker the request cannot carry; ``key`` is the i18n key, ``values`` its placeholders."""

    def __init__(self, key: str, **values: Any) -> None:
        super().__init__(f"{key}: {values}")
        self.key = key
        self.values = values


def check_speakers(speakers: Sequence[KnownSpeaker], duration: float) -> tuple[KnownSpeaker, ...]:
    """The speakers as the request will carry them, or ``SpeakerError`` saying which one is wrong and why."""
    from lib.audio.subtitles import speaker_name

    if len(speakers) > MAX_SPEAKERS:
        raise SpeakerError("wh.speakers.too_many", limit=MAX_SPEAKERS)
    names: list[str] = []
    low, high = CLIP_SECONDS
    for speaker in speakers:
        name = speaker_name(speaker.name)
        if not name:
            raise SpeakerError("wh.speakers.no_name")
        if name in names:
            raise SpeakerError("wh.speakers.twice", name=name)
        if not (low <= speaker.seconds <= high):
            raise SpeakerError("wh.speakers.length", name=name, seconds=round(speaker.seconds, 1))
        if speaker.start < 0 or (duration and speaker.end > duration + 0.05):
            raise SpeakerError("wh.speakers.outside", name=name)
        names.append(name)
    return tuple(KnownSpeaker(n, s.start, s.end) for n, s in zip(names, speakers, strict=True))


def data_url(wav: bytes) -> str:
    """A WAV clip as the data URL ``known_speaker_references`` takes.

    >>> data_url(b"RIFF")
    'data:audio/wav;base64,UklGRg=='
    """
    return "data:audio/wav;base64," + base64.b64encode(wav).decode("ascii")


def request_fields(
    model: str,
    *,
    languages: LanguageChoice = AUTO,
    keywords: Sequence[str] = (),
    prompt: str = "",
    word_timestamps: bool = True,
    references: Sequence[tuple[str, str]] = (),
) -> dict[str, Any]:
    """Every field of a ``/audio/transcriptions`` request but the file, as the model's family takes them.

    - ``languages``: all the allowed ones to a model with language hints, else the one pinned (``language``);
    - ``keywords``: as ``keywords`` where the model takes them, else appended to the prompt (Whisper's way of
      learning spellings), and dropped for a model without a prompt;
    - ``references``: (name, data URL) pairs, sent only to a model that names speakers.
    """
    family = facts(model)
    fields: dict[str, Any] = {"model": model, "response_format": family.response_format}
    if family.timestamps:
        fields["timestamp_granularities"] = ["segment", "word"] if word_timestamps else ["segment"]
    if family.language_hints and languages.hints:
        fields["languages"] = list(languages.hints)
    elif languages.api_language:
        fields["language"] = languages.api_language
    words = [k for k in keywords if k.strip()]
    if family.language_hints and words:
        fields["keywords"] = words
    elif words and family.prompt:
        prompt = f"{prompt.strip()} {', '.join(words)}".strip()
    if family.prompt and prompt.strip():
        fields["prompt"] = prompt.strip()
    if family.diarization:
        fields["chunking_strategy"] = "auto"  # required over 30 s; harmless under
        if references:
            fields["known_speaker_names"] = [name for name, _ in references[:MAX_SPEAKERS]]
            fields["known_speaker_references"] = [url for _, url in references[:MAX_SPEAKERS]]
    return fields


def left_out(
    model: str,
    *,
    languages: LanguageChoice = AUTO,
    keywords: Sequence[str] = (),
    prompt: str = "",
    speakers: Sequence[KnownSpeaker] = (),
) -> tuple[str, ...]:
    """What the user chose that this model cannot take, for the page to say: "prompt", "keywords" (sent in
    the prompt instead: "keywords_in_prompt"), "languages" (several: the model detects), "speakers".

    >>> left_out("gpt-4o-transcribe-diarize", prompt="JFK", keywords=("Kennedy",))
    ('prompt', 'keywords')
    >>> left_out("whisper-1", languages=LanguageChoice(("ko", "en")), keywords=("Kennedy",))
    ('keywords_in_prompt', 'languages')
    """
    family = facts(model)
    out: list[str] = []
    if prompt.strip() and not family.prompt:
        out.append("prompt")
    if keywords and not family.language_hints:
        out.append("keywords_in_prompt" if family.prompt else "keywords")
    if len(languages.hints) > 1 and not family.language_hints:
        out.append("languages")
    if speakers and not family.diarization:
        out.append("speakers")
    return tuple(out)
