"""Session-state helpers: keep widget values across page visits."""

import streamlit as st

KEEP = "keep."  # prefix of widget keys whose values must survive a visit to another page


def keep_widget_values() -> None:
    """Write kept widgets' values back, so Streamlit does not drop them while their page is not shown.

    Streamlit forgets the value of a widget that was not drawn in a run; the entrypoint calls this on every
    run, so a prompt typed on the Images page is still there after a look at the Tokenizer.
    """
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(KEEP)]:
        st.session_state[key] = st.session_state[key]


def kept(name: str, default: object = None) -> str:
    """The session-state key of a kept widget, its default set once here rather than on the widget.

    A kept widget must not also get ``value=`` / ``index=`` / ``default=``: Streamlit warns on every rerun
    when a widget has a default and a value set through session state.
    """
    key = KEEP + name
    if default is not None:
        st.session_state.setdefault(key, default)
    return key
