"""gpt-image-2's free sizes: any WIDTHxHEIGHT within the spec's rules (written in prose), checked first.

The spec (``CreateImageRequest.size``, same words for edits) says: width and height both divisible by 16, an
aspect ratio between 1:3 and 3:1, at most 3840x2160, above 2560x1440 experimental, and ``auto``. "At most
3840x2160" is read here as fitting inside 3840x2160 either way round (long side <= 3840, short side <= 2160),
the strictest reading, so nothing the app sends can be refused for its size; "above 2560x1440" likewise.

>>> check_size("1536x864").experimental, check_size("3840x2160").experimental
(False, True)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from math import gcd

from lib.images.errors import RequestRuleError

MULTIPLE = 16
MAX_RATIO = 3
MAX_LONG, MAX_SHORT = 3840, 2160
STABLE_LONG, STABLE_SHORT = 2560, 1440
AUTO = "auto"

# The form's presets: the three standard sizes, a 16:9 (the spec's own example), QHD and 4K (experimental).
PRESETS: tuple[str, ...] = (
    AUTO,
    "1024x1024",
    "1536x1024",
    "1024x1536",
    "1536x864",
    "2560x1440",
    "3840x2160",
)
CUSTOM = "custom"  # the form's choice that opens a WIDTHxHEIGHT field

_SIZE = re.compile(r"^\s*(\d{1,6})\s*[xX×*]\s*(\d{1,6})\s*$")


@dataclass(frozen=True)
class CheckedSize:
    """A size that passed every rule; ``text`` is what is sent."""

    width: int
    height: int
    experimental: bool

    @property
    def text(self) -> str:
        return f"{self.width}x{self.height}"

    @property
    def ratio(self) -> str:
        """The aspect ratio in lowest terms ("16:9")."""
        d = gcd(self.width, self.height)
        return f"{self.width // d}:{self.height // d}"


def _nearest(value: int) -> int:
    return max(MULTIPLE, round(value / MULTIPLE) * MULTIPLE)


def check_size(text: str) -> CheckedSize | None:
    """The size if it passes the spec's rules (None for ``auto``); else ``RequestRuleError`` naming the rule.

    >>> try:
    ...     check_size("1000x1000")
    ... except RequestRuleError as exc:
    ...     exc.key, exc.values["suggest"]
    ('img.rule.size.multiple', '992x992')
    """
    if text.strip().lower() == AUTO:
        return None
    match = _SIZE.match(text)
    if match is None or 0 in (int(match[1]), int(match[2])):
        raise RequestRuleError("img.rule.size.format", value=text.strip()[:20])
    width, height = int(match[1]), int(match[2])
    size = f"{width}x{height}"
    if width % MULTIPLE or height % MULTIPLE:
        raise RequestRuleError(
            "img.rule.size.multiple", value=size, suggest=f"{_nearest(width)}x{_nearest(height)}"
        )
    long, short = max(width, height), min(width, height)
    if long > MAX_RATIO * short:
        raise RequestRuleError("img.rule.size.ratio", value=size, ratio=f"{long / short:.1f}")
    if long > MAX_LONG or short > MAX_SHORT:
        raise RequestRuleError("img.rule.size.max", value=size)
    return CheckedSize(width, height, experimental=long > STABLE_LONG or short > STABLE_SHORT)


def size_like(width: int, height: int, *, largest: int = 1536) -> str:
    """A free size with (nearly) the shape of a ``width`` x ``height`` photo, for an edit that keeps its
    framing: the longer side at most ``largest``, both multiples of 16, the ratio clamped to 1:3..3:1.

    >>> size_like(1280, 853), size_like(4000, 500)
    ('1280x848', '1536x512')
    """
    scale = min(1.0, largest / max(width, height))
    w, h = max(1, width * scale), max(1, height * scale)
    if w > MAX_RATIO * h:
        h = w / MAX_RATIO
    elif h > MAX_RATIO * w:
        w = h / MAX_RATIO
    w16, h16 = (max(MULTIPLE, int(v // MULTIPLE) * MULTIPLE) for v in (w, h))
    # Rounding down may tip a clamped 3:1 just over the limit: widen the short side by one step.
    if max(w16, h16) > MAX_RATIO * min(w16, h16):
        if w16 < h16:
            w16 += MULTIPLE
        else:
            h16 += MULTIPLE
    return f"{w16}x{h16}"
