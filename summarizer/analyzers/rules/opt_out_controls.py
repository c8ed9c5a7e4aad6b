"""An opt-out added is the way out of a use, not a gain for the reader (issue 12, round 9, dir9b).

The clause reader (:mod:`summarizer.rubric.clauses`) reads "you can opt out", "you may
unsubscribe", "you can turn off / disable / limit ..." and "you may withdraw your consent" as a
right given to the reader (better). Over the seven open labelled folds, the added reader-right
sentences never fired with the record's label (15 sides of mixed, 10 against; ``bench/direction_rule_audit.py``,
docs/records.md "Round 9: dir9b"); where they decided a record and were such a *control*, they
decided it against the label both times (fresh2 linkedin-privacy: training AI models on
legitimate interests, "You can opt out any time in your settings"; fresh4 viber-trackers: "you
may opt-out from cross-behavior advertisement"). A control added says that a use runs unless the
reader acts; the labels judge the record by the use.

So an added control no longer weighs in a record's balance (:func:`deciding_cues`); it stays
evidence on its change. Rights that are not controls (access, deletion, appeal, a refund, a
withdrawal from a contract) weigh as before.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from summarizer.text.lazy_re import lazy

if TYPE_CHECKING:  # pragma: no cover
    from summarizer.rubric.clauses import Cue

#: The verbs of a control over a use the company makes.
_CONTROL = lazy(
    r"\b(?:opt[- ]?out|unsubscribe|turn off|disable|limit|withdraw (?:your )?consent)\b",
    re.I,
)


def added_control(cue: Cue) -> bool:
    """The cue is a right of the reader, added, to opt out of, unsubscribe from, turn off, disable
    or limit something, or to withdraw consent."""
    return cue.kind == "reader_right" and cue.side == "added" and bool(_CONTROL.search(cue.sentence))


def deciding_cues(cues: list[Cue]) -> list[Cue]:
    """The cues that may decide a record's direction: all but the added controls."""
    return [c for c in cues if not added_control(c)]


__all__ = ["added_control", "deciding_cues"]
