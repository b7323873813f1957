"""AppTest of the Documents page: the five steps offline (built-in embedding and chat models), in Korean and
English, and with a key: embeddings and the answer through the paid-call gateway under classroom rules."""

from __future__ import annotations

import json

import pytest

from lib import documents
from lib.chat import local_llm
from tests.apptest_helpers import everything_shown, metric, open_page
from tests.harness.fault_server import FaultServer, Reply, SSEReply, chat_chunks

PAGE = "app_pages/documents.py"
KEY = "sk-proj-docsSECRET0123456789abcdef"
MODELS = Reply(
    200, {"object": "list", "data": [{"id": "gpt-4o-mini", "object": "model", "created": 0, "owned_by": "x"}]}
)
offline = pytest.mark.skipif(
    documents.local_unavailable_reason() is not None or local_llm.unavailable_reason() is not None,
    reason="the built-in embedding or chat model is missing",
)


def hit_texts(at) -> list[str]:
    return [t.value for t in at.text][1:]  # the first st.text is the extracted text's preview


def build(at, *, size: int | None = None):
    at.button(key="documents_sample").click().run()
    if size is not None:
        at.slider(key="keep.doc.size").set_value(size).run()
    at.button(key="documents_embed").click().run(timeout=120)
    return at


def test_before_a_document_the_limits_are_said_and_nothing_else_is_drawn() -> None:
    at = open_page(PAGE)
    assert not at.exception
    assert at.title[0].value == "📄 Document chatbot (RAG)"
    assert "Up to 20 MB, 300 pages and 1,000,000 characters a file" in at.caption[0].value
    assert "Upload a file or use the sample" in at.info[0].value
    assert not at.metric and not at.button(key="documents_sample").disabled


@offline
def test_the_sample_goes_through_every_step_offline_in_english() -> None:
    at = open_page(PAGE)
    at.button(key="documents_sample").click().run()
    assert metric(at, "Pages") == "1" and metric(at, "Pieces") == "4"
    assert "Byeoltori" in at.text[0].value  # the extracted text
    at.slider(key="keep.doc.size").set_value(80).run()  # smaller pieces: more of them, each within 80 tokens
    pieces = at.session_state["documents_index"].pieces
    assert int(metric(at, "Pieces")) == len(pieces) > 4 and max(p.tokens for p in pieces) <= 80
    at.button(key="documents_embed").click().run(timeout=120)
    assert (
        "Model: `multilingual-e5-small`" in [m.value for m in at.markdown]
        and metric(at, "Dimensions") == "384"
    )
    assert metric(at, "Cost") == "free"
    assert any("Map of the pieces" in c.value for c in at.caption)
    at.toggle(key="keep.doc.without").set_value(True)
    at.slider(key="keep.doc.k").set_value(2)  # a shorter prompt for the small model on a busy machine
    at.button(key="FormSubmitter:documents_ask-Ask").click().run(timeout=600)
    assert not at.exception and not at.error
    index = at.session_state["documents_index"]
    answer = index.answers[-1]
    assert answer.question == "What is the name of the camp mascot?"
    assert "Byeoltori" in index.pieces[answer.hits[0].number - 1].text  # found first
    assert "Byeoltori" in hit_texts(at)[0]
    captions = [c.value for c in at.caption]
    assert any(c.startswith(f"Piece {answer.hits[0].number} · page 1 · similarity 0.") for c in captions)
    assert answer.grounded.strip() and answer.plain is not None and answer.plain.strip()
    shown = everything_shown(at)
    assert "Answer from the document" in shown and "Answer without the document" in shown
    assert "Pieces cited:" in shown or "The answer cites no [number]" in shown


@offline
def test_korean_questions_find_the_korean_passage() -> None:
    import os

    os.environ["PLAYGROUND_LANG"] = "ko"  # restored by the autouse fixture (monkeypatch.setenv)
    at = build(open_page(PAGE))
    assert at.title[0].value == "📄 문서 챗봇 (RAG)" and metric(at, "차원") == "384"
    at.slider(key="keep.doc.k").set_value(1)
    at.button(key="FormSubmitter:documents_ask-질문하기").click().run(timeout=600)
    assert not at.exception and not at.error
    answer = at.session_state["documents_index"].answers[-1]
    assert answer.question == "캠프 마스코트의 이름은 무엇인가요?"
    assert "별토리" in hit_texts(at)[0]
    assert answer.grounded.strip() and answer.plain is None
    assert any(c.value.startswith("조각 ") and "유사도" in c.value for c in at.caption)


def secrets(url: str, **classroom) -> dict:
    return {
        "OPENAI_API_KEY": KEY,
        "OPENAI_BASE_URL": url,
        "PLAYGROUND_PROVIDER": "openai",
        "classroom": classroom,
    }


def vectors(*rows: list[float]) -> Reply:
    data = [{"object": "embedding", "index": i, "embedding": row} for i, row in enumerate(rows)]
    return Reply(
        200,
        {
            "object": "list",
            "data": data,
            "model": "text-embedding-3-small",
            "usage": {"prompt_tokens": 7, "total_tokens": 7},
        },
    )


def test_with_a_key_the_api_embeds_through_the_gateway_and_the_answer_cites_the_piece() -> None:
    one_hot = [[1.0 if i == j else 0.0 for j in range(4)] for i in range(4)]  # the sample: 4 pieces
    routes = {
        "/v1/models": MODELS,
        "/v1/embeddings": [
            vectors(*one_hot),
            vectors([0.1, 0.9, 0.2, 0.0]),
        ],  # the question is most like piece 2
        # The Chat page's model answers over Responses (OpenAI's own models); the same answer either way.
        "/v1/responses": SSEReply(chat_chunks(["The mascot is Byeoltori ", "[2]."], usage=(90, 8))),
    }
    with FaultServer(Reply(500), routes=routes).running() as server:
        at = open_page(PAGE, secrets(server.url, session={"tokens": 5000}))
        at.button(key="documents_sample").click().run()
        at.radio(key="keep.doc.embedder").set_value("api").run()
        assert any("4 pieces" in c.value and "about $0.00001" in c.value for c in at.caption)  # said before
        at.button(key="documents_embed").click().run(timeout=60)
        assert "Model: `text-embedding-3-small`" in [m.value for m in at.markdown]
        assert metric(at, "Dimensions") == "4"
        at.button(key="FormSubmitter:documents_ask-Ask").click().run(timeout=60)
        sent = [json.loads(r.body) for r in server.requests if r.path == "/v1/embeddings"]
    assert not at.exception and not at.error
    pieces = at.session_state["documents_index"].pieces
    assert [s["input"] for s in sent] == [
        [p.text for p in pieces],
        "What is the name of the camp mascot?",
    ] or [s["input"] for s in sent] == [[p.text for p in pieces], ["What is the name of the camp mascot?"]]
    assert sent[0]["model"] == "text-embedding-3-small" and sent[0]["encoding_format"] == "float"
    answer = at.session_state["documents_index"].answers[-1]
    assert [h.number for h in answer.hits][:1] == [2] and answer.cited == [2]
    assert answer.grounded == "The mascot is Byeoltori [2]."
    assert "Pieces cited: piece 2 (p. 1)" in everything_shown(at)
    assert KEY not in everything_shown(at)


def test_classroom_budgets_apply_to_embedding_calls() -> None:
    routes = {"/v1/models": MODELS, "/v1/embeddings": vectors([1.0, 0.0])}
    with FaultServer(Reply(500), routes=routes).running() as server:
        at = open_page(PAGE, secrets(server.url, session={"tokens": 100}))
        at.button(key="documents_sample").click().run()
        at.radio(key="keep.doc.embedder").set_value("api").run()
        at.button(key="documents_embed").click().run(timeout=60)
        sent = [r for r in server.requests if r.path == "/v1/embeddings"]
    assert not sent  # refused before anything was sent
    assert "session's limit for tokens (100)" in at.warning[-1].value
    assert not at.session_state["documents_index"].embedded
    assert metric(at, "Pieces") == "4"  # the document and its pieces are kept
