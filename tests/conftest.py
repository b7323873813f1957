"""Shared fixtures: an isolated environment for each test, a Prism mock of OpenAI's spec, the app server, the
browser. The helpers they use (and ``bench/`` shares) live in ``tests/harness``."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.harness import (
    APP_ENV,
    CHROMIUM_ARGS,
    IN_CI,
    SPEC,
    PrismMock,
    chromium_binary,
    free_port,
    isolated,
    prism_binary,
    prism_command,
    start_app,
    stop_group,
    wait_for_port,
)


@pytest.fixture(autouse=True)
def isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """No key, no base URL, no .env file, English UI, a test-only tiktoken cache, and a fresh classroom
    state (the limiter and day ledger are per process, like on a server: each test starts a new "day")."""
    for name in APP_ENV:
        monkeypatch.delenv(name, raising=False)
    for name, value in isolated(tmp_path / "state").items():
        monkeypatch.setenv(name, value)
    from ui import classroom

    classroom.reset()
    yield
    classroom.reset()


def _need(what: str, why: str) -> None:
    # Locally a missing tool skips its tests; in CI it is an error, since .ci/run installs it.
    message = f"{what} is not available: {why}"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


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
            prism_command(binary, port), stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        wait_for_port(port, timeout=120, proc=proc)
        yield PrismMock(f"http://127.0.0.1:{port}/v1", log)
    finally:
        stop_group(proc)


@pytest.fixture(scope="session")
def speech_media(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder for spoken test clips made with espeak-ng (Debian ``espeak-ng``, installed by .ci/run)."""
    import shutil

    if shutil.which("espeak-ng") is None:
        _need("espeak-ng", "apt-get install espeak-ng (.ci/run does this)")
    return tmp_path_factory.mktemp("speech")


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = chromium_binary()
    if not Path(path).exists():
        _need("Debian chromium", "apt-get install chromium (.ci/run does this)")
    return path


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real app served by ``streamlit run``, shared by the browser tests of a session."""
    proc, url = start_app(tmp_path_factory.mktemp("streamlit") / "streamlit.log")
    try:
        yield url
    finally:
        stop_group(proc)


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


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> Callable[[object], bytes]:
    """The bytes behind an AppTest download button, as the browser would fetch them from its URL.

    AppTest keeps a run's files in a media store it makes for each run and then drops; this store also files
    them under the URL the button carries, so a test reads the very data the page passed to the button."""
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
    from streamlit.testing.v1 import app_test

    saved: dict[str, bytes] = {}

    class KeptMediaFiles(MemoryMediaFileStorage):
        def load_and_get_id(self, path_or_data, mimetype, kind, filename=None) -> str:
            file_id = super().load_and_get_id(path_or_data, mimetype, kind, filename)
            saved[self.get_url(file_id)] = self.get_file(file_id).content
            return file_id

    monkeypatch.setattr(app_test, "MemoryMediaFileStorage", KeptMediaFiles)
    return lambda button: saved[button.proto.url]
