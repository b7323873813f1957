"""Work kept across a reload, on the server, under an unguessable id this browser holds in a cookie.

A Streamlit session ends with its tab: a phone that slept, a restored tab or F5 at the projector used to lose
everything. Now each page says what it wants kept with ``keep(key, encode=..., decode=...)`` (codecs in
the tool packages, plain JSON plus blobs, never pickle); the entrypoint calls ``start`` (find the browser's
id, set the cookie, load what it kept, say once what was restored) and ``save`` at the end of every run,
which writes only when the encoded work changed (its digest). A value is restored when its page registers
it in a session that has none yet, so a page added later (Documents, ...) only calls ``keep``.

The id is 192 random bits in a ``SameSite=Strict`` cookie that lasts a week after the last visit; the files
(``lib.core.browser_store``) are under the app's state folder, a week after the last change. Another browser
has another id and sees nothing. ``forget`` deletes the files and starts a new id.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import streamlit as st

from lib.core import browser_store as bs
from lib.core.i18n import Lang, t
from lib.core.packaged import state_dir

log = logging.getLogger(__name__)

COOKIE = "playground_browser"
_ID = "_persist_id"
_SAVED = "_persist_saved"  # browser_store.Saved | None, loaded once per session
_DIGEST = "_persist_digest"  # of what was last written (or loaded)
_CLAIMED = "_persist_claimed"  # keys registered in this session: their values are the session's now
_NOTICE = "_persist_notice"
_PRUNED = {"at": 0.0}  # per process: expired folders are swept at most hourly

_COOKIE_JS = """
export default function (component) {
  const d = component.data ?? {};
  if (!d.name || !d.value) return;
  const secure = window.location.protocol === "https:" ? "; Secure" : "";
  document.cookie = `${d.name}=${d.value}; Max-Age=${d.max_age}; Path=/; SameSite=Strict${secure}`;
}
"""
_cookie = st.components.v2.component("playground.browser_cookie", js=_COOKIE_JS)

Put = Callable[[bytes], str]
Blob = Callable[[object], bytes | None]


@dataclass(frozen=True)
class Codec:
    encode: Callable[[Any, Put], Any]  # the value -> JSON (bytes through ``put``)
    decode: Callable[[Any, Blob], Any]  # JSON (bytes through ``blob``) -> the value
    count: Callable[[Any], int]  # how many things, for "restored: 3 messages"
    what: str  # i18n key with {n}
    forget: Callable[[], None] | None  # more to clear on "forget" (a widget drawn from this value)


_CODECS: dict[str, Codec] = {}  # per process: codecs are code; which keys a session uses is in _CLAIMED


def store() -> bs.BrowserStore:
    return bs.BrowserStore(state_dir() / "browsers")


def browser_id() -> str:
    """This browser's id: the one this session started (or forget made), else the cookie's, else a new one."""
    current = st.session_state.get(_ID)
    if bs.valid_id(current):
        return current
    try:
        cookie = st.context.cookies.get(COOKIE)
    except (AttributeError, RuntimeError):  # no browser (a bare script run)
        cookie = None
    current = cookie if bs.valid_id(cookie) else bs.new_id()
    st.session_state[_ID] = current
    return current


def _saved() -> bs.Saved | None:
    if _SAVED not in st.session_state:
        st.session_state[_SAVED] = store().load(browser_id())
    return st.session_state[_SAVED]


def keep(
    key: str,
    *,
    encode: Callable[[Any, Put], Any],
    decode: Callable[[Any, Blob], Any],
    what: str,
    count: Callable[[Any], int] = len,
    forget: Callable[[], None] | None = None,
) -> None:
    """Keep ``st.session_state[key]`` across reloads; restore it now if this session has none yet."""
    codec = Codec(encode, decode, count, what, forget)
    _CODECS[key] = codec
    claimed: set[str] = st.session_state.setdefault(_CLAIMED, set())
    if key in claimed:
        return
    claimed.add(key)
    saved = _saved()
    entry = saved.entries.get(key) if saved else None
    if key in st.session_state or not isinstance(entry, dict):
        return
    try:
        st.session_state[key] = codec.decode(entry.get("value"), saved.blob)
    except (KeyError, TypeError, ValueError, IndexError) as exc:  # a file from an older version: start afresh
        log.warning("kept %s not restored: %s", key, type(exc).__name__)


def _ago(seconds: float, lang: Lang) -> str:
    minutes = int(seconds // 60)
    if minutes < 1:
        return t("keep.ago.now", lang)
    if minutes < 60:
        return t("keep.ago.minutes", lang, n=minutes)
    if minutes < 48 * 60:
        return t("keep.ago.hours", lang, n=minutes // 60)
    return t("keep.ago.days", lang, n=minutes // (24 * 60))


# The "what" of a kept entry names one of the "keep.what.*" strings (messages: 4, images: 1...), nothing else.
_WHAT = re.compile(r"keep\.what\.[a-z_]+")


def restored_text(saved: bs.Saved, lang: Lang, now: float) -> str | None:
    """ "Restored from this browser, 12 minutes ago: 4 messages · 1 images", or None when nothing was kept."""
    parts = []
    for entry in saved.entries.values():
        n = entry.get("count") if isinstance(entry, dict) else None
        what = entry.get("what") if isinstance(entry, dict) else None
        if isinstance(n, int) and n > 0 and isinstance(what, str) and _WHAT.fullmatch(what):
            try:
                parts.append(t(what, lang, n=n))
            except KeyError:
                continue
    if not parts:
        return None
    return t("keep.restored", lang, ago=_ago(max(0.0, now - saved.saved_at), lang), what=" · ".join(parts))


def start(lang: Lang) -> None:
    """At the top of every run: the browser's id and its cookie, what it kept, and "restored" said once."""
    who = browser_id()
    saved = _saved()
    with st.sidebar:
        _cookie(key="browser_cookie", data={"name": COOKIE, "value": who, "max_age": int(bs.EXPIRY_S)})
    if _NOTICE not in st.session_state:
        st.session_state[_NOTICE] = True
        st.session_state[_DIGEST] = _digest(saved.entries) if saved else None
        text = restored_text(saved, lang, time.time()) if saved else None
        if text:
            st.toast(text, icon="♻️", duration="long")
            st.session_state["_persist_restored_text"] = text
    if time.time() - _PRUNED["at"] > 3600:
        _PRUNED["at"] = time.time()
        store().prune()


def _forget() -> None:
    store().forget(browser_id())
    for key in st.session_state.get(_CLAIMED, set()):
        st.session_state.pop(key, None)
        codec = _CODECS.get(key)
        if codec and codec.forget:
            codec.forget()
    st.session_state[_CLAIMED] = set()
    st.session_state[_ID] = bs.new_id()  # the cookie follows in this run
    st.session_state[_SAVED] = None
    st.session_state[_DIGEST] = None
    st.session_state.pop("_persist_restored_text", None)
    st.session_state["_persist_forgotten"] = True


def render_forget(lang: Lang) -> None:
    """In the sidebar: what is kept, for how long, and the button that forgets it."""
    with st.sidebar.expander("🗂️ " + t("keep.title", lang)):
        restored = st.session_state.get("_persist_restored_text")
        if restored:
            st.caption("♻️ " + restored)
        st.caption(t("keep.note", lang, days=int(bs.EXPIRY_S // 86400)))
        st.button(
            t("keep.forget", lang),
            key="persist_forget",
            on_click=_forget,
            help=t("keep.forget_help", lang),
            icon="🧹",
        )
    if st.session_state.pop("_persist_forgotten", False):
        st.toast(t("keep.forgotten", lang), icon="🧹")


def _digest(entries: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(entries, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def save(secrets: Iterable[str | None] = ()) -> bool:
    """At the end of a run: write this browser's work if it changed. True when something was written."""
    saved = st.session_state.get(_SAVED)
    claimed: set[str] = st.session_state.get(_CLAIMED, set())
    entries: dict[str, Any] = {}
    blobs: dict[str, bytes] = {}
    for key, entry in saved.entries.items() if saved else ():
        if key not in claimed and isinstance(entry, dict):  # a page not visited yet: keep it as it was
            entries[key] = entry
            for name in entry.get("blobs") or []:
                data = saved.blob(name)
                if data is not None:
                    blobs[name] = data
    for key in sorted(claimed):
        codec = _CODECS.get(key)
        if codec is None or key not in st.session_state:
            continue
        value = st.session_state[key]
        packer = bs.Packer()
        entries[key] = {
            "value": codec.encode(value, packer.put),
            "blobs": list(packer.blobs),
            "count": codec.count(value),
            "what": codec.what,
        }
        blobs.update(packer.blobs)
    digest = _digest(entries)
    if digest == st.session_state.get(_DIGEST):
        return False
    if saved is None and not any(entry.get("count") for entry in entries.values()):
        return False  # a visitor who made nothing yet leaves no folder behind
    try:
        report = store().save(browser_id(), entries, blobs, secrets=secrets)
    except bs.WorkTooLarge:
        log.warning("work too large to keep")
        return False
    if report.dropped:
        log.info("kept work over the cap: %d blobs left out", len(report.dropped))
    st.session_state[_DIGEST] = digest
    return True
