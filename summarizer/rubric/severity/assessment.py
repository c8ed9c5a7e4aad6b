"""Assessing a changed provision: its level before and after, the direction for the user, the
confidence and the one-line reason that quotes the words that changed."""

from __future__ import annotations

from summarizer.diffing.signals import (
    canonical,
    compute_signals,
)
from summarizer.model.diff import Signals
from summarizer.model.taxonomy import CATEGORIES, Severity
from summarizer.rubric.severity.evidence import Evidence, factor_evidence, signal_evidence
from summarizer.rubric.severity.rating import describe, rate_canon
from summarizer.rubric.severity.results import Assessment, Confidence, Direction, Factor


def shift_phrase(before: Severity, after: Severity) -> str:
    """'medium → high', or 'unchanged (medium)' when the level did not move."""
    if before == after:
        return f"unchanged ({before.value})"
    return f"{before.value} → {after.value}"


def _head(before: Severity, after: Severity, direction: Direction) -> str:
    if before == after and direction != "same":
        return f"stays {before.value}, but {'worse' if direction == 'up' else 'better'} for you"
    return shift_phrase(before, after)


def _reason(head: str, agree: list[Evidence], against: list[Evidence], joiner: str = ", although ") -> str:
    agree = sorted(agree, key=lambda e: -abs(e.delta))
    against = sorted(against, key=lambda e: -abs(e.delta))
    text = "; ".join(e.text for e in agree[:3])
    if against:
        text = f"{text}{joiner}{against[0].text}" if text else against[0].text
    return f"{head}: {text}" if text else head


def assess_change(category: str, old_text: str, new_text: str, signals: Signals | None = None) -> Assessment:
    """Before/after severity of a provision in *category*, the direction for the user and why."""
    old_c, new_c = canonical(old_text), canonical(new_text)
    before, old_f = rate_canon(category, old_c)
    if old_c == new_c:
        return Assessment(
            category,
            before,
            before,
            "same",
            f"{shift_phrase(before, before)}: no change in what the text says",
            describe(category, old_f) if before is not Severity.none else [],
        )
    after, new_f = rate_canon(category, new_c)
    factors = describe(category, []) + [f"before: {f}" for f in old_f] + [f"after: {f}" for f in new_f]

    if before is Severity.none:  # an added provision
        return _added(category, after, new_f, factors)
    if after is Severity.none:  # a removed provision
        return _removed(category, before, old_f, factors)

    sig = signals if signals is not None else compute_signals(old_text, new_text)
    evidence: dict[str, Evidence] = {}
    for e in factor_evidence(old_f, new_f) + signal_evidence(category, sig, old_c, new_c):
        evidence.setdefault(e.key, e)
    items = list(evidence.values())
    factors += [f"change {e.delta:+d}: {e.text}" for e in items]
    total = sum(e.delta for e in items)
    up = [e for e in items if e.delta > 0]
    down = [e for e in items if e.delta < 0]
    neutral = [e for e in items if e.delta == 0]

    evidence_lines = [f"{e.delta:+d} {e.text}" for e in items if e.delta]
    weight_up, weight_down = sum(e.delta for e in up), -sum(e.delta for e in down)
    if up and down and 2 * min(weight_up, weight_down) > max(weight_up, weight_down):
        # evidence both ways and neither clearly outweighs the other: say so instead of guessing
        reason = _reason(f"{shift_phrase(before, before)}, direction unclear", up, down, joiner="; but ")
        return Assessment(category, before, before, "unclear", reason, factors, "low", evidence_lines)
    confidence: Confidence = "medium" if (up and down) else "high"
    if total > 0:
        direction: Direction = "up"
        if after <= before:
            after = Severity.from_rank(min(Severity.high.rank, before.rank + 1))
        reason = _reason(_head(before, after, direction), up, down)
    elif total < 0:
        direction = "down"
        if after >= before:
            after = Severity.from_rank(max(Severity.low.rank, before.rank - 1))
        reason = _reason(_head(before, after, direction), down, up)
    else:
        direction = "same"
        after = before
        if up or down:
            reason = _reason(shift_phrase(before, after), up, down, joiner=", but ")
        elif neutral:
            reason = _reason(shift_phrase(before, after), neutral, [])
        else:
            reason = f"{shift_phrase(before, after)}: reworded without a change in what it permits"
    return Assessment(category, before, after, direction, reason, factors, confidence, evidence_lines)


def _added(category: str, after: Severity, new_f: list[Factor], factors: list[str]) -> Assessment:
    """A provision that is new. New protective text lowers the provision's level: before it, the
    silent text allowed what the category usually allows (its tendency), so ``before`` is that
    level (at least one step above ``after``); other new text rates from none."""
    perms = [f for f in new_f if f.weight > 0]
    prots = [f for f in new_f if f.weight < 0]
    net = sum(f.weight for f in new_f)
    quotes = lambda fs: ", ".join(f"'{f.quote}'" for f in fs[:3])  # noqa: E731
    before = Severity.none
    if net < 0:
        before = max(_tendency(category), Severity.from_rank(min(3, after.rank + 1)))
        reason = f"{shift_phrase(before, after)}: new text that protects you ({quotes(prots)})"
        direction: Direction = "down"
    elif net > 0:
        reason = f"{shift_phrase(before, after)}: new text with {quotes(perms)}"
        if prots:
            reason += f", although it also adds {quotes(prots[:1])}"
        direction = "up"
    elif perms:
        reason = f"{shift_phrase(before, after)}, direction unclear: new text with {quotes(perms)}, balanced by {quotes(prots)}"
        direction = "unclear"
    else:  # nothing in the new text says which way it cuts: no guess from the category
        reason = f"{shift_phrase(before, after)}: new text on {_title(category)}; whether it is better or worse for you is unclear"
        return Assessment(category, before, after, "unclear", reason, factors, "low", [])
    evidence = [f"{f.weight:+d} {f.label} ('{f.quote}')" for f in new_f]
    confidence: Confidence = "low" if direction == "unclear" else "medium" if (perms and prots) else "high"
    return Assessment(category, before, after, direction, reason, factors, confidence, evidence)


def _removed(category: str, before: Severity, old_f: list[Factor], factors: list[str]) -> Assessment:
    """A provision that is gone. When what it took away was a protection, the provision now allows
    more: ``after`` is one step above ``before`` and at least the category's tendency (the design's
    "removing a protection pushes severity up"); otherwise it rates none."""
    perms = [f for f in old_f if f.weight > 0]
    prots = [f for f in old_f if f.weight < 0]
    lost_protection = -sum(f.weight for f in prots)
    lost_permission = sum(f.weight for f in perms)
    quotes = lambda fs: ", ".join(f"'{f.quote}'" for f in fs[:3])  # noqa: E731
    after = Severity.none
    if lost_protection > lost_permission:
        direction: Direction = "up"
        after = max(Severity.from_rank(min(3, before.rank + 1)), _tendency(category))
        noun = "the protection" if len(prots) == 1 else "the protections"
        reason = (
            f"{shift_phrase(before, after)}: {noun} {quotes(prots)} "
            f"{'was' if len(prots) == 1 else 'were'} removed, which is worse for you"
        )
    elif lost_permission > lost_protection:
        direction = "down"
        reason = f"{shift_phrase(before, after)}: the text was removed; it no longer says {quotes(perms)}"
    elif perms:
        reason = f"{shift_phrase(before, after)}, direction unclear: the text was removed, both {quotes(perms)} and {quotes(prots)}"
        direction = "unclear"
    else:  # nothing in the old text says what its removal takes away: no guess from the category
        reason = f"{shift_phrase(before, after)}: the text on {_title(category)} was removed; whether that is better or worse for you is unclear"
        return Assessment(category, before, after, "unclear", reason, factors, "low", [])
    evidence = [f"{-f.weight:+d} removed: {f.label} ('{f.quote}')" for f in old_f]
    confidence: Confidence = "low" if direction == "unclear" else "medium" if (perms and prots) else "high"
    return Assessment(category, before, after, direction, reason, factors, confidence, evidence)


def _tendency(category: str) -> Severity:
    found = CATEGORIES.get(category)
    return found.tendency if found else Severity.medium


def _title(category: str) -> str:
    found = CATEGORIES.get(category)
    return found.title.lower() if found else category.replace("_", " ")
