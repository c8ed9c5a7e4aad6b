"""Breadcrumbs from real headings only (issue 12).

The section tree takes any heading-like line as a section: a bold effective date, a postal
address, a whole sentence set in bold. Those are not section names, and a breadcrumb like
"Privacy Policy › 1 Meta Way" misleads. They are left out of the breadcrumb the record shows.
"""

from __future__ import annotations

import re

from summarizer.text.dates import DATE, DATE_LINE
from summarizer.text.extract import plain
from summarizer.text.lazy_re import lazy

_ADDRESS = lazy(
    r"^\d+[\w-]*\s+(?:[A-Z][\w.'-]*\s+){0,4}(?:way|street|st\.?|avenue|ave\.?|road|rd\.?|boulevard|blvd\.?|"
    r"drive|dr\.?|lane|ln\.?|place|pl\.?|court|ct\.?|parkway|pkwy\.?|plaza|square|sq\.?|suite|floor)\b"
    r"|\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b|\bP\.?\s?O\.? Box\b",
    re.I,
)
_URL = lazy(r"https?://|www\.|\S+@\S+\.\w+")


def is_heading_name(crumb: str) -> bool:
    """True when *crumb* reads like a section name, not a date, an address, a link or a sentence."""
    text = plain(crumb).strip()
    if not text:
        return False
    words = text.split()
    if _URL.search(text) or _ADDRESS.search(text):
        return False
    if DATE.search(text) and (len(words) <= 6 or DATE_LINE.match(text)):
        return False
    if len(words) > 14 or (len(words) > 8 and text.endswith((".", "!", "?"))):
        return False
    return True


def breadcrumb(section: tuple[str, ...]) -> str:
    """The section path as a breadcrumb of real headings (the first, the document, is always kept)."""
    kept = [c for i, c in enumerate(section) if i == 0 or is_heading_name(c)]
    return " › ".join(kept)
