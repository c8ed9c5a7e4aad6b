"""Two more frames for a list's lead-in, read where :func:`list_items.frame_of` finds none (issue 12,
round 8, cues8): what the lead-in does to the reader of a business user's document.

- a **ban in the passive** on what the list names ("Items imported from or originating in the
  following countries and regions may not be sold on Joom:", "The following products must not be
  advertised:"): the rule binds whoever sells, lists or advertises, the reader of merchant and
  advertiser terms, though no "you" or "sellers" stands before "may not". Read as ``bans``: an item
  added is worse for the reader, an item taken out better. Only verbs of offering something for
  sale or showing it (sold, listed, advertised, shipped, posted...): "... may not be shared /
  used / disclosed" is how a privacy notice states a promise about data, and is left unread.
- an **eligibility** ("The following states are eligible for this pilot:", "Eligible products
  include:"): the list names where or what the reader may take part in or get. Read as
  ``rights``: an item added is better, an item taken out worse. "not eligible" / "ineligible"
  states the opposite and is read as ``bans``.

A lead-in about data or information (a privacy notice's own lists) gets neither frame.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING

from summarizer.text.lazy_re import lazy

if TYPE_CHECKING:  # pragma: no cover
    from summarizer.analyzers.rules.list_items import ListItem

_OFFER_VERBS = (
    r"(?:sold|resold|offered|listed|advertised|promoted|marketed|imported|exported|shipped|delivered|"
    r"distributed|published|posted|uploaded|displayed)"
)
_PASSIVE_BAN = lazy(
    rf"\b(?:may|must|shall|can|should) not (?:\w+ )?be {_OFFER_VERBS}\b|\bcannot (?:\w+ )?be {_OFFER_VERBS}\b"
    rf"|\b(?:is|are) not (?:allowed|permitted) to be {_OFFER_VERBS}\b",
    re.I,
)
_NOT_ELIGIBLE = lazy(r"\b(?:not|no longer) (?:\w+ )?eligible\b|\bineligible\b", re.I)
_ELIGIBLE = lazy(r"\beligible\b", re.I)
_DATA_WORDS = lazy(r"\b(?:data|information|cookies?)\b", re.I)


def business_frame(lead: str) -> str | None:
    """``bans`` for a lead-in that bans in the passive what the list names, or that says the
    listed things are not eligible; ``rights`` for one that says they are eligible; None otherwise
    (and for a lead-in about data or information)."""
    if not lead.strip() or _DATA_WORDS.search(lead):
        return None
    if _PASSIVE_BAN.search(lead) or _NOT_ELIGIBLE.search(lead):
        return "bans"
    if _ELIGIBLE.search(lead):
        return "rights"
    return None


def named_entries(lead: str) -> bool:
    """The lead-in of a list whose entries may be bare names (states, countries, regions): one
    that :func:`business_frame` reads. Elsewhere a name alone in a list states nothing."""
    return business_frame(lead) is not None


#: A name entry of fewer letters than this is not read ('UK' and 'EU' are read in sentences).
MIN_NAME = 3


@lru_cache(maxsize=8)
def _entry_counts(doc: str) -> Counter[str]:
    return Counter(line.strip() for line in doc.splitlines() if line.strip())


def stands_as_often(line: str, other_doc: str, doc: str) -> bool:
    """True unless *doc* holds more entries *line* than *other_doc*: a name that came into (or
    went out of) one list of a document that lists it elsewhere too ('Ohio' taken off one pilot's
    states, still eligible for another) is found by counting its entries, not by a search."""
    return _entry_counts(other_doc)[line.strip()] >= _entry_counts(doc)[line.strip()]


def scope_item(item: ListItem) -> bool:
    """An item of a list these frames read (a region whose items may not be sold, a state eligible
    for a pilot): it moves the scope of a rule the reader already had, not a new kind of ban or
    measure, so it does not lift a record to medium (the labels of such pairs are low)."""
    return business_frame(item.lead) is not None


__all__ = ["MIN_NAME", "business_frame", "named_entries", "scope_item", "stands_as_often"]
