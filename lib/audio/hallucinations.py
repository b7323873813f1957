"""Stock phrases Whisper is known to invent over silence, music or noise, kept as data with where each was
reported, so the subtitle check can flag them (a cue that says only one of these is almost never speech).

Whisper learned from subtitled video, whose closing credits ("thanks for watching", "subtitles by ...") sit
over silence and music; on silence it writes them back. Matching is on letters and digits only, case
folded, and a phrase must be (nearly) the whole cue: "thank you for watching the whole lesson" said by a
teacher is not flagged, "Thank you for watching!" alone over a quiet end is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class StockPhrase:
    """A known invented phrase: a regular expression over the cue's folded letters (see ``fold``), its
    language, and where it was reported."""

    pattern: str
    language: str
    reported: str


STOCK_PHRASES: tuple[StockPhrase, ...] = (
    StockPhrase(
        r"시청해\s?주셔서\s?감사합니다",
        "ko",
        "github.com/PocketShell-io/pocketshell/issues/452 (on silence, 2026); issue 17 of this project",
    ),
    StockPhrase(r"구독과\s?좋아요\s?부탁드립니다", "ko", "issue 17 of this project (Korean YouTube outros)"),
    StockPhrase(r"mbc\s?뉴스\s?\S*(입니다|였습니다)", "ko", "issue 17 of this project (MBC 뉴스 ...입니다)"),
    StockPhrase(r"thank(s| you) (so much )?for watching", "en", "github.com/openai/whisper/discussions/679"),
    StockPhrase(
        r"subtitles by the amara ?org community",
        "en",
        "github.com/saurabhav88/EnviousWispr/issues/452; github.com/EdF2021/ithaka/issues/96 (Dutch form)",
    ),
    StockPhrase(
        r"please subscribe( to (my|our|the) channel)?|like and subscribe",
        "en",
        "github.com/openai/whisper/discussions/679",
    ),
    StockPhrase(r"ご視聴ありがとうございました", "ja", "github.com/amicalhq/amical/issues/71"),
)

_COMPILED = tuple((phrase, re.compile(phrase.pattern)) for phrase in STOCK_PHRASES)


def fold(text: str) -> str:
    """Letters, digits and single spaces, case folded: "Thank you for watching!" -> "thank you for watching".

    >>> fold("  MBC 뉴스, 김철수입니다. ")
    'mbc 뉴스 김철수입니다'
    """
    kept = "".join(char if char.isalnum() else " " for char in text.casefold())
    return " ".join(kept.split())


def stock_phrase(text: str) -> StockPhrase | None:
    """The known invented phrase that makes up (nearly) all of ``text``, if any.

    >>> stock_phrase("시청해주셔서 감사합니다!").language
    'ko'
    >>> stock_phrase("Thanks for watching the whole lesson, class") is None
    True
    """
    folded = fold(text)
    if not folded:
        return None
    for phrase, pattern in _COMPILED:
        match = pattern.search(folded)
        if match and len(match.group(0)) >= 0.7 * len(folded):
            return phrase
    return None
