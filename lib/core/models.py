"""Model ids: one rule for the name a family table is keyed by.

>>> base_name(" OpenAI/GPT-4o "), undated("gpt-4o-2024-08-06"), undated("gpt-4-0613")
('gpt-4o', 'gpt-4o', 'gpt-4')
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_DATED_SUFFIX = re.compile(r"-(\d{4}-\d{2}-\d{2}|\d{4})$")


def base_name(model: str) -> str:
    """The id lower-cased, without a provider prefix ("openai/gpt-4o" on a compatible server is gpt-4o)."""
    return model.strip().lower().rsplit("/", 1)[-1]


def undated(name: str) -> str:
    """``name`` without a dated snapshot suffix ("-2024-08-06", "-0613")."""
    return _DATED_SUFFIX.sub("", name)


def shared_prefix(a: Sequence[int], b: Sequence[int]) -> int:
    """How many leading items ``a`` and ``b`` share: the part of a prompt an engine's cache can keep.

    >>> shared_prefix([1, 2, 3, 4], [1, 2, 9]), shared_prefix([], [1])
    (2, 0)
    """
    same = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        same += 1
    return same
