"""Real-browser test of the Documents page: upload a PDF made here, build the index, ask about a fact inside
it, and see the passage and the answer (390 px and 1366 px, Korean and English; screenshots in artifacts/)."""

from __future__ import annotations

import re

import pytest

from lib import documents
from lib.chat import local_llm
from tests.harness import ARTIFACTS, wait_until_idle
from tests.harness.documents_files import font_available, make_pdf

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not font_available(), reason="fonts-noto-cjk is not installed (.ci/run installs it)"),
    pytest.mark.skipif(
        documents.local_unavailable_reason() is not None or local_llm.unavailable_reason() is not None,
        reason="the built-in embedding or chat model is missing",
    ),
]

PAGES = {
    "en": [
        "Opening hours. The reading room opens at nine and closes at six. Quiet study rooms can be booked "
        "at the front desk for two hours at a time.",
        "The treasure of the old library is a sea chart drawn by Captain Yun in 1887. It hangs in a glass "
        "case on the second floor.",
        "Lending rules. Students may borrow five books for two weeks. Late books cost nothing, but the next "
        "loan waits until they are back.",
    ],
    "ko": [
        "이용 시간. 열람실은 아침 9시에 열고 저녁 6시에 닫습니다. 조용한 공부방은 안내 데스크에서 두 시간씩 "
        "예약할 수 있습니다.",
        "옛 도서관의 보물은 1887년에 윤 선장이 그린 바다 지도입니다. 이 지도는 2층 유리 진열장에 걸려 "
        "있습니다.",
        "대출 규칙. 학생은 책 다섯 권을 2주 동안 빌릴 수 있습니다. 늦게 돌려주어도 돈은 내지 않지만, 책을 "
        "돌려줄 때까지 다음 대출은 기다려야 합니다.",
    ],
}
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
        pdf.write_bytes(make_pdf(PAGES[lang]))
        page.locator('input[type="file"]').set_input_files(str(pdf))
        expect(page.get_by_text(pdf.name).last).to_be_visible(timeout=60_000)
        wait_until_idle(page)
        page.get_by_role("button", name=EMBED[lang]).click()
        expect(page.locator('[data-testid="stMetric"]', has_text="384")).to_be_visible(timeout=300_000)
        wait_until_idle(page)
        page.get_by_label(LABELS[lang]["question"]).fill(QUESTION[lang])
        page.get_by_role("button", name=LABELS[lang]["ask"]).click()
        # The passage holding the fact is shown among the pieces found, then the answer that used it.
        passage = page.locator('[data-testid="stText"]', has_text=FACT[lang])
        expect(passage.first).to_be_visible(timeout=600_000)
        expect(page.get_by_text(WITH_DOC[lang]).first).to_be_visible()
        wait_until_idle(page, timeout_ms=600_000)
        answer = page.locator('[data-testid="stChatMessage"]').first
        expect(answer).to_be_visible()
        assert answer.inner_text().strip()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"documents-{lang}-{width}.png"), full_page=True)
    finally:
        context.close()
