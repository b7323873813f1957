"""Real-browser test of the Documents page: upload a PDF made here, build the index, ask about a fact inside
it, and see the passage and the answer (390 px and 1366 px, Korean and English; screenshots in artifacts/)."""

from __future__ import annotations

import re

import pytest

from lib import documents
from lib.chat import local_llm
from tests.harness import ARTIFACTS, wait_until_idle
from tests.harness.documents_files import font_available, make_pdf
from tests.harness.retrieval_set import FILLER

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not font_available(), reason="fonts-noto-cjk is not installed (.ci/run installs it)"),
    pytest.mark.skipif(
        documents.local_unavailable_reason() is not None or local_llm.unavailable_reason() is not None,
        reason="the built-in embedding or chat model is missing",
    ),
]

FACT_PAGE = {
    "en": "The treasure of the old library is a sea chart drawn by Captain Yun in 1887. It hangs in a glass "
    "case on the second floor.",
    "ko": "옛 도서관의 보물은 1887년에 윤 선장이 그린 바다 지도입니다. 이 지도는 2층 유리 진열장에 걸려 "
    "있습니다.",
}


def pages(lang: str) -> list[str]:
    """Three pages of filler, the fact in the middle of the second: several pieces to choose from."""
    filler = list(FILLER[lang])
    return [
        " ".join(filler[0:8]),
        " ".join([*filler[8:12], FACT_PAGE[lang], *filler[12:16]]),
        " ".join(filler[16:]),
    ]


QUESTION = {
    "en": "Who drew the sea chart in the old library?",
    "ko": "옛 도서관의 바다 지도는 누가 그렸나요?",
}
FACT = {"en": "drawn by Captain Yun in 1887", "ko": "1887년에 윤 선장이 그린 바다 지도"}
LABELS = {
    "en": {"title": "📄 Document chatbot (RAG)", "question": "A question about the document", "ask": "Ask"},
    "ko": {"title": "📄 문서 챗봇 (RAG)", "question": "문서에 대한 질문", "ask": "질문하기"},
}
EMBED = {"en": re.compile(r"^Embed \d+ pieces$"), "ko": re.compile(r"^조각 \d+개 임베딩하기$")}
WITH_DOC = {"en": "📄 Answer from the document", "ko": "📄 문서를 근거로 한 답"}


@pytest.mark.parametrize(("lang", "width"), [("en", 1366), ("ko", 390), ("ko", 1366), ("en", 390)])
def test_upload_a_pdf_ask_about_a_fact_and_see_the_passage_and_the_answer(
    browser, app_url: str, tmp_path, lang: str, width: int
) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="en-US")
    page = context.new_page()
    try:
        page.goto(f"{app_url}/documents")
        expect(page.get_by_role("heading", name=LABELS["en"]["title"])).to_be_visible(timeout=60_000)
        if lang == "ko":
            page.locator('[data-testid="stSidebar"]').get_by_text("한국어", exact=True).click()
            expect(page.get_by_role("heading", name=LABELS["ko"]["title"])).to_be_visible()
        page.set_viewport_size({"width": width, "height": 900})
        pdf = tmp_path / f"library-{lang}.pdf"
        pdf.write_bytes(make_pdf(pages(lang)))
        page.locator('input[type="file"]').set_input_files(str(pdf))
        expect(page.get_by_text(pdf.name).last).to_be_visible(timeout=60_000)
        wait_until_idle(page)
        page.get_by_role("button", name=EMBED[lang]).click()
        expect(page.locator('[data-testid="stMetric"]', has_text="384")).to_be_visible(timeout=300_000)
        wait_until_idle(page)
        page.get_by_label(LABELS[lang]["question"]).fill(QUESTION[lang])
        page.get_by_role("button", name=LABELS[lang]["ask"]).click()
        # The passage holding the fact is shown among the pieces found, then the answer that used it.
        first_hit = page.locator(".st-key-documents_hit_0")
        expect(first_hit.locator('[data-testid="stText"]')).to_contain_text(FACT[lang], timeout=600_000)
        expect(first_hit).to_contain_text(re.compile(r"(similarity|유사도) 0\.\d{3}"))
        answer = page.locator(".st-key-documents_answer")
        expect(answer).to_contain_text(WITH_DOC[lang])
        assert answer.locator('[data-testid="stChatMessage"]').inner_text().strip()
        wait_until_idle(page)
        ARTIFACTS.mkdir(exist_ok=True)
        # Streamlit scrolls inside its main area, so a full-page shot is one screen: make the screen tall.
        page.set_viewport_size({"width": width, "height": 5200 if width < 500 else 3400})
        page.wait_for_timeout(1500)
        page.screenshot(path=str(ARTIFACTS / f"documents-{lang}-{width}.png"))
    finally:
        context.close()
