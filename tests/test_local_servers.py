"""The local-server finder against a real OpenAI-compatible server (``llama_cpp.server`` serving the built-in
GGUF on a free port), and the sidebar's provider list with and without a server (AppTest)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from threading import Thread

import openai
import pytest

from lib import chat
from lib.chat import local_llm
from lib.core import local_servers
from tests.apptest_helpers import everything_shown, open_page
from tests.harness import free_port, stop_group, wait_for_port
from tests.harness.fault_server import FaultServer, Reply, SSEReply, chat_chunks

ALIAS = "smollm2-135m-instruct"


@pytest.fixture(scope="module")
def llama_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """``python -m llama_cpp.server`` with the built-in GGUF on a free port (a real OpenAI-compatible one)."""
    reason = local_llm.unavailable_reason()
    if reason:
        pytest.skip(reason)
    port = free_port()
    log = tmp_path_factory.mktemp("llama-server") / "server.log"
    command = [
        sys.executable,
        "-m",
        "llama_cpp.server",
        "--model",
        str(local_llm.model_path()),
        "--model_alias",
        ALIAS,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--n_ctx",
        "2048",
    ]
    with log.open("wb") as out:
        proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_for_port(port, timeout=120, proc=proc)
        yield port
    finally:
        stop_group(proc)


def _closed_port() -> int:
    return free_port()  # nothing listens there


# --- the finder ---------------------------------------------------------------------------------------------


def test_the_finder_finds_a_real_llama_cpp_server_and_its_models(llama_server: int) -> None:
    found = local_servers.find((_closed_port(), llama_server))
    assert [(s.port, s.models) for s in found] == [(llama_server, (ALIAS,))]
    assert found[0].base_url == f"http://127.0.0.1:{llama_server}/v1"
    # What the sidebar then builds for it is a working SDK client: the server answers a chat completion.
    client = openai.OpenAI(base_url=found[0].base_url, api_key="not-needed", max_retries=0)
    assert [m.id for m in client.models.list()] == [ALIAS]


def test_the_snippets_grammar_is_what_a_llama_cpp_server_takes(llama_server: int) -> None:
    # "View code" for the built-in model sends the grammar in extra_body; the served GGUF honours it.
    fmt = chat.AnswerFormat(kind="digits", digits="01", per_sentence=True)
    review = "배달이 너무 늦었어요. 음식은 식어 있었어요. 다시는 안 시킬 거예요."
    client = openai.OpenAI(base_url=f"http://127.0.0.1:{llama_server}/v1", api_key="x", max_retries=0)
    request = chat.chat_request(
        model=ALIAS,
        messages=[{"role": "user", "content": review}],
        temperature=0,
        top_p=1,
        max_tokens=24,
        grammar=fmt.grammar(review),
    )
    text = "".join(
        c.choices[0].delta.content or "" for c in client.chat.completions.create(**request) if c.choices
    )
    assert fmt.conforms(review, text), text


class _NotOpenAI(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = b"<html>a web page, not a model server</html>"
        self.send_response(200)
        self.send_header("content-type", "text/html")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def test_a_closed_port_and_a_web_page_are_not_servers() -> None:
    web = ThreadingHTTPServer(("127.0.0.1", 0), _NotOpenAI)
    Thread(target=web.serve_forever, daemon=True).start()
    try:
        assert local_servers.find((_closed_port(), web.server_address[1])) == []
    finally:
        web.shutdown()


def test_ports_are_configurable_and_nothing_is_asked_on_community_cloud() -> None:
    assert local_servers.configured_ports({}) == (11434, 1234, 8080)
    assert local_servers.configured_ports({"PLAYGROUND_LOCAL_PORTS": "8081, 11434"}) == (8081, 11434)
    assert local_servers.configured_ports({"PLAYGROUND_LOCAL_PORTS": "off"}) == ()
    assert local_servers.configured_ports({"HOSTNAME": "streamlit"}) == ()


def test_known_ports_are_named_and_asked_once() -> None:
    models = Reply(
        200, {"object": "list", "data": [{"id": "qwen2.5:3b", "object": "model", "owned_by": "x"}]}
    )
    with FaultServer(models).running() as server:
        port = int(server.url.rsplit(":", 1)[1].split("/")[0])
        local_servers.KNOWN[port] = "Ollama"
        try:
            found = local_servers.find((port,))
        finally:
            del local_servers.KNOWN[port]
    assert [(s.name, s.models) for s in found] == [("Ollama", ("qwen2.5:3b",))]


# --- the sidebar (AppTest) ----------------------------------------------------------------------------------


def test_without_a_server_the_sidebar_says_how_to_get_a_korean_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLAYGROUND_LOCAL_PORTS", str(_closed_port()))
    at = open_page("app_pages/chat.py")
    assert not at.exception, at.exception
    assert at.selectbox(key="provider").options == [
        "Built-in (offline)",
        "OpenAI",
        "Azure OpenAI",
        "OpenAI-compatible server",
    ]
    assert any("No local model server found" in c.value for c in at.sidebar.caption)
    assert local_servers.INSTALL_COMMAND in [c.value for c in at.sidebar.code]
    assert "ollama pull qwen2.5:3b" in local_servers.INSTALL_COMMAND


def test_a_found_server_is_offered_with_its_models_and_answers_the_chat(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    models = Reply(
        200,
        {"object": "list", "data": [{"id": m, "object": "model", "owned_by": "o"} for m in ("qwen2.5:3b",)]},
    )
    # A server cannot take a grammar: the first answer misses the format, the one retry is in it.
    answers = [SSEReply(chat_chunks(["1, 2, 3"])), SSEReply(chat_chunks(["1, 1, 0"]))]
    with FaultServer(
        answers[0], routes={"/v1/models": models, "/v1/chat/completions": answers}
    ).running() as s:
        port = int(s.url.rsplit(":", 1)[1].split("/")[0])
        monkeypatch.setenv("PLAYGROUND_LOCAL_PORTS", str(port))
        at = open_page("app_pages/chat.py")
        box = at.selectbox(key="provider")
        assert box.options[-1] == f"🖥️ This computer: OpenAI-compatible server :{port}"
        box.set_value(f"local:{port}").run()
        assert not at.exception, at.exception
        assert any(c.value == "Models: qwen2.5:3b" for c in at.sidebar.caption)
        assert not any("No local model server found" in c.value for c in at.sidebar.caption)
        assert at.selectbox(key="keep.chat.model.compatible").value == "qwen2.5:3b"
        at.selectbox(key="keep.chat.preset").set_value("sentiment").run()
        assert at.selectbox(key="keep.chat.format").value == "digits"
        assert "FORMAT = re.compile(" in everything_shown(at)  # "view code" shows the check and the retry
        at.button(key="chat_sample").click().run(timeout=60)
        sent = [json.loads(r.body) for r in s.requests if r.path == "/v1/chat/completions"]
    assert not at.exception, at.exception
    assert len(sent) == 2 and "extra_body" not in sent[0] and "grammar" not in sent[0]
    assert sent[1]["messages"][-2] == {"role": "assistant", "content": "1, 2, 3"}
    assert "3 digits (0/1) separated by commas" in sent[1]["messages"][-1]["content"]
    turn = at.session_state["chat_conversation"].turns[-1]
    assert turn.content == "1, 1, 0" and turn.model == "qwen2.5:3b"
