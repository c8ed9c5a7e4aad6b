"""Lawful bases a privacy notice never relies on (round 8, cprec8b).

A privacy notice must say which legitimate interests it pursues wherever processing rests on them
(GDPR Art. 13(1)(d) and 14(2)(b)). A privacy notice that never names legitimate interests, in either
version, does not rely on that basis, so its changes do not engage GDPR Art. 6(1)(f) (a lawful basis
the notice names anew is still read by ``legal_basis_changed``, whose words are these). Contract terms
and documents of no known kind are not read this way: terms need not state a basis.
"""

from __future__ import annotations

import re

# Entries that rest on a basis the notice must name when it relies on it, with the basis's words.
_BASIS_WORDS: dict[str, re.Pattern[str]] = {
    "gdpr-art6-1f-legitimate-interests": re.compile(r"\blegitimate\s+(?:business\s+)?interests?\b", re.I),
}


def unrelied_entries(document: str | None, old_text: str, new_text: str) -> frozenset[str]:
    """Ids of the entries whose basis a privacy notice (*document* ``"privacy"``) names in neither version."""
    if document != "privacy":
        return frozenset()
    return frozenset(
        entry_id
        for entry_id, words in _BASIS_WORDS.items()
        if not words.search(new_text) and not words.search(old_text)
    )
