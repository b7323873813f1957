"""The built-in chat model: time to first token, tokens/s, and the page's overhead over the raw engine stream.

Run: python bench/chat.py [--repeat N]
Targets: first token under 0.5 s on 2 cores; the app's path (``LocalClient`` read by ``lib.chat.ChatStream``)
at most 5% slower than consuming llama-cpp's own ``create_chat_completion(stream=True)``. One short prompt, at
most 64 tokens, temperature 0, n_threads = cores; the paths take turns run by run, so a machine that slows
down mid-way slows all of them alike.

- new prompt: the prompt cache is reset first, so the prompt is read from scratch as in a new conversation
  (first token, tokens/s: medians of N). The raw engine reads the prompt in one batch and the client in two
  steps (see ``LocalClient._prime``), so their answers, hence token counts, may differ here.
- cached prompt: every path then starts from the same cached prompt, so all generate the very same tokens
  (checked) and the difference in total time is the wrapping (best of N x CACHED_RUNS, as timeit does).
- wrapping alone: the answer is ~14 tokens (~0.15 s), and a busy machine's noise on that is larger than the
  wrapping's cost, so the verdict replays the recorded engine chunks through the same code without the
  engine (prompt templating and tokenizing, SDK types, ChatStream) and divides by the raw stream's time.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lib.chat import ChatStream, local_llm
from lib.chat.local_llm import MODEL_ID, LocalClient
from tests.harness.timing import median_of

PROMPT = "Write one sentence about the sea."
MAX_TOKENS = 64
MESSAGES = [{"role": "user", "content": PROMPT}]
FIRST_TOKEN_TARGET_S = 0.5
OVERHEAD_TARGET = 0.05
CACHED_RUNS = 4
REPLAYS = 200
RAW, CLIENT, PAGE = "raw llama stream", "LocalClient", "LocalClient + ChatStream"


@dataclass(frozen=True)
class Run:
    first_token_s: float
    total_s: float
    tokens: int  # pieces of text received; llama-cpp sends one per generated token
    text: str

    @property
    def tokens_per_s(self) -> float:
        # Generation speed after the first token; the wait for the first one is reported on its own.
        decode = self.total_s - self.first_token_s
        return (self.tokens - 1) / decode if self.tokens > 1 and decode > 0 else float("nan")


def timed(texts: Callable[[], Iterable[str]]) -> Run:
    start = time.perf_counter()
    first = None
    pieces = []
    for text in texts():
        if text:
            pieces.append(text)
            if first is None:
                first = time.perf_counter() - start
    total = time.perf_counter() - start
    return Run(first if first is not None else total, total, len(pieces), "".join(pieces))


def raw_engine(llama) -> Iterable[str]:
    """llama-cpp's own stream, with the sampling settings the client sends."""
    stream = llama.create_chat_completion(
        messages=MESSAGES,
        model=MODEL_ID,
        temperature=0.0,
        top_p=1.0,
        max_tokens=MAX_TOKENS,
        repeat_penalty=local_llm.DEFAULT_REPEAT_PENALTY,
        stream=True,
    )
    for chunk in stream:
        yield chunk["choices"][0]["delta"].get("content") or ""


def local_client(client: LocalClient) -> Iterable[str]:
    """The OpenAI-shaped client as ChatStream calls it: SDK chunk objects and a final usage chunk."""
    stream = client.chat.completions.create(
        model=MODEL_ID,
        messages=MESSAGES,
        temperature=0,
        top_p=1,
        max_tokens=MAX_TOKENS,
        stream=True,
        stream_options={"include_usage": True},
    )
    for chunk in stream:
        yield (chunk.choices[0].delta.content or "") if chunk.choices else ""


def page_stream(client: LocalClient) -> Iterable[str]:
    """What the chat page iterates (``st.write_stream(stream)``), then reads ``.result`` from."""
    stream = ChatStream(
        client, model=MODEL_ID, messages=MESSAGES, temperature=0, top_p=1, max_tokens=MAX_TOKENS
    )
    yield from stream
    assert stream.result is not None and stream.result.usage is not None


class Replay:
    """The loaded model, except that its chat completions replay recorded chunks: the wrapping alone."""

    def __init__(self, llama, chunks: list[dict[str, Any]]) -> None:
        self._llama = llama
        self._chunks = chunks

    def __getattr__(self, name: str) -> Any:
        return getattr(self._llama, name)

    def create_chat_completion(self, **_request: Any) -> Iterator[dict[str, Any]]:
        yield from self._chunks  # a generator, as the engine's stream is


def best(runs: list[Run], field: str) -> float:
    return min(getattr(r, field) for r in runs)


def best_seconds(fn: Callable[[], Iterable[str]], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _text in fn():
            pass
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    reason = local_llm.unavailable_reason()
    if reason:
        sys.exit(f"the built-in chat model is unavailable: {reason}")
    start = time.perf_counter()
    llama = local_llm.load()
    load_s = time.perf_counter() - start
    client = LocalClient(llama)
    paths: dict[str, Callable[[], Iterable[str]]] = {
        RAW: lambda: raw_engine(llama),
        CLIENT: lambda: local_client(client),
        PAGE: lambda: page_stream(client),
    }

    cores = os.cpu_count()
    print(
        f"model {local_llm.GGUF_NAME}, loaded in {load_s:.2f} s; {cores} cores, n_threads={llama.n_threads}"
    )
    print(f'prompt "{PROMPT}", max {MAX_TOKENS} tokens, temperature 0, {args.repeat} runs\n')
    for texts in paths.values():  # warm-up: page the weights in, build the samplers
        llama.reset()
        timed(texts)
    new: dict[str, list[Run]] = {name: [] for name in paths}
    cached: dict[str, list[Run]] = {name: [] for name in paths}
    for _ in range(args.repeat):
        for name, texts in paths.items():
            llama.reset()  # forget the prompt: this run reads it from scratch
            new[name].append(timed(texts))
        # Now the last run's prompt is cached; each path reuses all of it but its last token, and generates
        # the same tokens, since the same cache entries feed the same one-token steps.
        for _ in range(CACHED_RUNS):
            for name, texts in paths.items():
                cached[name].append(timed(texts))
        texts_seen = {run[-1].text for run in cached.values()}
        if len(texts_seen) != 1:
            sys.exit(f"the paths generated different texts from the same cached prompt: {texts_seen}")

    print("{:<26} {:-^22} {:-^38}".format("", " new prompt ", " cached prompt, same tokens "))
    header = ("path", "first token s", "tokens/s", "tokens", "first token s", "total s", "vs raw")
    print("{:<26} {:>13} {:>8} {:>7} {:>13} {:>8} {:>7}".format(*header))
    raw_total = best(cached[RAW], "total_s")
    for name in paths:
        fresh, warm = new[name], cached[name]
        ratio = best(warm, "total_s") / raw_total
        print(
            f"{name:<26} {median_of(fresh, 'first_token_s'):>13.3f} {median_of(fresh, 'tokens_per_s'):>8.1f}"
            f" {median_of(warm, 'tokens'):>7.0f} {median_of(warm, 'first_token_s'):>13.3f}"
            f" {best(warm, 'total_s'):>8.3f} {ratio:>6.3f}x"
        )

    # The wrapping alone: the engine's chunks of the cached prompt, recorded once, replayed through each path.
    recorded = list(
        llama.create_chat_completion(
            messages=MESSAGES,
            model=MODEL_ID,
            temperature=0.0,
            top_p=1.0,
            max_tokens=MAX_TOKENS,
            repeat_penalty=local_llm.DEFAULT_REPEAT_PENALTY,
            stream=True,
        )
    )
    replay = Replay(llama, recorded)
    replay_client = LocalClient(replay)  # type: ignore[arg-type]
    replayed = {
        RAW: best_seconds(lambda: raw_engine(replay), REPLAYS),
        CLIENT: best_seconds(lambda: local_client(replay_client), REPLAYS),
        PAGE: best_seconds(lambda: page_stream(replay_client), REPLAYS),
    }
    print(
        f"\nwrapping alone ({len(recorded)} recorded chunks replayed without the engine, best of {REPLAYS}):"
    )
    for name, seconds in replayed.items():
        extra = seconds - replayed[RAW]
        print(f"  {name:<26} {seconds * 1000:7.3f} ms a request, {extra / raw_total:+.2%} of the raw stream")

    first_token = median_of(new[PAGE], "first_token_s")
    target = FIRST_TOKEN_TARGET_S
    verdict = "OK" if first_token < target else "OVER TARGET"
    print(f"\nfirst token of a new prompt, page path: {first_token:.3f} s (target < {target} s): {verdict}")
    overhead = (replayed[PAGE] - replayed[RAW]) / raw_total
    verdict = "OK" if overhead < OVERHEAD_TARGET else "OVER TARGET"
    print(f"page overhead over the raw engine stream: {overhead:+.2%} (target < 5%): {verdict}")
    measured = best(cached[PAGE], "total_s") / raw_total - 1
    print(
        f"(end to end, best of {args.repeat * CACHED_RUNS} on this machine: {measured:+.1%}; noise included)"
    )


if __name__ == "__main__":
    main()
