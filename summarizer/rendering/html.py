"""A change record as HTML, from the Jinja2 templates in ``templates/`` (autoescaped).

``templates/record_body.html`` is the one rendering of a record's HTML: ``compare --format html``
wraps it in ``record.html`` (one self-contained page: inline CSS, no scripts, no external links),
and the site's record pages wrap it in the site layout (``summarizer.site`` adds this folder to its
template search path). :func:`record_context` is what the body needs; the site passes its links,
dates and marks on top.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from summarizer.rendering.common import (
    category_title,
    change_anchor,
    material_label,
    provenance_line,
    shift_direction,
    sources_line,
)

if TYPE_CHECKING:  # pragma: no cover
    from summarizer.model.record import ChangeRecord

TEMPLATES = Path(__file__).resolve().parent / "templates"

# the helpers the record templates call (the site's environment gets them too)
TEMPLATE_GLOBALS = {
    "direction": shift_direction,
    "material_label": material_label,
    "provenance_line": provenance_line,
    "anchor": change_anchor,
}


@lru_cache(maxsize=1)
def environment() -> Any:
    """Autoescaped, strict: an unknown name is an error, never an empty string."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["title"] = category_title
    env.globals.update(TEMPLATE_GLOBALS)
    return env


def record_context(record: ChangeRecord, **overrides: Any) -> dict[str, Any]:
    """What ``record_body.html`` needs for *record*: the record's own names and dates, no links
    (*overrides*: the site's root, provision paths, version links and marks)."""
    context: dict[str, Any] = {
        "r": record,
        "root": "",
        "provision_paths": {},
        "service": record.service,
        "document": record.document,
        "old_label": record.old_date,
        "new_label": record.new_date,
        "old_path": None,
        "new_path": None,
        "sources": sources_line(record),
        "mark": None,
        "mark_label": None,
        "compliance": _compliance_fragment(record),
    }
    context.update(overrides)
    return context


def render_html(record: ChangeRecord) -> str:
    """One self-contained HTML document (all text escaped)."""
    return environment().get_template("record.html").render(**record_context(record))


def _compliance_fragment(record: ChangeRecord) -> str | None:
    if record.compliance is None:
        return None
    from summarizer.rendering.compliance import compliance_html

    return compliance_html(record.compliance)  # escaped piece by piece
