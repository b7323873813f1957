"""Tokenizer page: token boundaries coloured in the browser as you type, counts, cost, the four encodings."""

import streamlit as st

from lib.core import pricing
from lib.core.i18n import t
from lib.messages import user_message
from lib.tokens import share
from lib.tokens import view as tok
from lib.tokens.vocab import VocabularyUnavailable
from ui import layout, sidebar
from ui.live_text import set_live_text
from ui.state import kept
from ui.token_view import compare_charts, live_tokens, open_shared_link, write_link

TEXT_KEY = "tok_text"
PAGE_KEY = "tok_page"

lang = sidebar.context().lang
open_shared_link(TEXT_KEY)  # ?text=...&encoding=...: before the widgets it sets
st.title("🔤 " + t("tok.title", lang))
st.markdown(t("tok.intro", lang))

with st.container(horizontal=True, vertical_alignment="center"):
    st.markdown(f"**{t('tok.samples', lang)}**", width="content")
    samples = {
        "ko": "tok.sample.ko",
        "en": "tok.sample.en",
        "code": "tok.sample.code",
        "emoji": "tok.sample.emoji",
    }
    for sample, label_key in samples.items():
        st.button(
            t(label_key, lang),
            key=f"tok_sample_{sample}",
            on_click=set_live_text,
            args=(TEXT_KEY, tok.SAMPLES[sample]),
        )
    st.button(t("tok.clear", lang), key="tok_clear", on_click=set_live_text, args=(TEXT_KEY, ""), icon="🧹")

by_col, pick_col, ws_col, ids_col = st.columns([1.2, 2.4, 1, 1], vertical_alignment="bottom")
by = by_col.segmented_control(
    t("tok.pick_by", lang),
    options=["model", "encoding"],
    format_func=lambda o: t({"model": "tok.by_model", "encoding": "tok.by_encoding"}[o], lang),
    key=kept("tok.by", "model"),
    required=True,
)
if by == "model":
    model = pick_col.selectbox(t("tok.model", lang), tok.MODELS, key=kept("tok.model", "gpt-4o-mini"))
    encoding = tok.encoding_for_model(model)
    pick_col.caption(t("tok.uses", lang, model=model, encoding=encoding))
else:
    encoding = pick_col.selectbox(
        t("tok.encoding", lang),
        tok.ENCODING_NAMES,
        format_func=lambda name: f"{name} — {next(e.models for e in tok.ENCODINGS if e.name == name)}",
        key=kept("tok.encoding"),
    )
    model = tok.PRICE_MODEL_FOR[encoding]
show_ws = ws_col.toggle(t("tok.show_ws", lang), key=kept("tok.ws"))
show_ids = ids_col.toggle(t("tok.show_ids", lang), key=kept("tok.ids"))
settings = {"encoding": encoding, "model": model if by == "model" else None}
settings |= {"show_whitespace": show_ws, "show_ids": show_ids}

live = live_tokens(
    TEXT_KEY,
    value=tok.SAMPLES["ko"],
    encoding=encoding,
    link=share.link_params(text="", **settings),
    show_ws=show_ws,
    show_ids=show_ids,
    lang=lang,
)
text = live.text
write_link(share.link_params(text=text, **settings))

counts = None
try:
    tok.get_encoding(encoding)
except VocabularyUnavailable as exc:
    st.error(user_message(exc, lang).text, icon="⚠️")
else:
    counts = tok.counts(encoding, text)
    if text:
        st.caption(t("tok.legend", lang))
    if live.notice:
        st.caption("⚠️ " + live.notice)
    if text and not live.in_browser:  # the server draws the view, 1,000 tokens a page
        pages = tok.page_count(counts.tokens)
        if st.session_state.get(PAGE_KEY, 1) > pages:
            st.session_state[PAGE_KEY] = pages  # the text got shorter
        page = 1
        if pages > 1:
            page_col, note_col = st.columns([1, 4], vertical_alignment="bottom")
            page = page_col.number_input(
                t("tok.page", lang), min_value=1, max_value=pages, step=1, key=PAGE_KEY
            )
            note_col.caption(t("tok.page_note", lang, page=page, pages=pages, per_page=tok.PAGE_TOKENS))
        view = tok.build_view(
            encoding,
            text,
            page=page - 1,
            show_whitespace=show_ws,
            show_ids=show_ids,
            multi_label=t("tok.multi", lang, n="{n}"),
        )
        st.html(f"<style>{tok.VIEW_CSS}</style>{view.html}")

if counts is not None:
    price = pricing.price_for(model)
    m1, m2, m3, m4, m5 = st.columns(5)
    m1.metric(t("tok.tokens", lang), f"{counts.tokens:,}")
    m2.metric(t("tok.characters", lang), f"{counts.characters:,}")
    m3.metric(t("tok.words", lang), f"{counts.words:,}")
    m4.metric(
        t("tok.estimate", lang),
        f"{counts.words_estimate:,}",
        delta=t("tok.estimate_delta", lang, delta=counts.words_estimate - counts.tokens) if text else None,
        delta_color="off",
        delta_arrow="off",
    )
    m5.metric(
        t("tok.cost", lang, model=model),
        pricing.format_usd(pricing.cost_usd(model, input_tokens=counts.tokens)) if price else "—",
        help=t("tok.cost_help", lang, model=model, date=pricing.PRICES_AS_OF.isoformat(), price=price.input)
        if price
        else t("tok.cost_unknown", lang),
    )
    if not text:
        st.info(t("tok.empty", lang))

st.subheader(t("tok.compare", lang))
st.caption(t("tok.compare_note", lang))
rows = tok.compare(text)
models_of = {e.name: e.models for e in tok.ENCODINGS}
layout.table(  # a card per encoding on a phone: the counts stay in view
    [t(k, lang) for k in ("tok.col.encoding", "tok.col.models", "tok.col.tokens", "tok.col.cpt")],
    [
        (
            row.encoding,
            models_of[row.encoding],
            "—" if row.tokens is None else f"{row.tokens:,}",
            "—" if row.chars_per_token is None else f"{row.chars_per_token:.2f}",
        )
        for row in rows
    ],
    numeric=(2, 3),
)
compare_charts(rows, text, lang)
for row in rows:
    if row.error and row.encoding != encoding:  # the chosen one is already reported above
        st.warning(user_message(VocabularyUnavailable(row.encoding, row.error), lang).text, icon="⚠️")
st.caption(t("tok.prices_as_of", lang, date=pricing.PRICES_AS_OF.isoformat()) + f" · {pricing.PRICES_SOURCE}")
