"""Pieces of the Inside page: the built-in engine (loaded once), the odds chart, the text so far, and the
API's ``top_logprobs`` through the paid-call gateway."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

import altair as alt
import streamlit as st

from lib import inside
from lib.chat import local_llm
from lib.core.amounts import Amounts
from lib.core.i18n import Lang, t
from ui import paid, sidebar

# Why a second llama.cpp context rather than the chat's: log-probabilities need the logits of every position
# (logits_all), which the chat's 2048-token context does not keep, and a separate lock means a class using the
# chat and this page at once never waits on each other. The weights are mmap'ed, so both share one copy;
# this context adds about 100 MB (its score table and llama.cpp's output buffer, 256 positions each).


@st.cache_resource(show_spinner=False)
def _engine() -> inside.LlamaEngine:
    return inside.LlamaEngine(inside.load_llama(local_llm.model_path()))


def engine() -> tuple[inside.LlamaEngine | None, str | None]:
    """The built-in model as an ``inside.Engine``, or why it cannot run here."""
    reason = local_llm.unavailable_reason()
    if reason:
        return None, reason
    try:
        with st.spinner(t("inside.loading", sidebar.context().lang)):
            return _engine(), None
    except local_llm.LocalModelUnavailable as exc:
        return None, exc.detail
    except (ValueError, OSError, RuntimeError) as exc:  # llama.cpp could not load the file
        return None, str(exc)


_MARKDOWN = str.maketrans({c: "\\" + c for c in "\\`*_{}[]<>()#+-.!|~$"})


def md(text: str) -> str:
    """Model or user text made literal inside Markdown (captions, button labels): a token "*" or "_" is
    shown, not taken as formatting ("*hi*" stays "*hi*").
    """
    return text.translate(_MARKDOWN)


# --- the chart ----------------------------------------------------------------------------------------------


def odds_chart(odds: inside.Odds, lang: Lang, *, hints: dict[int, str] | None = None) -> None:
    """A horizontal bar per candidate, likeliest on top, with its probability written next to it."""
    hints = hints or {}
    rows, seen = [], set()
    for rank, c in enumerate(odds.candidates, start=1):
        label = c.label + (f" → {hints[c.token]}" if hints.get(c.token) else "")
        if label in seen:  # two tokens that look alike (a byte shown twice): keep both bars
            label += f" #{c.token}"
        seen.add(label)
        rows.append({"token": label, "p": c.prob, "shown": f"{c.prob:.1%}", "rank": rank})
    base = alt.Chart(alt.Data(values=rows)).encode(
        y=alt.Y("token:N", sort=alt.EncodingSortField("rank", order="ascending"), title=None),
        x=alt.X(
            "p:Q",
            title=t("inside.prob_axis", lang),
            scale=alt.Scale(domain=[0, 1]),
            axis=alt.Axis(format="%"),
        ),
        tooltip=[alt.Tooltip("token:N"), alt.Tooltip("shown:N", title=t("inside.prob_axis", lang))],
    )
    bars = base.mark_bar(color="#6b40d8")
    text = base.mark_text(align="left", dx=4).encode(text="shown:N")
    st.altair_chart(
        (bars + text).properties(height=28 * len(rows) + 40).configure_axis(labelFontSize=14, labelLimit=260),
        width="stretch",
    )


def text_so_far(prefix: str, picks: Sequence[tuple[str, float, int]], lang: Lang) -> None:
    """The typed text, then each picked or sampled token (``inside.segments``: a character made of several
    byte tokens is one box) highlighted, with its probability on hover."""

    def title(p: float, n: int) -> str:
        if n == 1:
            return t("inside.pick_title", lang, p=f"{p:.1%}")
        return t("inside.pick_title_n", lang, p=f"{p:.1%}", n=n)

    spans = "".join(
        f'<span class="inside-pick" title="{html.escape(title(p, n))}">{html.escape(label)}</span>'
        for label, p, n in picks
    )
    st.html(
        "<style>.inside-text{font-size:1.25rem;line-height:1.9;word-break:keep-all;overflow-wrap:anywhere;"
        "white-space:pre-wrap}.inside-pick{background:rgba(104,222,122,.45);border-radius:4px;"
        "padding:0 2px;margin:0 1px}</style>"
        f'<div class="inside-text">{html.escape(prefix)}{spans}</div>'
    )


# --- an API model's odds ------------------------------------------------------------------------------------


def api_call(
    ctx: sidebar.Context, *, model: str, prefix: str, max_tokens: int = 1, temperature: float | None = None
) -> paid.Outcome:
    """One chat request that returns the next token(s) with their ``top_logprobs`` (as a plain dict)."""
    request = inside.remote.odds_request(
        model=model, prefix=prefix, max_tokens=max_tokens, temperature=temperature
    )

    def call(client: Any) -> dict:
        return client.chat.completions.create(**request).model_dump()

    def used(response: dict) -> Amounts | None:
        usage = response.get("usage") or {}
        total = usage.get("total_tokens")
        return None if total is None else Amounts(requests=1, tokens=total)

    return paid.run(
        ctx,
        asked=inside.remote.plan_cost(model=model, prefix=prefix, max_tokens=max_tokens),
        call=call,
        moderate=[prefix],
        used=used,
    )


# --- the built-in model: the text picked so far -------------------------------------------------------------

PICKS = "inside_picks"  # {"prefix": the typed text the picks follow, "picks": [(token id, probability)]}
AUTO_STEPS = 20
AUTO_PAUSE_S = 0.06  # slow enough for a class to watch each token land


def start(prefix_key: str, text: str) -> None:
    """A starter button: put its text in the box, forget earlier picks."""
    st.session_state[prefix_key] = text
    clear_picks()


def picks_for(prefix: str) -> list[tuple[int, float]]:
    """The tokens picked after ``prefix``; typing another text starts over."""
    state = st.session_state.get(PICKS)
    if state is None or state["prefix"] != prefix:
        state = st.session_state[PICKS] = {"prefix": prefix, "picks": []}
    return state["picks"]


def add_pick(token: int, prob: float) -> None:
    st.session_state[PICKS]["picks"].append((token, prob))


def sample_one(logits: Any, temperature: float) -> None:
    """Draw one token from the distribution the chart shows, as generation does."""
    import numpy as np

    token = inside.sample(logits, temperature, np.random.default_rng())
    add_pick(token, float(inside.with_temperature(logits, temperature)[token]))


def undo() -> None:
    st.session_state[PICKS]["picks"][-1:] = []


def clear_picks() -> None:
    if PICKS in st.session_state:
        st.session_state[PICKS]["picks"] = []


@st.cache_data(max_entries=64, show_spinner=False)
def analysed(tokens: tuple[int, ...]) -> tuple[Any, dict[int, str]]:
    """The next-token logits after ``tokens`` and, for the likeliest byte tokens, the character each most
    likely becomes (cached: moving the temperature slider does not run the model again)."""
    engine = _engine()
    logits = inside.next_logits(engine, tokens)
    top = inside.odds(engine, tokens, logits=logits)
    hints = {
        c.token: inside.likeliest_character(engine, tokens, c.token)
        for c in top.candidates
        if "⟨" in c.label and not c.special
    }
    return logits, {k: v.replace(" ", "␣") for k, v in hints.items() if v}


def autocomplete(
    engine: inside.LlamaEngine, prefix: str, tokens: list[int], *, temperature: float, lang: Lang
):
    """Sample ``AUTO_STEPS`` tokens one by one, redrawing the text after each, then keep them as picks."""
    import time

    import numpy as np

    picks = picks_for(prefix)
    area = st.empty()
    new: list[tuple[int, float]] = []
    for token, p in inside.autocomplete(
        engine, tokens, steps=AUTO_STEPS, temperature=temperature, rng=np.random.default_rng()
    ):
        new.append((token, p))
        with area.container():
            text_so_far(prefix, inside.segments([(engine.piece(k), q) for k, q in picks + new]), lang)
        time.sleep(AUTO_PAUSE_S)
    picks.extend(new)
    st.rerun()


# --- an API model: the next-token view ----------------------------------------------------------------------

API_ODDS = "inside_api"  # "model\nprefix" -> the response (a dict)
API_SAMPLED = "inside_api_sampled"  # (model, prefix, temperature, [(piece, probability)])


def _append(prefix_key: str, piece: bytes) -> None:
    st.session_state[prefix_key] = st.session_state[prefix_key] + piece.decode("utf-8", "replace")
    st.session_state["inside_api_fetch"] = True


def api_next_token(ctx: sidebar.Context, *, model: str, prefix: str, prefix_key: str, temperature: float):
    """The API model's odds for the next token after ``prefix``: asked on request (each ask is a paid call),
    then reshaped by the temperature without asking again."""
    lang = ctx.lang
    st.caption("🔑 " + t("inside.api_note", lang))
    if not model or not prefix.strip():
        st.info(t("inside.type_something", lang), icon="⌨️")
        return
    cache = st.session_state.setdefault(API_ODDS, {})
    key = f"{model}\n{prefix}"
    with st.container(horizontal=True):
        ask = st.button(t("inside.ask", lang), key="inside_ask", type="primary", icon="🔍")
        auto = st.button(t("inside.autocomplete", lang), key="inside_api_auto", icon="⏩")
    if ask or st.session_state.pop("inside_api_fetch", False):
        outcome = api_call(ctx, model=model, prefix=prefix)
        if outcome.ok:
            cache[key] = outcome.value
    if auto:
        outcome = api_call(ctx, model=model, prefix=prefix, max_tokens=AUTO_STEPS, temperature=temperature)
        if outcome.ok:
            try:
                sampled = inside.remote.sampled_tokens(outcome.value)
            except inside.NoLogprobs:
                st.warning(t("inside.no_logprobs", lang, model=model), icon="🙈")
            else:
                st.session_state[API_SAMPLED] = (model, prefix, temperature, sampled)
    sampled_state = st.session_state.get(API_SAMPLED)
    if sampled_state and sampled_state[:2] == (model, prefix):
        pieces = sampled_state[3]
        text_so_far(prefix, inside.segments(pieces), lang)
        st.caption(t("inside.api_sampled", lang, temperature=f"{sampled_state[2]:.2f}"))
    response = cache.get(key)
    if response is None:
        return
    try:
        odds = inside.remote.odds_from_response(response, temperature=temperature)
    except inside.NoLogprobs:
        st.warning(t("inside.no_logprobs", lang, model=model), icon="🙈")
        return
    st.caption(
        t("inside.api_stats", lang, top=md(odds.top.label), p=f"{odds.top.prob:.1%}", n=len(odds.candidates))
    )
    odds_chart(odds, lang)
    st.markdown(f"**{t('inside.pick', lang)}**")
    with st.container(horizontal=True):
        for i, c in enumerate(odds.candidates[:6]):
            st.button(
                f"{md(c.label)} · {c.prob:.0%}",
                key=f"inside_api_pick_{i}",
                on_click=_append,
                args=(prefix_key, c.piece),
            )


# --- fill the blank -----------------------------------------------------------------------------------------

RANKING = "inside_ranking"  # {"template", "words", "ranked": [inside.Ranked], "seconds"}


def start_blank(template_key: str, words_key: str, blank: inside.BlankStarter) -> None:
    st.session_state[template_key] = blank.template
    st.session_state[words_key] = ", ".join(blank.words)


def rank(engine: inside.LlamaEngine, template: str, words: str, *, proposing: bool, lang: Lang) -> None:
    """Rank the typed words (and the model's own, when asked) by sentence probability; keep the result."""
    import time

    typed = [w for w in words.replace("，", ",").split(",") if w.strip()]
    started = time.perf_counter()
    try:
        with st.spinner(t("inside.ranking", lang)):
            proposed = inside.propose(engine, template) if proposing else []
            ranked = inside.rank(engine, template, typed, proposed=proposed)
    except inside.NoBlank:
        st.error(t("inside.no_blank", lang), icon="🕳️")
        return
    except inside.SeveralBlanks:
        st.error(t("inside.several_blanks", lang), icon="🕳️")
        return
    except inside.TooLong as exc:
        st.error(t("inside.too_long", lang, tokens=exc.tokens, limit=exc.limit), icon="✂️")
        return
    st.session_state[RANKING] = {
        "template": template,
        "words": words,
        "ranked": ranked,
        "seconds": time.perf_counter() - started,
    }


def show_ranking(template: str, words: str, lang: Lang) -> None:
    """The last ranking, while the sentence and the words are still the ones it was made for."""
    state = st.session_state.get(RANKING)
    if not state or (state["template"], state["words"]) != (template, words):
        return
    ranked: list[inside.Ranked] = state["ranked"]
    if not ranked:
        st.info(t("inside.no_words", lang), icon="✍️")
        return
    best = ranked[0]
    st.success(
        t("inside.winner", lang, sentence=md(best.sentence.text), share=f"{best.share:.1%}"), icon="🏆"
    )
    rows = [
        {
            "word": ("🤖 " if r.proposed else "") + r.word,
            "share": r.share,
            "shown": f"{r.share:.1%}",
            "rank": i,
        }
        for i, r in enumerate(ranked)
    ]
    base = alt.Chart(alt.Data(values=rows)).encode(
        y=alt.Y("word:N", sort=alt.EncodingSortField("rank", order="ascending"), title=None),
        x=alt.X(
            "share:Q",
            title=t("inside.share_axis", lang),
            scale=alt.Scale(domain=[0, 1]),
            axis=alt.Axis(format="%"),
        ),
    )
    chart = base.mark_bar(color="#27b5ea") + base.mark_text(align="left", dx=4).encode(text="shown:N")
    st.altair_chart(
        chart.properties(height=28 * len(rows) + 40).configure_axis(labelFontSize=14, labelLimit=260),
        width="stretch",
    )
    st.dataframe(
        [
            {
                t("inside.col.sentence", lang): r.sentence.text,
                t("inside.col.logprob", lang): round(r.sentence.logprob, 2),
                t("inside.col.tokens", lang): len(r.sentence.tokens),
                t("inside.col.share", lang): f"{r.share:.1%}",
                t("inside.col.source", lang): t("inside.proposed" if r.proposed else "inside.typed", lang),
            }
            for r in ranked
        ],
        hide_index=True,
        width="stretch",
    )
    st.caption(t("inside.rank_note", lang, seconds=f"{state['seconds']:.2f}"))
