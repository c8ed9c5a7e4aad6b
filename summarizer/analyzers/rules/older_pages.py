"""A page appended to the capture that carries its own, older effective date (issue 12, round 7).

Archives re-extract a document and sometimes capture a neighbouring page with it: Snap's Terms of
Service gained, at their end, the "Amendment to Snap Inc. Terms of Service for U.S. Government Users"
("Effective: October 30, 2019"), a page that existed long before the old version (whose newest date
line reads April 2025). Blocks added at the very end of the capture, headed by a title and a date line
of their own ("Effective: ...", "Last updated ...", in their first lines) older than the newest date
line of the old version, are text newly captured, not text newly written: the service changed nothing.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from summarizer.text.dates import DATE, DATE_LINE

if TYPE_CHECKING:  # pragma: no cover
    from summarizer.model.diff import DiffResult

#: The appended page's date line must come within this many non-empty lines of its start.
HEAD_LINES = 6
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def parse_date(text: str) -> date | None:
    """The first written-out or ISO date of *text* ('October 30, 2019', '30 October 2019',
    '2019-10-30'); numeric dates with / or . are ambiguous and ignored."""
    for m in DATE.finditer(text):
        found = m.group(0).lower().replace(",", " ")
        iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", found)
        try:
            if iso:
                return date(int(iso[1]), int(iso[2]), int(iso[3]))
            words = found.replace(".", " ").split()
            month = next((i + 1 for i, w in enumerate(_MONTHS) if any(x.startswith(w) for x in words)), 0)
            nums = [int(re.sub(r"\D", "", w)) for w in words if re.match(r"\d", w)]
            if month and len(nums) == 2:
                day, year = (nums[0], nums[1]) if nums[0] <= 31 and nums[1] > 31 else (nums[1], nums[0])
                return date(year, month, day)
        except ValueError:
            continue
    return None


def _dated_lines(text: str) -> list[date]:
    out = []
    for line in text.splitlines():
        clean = line.strip(" \t*_#>")
        if DATE_LINE.match(clean):
            when = parse_date(clean)
            if when is not None:
                out.append(when)
    return out


def older_page_appended(diff: DiffResult) -> set[int]:
    """The ids of the blocks added at the end of the capture that make up an older page (see the
    module): a run of added hunks with nothing but white space between them and after the last."""
    added = sorted((h for h in diff.hunks if not h.cosmetic and h.kind == "added"), key=lambda x: x.new_start)
    text = diff.new.text
    run: list = []
    end = len(text)
    for h in reversed(added):
        if text[h.new_end : end].strip():
            break
        run.insert(0, h)
        end = h.new_start
    if not run:
        return set()
    lines = [ln.strip(" \t*_#>-=") for ln in run[0].new_text.splitlines()]
    lines = [ln for ln in lines if ln]
    if len(lines) < 2:
        return set()  # no title and date of its own
    own = _dated_lines("\n".join(lines[:HEAD_LINES]))
    before = _dated_lines(diff.old.text)
    if not own or not before or own[0] >= max(before):
        return set()  # dated after the old version: it may be new text
    return {h.id for h in run}
