"""The optional compliance section of a record in text, Markdown and HTML (JSON is the model's own).

Public for the site: ``compliance_markdown(section)`` and ``compliance_html(section)`` return a
fragment (HTML escaped) that a provision or record page can embed; each carries the disclaimer.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from summarizer.model.compliance import ComplianceSection, Statement

PARTS = (
    ("landscape", "Regulatory landscape"),
    ("contracts", "Contract and vendor implications"),
    ("considerations", "Compliance considerations"),
)


def _cite(s: "Statement") -> str:
    ids = ", ".join(s.entries)
    return f" [{ids}]" if ids else ""


def compliance_lines(section: "ComplianceSection") -> list[str]:
    """Plain-text lines (the terminal view and the text format)."""
    out = ["COMPLIANCE ANALYSIS", section.disclaimer, ""]
    out += [f"Governance exposure: {section.exposure.level.upper()}"]
    out += [f"  - {r.text}{_cite(r)}" for r in section.exposure.reasons]
    out += ["", "Jurisdiction flags:"]
    for f in section.jurisdictions:
        out.append(
            f"  - {f.code} ({f.name}): {f.reason}" + (f" [{', '.join(f.entries)}]" if f.entries else "")
        )
        out += [f"      “{q}”" for q in f.quotes]
    for attr, title in PARTS:
        items = getattr(section, attr)
        out += ["", f"{title}:"]
        if not items:
            out.append("  - (none)")
        for s in items:
            out.append(f"  - {s.text}{_cite(s)}")
            out += [f"      “{q}”" for q in s.quotes]
    for note in section.notes:
        out.append(f"Note: {note}")
    out.append(f"Citations from {section.table_version}; method: {section.method}.")
    return out


def compliance_text(section: "ComplianceSection") -> str:
    return "\n".join(compliance_lines(section)) + "\n"


def _md_escape(text: str) -> str:
    from summarizer.rendering.markdown import md_line  # one escaping for every Markdown output

    return md_line(text)


def _md_quote(text: str) -> str:
    return "\n".join("> " + _md_escape(line) if line.strip() else ">" for line in text.splitlines())


def compliance_markdown(section: "ComplianceSection", level: int = 2) -> str:
    """A Markdown fragment (headings at *level*), document text escaped."""
    h, hh = "#" * level, "#" * (level + 1)
    out = [f"{h} Compliance analysis", "", f"> *{section.disclaimer}*", ""]
    out += [f"{hh} Governance exposure: {section.exposure.level.upper()}", ""]
    out += [f"- {r.text}{_cite(r)}" for r in section.exposure.reasons] + [""]
    out += [f"{hh} Jurisdiction flags", ""]
    for f in section.jurisdictions:
        cite = f" `{', '.join(f.entries)}`" if f.entries else ""
        out.append(f"- **{f.code}** ({_md_escape(f.name)}): {_md_escape(f.reason)}{cite}")
        out += ["", *[_md_quote(q) for q in f.quotes], ""] if f.quotes else []
    out.append("")
    for attr, title in PARTS:
        out += [f"{hh} {title}", ""]
        for s in getattr(section, attr):
            cite = f" `{', '.join(s.entries)}`" if s.entries else ""
            out.append(f"- {_md_escape(s.text)}{cite}")
            if s.quotes:
                out += ["", *[_md_quote(q) for q in s.quotes], ""]
        out.append("")
    out += [f"- *Note:* {_md_escape(n)}" for n in section.notes]
    out += ["", f"<sub>Citations from {section.table_version}; method: {section.method}.</sub>", ""]
    return "\n".join(out)


def _html_statement(s: "Statement") -> str:
    cite = "".join(f' <code class="entry">{escape(i)}</code>' for i in s.entries)
    quotes = "".join(f'<blockquote class="new">{escape(q)}</blockquote>' for q in s.quotes)
    return f"<li>{escape(s.text)}{cite}{quotes}</li>"


def compliance_html(section: "ComplianceSection") -> str:
    """An HTML fragment (<section class="compliance">), every piece of text escaped."""
    parts = [
        '<section class="compliance">',
        "<h2>Compliance analysis</h2>",
        f'<p class="disclaimer">{escape(section.disclaimer)}</p>',
        f"<h3>Governance exposure: {escape(section.exposure.level.upper())}</h3>",
        "<ul>" + "".join(_html_statement(r) for r in section.exposure.reasons) + "</ul>",
        "<h3>Jurisdiction flags</h3><ul>",
    ]
    for f in section.jurisdictions:
        cite = "".join(f' <code class="entry">{escape(i)}</code>' for i in f.entries)
        quotes = "".join(f'<blockquote class="new">{escape(q)}</blockquote>' for q in f.quotes)
        parts.append(
            f"<li><strong>{escape(f.code)}</strong> ({escape(f.name)}): {escape(f.reason)}{cite}{quotes}</li>"
        )
    parts.append("</ul>")
    for attr, title in PARTS:
        items = getattr(section, attr)
        parts.append(f"<h3>{title}</h3><ul>" + "".join(_html_statement(s) for s in items) + "</ul>")
    parts += [f'<p class="note">{escape(n)}</p>' for n in section.notes]
    parts.append(
        f'<p class="provenance">Citations from {escape(section.table_version)}; method: {escape(section.method)}.</p>'
    )
    parts.append("</section>")
    return "\n".join(parts)
