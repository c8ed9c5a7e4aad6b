"""A short list entry that a lead-in introduces is text of the policy, not page furniture.

``is_furniture`` reads a line of one to three words without a full stop as a button or menu item
("Sign in", "Back to top"). Inside a list that a lead-in line introduces ("The following states are
eligible for this pilot:", "This agreement covers the following services:") such a line is an
entry of that list: "Ohio", "Microsoft Support (Consumer)". Dropping it as furniture hid a real
change (a state taken off an eligibility list) behind "No material change" (issue 12, round 7,
material7). A menu is still furniture: an entry that is a link or an image is not kept here.

A **run** of such entries set on consecutive lines without a blank line between them ("* Kherson
Region" and "* Zaporizhzhia region" added together to the regions whose items "may not be sold")
reaches the analyzer as one paragraph of several lines, which the one-line reading above never
saw: the record said "No material change" (issue 12, round 8, material8). :func:`entry_run` reads
it as entries of the list when every line is such an entry and the first stands under a lead-in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from summarizer.analyzers.rules.list_items import entry_of_list, lead_in
from summarizer.text.lazy_re import lazy

if TYPE_CHECKING:  # pragma: no cover
    from summarizer.analyzers.rules.provisions import Provision

_LINK_MARKS = ("](", "![", "<", "://", "www.", "**", "__")
#: A bulleted entry; a numbered one of a few words is an outline heading ('9. VIII. Liability').
_BULLET = lazy(r"^\s*[-*+•]\s+\S")


def plain_entry(piece: str) -> bool:
    """*piece* (one list entry) is a bullet that carries words of its own: no link, image, emphasis
    or markup in it (a bold entry such as '**Marketing**' heads a section)."""
    return (
        bool(_BULLET.match(piece))
        and not any(mark in piece for mark in _LINK_MARKS)
        and any(ch.isalpha() for ch in piece)
    )


#: A run of more entries than this is a list put in or taken out (read by the other rules), not
#: entries added to or taken off a standing list.
RUN_ENTRIES = 4
#: An entry of more words than this is a sentence set as a list item, not a name on a list.
ENTRY_WORDS = 6


def entry_run(doc: str, at: int, piece: str, other: str) -> bool:
    """*piece*, at offset *at* of *doc*, is a run of two to :data:`RUN_ENTRIES` consecutive plain
    bulleted entries of at most :data:`ENTRY_WORDS` words each and no full stop (names on a list:
    countries, states, services), the first of which belongs to a list that a lead-in ending with a
    colon introduces (:func:`~summarizer.analyzers.rules.list_items.entry_of_list`), and that lead-in
    stands in *other*, the other version: entries joined or left a standing list. A list that came
    with its own new lead-in ('The Data Protection Officer's contact information is:' over an email
    and a telephone entry) is a passage of its own, read by the other rules."""
    lines = [ln for ln in piece.strip().splitlines() if ln.strip()]
    if not 2 <= len(lines) <= RUN_ENTRIES:
        return False
    for ln in lines:
        words = _entry_words(ln)
        if (
            not plain_entry(ln)
            or len(words.split()) > ENTRY_WORDS
            or words.rstrip("*_ ").endswith((".", ":", ";"))
        ):
            return False
    first = at + piece.find(lines[0])
    if not entry_of_list(doc, first, lines[0]):
        return False
    lead = " ".join(lead_in(doc, first).split())
    return bool(lead) and lead in " ".join(other.split())


def entry_came_or_went(prov: Provision) -> bool:
    """One of *prov*'s units is such an entry, added or removed whole: the list now names one
    thing more or fewer (a state, a service, a country), which is a change of what it covers."""
    return any(u.entry and u.kind in ("added", "removed") for u in prov.units)


def _entry_words(text: str) -> str:
    return _BULLET_MARK.sub("", text.strip(), count=1).strip()


_BULLET_MARK = lazy(r"^[-*+•]\s+")


def entry_fact(prov: Provision) -> str | None:
    """'an entry was taken off a list (“Ohio”)' when *prov* changed only by such entries; None
    otherwise. The list is read in no frame, so the fact makes no claim of direction."""
    entries = [u for u in prov.units if u.entry and u.kind in ("added", "removed")]
    if not entries or len(entries) != len(prov.units):
        return None
    sides = {u.kind for u in entries}
    words = [
        _entry_words(ln) for u in entries for ln in (u.old_text or u.new_text).splitlines() if ln.strip()
    ]
    names = ", ".join(f"“{w}”" for w in words[:3])
    several = len(words) > 1
    if sides == {"added", "removed"}:
        return f"a list gained and lost entries ({names})"
    if sides == {"added"}:
        return f"{'entries were' if several else 'an entry was'} added to a list ({names})"
    return f"{'entries were' if several else 'an entry was'} taken off a list ({names})"
