"""Multi-label taxonomy classifier for policy passages: fast, offline and explainable.

A passage is lower-cased and split into words; each word is mapped to its lexicon base form
("parties" -> "party", "shared" -> "share"; the forms are generated from the lexicon, so no stemmer
or dictionary is loaded). Phrases from :mod:`summarizer.lexicon` are matched through a first-word
index, so a passage costs one pass over its words. Each category scores the weights of the distinct
phrases it found, plus a bonus when one of its verbs stands within a few words of one of its objects or
parties ("share ... with third parties"). Categories at or above :data:`THRESHOLD` and within
:data:`RELATIVE` of the best score are returned, best first; a passage where nothing substantive
fires is ``contact_generic``. The weights are hand-set; :data:`THRESHOLD`, :data:`RELATIVE` and
:data:`DOMINANT` were chosen on the ``dev`` split of ``evals/tosdr`` (ToS;DR, CC BY-SA), never on its
held-out ``test`` split.

Negation and modals never block a match ("we do not sell your data" is about the sale of data);
a negated verb is shown as ``not <verb>`` in the explanation so the severity rubric can see it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from summarizer.lexicon import LEXICONS, NEGATORS, inflections
from summarizer.taxonomy import CATEGORY_IDS

__all__ = ["CategoryHit", "explain", "classify", "classify_many", "score_all",
           "THRESHOLD", "RELATIVE", "FALLBACK"]

#: Minimum score for a category to be reported.
THRESHOLD = 0.6
#: A category is reported only when its score is at least this fraction of the best score.
RELATIVE = 0.7
#: ``contact_generic`` wins over substantive categories only when it scores this many times more.
DOMINANT = 1.5
#: A verb and an object/party pair up when at most this many words apart.
WINDOW = 12
#: The category of passages that say nothing substantive.
FALLBACK = "contact_generic"


@dataclass
class CategoryHit:
    """One category found in a passage, with the words and patterns that fired."""

    category: str
    score: float
    terms: list[str] = field(default_factory=list)


# --- text -> words --------------------------------------------------------------------------

_WORD = re.compile(r"[^\W_]+")
_URL = re.compile(r"(?:https?://|www\.)\S+")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
_CONTRACTION = re.compile(r"\b(?:(won)|(can)|(\w+?))n't\b")


def _expand(match: re.Match[str]) -> str:
    if match.group(1):
        return "will not"
    if match.group(2):
        return "can not"
    return f"{match.group(3)} not"


def _words(text: str) -> list[str]:
    lowered = text.lower().translate(_APOSTROPHES)
    if "http" in lowered or "www." in lowered:
        lowered = _URL.sub(" ", lowered)  # link targets are not prose ("https" is no security cue)
    if "n't" in lowered:
        lowered = _CONTRACTION.sub(_expand, lowered)
    return _WORD.findall(lowered)


_DIGIT = re.compile(r"\d")

# Patterns that words cannot express: e-mail addresses and dates (contact details, effective dates).
_MONTH = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
_PATTERN_CUES: tuple[tuple[str, re.Pattern[str], str, float], ...] = (
    ("<email address>", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), FALLBACK, 1.0),
    ("<date>", re.compile(rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b"
                          rf"|\b\d{{1,2}}\s+{_MONTH}\s+\d{{4}}\b|\b{_MONTH},?\s+\d{{4}}\b"
                          r"|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b", re.I), FALLBACK, 1.0),
)


# --- compiled lexicon ---------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Entry:
    """What one phrase means for one category: its weight and the slots it fills."""

    category: str
    weight: float  # the largest weight the phrase has in this category
    label: str  # the phrase as written in the lexicon
    slots: frozenset[str]  # cues / verbs / objects / parties


@dataclass(frozen=True, slots=True)
class _Compiled:
    canon: dict[str, str]  # surface word -> lexicon base word ("parties" -> "party")
    index: dict[str, tuple[tuple[tuple[str, ...], int], ...]]  # first word -> [(rest, phrase id)]
    entries: tuple[tuple[_Entry, ...], ...]  # phrase id -> one entry per category
    lengths: tuple[int, ...]  # phrase id -> number of words
    bonuses: dict[str, tuple[float, float]]  # category -> (verb+object, verb+party)


@cache
def _compiled() -> _Compiled:
    phrases = [(category, slot, phrase, weight)
               for category, lex in LEXICONS.items()
               for slot in ("cues", "verbs", "objects", "parties")
               for phrase, weight in getattr(lex, slot).items()]
    vocabulary = sorted({w for _, _, phrase, _ in phrases for w in _words(phrase)}, key=lambda w: (len(w), w))
    canon: dict[str, str] = {}
    for word in vocabulary:  # shorter words first: "cookies" becomes a form of "cookie"
        base = canon.setdefault(word, word)
        for form in inflections(base):
            canon.setdefault(form, base)
    merged: dict[tuple[str, ...], dict[str, tuple[float, str, set[str]]]] = {}
    for category, slot, phrase, weight in phrases:
        key = tuple(canon[w] for w in _words(phrase))
        if not key:
            continue
        per_category = merged.setdefault(key, {})
        if category in per_category:
            old_weight, label, slots = per_category[category]
            slots.add(slot)
            if abs(weight) > abs(old_weight):
                per_category[category] = (weight, phrase, slots)
        else:
            per_category[category] = (weight, phrase, {slot})
    index: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    entries: list[tuple[_Entry, ...]] = []
    lengths: list[int] = []
    for pid, (key, per_category) in enumerate(merged.items()):
        entries.append(tuple(_Entry(c, w, label, frozenset(slots)) for c, (w, label, slots) in per_category.items()))
        lengths.append(len(key))
        index.setdefault(key[0], []).append((key[1:], pid))
    return _Compiled(
        canon=canon,
        index={k: tuple(sorted(v, key=lambda item: -len(item[0]))) for k, v in index.items()},
        entries=tuple(entries),
        lengths=tuple(lengths),
        bonuses={c: (lex.verb_object_bonus, lex.verb_party_bonus) for c, lex in LEXICONS.items()},
    )


# --- scoring ------------------------------------------------------------------------------------

class _Tally:
    __slots__ = ("score", "terms", "seen", "covered", "verbs", "objects", "parties")

    def __init__(self) -> None:
        self.score = 0.0
        self.terms: list[str] = []
        self.seen: set[int] = set()
        self.covered = 0  # words before this index belong to a longer phrase already matched
        self.verbs: list[tuple[int, str]] = []
        self.objects: list[tuple[int, str]] = []
        self.parties: list[tuple[int, str]] = []


def _nearest(a: list[tuple[int, str]], b: list[tuple[int, str]]) -> tuple[int, str, str] | None:
    best: tuple[int, str, str] | None = None
    for pa, la in a:
        for pb, lb in b:
            gap = abs(pa - pb)
            if gap and (best is None or gap < best[0]):
                best = (gap, la, lb)
    return best


def score_all(text: str) -> dict[str, CategoryHit]:
    """Raw scores of every category that matched anything (no threshold), keyed by category."""
    compiled = _compiled()
    words = _words(text)
    canon = compiled.canon
    bases = [canon.get(w, w) for w in words]
    n = len(bases)
    tallies: dict[str, _Tally] = {}
    for i, first in enumerate(bases):
        candidates = compiled.index.get(first)
        if not candidates:
            continue
        matched_here: dict[str, int] = {}  # category -> length of the longest phrase matched at i
        for rest, pid in candidates:
            length = compiled.lengths[pid]
            if rest and (i + length > n or tuple(bases[i + 1:i + length]) != rest):
                continue
            negated = None
            for entry in compiled.entries[pid]:
                tally = tallies.get(entry.category)
                if tally is None:
                    tally = tallies[entry.category] = _Tally()
                # Inside a longer phrase of the same category: keep its position, not its weight.
                inside = i < tally.covered or matched_here.get(entry.category, length) > length
                if not inside:
                    matched_here[entry.category] = length
                label = entry.label
                if "verbs" in entry.slots:
                    if negated is None:
                        negated = any(w in NEGATORS for w in words[max(0, i - 3):i])
                    if negated:
                        label = f"not {label}"
                    tally.verbs.append((i, label))
                if "objects" in entry.slots:
                    tally.objects.append((i, entry.label))
                if "parties" in entry.slots:
                    tally.parties.append((i, entry.label))
                if not inside and pid not in tally.seen:
                    tally.seen.add(pid)
                    if entry.weight:
                        tally.score += entry.weight
                        tally.terms.append(label if entry.weight > 0 else f"-{label}")
        for category, length in matched_here.items():
            tally = tallies[category]
            tally.covered = max(tally.covered, i + length)
    if "@" in text or _DIGIT.search(text):
        for label, pattern, category, weight in _PATTERN_CUES:
            if pattern.search(text):
                tally = tallies.setdefault(category, _Tally())
                tally.score += weight
                tally.terms.append(label)
    hits: dict[str, CategoryHit] = {}
    for category, tally in tallies.items():
        verb_object, verb_party = compiled.bonuses.get(category, (0.0, 0.0))
        for bonus, others in ((verb_object, tally.objects), (verb_party, tally.parties)):
            if not bonus or not tally.verbs or not others:
                continue
            pair = _nearest(tally.verbs, others)
            if pair is not None and pair[0] <= WINDOW:
                tally.score += bonus
                tally.terms.append(f"{pair[1]} … {pair[2]}")
        if tally.terms:
            hits[category] = CategoryHit(category, round(tally.score, 3), tally.terms)
    return hits


def explain(text: str) -> list[CategoryHit]:
    """The categories of *text* with their scores and the terms that fired, best first.

    A passage where no substantive category reaches the threshold yields one ``contact_generic``
    hit (its score and terms are whatever contact/date/definition cues were found, possibly none).
    """
    scored = score_all(text)
    fallback = scored.pop(FALLBACK, None) or CategoryHit(FALLBACK, 0.0, [])
    ranked = sorted((h for h in scored.values() if h.score >= THRESHOLD),
                    key=lambda h: (-h.score, _ORDER[h.category]))
    if not ranked or fallback.score >= DOMINANT * ranked[0].score:
        return [fallback]
    top = ranked[0].score
    return [h for h in ranked if h.score >= RELATIVE * top]


def classify(text: str) -> list[str]:
    """Taxonomy ids of *text*, best first; ``["contact_generic"]`` when it says nothing substantive."""
    return [hit.category for hit in explain(text)]


def classify_many(texts: Iterable[str]) -> list[list[str]]:
    """:func:`classify` over many passages, order kept."""
    return [classify(text) for text in texts]


_ORDER = {category: i for i, category in enumerate(CATEGORY_IDS)}
