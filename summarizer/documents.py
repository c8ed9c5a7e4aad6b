"""Load documents (.md, .txt, .html), normalise them for comparison and build the section tree.

``Document.text`` keeps the original wording (decoded, BOM removed, line endings unified, HTML
converted to Markdown-like text) so quotes can be taken from it verbatim; each block carries a
normalised ``norm`` used only for comparison.
"""

from __future__ import annotations

import os
import re
import sys
import unicodedata
from itertools import accumulate
from pathlib import Path

from summarizer.errors import InputError
from summarizer.hunks import Block, BlockKind, Document

MAX_BYTES = 50 * 1024 * 1024  # larger inputs are refused with exit code 2 (env SUMMARIZER_MAX_BYTES)
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
TEXT_SUFFIXES = {".txt", ".text"}

# --- reading and decoding -------------------------------------------------------------------


def read_source(source: str | Path, *, max_bytes: int | None = None) -> bytes:
    """Read a file, or standard input for '-', refusing missing, empty and huge inputs."""
    if max_bytes is None:
        max_bytes = int(os.environ.get("SUMMARIZER_MAX_BYTES") or MAX_BYTES)
    name = str(source)
    if name == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
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
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"{name}: cannot read ({exc.strerror})") from None
    if len(data) > max_bytes:
        raise InputError(f"{name}: input is too large (over {max_bytes:,} bytes)")
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
        hint = "" if encoding else " (not UTF-8; pass --encoding, e.g. --encoding latin-1)"
        raise InputError(f"{name}: cannot decode as {encoding or 'UTF-8'}{hint}: {exc.reason if hasattr(exc, 'reason') else exc}") from None
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
    for tag in soup(["script", "style", "noscript", "template", "nav", "header", "footer",
                     "aside", "form", "iframe", "svg", "button", "head"]):
        tag.decompose()
    for tag in soup.select('[role="navigation"], [aria-hidden="true"], .cookie-banner, #cookie-banner'):
        tag.decompose()
    body = soup.body or soup
    text = MarkdownConverter(heading_style="ATX", bullets="-", strip=["img"]).convert_soup(body)
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def load_document(source: str | Path, *, encoding: str | None = None, format: str | None = None,
                  max_bytes: int | None = None) -> Document:
    """Read, decode and parse one document from a path or '-' (stdin)."""
    name = str(source)
    data = read_source(source, max_bytes=max_bytes)
    return parse_document(decode(data, name, encoding), source=name, format=format)


def parse_document(text: str, *, source: str = "-", format: str | None = None) -> Document:
    """Parse already-decoded text into a :class:`Document` with its section tree."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    fmt = format or sniff_format(source, text)
    if fmt == "html":
        text = html_to_text(text)
    if not text.strip():
        raise InputError(f"{source}: no text content")
    blocks = split_blocks(text)
    title = next((b.section[0] for b in blocks if b.kind == "heading"), None)
    return Document(text=text, blocks=blocks, source=source, format=fmt, title=title)


# --- normalisation ---------------------------------------------------------------------------

_TYPO = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u200b": "", "\u200c": "", "\u200d": "", "\ufeff": "",
    "\u2026": "...", "\u00ad": "",
})
_TYPO_RE = re.compile("[" + "".join(chr(c) for c in _TYPO) + "]")


def fold_typography(text: str) -> str:
    """Curly quotes, dashes, odd spaces and soft hyphens to their plain forms."""
    return _TYPO_RE.sub(lambda m: _TYPO[ord(m.group())] or "", text)


_MD_LINK = re.compile(r"!?\[((?:\\.|[^\]\\])*)\]\((?:[^()]|\([^()]*\))*\)")
_MD_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_INLINE_HTML = re.compile(r"</?(?:em|i|b|strong|u|span|br|sup|sub|small|mark|font|a)\b[^>]*>", re.I)
_AUTOLINK = re.compile(r"<(https?://[^>\s]+|[^>\s@]+@[^>\s]+)>")
_MD_EMPH = re.compile(r"(\*\*|__|\*|~~)")
_LIST_MARKER = re.compile(
    r"^\s*(?:[-*+•·]\s+|\(?(?:\d{1,3}(?:\.\d{1,3})*|[a-zA-Z]|[ivxlcdm]{1,6})[.)]\s+|\d{1,3}(?:\.\d{1,3})+\.?\s+)", re.I)
_HEADING_MARK = re.compile(r"^\s{0,3}#{1,6}\s*|\s+#+\s*$")
_WS = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Comparison form: NFKC, straight quotes and dashes, no Markdown formatting, links reduced
    to their text, list markers and numbering removed, whitespace collapsed."""
    t = text if text.isascii() else fold_typography(unicodedata.normalize("NFKC", text))
    if "](" in t:
        for _ in range(3):  # nested: [![alt](img)](href)
            reduced = _MD_LINK.sub(r"\1", t)
            if reduced == t:
                break
            t = reduced
    if "][" in t:
        t = _MD_REF_LINK.sub(r"\1", t)
    if "<" in t:
        t = _AUTOLINK.sub(r"\1", t)
        t = _INLINE_HTML.sub(" " if "<br" in t else "", t)
    if "*" in t or "_" in t or "~" in t:
        t = _MD_EMPH.sub("", t)
    if "#" in t:
        t = _HEADING_MARK.sub("", t)
    if "\\" in t:
        t = t.replace("\\", "")
    head = t.lstrip()[:2]
    if head and (head[0] in "-*+•·(" or head[0].isdigit() or head[-1:] in ".)"):
        t = _LIST_MARKER.sub("", t, count=1)
    if "|" in t:
        t = t.replace("|", " ")
    return " ".join(t.split())


_LOOSE_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W_]+", re.UNICODE)


def loose_key(text: str, norm: str | None = None) -> str:
    """Words only, lower case: equal keys mean only whitespace, punctuation or case differ."""
    base = normalise(text) if norm is None else norm
    # only number tokens hold commas, and tokens are joined by spaces: drop the commas in one go
    return " ".join(_LOOSE_TOKEN.findall(base.casefold().replace("'", ""))).replace(",", "")


# --- blocks and the section tree -------------------------------------------------------------

_ATX = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_LIST_ITEM = re.compile(r"^(\s*)(?:[-*+•]\s+|\d{1,3}[.)]\s+|\(?[a-zA-Z]\)\s+|\(?[ivxlcdm]{1,6}\)\s+)", re.I)
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_NUMBERED_HEADING = re.compile(r"^\s*(?:(?:section|article|clause)\s+)?(\d{1,3}(?:\.\d{1,3})*)\.?\s+(\S.{0,110})$", re.I)
_BOLD_LINE = re.compile(r"^\s*(\*\*|__)([^*_].{0,150}?)\1\s*:?\s*$")


_ASCII_LOWER = re.compile(r"[a-z]")


def _is_caps_heading(line: str) -> bool:
    if len(line) > 120:
        return False
    s = line.strip().strip("*_#:").strip()
    if _ASCII_LOWER.search(s):  # a lower-case letter: not ALL CAPS (cheap early exit)
        return False
    letters = [c for c in s if c.isalpha()]
    if len(letters) < 4 or len(s) > 100 or s.endswith((".", ",", ";")):
        return False
    words = s.split()
    return len(words) <= 12 and all(not c.islower() for c in letters)


DATE_LINE = re.compile(
    r"^\W*(last\s+(updated|modified|revised|changed)|effective(\s+date|\s+as\s+of|\s+from|\s+on)?|"
    r"updated(\s+on)?|date\s+of\s+last\s+revision|version\s+date|revised(\s+on)?|"
    r"this\s+(policy|version)\s+(was\s+)?(last\s+)?(updated|effective))\b", re.I)


def _heading_title(text: str) -> str:
    first = text.split("\n", 1)[0]  # setext headings: the underline is not part of the title
    t = normalise(first)
    return t.rstrip(":").strip()


def _numbered_heading(line: str) -> tuple[int, str] | None:
    """'2.3 Sharing with partners' -> (depth 2, title) when the line reads like a heading."""
    m = _NUMBERED_HEADING.match(line)
    if not m:
        return None
    title = m.group(2).strip()
    words = title.split()
    if len(words) > 12 or title.endswith((".", ",", ";")) or not title[0].isupper():
        return None
    if sum(1 for w in words if w[:1].isupper()) < max(1, len(words) // 3) and len(words) > 4:
        return None
    return m.group(1).count(".") + 1, title


def split_blocks(text: str) -> list[Block]:
    """Split text into blocks and give each its section breadcrumb."""
    raw = _raw_blocks(text)
    blocks: list[Block] = []
    stack: list[tuple[int, str, str]] = []  # (level, title, style: md|caps|num|bold)
    md_level = 0  # level of the last Markdown heading, synthetic headings nest below it
    section: tuple[str, ...] = ()
    for kind, start, end, level in raw:
        body = text[start:end]
        if kind == "heading":
            style = "md"
            if level == 0:  # synthetic: ALL CAPS, numbered clause or bold line
                numbered = _numbered_heading(body)
                top = stack[-1] if stack and stack[-1][0] > md_level else None
                if numbered:
                    style, level = "num", md_level + 1 + numbered[0]
                elif _is_caps_heading(body):
                    style, level = "caps", md_level + 1
                else:
                    style = "bold"
                    if top is None:
                        level = md_level + 1
                    elif top[2] == "bold":
                        level = top[0]  # sibling of the previous bold heading
                    else:
                        level = top[0] + 1  # a bold sub-heading inside a numbered or caps section
            else:
                md_level = level
            title = _heading_title(body)
            if title:
                while stack and stack[-1][0] >= level:
                    stack.pop()
                stack.append((level, title, style))
                section = tuple(t for _, t, _ in stack)
        blocks.append(Block(len(blocks), kind, body, start, end, section, level if kind == "heading" else 0))
    return blocks


def _next_is_body(lines: list[str], i: int) -> bool:
    """True when line i is followed by a blank line and then text that is not a list item."""
    if i + 1 >= len(lines) or lines[i + 1].strip():
        return False
    for j in range(i + 2, min(len(lines), i + 6)):
        if lines[j].strip():
            return not _LIST_ITEM.match(lines[j])
    return False


def _raw_blocks(text: str) -> list[tuple[BlockKind, int, int, int]]:
    """(kind, start, end, level) for every block; level>0 for Markdown headings."""
    lines = text.split("\n")
    offsets = [0, *accumulate([len(line) + 1 for line in lines[:-1]])]
    n = len(lines)
    i = 0
    para_start: int | None = None  # line index where the current paragraph began
    para_kind: BlockKind = "paragraph"
    out: list[tuple[BlockKind, int, int, int]] = []
    emit = out.append
    fence, list_item = _FENCE.match, _LIST_ITEM.match  # bound once: called for most lines

    def end_of(j: int) -> int:
        return offsets[j] + len(lines[j].rstrip())

    def paragraph(upto: int) -> tuple[BlockKind, int, int, int]:
        """The open paragraph (or list item) that began at line para_start, ended before *upto*."""
        last = upto - 1
        while last > para_start and not lines[last].strip():
            last -= 1
        start = offsets[para_start] + (len(lines[para_start]) - len(lines[para_start].lstrip()))
        return (para_kind, start, end_of(last), 0)

    while i < n:
        line = lines[i]
        stripped = line.strip()
        if not stripped:
            if para_start is not None:
                emit(paragraph(i))
                para_start = None
            i += 1
            continue
        c = stripped[0]
        if c in "`~" and fence(line):
            if para_start is not None:
                emit(paragraph(i))
                para_start = None
            j = i + 1
            while j < n and not fence(lines[j]):
                j += 1
            j = min(j, n - 1)
            emit(("code", offsets[i], end_of(j), 0))
            i = j + 1
            continue
        if c == "#":
            m = _ATX.match(line)
            if m:
                if para_start is not None:
                    emit(paragraph(i))
                    para_start = None
                start = offsets[i] + (len(line) - len(line.lstrip()))
                emit(("heading", start, end_of(i), len(m.group(1))))
                i += 1
                continue
        if (c in "=-" and para_start is not None and para_start == i - 1 and para_kind == "paragraph"
                and _SETEXT.match(line) and not list_item(lines[i - 1])):
            level = 1 if c == "=" else 2
            start = offsets[para_start] + (len(lines[para_start]) - len(lines[para_start].lstrip()))
            para_start = None
            emit(("heading", start, end_of(i), level))
            i += 1
            continue
        if c == "|" and _TABLE_ROW.match(line):
            if para_start is not None:
                emit(paragraph(i))
                para_start = None
            if not _TABLE_SEP.match(line):
                start = offsets[i] + (len(line) - len(line.lstrip()))
                emit(("table_row", start, end_of(i), 0))
            i += 1
            continue
        if (c in "-*+•(" or c.isdigit() or (len(stripped) > 1 and stripped[1] in ".)")) and list_item(line):
            if c.isdigit() and para_start is None and _numbered_heading(line) and _next_is_body(lines, i):
                start = offsets[i] + (len(line) - len(line.lstrip()))
                emit(("heading", start, end_of(i), 0))
                i += 1
                continue
            if para_start is not None:
                emit(paragraph(i))
                para_start = None
            para_start, para_kind = i, "list_item"
            i += 1
            continue
        if para_start is None and (c in "*_" or c.isdigit() or stripped == stripped.upper() or c.lower() in "sac"):
            nxt = lines[i + 1].strip() if i + 1 < n else ""
            standalone = not nxt or nxt[0] == "#" or bool(list_item(lines[i + 1]))
            if (standalone and (_BOLD_LINE.match(line) or _is_caps_heading(line) or _numbered_heading(line))
                    and not DATE_LINE.match(normalise(line))):
                start = offsets[i] + (len(line) - len(line.lstrip()))
                emit(("heading", start, end_of(i), 0))
                i += 1
                continue
        if para_start is None:
            para_start, para_kind = i, "paragraph"
        i += 1
    if para_start is not None:
        emit(paragraph(n))
    return out
