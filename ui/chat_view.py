"""The Chat page's pieces: the model picker, the settings panel, a turn with its meter, one streamed answer
through the paid-call gateway, and the Compare tab. The conversation's rules live in ``lib.chat``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

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


@dataclass(frozen=True)
class Options:
    """What the settings panel says about the next request."""

    system: str
    shots: tuple[chat.Shot, ...]
    temperature: float
    top_p: float
    max_tokens: int
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
    if settings.provider is not ProviderKind.BUILTIN:
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


# --- the settings panel -------------------------------------------------------------------------------------


def _apply_preset(lang: Lang) -> None:
    preset = chat.PRESETS[st.session_state[kept("chat.preset")]]
    text = preset.localized(lang)
    st.session_state[kept("chat.system")] = text.system
    st.session_state[SHOTS] = [{"user": s.user, "assistant": s.assistant} for s in text.shots]
    st.session_state[SHOTS_VERSION] = st.session_state.get(SHOTS_VERSION, 0) + 1
    st.session_state[kept("chat.temperature")] = float(preset.temperature)


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
        edited = st.data_editor(
            st.session_state.setdefault(SHOTS, list(st.session_state.get(SHOTS_KEPT, []))),
            key=f"chat_shots_{st.session_state.get(SHOTS_VERSION, 0)}",
            num_rows="dynamic",
            width="stretch",
            column_config={
                "user": st.column_config.TextColumn(t("chat.shot_user", lang), width="large"),
                "assistant": st.column_config.TextColumn(t("chat.shot_assistant", lang), width="large"),
            },
        )
        st.session_state[SHOTS_KEPT] = chat.kept.shots_to_json(list(edited))
        shots = tuple(
            chat.Shot(str(r.get("user") or ""), str(r.get("assistant") or ""))
            for r in edited
            if str(r.get("user") or "").strip()
        )
        st.caption(t("chat.shots", lang, kind=_shot_kind(len(shots), lang)))
    return Options(system, shots, float(temperature), float(top_p), int(max_tokens))


def request_views(ctx: sidebar.Context, *, model: str, options: Options, preview: list[dict]) -> None:
    """The exact ``messages`` and a Python snippet that sends the same request."""
    settings = ctx.settings
    v1, v2 = st.columns(2)
    with v1.expander(t("chat.messages", ctx.lang)):
        st.json(chat.vision.shorten(preview), expanded=True)
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
            web_search=options.web_search,
            **options.params(),
        )
        st.code(snippet, language="python")


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

    def call(target: Any) -> chat.Turn:
        api = api_for(ctx, model)  # the built-in model has no family: Chat Completions
        stream = chat.ChatStream(
            target, model=model, messages=messages, api=api, web_search=options.web_search, **options.params()
        )

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

    def used(turn: chat.Turn) -> Amounts | None:
        usage = turn.usage
        return None if usage is None else Amounts(requests=1, tokens=usage.input_tokens + usage.output_tokens)

    return paid.run(
        ctx,
        asked=chat.plan_cost(
            model=model, messages=messages, max_tokens=options.max_tokens, web_search=options.web_search
        ),
        call=call,
        moderate=[options.system, chat.vision.text_of(messages[-1]["content"]) if messages else ""],
        used=used,
        client=client,
        where=where,
        quiet=conversation is not None,
        use_model=use_model(ctx),
    )


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
    if searched:
        picks = [
            picks[0],
            picks[0],
        ]  # one model, asked twice: with web search on the left, without on the right
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
