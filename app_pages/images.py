"""Images page: photo-style modifiers -> the exact prompt -> today's GPT image model (DALL-E where still
listed); gallery; effect lab with the model's edit of the same photo beside the simulation."""

import streamlit as st

from lib import images
from lib.core.amounts import Amounts
from lib.core.i18n import t
from lib.core.pricing import format_usd, image_cost_usd
from lib.core.settings import ProviderKind
from ui import effect_lab, image_form, paid, photo_edit, sidebar
from ui.gallery import GALLERY, keep_work, render_gallery
from ui.state import kept

ctx = sidebar.context()
lang, settings = ctx.lang, ctx.settings
can_generate = settings.provider is not ProviderKind.BUILTIN and settings.ready
keep_work()
gallery: list[images.GeneratedImage] = st.session_state.setdefault(GALLERY, [])
# Today's image models from the server's list (those the app has request rules for); offline, the rule table.
found, _ = paid.catalogue(ctx)
listed = [m for m in found.ids("images") if images.rules_for(m)] if found is not None else []
image_models = listed or [images.DEFAULT_MODEL, *(m for m in images.MODELS if m != images.DEFAULT_MODEL)]
if st.session_state.get(kept("img.model")) not in image_models:
    st.session_state.pop(kept("img.model"), None)  # a model the server no longer lists: take today's default

st.title("🖼️ " + t("img.title", lang))
st.markdown(t("img.intro", lang))
tab_generate, tab_lab, tab_gallery = st.tabs(
    [t("img.tab.generate", lang), t("img.tab.lab", lang), t("img.tab.gallery", lang, n=len(gallery))]
)

with tab_generate:
    if not can_generate:
        st.info(t("img.needs_key", lang), icon="🔑")
    form_col, prompt_col = st.columns([3, 2], gap="large")
    with form_col:
        model = st.selectbox(
            t("img.model", lang),
            image_models,
            format_func=lambda m: paid.model_label(m, found, lang),
            key=kept("img.model", image_models[0]),
        )
        rules = images.rules_for(model)
        st.caption("🕰️ " + t("cat.history.dall-e", lang))
        base = st.text_area(
            t("img.prompt", lang), key=kept("img.prompt"), placeholder=t("img.prompt_placeholder", lang)
        )
        st.markdown(f"**{t('img.modifiers', lang)}**")
        chosen: list[str] = []
        for group in images.GROUPS:
            options = [m.id for m in images.MODIFIERS if m.group == group]
            picked = st.pills(
                t(images.GROUP_LABEL_KEYS[group], lang),
                options,
                selection_mode="multi",
                format_func=lambda mid: t(images.MODIFIERS_BY_ID[mid].label_key, lang),
                key=kept(f"img.mod.{group}"),
            )
            chosen += picked or []
        for mid in chosen:
            mod = images.MODIFIERS_BY_ID[mid]
            label, explain = t(mod.label_key, lang), t(mod.explain_key, lang)
            st.caption(f"**{label}**: {explain} · {t('img.adds', lang)} `{mod.phrase}`")
        free = st.text_input(
            t("img.free", lang), key=kept("img.free"), placeholder=t("img.free_placeholder", lang)
        )

        chosen_options = image_form.options(lang, model, rules)
        size, quality, n = (chosen_options[k] for k in ("size", "quality", "n"))
        grid = st.toggle(
            t("img.grid", lang), key=kept("img.grid"), help=t("img.grid_help", lang), disabled=not chosen
        )

    final_prompt = images.compose_prompt(base, chosen, free)
    with prompt_col:
        st.markdown(f"**{t('img.final_prompt', lang)}**")
        st.code(final_prompt or "…", language=None, wrap_lines=True)
        over = len(final_prompt) > rules.max_prompt
        st.caption(
            ("⚠️ " if over else "") + t("img.prompt_count", lang, n=len(final_prompt), limit=rules.max_prompt)
        )

    prompts = images.grid_prompts(base, chosen, free) if grid and chosen else [(None, final_prompt)]
    each = image_cost_usd(model, size=size, quality=quality)
    total = each * n * len(prompts) if each is not None else None
    cost_text = format_usd(total) if total is not None else t("img.price_unknown", lang)
    st.caption(t("img.estimate", lang, requests=len(prompts), images=n * len(prompts), cost=cost_text))
    confirmed = True
    if len(prompts) > 1:
        confirmed = st.checkbox(
            t("img.confirm", lang, requests=len(prompts), cost=cost_text), key="img_confirm"
        )
    clicked = st.button(
        t("img.generate", lang), type="primary", disabled=not (can_generate and confirmed), key="img_generate"
    )

    requests = []
    if clicked:
        try:  # every request of the batch is checked against the model's rules before anything is sent
            requests = [
                (
                    modifier,
                    images.build_request(model=model, prompt=prompt, **chosen_options),
                )
                for modifier, prompt in prompts
            ]
        except images.RequestRuleError as exc:
            st.error(t(exc.key, lang, **exc.values), icon="✋")
    if requests:
        first_new = len(gallery)
        progress = st.progress(0.0)

        def make(client) -> int:
            # Each image joins the gallery as it comes, so a grid that fails half-way keeps what it made.
            for i, (modifier, request) in enumerate(requests, start=1):
                progress.progress(
                    (i - 1) / len(requests), text=t("img.generating", lang, i=i, total=len(requests))
                )
                gallery.extend(images.generate(client, request, modifier=modifier, grid=len(requests) > 1))
            return len(gallery) - first_new

        # The typed words are checked in safe mode; the whole batch is booked and settled with what came back.
        asked = images.plan_cost([r for _, r in requests])
        outcome = paid.run(
            ctx,
            asked=asked,
            call=make,
            moderate=[images.compose_prompt(base, (), free)],
            used=lambda made: Amounts(requests=asked.requests, images=made),
        )
        progress.empty()
        if len(gallery) > first_new:
            st.session_state["img_last"] = (first_new, len(gallery))
            if outcome.ok:
                st.rerun()  # refresh the gallery count in the tab title; an error must stay visible instead
    lo, hi = st.session_state.get("img_last", (0, 0))
    last = gallery[lo:hi]
    if last:
        columns = st.columns(min(len(last), 3))
        for index, image in enumerate(last):
            with columns[index % len(columns)]:
                mod = images.MODIFIERS_BY_ID.get(image.modifier or "")
                label = t(mod.label_key, lang) if mod else t("img.no_modifier", lang)
                st.image(image.data, caption=label if image.grid else None)
                if image.revised_prompt:
                    st.caption(f"**{t('img.revised_prompt', lang)}:** {image.revised_prompt}")

with tab_lab:
    lab = effect_lab.render(lang, gallery)
    if lab is not None:  # the same photo and modifier, edited by the real model, beside the simulation
        photo, effect_id, simulated = lab
        photo_edit.render(
            ctx,
            model=model,
            photo=photo,
            effect_id=effect_id,
            simulated=simulated,
            gallery=gallery,
            can_edit=can_generate,
        )

with tab_gallery:
    render_gallery(lang, gallery)
