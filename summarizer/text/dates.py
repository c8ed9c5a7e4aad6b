"""Dates in document text, defined once: a date ("March 1st, 2023", "1 March 2023", "2023-03-01",
"01/03/2023"), a line that starts with a date label ("Last updated", "Effective date", ...), and
a text that holds nothing but dates.

Used by the section parser and the cosmetic check (a 'Last updated' line is neither a heading nor a
change of terms), the truncation check, breadcrumbs (a dated line is not a section name) and the
rules analyzer's provisions and prose. Compiled on first use (``text.lazy_re``).
"""

from __future__ import annotations

import re

from summarizer.text.lazy_re import lazy

#: a month's name or abbreviation (case-insensitive patterns only): "jan", "January", "Sept."
MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_ORDINAL = r"(?:st|nd|rd|th)?"

#: a date anywhere in a text: month-day-year, day-month-year, ISO, or numeric with / or .
DATE = lazy(
    rf"\b(?:{MONTH}\s+\d{{1,2}}{_ORDINAL},?\s+\d{{4}}|\d{{1,2}}{_ORDINAL}\s+{MONTH},?\s+\d{{4}}|"
    r"\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4})\b",
    re.I,
)

#: a line (normalised text) that starts with a date label: 'Last updated', 'Effective date', ...
DATE_LINE = lazy(
    r"^\W*(?:last\s+(?:updated|modified|revised|changed)|effective(?:\s+date|\s+as\s+of|\s+from|\s+on)?|"
    r"updated(?:\s+on)?|date\s+of\s+last\s+revision|version\s+date|revised(?:\s+on)?|"
    r"this\s+(?:policy|version)\s+(?:was\s+)?(?:last\s+)?(?:updated|effective))\b",
    re.I,
)

#: a text made of nothing but dates: day and year numbers, month names, separators
DATE_ONLY = lazy(rf"^(?:\s|[,./-]|\d{{1,4}}{_ORDINAL}|{MONTH})+$", re.I)
