"""Whisper page: audio/video -> text and SRT/VTT subtitles, with the built-in Whisper or the API."""

import tempfile
import time
from pathlib import Path

import streamlit as st

from lib.audio import api_request, languages, local_whisper
from lib.audio import transcription as tr
from lib.core.amounts import Amounts
from lib.core.i18n import t
from lib.messages import user_message
from ui import paid, sidebar, transcript_view
from ui import transcribe_form as form
from ui.state import kept

MEDIA = "wh_media"  # (name, bytes) of the chosen sound; survives errors and page visits
RESULTS = "wh_results"  # list of (Transcript, media name, media bytes or None for audio-only), newest last
SAMPLE = Path(__file__).resolve().parents[1] / "assets" / "jfk.flac"
SOURCES = {"upload": "wh.source.upload", "mic": "wh.source.mic", "sample": "wh.source.sample"}
TASKS = {"transcribe": "wh.task.transcribe", "translate": "wh.task.translate"}
VIDEO_SUFFIXES = (".mp4", ".mov", ".mkv", ".webm", ".mpeg")

ctx = sidebar.context()
lang, settings = ctx.lang, ctx.settings
has_key = not form.needs_key(settings)
transcript_view.keep_work(RESULTS)
results: list = st.session_state.setdefault(RESULTS, [])
engines, found = form.engines(ctx)  # built-in, then today's listed models (gpt-transcribe first)
if st.session_state.get(kept("wh.engine")) not in engines:
    st.session_state.pop(kept("wh.engine"), None)  # a model the server no longer lists

st.title("🎙️ " + t("wh.title", lang))
st.markdown(t("wh.intro", lang))

left, right = st.columns([1, 1], gap="large")
with left:
    source = st.segmented_control(
        t("wh.source", lang),
        list(SOURCES),
        format_func=lambda s: t(SOURCES[s], lang),
        key=kept("wh.source", "sample"),
        required=True,
    )
    if source == "upload":
        upload = st.file_uploader(
            t("wh.upload", lang),
            type=list(tr.UPLOAD_TYPES),
            key="wh_upload",
            max_upload_size=tr.MAX_UPLOAD_MB,
        )
        if upload is not None:
            st.session_state[MEDIA] = (upload.name, upload.getvalue())
    elif source == "mic":
        recording = st.audio_input(t("wh.mic", lang), key="wh_mic")
        if recording is not None:
            st.session_state[MEDIA] = ("recording.wav", recording.getvalue())
    else:
        st.session_state[MEDIA] = (SAMPLE.name, SAMPLE.read_bytes())
    media = st.session_state.get(MEDIA)
    if media:
        st.caption(t("wh.media", lang, name=media[0], size=f"{len(media[1]) / 1e6:.1f} MB"))

with right:
    engine = st.selectbox(
        t("wh.engine", lang),
        engines,
        format_func=lambda e: form.engine_label(e, found, lang),
        key=kept("wh.engine"),
    )
    kind, model_name = engine.split(":", 1)
    if kind == "api" and not has_key:
        st.warning(t("wh.needs_key", lang), icon="🔑")
    if kind == "local":
        missing = local_whisper.available_models()[model_name]
        if missing:
            st.error(t("wh.model_missing", lang, model=model_name, detail=missing))
    pinned = st.multiselect(  # one widget for every engine: the built-in detects among these, the API gets it
        t("wh.languages", lang),
        languages.CHOICES,
        format_func=lambda code: t(languages.NAME_KEYS[code], lang),
        max_selections=languages.MAX_PINNED,
        placeholder=t("wh.language.auto", lang),
        help=t("wh.languages_help", lang),
        key=kept("wh.languages", []),
        disabled=model_name == "tiny.en",
    )
    choice = languages.LanguageChoice(("en",) if model_name == "tiny.en" else tuple(pinned))
    with st.expander(t("wh.options", lang)):
        per_segment = st.toggle(
            t("wh.per_segment", lang),
            key=kept("wh.per_segment", True),
            help=t("wh.per_segment_help", lang),
            disabled=kind != "local" or choice.single is not None,
        )
        task = st.radio(
            t("wh.task", lang),
            list(TASKS),
            format_func=lambda x: t(TASKS[x], lang),
            key=kept("wh.task"),
            horizontal=True,
        )
        prompt = st.text_input(
            t("wh.prompt", lang),
            key=kept("wh.prompt"),
            help=t("wh.prompt_help", lang),
            disabled=kind == "api" and not api_request.facts(model_name).prompt,
        )
        vad = st.toggle(t("wh.vad", lang), key=kept("wh.vad", True))
        words = st.toggle(t("wh.words", lang), key=kept("wh.words", True))
    if "ko" in choice.hints and engine == "local:base":
        st.caption(t("wh.korean_note", lang))
    api = form.ApiChoices()
    if kind == "api":
        api = form.api_panel(
            lang, model_name, choice=choice, prompt=prompt, task=task, duration=form.media_seconds(media)
        )
    run = st.button(
        t("wh.run", lang),
        type="primary",
        key="wh_run",
        disabled=not media or (kind == "api" and (not has_key or bool(api.speaker_error))),
    )

if run and media:
    name, data = media
    options = tr.Options(
        languages=choice,
        task=task,
        prompt=prompt,
        vad=vad,
        word_timestamps=words,
        per_segment_language=per_segment,
        keywords=api.keywords,
        speakers=api.speakers,
    )
    bar = st.progress(0.0)

    def report(step: tr.Step) -> None:
        bar.progress(min(max(step.fraction, 0.0), 1.0), text=transcript_view.step_text(step, lang))

    suffix = Path(name).suffix.lower() or ".bin"
    transcript = None
    with tempfile.NamedTemporaryFile(suffix=suffix) as tmp:
        tmp.write(data)
        tmp.flush()
        try:
            if kind == "local":
                bar.progress(0.0, text=transcript_view.step_text(tr.Step("loading", 0.0), lang, model_name))
                model = form.whisper_model(model_name)
                started = time.monotonic()
                transcript = tr.transcribe_local(
                    model, tmp.name, options, model_name=model_name, progress=report
                )
                form.record_speed(model_name, time.monotonic() - started, transcript.duration)
            else:
                # What is booked is what is sent: parts of a re-encoded file, known speakers' clips with each
                plan = tr.plan_api(tmp.name, speakers=options.speakers)
                outcome = paid.run(
                    ctx,
                    asked=plan.cost(),
                    call=lambda client: tr.transcribe_api(
                        client, tmp.name, options, model=model_name, progress=report, plan=plan
                    ),
                    used=lambda done: Amounts(requests=done.parts, audio_minutes=done.duration / 60),
                )
                transcript = outcome.value
                if transcript is not None and api.align and not transcript.has_timestamps:
                    transcript = form.time_locally(transcript, tmp.name, report, lang)
        except (tr.InvalidMedia, local_whisper.ModelUnavailable, api_request.SpeakerError) as exc:
            paid.show(user_message(exc, lang))
    if transcript is not None:  # None: it failed or a rule said no (and said why); the media stays chosen
        report(tr.Step("writing", 1.0, transcript.duration, transcript.duration))
        results.append((transcript, name, data if suffix in VIDEO_SUFFIXES else None))
        st.session_state[kept("wh.shown")] = len(results) - 1
    bar.empty()

transcript_view.render(lang, results)
