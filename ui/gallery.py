"""The session's gallery: each image with its model, parameters, prompts, time, cost and a download."""

from datetime import datetime

import streamlit as st

from lib import images
from lib.core.files import safe_filename
from lib.core.i18n import t
from lib.core.pricing import format_usd
from ui import persist

GALLERY = "img_gallery"  # list[GeneratedImage], newest last; survives errors, page visits and reloads
LAB_MODEL = "effect-lab"  # ui.effect_lab's images


def keep_work() -> None:
    """The gallery (generated images and the lab's kept results) survives a reload (``ui.persist``)."""
    persist.keep(
        GALLERY,
        encode=images.kept.gallery_to_json,
        decode=images.kept.gallery_from_json,
        what="keep.what.images",
    )


def render_gallery(lang: str, gallery: list[images.GeneratedImage]) -> None:
    """Newest first, three a row."""
    if not gallery:
        st.info(t("img.gallery_empty", lang))
        return
    newest_first = list(enumerate(gallery))[::-1]
    for start in range(0, len(newest_first), 3):
        for col, (index, image) in zip(st.columns(3), newest_first[start : start + 3], strict=False):
            with col.container(border=True):
                st.image(image.data)
                label = t(images.MODIFIERS_BY_ID[image.modifier].label_key, lang) if image.modifier else None
                meta = t(
                    "img.meta",
                    lang,
                    model=t("lab.model", lang) if image.model == LAB_MODEL else image.model,
                    size=image.params.get("size", "?"),
                    quality=image.params.get("quality", "?"),
                    seconds=f"{image.seconds:.1f}",
                    cost=format_usd(image.cost_usd)
                    if image.cost_usd is not None
                    else t("img.price_unknown", lang),
                )
                st.caption(
                    f"{datetime.fromtimestamp(image.created):%H:%M:%S} · {meta}"
                    + (f" · {label}" if label else "")
                    + (f" · ✏️ {t('img.edited', lang)}" if image.source is not None else "")
                )
                with st.expander(t("img.final_prompt", lang)):
                    st.code(image.prompt, language=None, wrap_lines=True)
                    if image.revised_prompt:
                        st.markdown(f"**{t('img.revised_prompt', lang)}**")
                        st.code(image.revised_prompt, language=None, wrap_lines=True)
                st.download_button(
                    t("img.download", lang),
                    data=images.as_png(image.data),
                    file_name=safe_filename(f"{index + 1:02d}_{image.model}_{image.prompt[:40]}", "png"),
                    mime="image/png",
                    key=f"img_download_{index}",
                    icon="⬇️",
                )
