"""Files for the Documents tests and bench: PDFs with Korean and English text made with fpdf2 (a test-only
dependency) in the Noto CJK font that .ci/run installs, and DOCX files made with python-docx."""

from __future__ import annotations

import io
from pathlib import Path

CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
LATIN_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def font_available() -> bool:
    return CJK_FONT.exists()


def make_pdf(pages: list[str]) -> bytes:
    """A PDF with one page of text per item (Korean needs the Noto CJK font; see ``font_available``)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_auto_page_break(auto=True, margin=12)
    if CJK_FONT.exists():
        pdf.add_font("body", fname=str(CJK_FONT), collection_font_number=0)  # every face in it covers Hangul
    else:
        pdf.add_font("body", fname=str(LATIN_FONT))
    pdf.set_font("body", size=11)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


def make_picture_pdf() -> bytes:
    """A PDF with a drawing and no text layer, like a scanned page."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")
    return bytes(pdf.output())


def make_docx(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
