"""Classroom mode under a whole class: N browser sessions on one server share one key's rate limit.

Run: python bench/classroom.py [--sessions 30] [--rpm 40 --ipm 15 --tpm 200000]
     [--upstream-rpm 45 --upstream-ipm 20] [--replicas 1|3] [--compare] [--json results.json]
Needs Prism (.tools/prism, installed by .ci/run, or PRISM_BIN), Debian chromium and Playwright; about 4-5
minutes on 2 cores per run. Exit status 1 when a student got no answer, saw a rate-limit or other error, or a
request broke the spec.

``--replicas 3`` runs the school's way instead: Redis (``deploy/redis.conf``) and three app processes behind
HAProxy with sticky sessions (``deploy/haproxy.cfg``), every replica's classroom state in that Redis
(``[classroom] store``); the students open the proxy's address, so about ten land on each replica. The limits
are the same, for the three together. ``--compare`` runs one process, then three replicas, and prints their
figures side by side; ``--no-store`` (with ``--replicas 3``) leaves Redis out, to show what each replica's own
limiter does to the key's limit.

The real app (``streamlit run``) runs in classroom mode: the key comes from the deployer's secrets, so every
paid call waits its turn in the one ``lib.classroom.RateLimiter`` of the process (``LimitedClient``). One
headless Chromium holds one context per student. Every student opens a first page by its URL (half /chat,
half /images, ``--load-concurrency`` at a time); then all act within ``--stagger`` seconds: one chat message
on /chat, one dall-e-3 image on /images, moving to the other page by the sidebar's link as a student would
(the same Streamlit session). Measured:

- what the upstream received in any 60 s window (max over sliding windows) against the app's
  requests_per_minute / images_per_minute, and the shortest time that held one more than the limit (60 s
  or more: never over; just under 60 s is the time between the limiter's grant and the request's arrival);
- 429s the upstream answered, which the app should retry out of sight, against rate-limit errors shown to a
  student (target: none); any other alert or exception a page showed is listed with its text;
- per student, the wait from Enter / click to the answer on the page (p50 / p95 / max), split into the app
  before the queue, the queue and the answer by the upstream's tagged requests; how many students saw the
  "Waiting for your turn" notice, and what its first "about N s" said against the wait that followed;
- every request also checked against OpenAI's published spec by a Prism mock (target: no 422), wall time.

The upstream is a stand-in on 127.0.0.1: it forwards every request to Prism first (same method, path,
headers, body), then answers itself: the model list, "not flagged" to moderation (safe mode is on; Prism's
example flags everything), a streamed chat reply (Prism answers a streaming request with plain JSON), Prism's
image when it decodes as an image (else a small PNG). Paid calls (chat, images) over its own sliding-window
limits get a 429 with ``retry-after`` as OpenAI answers; moderation is free and not limited. The defaults put
them a bit above the app's, so a 429 means the app let too much through; ``--upstream-ipm 14`` (below the
app's, as when the deployer's limits exceed the key's tier) makes the upstream answer 429 and shows how the
app retries. 30 images at 15 a minute cannot all go in the first minute, so the queue has to hold students
back.

The pages are watched from inside (a MutationObserver reporting through a binding) rather than by
Playwright's waits, which poll each page and cost ~8% of a core per page: for 30 pages, the whole machine.
Loading the Streamlit frontend costs Chromium ~6 CPU-s per page, so on 2 cores the first pages take about
two minutes; the figures above are taken after that.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import http.client
import io
import json
import math
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, deque
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as `python bench/classroom.py`
# The tests' harness: the app's isolated environment, process helpers, Prism and Chromium.
from tests.harness import (
    CHROMIUM_ARGS,
    ROOT,
    SPEC,
    RedisServer,
    app_command,
    app_env,
    chromium_binary,
    free_port,
    prism_binary,
    prism_command,
    stop_group,
    wait_for_port,
)
from tests.harness.serving import serving

CHROMIUM = chromium_binary()
DEPLOY = ROOT / "deploy"  # the Redis and HAProxy configurations a deployer copies: the bench runs them
KEY = "sk-bench-0000"
WINDOW_S = 60.0
EDGE_S = 0.5  # a window "over" by less than this is the time between the app's grant and the arrival
# Each text carries its sender's tag ("[s07-chat]"), so the upstream can tell whose request it got.
MESSAGE = "[{tag}] In one sentence: why is the sky blue?"
IMAGE_PROMPT = "[{tag}] a lighthouse on a rocky coast at dusk"
TAG = re.compile(rb"\[(s\d+-(?:chat|images))\]")
ANSWER = ["Sunlight ", "scatters ", "off ", "air ", "molecules, ", "and ", "blue ", "scatters ", "most."]
EVENT_DELAY_S = 0.05
WAITING = "Waiting for your turn"
PAUSED = "asked everyone to slow down"
NOT_FLAGGED = {
    "id": "modr-0",
    "model": "omni-moderation-latest",
    "results": [{"flagged": False, "categories": {}, "category_scores": {}}],
}
MODELS = {
    "object": "list",
    "data": [{"id": "gpt-4o-mini", "object": "model", "created": 0, "owned_by": "openai"}],
}
RATE_LIMITED = {"error": {"message": "Rate limit reached", "type": "requests", "code": "rate_limit_exceeded"}}

# Watches the page from inside, so that waiting costs nothing: Playwright's own waits poll the page, ~8% of a
# core per page on this machine, which for 30 pages is the whole machine. On each change of the page (at most
# every 100 ms) it reports through the binding ``benchState``: every alert (st.info / warning / error /
# success) and exception block, once per text; "ready:chat" / "ready:images" when the form can be used;
# "done:chat" when a reply's token meter shows, "done:images" when the gallery tab counts one image.
OBSERVER = r"""
(() => {
  const seen = new Set();
  const report = (key, ...rest) => {
    if (!seen.has(key)) { seen.add(key); window.benchState(key, ...rest); }
  };
  const any = (selector, test) => [...document.querySelectorAll(selector)].some(test);
  let queued = false;
  const scan = () => {
    queued = false;
    for (const el of document.querySelectorAll('[data-testid="stAlert"], [data-testid="stException"]')) {
      const inner = el.querySelector('[data-testid^="stAlertContent"]');
      const kind = el.dataset.testid === 'stException' ? 'exception'
        : inner ? inner.dataset.testid.slice('stAlertContent'.length).toLowerCase() : 'alert';
      const text = (el.innerText || el.textContent || '').trim();
      if (text) report('alert|' + kind + '|' + text, kind, text, location.pathname);
    }
    const box = document.querySelector('textarea[data-testid="stChatInputTextArea"]');
    if (box) report(box.disabled ? 'seen:chat-input-disabled' : 'ready:chat');
    if (document.querySelector('textarea[aria-label="What should it show? (base prompt)"]')
        && any('button[kind="primary"]', b => b.innerText.trim() === 'Generate' && !b.disabled)) {
      report('ready:images');
    }
    if (any('[data-testid="stCaptionContainer"]', c => /^in \d+ · out \d+ tokens/.test(c.innerText.trim()))) {
      report('done:chat');
    }
    if (any('[role="tab"]', t => /Gallery \(1\)/.test(t.innerText))) report('done:images');
  };
  new MutationObserver(() => { if (!queued) { queued = true; setTimeout(scan, 100); } })
    .observe(document, {subtree: true, childList: true, characterData: true, attributes: true});
})();
"""


# --- processes ---------------------------------------------------------------------------------------------


def start(command: Sequence[str], log: Path, env: dict[str, str] | None = None) -> subprocess.Popen:
    with log.open("wb") as out:
        return subprocess.Popen(
            list(command), cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


def secrets_toml(upstream_url: str, args: argparse.Namespace, store: str = "") -> str:
    return f"""OPENAI_API_KEY = "{KEY}"
OPENAI_BASE_URL = "{upstream_url}"
PLAYGROUND_PROVIDER = "openai"

[classroom]
store = "{store}"
safe_mode = true
requests_per_minute = {args.rpm}
images_per_minute = {args.ipm}
tokens_per_minute = {args.tpm}
queue_timeout_seconds = {args.queue_timeout}

[classroom.session]
requests = 20
tokens = 100000
images = 5
audio_minutes = 5

[classroom.day]
requests = 5000
tokens = 10000000
images = 1000
audio_minutes = 1000
"""


# --- the upstream stand-in ---------------------------------------------------------------------------------


@dataclass
class Hit:
    """One request the upstream received: when (s since the bench's start), what, and the answers."""

    t: float
    kind: str  # chat, images, moderations, models, other
    status: int  # what the stand-in answered
    prism: int  # what Prism answered (422: the request broke the spec; 0: Prism unreachable)
    images: int = 0
    violation: str = ""
    tag: str = ""  # the student and task the text came from ("s07-chat"), when the body names one


def chat_events(model: str) -> list[dict]:
    """OpenAI's stream for ``ANSWER``: a role chunk, a chunk per piece, the finish chunk, the usage chunk."""
    base = {"id": "chatcmpl-bench", "object": "chat.completion.chunk", "created": 1700000000, "model": model}

    def chunk(delta: dict, finish: str | None = None) -> dict:
        choice = {"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}
        return {**base, "choices": [choice], "usage": None}

    events = [chunk({"role": "assistant", "content": ""})]
    events += [chunk({"content": piece}) for piece in ANSWER]
    events.append(chunk({}, "stop"))
    usage = {"prompt_tokens": 16, "completion_tokens": len(ANSWER), "total_tokens": 16 + len(ANSWER)}
    events.append({**base, "choices": [], "usage": usage})
    return events


def small_png() -> str:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), (40, 90, 160)).save(buffer, "PNG")
    return base64.b64encode(buffer.getvalue()).decode()


def decodes_as_image(b64: object) -> bool:
    from PIL import Image

    try:
        Image.open(io.BytesIO(base64.b64decode(str(b64), validate=True))).verify()
    except Exception:
        return False
    return True


class Upstream:
    """OpenAI's API as the app sees it, with OpenAI's kind of rate limit; Prism checks every request."""

    HOP = frozenset(
        {"host", "connection", "content-length", "accept-encoding", "transfer-encoding", "keep-alive"}
    )

    def __init__(self, prism_port: int, rpm: int, ipm: int, t0: float) -> None:
        self.prism_port, self.rpm, self.ipm, self.t0 = prism_port, rpm, ipm, t0
        # Prism takes ~20 s to start; the browsers load their first pages meanwhile, and a request that
        # comes before Prism is up waits for it (``watch_prism`` sets this, up or not).
        self.prism_ready = threading.Event()
        self.prism_error: str | None = None
        self.prism_up_t: float | None = None
        self.hits: list[Hit] = []
        self.image_source: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._paid: deque[float] = deque()  # accepted chat + image requests in the last minute
        self._images: deque[float] = deque()  # one entry per accepted image
        self._closing = threading.Event()
        self._png = small_png()
        upstream = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                upstream.handle(self)

            do_GET = do_POST = do_DELETE = _answer

            def log_message(self, *args: object) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    @contextmanager
    def running(self) -> Iterator[Upstream]:
        with serving(self._httpd, closing=self._closing.set):
            yield self

    def _admit(self, images: int) -> float | None:
        """Book a paid request in the sliding window; None when it fits, else seconds until it would."""
        with self._lock:
            now = time.monotonic()
            for log in (self._paid, self._images):
                while log and log[0] <= now - WINDOW_S:
                    log.popleft()
            waits = []
            if len(self._paid) + 1 > self.rpm:
                waits.append(self._paid[len(self._paid) - self.rpm] + WINDOW_S - now)
            if images and len(self._images) + images > self.ipm:
                index = min(len(self._images) - 1, len(self._images) + images - self.ipm - 1)
                waits.append(self._images[index] + WINDOW_S - now)
            if waits:
                return max(waits)
            self._paid.append(now)
            self._images.extend([now] * images)
            return None

    def watch_prism(self, proc: subprocess.Popen) -> None:
        try:
            wait_for_port(self.prism_port, timeout=180, proc=proc)
            self.prism_up_t = time.monotonic() - self.t0
        except (RuntimeError, TimeoutError) as exc:
            self.prism_error = str(exc)
        finally:
            self.prism_ready.set()

    def _prism(self, handler: BaseHTTPRequestHandler, body: bytes) -> tuple[int, bytes]:
        self.prism_ready.wait(timeout=180)
        headers = {k: v for k, v in handler.headers.items() if k.lower() not in self.HOP}
        headers["Content-Length"] = str(len(body))
        connection = http.client.HTTPConnection("127.0.0.1", self.prism_port, timeout=30)
        try:
            connection.request(handler.command, handler.path, body=body or None, headers=headers)
            reply = connection.getresponse()
            return reply.status, reply.read()
        except OSError as exc:
            return 0, str(exc).encode()
        finally:
            connection.close()

    def handle(self, handler: BaseHTTPRequestHandler) -> None:
        arrived = time.monotonic() - self.t0
        body = handler.rfile.read(int(handler.headers.get("content-length") or 0))
        path = handler.path.split("?")[0]
        kind = next(
            (
                k
                for k in ("chat/completions", "images/generations", "moderations", "models")
                if path.endswith(k)
            ),
            "other",
        ).split("/")[0]
        # The Chat page asks OpenAI's models over Responses: a paid chat request like chat/completions,
        # limited and counted as one; Prism's own answer is passed on.
        responses = path.endswith("/responses")
        kind = "chat" if responses else kind
        try:
            request = json.loads(body) if body else {}
        except ValueError:
            request = {}
        images = int(request.get("n") or 1) if kind == "images" else 0
        retry = self._admit(images) if kind in ("chat", "images") else None
        prism, answer = self._prism(handler, body)
        tagged = TAG.search(body)
        hit = Hit(arrived, kind, 200, prism, images, tag=tagged.group(1).decode() if tagged else "")
        if prism == 422 or prism == 0:
            hit.violation = answer.decode("utf-8", "replace")[:600]
        try:
            if retry is not None:
                hit.status = 429
                self._json(handler, 429, RATE_LIMITED, {"retry-after": str(max(1, math.ceil(retry)))})
            elif kind == "models":
                self._json(handler, 200, MODELS)
            elif kind == "moderations":
                self._json(handler, 200, NOT_FLAGGED)
            elif kind == "chat" and request.get("stream") and not responses:
                self._stream(handler, chat_events(str(request.get("model") or "gpt-4o-mini")))
            elif kind == "images":
                self._json(handler, 200, self._image(prism, answer))
            else:  # whatever else the app asks: Prism's answer as it is
                hit.status = prism or 502
                self._raw(handler, hit.status, answer)
        except OSError:  # the app gave up on this request (it left the page): nobody is left to tell
            pass
        finally:
            with self._lock:
                self.hits.append(hit)

    def _image(self, prism: int, answer: bytes) -> dict:
        if prism == 200:
            try:
                data = json.loads(answer)
                if decodes_as_image(data["data"][0]["b64_json"]):
                    self.image_source["prism"] += 1
                    return data
            except (ValueError, KeyError, IndexError, TypeError):
                pass
        self.image_source["own"] += 1
        return {"created": 0, "data": [{"b64_json": self._png}]}

    @staticmethod
    def _raw(handler: BaseHTTPRequestHandler, status: int, data: bytes, headers: dict | None = None) -> None:
        handler.send_response(status)
        handler.send_header("content-type", "application/json")
        handler.send_header("content-length", str(len(data)))
        for k, v in (headers or {}).items():
            handler.send_header(k, v)
        handler.end_headers()
        handler.wfile.write(data)

    def _json(self, handler: BaseHTTPRequestHandler, status: int, body: dict, headers: dict | None = None):
        self._raw(handler, status, json.dumps(body).encode(), headers)

    def _stream(self, handler: BaseHTTPRequestHandler, events: list[dict]) -> None:
        handler.protocol_version = "HTTP/1.1"  # chunked transfer; the connection still closes afterwards
        handler.close_connection = True
        handler.send_response(200)
        handler.send_header("content-type", "text/event-stream")
        handler.send_header("transfer-encoding", "chunked")
        handler.send_header("connection", "close")
        handler.end_headers()

        def chunk(data: bytes) -> None:
            handler.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
            handler.wfile.flush()

        for index, event in enumerate(events):
            if index and self._closing.wait(EVENT_DELAY_S):
                return
            chunk(f"data: {json.dumps(event)}\n\n".encode())
        chunk(b"data: [DONE]\n\n")
        handler.wfile.write(b"0\r\n\r\n")


# --- the students ------------------------------------------------------------------------------------------


@dataclass
class Alert:
    t: float
    kind: str  # info, warning, error, success, exception
    text: str
    path: str


@dataclass
class Student:
    index: int
    order: tuple[str, ...]
    load_s: dict[str, float] = field(default_factory=dict)  # URL / sidebar link -> the form ready to use
    wait_s: dict[str, float] = field(default_factory=dict)  # Enter / click -> the answer on the page
    clicked_t: dict[str, float] = field(default_factory=dict)  # when Enter / click happened (bench clock)
    failed: dict[str, str] = field(default_factory=dict)
    alerts: list[Alert] = field(default_factory=list)
    seen: dict[str, float] = field(default_factory=dict)  # the observer's reports, when they came
    flags: dict[str, asyncio.Event] = field(default_factory=dict)
    stopped: Alert | None = None  # the last error / warning / exception shown
    replica: str = ""  # the replica HAProxy's sticky cookie names (three-replica runs)

    @property
    def name(self) -> str:
        return f"s{self.index + 1:02d}"

    def flag(self, key: str) -> asyncio.Event:
        return self.flags.setdefault(key, asyncio.Event())

    def report(self, key: str, *rest: str) -> None:
        """The page's observer saw ``key`` (an alert comes with its kind, text and path)."""
        now = time.monotonic()
        self.seen.setdefault(key, now)
        if key.startswith("alert|"):
            alert = Alert(now, *rest)
            self.alerts.append(alert)
            if alert.kind in ("error", "warning", "exception"):
                self.stopped = alert
                self.flag("stopped").set()
        else:
            self.flag(key).set()

    async def until(self, key: str, timeout: float) -> float:
        """Wait for the observer to report ``key``; when it did (monotonic clock)."""
        await asyncio.wait_for(self.flag(key).wait(), timeout)
        return self.seen[key]

    def notices(self, marker: str) -> list[Alert]:
        return [a for a in self.alerts if marker in a.text]

    def max_place(self) -> int | None:
        places = [
            int(m.group(1)) for a in self.alerts for m in [re.search(r"number (\d+) in line", a.text)] if m
        ]
        return max(places) if places else None


def is_notice(alert: Alert) -> bool:
    return WAITING in alert.text or PAUSED in alert.text


def is_rate_limit(alert: Alert) -> bool:
    return not is_notice(alert) and any(word in alert.text for word in ("429", "Rate limit", "rate limit"))


async def open_form(page: Any, student: Student, url: str, task: str, timeout: float, link: bool) -> float:
    """Open the task's page, by its URL or, as a student moves on, by the sidebar's link (the same Streamlit
    session, no reload of the frontend); the seconds until its form could be used."""
    started = time.monotonic()
    if link:
        await page.locator(f'[data-testid="stSidebarNav"] a[href$="/{task}"]').click(timeout=timeout * 1000)
    else:
        await page.goto(f"{url}/{task}", wait_until="commit", timeout=timeout * 1000)
    return await student.until(f"ready:{task}", timeout) - started


async def act(page: Any, student: Student, task: str, timeout: float) -> tuple[float, float, str | None]:
    """Send the message / generate the image; when it was sent, the seconds until the answer showed, and
    the error or warning shown instead (None when the answer came)."""
    tag = f"{student.name}-{task}"
    # Playwright's own 30 s for a fill: too short for a page of 30 on a loaded 2-core machine (seen: 13 of 30
    # with three app processes), and not what the bench measures; the answer's timeout applies instead.
    wait_ms = timeout * 1000
    if task == "chat":
        box = page.get_by_placeholder("Type a message")
        await box.fill(MESSAGE.format(tag=tag), timeout=wait_ms)
        student.flag("stopped").clear()
        started = time.monotonic()
        await box.press("Enter", timeout=wait_ms)
    else:
        prompt = page.get_by_label("What should it show? (base prompt)")
        await prompt.fill(IMAGE_PROMPT.format(tag=tag), timeout=wait_ms)
        student.flag("stopped").clear()
        started = time.monotonic()
        await page.get_by_role("button", name="Generate", exact=True).click(timeout=wait_ms)
    done, stopped = student.flag(f"done:{task}"), student.flag("stopped")
    waiters = [asyncio.ensure_future(done.wait()), asyncio.ensure_future(stopped.wait())]
    try:
        await asyncio.wait(waiters, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiter in waiters:
            waiter.cancel()
    if done.is_set():
        return started, student.seen[f"done:{task}"] - started, None
    if stopped.is_set() and student.stopped is not None:
        return started, student.stopped.t - started, f"[{student.stopped.kind}] {student.stopped.text}"
    raise TimeoutError(f"no answer within {timeout:.0f} s")


async def drive(
    args: argparse.Namespace, url: str, t0: float, upstream: Upstream
) -> tuple[list[Student], dict]:
    from playwright.async_api import async_playwright

    students = [
        Student(i, ("chat", "images") if i % 2 == 0 else ("images", "chat")) for i in range(args.sessions)
    ]
    timeout = args.answer_timeout
    timing: dict[str, float] = {"t0": t0}

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            pages = []
            for student in students:
                context = await browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
                await context.expose_function("benchState", student.report)
                await context.add_init_script(OBSERVER)
                pages.append(await context.new_page())

            loading = asyncio.Semaphore(args.load_concurrency or len(students))

            async def first_page(student: Student, page: Any) -> None:
                task = student.order[0]
                async with loading:
                    try:
                        student.load_s[task] = await open_form(page, student, url, task, timeout, link=False)
                        cookies = await page.context.cookies()
                        student.replica = next(
                            (c["value"] for c in cookies if c["name"] == "PLAYGROUND_REPLICA"), ""
                        )
                    except Exception as exc:
                        student.failed[task] = f"page did not load: {type(exc).__name__}"

            async def lesson(student: Student, page: Any) -> None:
                await asyncio.sleep(student.index * args.stagger / max(1, args.sessions - 1))
                for step, task in enumerate(student.order):
                    if task in student.failed:
                        continue
                    try:
                        if step:
                            student.load_s[task] = await open_form(
                                page, student, url, task, timeout, link=True
                            )
                        clicked, waited, error = await act(page, student, task, timeout)
                        student.clicked_t[task] = clicked - t0
                        if error is None:
                            student.wait_s[task] = waited
                        else:
                            student.failed[task] = f"shown after {waited:.1f} s: {error[:300]}"
                    except Exception as exc:
                        student.failed[task] = (
                            f"{type(exc).__name__}: {(str(exc).splitlines() or [''])[0][:300]}"
                        )

            async def progress() -> None:
                while True:
                    await asyncio.sleep(10)
                    ready = sum(any(k.startswith("ready:") for k in s.seen) for s in students)
                    done = sum(len(s.wait_s) for s in students)
                    paid = [h for h in upstream.hits if h.kind in ("chat", "images")]
                    print(
                        f"  t={time.monotonic() - t0:4.0f} s  pages ready {ready}/{len(students)}  "
                        f"answers {done}/{2 * len(students)}  upstream paid {len(paid)} "
                        f"(429: {sum(h.status == 429 for h in paid)})  "
                        f"saw the queue: {sum(bool(s.notices(WAITING)) for s in students)}",
                        flush=True,
                    )

            reporter = asyncio.create_task(progress())
            try:
                started = time.monotonic()
                await asyncio.gather(*(first_page(s, pg) for s, pg in zip(students, pages, strict=True)))
                timing["first_pages_s"] = time.monotonic() - started
                print(f"  first pages ready in {timing['first_pages_s']:.1f} s; the class starts", flush=True)
                started = time.monotonic()
                timing["lesson_start_t"] = started - t0
                await asyncio.gather(*(lesson(s, pg) for s, pg in zip(students, pages, strict=True)))
                timing["lesson_s"] = time.monotonic() - started
                await asyncio.sleep(0.5)  # the observers' last reports
            finally:
                reporter.cancel()
        finally:
            await browser.close()
    for student in students:  # alerts on the bench's clock, like the upstream's requests
        for alert in student.alerts:
            alert.t = round(alert.t - t0, 2)
    return students, timing


# --- figures -----------------------------------------------------------------------------------------------


def max_in_window(times: Sequence[float], window: float = WINDOW_S) -> int:
    """The most events in any window (t - window, t], the limiter's own notion of "the last minute"."""
    ordered, best, low = sorted(times), 0, 0
    for high, stamp in enumerate(ordered):
        while ordered[low] <= stamp - window:
            low += 1
        best = max(best, high - low + 1)
    return best


def shortest_span(times: Sequence[float], limit: int) -> float | None:
    """The shortest time holding ``limit + 1`` events: under 60 s means a window went over the limit, and
    by how much tells jitter (59.9 s) from a limiter that lets too much through (30 s). None: too few."""
    ordered = sorted(times)
    spans = [ordered[i + limit] - ordered[i] for i in range(len(ordered) - limit)]
    return min(spans) if spans else None


def estimates(students: Sequence[Student], hits: Sequence[Hit]) -> list[dict]:
    """The first "Waiting for your turn" notice of each queued call (its place and "about N s") against the
    wait that followed: from the notice to the (last, after a 429) paid request reaching the upstream. A
    starved browser can show the notice late, so the wait is 0 when the request went before it showed."""
    out = []
    for s in students:
        for task in ("chat", "images"):
            shown = [a for a in s.notices(WAITING) if a.path.rstrip("/").endswith(task)]
            sent = [h.t for h in hits if h.tag == f"{s.name}-{task}" and h.kind == task]
            said = re.search(r"number (\d+) in line, about (\d+) s", shown[0].text) if shown else None
            if said and sent:
                out.append(
                    {
                        "name": s.name,
                        "task": task,
                        "place": int(said.group(1)),
                        "estimated_s": int(said.group(2)),
                        "actual_s": round(max(0.0, max(sent) - shown[0].t), 1),
                    }
                )
    return out


def phases(students: Sequence[Student], hits: Sequence[Hit]) -> dict:
    """Where each answer's time went, from the tagged requests the upstream saw: the app before the queue
    (the rerun, token counting, the moderation call going out), the queue (moderation sent -> the paid
    request arriving, 429 retries included) and the answer (last paid request -> the answer on the page)."""
    out: dict[str, dict[str, list[float]]] = {}
    for task in ("chat", "images"):
        parts: dict[str, list[float]] = {"before_queue": [], "queue": [], "answer": []}
        for s in students:
            if task not in s.wait_s:
                continue
            mine = [h for h in hits if h.tag == f"{s.name}-{task}"]
            checks = [h.t for h in mine if h.kind == "moderations"]
            paid = [h.t for h in mine if h.kind == task]
            if not checks or not paid:
                continue
            clicked = s.clicked_t[task]
            parts["before_queue"].append(min(checks) - clicked)
            parts["queue"].append(min(paid) - min(checks))
            parts["answer"].append(clicked + s.wait_s[task] - max(paid))
        out[task] = parts
    return out


def percentile(values: Sequence[float], q: float) -> float | None:
    """Nearest-rank percentile (p95 of 30 values is the 29th smallest)."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


def summarize(args: argparse.Namespace, students: list[Student], upstream: Upstream, timing: dict) -> dict:
    hits = list(upstream.hits)
    paid = [h for h in hits if h.kind in ("chat", "images")]
    ok = [h for h in paid if h.status != 429]
    image_hits = [h for h in paid if h.kind == "images"]

    def image_times(selection: list[Hit]) -> list[float]:
        return [h.t for h in selection if h.kind == "images" for _ in range(h.images)]

    requests_limit, images_limit = args.rpm, args.ipm
    alerts = [(s, a) for s in students for a in s.alerts]
    shown_rate_limit = [(s.name, a.text) for s, a in alerts if is_rate_limit(a)]
    other = Counter(
        (a.kind, a.path, a.text[:300]) for s, a in alerts if not is_notice(a) and not is_rate_limit(a)
    )
    waits = {task: [s.wait_s[task] for s in students if task in s.wait_s] for task in ("chat", "images")}
    every = waits["chat"] + waits["images"]
    answered = [s for s in students if len(s.wait_s) == 2]
    statuses = Counter(h.prism for h in hits)

    def stats(values: list[float]) -> dict:
        return {
            "n": len(values),
            "p50": percentile(values, 50),
            "p95": percentile(values, 95),
            "max": max(values) if values else None,
        }

    return {
        "config": {
            "sessions": args.sessions,
            "replicas": timing.get("replicas", 1),
            "store": timing.get("store", "memory"),
            "students_per_replica": dict(sorted(Counter(s.replica or "-" for s in students).items())),
            "app": {"rpm": args.rpm, "ipm": args.ipm, "tpm": args.tpm},
            "upstream": {"rpm": args.upstream_rpm, "ipm": args.upstream_ipm},
            "stagger_s": args.stagger,
        },
        "upstream": {
            "chat": sum(h.kind == "chat" for h in hits),
            "images_requests": len(image_hits),
            "moderations": sum(h.kind == "moderations" for h in hits),
            "models": sum(h.kind == "models" for h in hits),
            "other": sum(h.kind == "other" for h in hits),
            "paid_answered_200": len(ok),
            "answered_429": len(paid) - len(ok),
            "max_requests_per_60s_received": max_in_window([h.t for h in paid]),
            "max_requests_per_60s_accepted": max_in_window([h.t for h in ok]),
            "max_images_per_60s_received": max_in_window(image_times(paid)),
            "max_images_per_60s_accepted": max_in_window(image_times(ok)),
            "max_requests_per_edge_received": max_in_window([h.t for h in paid], WINDOW_S - EDGE_S),
            "max_images_per_edge_received": max_in_window(image_times(paid), WINDOW_S - EDGE_S),
            "shortest_span_over_rpm_s": shortest_span([h.t for h in paid], requests_limit),
            "shortest_span_over_ipm_s": shortest_span(image_times(paid), images_limit),
            "image_answers": dict(upstream.image_source),
            "first_paid_t": min((h.t for h in paid), default=None),
            "last_paid_t": max((h.t for h in paid), default=None),
        },
        "spec": {
            "checked": len(hits),
            "prism_up_after_s": timing.get("prism_up_t"),
            "prism_error": upstream.prism_error,
            "prism_status": {str(k): v for k, v in sorted(statuses.items())},
            "violations_422": sum(h.prism == 422 for h in hits),
            "unchecked": sum(h.prism == 0 for h in hits),
            "details": sorted({f"{h.kind} {h.prism}: {h.violation}" for h in hits if h.violation})[:10],
        },
        "shown": {
            "rate_limit_errors": len(shown_rate_limit),
            "rate_limit_texts": shown_rate_limit[:10],
            "other_alerts": [
                {"kind": kind, "path": path, "text": text, "times": n}
                for (kind, path, text), n in other.items()
            ],
            "error_alerts": sum(
                n for (kind, _, _), n in other.items() if kind in ("error", "warning", "exception")
            ),
            "saw_waiting_notice": sum(bool(s.notices(WAITING)) for s in students),
            "saw_paused_notice": sum(bool(s.notices(PAUSED)) for s in students),
        },
        "waits_s": {"chat": stats(waits["chat"]), "images": stats(waits["images"]), "all": stats(every)},
        "estimates": estimates(students, hits),
        "phases_s": {
            task: {part: stats(values) for part, values in parts.items()}
            for task, parts in phases(students, hits).items()
        },
        "first_page_load_s": stats([s.load_s[s.order[0]] for s in students if s.order[0] in s.load_s]),
        "second_page_switch_s": stats([s.load_s[s.order[1]] for s in students if s.order[1] in s.load_s]),
        "all_answered": len(answered) == len(students),
        "answered_sessions": len(answered),
        "wall_s": timing.get("lesson_s"),
        "first_pages_s": timing.get("first_pages_s"),
        "sessions": [
            {
                "name": s.name,
                "order": "→".join(s.order),
                "wait_s": {k: round(v, 2) for k, v in s.wait_s.items()},
                "clicked_t": {k: round(v, 2) for k, v in s.clicked_t.items()},
                "load_s": {k: round(v, 2) for k, v in s.load_s.items()},
                "saw_waiting": bool(s.notices(WAITING)),
                "max_place": s.max_place(),
                "failed": s.failed,
                "events_t": {
                    k: round(v - timing["t0"], 2)
                    for k, v in sorted(s.seen.items(), key=lambda kv: kv[1])
                    if not k.startswith("alert|")
                },
            }
            for s in students
        ],
        "timeline": [asdict(h) | {"violation": h.violation[:200]} for h in sorted(hits, key=lambda h: h.t)],
    }


def fmt(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def report(result: dict, total_s: float) -> None:
    cfg, up, spec, shown = result["config"], result["upstream"], result["spec"], result["shown"]
    app, lim = cfg["app"], cfg["upstream"]
    print()
    where = (
        "one app process"
        if cfg["replicas"] == 1
        else f"{cfg['replicas']} app processes behind HAProxy (sticky), store: {cfg['store']}; students per "
        f"replica {cfg['students_per_replica']}"
    )
    print(f"== classroom: {cfg['sessions']} sessions, one chat message + one image each, {where} ==")
    print(
        f"app limits {app['rpm']} requests / {app['ipm']} images / {app['tpm']:,} tokens a minute; "
        f"upstream's own {lim['rpm']} requests / {lim['ipm']} images"
    )
    spans = [v for v in (up["shortest_span_over_rpm_s"], up["shortest_span_over_ipm_s"]) if v is not None]
    edge = f"{WINDOW_S - EDGE_S:g} s"
    if min(spans, default=WINDOW_S) >= WINDOW_S:
        verdict = "within the app's limits"
    elif min(spans) >= WINDOW_S - EDGE_S:
        # The limiter's window runs from when it lets a call go, the upstream's from when the call arrives.
        verdict = f"over only at the window's edge: within the limits in any {edge}"
    else:
        verdict = f"OVER the app's limits even in {edge} windows"
    print(
        f"upstream received: {up['chat']} chat + {up['images_requests']} image requests "
        f"({up['paid_answered_200']} answered, {up['answered_429']} got 429), "
        f"{up['moderations']} moderations, {up['models']} model lists, {up['other']} other"
    )
    print(
        f"most in any 60 s: requests {up['max_requests_per_60s_received']} (limit {app['rpm']}), "
        f"images {up['max_images_per_60s_received']} (limit {app['ipm']}); "
        f"in any {edge}: {up['max_requests_per_edge_received']} / {up['max_images_per_edge_received']}; "
        f"answered (not 429): {up['max_requests_per_60s_accepted']} / {up['max_images_per_60s_accepted']}"
    )
    print(f"  -> {verdict}")
    print(
        f"shortest time holding limit+1 (60 s or more: never over): requests "
        f"{fmt(up['shortest_span_over_rpm_s'], 3)} s, images {fmt(up['shortest_span_over_ipm_s'], 3)} s"
    )
    print(
        f"429s: {up['answered_429']} from upstream, {shown['rate_limit_errors']} rate-limit errors shown "
        f"to students (target 0)"
    )
    print(
        f"spec (Prism): {spec['checked']} requests checked, {spec['violations_422']} violations (422) "
        f"[Prism statuses {spec['prism_status']}]; images from {up['image_answers']}"
    )
    if spec["prism_error"]:
        print(f"  Prism did not start: {spec['prism_error']} (its requests count as unchecked, status 0)")
    for line in spec["details"]:
        print(f"  violation: {line[:400]}")
    for kind in ("chat", "images", "all"):
        w = result["waits_s"][kind]
        print(
            f"wait {kind:6} (Enter/click -> answer, n={w['n']}): p50 {fmt(w['p50'])} s, "
            f"p95 {fmt(w['p95'])} s, max {fmt(w['max'])} s"
        )
    for task, parts in result["phases_s"].items():
        print(
            f"  {task:6} where it went: "
            + ", ".join(f"{part} p50 {fmt(w['p50'])} / max {fmt(w['max'])} s" for part, w in parts.items())
        )
    guesses = result["estimates"]
    if guesses:
        errors = [g["actual_s"] - g["estimated_s"] for g in guesses]
        worst = max(guesses, key=lambda g: abs(g["actual_s"] - g["estimated_s"]))
        print(
            f"  first queue notice said 'about N s' ({len(guesses)} calls): actual - said p50 "
            f"{fmt(percentile(errors, 50))} s; worst {worst['name']} {worst['task']}: "
            f"place {worst['place']}, said {worst['estimated_s']} s, went after {worst['actual_s']:.1f} s"
        )
    for what, key in (
        ("first page (URL)", "first_page_load_s"),
        ("second (sidebar)", "second_page_switch_s"),
    ):
        w = result[key]
        print(f"{what} ready in: p50 {fmt(w['p50'])} s, p95 {fmt(w['p95'])} s, max {fmt(w['max'])} s")
    print(
        f"saw 'Waiting for your turn': {shown['saw_waiting_notice']} of {cfg['sessions']} sessions; "
        f"'asked everyone to slow down': {shown['saw_paused_notice']}"
    )
    print(
        f"every session answered: {'yes' if result['all_answered'] else 'NO'} "
        f"({result['answered_sessions']}/{cfg['sessions']}); wall time {fmt(result['wall_s'])} s from the "
        f"first action (first pages took {fmt(result['first_pages_s'])} s; whole run {total_s:.0f} s)"
    )
    errors = [a for a in shown["other_alerts"] if a["kind"] in ("error", "warning", "exception")]
    print(f"other error / warning / exception alerts shown: {sum(a['times'] for a in errors)}")
    for alert in sorted(shown["other_alerts"], key=lambda a: a in errors):
        print(f"  [{alert['kind']}] {alert['path']} x{alert['times']}: {alert['text'][:200]!r}")
    for name, text in shown["rate_limit_texts"]:
        print(f"  rate-limit error shown to {name}: {' '.join(text.split())!r}")
    print("per session (wait in s; place = highest place in line shown):")
    for s in result["sessions"]:
        waits = "  ".join(f"{k} {v:5.1f}" for k, v in s["wait_s"].items())
        place = f"place {s['max_place']}" if s["max_place"] else "no queue"
        said = [g for g in guesses if g["name"] == s["name"]]
        place += "".join(
            f" ({g['task']}: said {g['estimated_s']} s, took {g['actual_s']:.0f} s)" for g in said
        )
        failed = "; ".join(f"{k}: {' '.join(v.split())}" for k, v in s["failed"].items())
        failed = f"  FAILED {failed}" if failed else ""
        print(f"  {s['name']} {s['order']:12} {waits:26} {place}{failed}")


# --- main --------------------------------------------------------------------------------------------------


def run(args: argparse.Namespace, binary: str, replicas: int, folder: Path) -> dict:
    """One lesson: Prism, the upstream stand-in, the app (one process, or ``replicas`` behind HAProxy with
    Redis), the students; the figures."""
    t0 = time.monotonic()
    folder.mkdir(parents=True, exist_ok=True)
    processes: list[subprocess.Popen] = []
    redis = None
    try:
        prism_port = free_port()
        prism = start(prism_command(binary, prism_port), folder / "prism.log")
        processes.append(prism)
        upstream = Upstream(prism_port, args.upstream_rpm, args.upstream_ipm, t0)
        with upstream.running():
            store = ""
            if replicas > 1 and not args.no_store:
                redis = RedisServer(folder / "redis", config=DEPLOY / "redis.conf").start()
                store = redis.url
            secrets = folder / "secrets.toml"
            secrets.write_text(secrets_toml(upstream.url, args, store), encoding="utf-8")
            app_ports = [free_port() for _ in range(replicas)]
            for index, port in enumerate(app_ports):
                processes.append(
                    start(
                        app_command(port, "--secrets.files", str(secrets)),
                        folder / f"streamlit-{index + 1}.log",
                        # one state folder for the replicas, as deploy/three-replicas.sh does
                        app_env(folder / "state"),
                    )
                )
            threading.Thread(target=upstream.watch_prism, args=(prism,), daemon=True).start()
            for port, proc in zip(app_ports, processes[1:], strict=True):
                wait_for_port(port, timeout=90, proc=proc)
            url_port = app_ports[0]
            if replicas > 1:
                url_port = free_port()
                env = dict(os.environ, PLAYGROUND_BIND=f"127.0.0.1:{url_port}")
                env.update({f"PLAYGROUND_APP{i + 1}": f"127.0.0.1:{p}" for i, p in enumerate(app_ports)})
                proxy = start(
                    ["haproxy", "-db", "-f", str(DEPLOY / "haproxy.cfg")], folder / "haproxy.log", env
                )
                processes.append(proxy)
                wait_for_port(url_port, timeout=20, proc=proxy)
            print(
                f"the app is up after {time.monotonic() - t0:.0f} s: {replicas} process(es)"
                f"{', Redis' if store else ''} (logs in {folder})",
                flush=True,
            )
            students, timing = asyncio.run(drive(args, f"http://127.0.0.1:{url_port}", t0, upstream))
            timing["prism_up_t"] = upstream.prism_up_t
            timing["replicas"] = replicas
            timing["store"] = "redis" if store else "memory (each process its own)"
        result = summarize(args, students, upstream, timing)
        result["app_log_tracebacks"] = sum(
            log.read_text("utf-8", "replace").count("Traceback") for log in folder.glob("streamlit-*.log")
        )
        result["total_s"] = time.monotonic() - t0
        return result
    finally:
        for proc in reversed(processes):
            stop_group(proc)
        if redis is not None:
            redis.stop()


def passed(result: dict) -> bool:
    return (
        result["all_answered"]
        and result["shown"]["rate_limit_errors"] == 0
        and result["spec"]["violations_422"] == 0
        and result["spec"]["unchecked"] == 0
        and result["shown"]["error_alerts"] == 0
    )


def compare(results: Sequence[dict]) -> None:
    """The runs side by side: what the upstream received against the limits, 429s, waits."""
    print()
    print("== side by side ==")
    names = [
        f"{r['config']['replicas']} process"
        + ("es" if r["config"]["replicas"] > 1 else "")
        + (" + Redis" if r["config"]["store"] == "redis" else "")
        for r in results
    ]
    app = results[0]["config"]["app"]
    rows = [
        ("most requests in any 60 s (limit " + str(app["rpm"]) + ")", "max_requests_per_60s_received", "up"),
        ("most images in any 60 s (limit " + str(app["ipm"]) + ")", "max_images_per_60s_received", "up"),
        ("chat + image requests received", None, "paid"),
        ("429s from the upstream", "answered_429", "up"),
        ("rate-limit errors shown (target 0)", "rate_limit_errors", "shown"),
        ("other errors shown", "error_alerts", "shown"),
        ("wait p50 (s)", "p50", "wait"),
        ("wait p95 (s)", "p95", "wait"),
        ("wait max (s)", "max", "wait"),
        ("sessions answered", None, "answered"),
    ]
    width = max(len(label) for label, _, _ in rows) + 2
    print(" " * width + "".join(f"{name:>24}" for name in names))
    for label, key, where in rows:
        cells = []
        for r in results:
            if where == "up":
                value = r["upstream"][key]
            elif where == "shown":
                value = r["shown"][key]
            elif where == "wait":
                value = fmt(r["waits_s"]["all"][key])
            elif where == "paid":
                value = r["upstream"]["chat"] + r["upstream"]["images_requests"]
            else:
                value = f"{r['answered_sessions']}/{r['config']['sessions']}"
            cells.append(f"{value!s:>24}")
        print(f"{label:<{width}}" + "".join(cells))
    if len(results) == 2:
        p95 = [r["waits_s"]["all"]["p95"] for r in results]
        if all(p95):
            print(f"ratio of p95 waits ({names[1]} / {names[0]}): {p95[1] / p95[0]:.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--rpm", type=int, default=40, help="the app's requests_per_minute")
    parser.add_argument("--ipm", type=int, default=15, help="the app's images_per_minute")
    parser.add_argument("--tpm", type=int, default=200_000, help="the app's tokens_per_minute")
    parser.add_argument("--upstream-rpm", type=int, default=45, help="the stand-in's own requests a minute")
    parser.add_argument("--upstream-ipm", type=int, default=20, help="the stand-in's own images a minute")
    parser.add_argument("--stagger", type=float, default=2.0, help="seconds over which the students act")
    parser.add_argument(
        "--load-concurrency",
        type=int,
        default=6,
        help="first pages loading at once (0: all); each costs Chromium ~6 CPU-s",
    )
    parser.add_argument("--queue-timeout", type=float, default=300.0, help="the app's queue_timeout_seconds")
    parser.add_argument("--answer-timeout", type=float, default=240.0, help="seconds to wait for a page")
    parser.add_argument(
        "--replicas", type=int, choices=(1, 3), default=1, help="app processes (3: behind HAProxy, on Redis)"
    )
    parser.add_argument("--compare", action="store_true", help="one process, then three replicas on Redis")
    parser.add_argument("--no-store", action="store_true", help="replicas without Redis (each its own state)")
    parser.add_argument("--json", type=Path, help="write the figures (and the upstream timeline) here")
    parser.add_argument("--keep-logs", action="store_true", help="keep the temporary folder with the logs")
    args = parser.parse_args()

    binary = prism_binary()
    if binary is None:
        print("Prism is missing: run .ci/run once, or set PRISM_BIN", file=sys.stderr)
        return 2
    for what, path in (("the OpenAI spec", SPEC), ("chromium", Path(CHROMIUM))):
        if not path.exists():
            print(f"{what} is missing: {path}", file=sys.stderr)
            return 2
    plan = [1, 3] if args.compare else [args.replicas]
    if max(plan) > 1:
        for tool in ("haproxy", *(() if args.no_store else ("redis-server",))):
            if shutil.which(tool) is None:
                print(f"{tool} is missing: apt-get install {tool}", file=sys.stderr)
                return 2
    # A SIGTERM (e.g. a timeout around the bench) still runs the clean-up below.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    folder = Path(tempfile.mkdtemp(prefix="bench-classroom-"))
    ok = False
    results: list[dict] = []
    try:
        for replicas in plan:
            result = run(args, binary, replicas, folder / f"replicas-{replicas}")
            results.append(result)
            report(result, result["total_s"])
            if result["app_log_tracebacks"]:
                print(f"the apps' logs have {result['app_log_tracebacks']} traceback(s): {folder}")
        if len(results) > 1:
            compare(results)
        if args.json:
            data = results[0] if len(results) == 1 else results
            args.json.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
            print(f"JSON: {args.json}")
        ok = all(passed(r) for r in results)
        return 0 if ok else 1
    finally:
        if ok and not args.keep_logs:
            shutil.rmtree(folder, ignore_errors=True)
        else:
            print(f"logs kept in {folder}")


if __name__ == "__main__":
    sys.exit(main())
