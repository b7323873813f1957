"""A picture of the media's timeline: where the voice-activity detector heard speech, which parts it cut as
silence (the built-in Whisper never hears those), and where the cues are. Drawn with Pillow, so it needs
nothing but what the app already has and can be checked pixel by pixel in a test.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

SPEECH_RGB = (79, 124, 255)  # heard: sent to Whisper
SILENCE_RGB = (222, 226, 232)  # cut by the VAD
CUE_RGB = (245, 158, 11)  # a subtitle on screen
BACKGROUND_RGB = (255, 255, 255)
TEXT_RGB = (75, 85, 99)
SPEECH_ROW = (4, 34)  # y range of the speech band
CUE_ROW = (40, 52)  # y range of the cue band
HEIGHT = 72


def x_of(seconds: float, duration: float, width: int) -> int:
    """The pixel column of a moment."""
    return round(min(max(seconds / duration, 0.0), 1.0) * (width - 1)) if duration > 0 else 0


def _tick_step(duration: float) -> int:
    for step in (1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600):
        if duration / step <= 10:
            return step
    return 7200


def timeline_png(
    duration: float,
    speech: Sequence[tuple[float, float]],
    cues: Sequence = (),
    *,
    width: int = 900,
) -> bytes:
    """A PNG ``width`` pixels wide: the speech band (speech in blue, cut silence in grey), the cues below it
    (anything with ``start`` and ``end`` in milliseconds), and time marks.

    >>> from PIL import Image
    >>> image = Image.open(io.BytesIO(timeline_png(10.0, [(0.0, 4.0)], width=101)))
    >>> image.getpixel((20, 20)) == SPEECH_RGB, image.getpixel((80, 20)) == SILENCE_RGB
    (True, True)
    """
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (width, HEIGHT), BACKGROUND_RGB)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, SPEECH_ROW[0], width - 1, SPEECH_ROW[1]), fill=SILENCE_RGB)
    for start, end in speech:
        a, b = x_of(start, duration, width), x_of(end, duration, width)
        draw.rectangle((a, SPEECH_ROW[0], max(a, b), SPEECH_ROW[1]), fill=SPEECH_RGB)
    for cue in cues:
        a, b = x_of(cue.start / 1000, duration, width), x_of(cue.end / 1000, duration, width)
        draw.rectangle((a, CUE_ROW[0], max(a, b - 1), CUE_ROW[1]), fill=CUE_RGB)
    step = _tick_step(duration)
    for second in range(0, int(duration) + 1, step):
        x = x_of(second, duration, width)
        draw.line((x, CUE_ROW[1] + 3, x, CUE_ROW[1] + 6), fill=TEXT_RGB)
        label = f"{second // 60}:{second % 60:02d}"
        draw.text((min(x + 2, width - 28), CUE_ROW[1] + 5), label, fill=TEXT_RGB)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def silences(
    speech: Sequence[tuple[float, float]], duration: float, *, at_least: float = 1.0
) -> list[tuple[float, float]]:
    """The cut parts: stretches of at least ``at_least`` seconds with no speech.

    >>> silences([(1.0, 4.0), (9.0, 10.0)], 12.0)
    [(0.0, 1.0), (4.0, 9.0), (10.0, 12.0)]
    """
    gaps = []
    last = 0.0
    for start, end in sorted(speech):
        if start - last >= at_least:
            gaps.append((last, start))
        last = max(last, end)
    if duration - last >= at_least:
        gaps.append((last, duration))
    return gaps
