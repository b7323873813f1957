"""The keyword arguments of one streamed chat request, by model family."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, Literal

from lib.chat.search import INCLUDE_SOURCES, SEARCH_ALLOWANCE_TOKENS, WEB_SEARCH_TOOL
from lib.core.amounts import Amounts
from lib.core.models import base_name
from lib.tokens.counting import request_tokens

Api = Literal["chat", "responses"]
_O_SERIES = re.compile(r"^o\d+(?:-|$)")


def is_reasoning_model(model: str) -> bool:
    """o-series and GPT-5 reasoning models: they take ``max_completion_tokens`` and only the default sampling.

    >>> [is_reasoning_model(m) for m in ("o4-mini", "gpt-5-mini", "gpt-5-chat-latest", "gpt-4o")]
    [True, True, False, False]
    """
    name = base_name(model)
    return bool(_O_SERIES.match(name)) or (name.startswith("gpt-5") and "-chat" not in name)


def chat_request(
    *,
    model: str,
    messages: Sequence[Mapping[str, Any]],
    temperature: float,
    top_p: float,
    max_tokens: int,
    grammar: str | None = None,
) -> dict[str, Any]:
    """The keyword arguments of ``client.chat.completions.create`` for one streamed answer.

    The spec marks ``max_tokens`` deprecated and "not compatible with o-series models", so reasoning models
    get ``max_completion_tokens``; other models keep ``max_tokens``, which every OpenAI-compatible server
    knows. Reasoning models reject any temperature or top_p but the default, so those are not sent to them.

    >>> sorted(chat_request(model="o4-mini", messages=[], temperature=0.2, top_p=1, max_tokens=9))
    ['max_completion_tokens', 'messages', 'model', 'stream', 'stream_options']

    ``grammar`` (GBNF, for the built-in model or ``llama_cpp.server``) goes in ``extra_body``: the OpenAI API
    has no such field, so the SDK sends it as an extra JSON field.
    """
    params: dict[str, Any] = {"model": model, "messages": [dict(m) for m in messages]}
    if is_reasoning_model(model):
        params["max_completion_tokens"] = max_tokens
    else:
        params.update(temperature=temperature, top_p=top_p, max_tokens=max_tokens)
    params.update(stream=True, stream_options={"include_usage": True})
    if grammar:
        params["extra_body"] = {"grammar": grammar}
    return params


def _responses_content(content: Any) -> Any:
    """Chat Completions content parts as Responses input parts (``input_text``, ``input_image``)."""
    if not isinstance(content, list):
        return content or ""
    parts: list[dict[str, Any]] = []
    for part in content:
        if part.get("type") == "text":
            parts.append({"type": "input_text", "text": part.get("text") or ""})
        elif part.get("type") == "image_url":
            image = part.get("image_url") or {}
            parts.append(
                {
                    "type": "input_image",
                    "image_url": image.get("url"),
                    "detail": image.get("detail") or "auto",
                }
            )
    return parts


def responses_request(
    *,
    model: str,
    messages: Sequence[Mapping[str, Any]],
    temperature: float,
    top_p: float,
    max_tokens: int,
    web_search: bool = False,
) -> dict[str, Any]:
    """The keyword arguments of ``client.responses.create`` for the same answer over the Responses API.

    The system prompt becomes ``instructions``; the examples and the history go in ``input`` as messages;
    ``store=False`` keeps the conversation out of the account's stored responses (a class's chats are not
    kept by the server). Reasoning models take only the default sampling, as in Chat Completions.

    >>> r = responses_request(model="gpt-4o", messages=[{"role": "system", "content": "Be brief."},
    ...     {"role": "user", "content": "Hi"}], temperature=0.5, top_p=1, max_tokens=64)
    >>> r["instructions"], r["input"], r["max_output_tokens"], r["stream"]
    ('Be brief.', [{'role': 'user', 'content': 'Hi'}], 64, True)

    With ``web_search`` the model may search the web (the ``web_search`` tool) and the searches' sources
    are included in the answer; an image part becomes ``input_image`` with its data URL.
    """
    system = [str(m.get("content") or "") for m in messages if m.get("role") == "system"]
    params: dict[str, Any] = {"model": model}
    if system:
        params["instructions"] = "\n\n".join(system)
    params["input"] = [
        {"role": m["role"], "content": _responses_content(m.get("content"))}
        for m in messages
        if m.get("role") != "system"
    ]
    params["max_output_tokens"] = max_tokens
    if not is_reasoning_model(model):
        params.update(temperature=temperature, top_p=top_p)
    if web_search:
        params.update(tools=[dict(WEB_SEARCH_TOOL)], include=[INCLUDE_SOURCES])
    params.update(stream=True, store=False)
    return params


def request_for(api: Api, *, web_search: bool = False, **request: Any) -> dict[str, Any]:
    """The request of one answer for ``api`` (the one the page shows in "view code" and the one sent).
    Web search is a Responses tool: Chat Completions requests never carry it."""
    if api == "responses":
        request.pop("grammar", None)  # only the built-in model and llama.cpp servers take a grammar
        return responses_request(web_search=web_search, **request)
    return chat_request(**request)


def plan_cost(
    *, model: str, messages: Sequence[Mapping[str, Any]], max_tokens: int, web_search: bool = False
) -> Amounts:
    """What one answer can cost: one request, its prompt (images by the model's rule) and the longest answer
    allowed, in tokens; with web search, an allowance for what the search adds to the prompt.

    >>> plan_cost(model="gpt-4o", messages=[], max_tokens=10, web_search=True).tokens - 13
    8000
    """
    tokens = request_tokens(messages, model, max_tokens)
    return Amounts(requests=1, tokens=tokens + (SEARCH_ALLOWANCE_TOKENS if web_search else 0))
