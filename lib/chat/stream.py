"""A streamed answer that keeps what arrived when it breaks or is stopped."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from lib.chat.messages import Status, Turn, Usage
from lib.chat.request import Api, request_for
from lib.chat.search import Source, merge, source_of, sources_from_output
from lib.tokens.counting import count_tokens, encoding_name_for
from lib.tokens.view import get_encoding
from lib.tokens.vocab import VocabularyUnavailable


class ResponseFailed(Exception):
    """The server ended a Responses stream with a ``response.failed`` or ``error`` event."""

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.message, self.code = message, code


class StreamCut(Exception):
    """The answer stopped after it had begun: the connection dropped or the server ended the stream. The
    server was reached, so this is not "cannot reach the server"; ``cause`` is the underlying error."""

    def __init__(self, cause: BaseException) -> None:
        super().__init__(f"{type(cause).__name__}: {cause}")
        self.cause = cause


@dataclass(frozen=True)
class StreamResult:
    """How an answer ended: its text (partial unless complete), usage, and timings from the request."""

    text: str
    usage: Usage | None
    finish_reason: str | None
    status: Status
    error: BaseException | None
    seconds: float | None
    first_token_seconds: float | None
    sources: tuple[Source, ...] = ()

    def to_turn(self, model: str, *, error: str | None = None) -> Turn:
        """The assistant turn to keep; ``error`` is the user message for ``self.error`` (lib.errors)."""
        return Turn(
            role="assistant",
            content=self.text,
            model=model,
            usage=self.usage,
            status=self.status,
            seconds=self.seconds,
            first_token_seconds=self.first_token_seconds,
            error=error,
            sources=self.sources,
        )


class ChatStream:
    """One streamed answer: iterate it for text deltas (``st.write_stream(stream)``), then read ``.result``.

    The request is sent when iteration starts. An error before the first text (401, 429, 404, a refused
    connection, a cut or a timeout before any words) is raised to the caller as the SDK's typed exception,
    so the page can show one clear message and keep the draft. An error after that (a cut connection, a
    read timeout, an error event) ends the iteration normally with the partial text kept,
    ``status="interrupted"`` and ``result.error`` set. ``stop()`` (or closing the iterator, as Streamlit does
    when a rerun interrupts ``st.write_stream``) ends it with ``status="stopped"``, keeping the partial text.

    Without a usage chunk (a stopped or broken stream, a server that ignores ``stream_options``), usage is
    counted here with the model's encoding and marked ``estimated``.

    ``client`` is an ``openai.OpenAI`` or anything with the same ``chat.completions.create`` that returns an
    iterator of ``ChatCompletionChunk`` (the built-in local model). Prism, the spec mock, answers a streaming
    request with plain JSON, which the SDK iterates as zero chunks: that ends as an empty complete answer.
    """

    def __init__(
        self,
        client: Any,
        *,
        model: str,
        messages: Sequence[Mapping[str, Any]],
        temperature: float,
        top_p: float,
        max_tokens: int,
        timeout: float | None = None,
        api: Api = "chat",
        grammar: str | None = None,
        web_search: bool = False,
    ) -> None:
        self.model = model
        self.api = api
        self.messages = [dict(m) for m in messages]
        self.params = request_for(
            api,
            model=model,
            messages=messages,
            temperature=temperature,
            top_p=top_p,
            max_tokens=max_tokens,
            grammar=grammar,
            web_search=web_search,
        )
        self._sources: tuple[Source, ...] = ()
        self._client = client
        self._timeout = timeout
        self._parts: list[str] = []
        self._stop = threading.Event()
        self._iterator: Iterator[str] | None = None
        self._result: StreamResult | None = None
        self._usage: Usage | None = None
        self._finish_reason: str | None = None
        self._started: float | None = None
        self._first: float | None = None

    @property
    def text(self) -> str:
        """The text received so far."""
        return "".join(self._parts)

    @property
    def result(self) -> StreamResult | None:
        """How the answer ended; None while it is still running (and not stopped)."""
        if self._result is None and self._stop.is_set():
            # Stopped, but the iterator has not noticed yet (parked at a yield that may never be resumed).
            return self._snapshot("stopped", None)
        return self._result

    def stop(self) -> None:
        """End the stream after the current chunk; safe from another thread or a later rerun."""
        self._stop.set()

    def close(self) -> None:
        """Stop and close the iterator now (same thread); the partial text is kept."""
        self._stop.set()
        if self._iterator is not None and hasattr(self._iterator, "close"):
            # ValueError: it is being iterated in another thread, which will see the stop flag.
            with contextlib.suppress(ValueError):
                self._iterator.close()

    def __iter__(self) -> Iterator[str]:
        # st.write_stream calls iter() twice (a check, then the loop): both must get the one same iterator.
        if self._iterator is None:
            self._iterator = self._run()
        return self._iterator

    def _elapsed(self) -> float | None:
        return None if self._started is None else time.monotonic() - self._started

    def _estimate(self, text: str) -> Usage | None:
        try:
            encoding = get_encoding(encoding_name_for(self.model))
            prompt = count_tokens(self.messages, self.model)
        except VocabularyUnavailable:
            return None
        return Usage(prompt, len(encoding.encode(text, disallowed_special=())), estimated=True)

    def _snapshot(self, status: Status, error: BaseException | None) -> StreamResult:
        text = self.text
        return StreamResult(
            text=text,
            usage=self._usage or self._estimate(text),
            finish_reason=self._finish_reason,
            status=status,
            error=error,
            seconds=self._elapsed(),
            first_token_seconds=None if self._first is None else self._first - (self._started or 0.0),
            sources=self._sources,
        )

    def _run(self) -> Iterator[str]:
        if self._stop.is_set():  # stopped before it started: send nothing
            self._result = self._snapshot("stopped", None)
            return
        self._started = time.monotonic()
        kwargs = dict(self.params)
        if self._timeout is not None:
            kwargs["timeout"] = self._timeout
        try:
            create = (
                self._client.responses.create
                if self.api == "responses"
                else self._client.chat.completions.create
            )
            chunks = create(**kwargs)
            iterator = iter(chunks)
        except BaseException as exc:
            self._result = self._snapshot("interrupted", exc)
            raise
        status: Status = "complete"
        error: BaseException | None = None
        try:
            while not self._stop.is_set():
                try:
                    chunk = next(iterator)
                except StopIteration:
                    break
                except Exception as exc:
                    # Any failure once the answer has begun: the partial text is worth more than the error's
                    # type, which the page still gets in result.error (and lib.errors turns into a message).
                    if self._first is None:  # nothing shown yet: the page keeps the draft instead
                        raise
                    status, error = "interrupted", StreamCut(exc)
                    break
                delta = self._absorb(chunk)
                if delta:
                    if self._first is None:
                        self._first = time.monotonic()
                    self._parts.append(delta)
                    yield delta
            else:
                status = "stopped"
        except GeneratorExit:
            status = "stopped"
            raise
        except BaseException as exc:
            status, error = "interrupted", exc
            raise
        finally:
            close = getattr(chunks, "close", None)
            if callable(close):
                close()
            if status == "complete" and self._stop.is_set():
                status = "stopped"
            self._result = self._snapshot(status, error)

    def _absorb(self, chunk: Any) -> str:
        kind = getattr(chunk, "type", None)
        if isinstance(kind, str) and kind.startswith(("response.", "error")):
            return self._absorb_event(chunk, kind)
        return self._absorb_chunk(chunk)

    def _absorb_event(self, event: Any, kind: str) -> str:
        """One Responses API event: text deltas, the sources of a search, and the usage when the response
        completes."""
        if kind == "response.output_text.delta":
            return event.delta or ""
        if kind == "response.refusal.delta":
            return getattr(event, "delta", "") or ""
        if kind == "response.output_text.annotation.added":
            source = source_of(getattr(event, "annotation", None))
            if source is not None:
                self._sources = merge(self._sources, [source])
        elif kind == "response.output_item.done":
            self._sources = merge(self._sources, sources_from_output([getattr(event, "item", None)]))
        elif kind in ("response.completed", "response.incomplete"):
            response = event.response
            self._sources = merge(self._sources, sources_from_output(getattr(response, "output", None)))
            usage = getattr(response, "usage", None)
            if usage is not None:
                self._usage = Usage(usage.input_tokens or 0, usage.output_tokens or 0)
            details = getattr(response, "incomplete_details", None)
            self._finish_reason = (
                "stop" if kind == "response.completed" else getattr(details, "reason", "length")
            )
        elif kind in ("response.failed", "error"):
            error = getattr(getattr(event, "response", None), "error", None) or event
            raise ResponseFailed(str(getattr(error, "message", "") or kind), getattr(error, "code", None))
        return ""

    def _absorb_chunk(self, chunk: Any) -> str:
        usage = getattr(chunk, "usage", None)
        if usage is not None:
            self._usage = Usage(usage.prompt_tokens or 0, usage.completion_tokens or 0)
        for choice in getattr(chunk, "choices", None) or ():
            if choice.index != 0:
                continue
            if choice.finish_reason:
                self._finish_reason = choice.finish_reason
            delta = choice.delta
            if delta is not None:
                # A refusal streams in its own field; show it like any answer text.
                return (delta.content or "") + (getattr(delta, "refusal", None) or "")
        return ""
