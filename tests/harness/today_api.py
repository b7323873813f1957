"""A stand-in for OpenAI's API as of December 2026, for tests and the bench.

- ``GET /v1/models`` lists today's models with ``created`` and ``shutdown_date`` (TODAY_MODELS; the ids are
  those of the shared spec, the dates of models still running are test data, not facts);
- a request naming a shut-down model (RETIRED_IDS: the lesson's DALL-E, gpt-3.5-turbo...) gets 404
  ``model_not_found`` worded as OpenAI words it ("The model `dall-e-3` has been deprecated...");
- ``POST /v1/responses`` with ``stream: true`` streams Responses events; a copy of the request with
  ``stream: false`` goes to Prism first, so its shape is checked against the spec too (images as
  ``input_image`` parts, the ``web_search`` tool); with the ``web_search`` tool the answer cites ``SOURCES``;
- a moderation is checked by Prism and answered "not flagged" (Prism's static example flags everything);
- a transcription asking for ``diarized_json`` is checked by Prism and answered with speakers (Prism's
  examples have none): the JFK sentence in two turns, named by ``known_speaker_names`` when sent, else A/B;
- everything else is forwarded to the Prism mock as it is (the request checked, Prism's answer returned).
"""

from __future__ import annotations

import http.client
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from tests.harness.app import start_app
from tests.harness.fault_server import NOT_FLAGGED, Recorded, chat_chunks, responses_events, with_sources
from tests.harness.procs import stop_group
from tests.harness.serving import serving

_DAY = 86_400
_2024_07 = 1_721_172_741  # gpt-4o-mini's real ``created``
# Today's list (created grows with the release order; dates as in the shared spec's ids where it has them).
TODAY_MODELS: tuple[dict, ...] = (
    {"id": "gpt-4o-mini", "created": _2024_07, "shutdown_date": None},
    {"id": "gpt-4o", "created": _2024_07 - 60 * _DAY, "shutdown_date": "2027-01-14"},
    {"id": "gpt-4.1-mini", "created": _2024_07 + 270 * _DAY, "shutdown_date": None},
    {"id": "gpt-5-mini", "created": _2024_07 + 385 * _DAY, "shutdown_date": None},
    {"id": "gpt-5.4", "created": _2024_07 + 600 * _DAY, "shutdown_date": None},
    {"id": "gpt-5.4-mini", "created": _2024_07 + 605 * _DAY, "shutdown_date": None},
    {"id": "gpt-5.4-mini-2026-03-17", "created": _2024_07 + 605 * _DAY, "shutdown_date": None},
    {"id": "gpt-5.4-nano", "created": _2024_07 + 606 * _DAY, "shutdown_date": None},
    {"id": "gpt-5.5", "created": _2024_07 + 640 * _DAY, "shutdown_date": None},
    {"id": "gpt-5.5-pro", "created": _2024_07 + 640 * _DAY, "shutdown_date": None},
    {"id": "gpt-image-2", "created": _2024_07 + 640 * _DAY, "shutdown_date": None},
    {"id": "gpt-image-2-2026-04-21", "created": _2024_07 + 640 * _DAY, "shutdown_date": None},
    {"id": "gpt-transcribe", "created": _2024_07 + 650 * _DAY, "shutdown_date": None},
    {"id": "whisper-1", "created": 1_677_532_384, "shutdown_date": "2027-02-26"},
    {"id": "gpt-4o-transcribe", "created": _2024_07 + 240 * _DAY, "shutdown_date": "2027-02-26"},
    {"id": "gpt-4o-mini-transcribe", "created": _2024_07 + 240 * _DAY, "shutdown_date": "2027-02-26"},
    {"id": "gpt-4o-transcribe-diarize", "created": _2024_07 + 450 * _DAY, "shutdown_date": "2027-02-26"},
    {"id": "text-embedding-3-small", "created": 1_705_948_997, "shutdown_date": None},
    {"id": "omni-moderation-latest", "created": _2024_07 + 60 * _DAY, "shutdown_date": None},
    {"id": "tts-1", "created": 1_681_940_951, "shutdown_date": None},
    {"id": "gpt-realtime", "created": _2024_07 + 400 * _DAY, "shutdown_date": None},
)
# Shut down: not listed, and a request naming one is refused.
RETIRED_IDS = frozenset(
    {
        "dall-e-2",
        "dall-e-3",
        "gpt-3.5-turbo",
        "gpt-3.5-turbo-0125",
        "gpt-4-turbo",
        "gpt-image-1",
        "gpt-image-1.5",
        "gpt-image-1-mini",
        "chatgpt-image-latest",
    }
)


@dataclass
class TodayAPI:
    """The stand-in: ``url`` for a client's ``base_url``; ``requests`` as received; ``answer`` the text it
    streams (as ``chat_chunks`` pieces) with its ``usage``."""

    prism_url: str
    answer: list[str] = field(default_factory=lambda: ["Hello", " from", " today's", " model."])
    usage: tuple[int, int] = (21, 4)
    sources: list[tuple[str, str]] = field(
        default_factory=lambda: [
            ("https://en.wikipedia.org/wiki/Multimodal_learning", "Multimodal learning - Wikipedia"),
            ("https://platform.openai.com/docs/guides/images-vision", "Images and vision | OpenAI"),
        ]
    )
    requests: list[Recorded] = field(default_factory=list)
    url: str = ""

    def __post_init__(self) -> None:
        api = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _handle(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length)
                headers = {k.lower(): v for k, v in self.headers.items()}
                api.requests.append(Recorded(self.command, self.path, headers, body))
                path = self.path.split("?")[0]
                data = _json(body) if headers.get("content-type", "").startswith("application/json") else {}
                if self.command == "GET" and path == "/v1/models":
                    api._forward(self.command, self.path, headers, body)  # checked, answer replaced
                    return self._send(
                        200,
                        {
                            "object": "list",
                            "data": [dict(m, object="model", owned_by="openai") for m in TODAY_MODELS],
                        },
                    )
                model = data.get("model") if isinstance(data, dict) else None
                if model is None and headers.get("content-type", "").startswith("multipart/"):
                    model = _multipart_model(body)
                if model in RETIRED_IDS:
                    return self._send(
                        404,
                        {
                            "error": {
                                "message": f"The model `{model}` has been deprecated, learn more here: "
                                "https://platform.openai.com/docs/deprecations",
                                "type": "invalid_request_error",
                                "param": None,
                                "code": "model_not_found",
                            }
                        },
                    )
                form = (
                    _multipart_fields(body)
                    if headers.get("content-type", "").startswith("multipart/")
                    else {}
                )
                if path == "/v1/audio/transcriptions" and form.get("response_format") == ["diarized_json"]:
                    status, _, _ = api._forward(self.command, self.path, headers, body)
                    if status >= 400:
                        return self._send(status, {"error": {"message": "request does not match the spec"}})
                    return self._send(200, diarized(form.get("known_speaker_names[]") or ["A", "B"]))
                if path == "/v1/moderations":  # checked by Prism, whose static example is "flagged"
                    status, _, _ = api._forward(self.command, self.path, headers, body)
                    return self._send(status, NOT_FLAGGED.body) if status < 400 else self._send(status, {})
                if path == "/v1/responses" and isinstance(data, dict) and data.get("stream"):
                    checked = json.dumps(pinned(dict(data, stream=False))).encode()
                    status, _, _ = api._forward("POST", self.path, headers, checked)
                    if status >= 400:  # the spec refused the request: so would the real API
                        return self._send(status, {"error": {"message": "request does not match the spec"}})
                    events = responses_events(chat_chunks(api.answer, usage=api.usage), model=model)
                    tools = data.get("tools") or []
                    if any(isinstance(tool, dict) and tool.get("type") == "web_search" for tool in tools):
                        events = with_sources(events, api.sources)
                    return self._stream(events)
                status, reply_headers, reply = api._forward(self.command, self.path, headers, body)
                self.send_response(status)
                self.send_header("content-type", reply_headers.get("content-type", "application/json"))
                self.send_header("content-length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def _send(self, status: int, payload: dict) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _stream(self, events: list) -> None:
                self.send_response(200)
                self.send_header("content-type", "text/event-stream")
                self.send_header("transfer-encoding", "chunked")
                self.end_headers()
                for event in events:
                    chunk = (
                        f"event: {event['type']}\ndata: {json.dumps(event, ensure_ascii=False)}\n\n".encode()
                    )
                    self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                    self.wfile.flush()
                self.wfile.write(b"0\r\n\r\n")

            do_GET = do_POST = do_DELETE = _handle

            def log_message(self, *args: object) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    def _forward(
        self, method: str, path: str, headers: dict[str, str], body: bytes
    ) -> tuple[int, dict, bytes]:
        target = urlsplit(self.prism_url)
        conn = http.client.HTTPConnection(target.hostname, target.port, timeout=60)
        keep = {k: v for k, v in headers.items() if k in ("authorization", "content-type", "prefer")}
        keep["content-length"] = str(len(body))
        conn.request(method, path, body=body or None, headers=keep)
        response = conn.getresponse()
        data = response.read()
        conn.close()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, data

    @contextmanager
    def running(self) -> Iterator[TodayAPI]:
        with serving(self._httpd):
            yield self


# A pin only a validator reads: an EasyInputMessage ``phase`` outside its enum (the real API never sees it).
PIN_PHASE = "x-spec-check-pins-InputMessage"


def pinned(request: dict) -> dict:
    """A copy of a Responses request that Prism can judge. The spec's ``input`` items are a ``oneOf`` in which
    a user message with content parts (text and ``input_image``) fits both ``EasyInputMessage`` and
    ``InputMessage`` (neither closes its properties), so strict validation refuses every such message as
    "must match exactly one schema" whatever its parts hold. Giving it a ``phase`` that ``EasyInputMessage``
    rejects leaves ``InputMessage``, which checks each part (``input_image`` needs a ``detail`` of the spec's
    values, ``input_text`` its ``text``) as strictly as before."""
    items = request.get("input")
    if not isinstance(items, list):
        return request
    return dict(
        request,
        input=[
            dict(item, phase=PIN_PHASE)
            if isinstance(item, dict) and isinstance(item.get("content"), list)
            else item
            for item in items
        ],
    )


def _json(body: bytes) -> object:
    try:
        return json.loads(body or b"{}")
    except ValueError:
        return {}


def diarized(names: list[str]) -> dict:
    """A ``diarized_json`` answer: the JFK sentence said by two speakers in turn (the first name twice)."""
    first, second = names[0], names[1] if len(names) > 1 else names[0]
    turns = [
        (0.0, 3.6, "And so, my fellow Americans,", first),
        (3.9, 7.2, "ask not what your country can do for you,", second),
        (7.6, 10.6, "ask what you can do for your country.", first),
    ]
    return {
        "task": "transcribe",
        "duration": 11.0,
        "text": " ".join(text for _, _, text, _ in turns),
        "segments": [
            {
                "type": "transcript.text.segment",
                "id": f"seg_{k}",
                "start": a,
                "end": b,
                "text": text,
                "speaker": who,
            }
            for k, (a, b, text, who) in enumerate(turns, start=1)
        ],
        "usage": {"type": "duration", "seconds": 11},
    }


def _multipart_fields(body: bytes) -> dict[str, list[str]]:
    """The text fields of a multipart form (files left out): name -> its values, in order."""
    fields: dict[str, list[str]] = {}
    for part in body.split(b"\r\n--"):
        head, _, value = part.partition(b"\r\n\r\n")
        name = re.search(rb'name="([^"]+)"', head)
        if name is None or b"filename=" in head:
            continue
        fields.setdefault(name.group(1).decode(), []).append(
            value.rsplit(b"\r\n", 1)[0].decode("utf-8", "replace")
        )
    return fields


def _multipart_model(body: bytes) -> str | None:
    marker = b'name="model"'
    at = body.find(marker)
    if at < 0:
        return None
    value = body[at + len(marker) :].split(b"\r\n\r\n", 1)[-1].split(b"\r\n", 1)[0]
    return value.decode("utf-8", "replace").strip() or None


@contextmanager
def app_on_today_api(prism_url: str, log: Path, key: str) -> Iterator[tuple[str, TodayAPI]]:
    """``streamlit run`` with a key and the stand-in's address in its secrets file (as a deployer would set
    them, classroom mode off): yields (the app's URL, the stand-in) for a browser test."""
    with TodayAPI(prism_url).running() as api:
        proc, url = start_app(
            log,
            secrets={
                "OPENAI_API_KEY": key,
                "OPENAI_BASE_URL": api.url,
                "PLAYGROUND_PROVIDER": "openai",
                "classroom": {"enabled": False},
            },
        )
        try:
            yield url, api
        finally:
            stop_group(proc)
