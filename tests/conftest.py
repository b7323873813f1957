"""Shared fixtures: an isolated environment for each test, a Prism mock of OpenAI's spec, the app server."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SPEC = (ROOT.parent / "shared" / "openai" / "openapi.v1.json").resolve()
IN_CI = bool(os.environ.get("CI"))

# Variables the app reads; a developer's own key must never leak into a test (or a test into the network).
APP_ENV = (
    "OPENAI_API_KEY",
    "AZURE_OPENAI_API_KEY",
    "AZURE_OPENAI_ENDPOINT",
    "AZURE_OPENAI_DEPLOYMENT",
    "OPENAI_API_VERSION",
    "AZURE_OPENAI_API_VERSION",
    "OPENAI_BASE_URL",
    "OPENAI_ORG_ID",
    "OPENAI_PROJECT_ID",
    "PLAYGROUND_PROVIDER",
    "PLAYGROUND_LANG",
    "PLAYGROUND_PASSCODE",
)

# One tiktoken cache for the whole run, outside the user's home: written once, as on a fresh machine.
_VOCAB_CACHE = Path(os.environ.get("PLAYGROUND_TEST_CACHE", "/tmp/playground-test-tiktoken"))
# Built-in Whisper models are assembled from their packages once per machine, outside the user's home.
_MODEL_CACHE = Path(os.environ.get("PLAYGROUND_TEST_MODELS", "/tmp/playground-test-models"))


@pytest.fixture(autouse=True)
def isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """No key, no base URL, no .env file, English UI, a test-only tiktoken cache, and a fresh classroom
    state (the limiter and day ledger are per process, like on a server: each test starts a new "day")."""
    for name in APP_ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PLAYGROUND_NO_DOTENV", "1")
    monkeypatch.setenv("PLAYGROUND_LANG", "en")
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(_VOCAB_CACHE))
    monkeypatch.setenv("PLAYGROUND_MODEL_DIR", str(_MODEL_CACHE))
    monkeypatch.setenv("PLAYGROUND_STATE_DIR", str(tmp_path / "state"))
    from ui import classroom

    classroom.reset()
    yield
    classroom.reset()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, timeout: float, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"process exited with {proc.returncode} before listening on {port}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"nothing listened on 127.0.0.1:{port} within {timeout:.0f} s")


def stop_group(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def _need(what: str, why: str) -> None:
    # Locally a missing tool skips its tests; in CI it is an error, since .ci/run installs it.
    message = f"{what} is not available: {why}"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


def prism_binary() -> str | None:
    configured = os.environ.get("PRISM_BIN")
    candidates = [configured] if configured else []
    candidates += [str(ROOT / ".tools" / "prism" / "node_modules" / ".bin" / "prism"), shutil.which("prism")]
    return next((c for c in candidates if c and Path(c).exists()), None)


@dataclass
class PrismMock:
    """A running Prism mock: its base URL and its log, where each request's validation verdict is written."""

    url: str
    log: Path

    def mark(self) -> int:
        """A position in the log; ``verdicts(since=mark)`` then reads only what came after."""
        return self.log.stat().st_size

    def verdicts(self, since: int = 0, settle: float = 0.3) -> list[str]:
        """One line per request logged after ``since``: Prism's verdict on it ("✔" when it passed the spec),
        and any "Violation: request..." lines that explain a failure. Prism also checks its own example
        responses; those verdicts are about the mock, not about us, and are left out."""
        time.sleep(settle)  # Prism logs just after it answers
        with self.log.open("rb") as f:
            f.seek(since)
            text = f.read().decode("utf-8", "replace")
        return [
            line
            for line in text.splitlines()
            if ("[VALIDATOR]" in line and ("request passed" in line or "Request did not pass" in line))
            or "Violation: request" in line
        ]


@pytest.fixture(scope="session")
def prism(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrismMock]:
    """A Prism mock on 127.0.0.1 that validates requests against OpenAI's published spec."""
    binary = prism_binary()
    if binary is None:
        _need("Prism", "run .ci/run once, or set PRISM_BIN")
    if not SPEC.exists():
        _need("the OpenAI spec", f"{SPEC} is missing")
    port = free_port()
    log = tmp_path_factory.mktemp("prism") / "prism.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [binary, "mock", str(SPEC), "-p", str(port), "-h", "127.0.0.1"],
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_for_port(port, timeout=120, proc=proc)
        yield PrismMock(f"http://127.0.0.1:{port}/v1", log)
    finally:
        stop_group(proc)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        _need("Debian chromium", "apt-get install chromium (.ci/run does this)")
    return path


def start_app(
    log: Path, extra_env: dict[str, str] | None = None, *, secrets: dict | None = None
) -> tuple[subprocess.Popen, str]:
    """``streamlit run streamlit_app.py`` on a free port with no key and no .env (and, given ``secrets``,
    those as the only secrets file, as on Community Cloud); returns (process, URL)."""
    port = free_port()
    options = ["--secrets.files", str(_write_toml(log.parent / "secrets.toml", secrets))] if secrets else []
    env = {k: v for k, v in os.environ.items() if k not in APP_ENV}
    env.update(
        PLAYGROUND_NO_DOTENV="1",
        TIKTOKEN_CACHE_DIR=str(_VOCAB_CACHE),
        PLAYGROUND_MODEL_DIR=str(_MODEL_CACHE),
        PLAYGROUND_LANG="en",
        PLAYGROUND_STATE_DIR=str(log.parent / "state"),
        STREAMLIT_BROWSER_GATHER_USAGE_STATS="false",
        **(extra_env or {}),
    )
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "streamlit_app.py",
                "--server.headless",
                "true",
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                *options,
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_for_port(port, timeout=60, proc=proc)
    except (RuntimeError, TimeoutError):
        stop_group(proc)
        raise
    return proc, f"http://127.0.0.1:{port}"


def _write_toml(path: Path, values: dict) -> Path:
    """A small TOML writer for test secrets (strings, numbers, booleans, lists and one level of tables)."""

    def value(v: object) -> str:
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, int | float):
            return repr(v)
        if isinstance(v, list | tuple):
            return "[" + ", ".join(value(x) for x in v) + "]"
        return json.dumps(str(v))

    def table(prefix: str, items: dict) -> list[str]:
        lines = [f"[{prefix}]"] if prefix else []
        lines += [f"{k} = {value(v)}" for k, v in items.items() if not isinstance(v, dict)]
        for k, v in items.items():
            if isinstance(v, dict):
                lines += table(f"{prefix}.{k}" if prefix else k, v)
        return lines

    path.write_text("\n".join(table("", values)) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real app served by ``streamlit run``, shared by the browser tests of a session."""
    proc, url = start_app(tmp_path_factory.mktemp("streamlit") / "streamlit.log")
    try:
        yield url
    finally:
        stop_group(proc)


CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser, request: pytest.FixtureRequest) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
    pg = context.new_page()
    try:
        yield pg
    finally:
        context.close()


ARTIFACTS = ROOT / "artifacts"


def wait_until_idle(page, timeout_ms: int = 90_000) -> None:
    """Wait for the app's current run to end (Streamlit's "running" indicator gone). Under load, a click that
    lands while a rerun redraws the page (e.g. the one an upload starts) can be lost with the old element."""
    from playwright.sync_api import expect

    page.wait_for_timeout(300)
    expect(page.locator('[data-testid="stStatusWidget"]')).to_be_hidden(timeout=timeout_ms)
