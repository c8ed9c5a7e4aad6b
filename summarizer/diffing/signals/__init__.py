"""Semantic signals of a hunk: what kind of change in meaning the edited words carry.

``compute_signals(old_text, new_text)`` compares the two texts clause by clause: clauses present
on both sides (in any order, any number of times) are set aside, the rest are paired by word
overlap, and only what differs between them is reported. That keeps unchanged or merely
reordered text from producing signals. Detected:

* modality shifts - will/shall/must/are required to <-> may/can/might/could, "at our
  discretion" added or removed, "reserve the right" added or removed;
* negation added or removed ("do not sell" -> "sell", "never" dropped), with the negated phrase;
* items added to or removed from enumerations ("affiliates, partners and advertisers");
* parties named (canonical names: third parties, partners, advertisers, service providers,
  law enforcement, ...), and which of them were added or removed;
* numbers with units that changed (periods, ages, amounts, percentages).

Everything is precompiled at import; one call costs a few regex scans of the hunk's text.
The helpers :func:`canonical`, :func:`split_clauses`, :func:`parties_in`, :func:`stem`,
:func:`find_numbers` and :data:`PARTY_RE` are shared with :mod:`summarizer.rubric.severity`.
Each kind of signal has its own module; :mod:`.compute` puts them together.
"""

from __future__ import annotations

from summarizer.diffing.signals.canonical_text import canonical, split_clauses, stem
from summarizer.diffing.signals.compute import compute_signals
from summarizer.diffing.signals.numbers import NumberMention, find_numbers
from summarizer.diffing.signals.parties import PARTY_RE, parties_in, party_name

__all__ = [
    "compute_signals",
    "parties_in",
    "canonical",
    "split_clauses",
    "stem",
    "find_numbers",
    "NumberMention",
    "PARTY_RE",
    "party_name",
]
