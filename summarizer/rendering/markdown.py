"""A change record as a Markdown page (the shape of a published change-record page)."""

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


def _blockquote(text: str) -> str:
    return "\n".join("> " + line if line.strip() else ">" for line in text.splitlines())


def render_markdown(record: "ChangeRecord") -> str:
    """Markdown page: headline, badge line, disclaimer, summary, impact, actions, note, changes."""
    out: list[str] = [f"# {record.headline}", ""]
    line = f"**Severity: {record.severity.upper()}** · {material_label(record)}"
    if record.categories:
        line += " · " + ", ".join(category_title(c) for c in record.categories)
    out += [line, ""]
    src = sources_line(record)
    if src:
        out += [f"*Compared:* `{src}`", ""]
    out += [f"> *{record.disclaimer}*", "", record.summary, ""]
    if record.impact:
        out += ["## What it means for you", "", record.impact, ""]
    if record.actions:
        out += ["## What you can do", ""] + [f"- {a}" for a in record.actions] + [""]
    if record.interpretive_note:
        out += ["## Note", "", record.interpretive_note, ""]
    if record.changes:
        out += ["## Changes", ""]
        for n, c in enumerate(record.changes, 1):
            out += [
                f"### {n}. {category_title(c.category)} ({c.kind})",
                "",
                f"**Severity:** {shift_label(c)}  ",
            ]
            if c.section:
                out.append(f"**Section:** {c.section}")
            out += ["", c.summary, ""]
            if c.shift_reason:
                out += [f"*Why:* {c.shift_reason}", ""]
            for label, quotes in (("Before", c.quotes_old), ("Now", c.quotes_new)):
                if quotes:
                    out += [f"{label}:", ""]
                    for q in quotes:
                        out += [_blockquote(q), ""]
    if record.flags:
        out += ["## Verification flags", ""] + [f"- `{f.code}`: {f.message}" for f in record.flags] + [""]
    if record.compliance is not None:
        from summarizer.rendering.compliance import compliance_markdown

        out += [compliance_markdown(record.compliance)]
    out += ["---", "", f"<sub>{provenance_line(record)}</sub>", ""]
    return "\n".join(out)
