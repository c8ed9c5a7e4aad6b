"""Small helpers shared by the record renderers: labels, arrows, provenance lines."""

from __future__ import annotations

from typing import TYPE_CHECKING

from summarizer.model.taxonomy import CATEGORIES, Severity

if TYPE_CHECKING:  # pragma: no cover
    from summarizer.model.record import Change, ChangeRecord

SEVERITY_COLOURS = {"none": "#6b7280", "low": "#15803d", "medium": "#b45309", "high": "#b91c1c"}


def category_title(category: str) -> str:
    """'third_party_sharing' -> 'Sharing with third parties'."""
    found = CATEGORIES.get(category)
    return found.title if found else category.replace("_", " ").capitalize()


def shift_direction(change: "Change") -> str:
    """'new' (the provision was absent), 'gone' (it was removed), else 'up', 'down' or 'same'.

    Whether a new or removed provision is better or worse for the user is in its shift reason:
    an arrow would mislead (a new opt-out goes from none to low, yet it protects the user).
    """
    before, after = Severity(change.severity_before), Severity(change.severity_after)
    if before is Severity.none and after is not Severity.none:
        return "new"
    if after is Severity.none and before is not Severity.none:
        return "gone"
    if after > before:
        return "up"
    if after < before:
        return "down"
    return "same"


ARROWS = {"up": "▲", "down": "▼", "same": "=", "new": "(new)", "gone": "(removed)"}


def shift_label(change: "Change") -> str:
    """'medium → high ▲', 'new: low', 'medium → removed'."""
    direction = shift_direction(change)
    if direction == "new":
        return f"new: {change.severity_after}"
    if direction == "gone":
        return f"{change.severity_before} → removed"
    return f"{change.severity_before} → {change.severity_after} {ARROWS[direction]}"


def material_label(record: "ChangeRecord") -> str:
    return "material change" if record.material else "no material change"


def provenance_line(record: "ChangeRecord") -> str:
    """One line: who made the record, with what, how fast."""
    p = record.provenance
    parts = [f"analyzer {p.analyzer}"]
    if p.model:
        parts.append(f"model {p.model}")
    if p.prompt_version:
        parts.append(f"prompt {p.prompt_version}")
    parts.append(f"change-summarizer {p.library_version}")
    if p.tokens.calls:
        parts.append(
            f"{p.tokens.prompt_tokens + p.tokens.completion_tokens} tokens in {p.tokens.calls} calls"
            + (f" ({p.tokens.cache_hits} cached)" if p.tokens.cache_hits else "")
        )
    if p.cost_usd:
        parts.append(f"${p.cost_usd:.4f}")
    t = p.timings_ms
    # 'analyze' already includes the analyzer's own steps; add the diff that came before it
    total = t["analyze"] + t.get("diff", 0.0) if "analyze" in t else sum(t.values())
    if total:
        parts.append(f"{total:.0f} ms")
    return " · ".join(parts)


def sources_line(record: "ChangeRecord") -> str | None:
    p = record.provenance
    if p.old_source and p.new_source:
        return f"{p.old_source} → {p.new_source}"
    return None


def change_anchor(index: int, category: str) -> str:
    """The id of one change in a record's HTML (1-based index, so links stay readable); the site's
    'View change record' links land on it."""
    from summarizer.model.slugs import slug

    return f"change-{index}-{slug(category)}"
