"""Ready-made exercises from the lesson (data): system prompt, examples and a sample input.

A preset holds i18n keys (its strings are in ``lib/chat/strings.py``); ``Preset.localized`` gives its text.

>>> PRESETS["sentiment"].localized("ko").sample
'음식이 맛있어요. 포장 상태도 좋았어요. 그런데 양이 좀 부족했어요.'
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lib.chat.answer_format import AnswerFormat
from lib.chat.messages import Shot
from lib.core.i18n import t

LANGS: tuple[str, ...] = ("ko", "en")


@dataclass(frozen=True)
class PresetText:
    """A preset in one language: what the Chat page fills in and shows."""

    name: str
    system: str
    shots: tuple[Shot, ...]
    sample: str
    note: str


@dataclass(frozen=True)
class Preset:
    """A ready-made exercise; every text is an i18n key, ``None`` (or no shots) where the preset has none."""

    id: str
    name: str
    temperature: float
    system: str | None = None
    shots: tuple[tuple[str, str], ...] = ()  # (user key, assistant key) per example
    sample: str | None = None
    note: str | None = None
    expected: str = ""  # the answer to look for, where there is one (the same in every language)
    # The format the preset's task needs ("free": none).
    answer_format: AnswerFormat = field(default_factory=AnswerFormat)

    @property
    def keys(self) -> tuple[str, ...]:
        """Every i18n key the preset uses."""
        texts = (
            self.name,
            self.system,
            *(key for shot in self.shots for key in shot),
            self.sample,
            self.note,
        )
        return tuple(key for key in texts if key)

    def localized(self, lang: str) -> PresetText:
        """The preset's text in ``lang`` (English where a language is missing); "" where it has none."""

        def text(key: str | None) -> str:
            return t(key, lang) if key else ""

        return PresetText(
            name=text(self.name),
            system=text(self.system),
            shots=tuple(Shot(text(user), text(assistant)) for user, assistant in self.shots),
            sample=text(self.sample),
            note=text(self.note),
        )


PRESETS: dict[str, Preset] = {
    preset.id: preset
    for preset in (
        Preset(id="none", name="chat.preset.none.name", temperature=1.0),
        Preset(
            id="sentiment",
            name="chat.preset.sentiment.name",
            system="chat.preset.sentiment.system",
            shots=(
                ("chat.preset.sentiment.shot1.user", "chat.preset.sentiment.shot1.assistant"),
                ("chat.preset.sentiment.shot2.user", "chat.preset.sentiment.shot2.assistant"),
            ),
            sample="chat.preset.sentiment.sample",
            temperature=0.0,
            note="chat.preset.sentiment.note",
            expected="1, 1, 0",
            answer_format=AnswerFormat(kind="digits", digits="01", per_sentence=True),
        ),
        Preset(
            id="translate",
            name="chat.preset.translate.name",
            system="chat.preset.translate.system",
            shots=(
                ("chat.preset.translate.shot1.user", "chat.preset.translate.shot1.assistant"),
                ("chat.preset.translate.shot2.user", "chat.preset.translate.shot2.assistant"),
            ),
            sample="chat.preset.translate.sample",
            temperature=0.3,
            note="chat.preset.translate.note",
        ),
        Preset(
            id="friendlier",
            name="chat.preset.friendlier.name",
            system="chat.preset.friendlier.system",
            shots=(("chat.preset.friendlier.shot1.user", "chat.preset.friendlier.shot1.assistant"),),
            sample="chat.preset.friendlier.sample",
            temperature=0.7,
            note="chat.preset.friendlier.note",
        ),
        Preset(
            id="summarise",
            name="chat.preset.summarise.name",
            system="chat.preset.summarise.system",
            sample="chat.preset.summarise.sample",
            temperature=0.3,
            note="chat.preset.summarise.note",
        ),
        Preset(
            id="hallucination",
            name="chat.preset.hallucination.name",
            sample="chat.preset.hallucination.sample",
            temperature=1.0,
            note="chat.preset.hallucination.note",
        ),
        Preset(
            id="hallucination_guarded",
            name="chat.preset.hallucination_guarded.name",
            system="chat.preset.hallucination_guarded.system",
            sample="chat.preset.hallucination.sample",
            temperature=1.0,
            note="chat.preset.hallucination_guarded.note",
        ),
    )
}
