"""A change record as one self-contained HTML page (inline CSS, no scripts, no external links)."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from summarizer.rendering.common import (
    ARROWS,
    SEVERITY_COLOURS,
    category_title,
    material_label,
    provenance_line,
    shift_direction,
    sources_line,
)

if TYPE_CHECKING:  # pragma: no cover
    from summarizer.model.record import ChangeRecord

TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ r.headline }}</title>
<style>
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; color: #111827; }
h1 { font-size: 1.5rem; line-height: 1.3; }
h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #e5e7eb; }
h3 { font-size: 1rem; margin-bottom: .25rem; }
.badge { display: inline-block; padding: .1rem .5rem; border-radius: .25rem; color: #fff; font-weight: 700; font-size: .85rem; letter-spacing: .03em; }
.meta, .section, .provenance, .sources { color: #4b5563; font-size: .9rem; }
.disclaimer { background: #f3f4f6; border-left: 4px solid #9ca3af; padding: .5rem .75rem; font-style: italic; }
.note { background: #fffbeb; border-left: 4px solid #f59e0b; padding: .5rem .75rem; }
.change { border: 1px solid #e5e7eb; border-radius: .5rem; padding: .75rem 1rem; margin: 1rem 0; }
.shift-up { color: #b91c1c; font-weight: 700; } .shift-down { color: #15803d; font-weight: 700; } .shift-same, .shift-new, .shift-gone { font-weight: 700; }
blockquote { margin: .5rem 0; padding: .25rem .75rem; white-space: pre-wrap; }
blockquote.old { border-left: 4px solid #fca5a5; background: #fef2f2; }
blockquote.new { border-left: 4px solid #86efac; background: #f0fdf4; }
.label { font-size: .8rem; text-transform: uppercase; color: #6b7280; }
.flag { color: #92400e; }
</style>
</head>
<body>
<article>
<h1>{{ r.headline }}</h1>
<p class="meta"><span class="badge" style="background: {{ colour(r.severity) }}">{{ r.severity | upper }}</span>
 {{ material }}{% if r.categories %} · {{ titles(r.categories) }}{% endif %}</p>
{% if sources %}<p class="sources">{{ sources }}</p>{% endif %}
<p class="disclaimer">{{ r.disclaimer }}</p>
<p>{{ r.summary }}</p>
{% if r.impact %}<h2>What it means for you</h2>
<p>{{ r.impact }}</p>{% endif %}
{% if r.actions %}<h2>What you can do</h2>
<ul>{% for a in r.actions %}<li>{{ a }}</li>{% endfor %}</ul>{% endif %}
{% if r.interpretive_note %}<h2>Note</h2>
<p class="note">{{ r.interpretive_note }}</p>{% endif %}
{% if r.changes %}<h2>Changes</h2>
{% for c in r.changes %}<section class="change">
<h3>{{ loop.index }}. {{ title(c.category) }} <span class="meta">({{ c.kind }})</span></h3>
<p>{% if direction(c) == "new" %}<span class="shift-new">New provision:</span>
 <span class="badge" style="background: {{ colour(c.severity_after) }}">{{ c.severity_after | upper }}</span>
{% elif direction(c) == "gone" %}<span class="badge" style="background: {{ colour(c.severity_before) }}">{{ c.severity_before | upper }}</span>
 <span class="shift-gone">→ removed</span>
{% else %}<span class="badge" style="background: {{ colour(c.severity_before) }}">{{ c.severity_before | upper }}</span>
 <span class="shift-{{ direction(c) }}">→ {{ arrow(c) }}</span>
 <span class="badge" style="background: {{ colour(c.severity_after) }}">{{ c.severity_after | upper }}</span>{% endif %}</p>
{% if c.section %}<p class="section">§ {{ c.section }}</p>{% endif %}
<p>{{ c.summary }}</p>
{% if c.shift_reason %}<p><em>Why:</em> {{ c.shift_reason }}</p>{% endif %}
{% for q in c.quotes_old %}<div class="label">Before</div><blockquote class="old">{{ q }}</blockquote>{% endfor %}
{% for q in c.quotes_new %}<div class="label">Now</div><blockquote class="new">{{ q }}</blockquote>{% endfor %}
</section>
{% endfor %}{% endif %}
{% if r.flags %}<h2>Verification flags</h2>
<ul>{% for f in r.flags %}<li class="flag"><code>{{ f.code }}</code>: {{ f.message }}</li>{% endfor %}</ul>{% endif %}
{% if compliance %}{{ compliance | safe }}{% endif %}
<hr>
<p class="provenance">{{ provenance }}</p>
</article>
</body>
</html>
"""


@lru_cache(maxsize=1)
def _template() -> Any:
    from jinja2 import Environment

    env = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
    return env.from_string(TEMPLATE)


def render_html(record: "ChangeRecord") -> str:
    """One self-contained HTML document (all text escaped)."""
    return _template().render(
        r=record,
        material=material_label(record),
        sources=sources_line(record),
        provenance=provenance_line(record),
        colour=lambda s: SEVERITY_COLOURS.get(s, "#6b7280"),
        title=category_title,
        titles=lambda cs: ", ".join(category_title(c) for c in cs),
        direction=shift_direction,
        arrow=lambda c: ARROWS[shift_direction(c)],
        compliance=_compliance_fragment(record),
    )


def _compliance_fragment(record: "ChangeRecord") -> str | None:
    if record.compliance is None:
        return None
    from summarizer.rendering.compliance import compliance_html

    return compliance_html(record.compliance)  # escaped piece by piece
