"""An answer format for tasks that need a fixed shape: digits separated by commas, yes/no, or one label.

The built-in engine enforces it while it writes: a llama.cpp grammar (GBNF) lets the model choose only tokens
that keep the answer in the format, so a tiny model that wrote "1, 2, 3" can only write "1, 1, 0" or another
list of three 0/1 digits. A server cannot be told a grammar through the OpenAI API, so its answer is checked
and, when it is not in the format, asked for once more with a reminder (``retry_messages``).

"One digit per sentence" counts the sentences of the user's message, so the format also fixes how many
digits come back (the lesson's delivery review has three sentences, so three digits).

>>> fmt = AnswerFormat(kind="digits", digits="01", per_sentence=True)
>>> message = "음식이 맛있어요. 포장 상태도 좋았어요. 그런데 양이 좀 부족했어요."
>>> print(fmt.grammar(message))
root ::= d ", " d ", " d
d ::= [01]
>>> fmt.conforms(message, "1, 1, 0"), fmt.conforms(message, "1, 2, 3"), fmt.conforms(message, "1,1,0.")
(True, False, True)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from lib.core.i18n import t

Kind = Literal["free", "digits", "yes_no", "label"]
FORMAT_KINDS: tuple[Kind, ...] = ("free", "digits", "yes_no", "label")
YES_NO = ("chat.format.yes", "chat.format.no")  # i18n keys: 예/아니요, yes/no
_SENTENCE_END = re.compile(r"(?<=[.!?。？！])\s+|\n+")
_TRAILING = " \t\r\n.。!?！？"


def sentences(text: str) -> list[str]:
    """The sentences of ``text``: split after . ! ? (and at line breaks), empty pieces dropped.

    >>> sentences("Fast delivery! Cold food.  Never again?")
    ['Fast delivery!', 'Cold food.', 'Never again?']
    """
    return [part.strip() for part in _SENTENCE_END.split(text) if part.strip()]


def _gbnf_literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@dataclass(frozen=True)
class AnswerFormat:
    """What shape an answer must have. ``kind`` "free" means no rule."""

    kind: Kind = "free"
    digits: str = "01"  # the digits allowed (kind "digits")
    per_sentence: bool = False  # as many digits as the user's message has sentences (kind "digits")
    labels: tuple[str, ...] = ()  # kind "label"
    lang: str = "en"  # the words of yes/no

    @property
    def active(self) -> bool:
        return self.kind != "free" and bool(self.choices() if self.kind != "digits" else self._digit_set())

    def _digit_set(self) -> str:
        return "".join(sorted({c for c in self.digits if c.isdigit()}))

    def choices(self) -> tuple[str, ...]:
        """The whole answers allowed for yes/no and label formats (empty for the others)."""
        if self.kind == "yes_no":
            return tuple(t(key, self.lang) for key in YES_NO)
        if self.kind == "label":
            return tuple(dict.fromkeys(label.strip() for label in self.labels if label.strip()))
        return ()

    def count(self, message: str) -> int | None:
        """How many digits the answer must have; None when any number will do."""
        if self.kind != "digits" or not self.per_sentence:
            return None
        return max(1, len(sentences(message)))

    def grammar(self, message: str) -> str | None:
        """The GBNF grammar llama.cpp enforces for the answer to ``message``; None for a free answer."""
        if not self.active:
            return None
        if self.kind == "digits":
            n = self.count(message)
            root = ' ", " '.join(["d"] * n) if n else 'd (", " d)*'
            return f"root ::= {root}\nd ::= [{self._digit_set()}]"
        return "root ::= " + " | ".join(_gbnf_literal(choice) for choice in self.choices())

    def pattern(self, message: str) -> str | None:
        """A regular expression an answer in the format matches in full, once stripped of spaces and a final
        full stop (what the app checks a server's answer with, and what the "view code" script checks)."""
        if not self.active:
            return None
        if self.kind == "digits":
            d = f"[{self._digit_set()}]"
            n = self.count(message)
            return rf"{d}(?:\s*,\s*{d})" + ("*" if n is None else f"{{{n - 1}}}")
        return "(?i)(?:" + "|".join(re.escape(c) for c in self.choices()) + ")"

    def conforms(self, message: str, answer: str) -> bool:
        """Whether ``answer`` has the format (spaces around commas and a final full stop are forgiven)."""
        pattern = self.pattern(message)
        return pattern is None or re.fullmatch(pattern, answer.strip().strip(_TRAILING)) is not None

    def describe(self, message: str, lang: str) -> str:
        """The format in words, for the page and for the reminder sent with a retry."""
        if self.kind == "digits":
            digits = "/".join(self._digit_set())
            n = self.count(message)
            if n is None:
                return t("chat.format.describe.digits", lang, digits=digits)
            example = ", ".join(self._digit_set()[i % len(self._digit_set())] for i in range(n))
            return t("chat.format.describe.digits_n", lang, n=n, digits=digits, example=example)
        if self.kind in ("yes_no", "label"):
            return t("chat.format.describe.one_of", lang, choices=" / ".join(self.choices()))
        return ""


def retry_messages(messages: list[dict[str, Any]], answer: str, reminder: str) -> list[dict[str, Any]]:
    """The conversation for the one retry: the answer that missed the format, then a reminder of it.

    >>> retry_messages([{"role": "user", "content": "Hi"}], "Hello!", "Answer yes or no.")[1:]
    [{'role': 'assistant', 'content': 'Hello!'}, {'role': 'user', 'content': 'Answer yes or no.'}]
    """
    return [*messages, {"role": "assistant", "content": answer}, {"role": "user", "content": reminder}]
