"""Permalinks of provision pages, shared by the site and the cross-service comparison.

A provision (service, document, category) lives at ``provision_path(...)``, relative to the site
root, e.g. ``s/adsense/privacy-policy/data-retention.html``; the site's other paths
(``summarizer.site.paths``) are built from the same :func:`slug`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_SLUG = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=4096)
def slug(name: str) -> str:
    """'Google Play – Privacy Policy' -> 'google-play-privacy-policy' (ASCII, never empty)."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    return _NON_SLUG.sub("-", folded).strip("-") or "x"


def provision_path(service: str, document: str, category: str) -> str:
    """The site-relative path of a provision page."""
    return f"s/{slug(service)}/{slug(document)}/{slug(category)}.html"
