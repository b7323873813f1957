"""A chat message or image prompt is checked with OpenAI's moderation endpoint before the paid call
(safe mode).

The moderation endpoint is free and only OpenAI has it (Azure filters content on its own; a compatible server
such as Ollama has none). A flagged input is refused with a short, non-judgemental explanation that names the
kinds of content in plain words; nothing else about the text is kept or logged.

>>> Verdict(True, ("self_harm", "violence")).groups
('self_harm', 'violence')
>>> refusal(Verdict(True, ("violence_graphic",)), "en").startswith("This can't be sent in class")
True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from lib.core.i18n import Lang, t

MODEL = "omni-moderation-latest"

# Fine-grained categories folded into the groups a class would understand.
_GROUPS = {
    "harassment": "harassment",
    "harassment_threatening": "harassment",
    "hate": "hate",
    "hate_threatening": "hate",
    "illicit": "illicit",
    "illicit_violent": "illicit",
    "self_harm": "self_harm",
    "self_harm_instructions": "self_harm",
    "self_harm_intent": "self_harm",
    "sexual": "sexual",
    "sexual_minors": "sexual",
    "violence": "violence",
    "violence_graphic": "violence",
}

GROUP_LABEL_KEYS: dict[str, str] = {
    "harassment": "mod.group.harassment",
    "hate": "mod.group.hate",
    "illicit": "mod.group.illicit",
    "self_harm": "mod.group.self_harm",
    "sexual": "mod.group.sexual",
    "violence": "mod.group.violence",
    "other": "mod.group.other",
}


@dataclass(frozen=True)
class Verdict:
    flagged: bool
    categories: tuple[str, ...] = ()

    @property
    def groups(self) -> tuple[str, ...]:
        return tuple(sorted({_GROUPS.get(c, "other") for c in self.categories}))


def check(client: Any, texts: str | Sequence[str]) -> Verdict:
    """Ask the moderation endpoint about ``texts`` (one call). Errors propagate: in safe mode an input that
    could not be checked is not sent."""
    items = [texts] if isinstance(texts, str) else [text for text in texts if text.strip()]
    if not items:
        return Verdict(False)
    response = client.moderations.create(model=MODEL, input=items if len(items) > 1 else items[0])
    flagged = False
    categories: set[str] = set()
    for result in response.results or []:
        flagged = flagged or bool(result.flagged)
        # API names ("self-harm/intent") as sent, whatever the SDK version knows of them.
        for name, value in (result.categories.model_dump(by_alias=True) if result.categories else {}).items():
            if value:
                categories.add(name.replace("/", "_").replace("-", "_"))
    return Verdict(flagged, tuple(sorted(categories)))


def refusal(verdict: Verdict, lang: Lang) -> str:
    """The short explanation shown instead of sending; adds where to find help when it is about self-harm."""
    kinds = ", ".join(t(GROUP_LABEL_KEYS[group], lang) for group in verdict.groups)
    text = t("mod.refused", lang, kinds=kinds or t("mod.group.other", lang))
    if "self_harm" in verdict.groups:
        text += "\n\n" + t("mod.support", lang)
    return text
