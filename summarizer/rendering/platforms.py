"""'How other platforms handle this' as text, JSON or Markdown, from ``PlatformComparison.to_dict()``.

Excerpts are document text, which is untrusted: every format escapes it (terminal control and
bidi characters made visible in text; Markdown and HTML syntax neutralised in Markdown; JSON is
ASCII-only so no raw control byte reaches a terminal).
"""

from __future__ import annotations

import json
import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def plain(text: str) -> str:
    """Text safe for a terminal: control and bidi characters shown as \\uXXXX."""
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def md(text: str) -> str:
    """Text safe inside Markdown: one line, HTML entities, Markdown punctuation backslash-escaped."""
    text = plain(" ".join(text.split()))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def render_json(data: dict) -> str:
    return json.dumps(data, indent=2, ensure_ascii=True)


def _shorten(text: str, words: int = 80) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def render_text(data: dict) -> str:
    head = f"{data['service']} · {data['document']} · {data['category_title']}"
    out = [plain(head), "How other platforms handle this", ""]
    if not data["own_passages"]:
        out += [
            "(This document has no passage on this provision; compared by the category's description.)",
            "",
        ]
    if not data["examples"]:
        out += ["No other service's current documents treat this provision.", ""]
    for i, ex in enumerate(data["examples"], 1):
        out.append(plain(f"{i}. {ex['service']} · {ex['document']} (version of {ex['version_date']})"))
        out.append("   " + plain(_shorten(ex["excerpt"])))
        out.append(f"   {plain(ex['link'])}")
        out.append("")
    for s in data["stances"]:
        out.append(plain(s["summary"]))
        for e in ([s["this"]] if s["this"] else []) + s["stating"] + s["denying"]:
            out.append(
                plain(f'  - {e["service"]} ({e["shown"]}): "{_shorten(e["excerpt"], 40)}" {e["link"]}')
            )
        out.append("")
    out.append(data["disclaimer"])
    return "\n".join(out) + "\n"


def render_markdown(data: dict) -> str:
    out = [
        f"## How other platforms handle this: {md(data['category_title'])}",
        "",
        f"*{md(data['service'])} · {md(data['document'])}*",
        "",
    ]
    if not data["examples"]:
        out += ["No other service's current documents treat this provision.", ""]
    for ex in data["examples"]:
        out.append(
            f"- **[{md(ex['service'])} · {md(ex['document'])}]({ex['link']})** "
            f"(version of {ex['version_date']})"
        )
        out.append(f"  > {md(_shorten(ex['excerpt']))}")
    out.append("")
    for s in data["stances"]:
        out += [f"**{md(s['label'].capitalize())}.** {md(s['summary'])}", ""]
        for e in ([s["this"]] if s["this"] else []) + s["stating"] + s["denying"]:
            out.append(
                f"- [{md(e['service'])}]({e['link']}) ({md(e['shown'])}): “{md(_shorten(e['excerpt'], 40))}”"
            )
        out.append("")
    out += [f"*{md(data['disclaimer'])}*", ""]
    return "\n".join(out)


RENDERERS = {"text": render_text, "json": render_json, "markdown": render_markdown}
