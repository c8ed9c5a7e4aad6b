"""Breadcrumbs from real headings only (issue 12).

The section tree takes any heading-like line as a section: a bold effective date, a postal
address, a whole sentence set in bold. Those are not section names, and a breadcrumb like
"Privacy Policy › 1 Meta Way" misleads. They are left out of the breadcrumb the record shows.
"""

from __future__ import annotations

import re

from summarizer.text.extract import plain
from summarizer.text.lazy_re import lazy

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = lazy(
    rf"\b{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}\b|\b\d{{1,2}}\s+{_MONTH}\s+\d{{4}}\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b"
    r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b",
    re.I,
)
_DATE_WORDS = lazy(r"^(?:effective|last (?:updated|modified|revised)|updated|revised|version|dated?)\b", re.I)
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
    if _DATE.search(text) and (len(words) <= 6 or _DATE_WORDS.match(text)):
        return False
    if len(words) > 14 or (len(words) > 8 and text.endswith((".", "!", "?"))):
        return False
    return True


def breadcrumb(section: tuple[str, ...]) -> str:
    """The section path as a breadcrumb of real headings (the first, the document, is always kept)."""
    kept = [c for i, c in enumerate(section) if i == 0 or is_heading_name(c)]
    return " › ".join(kept)
