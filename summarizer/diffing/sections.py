"""Split a document's text into blocks (headings, paragraphs, list items, table rows, code) and
give each block its section breadcrumb."""

from __future__ import annotations

import re
from itertools import accumulate

from summarizer.model.document import Block, BlockKind
from summarizer.text.dates import DATE_LINE
from summarizer.text.lazy_re import lazy
from summarizer.text.normalise import normalise

_ATX = lazy(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = lazy(r"^\s{0,3}(=+|-+)\s*$")
_FENCE = lazy(r"^\s{0,3}(```|~~~)")
_LIST_ITEM = lazy(r"^(\s*)(?:[-*+•]\s+|\d{1,3}[.)]\s+|\(?[a-zA-Z]\)\s+|\(?[ivxlcdm]{1,6}\)\s+)", re.I)
_TABLE_ROW = lazy(r"^\s*\|.*\|\s*$")
_TABLE_SEP = lazy(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_NUMBERED_HEADING = lazy(
    r"^\s*(?:(?:section|article|clause)\s+)?(\d{1,3}(?:\.\d{1,3})*)\.?\s+(\S.{0,110})$", re.I
)
_BOLD_LINE = lazy(r"^\s*(\*\*|__)([^*_].{0,150}?)\1\s*:?\s*$")


_ASCII_LOWER = lazy(r"[a-z]")


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
        assert para_start is not None  # only called while a paragraph is open
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
        if (
            c in "=-"
            and para_start is not None
            and para_start == i - 1
            and para_kind == "paragraph"
            and _SETEXT.match(line)
            and not list_item(lines[i - 1])
        ):
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
        if para_start is None and (
            c in "*_" or c.isdigit() or stripped == stripped.upper() or c.lower() in "sac"
        ):
            nxt = lines[i + 1].strip() if i + 1 < n else ""
            standalone = not nxt or nxt[0] == "#" or bool(list_item(lines[i + 1]))
            if (
                standalone
                and (_BOLD_LINE.match(line) or _is_caps_heading(line) or _numbered_heading(line))
                and not DATE_LINE.match(normalise(line))
            ):
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
