"""The request as a runnable Python script with the official SDK (the key read from the environment)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from lib.chat.request import Api, request_for
from lib.core.settings import DEFAULT_AZURE_API_VERSION, DEFAULT_COMPATIBLE_BASE_URL, ProviderKind


def _py_str(text: str) -> str:
    """A double-quoted Python string literal; JSON's escapes are all valid Python escapes."""
    literal = json.dumps(text, ensure_ascii=False)
    # Line separators, lone surrogates and the like would survive json.dumps raw; spell them out.
    return "".join(
        ch if ch.isprintable() else (f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}")
        for ch in literal
    )


def _py(value: Any) -> str:
    if isinstance(value, str):
        return _py_str(value)
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{_py(k)}: {_py(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_py(v) for v in value) + "]"
    return repr(value)  # numbers, booleans, None


def _py_content(text: str, indent: str) -> str:
    lines = text.splitlines(keepends=True)
    if len(lines) <= 1:
        return _py_str(text)
    # One source line per line of text, so a multi-line prompt stays readable in the snippet.
    inner = "".join(f"{indent}    {_py_str(line)}\n" for line in lines)
    return f"(\n{inner}{indent})"


def _py_messages(messages: Sequence[Mapping[str, Any]]) -> str:
    if not messages:
        return "[]"
    out = ["["]
    for message in messages:
        one_line = f"    {_py(dict(message))},"
        if len(one_line) <= 100 and "\n" not in "".join(map(str, message.values())):
            out.append(one_line)
            continue
        out.append("    {")
        for key, value in message.items():
            rendered = _py_content(value, "        ") if isinstance(value, str) else _py(value)
            out.append(f"        {_py_str(str(key))}: {rendered},")
        out.append("    },")
    out.append("]")
    return "\n".join(out)


def _client_lines(
    provider: ProviderKind,
    *,
    base_url: str | None,
    azure_endpoint: str | None,
    azure_deployment: str | None,
    api_version: str | None,
) -> list[str]:
    if provider is ProviderKind.AZURE:
        endpoint = _py_str(azure_endpoint) if azure_endpoint else 'os.environ["AZURE_OPENAI_ENDPOINT"]'
        lines = [
            "from openai import AzureOpenAI",
            "",
            "client = AzureOpenAI(",
            f"    azure_endpoint={endpoint},",
        ]
        if azure_deployment:
            lines.append(f"    azure_deployment={_py_str(azure_deployment)},")
        lines += [
            f"    api_version={_py_str(api_version or DEFAULT_AZURE_API_VERSION)},",
            '    api_key=os.environ["AZURE_OPENAI_API_KEY"],',
            ")",
        ]
        return lines
    if provider is ProviderKind.OPENAI:
        lines = ["from openai import OpenAI", ""]
        if base_url and base_url.rstrip("/") != "https://api.openai.com/v1":
            return [
                *lines,
                f'client = OpenAI(base_url={_py_str(base_url)}, api_key=os.environ["OPENAI_API_KEY"])',
            ]
        return [*lines, 'client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])']
    if provider is ProviderKind.BUILTIN:
        # The built-in model runs inside the app; the same GGUF served by llama_cpp.server takes this request.
        lines = [
            "from openai import OpenAI",
            "",
            "# The built-in model runs inside the app. To send this request yourself, serve the model with",
            "#   python -m llama_cpp.server --model SmolLM2-135M-Instruct.Q4_1.gguf --n_ctx 2048",
        ]
        url = base_url or "http://localhost:8000/v1"
    else:
        lines = ["from openai import OpenAI", ""]
        url = base_url or DEFAULT_COMPATIBLE_BASE_URL
    # Local servers take any key; a shared server may want one from the environment.
    key = 'os.environ.get("OPENAI_API_KEY", "not-needed")'
    return [*lines, f"client = OpenAI(base_url={_py_str(url)}, api_key={key})"]


def code_snippet(
    messages: Sequence[Mapping[str, Any]],
    *,
    model: str,
    temperature: float,
    top_p: float,
    max_tokens: int,
    provider: ProviderKind,
    base_url: str | None = None,
    azure_endpoint: str | None = None,
    azure_deployment: str | None = None,
    api_version: str | None = None,
    api: Api = "chat",
    grammar: str | None = None,
    check: tuple[str, str] | None = None,
    web_search: bool = False,
) -> str:
    """A runnable Python script that sends exactly this request with the official SDK and prints the stream
    (over the Responses API or Chat Completions: whichever the page really uses for this model).

    An answer format shows as the page applies it: ``grammar`` (GBNF) sent in ``extra_body`` to the built-in
    model's server, or ``check`` = (regular expression, reminder): the answer checked and asked once more.
    The key is never in it: the script reads it from the environment.
    """
    params = request_for(
        api,
        model=model,
        messages=messages,
        temperature=temperature,
        top_p=top_p,
        max_tokens=max_tokens,
        grammar=grammar,
        web_search=web_search,
    )
    client = _client_lines(
        ProviderKind(provider),
        base_url=base_url,
        azure_endpoint=azure_endpoint,
        azure_deployment=azure_deployment,
        api_version=api_version,
    )
    listed = "input" if api == "responses" else "messages"  # passed by name: the list is written out above
    arguments = [
        f"    {name}=messages," if name == listed else f"    {name}={_py(value)},"
        for name, value in params.items()
    ]
    header = ["# pip install openai", "import os", *(["import re"] if check else []), "", *client, ""]
    if api == "responses":
        lines = [
            *header,
            f"messages = {_py_messages(params['input'])}",
            "",
            "stream = client.responses.create(",
            *arguments,
            ")",
            "parts = []",
            "for event in stream:",
            '    if event.type == "response.output_text.delta":',
            "        parts.append(event.delta)",
            '        print(event.delta, end="", flush=True)',
            '    elif event.type == "response.completed":',
            "        usage = event.response.usage",
            '        print(f"\\n\\n[{usage.input_tokens} input + {usage.output_tokens} output tokens]")',
        ]
        again = [
            f"    retry = client.responses.create(model={_py(model)}, input=messages, store=False)",
            "    print(retry.output_text)",
        ]
        return "\n".join(lines + _check_lines(check, again)) + "\n"
    lines = [
        *header,
        f"messages = {_py_messages(params['messages'])}",
        "",
        "stream = client.chat.completions.create(",
        *arguments,
        ")",
        "parts = []",
        "for chunk in stream:",
        "    if chunk.choices and chunk.choices[0].delta.content:",
        "        parts.append(chunk.choices[0].delta.content)",
        '        print(chunk.choices[0].delta.content, end="", flush=True)',
        "    if chunk.usage:  # the last chunk, because of include_usage",
        "        usage = chunk.usage",
        '        print(f"\\n\\n[{usage.prompt_tokens} input + {usage.completion_tokens} output tokens]")',
    ]
    again = [
        f"    retry = client.chat.completions.create(model={_py(model)}, messages=messages)",
        "    print(retry.choices[0].message.content)",
    ]
    return "\n".join(lines + _check_lines(check, again)) + "\n"


def _check_lines(check: tuple[str, str] | None, again: list[str]) -> list[str]:
    """The answer format checked after the stream, and one retry with a reminder when the answer is off."""
    if not check:
        return []
    pattern, reminder = check
    return [
        "",
        "# A server takes no grammar: check the answer, and ask once more if it is not in the format.",
        f"FORMAT = re.compile({_py_str(pattern)})",
        'answer = "".join(parts)',
        'if not FORMAT.fullmatch(answer.strip().strip(" .")):',
        '    messages.append({"role": "assistant", "content": answer})',
        f'    messages.append({{"role": "user", "content": {_py_str(reminder)}}})',
        *again,
    ]
