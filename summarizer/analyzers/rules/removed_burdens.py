"""A burden that went is no gain for the reader (issue 12, round 9, dir9).

The clause reader (:mod:`summarizer.rubric.clauses`) reads a removed sentence the other way round:
a duty, rule, penalty, disclaimer or right of the company that went reads better for the reader,
at a quarter of a sentence's weight (:data:`~summarizer.rubric.clauses.REMOVED_BURDEN_WEIGHT`),
because removed passages had mostly moved. Over the seven open labelled folds that reading fired
with the label 2 times and against it 15 times, on the fold it was written on and on every fold
opened later (``bench/direction_rule_audit.py``; docs/records.md "Round 9: dir9"): rewrites restate
their rules, usually more harshly, so a burden sentence gone says nothing about which way the
change cuts, and where it tipped a record it turned a right ``worse`` into ``mixed`` or an
abstention.

So such weak cues no longer weigh on either side of a record's balance (:func:`deciding_cues`).
They can still hold a claim back (:func:`withheld`): weak evidence may withdraw a claim, never
make one. When the removed burdens that point against a ``worse`` (``better``) claim weigh as much
as the full-weight sentences that make it, the document was restructured more than it was
changed, and the record abstains.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from summarizer.model.record_data import FlagData as Flag
from summarizer.rubric.clauses import cue_weight

if TYPE_CHECKING:  # pragma: no cover
    from summarizer.rubric.clauses import Cue


def removed_burden(cue: Cue) -> bool:
    """The cue is a sentence that went and weighs under a full sentence (a burden on the reader
    or a right of the company removed; a protection or right of the reader removed weighs in
    full and is kept)."""
    return cue.side == "removed" and cue_weight(cue) < 1.0


def deciding_cues(cues: list[Cue]) -> list[Cue]:
    """The cues that may decide a record's direction: all but the removed burdens."""
    return [c for c in cues if not removed_burden(c)]


def _sides(direction: str, cues: list[Cue]) -> tuple[list[Cue], list[Cue]]:
    """The full-weight sentences that make a *direction* claim, and the removed burdens pointing the
    other way."""
    sign = 1 if direction == "worse" else -1
    full = [c for c in cues if cue_weight(c) >= 1.0 and c.polarity == sign]
    gone = [c for c in cues if removed_burden(c) and c.polarity == -sign]
    return full, gone


def withheld(direction: str, cues: list[Cue]) -> bool:
    """A ``worse`` or ``better`` claim made by full-weight sentences is withheld when the removed
    burdens pointing the other way weigh at least as much as those sentences."""
    if direction not in ("worse", "better"):
        return False
    full, gone = _sides(direction, cues)
    return bool(full and sum(cue_weight(c) for c in gone) >= len(full))


#: How much of a cue's sentence the flag quotes.
QUOTE_CHARS = 100


def withheld_flag(direction: str, cues: list[Cue]) -> Flag:
    """The ``direction_unclear`` flag of a record whose *direction* claim was withheld
    (:func:`withheld`): the sentences that made it, and the burdens taken out against it."""
    full, gone = _sides(direction, cues)
    quote = full[0].sentence.replace("\u200b", "").strip()
    if len(quote) > QUOTE_CHARS:
        quote = quote[: QUOTE_CHARS - 3].rstrip() + "..."
    other = "better" if direction == "worse" else "worse"
    return Flag(
        code="direction_unclear",
        message=(
            f"The changes need review: {len(full)} sentence(s) read {direction} for you (such as \u201c{quote}\u201d), "
            f"but {len(gone)} sentence(s) that read {other} for you were taken out, rules or rights that may have "
            "moved or been restated. Whether the change is better or worse for you is not clear."
        ),
    )


__all__ = ["deciding_cues", "removed_burden", "withheld", "withheld_flag"]
