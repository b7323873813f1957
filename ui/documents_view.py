"""The Documents page's steps: upload and read, split, embed (built-in model or the API through the paid-call
gateway), search and answer (through the Chat page's answer path). The rules live in ``lib.documents``.

Everything built for the current file is one ``lib.documents.DocumentIndex`` under ``INDEX`` in the session,
so a later change can keep it across reloads the way the conversation is kept.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from typing import Any

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

from lib import documents, tokens
from lib.chat import local_llm
from lib.core.amounts import Amounts
from lib.core.i18n import Lang, format_amount, t
from lib.core.pricing import EMBEDDING_PRICES_AS_OF, embedding_cost_usd, format_usd
from lib.core.settings import ProviderKind
from lib.messages import user_message
from ui import chat_view, paid, persist, sidebar
from ui.state import kept

INDEX = "documents_index"  # lib.documents.DocumentIndex of the current file
_SEEN_UPLOAD = "documents_seen_upload"  # digest of the upload already read (a rerun must not read it again)
_UPLOADER = "documents_uploader_version"  # bumped to empty the uploader when the document is removed
PREVIEW_CHARS = 6000
ANSWER_TOKENS = 150  # a short answer; the small model loops when given room
_KEEP_ANSWERS = 5


def keep_work() -> None:
    """The document, its pieces, vectors and questions survive a reload (``ui.persist``)."""
    persist.keep(
        INDEX,
        encode=documents.kept.index_to_json,
        decode=documents.kept.index_from_json,
        count=lambda index: 1,
        what="keep.what.documents",
    )


def current() -> documents.DocumentIndex | None:
    return st.session_state.get(INDEX)


@st.cache_resource(show_spinner=False)
def local_embedder() -> documents.LocalEmbedder:
    """multilingual-e5-small, loaded once per process (0.1 s, memory-mapped) and shared by every session."""
    return documents.LocalEmbedder()


def _progress_callback(bar: Any, key: str, lang: Lang) -> Callable[[int, int], None]:
    def update(done: int, total: int) -> None:
        bar.progress(min(1.0, done / max(total, 1)), text=t(key, lang, done=done, total=total))

    return update


# --- 1. upload ----------------------------------------------------------------------------------------------


def _read(name: str, data: bytes, ctx: sidebar.Context, size: int, overlap: int) -> None:
    lang = ctx.lang
    bar = st.progress(0.0, text=t("doc.reading", lang, done=0, total="?"))
    try:
        source = documents.extract(name, data, progress=_progress_callback(bar, "doc.reading", lang))
    except documents.DocumentError as exc:
        bar.empty()
        paid.show(user_message(exc, lang))
        return
    bar.empty()
    index = documents.DocumentIndex(
        source=source,
        digest=hashlib.sha256(data).hexdigest(),
        text_tokens=tokens.text_tokens([source.text], documents.ENCODING),
    )
    st.session_state[INDEX] = index
    _resplit(index, size, overlap, lang)


def _remove() -> None:
    st.session_state.pop(INDEX, None)
    st.session_state.pop(_SEEN_UPLOAD, None)  # the same file uploaded again is read again
    st.session_state[_UPLOADER] = st.session_state.get(_UPLOADER, 0) + 1


def upload_step(ctx: sidebar.Context) -> documents.DocumentIndex | None:
    """The uploader, the sample and the limits (said before anything is read); the current index."""
    lang = ctx.lang
    st.subheader(t("doc.step1", lang))
    mb = documents.MAX_BYTES // 2**20
    st.caption(
        t(
            "doc.limits",
            lang,
            mb=mb,
            pages=format_amount(documents.MAX_PAGES),
            chars=format_amount(documents.MAX_CHARS),
        )
    )
    left, right = st.columns([3, 2], vertical_alignment="center")
    upload = left.file_uploader(
        t("doc.upload", lang),
        type=[*documents.KINDS, "markdown"],
        key=f"documents_upload_{st.session_state.get(_UPLOADER, 0)}",
        max_upload_size=mb,
    )
    use_sample = right.button(t("doc.sample", lang), key="documents_sample", icon="📄")
    size, overlap = _split_settings()
    if upload is not None:
        data = upload.getvalue()
        digest = hashlib.sha256(data).hexdigest()
        if st.session_state.get(_SEEN_UPLOAD) != digest:
            st.session_state[_SEEN_UPLOAD] = digest
            _read(upload.name, data, ctx, size, overlap)
    if use_sample:
        name, data = documents.sample(lang)
        _read(name, data, ctx, size, overlap)
    index = current()
    if index is None:
        st.info(t("doc.none", lang), icon="👆")
        return None
    src = index.source
    row = st.columns([4, 1], vertical_alignment="center")
    row[0].markdown(
        t(
            "doc.current",
            lang,
            name=src.name.replace("*", "\\*").replace("_", "\\_"),
            kind=src.kind.upper(),
            pages=src.pages,
            chars=format_amount(len(src.text)),
        )
    )
    row[1].button(t("doc.remove", lang), key="documents_remove", on_click=_remove, icon="🗑️")
    return index


def text_view(index: documents.DocumentIndex, lang: Lang) -> None:
    """Counts of the extracted text and its beginning, as plain text (never Markdown or HTML)."""
    src = index.source
    with st.expander(t("doc.text", lang), expanded=True):
        m = st.columns(3)
        m[0].metric(t("doc.m.pages", lang), src.pages)
        m[1].metric(t("doc.m.chars", lang), format_amount(len(src.text)))
        m[2].metric(t("doc.m.tokens", lang), format_amount(index.text_tokens))
        with st.container(height=220):
            st.text(src.text[:PREVIEW_CHARS])
        if len(src.text) > PREVIEW_CHARS:
            st.caption(
                t(
                    "doc.text_shown",
                    lang,
                    shown=format_amount(PREVIEW_CHARS),
                    total=format_amount(len(src.text)),
                )
            )


# --- 2. split -----------------------------------------------------------------------------------------------


def _split_settings() -> tuple[int, int]:
    size = int(st.session_state.setdefault(kept("doc.size"), documents.DEFAULT_SIZE))
    overlap = int(st.session_state.setdefault(kept("doc.overlap"), documents.DEFAULT_OVERLAP))
    return size, min(overlap, size // 2)


def _resplit(index: documents.DocumentIndex, size: int, overlap: int, lang: Lang) -> None:
    text = t("doc.splitting", lang)
    bar = st.progress(0.0, text=text)
    src = index.source
    pieces = documents.split(
        src.text,
        size=size,
        overlap=overlap,
        page_of=src.page_of,
        progress=lambda done, total: bar.progress(
            min(1.0, done / max(total, 1)), text=t("doc.splitting", lang)
        ),
    )
    bar.empty()
    index.resplit(size, overlap, pieces)


def split_step(index: documents.DocumentIndex, lang: Lang) -> None:
    """Piece size and overlap, and every piece with its page and length in tokens."""
    st.subheader(t("doc.step2", lang))
    st.caption(t("doc.split_help", lang))
    c1, c2 = st.columns(2)
    size = c1.slider(t("doc.size", lang), 50, 1000, step=10, key=kept("doc.size", documents.DEFAULT_SIZE))
    key = kept("doc.overlap", documents.DEFAULT_OVERLAP)
    st.session_state[key] = min(int(st.session_state[key]), size // 2)  # the slider's range follows the size
    overlap = c2.slider(t("doc.overlap", lang), 0, size // 2, step=5, key=key)
    if (size, overlap) != (index.size, index.overlap):
        _resplit(index, size, overlap, lang)
    pieces = index.pieces
    m = st.columns(2)
    m[0].metric(t("doc.m.pieces", lang), len(pieces))
    m[1].metric(t("doc.m.avg", lang), round(sum(p.tokens for p in pieces) / max(len(pieces), 1)))
    table = pd.DataFrame(
        {"number": [p.number for p in pieces], "page": [p.page for p in pieces]}
        | {"tokens": [p.tokens for p in pieces], "text": [p.text for p in pieces]}
    )
    st.dataframe(
        table,
        hide_index=True,
        height=260,
        column_config={
            "number": st.column_config.NumberColumn(t("doc.col.number", lang), width="small"),
            "page": st.column_config.NumberColumn(t("doc.col.page", lang), width="small"),
            "tokens": st.column_config.NumberColumn(t("doc.col.tokens", lang), width="small"),
            "text": st.column_config.TextColumn(t("doc.col.text", lang), width="large"),
        },
    )


# --- 3. embed -----------------------------------------------------------------------------------------------


def _api_ready(ctx: sidebar.Context) -> bool:
    return ctx.settings.provider is not ProviderKind.BUILTIN and ctx.settings.ready


def _embedder_choice(ctx: sidebar.Context) -> tuple[str, str]:
    """("local" or "api", model name) as picked on the page."""
    lang = ctx.lang
    reason = documents.local_unavailable_reason()
    options = ([] if reason else ["local"]) + (["api"] if _api_ready(ctx) else [])
    if reason:
        st.warning(t("doc.local_missing", lang, reason=reason), icon="🧩")
    if not options:
        return "", ""
    key = kept("doc.embedder", options[0])
    if st.session_state[key] not in options:
        st.session_state[key] = options[0]
    model = st.session_state.get(kept("doc.embed_model"), documents.API_MODEL) or documents.API_MODEL
    labels = {"local": t("doc.embedder.local", lang), "api": t("doc.embedder.api", lang, model=model)}
    kind = st.radio(t("doc.embedder", lang), options, format_func=labels.__getitem__, key=key)
    if kind == "api" and ctx.settings.provider is not ProviderKind.OPENAI:
        model = st.text_input(
            t("doc.embed_model_name", lang), key=kept("doc.embed_model", documents.API_MODEL)
        ).strip()
    return kind, (documents.LOCAL_MODEL if kind == "local" else model or documents.API_MODEL)


def _embed_texts(
    ctx: sidebar.Context, kind: str, model: str, texts: list[str], progress: Callable[[int, int], None]
) -> tuple[np.ndarray, int] | None:
    """(vectors, tokens billed) for ``texts``; None when it failed (the message is drawn)."""
    if kind == "local":
        try:
            return local_embedder().passages(texts, progress), 0
        except documents.EmbeddingsUnavailable as exc:
            paid.show(user_message(exc, ctx.lang))
            return None
    counts = [tokens.text_tokens([text], documents.ENCODING) for text in texts]
    holder: dict[str, documents.ApiEmbedder] = {}

    def call(client: Any) -> np.ndarray:
        holder["e"] = documents.ApiEmbedder(client, model)
        return holder["e"].passages(texts, progress)

    def used(_: np.ndarray) -> Amounts | None:
        billed = holder["e"].tokens_used if "e" in holder else 0
        return Amounts(requests=documents.plan_cost(counts).requests, tokens=billed) if billed else None

    outcome = paid.run(ctx, asked=documents.plan_cost(counts), call=call, used=used)
    if not outcome.ok or outcome.value is None:
        return None
    billed = holder["e"].tokens_used if "e" in holder else 0
    return outcome.value, billed or sum(counts)


def embed_step(ctx: sidebar.Context, index: documents.DocumentIndex) -> None:
    """The model, what embedding will cost (said before), the button, then the vectors and their map."""
    lang = ctx.lang
    st.subheader(t("doc.step3", lang))
    st.caption(t("doc.embed_help", lang))
    kind, model = _embedder_choice(ctx)
    pieces = index.pieces
    total_tokens = sum(p.tokens for p in pieces)
    if kind == "api":
        plan = documents.plan_cost([p.tokens for p in pieces])
        st.caption(
            t(
                "doc.plan.api",
                lang,
                pieces=len(pieces),
                tokens=format_amount(total_tokens),
                requests=plan.requests,
                cost=format_usd(embedding_cost_usd(model, total_tokens)),
                model=model,
                date=EMBEDDING_PRICES_AS_OF.isoformat(),
            )
        )
    elif kind == "local":
        st.caption(t("doc.plan.local", lang, pieces=len(pieces), tokens=format_amount(total_tokens)))
    if index.embedding is not None and not index.embedded:
        st.info(t("doc.stale", lang), icon="🔁")
    if st.button(
        t("doc.embed", lang, pieces=len(pieces)),
        key="documents_embed",
        type="primary" if not index.embedded else "secondary",
        disabled=not kind or not pieces,
    ):
        bar = st.progress(0.0, text=t("doc.embedding", lang, done=0, total=len(pieces)))
        started = time.perf_counter()
        result = _embed_texts(
            ctx, kind, model, [p.text for p in pieces], _progress_callback(bar, "doc.embedding", lang)
        )
        bar.empty()
        if result is not None:
            vectors, billed = result
            index.embedding = documents.Embedding(
                model=model,
                vectors=vectors,
                seconds=time.perf_counter() - started,
                api=kind == "api",
                tokens=billed,
            )
            index.answers = []
    if index.embedded:
        embedding_view(index, lang)


def embedding_view(index: documents.DocumentIndex, lang: Lang) -> None:
    emb = index.embedding
    assert emb is not None
    st.markdown(f"{t('doc.m.model', lang)}: `{emb.model}`")
    m = st.columns(3)
    m[0].metric(t("doc.m.dim", lang), emb.dim)
    m[1].metric(t("doc.m.seconds", lang), f"{emb.seconds:.1f} s")
    cost = embedding_cost_usd(emb.model, emb.tokens) if emb.api else None
    m[2].metric(t("doc.m.cost", lang), format_usd(cost) if emb.api else t("doc.free", lang))
    numbers = ", ".join(f"{v:+.3f}" for v in emb.vectors[0][:8])
    st.caption(t("doc.vector", lang, dim=emb.dim, numbers=f"[{numbers}, …]"))
    st.caption(t("doc.map", lang, dim=emb.dim))
    last = index.answers[-1] if index.answers else None
    st.altair_chart(_map(index, last, lang), width="stretch")


def _map(index: documents.DocumentIndex, last: documents.Answer | None, lang: Lang) -> alt.Chart:
    assert index.embedding is not None
    question = last.query_vector if last is not None else None
    points, placed = documents.pca_2d(index.embedding.vectors, question)
    found = {h.number for h in last.hits} if last is not None else set()
    label = {
        "piece": t("doc.map.piece", lang),
        "found": t("doc.map.found", lang),
        "question": t("doc.map.question", lang),
    }
    rows = [
        {
            "x": float(x),
            "y": float(y),
            "number": p.number,
            "page": p.page,
            "kind": label["found" if p.number in found else "piece"],
            "text": p.text[:80],
        }
        for p, (x, y) in zip(index.pieces, points, strict=True)
    ]
    if placed is not None and last is not None:
        x, y = (float(v) for v in placed[0])
        rows.append(
            {"x": x, "y": y, "number": 0, "page": 0, "kind": label["question"], "text": last.question[:80]}
        )
    colours = alt.Scale(domain=list(label.values()), range=["#9aa5b1", "#e4572e", "#2e86de"])
    return (
        alt.Chart(pd.DataFrame(rows))
        .mark_point(filled=True, size=90)
        .encode(
            x=alt.X("x:Q", axis=None),
            y=alt.Y("y:Q", axis=None),
            color=alt.Color("kind:N", scale=colours, legend=alt.Legend(title=None, orient="bottom")),
            shape=alt.Shape("kind:N", legend=None),
            tooltip=["number:Q", "page:Q", "text:N"],
        )
        .properties(height=320)
    )


# --- 4-5. search and answer ---------------------------------------------------------------------------------


def chat_model(ctx: sidebar.Context) -> tuple[str, str | None]:
    """The model that answers: the built-in one, or the Chat page's model for the provider (same box, same
    kept choice); with the reason when there is none."""
    if ctx.settings.provider is ProviderKind.BUILTIN:
        reason = local_llm.unavailable_reason()
        return ("", reason) if reason else (local_llm.MODEL_ID, None)
    listed, error, found = chat_view.models(ctx)
    model = chat_view.pick_model(ctx, listed, found)
    return (model, None) if model else ("", error or "?")


def _query_vector(ctx: sidebar.Context, index: documents.DocumentIndex, question: str) -> np.ndarray | None:
    emb = index.embedding
    assert emb is not None
    if not emb.api:
        try:
            return local_embedder().query(question)
        except documents.EmbeddingsUnavailable as exc:
            paid.show(user_message(exc, ctx.lang))
            return None
    outcome = paid.run(
        ctx,
        asked=documents.plan_cost([tokens.text_tokens([question], documents.ENCODING)]),
        call=lambda client: documents.ApiEmbedder(client, emb.model).query(question),
    )
    return outcome.value if outcome.ok else None


def _passages(
    index: documents.DocumentIndex, hits: list[documents.Hit], model: str, lang: Lang, question: str
):
    passages = [(h.number, index.pieces[h.number - 1].text) for h in hits]
    if model != local_llm.MODEL_ID:
        return passages
    # The built-in model reads 2,048 tokens in all: keep the best pieces that fit with room for the answer.
    client = paid.local_client()
    budget = local_llm.CONTEXT_TOKENS - ANSWER_TOKENS - 16
    return documents.fit_passages(question, passages, lang, prompt_tokens=client.prompt_tokens, budget=budget)


def _stream(ctx: sidebar.Context, model: str, messages: list[dict], where: Any) -> str | None:
    options = chat_view.Options(system="", shots=(), temperature=0.2, top_p=1.0, max_tokens=ANSWER_TOKENS)
    with where, st.chat_message("assistant"):
        outcome = chat_view.answer(ctx, model=model, messages=messages, options=options, where=where)
    return outcome.value.content if outcome.ok and outcome.value is not None else None


def ask_step(ctx: sidebar.Context, index: documents.DocumentIndex) -> None:
    """A question -> the pieces found with their scores -> the answer citing them (and, on request, the same
    question answered without the document)."""
    lang = ctx.lang
    st.subheader(t("doc.step4", lang))
    model, reason = chat_model(ctx)
    if reason:
        st.warning(t("doc.no_chat", lang, reason=reason), icon="🧩")
    elif model == local_llm.MODEL_ID:
        st.caption("🧩 " + t("doc.local_answer_note", lang))
    with st.form("documents_ask", border=False):
        question = st.text_input(
            t("doc.question", lang),
            key=kept("doc.question", t("doc.question_sample", lang)),
            placeholder=t("doc.question_sample", lang),
        )
        c1, c2 = st.columns([1, 2], vertical_alignment="bottom")
        k = c1.slider(t("doc.k", lang), 1, 5, key=kept("doc.k", 3))
        without = c2.toggle(t("doc.without", lang), key=kept("doc.without", False))
        asked = st.form_submit_button(t("doc.ask", lang), type="primary", icon="🔎")
    if asked:
        if not question.strip():
            st.error(t("doc.empty_question", lang), icon="✋")
        else:
            _ask(ctx, index, question.strip(), k=int(k), without=bool(without), model=model)
    if index.answers:
        answer_view(index, index.answers[-1], lang)


def _ask(
    ctx: sidebar.Context, index: documents.DocumentIndex, question: str, *, k: int, without: bool, model: str
) -> None:
    lang = ctx.lang
    vector = _query_vector(ctx, index, question)
    if vector is None:
        return
    assert index.embedding is not None
    hits = documents.top_pieces(index.embedding.vectors, vector, k=k)
    record = documents.Answer(question=question, hits=hits, model=model, query_vector=vector)
    if model:
        passages = _passages(index, hits, model, lang, question)
        record.given = [number for number, _ in passages]
        columns = st.columns(2) if without else [st.container()]
        columns[0].markdown("**" + t("doc.with_doc", lang) + "**")
        grounded = _stream(ctx, model, documents.grounded_messages(question, passages, lang), columns[0])
        if grounded is None:
            return
        record.grounded = grounded
        record.cited = documents.citations(grounded, record.given)
        if without:
            columns[1].markdown("**" + t("doc.without_doc", lang) + "**")
            record.plain = _stream(ctx, model, documents.plain_messages(question, lang), columns[1])
    index.answers = [*index.answers[-(_KEEP_ANSWERS - 1) :], record]
    st.rerun()  # draw the page (the map included) from the index


def _cite_list(index: documents.DocumentIndex, numbers: list[int], lang: Lang) -> str:
    return ", ".join(
        t("doc.cite_item", lang, number=n, page=index.pieces[n - 1].page)
        for n in numbers
        if n <= len(index.pieces)
    )


def answer_view(index: documents.DocumentIndex, answer: documents.Answer, lang: Lang) -> None:
    """The pieces found (number, page, score, text) and the answers, drawn from the index."""
    st.markdown(f"**{t('doc.hits', lang)}**")
    for rank, hit in enumerate(answer.hits):
        piece = index.pieces[hit.number - 1] if hit.number <= len(index.pieces) else None
        if piece is None:
            continue
        with st.container(border=True, key=f"documents_hit_{rank}"):
            st.caption(t("doc.hit", lang, number=hit.number, page=piece.page, score=f"{hit.score:.3f}"))
            st.text(piece.text)
    if not answer.model:
        return
    columns = st.columns(2) if answer.plain is not None else [st.container()]
    with columns[0].container(key="documents_answer"):
        st.markdown("**" + t("doc.with_doc", lang) + "**")
        with st.chat_message("assistant"):
            st.markdown(answer.grounded)
            st.caption(answer.model)
        if answer.cited:
            st.success(t("doc.cited", lang, pieces=_cite_list(index, answer.cited, lang)), icon="📌")
        else:
            st.info(t("doc.cited_none", lang, pieces=_cite_list(index, answer.given, lang)), icon="📌")
        if answer.model == local_llm.MODEL_ID and len(answer.given) < len(answer.hits):
            st.caption(t("doc.fitted", lang, limit=local_llm.CONTEXT_TOKENS, kept=len(answer.given)))
    if answer.plain is not None:
        with columns[1]:
            st.markdown("**" + t("doc.without_doc", lang) + "**")
            with st.chat_message("assistant"):
                st.markdown(answer.plain)
                st.caption(answer.model)
