"""Candidate built-in chat models on a Korean set of our own: the delivery-review preset on 12 reviews
that are not its sample, with and without the answer format (a llama.cpp grammar), and 8 short
factual questions.

Run: python bench/offline_models.py [--gguf NAME=PATH ...]
The built-in SmolLM2-135M is always measured; add candidates as GGUF files (a PyPI package's, assembled as
that package says). Everything at temperature 0, n_threads = cores, loaded as the app loads its model
(``lib.chat.local_llm.load``), answers read through the app's own ``LocalClient``.

Columns: reviews right (the whole answer equal to the expected digits) without and with the answer format;
digits right with the format (each sentence's 0/1); questions whose answer contains the expected word;
tokens/s while generating (median over the question answers); load time; file size. The last line is each
candidate's ratio to the built-in model.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lib.chat import PRESETS, local_llm
from lib.chat.answer_format import AnswerFormat
from tests.harness.korean_set import QUESTION_SYSTEM, QUESTIONS, REVIEWS

FORMAT = AnswerFormat(kind="digits", digits="01", per_sentence=True)
# Gemma's turn format, for a candidate whose GGUF carries no chat template (a base model's): the same turns
# its instruction-tuned sibling reads, so it is at least asked the way a Gemma model expects.
GEMMA_TEMPLATE = (
    "{{ bos_token }}{% for message in messages %}"
    "{% set role = 'model' if message['role'] == 'assistant' else 'user' %}"
    "<start_of_turn>{{ role }}\n{{ message['content'] | trim }}<end_of_turn>\n{% endfor %}"
    "{% if add_generation_prompt %}<start_of_turn>model\n{% endif %}"
)
STOP = ["<end_of_turn>"]


@dataclass
class Score:
    name: str
    size_mb: float
    load_s: float
    free_right: int
    format_right: int
    digits_right: int
    digits_total: int
    questions_right: int
    tokens_per_s: float
    samples: list[str]


def _sentiment_messages(review: str) -> list[dict]:
    text = PRESETS["sentiment"].localized("ko")
    messages = [{"role": "system", "content": text.system}]
    for shot in text.shots:
        messages += [{"role": "user", "content": shot.user}, {"role": "assistant", "content": shot.assistant}]
    return [*messages, {"role": "user", "content": review}]


def _ask(client: local_llm.LocalClient, messages: list[dict], *, max_tokens: int, grammar: str | None = None):
    started = time.perf_counter()
    reply = client.chat.completions.create(
        model="any",
        messages=messages,
        temperature=0,
        max_tokens=max_tokens,
        stop=STOP,
        extra_body={"grammar": grammar} if grammar else None,
    )
    seconds = time.perf_counter() - started
    return (reply.choices[0].message.content or "").strip(), reply.usage.completion_tokens, seconds


def measure(name: str, path: Path) -> Score:
    started = time.perf_counter()
    llama = local_llm.load(path)
    if not llama.metadata.get("tokenizer.chat_template"):
        from llama_cpp.llama_chat_format import Jinja2ChatFormatter

        llama.metadata["tokenizer.chat_template"] = GEMMA_TEMPLATE
        bos = llama.detokenize([llama.token_bos()], special=True).decode()
        eos = llama.detokenize([llama.token_eos()], special=True).decode()
        llama.chat_handler = Jinja2ChatFormatter(GEMMA_TEMPLATE, eos, bos).to_chat_handler()
    client = local_llm.LocalClient(llama)
    load_s = time.perf_counter() - started
    free_right = format_right = digits_right = digits_total = 0
    samples: list[str] = []
    for review, expected in REVIEWS:
        messages = _sentiment_messages(review)
        free, _, _ = _ask(client, messages, max_tokens=24)
        shaped, _, _ = _ask(client, messages, max_tokens=24, grammar=FORMAT.grammar(review))
        free_right += FORMAT.conforms(review, free) and free.replace(" ", "").rstrip(".") == expected.replace(
            " ", ""
        )
        format_right += shaped == expected
        want = expected.split(", ")
        got = [p.strip() for p in shaped.split(",")]
        digits_right += sum(a == b for a, b in zip(got, want, strict=False))
        digits_total += len(want)
        if len(samples) < 2:
            samples.append(f"{review} -> free {free!r}, format {shaped!r} (expected {expected})")
    questions_right = 0
    speeds: list[float] = []
    for question, words in QUESTIONS:
        messages = [{"role": "system", "content": QUESTION_SYSTEM}, {"role": "user", "content": question}]
        answer, tokens, seconds = _ask(client, messages, max_tokens=48)
        questions_right += any(word.lower() in answer.lower() for word in words)
        if tokens:
            speeds.append(tokens / seconds)
        if len(samples) < 4:
            samples.append(f"{question} -> {answer[:80]!r}")
    return Score(
        name=name,
        size_mb=path.stat().st_size / 1e6,
        load_s=load_s,
        free_right=free_right,
        format_right=format_right,
        digits_right=digits_right,
        digits_total=digits_total,
        questions_right=questions_right,
        tokens_per_s=statistics.median(speeds) if speeds else 0.0,
        samples=samples,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gguf", action="append", default=[], help="NAME=PATH of a candidate GGUF")
    args = parser.parse_args()
    candidates = [("SmolLM2-135M (built-in)", local_llm.model_path())]
    for item in args.gguf:
        name, _, path = item.partition("=")
        candidates.append((name, Path(path)))
    scores = []
    for name, path in candidates:
        scores.append(measure(name, path))
        print(f"measured {name}", file=sys.stderr, flush=True)
    n, q = len(REVIEWS), len(QUESTIONS)
    print(
        "| model | reviews right, free | reviews right, format | digits right, format "
        "| questions right | tokens/s | load s | MB |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for s in scores:
        print(
            f"| {s.name} | {s.free_right}/{n} | {s.format_right}/{n} | {s.digits_right}/{s.digits_total} "
            f"| {s.questions_right}/{q} | {s.tokens_per_s:.0f} | {s.load_s:.1f} | {s.size_mb:.0f} |"
        )
    base = scores[0]
    for s in scores[1:]:
        print(
            f"{s.name} vs built-in: digits right x{s.digits_right / max(1, base.digits_right):.2f}, "
            f"questions {s.questions_right} vs {base.questions_right}, "
            f"speed x{s.tokens_per_s / max(1e-9, base.tokens_per_s):.2f}"
        )
    for s in scores:
        print(f"\n{s.name}:")
        for line in s.samples:
            print("  " + line)


if __name__ == "__main__":
    main()
