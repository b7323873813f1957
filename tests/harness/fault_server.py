"""A tiny HTTP server on 127.0.0.1 that answers with scripted faults (401, 429 with headers, 500...).

openai 3.x sends through httpx2, which respx cannot patch, so faults are injected at the HTTP layer by a real
server; the SDK under test parses real responses.

It can also stream (``SSEReply``): OpenAI-style server-sent events, one ``data: {...}`` event per HTTP chunk,
with faults in the middle of the stream (a cut connection, a pause longer than the client's timeout). Prism
cannot do this: it answers a streaming request with plain JSON, which the SDK iterates as zero chunks.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.harness.serving import serving


@dataclass
class Reply:
    status: int
    body: dict | list | str = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class SSEReply:
    """A 200 ``text/event-stream`` answer: each event is sent as its own HTTP chunk, then ``data: [DONE]``.

    The body uses chunked transfer encoding, so a connection closed early (``cut_after``) is an incomplete
    body to the client, as when a real server or proxy drops mid-answer, not a normal end of the stream.
    """

    events: Sequence[dict | str]
    done: bool = True  # send the final ``data: [DONE]``
    cut_after: int | None = None  # close the connection after this many events, without ending the body
    pause_after: int | None = None  # after this many events, wait ``pause`` seconds before going on
    pause: float = 0.0
    delay: float = 0.0  # seconds between events, so a reader sees them arrive one by one
    headers: dict[str, str] = field(default_factory=dict)


def chat_chunks(
    pieces: Sequence[str],
    *,
    model: str = "gpt-4o-mini",
    usage: tuple[int, int] | None = (12, 5),
    finish_reason: str = "stop",
) -> list[dict]:
    """The events OpenAI streams for an answer made of ``pieces``: a role chunk, one chunk per piece, a
    finish chunk and, when ``usage`` is given (prompt, completion tokens), the final usage chunk that
    ``stream_options={"include_usage": True}`` asks for (with ``choices`` empty)."""
    base = {"id": "chatcmpl-test", "object": "chat.completion.chunk", "created": 1700000000, "model": model}

    def chunk(delta: dict, finish: str | None = None) -> dict:
        choice = {"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}
        return {**base, "choices": [choice], "usage": None}

    events = [chunk({"role": "assistant", "content": ""})]
    events += [chunk({"content": piece}) for piece in pieces]
    events.append(chunk({}, finish_reason))
    if usage is not None:
        prompt, completion = usage
        totals = {
            "prompt_tokens": prompt,
            "completion_tokens": completion,
            "total_tokens": prompt + completion,
        }
        events.append({**base, "choices": [], "usage": totals})
    return events


def responses_events(chunks: Sequence[dict | str], *, model: str = "gpt-4o-mini") -> list[dict | str]:
    """The same answer as Responses API events: ``response.created``, one ``response.output_text.delta`` per
    text piece, then ``response.completed`` carrying the usage (or ``response.incomplete`` for a length
    finish). Made from ``chat_chunks`` events, so a scripted answer reads the same in both protocols; events
    that are not chat chunks (an "error" event, a raw string) pass through as they are."""

    def response(status: str, usage: dict | None) -> dict:
        return {
            "id": "resp_test",
            "object": "response",
            "created_at": 1700000000,
            "status": status,
            "model": model,
            "output": [],
            "usage": usage,
            "incomplete_details": {"reason": "max_output_tokens"} if status == "incomplete" else None,
        }

    events: list[dict | str] = [{"type": "response.created", "response": response("in_progress", None)}]
    usage, finish = None, "stop"
    for chunk in chunks:
        if not isinstance(chunk, dict) or chunk.get("object") != "chat.completion.chunk":
            events.append(chunk)
            continue
        if chunk.get("usage"):
            u = chunk["usage"]
            usage = {
                "input_tokens": u["prompt_tokens"],
                "output_tokens": u["completion_tokens"],
                "total_tokens": u["total_tokens"],
                "input_tokens_details": {"cached_tokens": 0},
                "output_tokens_details": {"reasoning_tokens": 0},
            }
        for choice in chunk.get("choices") or ():
            finish = choice.get("finish_reason") or finish
            text = (choice.get("delta") or {}).get("content")
            if text:
                events.append(
                    {
                        "type": "response.output_text.delta",
                        "item_id": "msg_test",
                        "output_index": 0,
                        "content_index": 0,
                        "delta": text,
                        "logprobs": [],
                    }
                )
    status = "incomplete" if finish == "length" else "completed"
    events.append({"type": f"response.{status}", "response": response(status, usage)})
    for number, event in enumerate(events):
        if isinstance(event, dict):
            event["sequence_number"] = number
    return events


def with_sources(events: Sequence[dict | str], sources: Sequence[tuple[str, str]]) -> list[dict | str]:
    """Responses events of an answer grounded by web search: a ``web_search_call`` item (its
    ``action.sources``) before the text, one ``response.output_text.annotation.added`` per ``(url, title)``
    after it, and the completed response's ``output`` carrying the search and the annotated message."""
    search = {
        "id": "ws_test",
        "type": "web_search_call",
        "status": "completed",
        "action": {
            "type": "search",
            "queries": ["test"],
            "sources": [{"type": "url", "url": u} for u, _ in sources],
        },
    }
    annotations = [
        {"type": "url_citation", "url": url, "title": title, "start_index": 0, "end_index": 1}
        for url, title in sources
    ]
    text = "".join(
        e["delta"] for e in events if isinstance(e, dict) and e.get("type") == "response.output_text.delta"
    )
    out: list[dict | str] = []
    for event in events:
        if (
            isinstance(event, dict)
            and event.get("type") == "response.output_text.delta"
            and search is not None
        ):
            out.append({"type": "response.output_item.done", "output_index": 0, "item": search})
            search_item, search = search, None
        if isinstance(event, dict) and event.get("type") in ("response.completed", "response.incomplete"):
            for index, annotation in enumerate(annotations):
                out.append(
                    {
                        "type": "response.output_text.annotation.added",
                        "item_id": "msg_test",
                        "output_index": 1,
                        "content_index": 0,
                        "annotation_index": index,
                        "annotation": annotation,
                    }
                )
            message = {
                "id": "msg_test",
                "type": "message",
                "role": "assistant",
                "status": "completed",
                "content": [
                    {"type": "output_text", "text": text, "annotations": annotations, "logprobs": []}
                ],
            }
            event = dict(event, response=dict(event["response"], output=[search_item, message]))
        out.append(event)
    for number, event in enumerate(out):
        if isinstance(event, dict):
            event["sequence_number"] = number
    return out


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


NOT_FLAGGED = Reply(
    200,
    {
        "id": "modr-0",
        "model": "omni-moderation-latest",
        "results": [{"flagged": False, "categories": {}, "category_scores": {}}],
    },
)


def flagged(*categories: str) -> Reply:
    """A moderation answer that flags ``categories`` (e.g. "violence")."""
    return Reply(
        200,
        {
            "id": "modr-1",
            "model": "omni-moderation-latest",
            "results": [
                {
                    "flagged": True,
                    "categories": dict.fromkeys(categories, True),
                    "category_scores": dict.fromkeys(categories, 0.9),
                }
            ],
        },
    )


class FaultServer:
    """Answers every request with ``reply`` (or ``routes[path]`` for the paths it names) and records what it
    was sent; ``routes`` keys are paths without the query, e.g. "/v1/models". Like the real API, a moderation
    request (safe mode, when the stored key pays) is answered "not flagged" unless a route says otherwise;
    ``paid`` lists the other requests."""

    def __init__(
        self,
        reply: Reply | SSEReply,
        routes: dict[str, Reply | SSEReply | list[Reply | SSEReply]] | None = None,
    ) -> None:
        self.reply = reply
        self.routes = dict(routes or {})
        self.requests: list[Recorded] = []
        self._closing = threading.Event()  # wakes a paused stream when the server stops
        server = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                server.requests.append(
                    Recorded(
                        self.command,
                        self.path,
                        {k.lower(): v for k, v in self.headers.items()},
                        self.rfile.read(length),
                    )
                )
                path = self.path.split("?")[0]
                default = NOT_FLAGGED if path.endswith("/moderations") else server.reply
                r = server.routes.get(path, default)
                if isinstance(r, list):  # successive answers; the last one repeats
                    seen = sum(1 for q in server.requests if q.path.split("?")[0] == path)
                    r = r[min(seen, len(r)) - 1]
                if isinstance(r, SSEReply):
                    # One scripted answer serves both protocols: a Responses request gets it as events.
                    if path.endswith("/responses"):
                        r = replace(r, events=responses_events(r.events), done=False)
                    self._stream(r)
                    return
                payload = r.body if isinstance(r.body, str) else json.dumps(r.body)
                data = payload.encode()
                self.send_response(r.status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                for k, v in r.headers.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

            def _stream(self, r: SSEReply) -> None:
                # Chunked transfer needs HTTP/1.1; the connection still closes after this one answer.
                self.protocol_version = "HTTP/1.1"
                self.close_connection = True
                self.send_response(200)
                self.send_header("content-type", "text/event-stream")
                self.send_header("transfer-encoding", "chunked")
                self.send_header("connection", "close")
                for k, v in r.headers.items():
                    self.send_header(k, v)
                self.end_headers()
                try:
                    for index, event in enumerate(r.events):
                        if index == r.cut_after:
                            return  # the socket closes with the body unfinished
                        if index == r.pause_after and server._closing.wait(r.pause):
                            return
                        if index and r.delay and server._closing.wait(r.delay):
                            return
                        data = event if isinstance(event, str) else json.dumps(event, ensure_ascii=False)
                        kind = event.get("type") if isinstance(event, dict) else None
                        name = f"event: {kind}\n" if kind else ""  # Responses events are named
                        self._chunk(f"{name}data: {data}\n\n".encode())
                    if r.cut_after is not None and r.cut_after >= len(r.events):
                        return
                    if r.pause_after is not None and r.pause_after >= len(r.events):
                        server._closing.wait(r.pause)
                    if r.done:
                        self._chunk(b"data: [DONE]\n\n")
                    self.wfile.write(b"0\r\n\r\n")
                except OSError:  # the client gave up (a timeout test): nobody is left to tell
                    pass

            def _chunk(self, data: bytes) -> None:
                self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
                self.wfile.flush()

            do_GET = do_POST = do_DELETE = _answer

            def log_message(self, *args: object) -> None:  # keep test output quiet
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    @property
    def paid(self) -> list[Recorded]:
        """The requests other than moderation checks."""
        return [r for r in self.requests if not r.path.split("?")[0].endswith("/moderations")]

    @contextmanager
    def running(self) -> Iterator[FaultServer]:
        with serving(self._httpd, closing=self._closing.set):
            yield self
