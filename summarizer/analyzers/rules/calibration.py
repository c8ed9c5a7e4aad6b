"""When a record abstains rather than claim ``mixed`` (issue 12, round 7: "abstain rather than
mislead").

A ``mixed`` record says the change gives the user something and takes something away. The rules
analyzer weighs two kinds of evidence (:func:`summarizer.analyzers.rules.analyzer.record_balance`):
full-weight clause cues (an added or removed sentence that puts a duty on someone or gives someone
a right) and weaker readings (the rubric's confident claims about whole changes, at 0.5 each, and
removed passages at a quarter, which had mostly moved). When one side of a ``mixed`` balance has no
full-weight cue, no sentence of the text shows that side: the conflict rests on the weak readings.
On the five open labelled folds (237 pairs) every such ``mixed`` claim was wrong (three of three:
labels worse, worse, neutral), while every ``mixed`` claim with a sentence each way that was
decided by the cues kept its rate (``bench/claim_calibration.py``, docs/records.md "Round 7:
abstain7"). Such a record abstains: direction ``unclear``, with a ``direction_unclear`` flag that
names the evidence on each side. Its severity is left as it was (the changes are still material).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from summarizer.model.record_data import FlagData as Flag
from summarizer.rubric.clauses import cue_weight

if TYPE_CHECKING:  # pragma: no cover
    from summarizer.model.record_data import ChangeData
    from summarizer.rubric.clauses import Cue

#: How much of a cue's sentence the flag quotes.
QUOTE_CHARS = 100


def one_sided_mixed(
    direction: str, cues: list[Cue], changes: list[ChangeData], weighed: float
) -> Flag | None:
    """A ``direction_unclear`` flag when *direction* is ``mixed`` by the record's balance but its
    full-weight clause cues (of weight 1: :func:`summarizer.rubric.clauses.cue_weight`) lie on one
    side only, or on neither; None otherwise (the claim stands). *weighed* is the balance's total
    weight (worse + better): 0 when the balance abstained and list items that came or went gave the
    direction (:mod:`summarizer.analyzers.rules.list_items`: the items are the evidence there)."""
    if direction != "mixed" or not weighed:
        return None
    full = [c for c in cues if cue_weight(c) >= 1.0]
    worse = [c for c in full if c.polarity > 0]
    better = [c for c in full if c.polarity < 0]
    if worse and better:
        return None
    return Flag(code="direction_unclear", message=_message(worse, better, changes))


def _message(worse: list[Cue], better: list[Cue], changes: list[ChangeData]) -> str:
    shown = worse or better
    if shown:
        side, other = ("worse", "better") if worse else ("better", "worse")
        quote = shown[0].sentence.replace("\u200b", "").strip()
        if len(quote) > QUOTE_CHARS:
            quote = quote[: QUOTE_CHARS - 3].rstrip() + "..."
        lead = (
            f"The changes need review: {len(shown)} sentence(s) read {side} for you (such as \u201c{quote}\u201d), "
            f"but no sentence added or removed reads {other}; the {other} side rests only on "
        )
    else:
        lead = "The changes need review: no sentence added or removed reads clearly better or worse for you; "
        lead += "the record's two sides rest only on "
    ups = _categories(changes, "up")
    downs = _categories(changes, "down")
    weak = "the rubric's reading of whole changes"
    if ups or downs:
        parts = [
            f"{label} ({', '.join(cats)})" for label, cats in (("worse", ups), ("better", downs)) if cats
        ]
        weak += ": " + "; ".join(parts)
    message = (
        f"{lead}{weak}, or on passages that were only removed (often moved). Whether it is better or worse "
        "for you is not clear."
    )
    unread = [c for c in changes if c.direction == "unclear"]
    if unread:  # what the record's other flag would have said: changes the rubric could not read
        names = ", ".join(dict.fromkeys(c.category for c in unread))
        message += f" {len(unread)} change(s) could not be read either way ({names})."
    return message


def _categories(changes: list[ChangeData], direction: str) -> list[str]:
    """The subjects of the changes the rubric reads confidently in *direction*."""
    return list(
        dict.fromkeys(
            c.category
            for c in changes
            if c.direction == direction
            and c.confidence in ("high", "medium")
            and c.category != "contact_generic"
        )
    )
