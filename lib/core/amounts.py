"""What a paid call costs, in the units the classroom budgets and the rate limiter count.

Every tool plans its calls in these units (``plan_cost``), with the same code that later sends them, so what
is booked is what will be sent.

>>> Amounts(requests=1, tokens=60) + Amounts(requests=2)
Amounts(requests=3, tokens=60, images=0, audio_minutes=0.0)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

RESOURCES = ("requests", "tokens", "images", "audio_minutes")


@dataclass(frozen=True)
class Amounts:
    """What one action costs (or what is used / allowed): requests, tokens, images, audio minutes."""

    requests: int = 0
    tokens: int = 0
    images: int = 0
    audio_minutes: float = 0.0

    def __post_init__(self) -> None:
        for name in ("requests", "tokens", "images"):
            object.__setattr__(self, name, int(getattr(self, name)))
        object.__setattr__(self, "audio_minutes", float(self.audio_minutes))

    def __add__(self, other: Amounts) -> Amounts:
        return Amounts(*(getattr(self, f) + getattr(other, f) for f in RESOURCES))

    def __sub__(self, other: Amounts) -> Amounts:
        return Amounts(*(getattr(self, f) - getattr(other, f) for f in RESOURCES))

    def items(self) -> Iterable[tuple[str, float]]:
        return ((f, getattr(self, f)) for f in RESOURCES)


Limits = Amounts  # a limit of 0 allows none of that resource
