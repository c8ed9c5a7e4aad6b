"""Load documents (.md, .txt, .html), normalise them for comparison and build the section tree.

``Document.text`` keeps the original wording (decoded, BOM removed, line endings unified, HTML
converted to Markdown-like text) so quotes can be taken from it verbatim; each block carries a
normalised ``norm`` used only for comparison.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path
from typing import Any, BinaryIO

from summarizer.config import max_input_bytes
from summarizer.diffing.sections import split_blocks
from summarizer.errors import InputError
from summarizer.model.document import Document

MAX_BYTES = 50 * 1024 * 1024  # larger inputs are refused with exit code 2 (env SUMMARIZER_MAX_BYTES)
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
TEXT_SUFFIXES = {".txt", ".text"}

# --- reading and decoding -------------------------------------------------------------------


def read_limited(stream: "BinaryIO", name: str, max_bytes: int) -> bytes:
    """Read *stream* to its end, refusing it as soon as it holds more than *max_bytes* (a device
    such as /dev/zero or an endless pipe is stopped at the limit, never read whole)."""
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(min(1 << 20, max_bytes + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > max_bytes:
            raise InputError(f"{name}: input is too large (over {max_bytes:,} bytes)")


def read_source(source: str | Path, *, max_bytes: int | None = None) -> bytes:
    """Read a file, or standard input for '-', refusing missing, empty and huge inputs (the limit
    is enforced while reading, so devices and pipes cannot grow past it)."""
    if max_bytes is None:
        max_bytes = max_input_bytes(MAX_BYTES)
    name = str(source)
    if name == "-":
        data = read_limited(sys.stdin.buffer, name, max_bytes)
    else:
        path = Path(source)
        if not path.exists():
            raise InputError(f"{name}: no such file")
        if path.is_dir():
            raise InputError(f"{name}: is a directory, expected a file")
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"{name}: file is too large ({size:,} bytes; the limit is {max_bytes:,})")
        try:
            with path.open("rb") as stream:
                data = read_limited(stream, name, max_bytes)
        except OSError as exc:
            raise InputError(f"{name}: cannot read ({exc.strerror})") from None
    if not data.strip():
        raise InputError(f"{name}: file is empty")
    return data


def decode(data: bytes, name: str = "-", encoding: str | None = None) -> str:
    """Decode bytes to text: BOMs honoured, UTF-8 by default, binary refused."""
    if data.startswith(b"\xef\xbb\xbf"):
        data, encoding = data[3:], encoding or "utf-8"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = encoding or "utf-16"
    if encoding is None and b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks like a binary file, not text")
    try:
        text = data.decode(encoding or "utf-8")
    except (UnicodeDecodeError, LookupError) as exc:
        hint = "" if encoding else " (not UTF-8; name its encoding, e.g. latin-1)"
        raise InputError(
            f"{name}: cannot decode as {encoding or 'UTF-8'}{hint}: {exc.reason if hasattr(exc, 'reason') else exc}",
            setting="encoding",
        ) from None
    text = text.lstrip("\ufeff")
    controls = sum(1 for ch in text[:8192] if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    if controls > max(8, len(text[:8192]) // 100):
        raise InputError(f"{name}: looks like a binary file, not text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def sniff_format(name: str, text: str) -> str:
    suffix = Path(name).suffix.lower() if name != "-" else ""
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "txt"
    if suffix in {".md", ".markdown"}:
        return "md"
    head = text[:2048].lstrip().lower()
    if head.startswith(("<!doctype html", "<html")) or re.search(r"<(body|div|p|h[1-6])[\s>]", head):
        return "html"
    return "md"


def html_to_text(html: str) -> str:
    """HTML to Markdown-like text with BeautifulSoup + markdownify; scripts, styles, nav dropped."""
    from bs4 import BeautifulSoup
    from markdownify import MarkdownConverter

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(
        [
            "script",
            "style",
            "noscript",
            "template",
            "nav",
            "header",
            "footer",
            "aside",
            "form",
            "iframe",
            "svg",
            "button",
            "head",
        ]
    ):
        tag.decompose()
    for tag in soup.select('[role="navigation"], [aria-hidden="true"], .cookie-banner, #cookie-banner'):
        tag.decompose()
    _drop_hidden(soup)
    body = soup.body or soup
    text = MarkdownConverter(heading_style="ATX", bullets="-", strip=["img"]).convert_soup(body)
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def _drop_hidden(soup: Any) -> None:
    """Remove what no reader sees: comments, and elements hidden by the ``hidden`` attribute or an
    inline style (see :mod:`summarizer.text.hidden`); image alt text goes with the images."""
    from bs4 import Comment

    from summarizer.text.hidden import hidden_style

    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in soup.find_all(True):
        if tag.decomposed:
            continue
        attrs = tag.attrs or {}
        if "hidden" in attrs or hidden_style(str(attrs.get("style") or "")):
            tag.decompose()


def load_document(
    source: str | Path,
    *,
    encoding: str | None = None,
    format: str | None = None,
    max_bytes: int | None = None,
) -> Document:
    """Read, decode and parse one document from a path or '-' (stdin)."""
    name = str(source)
    data = read_source(source, max_bytes=max_bytes)
    return parse_document(decode(data, name, encoding), source=name, format=format)


def parse_document(text: str, *, source: str = "-", format: str | None = None) -> Document:
    """Parse already-decoded text into a :class:`Document` with its section tree."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    fmt = format or sniff_format(source, text)
    if fmt == "html":
        try:
            text = html_to_text(text)
        except RecursionError:
            raise InputError(f"{source}: HTML nested too deeply to read") from None
    else:
        from summarizer.text.hidden import strip_hidden_markup

        text = strip_hidden_markup(text)
    if not text.strip():
        raise InputError(f"{source}: no text content")
    blocks = split_blocks(text)
    title = next((b.section[0] for b in blocks if b.kind == "heading" and b.section), None)
    return Document(text=text, blocks=blocks, source=source, format=fmt, title=title)
