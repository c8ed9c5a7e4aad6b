"""Rules of conduct are at most a medium change for the user (issue 12, round 7).

Community guidelines, acceptable-use and content policies, and review guidelines say what users may
not post or do, and what the service does when they do. Their new bans and sanctions are ordinary
changes on the labelling scale of issue 12 (medium, or low for a small one); the high level is for a
company's own practices with the user's data, money or rights (new sharing, sale, tracking, an
arbitration clause, a broad licence, AI training). The rubric's factors read some bans as such
practices ("Users must have the legal right to share the Content they post" as a content licence,
a child-safety section as children's data) and made two large rewrites of guidelines high. Across
the five open folds no rules-of-conduct document is labelled high (20 material pairs: medium 15,
low 5). A record of such a document is therefore at most medium, unless its clauses put in AI
training on the user's content, which the scale rates high wherever it is written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from summarizer.analyzers.rules.audience import conduct_document
from summarizer.model.taxonomy import Severity

if TYPE_CHECKING:  # pragma: no cover
    from summarizer.rubric.clauses import Cue


def conduct_severity(severity: Severity, cues: list[list[Cue]], title: str | None, text: str) -> Severity:
    """*severity*, held at medium for a rules-of-conduct document (:func:`summarizer.analyzers.
    rules.audience.conduct_document`: its title or first lines name guidelines, an acceptable use
    or content policy) whose clauses put in no AI training on the user's content."""
    if severity is not Severity.high or not conduct_document(title, text):
        return severity
    if any(c.kind == "ai_training" and c.polarity > 0 for mine in cues for c in mine):
        return severity
    return Severity.medium
