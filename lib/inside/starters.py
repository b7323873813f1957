"""One-click starters from the lecture: prefixes whose next word a class can guess, sentences with a blank.

Each carries an i18n key for its button and the text itself (the text is the example, not a translation).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Starter:
    """A prefix for the next-token view and the word a person expects after it."""

    label_key: str
    text: str
    expected: str


@dataclass(frozen=True)
class BlankStarter:
    """A sentence with one blank and candidates for it (the right one first)."""

    label_key: str
    template: str
    words: tuple[str, ...]


STARTERS: tuple[Starter, ...] = (
    Starter("inside.starter.1bak", "1박", "2일"),
    Starter("inside.starter.jeonguk", "전국", "노래자랑"),
    Starter("inside.starter.paris", "The capital of France is", " Paris"),
    Starter("inside.starter.once", "Once upon a", " time"),
    Starter("inside.starter.peanut", "Peanut butter and", " jelly"),
)

BLANK_STARTERS: tuple[BlankStarter, ...] = (
    BlankStarter("inside.blank.anthem1", "아름다운 ( ) 강산", ("우리", "대한", "바나나")),
    BlankStarter("inside.blank.anthem2", "동해물과 ( ) 마르고 닳도록", ("백두산이", "한라산이", "컴퓨터가")),
    BlankStarter("inside.blank.family", "사랑하는 ( ) 가족", ("우리", "나의", "냉장고")),
    BlankStarter("inside.blank.paris", "The capital of France is ( ).", ("Paris", "London", "banana")),
    BlankStarter("inside.blank.coffee", "I drink ( ) every morning.", ("coffee", "tea", "concrete")),
)
