"""The offline effect lab: each photo modifier applied to a photo as a real image operation (Pillow)."""

import hashlib
import time

import streamlit as st

from lib import images
from lib.core.files import safe_filename
from lib.core.i18n import t
from lib.images import effects as fx
from lib.images.sample_photo import sample_photo
from ui.gallery import LAB_MODEL
from ui.state import kept

PHOTO = "lab_photo"  # the last uploaded or captured photo (bytes), kept across errors and page visits


@st.cache_data(show_spinner=False, max_entries=2)
def _sample_png() -> bytes:
    return fx.to_png_bytes(sample_photo())


@st.cache_data(show_spinner=False, max_entries=16)
def _apply(effect_id: str, png: bytes, params: tuple[tuple[str, float], ...]) -> bytes:
    # Cached by the photo's bytes and the slider values: moving back to a value costs nothing.
    return fx.to_png_bytes(fx.apply(effect_id, fx.load_image(png), **dict(params)))


def _label(effect_id: str, lang: str) -> str:
    modifier = images.MODIFIERS_BY_ID.get(effect_id)
    return t(modifier.label_key, lang) if modifier else fx.EFFECTS[effect_id].modifier


_SOURCES = {
    "sample": "lab.source.sample",
    "upload": "lab.source.upload",
    "camera": "lab.source.camera",
    "gallery": "lab.source.gallery",
}


def _photo(lang: str, gallery: list[images.GeneratedImage]) -> bytes | None:
    source = st.segmented_control(
        t("lab.source", lang),
        list(_SOURCES),
        format_func=lambda s: t(_SOURCES[s], lang),
        key=kept("lab.source", "sample"),
        required=True,
    )
    if source == "sample":
        st.caption(t("lab.sample_note", lang))
        return _sample_png()
    if source == "gallery":
        if not gallery:
            st.info(t("lab.no_generated", lang))
            return None
        index = st.selectbox(
            t("lab.pick_generated", lang),
            range(len(gallery)),
            format_func=lambda i: f"{i + 1}. {gallery[i].prompt[:60]}",
            key="lab_gallery_index",
        )
        raw = gallery[index].data
    else:
        widget = (
            st.file_uploader(
                t("lab.upload", lang),
                type=["png", "jpg", "jpeg", "webp"],
                key="lab_upload",
                max_upload_size=fx.MAX_BYTES // 2**20,
            )
            if source == "upload"
            else st.camera_input(t("lab.camera", lang), key="lab_camera")
        )
        if widget is not None:
            _take(widget.getvalue(), lang)
        raw = st.session_state.get(PHOTO)
        if raw is None:
            return None
    try:
        # 1280 px keeps every effect well under a second on a 2-core laptop (fisheye: ~0.5 s at 2048 px).
        return fx.to_png_bytes(fx.fit(fx.load_image(raw), max_side=1280))
    except fx.InvalidImage as exc:
        st.error(t(exc.reason_key, lang, **exc.params), icon="⚠️")
        return None


def _take(data: bytes, lang: str) -> None:
    """A new upload or capture becomes the lab's photo only if it opens; a refused one says why (with the
    limit and its size when too large) and the previous photo, with its before and after, stays."""
    if data == st.session_state.get(PHOTO):
        return
    try:
        fx.load_image(data)
    except fx.InvalidImage as exc:
        kept_note = " " + t("lab.kept_previous", lang) if st.session_state.get(PHOTO) else ""
        st.error(t(exc.reason_key, lang, **exc.params) + kept_note, icon="⚠️")
    else:
        st.session_state[PHOTO] = data


def render(lang: str, gallery: list[images.GeneratedImage]) -> tuple[bytes, str, bytes] | None:
    """Source photo, effect and its sliders, then before/after side by side and a download; returns the
    photo, the effect and its simulation (for the model's edit of the same photo), or None without a photo."""
    st.info(t("lab.simulation", lang), icon="🧪")
    controls, view = st.columns([1, 2], gap="large")
    with controls:
        photo = _photo(lang, gallery)
        effect_id = st.selectbox(
            t("lab.effect", lang),
            list(fx.EFFECTS),
            format_func=lambda e: _label(e, lang),
            key=kept("lab.effect"),
        )
        modifier = images.MODIFIERS_BY_ID.get(effect_id)
        if modifier:
            st.caption(f"{t(modifier.explain_key, lang)} · {t('img.adds', lang)} `{modifier.phrase}`")
        effect = fx.EFFECTS[effect_id]
        values = {}
        for param in effect.params:
            kind = int if param.is_integer else float
            values[param.name] = st.slider(
                t(images.PARAM_LABEL_KEYS[param.name], lang),
                min_value=kind(param.min),
                max_value=kind(param.max),
                step=kind(param.step),
                key=kept(f"lab.{effect_id}.{param.name}", kind(param.default)),
            )
    if photo is None:
        return None
    result = _apply(effect_id, photo, tuple(sorted(values.items())))
    with view:
        before, after = st.columns(2)
        before.image(photo, caption=t("lab.before", lang))
        after.image(result, caption=t("lab.after", lang, effect=_label(effect_id, lang)))
        digest = hashlib.sha256(photo).hexdigest()[:8]
        download, keep = st.columns(2)
        download.download_button(
            t("lab.download", lang),
            data=result,
            file_name=safe_filename(f"{effect_id}_{digest}", "png"),
            mime="image/png",
            key="lab_download",
            icon="⬇️",
        )
        keep.button(
            t("lab.keep", lang),
            key="lab_keep",
            icon="🖼️",
            on_click=_keep,
            args=(gallery, result, effect_id, values, lang),
        )
    return photo, effect_id, result


def _keep(
    gallery: list[images.GeneratedImage], result: bytes, effect_id: str, values: dict, lang: str
) -> None:
    # The lab's result joins the gallery like a generated image (model "effect-lab", free), so it is kept
    # across a reload with the rest of the gallery and can be picked as a source photo again.
    image = fx.load_image(result)
    modifier = images.MODIFIERS_BY_ID.get(effect_id)
    gallery.append(
        images.GeneratedImage(
            data=result,
            format="png",
            model=LAB_MODEL,
            params={"size": f"{image.width}x{image.height}", "quality": "—", **values},
            prompt=modifier.phrase if modifier else effect_id,
            revised_prompt=None,
            created=time.time(),
            seconds=0.0,
            cost_usd=0.0,
            modifier=effect_id if modifier else None,
        )
    )
    st.toast(t("lab.kept", lang), icon="🖼️")
