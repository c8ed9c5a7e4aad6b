"""A change record as a Markdown page (the shape of a published change-record page)."""

from __future__ import annotations

import re
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


_SPECIAL = re.compile(r"[\\`*_\[\]!|~]")
_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}


def md_text(text: str) -> str:
    """Untrusted text (document words, names, model output) as literal Markdown: ``<``, ``>`` and
    ``&`` become entities (no raw HTML, no autolink, no entity tricks) and the characters that
    make emphasis, links, images, code or tables are backslash-escaped, so no renderer that
    allows HTML turns it into markup, a script or a link."""
    text = re.sub(r"[<>&]", lambda m: _ENTITIES[m.group()], text)
    return _SPECIAL.sub(lambda m: "\\" + m.group(), text)


def md_line(text: str) -> str:
    """:func:`md_text` on one line (line breaks become spaces, so nothing starts a new block)."""
    return md_text(" ".join(text.splitlines()))


def md_code(text: str) -> str:
    """*text* as an inline code span whose fence is longer than any run of backticks inside it,
    so a file name holding backticks cannot close the span early."""
    text = " ".join(text.splitlines())
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _blockquote(text: str) -> str:
    return "\n".join("> " + md_text(line) if line.strip() else ">" for line in text.splitlines())


def render_markdown(record: "ChangeRecord") -> str:
    """Markdown page: headline, badge line, disclaimer, summary, impact, actions, note, changes."""
    out: list[str] = [f"# {md_line(record.headline)}", ""]
    line = f"**Severity: {md_line(record.severity.upper())}** · {md_line(material_label(record))}"
    if record.categories:
        line += " · " + ", ".join(md_line(category_title(c)) for c in record.categories)
    out += [line, ""]
    src = sources_line(record)
    if src:
        out += [f"*Compared:* {md_code(src)}", ""]
    out += [f"> *{md_line(record.disclaimer)}*", "", md_text(record.summary), ""]
    if record.impact:
        out += ["## What it means for you", "", md_text(record.impact), ""]
    if record.actions:
        out += ["## What you can do", ""] + [f"- {md_line(a)}" for a in record.actions] + [""]
    if record.interpretive_note:
        out += ["## Note", "", md_text(record.interpretive_note), ""]
    if record.changes:
        out += ["## Changes", ""]
        for n, c in enumerate(record.changes, 1):
            out += [
                f"### {n}. {md_line(category_title(c.category))} ({md_line(c.kind)})",
                "",
                f"**Severity:** {md_line(shift_label(c))}  ",
            ]
            if c.section:
                out.append(f"**Section:** {md_line(c.section)}")
            out += ["", md_text(c.summary), ""]
            if c.shift_reason:
                out += [f"*Why:* {md_line(c.shift_reason)}", ""]
            for label, quotes in (("Before", c.quotes_old), ("Now", c.quotes_new)):
                if quotes:
                    out += [f"{label}:", ""]
                    for q in quotes:
                        out += [_blockquote(q), ""]
    if record.flags:
        out += (
            ["## Verification flags", ""]
            + [f"- {md_code(f.code)}: {md_line(f.message)}" for f in record.flags]
            + [""]
        )
    if record.compliance is not None:
        from summarizer.rendering.compliance import compliance_markdown

        out += [compliance_markdown(record.compliance)]
    out += ["---", "", f"<sub>{md_line(provenance_line(record))}</sub>", ""]
    return "\n".join(out)
