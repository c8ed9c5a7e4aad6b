"""Negations added or removed ("do not sell" -> "sell"), with the negated phrase."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from summarizer.diffing.signals.canonical_text import WORD, stem
from summarizer.diffing.signals.enumerations import BOUNDARY_WORDS
from summarizer.model.diff import (
    NegationChange,
)
from summarizer.text.lazy_re import lazy

_SKIP = r"(?:be|been|ever|always|currently|otherwise|directly|knowingly|intentionally|generally|also|now|necessarily|actively|to|a|an|the|in|any|yet)"
_NEG_RE = lazy(
    r"\b(?:(?:will|shall|must|may|can|could|would|should|might|do|does|did|is|are|was|were|has|have|had|be)\s+)?"
    rf"(?:not|never|no longer)\s+(?:{_SKIP}\s+){{0,3}}(?P<head>[a-z][a-z'-]*)"
    r"|\bno\s+(?P<head2>(?!(?:longer|later|sooner|more|less|matter|such|event|case|circumstances)\b)[a-z][a-z'-]*)"
)


@dataclass(slots=True)
class _Neg:
    phrase: str
    head: str
    stem: str


_FUNCTION = frozenset(
    "for this that these those your our their its his her the a an to of in on at by with from as if when all "
    "only just so such any every each one it them us you we there here more very".split()
)
_WORDS_AFTER = lazy(r"\s+([a-z][a-z'-]*)")


def _negations(clauses: list[str]) -> list[_Neg]:
    out: list[_Neg] = []
    for c in clauses:
        if "no" not in c and "never" not in c:
            continue
        for m in _NEG_RE.finditer(c):
            head = (m.group("head") or m.group("head2")).strip("'-")
            phrase, end = m.group(0).rstrip("'-"), m.end()
            extra = 0
            while head in _FUNCTION and extra < 3:  # "not for children", "not your data"
                nxt = _WORDS_AFTER.match(c, end)
                if nxt is None:
                    break
                head, end, extra = nxt.group(1).strip("'-"), nxt.end(), extra + 1
                phrase = f"{phrase} {head}"
            if head in _FUNCTION or not head:
                continue
            if m.group("head2"):  # "no personal information": keep the noun too
                nxt = _WORDS_AFTER.match(c, end)
                if nxt is not None and nxt.group(1) not in _FUNCTION and nxt.group(1) not in BOUNDARY_WORDS:
                    phrase = f"{phrase} {nxt.group(1).strip(chr(39) + '-')}"
            out.append(_Neg(phrase, head, stem(head)))
    return out


def _stem_counts(clauses: list[str]) -> Counter[str]:
    return Counter(stem(w) for c in clauses for w in WORD.findall(c))


def negation_changes(old_clauses: list[str], new_clauses: list[str]) -> list[NegationChange]:
    old_negs, new_negs = _negations(old_clauses), _negations(new_clauses)
    if not old_negs and not new_negs:
        return []
    unmatched_new = list(new_negs)
    uo: list[_Neg] = []
    for n in old_negs:
        twin = next((x for x in unmatched_new if x.stem == n.stem), None)
        if twin is None:
            uo.append(n)
        else:
            unmatched_new.remove(twin)
    un = unmatched_new
    if not uo and not un:
        return []

    def affirmed(items: list[_Neg], clauses: list[str], negs: list[_Neg]) -> list[_Neg]:
        """Items whose word still appears on the other side, outside a negation."""
        if not clauses or not items:
            return []
        counts = _stem_counts(clauses)
        counts.subtract(Counter(x.stem for x in negs))
        return [x for x in items if counts[x.stem] > 0]

    removed = affirmed(uo, new_clauses, new_negs)
    added = affirmed(un, old_clauses, old_negs)
    rest_o = [x for x in uo if x not in removed]
    rest_n = [x for x in un if x not in added]
    # What remains pairs off as rewording ("will not sell" -> "will never be sold"); the excess
    # on one side is a negation that really came or went.
    if len(rest_o) > len(rest_n):
        removed += rest_o[len(rest_n) :]
    elif len(rest_n) > len(rest_o):
        added += rest_n[len(rest_o) :]
    return [NegationChange("removed", x.phrase) for x in removed] + [
        NegationChange("added", x.phrase) for x in added
    ]
