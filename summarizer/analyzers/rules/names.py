"""Names that change what a document means even when nothing else does (issue 12).

- **Laws**: "Indiana Consumer Data Protection Act (INCDPA)" added to the list of laws a privacy
  policy follows gives users the rights of that law: a material, usually neutral change.
- **Companies**: "Google Digital Inc." becoming "Google LLC" as the seller changes who the user's
  contract is with.

The rubric reads both as rewording (no category word moved), so :func:`names_changed` tells the
analyzer that such a provision is material. A passage that only adds a company's address block
(a one-sided contact change) is not caught: the company must be swapped inside a changed sentence.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from summarizer.text.lazy_re import lazy

if TYPE_CHECKING:  # pragma: no cover
    from summarizer.analyzers.rules.provisions import Provision

_NAME_WORD = r"(?:[A-Z][\w'’.&-]*|of|and|for|on|the|de|du|des|la|le)"
_LAW = lazy(
    rf"\b[A-Z][\w'’.&-]*(?:\s+{_NAME_WORD}){{0,9}}?\s+(?:Act|Law|Regulation|Directive|Bill of Rights|Code)\b"
    r"|\b(?:Senate|House|Assembly) Bill\s+(?:No\.\s*)?\d+\b"
)
_ENTITY = lazy(
    r"\b[A-Z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*){0,4},?\s+(?:Inc|LLC|L\.L\.C|Ltd|Limited|GmbH|AG|S\.A|SAS|B\.V|N\.V|"
    r"Corp|Corporation|Pte|PLC|plc|LLP|SARL|S\.r\.l|Pty)\b\.?"
)
#: Law names of a privacy or data-protection law: adding one gives users rights.
PRIVACY_LAW = lazy(
    r"\b(?:privacy|data protection|personal (?:data|information)|consumer data|data privacy)\b", re.I
)


def laws(text: str) -> set[str]:
    """The names of laws a text cites ('Kentucky Consumer Data Protection Act', 'Senate Bill 370')."""
    return {_THE.sub("", " ".join(m.group(0).split())) for m in _LAW.finditer(text)}


_THE = lazy(r"^The\s+")


#: A line of a list of laws has at most this many words (the law's name and its short name).
LAW_ENTRY_WORDS = 12


def privacy_law_named(old: str, new: str) -> bool:
    """A privacy or data-protection law joins or leaves a list of laws (an entry of a few words that
    names it): a sentence that mentions a law in passing ('To comply with the GDPR we have appointed
    a representative') keeps its own subject."""
    added = {n for n in laws(old) ^ laws(new) if PRIVACY_LAW.search(n)}
    if not added:
        return False
    for line in (old + "\n" + new).splitlines():
        if any(n in " ".join(line.split()) for n in added) and len(line.split()) <= LAW_ENTRY_WORDS + 1:
            return True
    return False


def entities(text: str) -> set[str]:
    """The company names with a legal form a text names ('Google Digital Inc.', 'Snap Group Limited')."""
    return {" ".join(m.group(0).rstrip(".").replace(",", "").split()) for m in _ENTITY.finditer(text)}


def laws_changed(prov: Provision) -> set[str]:
    """The laws cited on one side of the provision's units and not on the other."""
    out: set[str] = set()
    for u in prov.units:
        if u.kind == "moved":
            continue
        old, new = laws(u.old_text), laws(u.new_text)
        out |= old ^ new
    return out


def entities_swapped(prov: Provision) -> bool:
    """A changed sentence names another company than before (both sides name one)."""
    for u in prov.units:
        if u.kind != "modified" or not u.old_text or not u.new_text:
            continue
        old, new = entities(u.old_text), entities(u.new_text)
        if old and new and old != new:
            return True
    return False


def names_changed(prov: Provision) -> bool:
    """The provision cites another law, or names another company in a changed sentence."""
    return bool(laws_changed(prov)) or entities_swapped(prov)


def _brand(entity: str) -> str:
    """The first word of a company's name, its brand ('openai' of 'OpenAI OpCo LLC'), after 'The'."""
    words = [w for w in entity.split() if w.casefold() != "the"]
    return words[0].casefold() if words else ""


def entity_renamed(provisions: list[Provision]) -> bool:
    """The company the reader deals with takes a new legal name and keeps its brand: in a changed
    sentence a company name with a legal form goes and another with the same first word comes
    ('OpenAI, L.L.C.' -> 'OpenAI OpCo, LLC', 'Proton Technologies AG' -> 'Proton AG'). Another
    company swapped in ('Alipay Singapore ...' -> 'AISG ...', a payment provider given as an example)
    or a company only added to a list is not a rename."""
    for prov in provisions:
        for u in prov.units:
            if u.kind != "modified" or not u.old_text or not u.new_text:
                continue
            old, new = entities(u.old_text), entities(u.new_text)
            gone, came = old - new, new - old
            if {_brand(e) for e in gone} & {_brand(e) for e in came}:
                return True
    return False
