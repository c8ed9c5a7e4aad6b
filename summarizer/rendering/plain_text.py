"""The terminal view of a change record without colours, laid out without rich (~20 ms of
imports a piped ``compare`` need not pay), byte for byte what :mod:`summarizer.rendering.text`
lays out through rich.

It covers what rich lays out simply: text of single-cell characters (:data:`SAFE`), no word
longer than a line. Anything else (wide or combining characters, tabs, other spaces, a word to
fold) returns None and the caller lays it out with rich. ``tests/rendering/test_plain_text.py``
checks both give the same bytes on every bundled pair and on generated records.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from summarizer.rendering.common import (
    category_title,
    material_label,
    provenance_line,
    shift_label,
    sources_line,
)

if TYPE_CHECKING:  # pragma: no cover
    from summarizer.model.record import ChangeRecord

# Characters rich measures as one cell whatever its Unicode tables: printable ASCII, Latin-1 and
# Latin Extended, Greek and Cyrillic, box drawing, the typographic marks the renderers and
# documents use, and three spaces (:data:`SPACES`: rich splits words at any whitespace).
SPACES = frozenset(" \xa0\u202f")
SAFE = frozenset(
    [chr(c) for c in range(0x20, 0x7F)]
    + [chr(c) for c in range(0xA0, 0xAD)]
    + [chr(c) for c in range(0xAE, 0x300)]
    + [chr(c) for c in range(0x370, 0x483)]
    + [chr(c) for c in range(0x2500, 0x25FD)]
    + list("\n\u202f“”‘’„‚‹›→←↑↓•…—–‐‑−⚠€™")
)

_SPACES = "".join(SPACES)
_Part = tuple[str, str]  # (kind: "panel" | "line" | "quote", text)


def render_plain(record: "ChangeRecord", width: int = 100) -> str | None:
    """The record as text without colours, laid out as rich lays it out at *width*; None when it
    holds text this layout does not cover (the caller then uses rich)."""
    parts = _parts(record)
    if not all(SAFE.issuperset(text) for _, text in parts):
        return None
    out: list[str] = []
    for kind, text in parts:
        if kind == "panel":
            lines = _wrap(text, width - 4)
            if lines is None:
                return None
            out.append("╭" + "─" * (width - 2) + "╮")
            out += [f"│ {line.ljust(width - 4)} │" for line in lines]
            out.append("╰" + "─" * (width - 2) + "╯")
        elif kind == "quote":  # rich: Padding((0, 0, 0, 2), expand=False), lines padded to its width
            inner = min(max(len(line) for line in text.split("\n")) + 2, width) - 2
            lines = _wrap(text, inner)
            if lines is None:
                return None
            out += ["  " + line.ljust(inner) for line in lines]
        else:
            lines = _wrap(text, width)
            if lines is None:
                return None
            out += lines
    return "\n".join(out) + "\n"


def _wrap(text: str, width: int) -> list[str] | None:
    """rich's word wrap (``Text.wrap``: ``divide_line`` without folding, then ``rstrip_end``) of
    single-cell text; None when a word is longer than *width* (rich would fold it)."""
    lines: list[str] = []
    for line in text.split("\n"):
        breaks: list[int] = []
        offset = 0
        at = 0
        n = len(line)
        while at < n:  # a word: leading spaces, non-spaces, trailing spaces (rich's \s*\S+\s*)
            end = at
            while end < n and line[end] in SPACES:
                end += 1
            if end == n:  # only spaces left: not a word for rich's pattern
                break
            while end < n and line[end] not in SPACES:
                end += 1
            bare = end - at
            while end < n and line[end] in SPACES:
                end += 1
            if width - offset >= bare:
                offset += end - at
            elif bare > width:
                return None  # rich folds a word longer than the line
            elif offset and at:
                breaks.append(at)
                offset = end - at
            at = end
        starts = [0, *breaks]
        ends = [*breaks, n]
        for start, stop in zip(starts, ends):
            piece = line[start:stop]
            if len(piece) > width:  # rich's rstrip_end: trailing spaces beyond the width go
                spaces = len(piece) - len(piece.rstrip(_SPACES))
                piece = piece[: len(piece) - min(spaces, len(piece) - width)]
                if len(piece) > width:
                    return None
            lines.append(piece)
    return lines


def _parts(record: "ChangeRecord") -> list[_Part]:
    """What :func:`summarizer.rendering.text.record_renderable` lays out, as plain text."""
    top = f" {record.severity.upper()}   {material_label(record)}"
    if record.categories:
        top += "  ·  " + ", ".join(category_title(c) for c in record.categories)
    parts: list[_Part] = [("panel", record.headline), ("line", top)]
    src = sources_line(record)
    if src:
        parts.append(("line", src))
    parts += [("line", ""), ("line", record.summary)]
    if record.impact:
        parts += [("line", ""), ("line", "What it means for you"), ("line", record.impact)]
    if record.actions:
        parts += [("line", ""), ("line", "What you can do")]
        parts += [("line", f"• {a}") for a in record.actions]
    if record.interpretive_note:
        parts += [("line", ""), ("line", "Note"), ("line", record.interpretive_note)]
    if record.changes:
        parts += [("line", ""), ("line", "Changes")]
        for number, change in enumerate(record.changes, 1):
            parts.append(("line", ""))
            head = f"{number}. {category_title(change.category)} · {change.kind} · {shift_label(change)}"
            parts.append(("line", head))
            if change.section:
                parts.append(("line", f"§ {change.section}"))
            parts.append(("line", change.summary))
            if change.shift_reason:
                parts.append(("line", f"Why: {change.shift_reason}"))
            for label, quotes in (("before", change.quotes_old), ("now", change.quotes_new)):
                parts += [("quote", f"{label}: “{quote}”") for quote in quotes]
    for flag in record.flags:
        parts.append(("line", f"⚠ {flag.code}: {flag.message}"))
    if record.compliance is not None:
        from summarizer.rendering.compliance import compliance_lines

        parts += [("line", "")] + [("line", line) for line in compliance_lines(record.compliance)]
    parts += [("line", ""), ("line", record.disclaimer), ("line", provenance_line(record))]
    return parts
