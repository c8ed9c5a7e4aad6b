"""AI provisions that ride inside another provision's passage (issue 12).

A unit has one primary category: a licence clause that gains "to train our artificial intelligence
models" stays a ``content_license_ip`` unit, and the record would never name the AI change. When
the AI language itself changed (the ``ai_training`` lexicon scores differently on the two sides),
the same units also form an ``ai_training`` provision, assessed on its own.
"""

from __future__ import annotations

from summarizer.analyzers.rules.provisions import Provision, Unit
from summarizer.rubric.classifier import THRESHOLD, score_all

AI = "ai_training"


def ai_score(text: str) -> float:
    """The ``ai_training`` lexicon score of *text* (0 when no AI phrase fired)."""
    if not text:
        return 0.0
    hit = score_all(text).get(AI)
    return hit.score if hit is not None else 0.0


def ai_changed(unit: Unit) -> bool:
    """The unit's AI language changed: an AI phrase appeared or disappeared."""
    old, new = ai_score(unit.old_text), ai_score(unit.new_text)
    return max(old, new) >= THRESHOLD and abs(new - old) >= THRESHOLD / 2


def ai_companions(provisions: list[Provision]) -> list[Provision]:
    """One ``ai_training`` provision per provision of another category whose units changed their
    AI language (none when an ``ai_training`` provision of that section already holds them)."""
    covered = {(p.section, id(u)) for p in provisions if p.category == AI for u in p.units}
    out: list[Provision] = []
    for prov in provisions:
        if prov.category == AI:
            continue
        units = [u for u in prov.units if (prov.section, id(u)) not in covered]
        units = [u for u in units if ai_changed(u)]
        if units:
            out.append(Provision(category=AI, section=prov.section, units=units))
    return out
