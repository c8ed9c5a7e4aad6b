"""Render a :class:`~summarizer.model.record.ChangeRecord` as terminal text, JSON, Markdown or HTML.

Every format carries the headline, the severity, the quotes and the disclaimer. The renderers
only read the record: they never change it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from summarizer.errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    from summarizer.model.record import ChangeRecord

FORMATS = ("text", "json", "markdown", "html")


def render(record: "ChangeRecord", fmt: str = "text", *, color: bool = False, width: int = 100) -> str:
    """The record in format *fmt* ('text', 'json', 'markdown' or 'html') as a string.

    ``color`` and ``width`` only apply to 'text' (ANSI colours off by default).
    """
    if fmt == "json":
        return record.model_dump_json(indent=2) + "\n"
    if fmt == "text":
        if not color:  # laid out without importing rich, where the text allows (same bytes)
            from summarizer.rendering.plain_text import render_plain

            plain = render_plain(record, width)
            if plain is not None:
                return plain
        from summarizer.rendering.text import render_text

        return render_text(record, color=color, width=width)
    if fmt in ("markdown", "md"):
        from summarizer.rendering.markdown import render_markdown

        return render_markdown(record)
    if fmt == "html":
        from summarizer.rendering.html import render_html

        return render_html(record)
    raise InputError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
