"""Edit my photo: the effect lab's photo and modifier sent to the real model (``/v1/images/edits``), its
result beside the offline simulation of the same modifier, with an optional mask."""

from __future__ import annotations

import contextlib
import hashlib
import io

import streamlit as st

from lib import images
from lib.core.amounts import Amounts
from lib.core.i18n import t
from lib.core.pricing import format_usd, image_cost_usd
from ui import image_form, paid, sidebar
from ui.image_form import size_picker
from ui.state import kept

LAST = "edit_last"  # the last edit: {"of": (photo digest, effect), "image": bytes, "model": str}
_MASKS = {
    "none": "edit.mask.none",
    "keep_centre": "edit.mask.keep_centre",
    "edit_centre": "edit.mask.edit_centre",
    "upload": "edit.mask.upload",
}


def _digest(photo: bytes) -> str:
    return hashlib.sha256(photo).hexdigest()[:16]


def _mask(lang: str, photo: bytes) -> bytes | None:
    choice = st.segmented_control(
        t("edit.mask", lang),
        list(_MASKS),
        format_func=lambda m: t(_MASKS[m], lang),
        key=kept("edit.mask", "none"),
        required=True,
    )
    if choice == "none":
        return None
    if choice == "upload":
        upload = st.file_uploader(t("edit.mask_upload", lang), type=["png"], key="edit_mask_upload")
        return upload.getvalue() if upload is not None else None
    return images.make_mask(photo, choice)


def _default_size(photo: bytes) -> str:
    from PIL import Image

    with Image.open(io.BytesIO(photo)) as img:
        return images.size_like(*img.size)  # keep the photo's framing


def render(
    ctx: sidebar.Context,
    *,
    model: str,
    photo: bytes,
    effect_id: str,
    simulated: bytes,
    gallery: list[images.GeneratedImage],
    can_edit: bool,
) -> None:
    """The edit's options, its exact prompt and cost, the button, then before | simulation | model."""
    lang = ctx.lang
    rules = images.rules_for(model)
    st.subheader(t("edit.title", lang))
    st.caption(t("edit.intro", lang, model=model))
    if rules is None or not rules.edits:
        st.info(t("img.rule.edit.model", lang, model=model), icon="✋")
        return
    if not can_edit:
        st.info(t("edit.needs_key", lang), icon="🔑")
    controls, preview = st.columns([1, 1], gap="large")
    with controls:
        # The size follows the photo's shape (gpt-image-2) until the teacher picks another one.
        if rules.custom_sizes:
            st.session_state.setdefault(kept(f"edit.size.{model}"), images.CUSTOM)
            st.session_state.setdefault(kept(f"edit.custom.{model}"), _default_size(photo))
        size = size_picker(lang, model, rules, st, prefix="edit")
        quality = st.selectbox(
            t("img.quality", lang),
            rules.qualities,
            format_func=lambda v: image_form.value_label(v, lang),
            key=kept(f"edit.quality.{model}"),
        )
        mask = _mask(lang, photo)
        prompt = images.edit_prompt(effect_id)
        st.markdown(f"**{t('edit.prompt', lang)}**")
        st.code(prompt, language=None, wrap_lines=True)
        each = image_cost_usd(model, size=size, quality=quality)
        cost = format_usd(each) if each is not None else t("img.price_unknown", lang)
        st.caption(t("edit.estimate", lang, cost=cost))
        clicked = st.button(
            t("edit.go", lang, model=model), type="primary", disabled=not can_edit, key="edit_go", icon="✏️"
        )
    if mask is not None:
        # An unreadable upload shows no preview: build_edit names the rule when the button is pressed.
        with contextlib.suppress(OSError, ValueError):
            preview.image(images.mask_preview(photo, mask), caption=t("edit.mask_caption", lang))
    if clicked:
        try:
            request = images.build_edit(
                model=model, prompt=prompt, image=photo, mask=mask, size=size, quality=quality
            )
        except images.RequestRuleError as exc:
            st.error(t(exc.key, lang, **exc.values), icon="✋")
        else:
            with st.spinner(t("edit.running", lang)):
                outcome = paid.run(
                    ctx,
                    asked=images.plan_cost([request]),  # an edit counts as an image in class budgets
                    call=lambda client: images.edit(client, request, modifier=effect_id),
                    used=lambda made: Amounts(requests=1, images=len(made)),
                )
            if outcome.ok and outcome.value:
                gallery.extend(outcome.value)
                st.session_state[LAST] = {
                    "of": (_digest(photo), effect_id),
                    "image": outcome.value[0].data,
                    "model": model,
                }
    last = st.session_state.get(LAST)
    if last and last["of"] == (_digest(photo), effect_id):
        before, sim, real = st.columns(3)
        # Same width each, whatever size each came back in, so the three compare at a glance.
        before.image(photo, caption=t("edit.before", lang), width="stretch")
        sim.image(simulated, caption=t("edit.simulated", lang), width="stretch")
        real.image(last["image"], caption=t("edit.model_result", lang, model=last["model"]), width="stretch")
