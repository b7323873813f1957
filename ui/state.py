"""Session-state helpers: keep widget values across page visits."""

import os

import streamlit as st

from lib.core.i18n import Lang, normalise_lang

KEEP = "keep."  # prefix of widget keys whose values must survive a visit to another page


def keep_widget_values(*names: str) -> None:
    """Write kept widgets' values back (those named ``keep.*``, and ``names``), so Streamlit does not drop
    them while they are not drawn.

    Streamlit forgets the value of a widget that was not drawn in a run; the entrypoint calls this on every
    run, so a prompt typed on the Images page is still there after a look at the Tokenizer.
    """
    for key in [k for k in st.session_state if isinstance(k, str) and (k.startswith(KEEP) or k in names)]:
        st.session_state[key] = st.session_state[key]


def initial_lang() -> Lang:
    """The UI language before the user picks one: ``PLAYGROUND_LANG``, else the browser's language."""
    return normalise_lang(os.environ.get("PLAYGROUND_LANG") or st.context.locale)


def kept(name: str, default: object = None) -> str:
    """The session-state key of a kept widget, its default set once here rather than on the widget.

    A kept widget must not also get ``value=`` / ``index=`` / ``default=``: Streamlit warns on every rerun
    when a widget has a default and a value set through session state.
    """
    key = KEEP + name
    if default is not None:
        st.session_state.setdefault(key, default)
    return key
