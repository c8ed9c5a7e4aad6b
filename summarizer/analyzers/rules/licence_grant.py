"""When a change to content and intellectual-property text is high for the user (issue 12, round 9,
sev9).

The ``content_license_ip`` category's tendency is high, so any copyright or IP passage rates high
before and after a change, and any worse nudge (a third party's infringement "without authorization",
a ban on the user reworded to reach further) made the record high. Across the seven labelled folds
that route was never right (TikTok's copyright claims policy in fresh and fresh5, Crunchbase's terms
in fresh2: all labelled medium); what the labelling scale rates high on this subject is a wider
licence the user grants: perpetual or irrevocable, sublicensable or transferable, a waiver of rights,
or the user's content used to train AI. :func:`licence_widened` says whether a change puts such a
term in; without one, an IP change is an ordinary (medium) change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from summarizer.rubric.clauses import protection_lost
from summarizer.rubric.severity import text_factors

if TYPE_CHECKING:  # pragma: no cover
    from summarizer.analyzers.rules.provisions import Provision
    from summarizer.rubric.clauses import Cue

#: Rubric factors that widen the licence the user grants (summarizer/rubric/severity/factor_rules.py).
LICENCE_FACTORS = frozenset({"perpetual", "broad_licence", "waiver", "ai_training", "training_default"})
#: Clause cues that do (summarizer/rubric/clauses.py).
LICENCE_CUES = frozenset({"licence", "ai_training", "training_default"})


def licence_widened(provision: Provision, cues: list[Cue]) -> bool:
    """Does the change widen the licence the user grants: a licence factor the old text lacked, an
    added licence or AI-training clause, or a protection of the user's taken away?"""
    old = {f.key for f in text_factors(provision.category, provision.old_text)}
    new = {f.key for f in text_factors(provision.category, provision.new_text)}
    if (new - old) & LICENCE_FACTORS:
        return True
    return any(c.polarity > 0 and (c.kind in LICENCE_CUES or protection_lost(c)) for c in cues)
