"""The Chat page's pieces: the model picker, the settings panel, a turn with its meter, one streamed answer
through the paid-call gateway, and the Compare tab. The conversation's rules live in ``lib.chat``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd
import streamlit as st

from lib import chat, tokens
from lib.chat import local_llm
from lib.core import providers
from lib.core.amounts import Amounts
from lib.core.catalogue import Catalogue, family_of
from lib.core.i18n import Lang, t
from lib.core.pricing import format_usd
from lib.core.settings import ProviderKind
from lib.messages import user_message
from ui import paid, persist, sidebar, vision_view
from ui.state import kept

BUILTIN = local_llm.MODEL_ID
SHOTS = "chat_shots"  # list[dict] rows of the shot editor
SHOTS_KEPT = "chat_shots_kept"  # the rows as edited, written each run: what a reload brings back
SHOTS_VERSION = "chat_shots_version"  # bumped to draw the editor afresh from SHOTS


def _text_json(value: Any, put: Any) -> str:
    return str(value or "")


def _text_value(data: Any, blob: Any) -> str:
    return data if isinstance(data, str) else ""


def _forget_shots() -> None:
    st.session_state.pop(SHOTS, None)
    st.session_state[SHOTS_VERSION] = st.session_state.get(SHOTS_VERSION, 0) + 1


def keep_work(conversation_key: str) -> None:
    """The conversation, the system prompt and the examples survive a reload (``ui.persist``)."""
    persist.keep(
        conversation_key,
        encode=lambda conv, put: chat.kept.conversation_to_json(conv, put),
        decode=lambda data, blob: chat.kept.conversation_from_json(data, blob),
        count=lambda conv: len(conv.turns),
        what="keep.what.messages",
    )
    persist.keep(
        kept("chat.system"),
        encode=_text_json,
        decode=_text_value,
        count=lambda text: int(bool(str(text or "").strip())),
        what="keep.what.system",
    )
    persist.keep(
        SHOTS_KEPT,
        encode=lambda rows, put: chat.kept.shots_to_json(rows),
        decode=lambda data, blob: chat.kept.shots_from_json(data),
        count=lambda rows: sum(1 for r in rows if str(r.get("user") or "").strip()),
        what="keep.what.shots",
        forget=_forget_shots,
    )


API_LABEL_KEYS = {"responses": "chat.api.responses", "chat": "chat.api.chat"}
FORMAT_LABEL_KEYS = {
    "free": "chat.format.kind.free",
    "digits": "chat.format.kind.digits",
    "yes_no": "chat.format.kind.yes_no",
    "label": "chat.format.kind.label",
}


@dataclass(frozen=True)
class Options:
    """What the settings panel says about the next request."""

    system: str
    shots: tuple[chat.Shot, ...]
    temperature: float
    top_p: float
    max_tokens: int
    answer_format: chat.AnswerFormat = field(default_factory=chat.AnswerFormat)
    web_search: bool = False  # the Responses web_search tool (set by the page's switch, not the panel)

    def params(self) -> dict[str, Any]:
        return {"temperature": self.temperature, "top_p": self.top_p, "max_tokens": self.max_tokens}


# --- the model ----------------------------------------------------------------------------------------------


def models(ctx: sidebar.Context) -> tuple[list[str], str | None, Catalogue | None]:
    """The chat models of the provider (the default first), why they could not be listed, and the catalogue
    of today's models they come from (None for the built-in model and Azure)."""
    settings = ctx.settings
    if settings.provider is ProviderKind.BUILTIN:
        reason = local_llm.unavailable_reason()
        return ([], reason, None) if reason else ([BUILTIN], None, None)
    if not settings.ready:
        return [], None, None
    if settings.provider is ProviderKind.AZURE:
        return [settings.azure_deployment or ""], None, None
    found, error = paid.catalogue(ctx)
    if found is None:
        return [], error, None
    return found.ids("chat"), None, found


def api_for(ctx: sidebar.Context, model: str) -> chat.Api:
    """Responses for OpenAI's own models; Chat Completions for every other server (and Azure deployments)."""
    family = family_of(model)
    openai = ctx.settings.provider is ProviderKind.OPENAI
    return "responses" if openai and family is not None and family.responses else "chat"


def use_model(ctx: sidebar.Context) -> Callable[[str], None]:
    """Switch the picker to ``model`` (a retired model's replacement) and clear a typed id."""

    def use(model: str) -> None:
        st.session_state[kept(f"chat.model.{ctx.settings.provider}")] = model
        st.session_state[kept("chat.model_other")] = ""

    return use


def pick_model(ctx: sidebar.Context, listed: list[str], found: Catalogue | None = None) -> str:
    """The model box (or the Azure deployment), and a typed id where the server's list says little."""
    lang, settings = ctx.lang, ctx.settings
    top = st.columns([2, 2], vertical_alignment="bottom")
    if settings.provider is ProviderKind.AZURE:
        top[0].caption(t("chat.azure_model", lang, deployment=settings.azure_deployment or ""))
        return settings.azure_deployment or ""
    if not settings.ready:  # the box stays, greyed, saying what it waits for (why: by the message box)
        top[0].selectbox(
            t("chat.model", lang), [], placeholder=t("chat.model_needs_setup", lang), disabled=True
        )
        return ""
    model = (
        top[0].selectbox(
            t("chat.model", lang),
            listed,
            format_func=lambda m: paid.model_label(m, found, lang) + vision_view.model_marks(m, ctx),
            key=kept(f"chat.model.{settings.provider}"),
        )
        if listed
        else ""
    )
    if settings.provider is not ProviderKind.BUILTIN:  # a typed id only where a server can answer to it
        other = top[1].text_input(t("chat.model_other", lang), key=kept("chat.model_other"))
        model = other.strip() or model
        if settings.provider is ProviderKind.COMPATIBLE and not listed:
            top[1].caption(t("chat.no_models", lang))
    if settings.provider is ProviderKind.OPENAI:
        notes = [t("chat.history", lang), t(API_LABEL_KEYS[api_for(ctx, model)], lang)]
        if found is not None and model and tokens.context_window(model) is None:  # newer than the app's table
            notes.append(t("cat.family_rules", lang, model=model))
        st.caption("🕰️ " + " ".join(notes))
    return model or ""


_SETUP_FIELDS = {  # Settings.missing -> the sidebar field's label
    "api_key": "side.api_key",
    "azure_endpoint": "side.azure_endpoint",
    "azure_deployment": "side.azure_deployment",
    "azure_api_version": "side.azure_api_version",
}


def why_not_ready(ctx: sidebar.Context, model: str) -> str | None:
    """Why the message box is greyed out, said next to it (None when a message can go)."""
    lang, settings = ctx.lang, ctx.settings
    if not settings.ready:
        missing = ", ".join(t(_SETUP_FIELDS[m], lang) if m in _SETUP_FIELDS else m for m in settings.missing)
        provider = t(providers.PROFILES[settings.provider].label_key, lang)
        return t("chat.needs_setup", lang, provider=provider, missing=missing)
    if not model and settings.provider is not ProviderKind.BUILTIN:
        return t("chat.needs_model", lang)
    return None


# --- the settings panel -------------------------------------------------------------------------------------


def _apply_preset(lang: Lang) -> None:
    preset = chat.PRESETS[st.session_state[kept("chat.preset")]]
    text = preset.localized(lang)
    st.session_state[kept("chat.system")] = text.system
    st.session_state[SHOTS] = [{"user": s.user, "assistant": s.assistant} for s in text.shots]
    st.session_state[SHOTS_VERSION] = st.session_state.get(SHOTS_VERSION, 0) + 1
    st.session_state[kept("chat.temperature")] = float(preset.temperature)
    fmt = preset.answer_format
    st.session_state[kept("chat.format")] = fmt.kind
    st.session_state[kept("chat.format.digits")] = fmt.digits
    st.session_state[kept("chat.format.per_sentence")] = fmt.per_sentence
    st.session_state[kept("chat.format.labels")] = ", ".join(fmt.labels)


SHOT_COLUMNS = {"user": "chat.shot_user", "assistant": "chat.shot_assistant"}  # column -> its label's key
SHOT_COLUMN_WIDTH = 140  # two of them fit a phone (390 px); a wider screen shares out the rest
SHOT_ROW_HEIGHT = 72  # above 4 rem Streamlit's grid wraps a cell's text: a whole example stays readable


def _shot_rows(edited: pd.DataFrame) -> list[dict[str, str]]:
    """The editor's rows as text; a cell left empty (None, NaN or pandas' NA) is ""."""
    return [
        {c: "" if value is None or pd.isna(value) else str(value) for c, value in row.items()}
        for row in edited[list(SHOT_COLUMNS)].to_dict("records")
    ]


def _shot_kind(n: int, lang: Lang) -> str:
    key = "chat.shot_kind.0" if n == 0 else "chat.shot_kind.1" if n == 1 else "chat.shot_kind.n"
    return t(key, lang, n=n)


def settings_panel(lang: Lang) -> Options:
    """Preset, system prompt, sampling and the shot editor, in an expander."""
    with st.expander(t("chat.settings", lang)):
        st.selectbox(
            t("chat.preset", lang),
            list(chat.PRESETS),
            format_func=lambda p: chat.PRESETS[p].localized(lang).name,
            key=kept("chat.preset", "none"),
            on_change=_apply_preset,
            args=(lang,),
        )
        note = chat.PRESETS[st.session_state[kept("chat.preset")]].localized(lang).note
        if note:
            st.caption(note)
        system = st.text_area(t("chat.system", lang), key=kept("chat.system", ""), height=90)
        c1, c2, c3 = st.columns(3)
        temperature = c1.slider(
            t("chat.temperature", lang),
            0.0,
            2.0,
            step=0.1,
            key=kept("chat.temperature", 0.7),
            help=t("chat.temperature_help", lang),
        )
        top_p = c2.slider(t("chat.top_p", lang), 0.0, 1.0, step=0.05, key=kept("chat.top_p", 1.0))
        max_tokens = c3.number_input(
            t("chat.max_tokens", lang), 16, 16384, step=16, key=kept("chat.max_tokens", 256)
        )
        rows = st.session_state.setdefault(SHOTS, list(st.session_state.get(SHOTS_KEPT, [])))
        edited = _shot_rows(
            st.data_editor(
                # A frame with its two columns even when empty (the Blank preset): an empty list has no
                # columns, so the grid had no headers and no row to add.
                pd.DataFrame(chat.kept.shots_to_json(rows), columns=list(SHOT_COLUMNS), dtype="string"),
                key=f"chat_shots_{st.session_state.get(SHOTS_VERSION, 0)}",
                num_rows="dynamic",
                width="stretch",
                hide_index=True,
                row_height=SHOT_ROW_HEIGHT,
                column_config={
                    c: st.column_config.TextColumn(t(label_key, lang), width=SHOT_COLUMN_WIDTH, default="")
                    for c, label_key in SHOT_COLUMNS.items()
                },
            )
        )
        st.session_state[SHOTS_KEPT] = edited
        shots = tuple(chat.Shot(r["user"], r["assistant"]) for r in edited if r["user"].strip())
        st.caption(t("chat.shots", lang, kind=_shot_kind(len(shots), lang)))
        answer_format = _format_fields(lang)
    return Options(system, shots, float(temperature), float(top_p), int(max_tokens), answer_format)


def _format_fields(lang: Lang) -> chat.AnswerFormat:
    """The answer format: a kind, and what the kind needs (the digits allowed, the labels)."""
    kind = st.selectbox(
        t("chat.format", lang),
        chat.FORMAT_KINDS,
        format_func=lambda k: t(FORMAT_LABEL_KEYS[k], lang),
        key=kept("chat.format", "free"),
        help=t("chat.format.help", lang),
    )
    digits, per_sentence, labels = "01", False, ""
    if kind == "digits":
        c1, c2 = st.columns(2, vertical_alignment="bottom")
        digits = c1.text_input(t("chat.format.digits", lang), key=kept("chat.format.digits", "01"))
        per_sentence = c2.checkbox(
            t("chat.format.per_sentence", lang), key=kept("chat.format.per_sentence", True)
        )
    elif kind == "label":
        labels = st.text_input(t("chat.format.labels", lang), key=kept("chat.format.labels", ""))
    return chat.AnswerFormat(
        kind=kind,
        digits=digits,
        per_sentence=per_sentence,
        labels=tuple(label.strip() for label in labels.split(",")),
        lang=lang,
    )


def format_rules(options: Options, messages: list[dict], *, builtin: bool) -> tuple[str | None, bool]:
    """How the answer format applies to one request: the grammar the built-in model is held to (None for a
    server or a free format) and whether a server's answer is checked and asked once more."""
    fmt = options.answer_format
    if not fmt.active:
        return None, False
    message = chat.vision.text_of(messages[-1].get("content") or "") if messages else ""
    return (fmt.grammar(message), False) if builtin else (None, True)


def _format_caption(options: Options, message: str, lang: Lang, *, builtin: bool) -> None:
    fmt = options.answer_format
    if fmt.active:
        key = "chat.format.enforced" if builtin else "chat.format.checked"
        st.caption("📐 " + t(key, lang, format=fmt.describe(message, lang)))


def request_views(ctx: sidebar.Context, *, model: str, options: Options, preview: list[dict]) -> None:
    """The exact ``messages`` and a Python snippet that sends the same request."""
    settings = ctx.settings
    v1, v2 = st.columns(2)
    with v1.expander(t("chat.messages", ctx.lang)):
        st.json(chat.vision.shorten(preview), expanded=True)
    builtin = settings.provider is ProviderKind.BUILTIN
    grammar, checked = format_rules(options, preview, builtin=builtin)
    message = chat.vision.text_of(preview[-1].get("content") or "") if preview else ""
    fmt = options.answer_format
    check = (
        (fmt.pattern(message) or "", t("chat.format.retry", ctx.lang, format=fmt.describe(message, ctx.lang)))
        if checked
        else None
    )
    _format_caption(options, message, ctx.lang, builtin=builtin)
    with v2.expander(t("chat.code", ctx.lang)):
        snippet = chat.code_snippet(
            chat.vision.shorten(preview),
            model=model or "MODEL",
            provider=settings.provider,
            base_url=settings.base_url,
            azure_endpoint=settings.azure_endpoint,
            azure_deployment=settings.azure_deployment,
            api_version=settings.azure_api_version,
            api=api_for(ctx, model),
            grammar=grammar,
            check=check,
            web_search=options.web_search,
            **options.params(),
        )
        st.code(snippet, language="python", wrap_lines=True)  # no sideways scrolling on a phone


# --- turns --------------------------------------------------------------------------------------------------


def meter(turn: chat.Turn, lang: Lang) -> str:
    usage = turn.usage
    if usage is None:
        return turn.model or ""
    cost = (
        t("chat.free_local", lang)
        if turn.model == BUILTIN
        else format_usd(chat.turn_cost(turn.model or "", usage))
    )
    return t(
        "chat.meter",
        lang,
        input=usage.input_tokens,
        output=usage.output_tokens,
        estimated=t("chat.estimated", lang) if usage.estimated else "",
        cost=cost,
        seconds=turn.seconds or 0.0,
        model=turn.model or "",
    )


def show_turn(turn: chat.Turn, lang: Lang, model: str | None = None) -> None:
    """One message; a user message's images with what each costs ``model`` (the one answering)."""
    with st.chat_message(turn.role):
        vision_view.show_images(turn.images, model, lang)
        st.markdown(turn.content)
        if turn.role == "assistant":
            vision_view.show_sources(turn.sources, lang)
            if turn.status == "interrupted":
                st.warning(t("chat.interrupted", lang, reason=turn.error or "?"), icon="✂️")
            elif turn.status == "stopped":
                st.caption("⏹ " + t("chat.stopped", lang))
            st.caption(meter(turn, lang))


def totals(turns: list[chat.Turn], lang: Lang) -> str:
    total_in, total_out, total_cost = chat.session_totals(turns)
    all_local = all(turn.model == BUILTIN for turn in turns if turn.role == "assistant")
    cost = t("chat.free_local", lang) if all_local else format_usd(total_cost)
    return t("chat.totals", lang, input=total_in, output=total_out, cost=cost)


def _reply_turn(ctx: sidebar.Context, result: chat.StreamResult, model: str) -> chat.Turn:
    reason = (
        user_message(result.error, ctx.lang, secrets=[ctx.settings.api_key]).text if result.error else None
    )
    return result.to_turn(model, error=reason)


def answer(
    ctx: sidebar.Context,
    *,
    model: str,
    messages: list[dict],
    options: Options,
    conversation: chat.Conversation | None = None,
    client: Any = None,
    where: Any = None,
) -> paid.Outcome[chat.Turn]:
    """Stream one answer into the page through the gateway. With a ``conversation``, a Stop or a rerun
    records what arrived there before the run is cut; errors are left to the caller (``quiet``)."""

    grammar, checked = format_rules(options, messages, builtin=model == BUILTIN)
    message = chat.vision.text_of(messages[-1].get("content") or "") if messages else ""
    fmt = options.answer_format
    requests = {"n": 0}

    def one(target: Any, sent: list[dict]) -> chat.Turn:
        api = api_for(ctx, model)  # the built-in model has no family: Chat Completions
        stream = chat.ChatStream(
            target,
            model=model,
            messages=sent,
            api=api,
            grammar=grammar,
            web_search=options.web_search,
            **options.params(),
        )
        requests["n"] += 1

        def text():
            for delta in stream:
                if conversation is not None:
                    conversation.streaming()
                yield delta

        try:
            st.write_stream(text())
        except Exception:
            raise
        except BaseException:  # a Stop or a rerun cuts the run here: keep what arrived, then let it go on
            stream.stop()
            if conversation is not None and stream.result is not None:
                conversation.cut(_reply_turn(ctx, stream.result, model))
            raise
        return _reply_turn(ctx, stream.result, model)

    def call(target: Any) -> chat.Turn:
        first = one(target, messages)
        if not checked or first.status != "complete" or fmt.conforms(message, first.content):
            return first
        # A server cannot be given a grammar: its answer missed the format, so ask once more, saying how.
        st.caption("🔁 " + t("chat.format.retried", ctx.lang, answer=repr(first.content.strip()[:80])))
        reminder = t("chat.format.retry", ctx.lang, format=fmt.describe(message, ctx.lang))
        second = one(target, chat.retry_messages(messages, first.content, reminder))
        if second.status == "complete" and not fmt.conforms(message, second.content):
            st.caption("⚠️ " + t("chat.format.still_off", ctx.lang))
        return _merged(first, second)

    def used(turn: chat.Turn) -> Amounts | None:
        usage = turn.usage
        return (
            None
            if usage is None
            else Amounts(requests=requests["n"], tokens=usage.input_tokens + usage.output_tokens)
        )

    asked = chat.plan_cost(
        model=model, messages=messages, max_tokens=options.max_tokens, web_search=options.web_search
    )
    if checked:  # the one retry re-sends the prompt with the first answer (at most max_tokens) and a reminder
        reminder = t("chat.format.retry", ctx.lang, format=fmt.describe(message, ctx.lang))
        retry = chat.retry_messages(messages, "", reminder)
        asked = asked + chat.plan_cost(model=model, messages=retry, max_tokens=2 * options.max_tokens)
    return paid.run(
        ctx,
        asked=asked,
        call=call,
        moderate=[options.system, chat.vision.text_of(messages[-1]["content"]) if messages else ""],
        used=used,
        client=client,
        where=where,
        quiet=conversation is not None,
        use_model=use_model(ctx),
    )


def _merged(first: chat.Turn, second: chat.Turn) -> chat.Turn:
    """The retry's answer, carrying the tokens and time of both requests (what the meter and budget see)."""
    a, b = first.usage, second.usage
    usage = (
        chat.Usage(
            a.input_tokens + b.input_tokens, a.output_tokens + b.output_tokens, a.estimated or b.estimated
        )
        if a is not None and b is not None
        else b or a
    )
    seconds = (first.seconds or 0.0) + (second.seconds or 0.0)
    return replace(second, usage=usage, seconds=seconds, first_token_seconds=first.first_token_seconds)


def fits(ctx: sidebar.Context, *, model: str, messages: list[dict], options: Options) -> str | None:
    """None when the prompt and the longest answer fit the model's context; else what to tell the user."""
    window = local_llm.CONTEXT_TOKENS if model == BUILTIN else None
    check = tokens.check_context(messages, model=model, max_output_tokens=options.max_tokens, window=window)
    if check.fits:
        return None
    return t(
        "chat.too_long",
        ctx.lang,
        model=model,
        limit=check.limit,
        over=check.over_by,
        prompt=check.prompt_tokens,
        output=options.max_tokens,
    )


# --- Compare ------------------------------------------------------------------------------------------------


def compare_tab(ctx: sidebar.Context, listed: list[str], options: Options) -> None:
    """One prompt to two models side by side (e.g. a GPT model and the built-in sLLM)."""
    lang, settings = ctx.lang, ctx.settings
    st.caption(t("chat.compare_intro", lang))
    choices: list[tuple[str, str]] = [(settings.provider.value, m) for m in listed]
    if settings.provider is not ProviderKind.BUILTIN and not local_llm.unavailable_reason():
        choices.append((ProviderKind.BUILTIN.value, BUILTIN))
    label = {c: f"{c[1]} ({t(providers.PROFILES[ProviderKind(c[0])].label_key, lang)})" for c in choices}
    if len(choices) < 2:  # the built-in model alone would be compared with itself
        st.info(t("chat.compare_needs_two", lang), icon="⚖️")
        return
    prompt = st.text_area(t("chat.compare_prompt", lang), key=kept("chat.compare_prompt", ""), height=90)
    columns = st.columns(2)
    picks = [
        col.selectbox(
            t(side_key, lang),
            choices,
            index=min(default, len(choices) - 1),
            format_func=label.__getitem__,
            key=key,
        )
        for col, side_key, key, default in (
            (columns[0], "chat.compare_left", "chat_compare_left", 0),
            (columns[1], "chat.compare_right", "chat_compare_right", len(choices) - 1),
        )
        if choices
    ]
    searched = _search_pair(ctx, picks)
    if searched:  # one model, asked twice: with web search on the left, without on the right
        picks = [picks[0], picks[0]]
    if not st.button(t("chat.compare_run", lang), key="chat_compare_run", disabled=len(picks) < 2):
        return
    if not prompt.strip():
        st.error(t("chat.empty", lang), icon="✋")
        return
    messages = chat.build_messages(system=options.system, shots=options.shots, history=[], user=prompt)
    for side, (col, (kind, name)) in enumerate(zip(columns, picks, strict=True)):
        with col, st.chat_message("assistant"):
            if searched:
                st.caption(t("search.compare_with" if side == 0 else "search.compare_without", lang))
            builtin = kind == ProviderKind.BUILTIN.value and settings.provider is not ProviderKind.BUILTIN
            outcome = answer(
                ctx,
                model=name,
                messages=messages,
                options=replace(options, web_search=searched and side == 0),
                client=paid.local_client() if builtin else None,
                where=col,
            )
            if outcome.ok and outcome.value is not None:
                vision_view.show_sources(outcome.value.sources, lang)
                st.caption(meter(outcome.value, lang))
                if outcome.value.first_token_seconds is not None:
                    st.caption(t("chat.first_token", lang, seconds=outcome.value.first_token_seconds))


def _search_pair(ctx: sidebar.Context, picks: list[tuple[str, str]]) -> bool:
    """The "with and without web search" switch, offered when the left model can search."""
    if (
        not picks
        or picks[0][0] != ctx.settings.provider.value
        or not vision_view.can_search(ctx, picks[0][1])
    ):
        return False
    on = st.toggle("🌐 " + t("search.compare", ctx.lang, model=picks[0][1]), key="chat_compare_search")
    return bool(on)
