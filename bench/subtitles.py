"""Time to shape 10,000 word-timed segments into cues and write them as SRT and VTT.

Run: python bench/subtitles.py [--repeat N] [--segments N]
Target: SRT writing of 10,000 segments under 200 ms. Both readings are flagged: `to_srt` of the cues alone,
and `build_cues` + `to_srt` (segments in, file out: what the download button costs). Medians of N runs. The
reference is the `srt` library's `compose` writing the same cues, byte for byte the same output (a dev-only
dependency; the column shows "-" when it is not installed).
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lib.audio import subtitles as subs
from tests.harness.timing import median_ms

ENGLISH_TEXT = (
    "And so, my fellow Americans: ask not what your country can do for you — ask what you can do for your "
    "country. My fellow citizens of the world: ask not what America will do for you, but what together we "
    "can do for the freedom of man. Tokens are pieces of words, and a model reads them one at a time."
)
KOREAN_TEXT = (
    "안녕하세요, 여러분. 오늘은 인공지능이 사람의 말을 어떻게 알아듣는지, 그리고 자막을 어떻게 만드는지 "
    "함께 살펴보겠습니다. 음성 인식 모델은 소리를 짧은 조각으로 나누어 읽고, 각 조각이 어떤 글자인지 "
    "추측합니다. 한국어는 띄어쓰기 단위인 어절로 줄을 바꿉니다."
)
TARGET_MS = 200.0


def make_segments(words: list[str], count: int, seed: int = 7) -> list[subs.Segment]:
    """``count`` segments of 4 to 30 words, 0.15-0.6 s a word, with an occasional long pause."""
    rng = random.Random(seed)
    segments = []
    clock = 0.0
    position = 0
    for _ in range(count):
        timed = []
        for _ in range(rng.randint(4, 30)):
            text = words[position % len(words)]
            position += 1
            if rng.random() < 0.03:
                clock += 1.5  # a pause long enough to start a new cue
            start = clock
            clock += rng.uniform(0.15, 0.6)
            timed.append(subs.Word(round(start, 2), round(clock, 2), " " + text))
            clock += rng.uniform(0.0, 0.1)
        clock += rng.uniform(0.2, 1.5)
        text = "".join(word.text for word in timed)
        segments.append(subs.Segment(timed[0].start, timed[-1].end, text, tuple(timed)))
    return segments


def srt_compose_of(cues: list[subs.Cue]):
    """A function writing ``cues`` with the `srt` library, or None when it is not installed."""
    try:
        import srt
    except ImportError:
        return None

    def compose() -> str:
        items = [
            srt.Subtitle(
                index=cue.index,
                start=timedelta(milliseconds=cue.start),
                end=timedelta(milliseconds=cue.end),
                content=cue.text,
            )
            for cue in cues
        ]
        return srt.compose(items, reindex=False)

    return compose


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=11)
    parser.add_argument("--segments", type=int, default=10_000)
    args = parser.parse_args()
    header = ("text", "segments", "words", "cues", "build ms", "srt ms", "vtt ms", "build+srt", "compose ms")
    print("{:<5} {:>8} {:>7} {:>6} {:>9} {:>7} {:>7} {:>9} {:>10}  srt/compose".format(*header))
    for name, text in (("en", ENGLISH_TEXT), ("ko", KOREAN_TEXT)):
        segments = make_segments(text.split(), args.segments)
        n_words = sum(len(segment.words) for segment in segments)
        cues = subs.build_cues(segments)
        build = median_ms(lambda s=segments: subs.build_cues(s), args.repeat)
        write_srt = median_ms(lambda c=cues: subs.to_srt(c), args.repeat)
        write_vtt = median_ms(lambda c=cues: subs.to_vtt(c), args.repeat)
        total = build + write_srt
        compose = srt_compose_of(cues)
        if compose is None:
            reference, ratio = f"{'-':>10}", "-"
        else:
            assert compose() == subs.to_srt(cues), "to_srt and srt.compose disagree"
            compose_ms = median_ms(compose, args.repeat)
            reference, ratio = f"{compose_ms:>10.1f}", f"{write_srt / compose_ms:.2f}x"
        flags = [
            f"{label} over {TARGET_MS:.0f} ms"
            for label, ms in (("srt", write_srt), ("build+srt", total))
            if ms > TARGET_MS
        ]
        warning = "  <-- " + ", ".join(flags) if flags else ""
        print(
            f"{name:<5} {len(segments):>8} {n_words:>7} {len(cues):>6} {build:>9.1f} {write_srt:>7.1f} "
            f"{write_vtt:>7.1f} {total:>9.1f} {reference}  {ratio:<11}{warning}"
        )
    print(
        f"target: SRT of {args.segments:,} segments under {TARGET_MS:.0f} ms; medians of {args.repeat} runs"
    )


if __name__ == "__main__":
    main()
