"""Timing an API model's text on this computer: the built-in base model's run (the cost a user waits for)
against the alignment itself, and the estimate the page shows before it runs against what it took.

Run: python bench/align.py [--minutes 1 10 60]
The built-in engine transcribes jfk.flac (11 s) once for real; longer lessons are simulated by repeating its
words (22 a repetition, with every 10th API word changed and every 15th left out, as a better model hears
differently) so the alignment's own cost can be measured up to an hour of speech. "align ms" is the median of
5 runs of ``lib.audio.align.timed``; "ratio" is the alignment's time over the built-in run it follows (scaled
to the same length), i.e. how little the alignment adds; "est/real" the page's estimate over the measured run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lib.audio import align, local_whisper  # noqa: E402
from lib.audio import transcription as tr  # noqa: E402
from lib.audio.languages import LanguageChoice  # noqa: E402
from lib.audio.subtitles import Segment, Word  # noqa: E402

JFK = ROOT / "assets" / "jfk.flac"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, nargs="*", default=[1, 10, 60])
    args = parser.parse_args()
    t0 = time.perf_counter()
    model = local_whisper.load("base")
    load = time.perf_counter() - t0
    options = tr.Options(languages=LanguageChoice(("en",)))
    tr.transcribe_local(model, JFK, options, model_name="base")  # warm-up
    t0 = time.perf_counter()
    local = tr.transcribe_local(model, JFK, options, model_name="base")
    run = time.perf_counter() - t0
    rtf = run / local.duration
    estimate = align.estimate_seconds(local.duration, cores=os.cpu_count())
    print(f"built-in base on jfk.flac: load {load:.1f} s, run {run:.2f} s, real-time factor {rtf:.3f}")
    ratio = estimate / (load + run)
    print(f"page's estimate before a first run: {estimate:.1f} s; est/real (load + run) {ratio:.2f}")
    words = [w for s in local.segments for w in s.words]
    print(f"\n{'minutes':>8} {'words':>7} {'align ms':>9} {'built-in s':>11} {'ratio':>7}")
    for minutes in args.minutes:
        reps = max(1, round(minutes * 60 / local.duration))
        heard: list[Word] = []
        said: list[str] = []
        for r in range(reps):
            shift = r * local.duration
            for k, w in enumerate(words):
                heard.append(Word(w.start + shift, w.end + shift, w.text))
                n = r * len(words) + k
                if n % 15 == 14:
                    continue  # the API model did not say it
                said.append("changed" if n % 10 == 9 else w.text.strip())
        duration = reps * local.duration
        api = tr.Transcript((Segment(0.0, duration, " ".join(said)),), "api:gpt-transcribe", duration, "en")
        local_long = tr.Transcript((Segment(0.0, duration, "", tuple(heard)),), "local:base", duration, "en")
        times = []
        for _ in range(5):
            t0 = time.perf_counter()
            align.timed(api, local_long)
            times.append(time.perf_counter() - t0)
        ms = statistics.median(times) * 1000
        builtin = rtf * duration
        print(f"{minutes:>8g} {len(said):>7} {ms:>9.1f} {builtin:>11.1f} {ms / 1000 / builtin:>7.4f}")


if __name__ == "__main__":
    main()
