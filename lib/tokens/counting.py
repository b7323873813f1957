"""Token counts of chat messages and the context windows of models."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from lib.core.models import base_name, undated
from lib.tokens.images import images_tokens
from lib.tokens.view import encoding_for_model, get_encoding
from lib.tokens.vocab import VocabularyUnavailable

# Tokens a model can attend to (prompt + answer), from OpenAI's model pages.
CONTEXT_WINDOWS: dict[str, int] = {
    "gpt-5": 400_000,
    "gpt-5-mini": 400_000,
    "gpt-5-nano": 400_000,
    "gpt-5-chat-latest": 128_000,
    "gpt-4.1": 1_047_576,
    "gpt-4.1-mini": 1_047_576,
    "gpt-4.1-nano": 1_047_576,
    "gpt-4o": 128_000,
    "gpt-4o-mini": 128_000,
    "chatgpt-4o-latest": 128_000,
    "o1": 200_000,
    "o1-mini": 128_000,
    "o3": 200_000,
    "o3-mini": 200_000,
    "o4-mini": 200_000,
    "gpt-4-turbo": 128_000,
    "gpt-4-turbo-preview": 128_000,
    "gpt-4-1106-preview": 128_000,
    "gpt-4-0125-preview": 128_000,
    "gpt-4": 8_192,
    "gpt-4-32k": 32_768,
    "gpt-3.5-turbo": 16_385,
    "gpt-3.5-turbo-16k": 16_385,
    "gpt-3.5-turbo-0613": 4_096,
    "gpt-3.5-turbo-0301": 4_096,
    # The built-in local model, as the app loads it (n_ctx).
    "smollm2-135m-instruct": 2_048,
}

# OpenAI's recipe for chat messages: every message is wrapped in a few formatting tokens, a "name" costs one
# more, and the reply is primed with "<|start|>assistant<|message|>".
TOKENS_PER_MESSAGE = 3
TOKENS_PER_NAME = 1
TOKENS_REPLY_PRIMING = 3
FALLBACK_ENCODING = "o200k_base"


def context_window(model: str) -> int | None:
    """Tokens the model can take (prompt + answer); dated snapshots map to their base; None if unknown.

    >>> context_window("gpt-4o-2024-08-06"), context_window("gpt-4-0613"), context_window("llama3.2")
    (128000, 8192, None)
    """
    name = base_name(model)
    if name in CONTEXT_WINDOWS:
        return CONTEXT_WINDOWS[name]
    return CONTEXT_WINDOWS.get(undated(name))


def encoding_name_for(model: str) -> str:
    """The tiktoken encoding of a model; ``o200k_base`` (today's models) when tiktoken does not know it."""
    try:
        return encoding_for_model(base_name(model))
    except KeyError:
        return FALLBACK_ENCODING


def text_of(value: object) -> str:
    """The text of a message's content, whether a string or content parts (images are not text)."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):  # content parts: only the text parts are text tokens
        return "".join(p.get("text", "") for p in value if isinstance(p, dict) and p.get("type") == "text")
    return str(value)


def count_tokens(messages: Sequence[Mapping[str, Any]], model: str) -> int:
    """Prompt tokens of ``messages`` by OpenAI's published recipe (exact for OpenAI's chat models).

    Raises ``VocabularyUnavailable`` when the encoding cannot be loaded offline.

    >>> count_tokens([{"role": "user", "content": "Hello!"}], "gpt-4o-mini")
    9
    """
    # The encoding itself rather than lib.tokenizer.encode: that cache is sized for the tokenizer page's few
    # big texts, and many small messages would push them out.
    encoding = get_encoding(encoding_name_for(model))
    total = TOKENS_REPLY_PRIMING
    for message in messages:
        total += TOKENS_PER_MESSAGE
        for key, value in message.items():
            total += len(encoding.encode(text_of(value), disallowed_special=()))
            if key == "name":
                total += TOKENS_PER_NAME
    return total + images_tokens(messages, model)  # an image part by the model's rule, not as text


@dataclass(frozen=True)
class ContextCheck:
    """Whether the prompt plus the longest allowed answer fits the model's context window."""

    fits: bool
    prompt_tokens: int
    limit: int | None  # the window; None when the model is unknown
    over_by: int  # tokens to cut (from the prompt or from max output) to fit; 0 when it fits


def check_context(
    messages: Sequence[Mapping[str, Any]], *, model: str, max_output_tokens: int, window: int | None = None
) -> ContextCheck:
    """Does ``prompt + max_output_tokens <= window`` hold? An unknown window is assumed to fit.

    ``window`` overrides the table, e.g. for a local server started with its own context size.
    """
    prompt = count_tokens(messages, model)
    limit = window if window is not None else context_window(model)
    if limit is None:
        return ContextCheck(fits=True, prompt_tokens=prompt, limit=None, over_by=0)
    over = max(0, prompt + max(0, max_output_tokens) - limit)
    return ContextCheck(fits=over == 0, prompt_tokens=prompt, limit=limit, over_by=over)


# --- Cost --------------------------------------------------------------------------------------------------


def request_tokens(messages: Sequence[Mapping[str, Any]], model: str, max_output_tokens: int) -> int:
    """Tokens a chat request can use: its prompt plus the longest answer allowed (what a per-minute token
    limit counts). A vocabulary that cannot be loaded counts characters, an over-estimate for any language."""
    try:
        prompt = count_tokens(messages, model)
    except VocabularyUnavailable:
        prompt = sum(len(text_of(m.get("content") or "")) for m in messages) + images_tokens(messages, model)
    return prompt + max(0, int(max_output_tokens))


def text_tokens(texts: Sequence[str], encoding: str = "cl100k_base") -> int:
    """Tokens of plain texts (embedding inputs: no message wrapping); characters if the vocabulary is missing.

    >>> text_tokens(["Hello world", "안녕"])  # a Hangul syllable can take several tokens in cl100k_base
    6
    """
    try:
        enc = get_encoding(encoding)
    except VocabularyUnavailable:
        return sum(len(text) for text in texts)
    return sum(len(enc.encode(text, disallowed_special=())) for text in texts)
