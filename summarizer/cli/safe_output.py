"""What the command line prints is safe for a terminal, and a failed write is one line, exit 2.

Documents, service names and model answers are untrusted: a clear-screen, a cursor move, an OSC 8
hyperlink or a carriage return in them could redraw the terminal and overwrite the severity line.
:class:`SafeStream` wraps ``sys.stdout`` and ``sys.stderr`` for the whole run and removes every
control character (C0 but tab and newline, DEL, C1) and every escape sequence except the colour
codes (SGR, ``ESC [ … m``) that our own coloured output uses.
"""

from __future__ import annotations

from typing import Any, TextIO

from summarizer.text.lazy_re import lazy

# an escape sequence (CSI with any final byte, OSC up to its terminator, or any other ESC x), or a
# lone control character
_CONTROLS = lazy(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC (hyperlinks, titles) to BEL or ST
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC strings
    r"|\x1b[\s\S]?"  # any other escape
    r"|\x9b[0-?]*[ -/]*[@-~]|\x9d[^\x07\x9c]*[\x07\x9c]?"  # the C1 forms of CSI and OSC
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]"
)
_SGR = lazy(r"\x1b\[[0-9;]*m\Z")


def strip_controls(text: str) -> str:
    """*text* without terminal control characters and escape sequences (colour codes kept)."""
    if text.isprintable() or not _CONTROLS.search(text):
        return text
    return _CONTROLS.sub(lambda m: m.group() if _SGR.match(m.group()) else "", text)


class SafeStream:
    """A text stream that passes everything written through :func:`strip_controls`."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            self._stream.write(strip_controls(text))
        except OSError as exc:
            raise output_failed(self._stream, exc) from None
        return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as exc:
            raise output_failed(self._stream, exc) from None

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def output_failed(stream: Any, exc: OSError) -> Exception:
    """The one-line error for a failed write (a closed pipe, a full disk), after pointing the
    stream at the null device so that nothing fails again when Python flushes it at exit."""
    import os

    from summarizer.errors import InputError

    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, stream.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):
        pass
    what = "standard output" if getattr(stream, "name", "") == "<stdout>" else "output"
    return InputError(f"cannot write the {what}: {exc.strerror or exc}")


def install() -> tuple[TextIO, TextIO]:
    """Wrap ``sys.stdout`` and ``sys.stderr``; returns the original streams."""
    import sys

    original = (sys.stdout, sys.stderr)
    if not isinstance(sys.stdout, SafeStream):
        sys.stdout = SafeStream(sys.stdout)  # type: ignore[assignment]
    if not isinstance(sys.stderr, SafeStream):
        sys.stderr = SafeStream(sys.stderr)  # type: ignore[assignment]
    return original
