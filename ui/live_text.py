"""A live, debounced, multi-line text area (st.components.v2): Python sees the text while the user types.

Streamlit's own ``st.text_area`` only reports on blur or Ctrl+Enter. This component sends the text 250 ms
after the last keystroke (and on blur). Its widget state is dropped when the user visits another page, so the
text is mirrored in a plain session-state key and handed back on the next mount. ``set_live_text``
replaces the text from Python (sample buttons) by bumping a version the JavaScript applies once, so ordinary
reruns never move the caret.

Two optional extras, both drawn in the browser: an *add-on* (an ES module from the app's static folder that
draws something from the text on every keystroke, e.g. the Tokenizer's token view; it reports whether it
loaded as the state ``engine``) and a *copy link* button that copies a link to the page with the text as
typed.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

COMPONENT_NAME = "playground.live_text_area"  # must be unique across the app

CSS = """
:host { display: block; }
.lt-input {
  box-sizing: border-box;
  width: 100%;
  min-height: 2.5rem;
  resize: vertical;
  margin: 0;
  padding: 0.5rem 0.75rem;
  font-family: var(--st-font);
  font-size: var(--st-base-font-size, 1rem);
  line-height: 1.6;
  color: var(--st-text-color);
  background-color: var(--st-secondary-background-color);
  border: 1px solid var(--st-widget-border-color, transparent);
  border-radius: var(--st-base-radius, 0.5rem);
  outline: none;
  transition: border-color 150ms;
}
.lt-input::placeholder { color: var(--st-text-color); opacity: 0.55; }
.lt-input:focus { border-color: var(--st-primary-color); }
.lt-link { display: flex; gap: 0.5rem; align-items: center; margin-top: 0.35rem; font-size: 0.85rem; }
.lt-link button {
  font: inherit; cursor: pointer; padding: 0.2rem 0.6rem; color: var(--st-text-color);
  background: transparent; border: 1px solid var(--st-widget-border-color, #ccc);
  border-radius: var(--st-base-radius, 0.5rem);
}
.lt-link button:hover { border-color: var(--st-primary-color); color: var(--st-primary-color); }
.lt-link span { opacity: 0.7; }
"""

JS = """
export default function (component) {
  const { parentElement, data, setStateValue } = component;
  const d = data ?? {};
  const debounceMs = Number.isFinite(d.debounce_ms) ? d.debounce_ms : 250;

  // The function runs on mount AND again whenever `data` (or the theme)
  // changes, with the SAME parentElement (shadow root).  Reuse the DOM.
  let ta = parentElement.querySelector("textarea.lt-input");
  const fresh = !ta;
  if (fresh) {
    ta = document.createElement("textarea");
    ta.className = "lt-input";
    parentElement.appendChild(ta);
  }

  // Non-destructive attributes: safe to (re)apply on every call.
  const placeholder = d.placeholder ?? "";
  if (ta.placeholder !== placeholder) ta.placeholder = placeholder;
  const rows = d.rows ?? 8;
  if (ta.rows !== rows) ta.rows = rows;
  if (d.label) ta.setAttribute("aria-label", d.label);
  ta.disabled = !!d.disabled;

  // Always talk to Python through the newest setStateValue closure.
  ta._send = (v) => setStateValue("text", v);
  const cancel = () => { if (ta._timer) { clearTimeout(ta._timer); ta._timer = null; } };
  const flush = () => { if (ta._timer) { cancel(); ta._send(ta.value); } };

  // Text from Python is applied only on a fresh mount or when Python bumps
  // `version` (programmatic set).  Ordinary reruns never touch ta.value, so
  // the caret / selection / in-flight typing are never clobbered.
  const version = d.version ?? 0;
  if (fresh || ta._appliedVersion !== version) {
    const programmatic = !fresh;
    ta._appliedVersion = version;
    const v = d.value ?? "";
    cancel();
    if (ta.value !== v) ta.value = v;
    // Make the frontend widget state agree with Python, otherwise the next
    // rerun would send the stale text back.
    if (programmatic) ta._send(v);
  }

  ta.oninput = () => {
    cancel();
    ta._timer = setTimeout(() => { ta._timer = null; ta._send(ta.value); }, debounceMs);
  };
  ta.onblur = flush;  // e.g. user clicks a nav link right after typing

  // Copy link: the page's URL with the text as typed (not as last sent) and Python's other parameters.
  const link = d.link;
  let row = parentElement.querySelector(".lt-link");
  if (link && !row) {
    row = document.createElement("div");
    row.className = "lt-link";
    row.innerHTML = '<button type="button"></button><span></span>';
    parentElement.appendChild(row);
  }
  if (row) row.hidden = !link;
  if (link) {
    const [button, note] = row.children;
    button.textContent = link.label;
    button.onclick = async () => {
      const params = new URLSearchParams();
      const text = ta.value;
      const fits = text.length > 0 && [...text].length <= link.max_chars;
      if (fits) params.set(link.text_param, text);
      for (const [k, v] of Object.entries(link.params)) params.set(k, v);
      const url = location.origin + location.pathname + "?" + params.toString().replace(/\\+/g, "%20");
      let copied = false;
      try {
        await navigator.clipboard.writeText(url);  // https and localhost only
        copied = true;
      } catch {
        const tmp = document.createElement("textarea");  // plain http (a classroom LAN)
        tmp.value = url;
        parentElement.appendChild(tmp);
        tmp.select();
        try { copied = document.execCommand("copy"); } catch { copied = false; }
        tmp.remove();
      }
      row.dataset.url = url;
      const said = copied ? link.copied : link.manual + " " + url;
      note.textContent = fits || !text ? said : said + " " + link.too_long;
    };
  }

  // The add-on: imported once per URL; it gets the textarea and draws from it as the user types.
  ta._report = (value) => {
    const json = JSON.stringify(value);
    if (ta._reported !== json) { ta._reported = json; setStateValue("engine", value); }
  };
  const addon = d.addon;
  if (addon) {
    const url = new URL(addon.module, document.baseURI).href;
    if (parentElement._addonUrl !== url) {
      parentElement._addonUrl = url;
      parentElement._addon = import(url)
        .then((mod) => mod.attach({ root: parentElement, textarea: ta, report: (v) => ta._report(v) }))
        .catch((error) => {
          ta._report({ ok: false, error: String((error && error.message) || error) });
          return null;
        });
    }
    parentElement._addon.then((api) => api && api.update(addon.options));
  }

  // NB: Streamlit only calls the cleanup returned by the LAST invocation, and
  // only on unmount.
  return () => cancel();
}
"""

_live_text_area = st.components.v2.component(COMPONENT_NAME, css=CSS, js=JS)


def _keys(key: str) -> tuple[str, str]:
    # Plain (non-widget) session_state keys survive page switches; the
    # component's own widget state does not.
    return f"_{key}__text", f"_{key}__version"


def _mirror(key: str) -> None:
    text_key, _ = _keys(key)
    st.session_state[text_key] = st.session_state[key]["text"] or ""


def _mirror_engine(key: str) -> None:
    st.session_state[f"_{key}__engine"] = st.session_state[key]["engine"]


@dataclass(frozen=True)
class LiveText:
    """The text, and what the add-on reported (``{"ok": bool, ...}``; None until it has)."""

    text: str
    engine: dict | None


def live_text_area(
    key: str,
    *,
    value: str = "",
    placeholder: str = "",
    rows: int = 8,
    debounce_ms: int = 250,
    label: str | None = None,
    disabled: bool = False,
    addon: dict | None = None,
    link: dict | None = None,
) -> LiveText:
    """Mount the live text area; return its current text and the add-on's report.

    ``addon``: ``{"module": URL of an ES module exporting attach(), "options": {...}}``.
    ``link``: ``{"label", "copied", "manual", "too_long", "text_param", "max_chars", "params": {...}}``.
    """
    text_key, ver_key = _keys(key)
    st.session_state.setdefault(text_key, value)
    st.session_state.setdefault(ver_key, 0)
    current = st.session_state[text_key]
    result = _live_text_area(
        key=key,
        data={
            "value": current,
            "version": st.session_state[ver_key],
            "placeholder": placeholder,
            "rows": rows,
            "debounce_ms": debounce_ms,
            "label": label,
            "disabled": disabled,
            "addon": addon,
            "link": link,
        },
        default={"text": current, "engine": None},
        on_text_change=lambda: _mirror(key),
        on_engine_change=lambda: _mirror_engine(key),
    )
    text = result.text if result.text is not None else ""
    st.session_state[text_key] = text
    # Kept across page visits like the text, so a remount does not flash the server's view first.
    engine = result.engine or st.session_state.get(f"_{key}__engine")
    return LiveText(text, engine if addon else None)


def set_live_text(key: str, text: str) -> None:
    """Replace the text programmatically (call from a callback or before the
    component is mounted in the current run)."""
    text_key, ver_key = _keys(key)
    st.session_state[text_key] = text
    st.session_state[ver_key] = st.session_state.get(ver_key, 0) + 1
    if key in st.session_state:  # component currently has widget state
        st.session_state[key]["text"] = text  # write-through to widget state
