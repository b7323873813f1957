"""Whisper page: audio/video -> text and SRT/VTT subtitles, with the built-in Whisper or the API."""

import hashlib
import tempfile
from pathlib import Path

import openai
import streamlit as st

from lib import local_whisper, subtitles
from lib import transcription as tr
from lib.classroom import Amounts, ClassroomStop
from lib.errors import user_message
from lib.files import safe_filename
from lib.i18n import t
from lib.settings import ProviderKind
from ui import classroom, sidebar
from ui.clients import client_for
from ui.state import kept

MEDIA = "wh_media"  # (name, bytes) of the chosen sound; survives errors and page visits
RESULTS = "wh_results"  # list of (Transcript, media name, media bytes or None for audio-only), newest last
SAMPLE = Path(__file__).resolve().parents[1] / "assets" / "jfk.flac"
ENGINES = (
    "local:base",
    "local:tiny.en",
    "api:whisper-1",
    "api:gpt-4o-transcribe",
    "api:gpt-4o-mini-transcribe",
)
LANGUAGES = ("", "ko", "en", "ja", "zh", "es", "fr", "de")
VIDEO_SUFFIXES = (".mp4", ".mov", ".mkv", ".webm", ".mpeg")

ctx = sidebar.context()
lang, settings = ctx.lang, ctx.settings
has_key = settings.provider is not ProviderKind.BUILTIN and settings.ready
results: list = st.session_state.setdefault(RESULTS, [])


@st.cache_resource(show_spinner=False, max_entries=2)
def whisper_model(name: str):
    """One loaded model per process, shared by every session (loading base takes ~1 s and ~300 MB)."""
    return local_whisper.load(name)


st.title("🎙️ " + t("wh.title", lang))
st.markdown(t("wh.intro", lang))

left, right = st.columns([1, 1], gap="large")
with left:
    source = st.segmented_control(
        t("wh.source", lang),
        ["upload", "mic", "sample"],
        format_func=lambda s: t(f"wh.source.{s}", lang),
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
        t("wh.engine", lang), ENGINES, format_func=lambda e: t(f"wh.engine.{e}", lang), key=kept("wh.engine")
    )
    kind, model_name = engine.split(":", 1)
    if kind == "api" and not has_key:
        st.warning(t("wh.needs_key", lang), icon="🔑")
    if kind == "api" and not tr.API_MODELS[model_name]:
        st.info(t("wh.text_only", lang), icon="ℹ️")
    if kind == "local":
        missing = local_whisper.available_models()[model_name]
        if missing:
            st.error(t("wh.model_missing", lang, model=model_name, detail=missing))
    with st.expander(t("wh.options", lang)):
        language = st.selectbox(
            t("wh.language", lang),
            LANGUAGES,
            format_func=lambda code: code or t("wh.language.auto", lang),
            key=kept("wh.language"),
            disabled=model_name == "tiny.en",
        )
        task = st.radio(
            t("wh.task", lang),
            ["transcribe", "translate"],
            format_func=lambda x: t(f"wh.task.{x}", lang),
            key=kept("wh.task"),
            horizontal=True,
        )
        prompt = st.text_input(t("wh.prompt", lang), key=kept("wh.prompt"), help=t("wh.prompt_help", lang))
        vad = st.toggle(t("wh.vad", lang), key=kept("wh.vad", True))
        words = st.toggle(t("wh.words", lang), key=kept("wh.words", True))
    if language == "ko" and engine == "local:base":
        st.caption(t("wh.korean_note", lang))
    run = st.button(
        t("wh.run", lang), type="primary", key="wh_run", disabled=not media or (kind == "api" and not has_key)
    )

if run and media:
    name, data = media
    options = tr.Options(
        language=(language or None) if model_name != "tiny.en" else "en",
        task=task,
        prompt=prompt,
        vad=vad,
        word_timestamps=words,
    )
    bar = st.progress(0.0)

    def report(fraction: float, where: str) -> None:
        bar.progress(min(max(fraction, 0.0), 1.0), text=t("wh.working", lang, where=where))

    suffix = Path(name).suffix.lower() or ".bin"
    with tempfile.NamedTemporaryFile(suffix=suffix) as tmp:
        tmp.write(data)
        tmp.flush()
        try:
            if kind == "local":
                with st.spinner(t("wh.loading", lang, model=model_name)):
                    model = whisper_model(model_name)
                transcript = tr.transcribe_local(
                    model, tmp.name, options, model_name=model_name, progress=report
                )
            else:
                transcript = None
                info = tr.probe_media(tmp.name)
                parts = 1 + len(data) // tr.PART_LIMIT_BYTES
                asked = Amounts(requests=parts, audio_minutes=info.duration / 60)
                admitted = classroom.admit(settings, lang, client_for(settings), asked)
                if admitted is not None:
                    try:
                        transcript = tr.transcribe_api(
                            admitted.client, tmp.name, options, model=model_name, progress=report
                        )
                    except BaseException:
                        admitted.refund()
                        raise
                    admitted.settle(
                        Amounts(requests=transcript.parts, audio_minutes=transcript.duration / 60)
                    )
        except tr.InvalidMedia as exc:
            st.error(t(exc.key, lang), icon="⚠️")
        except local_whisper.ModelUnavailable as exc:
            st.error(t("wh.model_missing", lang, model=exc.model, detail=exc.detail), icon="⚠️")
        except (openai.OpenAIError, ClassroomStop) as exc:
            message = user_message(exc, lang, secrets=[settings.api_key])
            if message.kind == "auth":
                sidebar.record_failure(settings, message.text)
            st.error(message.text, icon="⚠️")
        else:
            if transcript is not None:  # None: a classroom rule said no (and why); the media stays chosen
                is_video = suffix in VIDEO_SUFFIXES
                results.append((transcript, name, data if is_video else None))
                st.session_state[kept("wh.shown")] = len(results) - 1
    bar.empty()

if results:
    st.divider()
    shown_key = kept("wh.shown", len(results) - 1)
    if st.session_state[shown_key] >= len(results):
        st.session_state[shown_key] = len(results) - 1
    shown = st.session_state[shown_key]
    if len(results) > 1:
        shown = st.selectbox(
            t("wh.history", lang),
            range(len(results)),
            format_func=lambda i: f"{i + 1}. {results[i][1]} · {results[i][0].engine}",
            key=shown_key,
        )
    transcript, name, video = results[shown]
    st.subheader(t("wh.result", lang))
    language_text = (
        t("wh.lang_prob", lang, language=transcript.language, prob=transcript.language_probability)
        if transcript.language_probability is not None
        else (transcript.language or "?")
    )
    meta = t(
        "wh.meta",
        lang,
        engine=transcript.engine,
        duration=tr.position_label(0, transcript.duration).split(" / ")[1],
        language=language_text,
    )
    if transcript.parts > 1:
        meta += " · " + t("wh.parts", lang, n=transcript.parts)
    st.caption(meta)
    if transcript.is_empty:
        st.info(t("wh.no_speech", lang), icon="🔇")
    else:
        st.text_area(t("wh.text", lang), transcript.text, height=120, key=f"wh_text_{shown}", disabled=True)
        stem = safe_filename(Path(name).stem, "txt")[:-4]
        if not transcript.has_timestamps:
            st.info(t("wh.text_only", lang), icon="ℹ️")
            st.download_button(
                t("wh.download.txt", lang), subtitles.to_txt(transcript.segments), f"{stem}.txt", "text/plain"
            )
        else:
            with st.expander(t("wh.rules", lang)):
                c1, c2, c3, c4, c5 = st.columns(5)
                rules = subtitles.CueRules(
                    max_line_chars=int(
                        c1.number_input(t("wh.rule.max_line_chars", lang), 10, 80, key=kept("wh.r.chars", 42))
                    ),
                    max_lines=int(
                        c2.number_input(t("wh.rule.max_lines", lang), 1, 3, key=kept("wh.r.lines", 2))
                    ),
                    max_gap=c3.number_input(
                        t("wh.rule.max_gap", lang), 0.1, 5.0, step=0.1, key=kept("wh.r.gap", 1.0)
                    ),
                    min_duration=c4.number_input(
                        t("wh.rule.min_duration", lang), 0.1, 3.0, step=0.1, key=kept("wh.r.min", 0.8)
                    ),
                    max_duration=c5.number_input(
                        t("wh.rule.max_duration", lang), 1.0, 15.0, step=0.5, key=kept("wh.r.max", 7.0)
                    ),
                )
            cues = subtitles.build_cues(transcript.segments, rules)
            table = subtitles.cues_to_table(cues)
            labels = {c: t(f"wh.col.{c}", lang) for c in subtitles.TABLE_COLUMNS}
            st.markdown(f"**{t('wh.cues', lang, n=len(cues))}**")
            digest = hashlib.sha256(repr((shown, rules)).encode()).hexdigest()[:8]
            edited = st.data_editor(
                table,
                key=f"wh_table_{digest}",
                num_rows="dynamic",
                width="stretch",
                column_config={c: st.column_config.TextColumn(labels[c]) for c in subtitles.TABLE_COLUMNS},
            )
            try:
                cues = subtitles.cues_from_table(edited)
            except subtitles.CueTableError as exc:
                st.error(
                    t(
                        "wh.table_error",
                        lang,
                        row=exc.row,
                        column=labels.get(exc.column, exc.column),
                        message=str(exc),
                    ),
                    icon="✏️",
                )
            issues = subtitles.qa(cues, rules)
            if issues:
                with st.expander(t("wh.qa", lang, n=len(issues)), icon="🔎"):
                    for issue in issues:
                        st.markdown(
                            "- "
                            + t("wh.qa_item", lang, index=issue.cue_index, message=t(issue.message_key, lang))
                        )
            else:
                st.caption("✅ " + t("wh.qa_ok", lang))
            srt, vtt = subtitles.to_srt(cues), subtitles.to_vtt(cues)
            d1, d2, d3 = st.columns(3)
            d1.download_button(
                t("wh.download.srt", lang), srt, f"{stem}.srt", "application/x-subrip", key="wh_srt"
            )
            d2.download_button(t("wh.download.vtt", lang), vtt, f"{stem}.vtt", "text/vtt", key="wh_vtt")
            d3.download_button(
                t("wh.download.txt", lang),
                subtitles.to_txt(transcript.segments),
                f"{stem}.txt",
                "text/plain",
                key="wh_txt",
            )
            if video is not None:
                st.markdown(f"**{t('wh.preview', lang)}**")
                st.video(video, subtitles={transcript.language or "text": vtt})
