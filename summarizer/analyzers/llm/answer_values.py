"""The values a model's answer may take (change kinds, directions, severities, category ids), and
reading a value the model wrote (a synonym, a title, another spelling) as one of them."""

from __future__ import annotations

import re

from summarizer.model.taxonomy import CATEGORIES, SEVERITIES

KINDS = ("added", "removed", "expanded", "narrowed", "reworded", "moved")
DIRECTIONS = ("up", "down", "same")  # the effect on the user: up = worse
KIND_SYNONYMS = {
    "modified": "reworded",
    "changed": "reworded",
    "updated": "reworded",
    "new": "added",
    "deleted": "removed",
    "broadened": "expanded",
    "reduced": "narrowed",
    "restricted": "narrowed",
}
_SEVERITY_SYNONYMS = {
    "critical": "high",
    "severe": "high",
    "moderate": "medium",
    "minor": "low",
    "info": "low",
    "negligible": "low",
    "no": "none",
    "n/a": "none",
}


def severity_value(value: str) -> str | None:
    v = (value or "").strip().lower()
    v = _SEVERITY_SYNONYMS.get(v, v)
    return v if v in SEVERITIES else None


def category_value(value: str) -> str | None:
    v = (value or "").strip()
    if v in CATEGORIES:
        return v
    key = re.sub(r"[\s-]+", "_", v.lower())
    if key in CATEGORIES:
        return key
    for c in CATEGORIES.values():
        if v.lower() == c.title.lower():
            return c.id
    return None
