"""Minor and neutral material changes (issue 12).

The labelling scale of ``evals/vlops/README.md`` gives material changes two grades below an
ordinary change: a ``low`` severity for "minor, contact or generic changes", and a ``neutral``
direction for a change that is "neither better nor worse, for example a clarification or a new
applicable law". The rules used to rate every material record at least medium and never neutral.

- :func:`minor_edit`: a provision edited by no more than a sentence's worth of words
  (:data:`MINOR_WORDS`), that names no new party and adds no item to a table row (a new
  advertising partner is new sharing, not a minor change), flips no negation and shifts no modal
  verb (those change what the clause allows), and in which the rubric reads no confident shift.
  The analyzer also asks that the clause reader found no cue in it (no duty, right, licence or
  protection put in or taken out, no clause reworded to reach further or less far).
- :func:`names_added_only`: a small edit that only cites another law or names another company as
  the contracting party, with no law dropped (a law taken off the list takes rights away).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from summarizer.analyzers.rules.listings import _items
from summarizer.analyzers.rules.names import entities_swapped, laws, laws_changed
from summarizer.analyzers.rules.provisions import RIGHTS_CATEGORIES, channels

if TYPE_CHECKING:  # pragma: no cover
    from summarizer.analyzers.rules.provisions import Provision

#: At most this many words taken out plus put in (about one sentence of a policy) make an edit
#: minor.
MINOR_WORDS = 25


def cell_items_added(prov: Provision) -> bool:
    """A changed table row lists an item it did not list before ('Yahoo! Japan' among the
    advertising partners)."""
    for u in prov.units:
        if u.kind == "modified" and "|" in u.hunk.old_text and "|" in u.hunk.new_text:
            if _items(u.hunk.new_text) - _items(u.hunk.old_text):
                return True
    return False


def minor_edit(prov: Provision, words: int) -> bool:
    """The provision (with *words* readable words changed) is a minor edit: short, and it names
    no new party, adds no table item, flips no negation, shifts no modal verb, changes no channel
    for exercising a right, and the rubric read no confident shift in it (an encryption promise
    dropped, an age threshold raised: an ordinary change, however short)."""
    s = prov.signals
    if words > MINOR_WORDS or (s.parties_added or s.negation or s.modality or cell_items_added(prov)):
        return False
    confidence = prov.assessment.confidence if prov.assessment else None
    if prov.direction in ("up", "down") and confidence in ("high", "medium"):
        return False
    return not (prov.category in RIGHTS_CATEGORIES and channels(prov.old_text) != channels(prov.new_text))


def names_added_only(prov: Provision) -> bool:
    """The provision only cites another law (none dropped) or swaps the company named as a party."""
    changed = laws_changed(prov)
    if changed:
        cited_before = set().union(*(laws(u.old_text) for u in prov.units if u.kind != "moved"))
        return not (changed & cited_before)
    return entities_swapped(prov)
