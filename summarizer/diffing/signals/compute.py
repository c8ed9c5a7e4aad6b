"""The entry point: the signals of one hunk, from the clauses that differ between its two sides."""

from __future__ import annotations

import re

from summarizer.diffing.signals.canonical_text import canonical, split_clauses
from summarizer.diffing.signals.enumerations import enumeration_changes
from summarizer.diffing.signals.modality import DISCRETION_RE, RESERVE_RE, modality_shifts
from summarizer.diffing.signals.negation import negation_changes
from summarizer.diffing.signals.numbers import number_changes
from summarizer.diffing.signals.pairing import changed_clauses, pair_clauses
from summarizer.diffing.signals.parties import parties_canon
from summarizer.model.diff import (
    ModalityShift,
    Signals,
    WordChange,
)


def _count(rx: re.Pattern[str], clauses: list[str], needle: str) -> tuple[int, str]:
    """Matches of *rx* (every one of which contains *needle*) in the clauses, and the first."""
    joined = "\x00".join(clauses)  # one pass; \x00 ends a clause
    if needle not in joined:  # a plain substring search rules most texts out
        return 0, ""
    found = [m.group(0) for m in rx.finditer(joined)]
    return len(found), (found[0] if found else "")


def compute_signals(old_text: str, new_text: str, changes: list[WordChange] | None = None) -> Signals:
    """Signals of the change from *old_text* to *new_text* ("" on the missing side of an added or
    removed hunk). *changes* (the hunk's inline word changes) is accepted for the diff engine's
    convenience; the clause comparison here does not need it."""
    old_c, new_c = canonical(old_text), canonical(new_text)
    old_parties, new_parties = parties_canon(old_c), parties_canon(new_c)
    sig = Signals(parties=new_parties + [p for p in old_parties if p not in new_parties])
    if old_c == new_c:
        return sig
    sig.parties_added = [p for p in new_parties if p not in old_parties]
    sig.parties_removed = [p for p in old_parties if p not in new_parties]

    old_changed, new_changed = changed_clauses(split_clauses(old_c), split_clauses(new_c))
    if not old_changed and not new_changed:  # same clauses, reordered
        return sig
    sig.negation = negation_changes(old_changed, new_changed)

    ro, _ = _count(RESERVE_RE, old_changed, "reserve")
    rn, _ = _count(RESERVE_RE, new_changed, "reserve")
    sig.reserve_right_added = rn > ro
    sig.reserve_right_removed = ro > rn
    do, phrase_o = _count(DISCRETION_RE, old_changed, "discretion")
    dn, phrase_n = _count(DISCRETION_RE, new_changed, "discretion")
    if dn > do:
        sig.modality.append(ModalityShift("", phrase_n, "weaker"))
    elif do > dn:
        sig.modality.append(ModalityShift(phrase_o, "", "stronger"))

    if old_c and new_c:
        sig.numbers = number_changes(old_changed, new_changed)
        for a, b in pair_clauses(old_changed, new_changed):
            sig.modality.extend(modality_shifts(a, b))
            sig.enumerations.extend(enumeration_changes(a, b))
    sig.negation = _unique(sig.negation)
    sig.modality = _unique(sig.modality)
    sig.numbers = _unique(sig.numbers)
    sig.enumerations = _unique(sig.enumerations)
    return sig


def _unique(items: list) -> list:
    """Drop repeats (the same change stated several times in one hunk), keeping order."""
    seen: set[str] = set()
    out = []
    for x in items:
        key = repr(x)
        if key not in seen:
            seen.add(key)
            out.append(x)
    return out
