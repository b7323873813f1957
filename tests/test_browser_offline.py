"""Real browser: a class without a key. The sidebar offers a local server found on this computer (or says how
to get one), and the delivery-review preset turns the answer format on; at 1366 px and 390 px, ko and en."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.harness import ARTIFACTS, free_port, start_app, stop_group
from tests.harness.fault_server import FaultServer, Reply, SSEReply, chat_chunks

pytestmark = pytest.mark.browser

MODELS = Reply(
    200, {"object": "list", "data": [{"id": "qwen2.5:3b", "object": "model", "owned_by": "library"}]}
)


@pytest.fixture(scope="module")
def found_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    """The app with an OpenAI-compatible server listening on one of the ports it looks at."""
    with FaultServer(SSEReply(chat_chunks(["1, 1, 0"])), routes={"/v1/models": MODELS}).running() as server:
        port = int(server.url.rsplit(":", 1)[1].split("/")[0])
        log = tmp_path_factory.mktemp("offline-found") / "streamlit.log"
        proc, url = start_app(log, {"PLAYGROUND_LOCAL_PORTS": f"{free_port()},{port}"})
        try:
            yield url, port
        finally:
            stop_group(proc)


@pytest.fixture(scope="module")
def none_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    log = tmp_path_factory.mktemp("offline-none") / "streamlit.log"
    proc, url = start_app(log, {"PLAYGROUND_LOCAL_PORTS": str(free_port())})
    try:
        yield url
    finally:
        stop_group(proc)


def _open(page, url: str, width: int, lang: str):
    """The Chat page in ``lang`` at ``width``, with the sidebar open (as the other browser tests do: the
    language is picked at desktop width, then the window takes the phone's width)."""
    from playwright.sync_api import expect

    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{url}/chat")
    expect(page.get_by_role("heading", name="💬 Chat")).to_be_visible(timeout=60_000)
    sidebar = page.locator('[data-testid="stSidebar"]')
    if lang == "ko":
        sidebar.get_by_text("한국어", exact=True).click()
        expect(page.get_by_role("heading", name="💬 채팅")).to_be_visible(timeout=30_000)
    page.set_viewport_size({"width": width, "height": 900})
    expand = page.locator('[data-testid="stExpandSidebarButton"], [data-testid="stSidebarCollapsedControl"]')
    page.wait_for_timeout(1000)
    if expand.first.is_visible():  # a phone: the sidebar is closed
        expand.first.click()
    expect(sidebar.get_by_text("Provider" if lang == "en" else "모델 제공자").first).to_be_visible(
        timeout=30_000
    )
    return sidebar


@pytest.mark.parametrize(("width", "lang"), [(1366, "en"), (390, "ko")])
def test_no_server_says_how_to_get_a_korean_model(page, none_url: str, width: int, lang: str) -> None:
    from playwright.sync_api import expect

    sidebar = _open(page, none_url, width, lang)
    hint = "No local model server found" if lang == "en" else "로컬 모델 서버를 찾지 못했습니다"
    expect(sidebar.get_by_text(hint, exact=False)).to_be_visible(timeout=30_000)
    expect(sidebar.get_by_text("ollama pull qwen2.5:3b", exact=False)).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"offline-no-server-{width}-{lang}.png"))


@pytest.mark.parametrize(("width", "lang"), [(1366, "ko"), (390, "en")])
def test_a_found_server_is_in_the_provider_list(
    page, found_url: tuple[str, int], width: int, lang: str
) -> None:
    from playwright.sync_api import expect

    url, port = found_url
    sidebar = _open(page, url, width, lang)
    sidebar.locator('[data-testid="stSelectbox"]').first.click()
    name = "This computer: OpenAI-compatible server" if lang == "en" else "이 컴퓨터: OpenAI 호환 서버"
    option = page.get_by_role("option").filter(has_text=name)
    expect(option).to_contain_text(f"{port}", timeout=30_000)
    option.click()
    models = "Models: qwen2.5:3b" if lang == "en" else "모델: qwen2.5:3b"
    expect(sidebar.get_by_text(models)).to_be_visible(timeout=30_000)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"offline-found-{width}-{lang}.png"))
