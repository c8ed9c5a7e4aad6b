"""``summarizer site serve OUT``: a local preview of a built site on 127.0.0.1 (never other interfaces)."""

from __future__ import annotations

import functools
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from summarizer.errors import InputError


class _QuietHandler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".xml": "application/xml"}

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the stdlib's name
        pass


def make_server(out: str | Path, port: int = 8000) -> ThreadingHTTPServer:
    """A server for folder *out* on 127.0.0.1:*port* (0 picks a free port); call serve_forever()."""
    root = Path(out)
    if not (root / "index.html").is_file():
        raise InputError(f"{root} holds no built site (run 'summarizer site build {root}' first)")
    handler = functools.partial(_QuietHandler, directory=str(root))
    try:
        return ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as exc:
        raise InputError(f"cannot listen on 127.0.0.1:{port}: {exc.strerror}") from None
