"""A record's direction for the user, read by a small learned model (issue 12, round 6).

The features are what the rules analyzer already computed for a pair (the rules' own record
direction, each change's direction, confidence, kind and category, the clause cues in its evidence,
the diff's signals such as a list that grew, the document's view) and the changed wording itself
(word unigrams and bigrams of the added and of the removed text, prefixed by their side). Each
group of features is scaled to unit length, so that a long rewrite's many words do not drown the
few structural features.

:func:`pair_features` is shared by ``bench/direction_learned.py`` (which trains and tests a
multinomial logistic regression on these features, leaving one labelled set out at a time) and
:func:`predict`, which applies weights trained that way.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from summarizer.model.diff import Hunk

CLASSES = ("worse", "better", "mixed", "neutral")
_WORD = re.compile(r"[a-z][a-z']*")
_EVIDENCE = re.compile(r"^([+-]1) (new|removed): (.+?) \(")
_RANK = {"none": 0, "low": 1, "medium": 2, "high": 3}


def _cue_kinds() -> dict[str, str]:
    from summarizer.rubric.clauses import LABELS

    return {label: kind for kind, label in LABELS.items()}


def _grams(text: str) -> set[str]:
    words = _WORD.findall(text.lower())
    return set(words) | {f"{a} {b}" for a, b in zip(words, words[1:])}


def _sides(hunks: Iterable[Hunk]) -> tuple[str, str]:
    """The wording taken out and the wording put in by *hunks* (inline edits of a modified block,
    a whole block added or removed)."""
    added: list[str] = []
    removed: list[str] = []
    for h in hunks:
        if h.kind == "added":
            added.append(h.new_text)
        elif h.kind == "removed":
            removed.append(h.old_text)
        elif h.kind == "modified":
            if h.changes:
                added.extend(c.new for c in h.changes if c.new)
                removed.extend(c.old for c in h.changes if c.old)
            else:
                added.append(h.new_text)
                removed.append(h.old_text)
    return " \n ".join(removed), " \n ".join(added)


def _unit(group: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in group.values()))
    return {k: v / norm for k, v in group.items()} if norm else {}


def pair_features(
    rule_direction: str | None,
    changes: Sequence[Any],
    hunks: Sequence[Hunk],
    view: str,
) -> dict[str, float]:
    """The features of one material pair.

    *changes* are the record's changes (``category``, ``kind``, ``direction``, ``confidence``,
    ``severity_before``/``severity_after``, ``evidence``, ``hunk_ids``), *hunks* the diff's hunks,
    *view* the document's view (consumer, business, data)."""
    kinds = _cue_kinds()
    rules: dict[str, float] = {f"rule={rule_direction or 'none'}": 1.0, f"view={view}": 1.0}
    counts: dict[str, float] = {}
    cues: dict[str, float] = {}
    worse = better = 0
    for c in changes:
        for key in (
            f"dir={c.direction}",
            f"dir={c.direction}/{c.confidence}",
            f"kind={c.kind}",
            f"cat={c.category}",
            f"cat={c.category}/{c.direction}",
        ):
            counts[key] = counts.get(key, 0.0) + 1.0
        step = _RANK.get(c.severity_after, 0) - _RANK.get(c.severity_before, 0)
        if step:
            key = "sev_up" if step > 0 else "sev_down"
            counts[key] = counts.get(key, 0.0) + 1.0
        for line in c.evidence:
            m = _EVIDENCE.match(line)
            if not m:
                continue
            sign, side, label = m.groups()
            kind = kinds.get(label, "other")
            key = f"cue{sign}/{side}/{kind}"
            cues[key] = cues.get(key, 0.0) + 1.0
            if sign == "+1":
                worse += 1
            else:
                better += 1
    if worse or better:
        cues["cue_worse_share"] = worse / (worse + better)
        cues["cue_both"] = float(bool(worse and better))
    else:
        cues["cue_none"] = 1.0
    counts = {k: math.log1p(v) for k, v in counts.items()}
    wanted = {i for c in changes for i in c.hunk_ids}
    mine = [h for h in hunks if h.id in wanted]
    signals: dict[str, float] = {}
    for h in mine:
        s = h.signals
        for e in s.enumerations:
            if e.added:
                signals["list_grew"] = 1.0
            if e.removed:
                signals["list_shrank"] = 1.0
        for m in s.modality:
            signals[f"modality_{m.direction}"] = 1.0
        for n in s.negation:
            signals[f"negation_{n.change}"] = 1.0
        if s.parties_added:
            signals["parties_added"] = 1.0
        if s.parties_removed:
            signals["parties_removed"] = 1.0
        if s.numbers:
            signals["numbers"] = 1.0
        if s.reserve_right_added:
            signals["reserve_right_added"] = 1.0
        if s.reserve_right_removed:
            signals["reserve_right_removed"] = 1.0
    removed, added = _sides(mine)
    plus, minus = _grams(added), _grams(removed)
    words = {f"+{g}": 1.0 for g in plus - minus} | {f"-{g}": 1.0 for g in minus - plus}
    out: dict[str, float] = {"<bias>": 1.0}
    for group in (rules, counts, cues, signals):
        out.update(_unit(group))
    out.update(_unit(words))
    return out


def probabilities(weights: Mapping[str, Sequence[float]], features: Mapping[str, float]) -> list[float]:
    """P(class) for each of :data:`CLASSES` under a multinomial logistic regression."""
    z = [0.0] * len(CLASSES)
    for name, value in features.items():
        w = weights.get(name)
        if w is None:
            continue
        for k in range(len(CLASSES)):
            z[k] += w[k] * value
    top = max(z)
    e = [math.exp(v - top) for v in z]
    total = sum(e)
    return [v / total for v in e]


def predict(
    weights: Mapping[str, Sequence[float]], features: Mapping[str, float], threshold: float
) -> tuple[str, float]:
    """The most probable direction and its probability, or ``unclear`` below *threshold*."""
    p = probabilities(weights, features)
    best = max(range(len(CLASSES)), key=lambda k: (p[k], -k))
    return (CLASSES[best] if p[best] >= threshold else "unclear"), p[best]
