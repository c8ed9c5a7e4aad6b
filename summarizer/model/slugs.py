"""Permalinks of provision pages, shared by the site and the cross-service comparison.

A provision (service, document, category) lives at ``provision_path(...)``, relative to the site
root, e.g. ``services/adsense/privacy-policy/data_retention/`` (category ids are already slugs).
"""

from __future__ import annotations

import re
import unicodedata

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def slug(name: str) -> str:
    """'Google Play – Privacy Policy' -> 'google-play-privacy-policy' (ASCII, never empty)."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    return _NON_SLUG.sub("-", folded).strip("-") or "x"


def provision_path(service: str, document: str, category: str) -> str:
    """The site-relative path of a provision page (ends with '/'; the page is its index.html)."""
    return f"services/{slug(service)}/{slug(document)}/{slug(category).replace('-', '_')}/"
