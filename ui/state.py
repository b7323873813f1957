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
