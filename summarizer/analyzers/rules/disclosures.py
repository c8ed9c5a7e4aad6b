"""Disclosures to a business user that add no burden (issue 12, round 6).

A ranking-parameters description or a platform-to-business notice tells business users how the
platform ranks, recommends or promotes their listings (EU Regulation 2019/1150 requires it). When
such a document only describes more (new ranking factors, a recommendation model, paid placement)
and the words it adds put no new duty, fee or sanction on the business, what changed is what the
business is told, not what it must do or may lose: material, ``neutral`` on issue 12's scale. Without
this reading such a record abstains: its new passages carry no cue, and a business user's document
has no rubric fallback.

The test keys on the kind of document (its title, or how often it speaks of ranking) and on the
absence of a burden among the added words, not on phrases of any one notice.
"""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING

from summarizer.model.taxonomy import Severity
from summarizer.text.lazy_re import lazy

if TYPE_CHECKING:  # pragma: no cover
    from summarizer.analyzers.rules.provisions import Provision
    from summarizer.model.record_data import ChangeData

#: A title that names a ranking or platform-to-business disclosure.
_TITLE = lazy(
    r"\b(?:ranking (?:parameters?|disclosures?|criteria)|platform[- ]to[- ]business|p2b)\b",
    re.I,
)
_RANK = lazy(r"\brank(?:s|ed|ing|ings|er|ers)?\b", re.I)
#: Words of ranking per thousand from which a document is a ranking disclosure (the labelled and
#: bundled documents: ranking disclosures 7.8-13.3, all others 1.7 or less).
RANK_RATE = 5.0
#: A word that puts a duty, a fee or a sanction on the business, or takes a right from it.
_BURDEN = lazy(
    r"\b(?:must|required?|requirements?|shall|obliged|obligations?|fees?|charges?|charged|commissions?|"
    r"penalt\w*|fines?|suspen\w*|terminat\w*|delist\w*|demot\w*|remov\w*|bann?(?:ed|s)?|prohibit\w*|"
    r"forbid\w*|may not|cannot|not (?:allowed|permitted|eligible)|liab\w*|indemn\w*|waive\w*|consent)\b",
    re.I,
)
_TOKEN = lazy(r"[\w'’@./:+-]+")
_PUT_IN = ("added", "expanded", "reworded")
NOTE = "neutral: a disclosure to business users that adds no duty, fee or sanction"


def disclosure_document(title: str | None, text: str) -> bool:
    """A ranking-parameters description or a platform-to-business notice: by its title or opening
    lines, or by how often it speaks of ranking (at least :data:`RANK_RATE` per thousand words)."""
    head = " ".join([line for line in text[:2000].splitlines() if line.strip()][:3])[:300]
    if _TITLE.search(f"{title or ''} {head}"):
        return True
    words = len(text.split())
    return words > 0 and 1000 * len(_RANK.findall(text)) / words >= RANK_RATE


def added_words(prov: Provision) -> str:
    """The words the provision puts in (moved passages aside), joined."""
    out: list[str] = []
    for u in prov.units:
        if u.kind == "moved":
            continue
        old, new = _TOKEN.findall(u.old_text or ""), _TOKEN.findall(u.new_text or "")
        for op, _, _, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
            if op in ("insert", "replace"):
                out.extend(new[j1:j2])
    return " ".join(out)


def disclosure_record(title: str | None, text: str, material: list[Provision]) -> bool:
    """A disclosure document's record whose material provisions only put words in (added, expanded
    or reworded) and whose added words hold no burden on the business (:data:`_BURDEN`)."""
    if not material or not all(p.kind in _PUT_IN for p in material):
        return False
    return disclosure_document(title, text) and not any(_BURDEN.search(added_words(p)) for p in material)


def note_disclosure(material: list[tuple[Provision, ChangeData]]) -> None:
    """Give each material change of a burden-free disclosure the evidence of its neutral claim."""
    for _, change in material:
        change.evidence.append(NOTE)
        if change.direction == "unclear":
            change.direction = "same"


def disclosure_severity(material: list[Provision], severity: Severity) -> Severity:
    """At most low, unless the disclosure describes automated ranking or recommendation by AI
    (``ai_training``), whose level stands."""
    if any(p.category == "ai_training" for p in material):
        return severity
    return Severity.low if severity in (Severity.medium, Severity.high) else severity
