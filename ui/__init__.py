"""Streamlit glue shared by the pages: the sidebar and small widgets. Logic lives in ``lib``."""
