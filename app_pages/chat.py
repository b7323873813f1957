"""Chat page: streaming chat, system prompt, temperature, shots, presets, a meter, two models compared."""

import openai
import streamlit as st

from lib import chat, local_llm, providers
from lib.classroom import Amounts, ClassroomStop
from lib.errors import user_message
from lib.i18n import t
from lib.pricing import format_usd
from lib.settings import ProviderKind, Settings
from ui import classroom, sidebar
from ui.clients import client_for
from ui.state import kept

TURNS = "chat_turns"  # list[chat.Turn]; survives every error
DRAFT = "chat_draft"  # a message that could not be sent, kept for "send again"
SHOTS = "chat_shots"  # list[dict] rows of the shot editor
BUILTIN = local_llm.MODEL_ID

ctx = sidebar.context()
lang, settings = ctx.lang, ctx.settings
turns: list[chat.Turn] = st.session_state.setdefault(TURNS, [])


@st.cache_resource(show_spinner=False)
def local_client() -> local_llm.LocalClient:
    """The built-in model, loaded once per process and shared (generation is serialised inside)."""
    return local_llm.LocalClient(local_llm.load())


def client_and_models(current: Settings) -> tuple[object | None, list[str], str | None]:
    """The client for the provider, its chat models, and why the list could not be fetched (if so)."""
    if current.provider is ProviderKind.BUILTIN:
        reason = local_llm.unavailable_reason()
        if reason:
            return None, [], reason
        with st.spinner(t("chat.loading_local", lang)):
            return local_client(), [BUILTIN], None
    if not current.ready:
        return None, [], None
    client = client_for(current)
    if current.provider is ProviderKind.AZURE:
        return client, [current.azure_deployment or ""], None
    cache = st.session_state.setdefault("chat_models", {})
    key = current.fingerprint()
    if key not in cache:
        try:
            ids = providers.list_models(client)
            cache[key] = (
                chat.filter_chat_models(ids, openai_only=current.provider is ProviderKind.OPENAI),
                None,
            )
        except openai.OpenAIError as exc:
            fallback = list(chat.DEFAULT_OPENAI_MODELS) if current.provider is ProviderKind.OPENAI else []
            cache[key] = (fallback, user_message(exc, lang, secrets=[current.api_key]).text)
    models, error = cache[key]
    return client, models, error


def apply_preset() -> None:
    """Fill the system prompt, shots and sample input from the chosen preset (a widget callback)."""
    preset = chat.PRESETS[st.session_state[kept("chat.preset")]]
    st.session_state[kept("chat.system")] = preset.system.get(lang, "")
    st.session_state[SHOTS] = [{"user": s.user, "assistant": s.assistant} for s in preset.shots.get(lang, ())]
    st.session_state["chat_shots_version"] = st.session_state.get("chat_shots_version", 0) + 1
    st.session_state[kept("chat.temperature")] = float(preset.temperature)


def shot_kind(n: int) -> str:
    return t(
        "chat.shot_kind.0" if n == 0 else "chat.shot_kind.1" if n == 1 else "chat.shot_kind.n", lang, n=n
    )


def meter(turn: chat.Turn) -> str:
    usage = turn.usage
    if usage is None:
        return turn.model or ""
    return t(
        "chat.meter",
        lang,
        input=usage.input_tokens,
        output=usage.output_tokens,
        estimated=t("chat.estimated", lang) if usage.estimated else "",
        cost=t("chat.free_local", lang)
        if turn.model == BUILTIN
        else format_usd(chat.turn_cost(turn.model or "", usage)),
        seconds=turn.seconds or 0.0,
        model=turn.model or "",
    )


def show_turn(turn: chat.Turn) -> None:
    with st.chat_message(turn.role):
        st.markdown(turn.content)
        if turn.role == "assistant":
            if turn.status == "interrupted":
                st.warning(t("chat.interrupted", lang, reason=turn.error or "?"), icon="✂️")
            elif turn.status == "stopped":
                st.caption("⏹ " + t("chat.stopped", lang))
            st.caption(meter(turn))


def stream_reply(client, *, model: str, messages: list[dict], params: dict) -> chat.Turn:
    """Stream one reply into the page and return it as a turn. Errors before the first token propagate;
    a cut stream comes back as an interrupted turn with the part that arrived."""
    stream = chat.ChatStream(client, model=model, messages=messages, **params)
    try:
        st.write_stream(stream)
    except Exception:
        raise
    except BaseException:
        # A click on Stop (or any rerun) interrupts the script here: keep what arrived, then let it go on.
        stream.stop()
        st.session_state["chat_stopped"] = _turn(stream.result, model)
        raise
    return _turn(stream.result, model)


def paid_reply(
    target, *, model: str, messages: list[dict], params: dict, moderate: list[str]
) -> chat.Turn | None:
    """One reply under the classroom rules when they apply: budgets and safe mode first (None and the reason
    drawn when it must not go), then the queue; the booking is settled with the tokens really used."""
    asked = Amounts(
        requests=1, tokens=chat.count_tokens(messages, model) + int(params.get("max_tokens") or 0)
    )
    admitted = classroom.admit(settings, lang, target, asked, moderate=moderate)
    if admitted is None:
        return None
    try:
        reply = stream_reply(admitted.client, model=model, messages=messages, params=params)
    except Exception:
        admitted.refund()
        raise
    except BaseException:  # Stop or a rerun mid-reply: keep the booking as asked
        admitted.settle()
        raise
    usage = reply.usage
    admitted.settle(
        Amounts(requests=1, tokens=usage.input_tokens + usage.output_tokens) if usage is not None else None
    )
    return reply


def _turn(result: chat.StreamResult, model: str) -> chat.Turn:
    reason = user_message(result.error, lang, secrets=[settings.api_key]).text if result.error else None
    return result.to_turn(model, error=reason)


# A reply stopped mid-stream in the previous run: the user's message and the partial reply join the history.
if "chat_stopped" in st.session_state:
    stopped = st.session_state.pop("chat_stopped")
    pending = st.session_state.pop("chat_pending", None)
    if pending:
        turns.extend([chat.Turn(role="user", content=pending), stopped])

st.title("💬 " + t("chat.title", lang))
st.markdown(t("chat.intro", lang))
client, models, list_error = client_and_models(settings)

if settings.provider is ProviderKind.BUILTIN:
    if list_error:
        st.warning(t("chat.local_unavailable", lang, reason=list_error), icon="🧩")
    else:
        st.caption("🧩 " + t("chat.local_label", lang))
elif list_error:
    st.caption("⚠️ " + t("chat.model_list_failed", lang, reason=list_error))

tab_chat, tab_compare = st.tabs([t("chat.tab.chat", lang), t("chat.tab.compare", lang)])

with tab_chat:
    top = st.columns([2, 2, 1, 1], vertical_alignment="bottom")
    if settings.provider is ProviderKind.AZURE:
        model = settings.azure_deployment or ""
        top[0].caption(t("chat.azure_model", lang, deployment=model))
    elif models:
        model = top[0].selectbox(t("chat.model", lang), models, key=kept(f"chat.model.{settings.provider}"))
    else:
        model = ""
    other = top[1].text_input(t("chat.model_other", lang), key=kept("chat.model_other"))
    if other.strip() and settings.provider is not ProviderKind.BUILTIN:
        model = other.strip()
    if settings.provider is ProviderKind.COMPATIBLE and not models:
        top[1].caption(t("chat.no_models", lang))

    with st.expander(t("chat.settings", lang)):
        st.selectbox(
            t("chat.preset", lang),
            list(chat.PRESETS),
            format_func=lambda p: chat.PRESETS[p].name.get(lang, p),
            key=kept("chat.preset", "none"),
            on_change=apply_preset,
        )
        note = chat.PRESETS[st.session_state[kept("chat.preset")]].note.get(lang)
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
        max_tokens = int(
            c3.number_input(t("chat.max_tokens", lang), 16, 16384, step=16, key=kept("chat.max_tokens", 256))
        )
        rows = st.session_state.setdefault(SHOTS, [])
        edited = st.data_editor(
            rows,
            key=f"chat_shots_{st.session_state.get('chat_shots_version', 0)}",
            num_rows="dynamic",
            width="stretch",
            column_config={
                "user": st.column_config.TextColumn(t("chat.shot_user", lang), width="large"),
                "assistant": st.column_config.TextColumn(t("chat.shot_assistant", lang), width="large"),
            },
        )
        shots = [
            chat.Shot(str(r.get("user") or ""), str(r.get("assistant") or ""))
            for r in edited
            if str(r.get("user") or "").strip()
        ]
        st.caption(t("chat.shots", lang, kind=shot_kind(len(shots))))

    params = {"temperature": temperature, "top_p": top_p, "max_tokens": max_tokens}
    draft = st.session_state.get(DRAFT)
    preview = chat.build_messages(system=system, shots=shots, history=turns, user=draft or "…")
    v1, v2 = st.columns(2)
    with v1.expander(t("chat.messages", lang)):
        st.json(preview, expanded=True)
    with v2.expander(t("chat.code", lang)):
        st.code(
            chat.code_snippet(
                preview,
                model=model or "MODEL",
                provider=settings.provider,
                base_url=settings.base_url,
                azure_endpoint=settings.azure_endpoint,
                azure_deployment=settings.azure_deployment,
                api_version=settings.azure_api_version,
                **params,
            ),
            language="python",
        )

    for turn in turns:
        show_turn(turn)

    sample = chat.PRESETS[st.session_state[kept("chat.preset")]].sample.get(lang)
    actions = st.columns(5)
    send_sample = actions[0].button(t("chat.sample", lang), key="chat_sample", disabled=not sample)
    regenerate = actions[1].button(
        t("chat.regenerate", lang), key="chat_regenerate", disabled=not turns or turns[-1].role != "assistant"
    )
    if actions[2].button(t("chat.clear", lang), key="chat_clear", disabled=not turns):
        turns.clear()
        st.session_state.pop(DRAFT, None)
        st.rerun()
    actions[3].download_button(
        t("chat.export_md", lang),
        chat.export_markdown(turns, system=system, shots=shots, model=model),
        "conversation.md",
        "text/markdown",
        key="chat_export_md",
        disabled=not turns,
    )
    actions[4].download_button(
        t("chat.export_json", lang),
        chat.export_json(turns, system=system, shots=shots, model=model, settings=params),
        "conversation.json",
        "application/json",
        key="chat_export_json",
        disabled=not turns,
    )
    total_in, total_out, total_cost = chat.session_totals(turns)
    if turns:
        all_local = all(turn.model == BUILTIN for turn in turns if turn.role == "assistant")
        cost_text = t("chat.free_local", lang) if all_local else format_usd(total_cost)
        st.caption(t("chat.totals", lang, input=total_in, output=total_out, cost=cost_text))

    resend = st.session_state.pop("chat_resend_now", False)
    typed = st.chat_input(t("chat.placeholder", lang), key="chat_input", disabled=client is None or not model)
    message = typed if typed is not None else (sample if send_sample else (draft if resend else None))
    if regenerate and turns and turns[-1].role == "assistant":
        turns.pop()
        message = turns.pop().content if turns and turns[-1].role == "user" else None

    if message is not None and client is not None:
        if not message.strip():
            st.error(t("chat.empty", lang), icon="✋")
        else:
            messages = chat.build_messages(system=system, shots=shots, history=turns, user=message)
            window = local_llm.CONTEXT_TOKENS if model == BUILTIN else None
            check = chat.check_context(messages, model=model, max_output_tokens=max_tokens, window=window)
            if not check.fits:
                st.session_state[DRAFT] = message
                st.error(
                    t(
                        "chat.too_long",
                        lang,
                        model=model,
                        limit=check.limit,
                        over=check.over_by,
                        prompt=check.prompt_tokens,
                        output=max_tokens,
                    ),
                    icon="📏",
                )
            else:
                user_turn = chat.Turn(role="user", content=message)
                show_turn(user_turn)
                st.session_state["chat_pending"] = message
                try:
                    with st.chat_message("assistant"):
                        st.button(t("chat.stop", lang), key="chat_stop", icon="⏹")
                        reply = paid_reply(
                            client, model=model, messages=messages, params=params, moderate=[system, message]
                        )
                    if reply is None:  # a classroom rule said no (and said why): keep the message
                        st.session_state[DRAFT] = message
                except (openai.OpenAIError, local_llm.ContextTooLong, ClassroomStop) as exc:
                    # Nothing arrived: the conversation is unchanged and the message waits as a draft.
                    st.session_state[DRAFT] = message
                    text = user_message(exc, lang, secrets=[settings.api_key]).text
                    if isinstance(exc, openai.AuthenticationError):
                        sidebar.record_failure(settings, text)
                    st.error(text, icon="⚠️")
                else:
                    if reply is not None:
                        turns.extend([user_turn, reply])
                        st.session_state.pop(DRAFT, None)
                        st.rerun()
                finally:
                    st.session_state.pop(
                        "chat_pending", None
                    ) if "chat_stopped" not in st.session_state else None

    draft = st.session_state.get(DRAFT)
    if draft:  # drawn after the attempt, so a message that just failed shows at once
        st.warning(f"{t('chat.draft', lang)}\n\n{draft}", icon="📝")
        st.button(
            t("chat.send_again", lang),
            key="chat_resend",
            on_click=st.session_state.update,
            kwargs={"chat_resend_now": True},
        )

with tab_compare:
    st.caption(t("chat.compare_intro", lang))
    choices: list[tuple[str, str]] = [(settings.provider.value, m) for m in models]
    if settings.provider is not ProviderKind.BUILTIN and not local_llm.unavailable_reason():
        choices.append((ProviderKind.BUILTIN.value, BUILTIN))
    label = {c: f"{c[1]} ({t(providers.PROFILES[ProviderKind(c[0])].label_key, lang)})" for c in choices}
    prompt = st.text_area(t("chat.compare_prompt", lang), key=kept("chat.compare_prompt", ""), height=90)
    left_col, right_col = st.columns(2)
    picks = []
    for col, side, default in ((left_col, "left", 0), (right_col, "right", len(choices) - 1)):
        if choices:
            picks.append(
                col.selectbox(
                    t(f"chat.compare_{side}", lang),
                    choices,
                    index=min(default, len(choices) - 1),
                    format_func=label.__getitem__,
                    key=f"chat_compare_{side}",
                )
            )
    run = st.button(t("chat.compare_run", lang), key="chat_compare_run", disabled=len(picks) < 2)
    if run and len(picks) == 2:
        if not prompt.strip():
            st.error(t("chat.empty", lang), icon="✋")
        else:
            for col, (kind, name) in zip((left_col, right_col), picks, strict=True):
                with col:
                    target = local_client() if kind == ProviderKind.BUILTIN.value else client
                    messages = chat.build_messages(system=system, shots=shots, history=[], user=prompt)
                    try:
                        with st.chat_message("assistant"):
                            if target is client:
                                reply = paid_reply(
                                    target,
                                    model=name,
                                    messages=messages,
                                    params=params,
                                    moderate=[system, prompt],
                                )
                            else:
                                reply = stream_reply(target, model=name, messages=messages, params=params)
                            if reply is not None:
                                st.caption(meter(reply))
                                if reply.first_token_seconds is not None:
                                    st.caption(t("chat.first_token", lang, seconds=reply.first_token_seconds))
                    except (openai.OpenAIError, local_llm.ContextTooLong, ClassroomStop) as exc:
                        st.error(user_message(exc, lang, secrets=[settings.api_key]).text, icon="⚠️")
