"""A short list entry that a lead-in introduces is text of the policy, not page furniture.

``is_furniture`` reads a line of one to three words without a full stop as a button or menu item
("Sign in", "Back to top"). Inside a list that a lead-in line introduces ("The following states are
eligible for this pilot:", "This agreement covers the following services:") such a line is an
entry of that list: "Ohio", "Microsoft Support (Consumer)". Dropping it as furniture hid a real
change (a state taken off an eligibility list) behind "No material change" (issue 12, round 7,
material7). A menu is still furniture: an entry that is a link or an image is not kept here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

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
    names = ", ".join(f"“{_entry_words(u.old_text or u.new_text)}”" for u in entries[:3])
    if sides == {"added", "removed"}:
        return f"a list gained and lost entries ({names})"
    if sides == {"added"}:
        return f"{'entries were' if len(entries) > 1 else 'an entry was'} added to a list ({names})"
    return f"{'entries were' if len(entries) > 1 else 'an entry was'} taken off a list ({names})"
