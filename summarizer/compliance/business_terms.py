"""Terms for business users: when an account termination engages the Platform-to-Business rule (round 9, cprec9).

The P2B Regulation (EU) 2019/1150 governs an online intermediation service's terms with its *business users*
(sellers, app developers, hotels); a consumer's account closed under consumer terms or community guidelines
engages the DSA's terms-and-conditions rule, not P2B. The table's P2B entry carries three signals: a change
notice removed or a unilateral change (any terms: the notice period is the entry's own subject) and a
termination without notice (its Art. 4 neighbour). A termination alone engages it only in terms that
themselves say they are under the Regulation (name it, "P2B" or "Platform-to-Business"): a document that
never does addresses consumers, so its account closures are not a business user's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from summarizer.text.lazy_re import lazy

P2B_ENTRY = "p2b-reg-2019-1150-art3-2-change-notice"

_P2B_NAMED = lazy(r"platform[- ]to[- ]business|\bP2B\b|2019/1150", re.I)

# Signals that engage an entry only in a document that says it is under the entry's instrument.
_NEEDS_INSTRUMENT_NAMED: dict[str, frozenset[str]] = {P2B_ENTRY: frozenset({"termination_without_notice"})}


def unengaged_signals(
    old_text: str, new_text: str, present: Iterable[str] | None = None
) -> dict[str, frozenset[str]]:
    """Entry id -> signals that do not engage it in this document (empty where the document names P2B).

    *present*: the signals the changes carry, when known; an entry none of whose instrument-bound signals is
    among them is left out without reading the document (the answer is the same: a signal no change
    carries engages nothing either way), which spares a case-blind search of a long document."""
    needing = _NEEDS_INSTRUMENT_NAMED
    if present is not None:
        carried = set(present)
        needing = {entry: signals for entry, signals in needing.items() if signals & carried}
    if not needing or _P2B_NAMED.search(new_text) or _P2B_NAMED.search(old_text):
        return {}
    return dict(needing)
