"""Run a test HTTP server on 127.0.0.1 in a thread, for as long as a ``with`` block lasts."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import ThreadingHTTPServer


@contextmanager
def serving(httpd: ThreadingHTTPServer, *, closing: Callable[[], None] | None = None) -> Iterator[None]:
    """Serve ``httpd`` until the block ends; ``closing`` runs first (e.g. to wake a paused stream)."""
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield
    finally:
        if closing is not None:
            closing()
        httpd.shutdown()
        httpd.server_close()
