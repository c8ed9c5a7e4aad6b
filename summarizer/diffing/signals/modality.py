"""Modality shifts: will/shall/must <-> may/can/might/could, and "at our discretion" or "reserve the
right" added or removed."""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.diffing.signals.canonical_text import stem
from summarizer.model.diff import (
    ModalityShift,
)
from summarizer.text.lazy_re import lazy

_STRONG = {"will", "shall", "must", "required to", "obligated to", "agree to", "commit to", "undertake to"}
_MODAL_RE = lazy(
    r"\b(?P<m>will|shall|must|may|might|can|could|(?:is|are|am|be) (?:required|obligated) to|(?:agree|commit|undertake)s? to)\b"
    r"(?P<rest>(?:\s+(?:not|never|also|only|still|then|now|always|generally|be|been|have|need to|continue to|to))*)"
    r"(?:\s+(?P<head>[a-z][a-z'-]*))?"
)
_NOT_MODAL_BEFORE = {
    "will": {"at", "your", "free", "own", "good", "ill"},
    "may": {"in", "of", "since", "until", "during", "early", "late", "mid", "from"},
    "can": {"a", "the", "tin", "trash", "garbage"},
}
DISCRETION_RE = lazy(
    r"\b(?:at|in) (?:our|its|their|the company's|[a-z]+'s) (?:(?:sole|absolute|complete|own|exclusive|reasonable)"
    r"(?: and (?:sole|absolute|complete|exclusive))? )?discretion\b"
)
RESERVE_RE = lazy(r"\breserves? (?:the|our|its|their) right\b")


@dataclass(slots=True)
class _Modal:
    word: str
    strong: bool
    head: str


def _modals(clause: str) -> list[_Modal]:
    out: list[_Modal] = []
    for m in _MODAL_RE.finditer(clause):
        word = m.group("m")
        key = (
            word.split(" ", 1)[-1]
            if " " in word and word.split(" ", 1)[0] in ("is", "are", "am", "be")
            else word
        )
        if key.endswith("s to"):
            key = key[:-4] + " to"
        before = clause[max(0, m.start() - 12) : m.start()].split()
        if before and before[-1] in _NOT_MODAL_BEFORE.get(key, ()):
            continue
        if key == "may" and re.match(r"\s*\d", clause[m.end("m") :]):
            continue
        head = m.group("head") or ""
        out.append(_Modal(key, key in _STRONG, stem(head)))
    return out


def modality_shifts(old_clause: str, new_clause: str) -> list[ModalityShift]:
    mo, mn = _modals(old_clause), _modals(new_clause)
    if not mo or not mn:
        return []
    for same in (
        lambda a, b: a.word == b.word and a.head == b.head,
        lambda a, b: a.strong == b.strong and a.head == b.head,
    ):
        for a in list(mo):
            b = next((x for x in mn if same(a, x)), None)
            if b is not None:
                mo.remove(a)
                mn.remove(b)
    pairs: list[tuple[_Modal, _Modal]] = []
    for a in list(mo):
        b = next((x for x in mn if x.head and x.head == a.head), None)
        if b is not None:
            pairs.append((a, b))
            mo.remove(a)
            mn.remove(b)
    pairs += list(zip(mo, mn))
    return [
        ModalityShift(a.word, b.word, "weaker" if a.strong else "stronger")
        for a, b in pairs
        if a.strong != b.strong
    ]
