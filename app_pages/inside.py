"""Inside the model: the odds of the next token, reshaped by a temperature; pick, sample or autocomplete one
token at a time; and fill a blank by the probability of the whole sentence.

Widgets -> ``lib.inside`` over the built-in model (``ui.inside_view.engine``) or an API model's
``top_logprobs`` (``ui.inside_view.api_call``, through ``ui.paid``) -> the chart and the text.
"""

import streamlit as st

from lib import inside
from lib.core.i18n import t
from lib.core.settings import ProviderKind
from ui import chat_view, inside_view, sidebar
from ui.state import kept

PREFIX = kept("inside.prefix", "The capital of France is")
TEMPERATURE = kept("inside.temperature", 1.0)
TEMPLATE = kept("inside.template", "아름다운 ( ) 강산")
WORDS = kept("inside.words", "우리, 대한, 바나나")
PROPOSE = kept("inside.propose", False)
SOURCE = kept("inside.source", "builtin")
SOURCES = {"builtin": "inside.source.builtin", "api": "inside.source.api"}

ctx = sidebar.context()
lang, settings = ctx.lang, ctx.settings
# Korean breaks between words, never inside one ("들여다\n보기" at 390 px otherwise).
st.html('<style>[data-testid="stMain"] :is(h1, p, li, label){word-break:keep-all}</style>')
st.title("🔍 " + t("inside.title", lang))
st.markdown(t("inside.intro", lang))

use_api = False
if settings.provider is not ProviderKind.BUILTIN and settings.ready:
    use_api = (
        st.segmented_control(
            t("inside.source", lang),
            list(SOURCES),
            format_func=lambda v: t(SOURCES[v], lang),
            key=SOURCE,
            required=True,
        )
        == "api"
    )
engine, reason = inside_view.engine()
if engine is None:
    st.warning(t("inside.unavailable", lang, reason=reason), icon="🧩")
elif not use_api:
    st.caption("🧩 " + t("inside.engine_note", lang))

tab_next, tab_blank = st.tabs([t("inside.tab.next", lang), t("inside.tab.blank", lang)])

with tab_next:
    with st.container(horizontal=True, vertical_alignment="center"):
        st.markdown(f"**{t('inside.starters', lang)}**", width="content")
        for starter in inside.STARTERS:
            st.button(
                t(starter.label_key, lang),
                key=f"inside_start_{starter.label_key}",
                on_click=inside_view.start,
                args=(PREFIX, starter.text),
            )
    prefix = st.text_input(t("inside.prefix", lang), key=PREFIX, live=not use_api)
    temperature = st.slider(
        t("inside.temperature", lang),
        0.0,
        inside.MAX_TEMPERATURE,
        step=0.05,
        key=TEMPERATURE,
        help=t("inside.temperature_help", lang),
    )
    expected = next((s.expected for s in inside.STARTERS if s.text == prefix.strip()), None)
    if use_api:
        model = chat_view.pick_model(ctx, chat_view.models(ctx)[0])
        inside_view.api_next_token(
            ctx, model=model, prefix=prefix, prefix_key=PREFIX, temperature=temperature
        )
    elif engine is not None and not prefix.strip():
        st.info(t("inside.type_something", lang), icon="⌨️")
    elif engine is not None:
        picks = inside_view.picks_for(prefix)
        tokens = [*engine.tokenize(prefix), *(tok for tok, _ in picks)]
        try:
            logits, hints = inside_view.analysed(tuple(tokens))
        except inside.TooLong as exc:
            st.error(t("inside.too_long", lang, tokens=exc.tokens, limit=exc.limit), icon="✂️")
            st.stop()
        odds = inside.odds(engine, tokens, temperature=temperature, logits=logits)
        inside_view.text_so_far(prefix, inside.segments([(engine.piece(tok), p) for tok, p in picks]), lang)
        if expected and not picks:
            st.caption(t("inside.expected", lang, word=expected.strip()))
        st.caption(
            t(
                "inside.stats",
                lang,
                top=inside_view.md(odds.top.label),
                p=f"{odds.top.prob:.1%}",
                bits=f"{odds.entropy_bits:.2f}",
                rest=f"{odds.rest:.1%}",
            )
        )
        if temperature == 0:
            st.caption("🧊 " + t("inside.greedy", lang))
        inside_view.odds_chart(odds, lang, hints=hints)
        if any("⟨" in c.label for c in odds.candidates):
            st.caption("🧱 " + t("inside.bytes_note", lang))

        st.markdown(f"**{t('inside.pick', lang)}**")
        with st.container(horizontal=True):
            for c in odds.candidates[:6]:
                st.button(
                    f"{inside_view.md(c.label)} · {c.prob:.0%}",
                    key=f"inside_pick_{c.token}",
                    on_click=inside_view.add_pick,
                    args=(c.token, c.prob),
                    disabled=c.special,
                )
        with st.container(horizontal=True):
            st.button(
                t("inside.sample", lang),
                key="inside_sample",
                icon="🎲",
                on_click=inside_view.sample_one,
                args=(logits, temperature),
            )
            auto = st.button(t("inside.autocomplete", lang), key="inside_auto", icon="⏩")
            st.button(
                t("inside.undo", lang),
                key="inside_undo",
                icon="↩️",
                on_click=inside_view.undo,
                disabled=not picks,
            )
            st.button(
                t("inside.restart", lang),
                key="inside_restart",
                icon="🧹",
                on_click=inside_view.clear_picks,
                disabled=not picks,
            )
        if auto:
            inside_view.autocomplete(engine, prefix, tokens, temperature=temperature, lang=lang)

with tab_blank:
    st.markdown(t("inside.blank_intro", lang))
    with st.container(horizontal=True, vertical_alignment="center"):
        st.markdown(f"**{t('inside.starters', lang)}**", width="content")
        for blank in inside.BLANK_STARTERS:
            st.button(
                t(blank.label_key, lang),
                key=f"inside_blank_{blank.label_key}",
                on_click=inside_view.start_blank,
                args=(TEMPLATE, WORDS, blank),
            )
    template = st.text_input(t("inside.template", lang), key=TEMPLATE, help=t("inside.template_help", lang))
    words = st.text_input(t("inside.words", lang), key=WORDS, help=t("inside.words_help", lang))
    proposing = st.toggle(t("inside.propose", lang), key=PROPOSE)
    if engine is None:
        st.info(t("inside.blank_needs_builtin", lang), icon="🧩")
    elif st.button(t("inside.rank", lang), key="inside_rank", type="primary", icon="🏁"):
        inside_view.rank(engine, template, words, proposing=proposing, lang=lang)
    inside_view.show_ranking(template, words, lang)
    with st.expander(t("inside.bert_title", lang), expanded=True):
        st.markdown(t("inside.bert", lang))
