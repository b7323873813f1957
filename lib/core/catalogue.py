"""Today's models: the server's model list (id, ``created``, ``shutdown_date``) joined with a dated table of
families, so the app runs what the server has now and never hard-codes "the current model".

A family is matched by a pattern on the id's base name (``core.models.base_name``), in a fixed order: the
specific families (``gpt-image-*``, ``*transcribe*``) before a plain ``gpt-*``. An id the table does not name
exactly falls back to its family (``known`` is False, and the picker says so); an id of no family is not
offered on OpenAI (compatible servers name their models freely, so there every id is a chat model).

Defaults are the newest listed model (by ``created``) of a tool's preferred family, skipping pro, preview
and dated snapshots and anything whose shutdown date has passed; a deployer can name them in the secrets.

>>> cat = Catalogue.from_listing([
...     {"id": "gpt-4o-mini", "created": 1721172741},
...     {"id": "gpt-5.4-mini", "created": 1773700000},
...     {"id": "gpt-5.4-mini-2026-03-17", "created": 1773700001},
...     {"id": "dall-e-3", "created": 1698785189, "shutdown_date": "2026-05-12"},
...     {"id": "gpt-image-2", "created": 1776700000},
... ], today=date(2026, 12, 1))
>>> cat.default("chat"), cat.default("images"), [m.id for m in cat.for_tool("images")]
('gpt-5.4-mini', 'gpt-image-2', ['gpt-image-2'])
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from lib.core.models import base_name, undated

Tool = Literal["chat", "images", "transcription", "embeddings", "moderation", "other"]
TOOLS: tuple[Tool, ...] = ("chat", "images", "transcription", "embeddings", "moderation")

# Sources of the dates below: OpenAI's deprecations page and model pages, as stored in December 2026. The
# live list's ``shutdown_date`` wins whenever the server sends one.
AS_OF = date(2026, 12, 1)


@dataclass(frozen=True)
class Family:
    """What the app knows about a family of models: its tool and what its members can do."""

    id: str
    tool: Tool
    pattern: re.Pattern[str]
    vision: bool = False  # takes images as input
    web_search: bool = False  # the Responses web_search tool
    responses: bool = False  # speaks the Responses API (OpenAI); otherwise Chat Completions
    # Transcription (from the shared spec's /audio/transcriptions; a live server may refuse more):
    timestamps: bool = False  # segment/word times (verbose_json, srt, vtt)
    diarization: bool = False  # speakers (diarized_json, known_speaker_names / _references)
    language_hints: bool = False  # several possible `languages` and `keywords`
    formats: tuple[str, ...] = ()  # the response formats the family answers in, the one the app asks first
    prompt: bool = True  # takes a `prompt` (the diarize model does not)
    translation: bool = False  # /audio/translations (to English)

    @property
    def response_format(self) -> str | None:
        """The format the app asks this family for: the richest it gives (times, then speakers, then text).

        >>> [family_of(m).response_format for m in ("whisper-1", "gpt-transcribe", "x-transcribe-diarize")]
        ['verbose_json', 'json', 'diarized_json']
        """
        for wanted in ("verbose_json", "diarized_json", "json"):
            if wanted in self.formats:
                return wanted
        return self.formats[0] if self.formats else None


def _f(id: str, tool: Tool, pattern: str, **facts: Any) -> Family:
    return Family(id, tool, re.compile(pattern), **facts)


_CHAT = {"responses": True, "vision": True, "web_search": True}
# Matched in this order: the first family whose pattern matches the base name wins.
FAMILIES: tuple[Family, ...] = (
    _f("gpt-image", "images", r"^(gpt-image-|chatgpt-image)"),
    _f("dall-e", "images", r"^dall-e-"),
    # The spec: "For gpt-4o-transcribe-diarize, the supported formats are json, text, and diarized_json";
    # "for gpt-4o-transcribe and gpt-4o-mini-transcribe, the only supported format is json"; `languages` and
    # `keywords` are "supported by gpt-transcribe"; srt, vtt and verbose_json (with timestamp granularities)
    # are whisper-1's. gpt-transcribe's own list is not written out: json (carrying `languages`) and text.
    _f(
        "transcribe-diarize",
        "transcription",
        r"transcribe-diarize",
        diarization=True,
        prompt=False,
        formats=("json", "text", "diarized_json"),
    ),
    _f(
        "gpt-transcribe",
        "transcription",
        r"^gpt-transcribe",
        language_hints=True,
        formats=("json", "text"),
    ),
    _f("gpt-4o-transcribe", "transcription", r"^gpt-4o(-mini)?-transcribe", formats=("json",)),
    _f(
        "whisper",
        "transcription",
        r"^whisper-",
        timestamps=True,
        translation=True,
        formats=("json", "text", "srt", "vtt", "verbose_json"),
    ),
    _f("embeddings", "embeddings", r"^text-embedding-|embed"),
    _f("moderation", "moderation", r"^(omni|text)-moderation"),
    # Not for the tools here: speech, realtime, audio chat, search-only and legacy completion models.
    _f(
        "other",
        "other",
        r"(tts|realtime|audio|search|research|codex|computer-use|davinci|babbage|gpt-3\.5-turbo-instruct)",
    ),
    _f("gpt-mini", "chat", r"^gpt-[\d.]+o?-(mini|nano)(-|$)", **_CHAT),
    _f("gpt", "chat", r"^gpt-[45]", **_CHAT),
    _f("o-series", "chat", r"^o\d+(-mini)?(-|$)", responses=True, vision=True),
    _f("gpt-3.5", "chat", r"^gpt-3\.5-turbo"),
    _f("chatgpt", "chat", r"^chatgpt-"),
)
_OTHER = next(f for f in FAMILIES if f.id == "other")

# The family each tool's default comes from, in order of preference (a class runs on the cheap, current one).
PREFERRED: Mapping[Tool, tuple[str, ...]] = {
    "chat": ("gpt-mini", "gpt", "o-series"),
    "images": ("gpt-image", "dall-e"),
    "transcription": ("gpt-transcribe", "gpt-4o-transcribe", "whisper"),
    "embeddings": ("embeddings",),
    "moderation": ("moderation",),
}
_PREFER_NAME: Mapping[Tool, re.Pattern[str]] = {
    "chat": re.compile(r"-mini$"),  # gpt-5.4-mini before gpt-5.4-nano
    "embeddings": re.compile(r"-small$"),  # cheapest that does the job
    "moderation": re.compile(r"^omni-moderation-latest$"),
}
# Not a default, ever: more expensive tiers, previews and research models, dated snapshots.
_NOT_DEFAULT = re.compile(r"(?:^|-)(pro|preview|latest|sol|terra|luna)(?:-|$)|-\d{4}-\d{2}-\d{2}$|-\d{4}$")


@dataclass(frozen=True)
class Retired:
    """A model of the lesson's time that OpenAI has shut down, kept as history."""

    shutdown: date | None
    replacement_family: str
    history_key: str  # i18n key of the one-line history


# The lesson (January 2024) names these; none answers today (a request gets 404 model_not_found).
RETIRED: Mapping[str, Retired] = {
    "gpt-3.5-turbo": Retired(date(2026, 10, 23), "gpt-mini", "cat.history.gpt-3.5-turbo"),
    "gpt-4-turbo": Retired(date(2026, 10, 23), "gpt", "cat.history.gpt-4-turbo"),
    "dall-e-3": Retired(date(2026, 5, 12), "gpt-image", "cat.history.dall-e"),
    "dall-e-2": Retired(date(2026, 5, 12), "gpt-image", "cat.history.dall-e"),
    "gpt-image-1": Retired(None, "gpt-image", "cat.history.gpt-image-1"),  # "earlier in the autumn"
    "gpt-image-1.5": Retired(date(2026, 12, 1), "gpt-image", "cat.history.gpt-image-1.5"),
    "gpt-image-1-mini": Retired(date(2026, 12, 1), "gpt-image", "cat.history.gpt-image-1.5"),
    "chatgpt-image-latest": Retired(date(2026, 12, 1), "gpt-image", "cat.history.gpt-image-1.5"),
}


def family_of(model: str) -> Family | None:
    """The family of a model id, or None when no family matches.

    >>> ids = ("gpt-image-2", "gpt-4o-mini-transcribe", "gpt-4o-mini-2024-07-18", "gpt-5.5", "llama3")
    >>> [getattr(family_of(m), "id", None) for m in ids]
    ['gpt-image', 'gpt-4o-transcribe', 'gpt-mini', 'gpt', None]
    """
    name = base_name(model)
    return next((f for f in FAMILIES if f.pattern.search(name)), None)


# Vision models as local servers name them (Ollama's library, LM Studio, vLLM): LLaVA and its kin, Qwen-VL,
# Gemma 3 (all but the 1b), Llama 3.2 Vision / Llama 4, Pixtral, MiniCPM-V, Moondream, Granite Vision.
LOCAL_VISION_MODELS = ("llava", "qwen2.5vl", "gemma3")  # what the UI suggests to pull (``ollama pull ...``)
_LOCAL_VISION = re.compile(
    r"(llava|bakllava|vision|[-_.:]vl\b|\dvl\b|qwen\d(\.\d)?-?vl|gemma-?3(?!:1b|-1b)|pixtral|minicpm-v|moondream"
    r"|llama-?4|mistral-small-?3\.[12])",
    re.IGNORECASE,
)


def sees_images(model: str, *, named_freely: bool = False) -> bool:
    """Whether ``model`` takes images: its family says so; on a server that names models freely (Ollama,
    vLLM, Azure deployments), a name known for vision counts too.

    >>> [sees_images(m, named_freely=True) for m in ("gpt-5.4-mini", "llava:7b", "qwen2.5vl:3b", "gemma3:1b",
    ...                                               "llama3.2", "smollm2-135m-instruct")]
    [True, True, True, False, False, False]
    """
    family = family_of(model)
    if family is not None:
        return family.vision
    return named_freely and bool(_LOCAL_VISION.search(model.strip()))


def searches_web(model: str) -> bool:
    """Whether ``model``'s family takes the Responses ``web_search`` tool."""
    family = family_of(model)
    return family is not None and family.web_search and family.responses


def retired(model: str) -> Retired | None:
    """History for a model the lesson names and OpenAI has shut down (dated snapshots included)."""
    name = base_name(model)
    return RETIRED.get(name) or RETIRED.get(undated(name))


@dataclass(frozen=True)
class Listed:
    """One model the server lists, with its family (None: none known) and its shutdown date."""

    id: str
    created: int = 0
    shutdown: date | None = None
    family: Family | None = None

    def gone(self, today: date) -> bool:
        return self.shutdown is not None and self.shutdown <= today

    def going(self, today: date) -> bool:
        """Announced to shut down, but still answering."""
        return self.shutdown is not None and self.shutdown > today


def _date(value: object) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _field(model: object, name: str) -> Any:
    return model.get(name) if isinstance(model, Mapping) else getattr(model, name, None)


@dataclass(frozen=True)
class Catalogue:
    """What one server lists, sorted into tools. ``openai_only``: hide ids of no known family."""

    models: tuple[Listed, ...]
    today: date
    openai_only: bool = True
    defaults: Mapping[str, str] | None = None  # a deployer's choices, per tool

    @classmethod
    def from_listing(
        cls,
        listing: Iterable[object],
        *,
        today: date,
        openai_only: bool = True,
        defaults: Mapping[str, str] | None = None,
    ) -> Catalogue:
        """From ``GET /models`` items (SDK ``Model`` objects or dicts). Only the server's ``shutdown_date``
        counts: a model the lesson knew as retired that an account or a deployment still lists can be used."""
        models, seen = [], set()
        for item in listing:
            model_id = str(_field(item, "id") or "").strip()
            if not model_id or model_id in seen:
                continue
            seen.add(model_id)
            shutdown = _date(_field(item, "shutdown_date"))
            created = _field(item, "created")
            models.append(
                Listed(
                    model_id, int(created) if isinstance(created, int) else 0, shutdown, family_of(model_id)
                )
            )
        return cls(tuple(models), today, openai_only, dict(defaults or {}))

    def tool_of(self, model: Listed) -> Tool | None:
        if model.family is not None:
            return model.family.tool
        return None if self.openai_only else "chat"

    def for_tool(self, tool: Tool, *, include_gone: bool = False) -> list[Listed]:
        """The models a tool can use, newest first; shut-down ones left out unless asked for."""
        found = [
            m
            for m in self.models
            if self.tool_of(m) == tool and (include_gone or not m.gone(self.today)) and m.family is not _OTHER
        ]
        return sorted(found, key=lambda m: (-m.created, m.id))

    def ids(self, tool: Tool) -> list[str]:
        """The ids a picker offers, the default first."""
        ids = [m.id for m in self.for_tool(tool)]
        default = self.default(tool)
        return ([default] + [i for i in ids if i != default]) if default in ids else ids

    def get(self, model_id: str) -> Listed | None:
        return next((m for m in self.models if m.id == model_id), None)

    def default(self, tool: Tool) -> str | None:
        """The deployer's choice when listed; else the newest model of the tool's preferred family."""
        usable = self.for_tool(tool)
        chosen = (self.defaults or {}).get(tool)
        if chosen and any(m.id == chosen for m in usable):
            return chosen
        candidates = [m for m in usable if not _NOT_DEFAULT.search(base_name(m.id))]
        prefer = _PREFER_NAME.get(tool)
        for family in PREFERRED.get(tool, ()):
            members = [m for m in candidates if m.family is not None and m.family.id == family]
            if prefer is not None:
                members.sort(key=lambda m: not prefer.search(base_name(m.id)))  # stable: newest first within
            if members:
                return members[0].id
        return candidates[0].id if candidates else (usable[0].id if usable else None)

    def replacement(self, model: str) -> str | None:
        """What to use instead of ``model`` (shut down or not listed): the default of its family's tool,
        from its own family when that family still has a member."""
        history = retired(model)
        family_id = history.replacement_family if history else getattr(family_of(model), "id", None)
        tool = next((f.tool for f in FAMILIES if f.id == family_id), None)
        if tool is None:
            return None
        same = [
            m.id
            for m in self.for_tool(tool)
            if m.family is not None and m.family.id == family_id and not _NOT_DEFAULT.search(base_name(m.id))
        ]
        best = self.default(tool)
        if best in same or not same:
            return best if best != model else None
        return same[0]
