"""The Whisper page's engine choice and the API model's own options: today's listed models (gpt-transcribe
first where listed), what each answers in, keywords, known speakers for the diarize model, and "time it on
this computer" for a model that gives text only (its time estimated before anything runs)."""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

import streamlit as st

from lib.audio import align, api_request, local_whisper, subtitles
from lib.audio import transcription as tr
from lib.audio.languages import LanguageChoice, clock
from lib.core.catalogue import Catalogue
from lib.core.i18n import Lang, t
from lib.core.settings import ProviderKind, Settings
from lib.messages import user_message
from ui import paid
from ui.state import kept

LOCAL_ENGINES = {  # engine -> its label's i18n key
    "local:base": "wh.engine.local:base",
    "local:tiny.en": "wh.engine.local:tiny.en",
}
# Without a model list (no key yet, Azure deployments, a server that does not list): the spec's models, the
# recommended one first; a compatible server most often answers to whisper-1's name.
OPENAI_MODELS = (
    "gpt-transcribe",
    "whisper-1",
    "gpt-4o-transcribe",
    "gpt-4o-mini-transcribe",
    "gpt-4o-transcribe-diarize",
)
GIVES = {"timestamps": "wh.gives.timestamps", "speakers": "wh.gives.speakers", "text": "wh.gives.text"}
LEFT_OUT = {
    "prompt": "wh.left_out.prompt",
    "keywords": "wh.left_out.keywords",
    "keywords_in_prompt": "wh.left_out.keywords_in_prompt",
    "languages": "wh.left_out.languages",
    "speakers": "wh.left_out.speakers",
}
TIMING_MODEL = "base"


@st.cache_resource(show_spinner=False, max_entries=2)
def whisper_model(name: str):
    """One loaded model per process, shared by every session (loading base takes ~1 s and ~300 MB)."""
    return local_whisper.load(name)


@st.cache_resource(show_spinner=False)
def _speeds() -> dict[str, float]:
    return {}  # built-in model -> seconds of work per second of media, as last measured on this computer


def record_speed(model: str, seconds: float, duration: float) -> None:
    """Remember how fast a built-in model ran here, for the next estimate."""
    if duration > 1 and seconds > 0:
        _speeds()[model] = seconds / duration


def engines(ctx) -> tuple[list[str], Catalogue | None]:
    """The engines to offer: the built-in ones, then the API's transcription models (today's default
    first), and the catalogue they came from (None when the server gave no list)."""
    found, _ = paid.catalogue(ctx)
    listed = found.ids("transcription") if found is not None else []
    if not listed:
        compatible = ctx.settings.provider is ProviderKind.COMPATIBLE
        listed = (
            ["whisper-1", *(m for m in OPENAI_MODELS if m != "whisper-1")] if compatible else OPENAI_MODELS
        )
    return [*LOCAL_ENGINES, *(f"api:{m}" for m in listed)], found


def gives(model: str) -> str:
    """What the model's answer can make: "timestamps", "speakers" or "text"."""
    family = api_request.facts(model)
    return "speakers" if family.diarization else "timestamps" if family.timestamps else "text"


def engine_label(engine: str, found: Catalogue | None, lang: Lang) -> str:
    """ "OpenAI gpt-transcribe · text only", with the shutdown date where the server announced one."""
    kind, model = engine.split(":", 1)
    if kind == "local":
        return t(LOCAL_ENGINES[engine], lang)
    return t(
        "wh.engine.api", lang, model=paid.model_label(model, found, lang), gives=t(GIVES[gives(model)], lang)
    )


def media_seconds(media: tuple[str, bytes] | None) -> float:
    """The length of the chosen sound (0 when it cannot be read), probed once per file."""
    if not media:
        return 0.0
    name, data = media
    cache = st.session_state.setdefault("wh_lengths", {})
    key = (name, len(data), hash(data[:4096]))
    if key not in cache:
        with tempfile.NamedTemporaryFile(suffix=Path(name).suffix or ".bin") as tmp:
            tmp.write(data)
            tmp.flush()
            try:
                cache[key] = tr.probe_media(tmp.name).duration
            except tr.InvalidMedia:
                cache[key] = 0.0
    return cache[key]


@dataclass(frozen=True)
class ApiChoices:
    """What the API panel adds to the options: keywords, known speakers, and whether to time the text here."""

    keywords: tuple[str, ...] = ()
    speakers: tuple[api_request.KnownSpeaker, ...] = ()
    align: bool = False
    speaker_error: str = ""


def _speakers(lang: Lang) -> tuple[tuple[api_request.KnownSpeaker, ...], str]:
    columns = {"name": "wh.col.name", "from": "wh.col.from", "to": "wh.col.to"}
    rows = st.data_editor(
        [{"name": "", "from": "", "to": ""}],
        key="wh_speakers",
        num_rows="dynamic",
        width="stretch",
        column_config={c: st.column_config.TextColumn(t(k, lang)) for c, k in columns.items()},
    )
    speakers = []
    for number, row in enumerate(rows, start=1):
        name, start, end = (str(row.get(c) or "").strip() for c in ("name", "from", "to"))
        if not (name or start or end):
            continue
        try:
            a, b = subtitles.parse_timestamp(start) / 1000, subtitles.parse_timestamp(end) / 1000
        except ValueError:
            return (), t("wh.speakers.time", lang, row=number)
        speakers.append(api_request.KnownSpeaker(name, a, b))
    return tuple(speakers), ""


def api_panel(
    lang: Lang, model: str, *, choice: LanguageChoice, prompt: str, task: str, duration: float
) -> ApiChoices:
    """The chosen API model's options and what its answer can and cannot make, said before it runs."""
    family = api_request.facts(model)
    st.caption(t("wh.formats", lang, formats=", ".join(family.formats), format=family.response_format))
    keywords = api_request.keywords_from(
        st.text_input(t("wh.keywords", lang), key=kept("wh.keywords"), help=t("wh.keywords_help", lang))
    )
    speakers: tuple[api_request.KnownSpeaker, ...] = ()
    error = ""
    if family.diarization:
        st.markdown(f"**{t('wh.speakers', lang)}**", help=t("wh.speakers_help", lang))
        speakers, error = _speakers(lang)
        if error:
            st.error(error, icon="✏️")
    left = api_request.left_out(model, languages=choice, keywords=keywords, prompt=prompt, speakers=speakers)
    for reason in left:
        st.caption("ℹ️ " + t(LEFT_OUT[reason], lang))
    timing = False
    if gives(model) == "text":
        missing = local_whisper.available_models()[TIMING_MODEL]
        if missing:
            st.info(t("wh.no_subs.no_local", lang, detail=missing), icon="ℹ️")
        elif task == "translate":
            st.info(t("wh.no_subs.translate", lang), icon="ℹ️")
        else:
            timing = st.toggle(t("wh.align", lang), key=kept("wh.align", True), help=t("wh.align_help", lang))
            if timing:
                seconds = align.estimate_seconds(duration, real_time_factor=_speeds().get(TIMING_MODEL))
                estimate, length = clock(seconds), clock(duration)
                st.caption("⏱️ " + t("wh.align_estimate", lang, estimate=estimate, duration=length))
            else:
                st.info(t("wh.text_only", lang), icon="ℹ️")
    return ApiChoices(keywords, speakers, timing, error)


def time_locally(transcript: tr.Transcript, path: str, report, lang: Lang) -> tr.Transcript:
    """The API's text timed by the built-in Whisper on this computer (``lib.audio.align``); on failure the
    text alone, with the reason shown."""
    language = transcript.language
    choice = LanguageChoice((language,)) if language else LanguageChoice(transcript.allowed)

    def timing(step: tr.Step) -> None:
        report(replace(step, stage="timing") if step.stage == "transcribing" else step)

    try:
        model = whisper_model(TIMING_MODEL)
        started = time.monotonic()
        local = tr.transcribe_local(
            model, path, tr.Options(languages=choice), model_name=TIMING_MODEL, progress=timing
        )
        record_speed(TIMING_MODEL, time.monotonic() - started, local.duration)
    except (tr.InvalidMedia, local_whisper.ModelUnavailable) as exc:
        st.warning(t("wh.timing_failed", lang, reason=user_message(exc, lang).text), icon="⏱️")
        return transcript
    return align.timed(transcript, local)


def needs_key(settings: Settings) -> bool:
    """Whether the API engines still need a key or an address (the built-in provider has none)."""
    return settings.provider is ProviderKind.BUILTIN or not settings.ready
