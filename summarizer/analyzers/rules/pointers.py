"""Changes that only add, drop or re-point a pointer to another page (issue 12, round 7).

"For information about our content moderation practices, please visit our [Safety and Security
Center](...)", "[Here](...) are steps you can take to report these behaviors", "Please find our
cookie policy on the [dedicated page](...)": such a sentence tells the reader where to read more;
it grants no right and imposes no duty. A record whose every material edit is such a pointer is
``neutral`` and low on issue 12's scale (material: the reader is sent somewhere new). Without
this reading the record either abstains (no cue) or lets an incidental word of the pointer vote
("report", "block", "content").

A pointer sentence names a page (a Markdown link, a web address, or "this page", "the dedicated
page") and is phrased as directions to it ("for more information", "learn more", "please visit",
"see", "refer to", "here are ..."), with no word of duty, charge or sanction. Sentences that still
stand in the other version (a passage cut at a different place) are not edits.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from summarizer.model.taxonomy import Severity
from summarizer.rubric.clauses import document_key
from summarizer.text.extract import sentences
from summarizer.text.lazy_re import lazy

if TYPE_CHECKING:  # pragma: no cover
    from summarizer.analyzers.rules.provisions import Provision
    from summarizer.model.diff import DiffResult
    from summarizer.model.record_data import ChangeData

#: A sentence names a page: a Markdown link, a web address, or a page named in words.
_PAGE = lazy(
    r"\]\([^)]*\)|https?://|\bwww\.|\b(?:this|that|the|our|a|dedicated|following|help|support) "
    r"(?:dedicated )?(?:page|article|website|site|help cent(?:er|re))\b",
    re.I,
)
#: ... and is phrased as directions to it.
_DIRECTIONS = lazy(
    r"^\W*(?:for (?:more |further |additional )?(?:information|details|help)\b|(?:to )?learn more\b|"
    r"read more\b|more information\b|find out more\b|see\b|visit\b|refer to\b|click\b|"
    r"please (?:visit|see|refer|find|read|consult|check|go to|click)\b|"
    r"you (?:can|may|will) (?:find|read|learn|see|visit|consult|access)\b[^.]{0,60}\b(?:on|at|in|here|via)\b|"
    r"\[?here\]?(?:\([^)]*\))? (?:are|is|you can)\b|"
    r"(?:information|details|more) (?:about|on) [^.]{0,80}\b(?:is|are|can be) (?:available|found)\b)",
    re.I,
)
#: Words that make a sentence more than a pointer: a duty, a charge, a sanction, a grant of rights.
_BURDEN = lazy(
    r"\b(?:must|shall|agree[sd]?|required?|obliged|may not|prohibit\w*|fees?|charges?|pay|suspend\w*|"
    r"terminat\w+|remove|liab\w+|licen[cs]\w*|consent|waive\w*|arbitration|sell|share|collect\w*)\b",
    re.I,
)
NOTE = "neutral: only a pointer to another page was added, removed or changed"


def pointer_sentence(sentence: str) -> bool:
    """The sentence only tells the reader where to read more (see the module docstring)."""
    return bool(_PAGE.search(sentence) and _DIRECTIONS.search(sentence) and not _BURDEN.search(sentence))


def _edits(prov: Provision, diff: DiffResult) -> tuple[list[str], list[str]]:
    """The provision's sentences added and removed (those that still stand in the other version
    left out)."""
    old = {document_key(s.text): s.text for s in sentences(prov.old_text)}
    new = {document_key(s.text): s.text for s in sentences(prov.new_text)}
    old_doc, new_doc = document_key(diff.old.text), document_key(diff.new.text)
    added = [raw for key, raw in new.items() if key and key not in old and key not in old_doc]
    removed = [raw for key, raw in old.items() if key and key not in new and key not in new_doc]
    return added, removed


def pointer_only(prov: Provision, diff: DiffResult) -> bool:
    """Every sentence the provision adds or removes is a pointer, and there is at least one."""
    if prov.list_items:
        return False
    added, removed = _edits(prov, diff)
    edits = [*added, *removed]
    return bool(edits) and all(pointer_sentence(s) for s in edits)


def pointer_record(material: list[Provision], diff: DiffResult) -> bool:
    """The record has material provisions and each only adds, drops or re-points a pointer."""
    return bool(material) and all(pointer_only(p, diff) for p in material)


def note_pointers(
    provisions: list[Provision], changes: list[ChangeData], diff: DiffResult, severity: Severity
) -> Severity:
    """Give each change of a pointer-only record that is a pointer (material or not) the evidence
    of its neutral claim and the direction ``same`` (its prose then says nothing moved either way);
    such a record is at most low (returns the capped severity)."""
    for prov, change in zip(provisions, changes):
        if not pointer_only(prov, diff):
            continue
        change.evidence.append(NOTE)
        change.direction = "same"
        if prov.assessment is not None and prov.assessment.direction != "same":
            prov.assessment = replace(prov.assessment, direction="same", reason="")
    return Severity.low if severity in (Severity.medium, Severity.high) else severity
