"""Changes that only touch a list of names or a table of statistics (issue 12).

Real captures change in places that say nothing of the user's relationship with the service:

- a **trademark list** gains or drops product names and logos, or a ™ becomes ®;
- the yearly **request statistics** a privacy policy publishes (CCPA metrics: requests received,
  complied with, average response time) are updated for the next year;
- a **list of credited sources** (map data providers, each a name, a link and maybe its licence)
  gains or loses entries.

A provision whose every unit is one of these is not material. Each test is narrow on purpose: a
list whose entries speak (a sentence, a modal verb, more than a few words) or a figure in a term
('30 days' becoming '90 days' in a retention clause) is never caught here.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from summarizer.text.extract import word_edits
from summarizer.text.lazy_re import lazy

if TYPE_CHECKING:  # pragma: no cover
    from summarizer.analyzers.rules.provisions import Unit

#: An entry of a name list has at most this many words (the name plus a generic term).
NAME_ENTRY_WORDS = 10

_MARK = lazy(r"[™®℠]|\((?:tm|r|sm)\)", re.I)
_LIST_MARK = lazy(r"^\s*(?:[-*+•]\s+|\d{1,3}[.)]\s+)")
_SPEAKS = lazy(
    r"\b(?:you|your|we|our|us|may|must|shall|will|can|cannot|should|not|agree|use|using|used)\b", re.I
)


def _entry_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip() and set(line.strip()) - set("|-: ")]


def _name_entry(line: str) -> bool:
    """A table row or list item that names a trademark: it carries a ™/®/℠ mark, has a few words
    only and does not speak (no pronoun, modal or verb of a term)."""
    body = _LIST_MARK.sub("", line).replace("|", " ")
    words = body.split()
    return (
        bool(_MARK.search(body))
        and 0 < len(words) <= NAME_ENTRY_WORDS
        and not _SPEAKS.search(body)
        and not body.rstrip().endswith((".", ":", ";"))
    )


def name_list_only(unit: Unit) -> bool:
    """Every line the unit added, removed or changed is an entry of a trademark list."""
    if unit.kind == "moved":
        return False
    lines = _entry_lines(unit.old_text) + _entry_lines(unit.new_text)
    return bool(lines) and all(_name_entry(line) for line in lines)


_FIGURE = lazy(r"^\(?\d[\d,.]*%?\)?[.,;:]?$")
_PERIOD_WORDS = frozenset({"day", "days", "hour", "hours", "week", "weeks", "percent", "million", "thousand"})
_STATISTICS = lazy(
    r"\b(?:metrics|statistics|received|complied(?: with)?|average response time|requests? (?:received|"
    r"denied|processed)|number of (?:requests|reports|users|accounts)|transparency report)\b",
    re.I,
)
_LABELLED_COUNT = lazy(r"^[^\d\n]{2,60}:\s*\d[\d,.]*(?:\s+\w+)?\s*$", re.M)


def statistics_only(unit: Unit) -> bool:
    """A changed passage of published statistics where only the figures changed: the counts of a
    metrics block ('Received: 3' -> 'Received: 16', 'Average response time: 1 day' -> '1.1 days')
    or the year those metrics cover ('The metrics above are for calendar year 2024')."""
    if unit.kind != "modified" or not unit.old_text or not unit.new_text:
        return False
    old, new = unit.hunk.old_text, unit.hunk.new_text
    if not (_STATISTICS.search(old) and _STATISTICS.search(new)):
        return False
    edits = word_edits(old, new)
    if not edits:
        return False
    for e in edits:
        for token in old[e.old[0] : e.old[1]].split() + new[e.new[0] : e.new[1]].split():
            token = token.strip("*_")
            if not (_FIGURE.match(token) or token.lower().strip(".,;:") in _PERIOD_WORDS):
                return False
    counts = len(_LABELLED_COUNT.findall(old))
    return counts >= 2 or bool(re.search(r"\b(?:metrics|statistics)\b", old, re.I))


#: A credit entry has at most this many words besides its links.
CREDIT_WORDS = 20
_LINKED = lazy(r"\]\(|https?://|www\.")
_LINK_TEXT = lazy(r"!?\[[^\]]*\]\([^)]*\)|https?://[^\s<>)\]]+|www\.[^\s<>)\]]+")


def _credit_entry(line: str) -> bool:
    """A list item that credits a source: a name, its link(s) and maybe its licence, nothing said
    to the reader ('*   Datos Abiertos Colombia.: [https://www.datos.gov.co/...](...)')."""
    if not _LIST_MARK.match(line) or not _LINKED.search(line):
        return False
    body = _LIST_MARK.sub("", _LINK_TEXT.sub(" ", line))
    return len(body.split()) <= CREDIT_WORDS and not _SPEAKS.search(body)


def credit_list_only(unit: Unit) -> bool:
    """Every line the unit added or removed is a credit entry of a list of sources (attributions)."""
    if unit.kind not in ("added", "removed"):
        return False
    lines = _entry_lines(unit.old_text) + _entry_lines(unit.new_text)
    return bool(lines) and all(_credit_entry(line) for line in lines)


#: A navigation menu has at least this many entries ...
MENU_ENTRIES = 5
#: ... each of at most this many words (a product or page name) ...
MENU_ENTRY_WORDS = 5
#: ... and at most this many other lines (a caption: "Brands Select a brand"), each this short.
MENU_CAPTIONS = 2
MENU_CAPTION_WORDS = 8


def menu_only(unit: Unit) -> bool:
    """An added or removed run of bare names above the document's first heading (no section):
    a navigation menu or product picker of the page ('*   Android', '*   Google Gemini', ...), not
    text of the document. A list under a heading (data types, partners) is never caught here."""
    if unit.kind not in ("added", "removed") or unit.section:
        return False
    lines = _entry_lines(unit.old_text or unit.new_text)
    entries = [line for line in lines if _LIST_MARK.match(line)]
    others = [line for line in lines if not _LIST_MARK.match(line)]
    if len(entries) < MENU_ENTRIES or len(others) > MENU_CAPTIONS:
        return False
    bodies = [_LIST_MARK.sub("", _LINK_TEXT_ONLY.sub(r"\1", line)) for line in entries]
    return all(
        0 < len(_WORDS.findall(b)) <= MENU_ENTRY_WORDS
        and not _SPEAKS.search(b)
        and not b.rstrip().endswith((".", ";", ":"))
        for b in bodies
    ) and all(len(o.split()) <= MENU_CAPTION_WORDS and not _SPEAKS.search(o) for o in others)


_LINK_TEXT_ONLY = lazy(r"\[([^\]]*)\]\([^)]*\)")
_WORDS = lazy(r"[^\W_]+")


def listing_only(units: list[Unit]) -> bool:
    """Every unit only changes a trademark list, a table of published statistics, a list of
    credited sources or a navigation menu above the document."""
    return bool(units) and all(
        name_list_only(u) or statistics_only(u) or credit_list_only(u) or menu_only(u) for u in units
    )


#: A table cell or line-broken list entry of at most this many words is an item of a list.
ITEM_WORDS = 6
_CELL_SPLIT = lazy(r"<br\s*/?>|\|")
_MD_LINK_TARGET = lazy(r"\]\([^)]*\)|https?://[^\s<>|]+")


def _items(text: str) -> set[str]:
    from summarizer.text.normalise import loose_key  # noqa: PLC0415

    out = set()
    for piece in _CELL_SPLIT.split(_MD_LINK_TARGET.sub("]", text)):
        key = loose_key(piece)
        if key and len(key.split()) <= ITEM_WORDS and any(ch.isalpha() for ch in key):
            out.add(key)
    return out


def row_items(text: str) -> set[str]:
    """The items a table row lists in its cells (entries separated by ``<br>`` or ``|``), loose keys."""
    return _items(text)


def cell_items_changed(units: list[Unit]) -> bool:
    """A changed table row lists other items in its cells ('Device information' dropped from the
    data an SDK collects, 'Yahoo! Japan' added to the advertising partners): a list the rubric's
    enumeration signal does not see, because its items are separated by ``<br>`` or ``|``."""
    for u in units:
        if u.kind != "modified":
            continue
        old, new = u.hunk.old_text, u.hunk.new_text
        if "|" not in old or "|" not in new:
            continue
        if _items(old) != _items(new):
            return True
    return False
