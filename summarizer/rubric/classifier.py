"""Multi-label taxonomy classifier for policy passages: fast, offline and explainable.

A passage is lower-cased and split into words; each word is mapped to its lexicon base form
("parties" -> "party", "shared" -> "share"; the forms are generated from the lexicon, so no stemmer
or dictionary is loaded). Phrases from :mod:`summarizer.rubric.lexicon` are matched through a first-word
index, so a passage costs one pass over its words. Each category gets a hand-set score: the weights
of the distinct phrases it found, plus a bonus when one of its verbs stands within a few words of one
of its objects or parties ("share ... with third parties") (:func:`score_all`).

Learned weights then decide (:func:`explain`): one logistic model per category over those same
phrases, ``summarizer/data/classifier_weights.json``, learned on the ``dev`` services of the ToS;DR
set in ``evals/tosdr`` (CC BY-SA 3.0, https://tosdr.org) by ``evals/tosdr/learn_weights.py``. A
category is a candidate only when one of its own phrases fired; its log-odds are a bias, a multiple
of its hand score, a (negative) multiple of the best other category's hand score, and one weight per
phrase that fired, so "which words fired" stays the explanation (:func:`contributions` lists every
term). Candidates with probability at least :data:`MIN_PROBABILITY` are returned, best first; when
none is, the likeliest is returned only if it is fairly likely (:data:`MIN_GUESS`) or the hand rule
would report it, else the passage says nothing substantive: ``contact_generic``. Without the weights
file the hand rule alone decides (:func:`explain_lexicon`: :data:`THRESHOLD`, :data:`RELATIVE`,
:data:`DOMINANT`, set on the ``dev`` split). The held-out ``test`` services were never used to set
anything.

Negation and modals never block a match ("we do not sell your data" is about the sale of data);
a negated verb is shown as ``not <verb>`` in the explanation so the severity rubric can see it.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources

from summarizer.model.taxonomy import CATEGORY_IDS
from summarizer.rubric.lexicon import LEXICONS, NEGATORS, inflections
from summarizer.text.digest import sha256_hex
from summarizer.text.lazy_re import lazy

__all__ = [
    "CategoryHit",
    "explain",
    "classify",
    "classify_many",
    "score_all",
    "explain_lexicon",
    "explain_with",
    "contributions",
    "features",
    "Features",
    "probabilities",
    "lexicon_fingerprint",
    "weights_from_json",
    "THRESHOLD",
    "RELATIVE",
    "FALLBACK",
    "MIN_PROBABILITY",
    "MIN_GUESS",
]

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
#: With learned weights: a candidate category is reported when its probability reaches this.
MIN_PROBABILITY = 0.5
#: With learned weights, when no category reaches :data:`MIN_PROBABILITY`: the likeliest is still
#: reported when its probability reaches this or its hand-set score reaches :data:`THRESHOLD`.
MIN_GUESS = 0.4
#: Another category's phrase is listed among a hit's terms when its learned weight is at least this.
SHOWN_WEIGHT = 0.5
#: The feature name of a verb-object / verb-party pair (the pair itself is shown in the terms).
PAIR = "<pair>"
#: The learned weights in ``summarizer/data`` (derived from ToS;DR, CC BY-SA 3.0).
WEIGHTS_FILE = "classifier_weights.json"


@dataclass
class CategoryHit:
    """One category found in a passage, with the words and patterns that fired."""

    category: str
    score: float
    terms: list[str] = field(default_factory=list)


# --- text -> words --------------------------------------------------------------------------

_WORD = lazy(r"[^\W_]+")
_URL = lazy(r"(?:https?://|www\.)\S+")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
_CONTRACTION = lazy(r"\b(?:(won)|(can)|(\w+?))n't\b")


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


_DIGIT = lazy(r"\d")

# Patterns that words cannot express: e-mail addresses and dates (contact details, effective dates).
_MONTH = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
_PATTERN_CUES: tuple[tuple[str, re.Pattern[str], str, float], ...] = (
    ("<email address>", lazy(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), FALLBACK, 1.0),
    (
        "<date>",
        lazy(
            rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b"
            rf"|\b\d{{1,2}}\s+{_MONTH}\s+\d{{4}}\b|\b{_MONTH},?\s+\d{{4}}\b"
            r"|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b",
            re.I,
        ),
        FALLBACK,
        1.0,
    ),
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
    phrases = [
        (category, slot, phrase, weight)
        for category, lex in LEXICONS.items()
        for slot in ("cues", "verbs", "objects", "parties")
        for phrase, weight in getattr(lex, slot).items()
    ]
    words_of = {phrase: _words(phrase) for _, _, phrase, _ in phrases}  # each phrase read once
    vocabulary = sorted({w for words in words_of.values() for w in words}, key=lambda w: (len(w), w))
    canon: dict[str, str] = {}
    for word in vocabulary:  # shorter words first: "cookies" becomes a form of "cookie"
        base = canon.setdefault(word, word)
        for form in inflections(base):
            canon.setdefault(form, base)
    merged: dict[tuple[str, ...], dict[str, tuple[float, str, set[str]]]] = {}
    for category, slot, phrase, weight in phrases:
        key = tuple(canon[w] for w in words_of[phrase])
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
        entries.append(
            tuple(_Entry(c, w, label, frozenset(slots)) for c, (w, label, slots) in per_category.items())
        )
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
    __slots__ = ("score", "terms", "features", "seen", "covered", "verbs", "objects", "parties")

    def __init__(self) -> None:
        self.score = 0.0
        self.terms: list[str] = []
        self.features: list[str] = []  # what counted, un-negated: phrase labels, pattern cues, PAIR
        self.seen: set[int] = set()
        self.covered = 0  # words before this index belong to a longer phrase already matched
        self.verbs: list[tuple[int, str]] = []
        self.objects: list[tuple[int, str]] = []
        self.parties: list[tuple[int, str]] = []


def _nearest(a: list[tuple[int, str]], b: list[tuple[int, str]]) -> tuple[int, str, str] | None:
    """The closest pair at a non-zero distance, one from each list (both in position order): the
    first such pair in (a, b) order, as comparing every pair would find, in O((|a| + |b|) log |b|)."""
    positions = [pb for pb, _ in b]
    gap = 0
    for pa, _ in a:  # the smallest non-zero distance from any a to any b
        left = bisect_left(positions, pa)
        right = bisect_right(positions, pa)
        for near in (pa - positions[left - 1] if left else 0, positions[right] - pa if right < len(b) else 0):
            if near and (not gap or near < gap):
                gap = near
    if not gap:
        return None
    for pa, la in a:  # the first a with a b at that distance; of its b's, the first in b's order
        for pb in (pa - gap, pa + gap):
            at = bisect_left(positions, pb)
            if at < len(b) and positions[at] == pb:
                return gap, la, b[at][1]
    return None  # unreachable: some pair is at distance gap


@lru_cache(maxsize=2048)
def _tallies(text: str) -> dict[str, _Tally]:
    """One pass of the lexicon over *text*: per category, the hand-set score and what fired.

    Cached for the last couple of thousand texts (the analyzer asks for a passage's labels, then
    whether one category fires in it, and on a long document comes back to a passage after
    hundreds of others): callers read the tallies and copy what they keep, never change them."""
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
            if rest and (i + length > n or tuple(bases[i + 1 : i + length]) != rest):
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
                        negated = any(w in NEGATORS for w in words[max(0, i - 3) : i])
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
                        tally.features.append(entry.label)
        for category, length in matched_here.items():
            tally = tallies[category]
            tally.covered = max(tally.covered, i + length)
    if "@" in text or _DIGIT.search(text):
        for label, pattern, category, weight in _PATTERN_CUES:
            if pattern.search(text):
                tally = tallies.setdefault(category, _Tally())
                tally.score += weight
                tally.terms.append(label)
                tally.features.append(label)
    for category, tally in tallies.items():
        verb_object, verb_party = compiled.bonuses.get(category, (0.0, 0.0))
        for bonus, others in ((verb_object, tally.objects), (verb_party, tally.parties)):
            if not bonus or not tally.verbs or not others:
                continue
            pair = _nearest(tally.verbs, others)
            if pair is not None and pair[0] <= WINDOW:
                tally.score += bonus
                tally.terms.append(f"{pair[1]} … {pair[2]}")
                tally.features.append(PAIR)
    return tallies


def score_all(text: str) -> dict[str, CategoryHit]:
    """Raw lexicon scores of every category that matched anything (hand-set weights, no threshold,
    no learned weights), keyed by category."""
    return {
        category: CategoryHit(category, round(tally.score, 3), list(tally.terms))
        for category, tally in _tallies(text).items()
        if tally.terms
    }


@dataclass(frozen=True, slots=True)
class Features:
    """What the lexicon found in a passage: the input of the learned weights (and of their trainer).

    ``scores``: the hand-set lexicon score per category that fired; ``fired``: per category, the
    lexicon phrases (un-negated), pattern cues and :data:`PAIR` that counted; ``phrases``: all of
    them across categories (the learned weights let a phrase of one category speak for or against
    another: "cookie" makes ``data_collection`` less likely on its own).
    """

    scores: dict[str, float]
    fired: dict[str, frozenset[str]]
    phrases: frozenset[str]
    terms: dict[str, list[str]]


def features(text: str) -> Features:
    """The lexicon evidence in *text* (one pass; see :class:`Features`)."""
    tallies = _tallies(text)
    fired = {c: frozenset(t.features) for c, t in tallies.items()}
    return Features(
        scores={c: t.score for c, t in tallies.items()},
        fired=fired,
        phrases=frozenset(f for found in fired.values() for f in found if f != PAIR),
        terms={c: t.terms for c, t in tallies.items()},
    )


# --- learned weights ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Weights:
    """Per-category log-odds weights learned from the ToS;DR ``dev`` services (see the data file)."""

    bias: dict[str, float]
    scale: dict[str, float]  # times the category's hand-set lexicon score
    rival: dict[str, float]  # times the best hand-set score of any *other* category
    own: dict[str, dict[str, float]]  # category -> its own phrase -> weight (added to scale * hand)
    cross: dict[str, tuple[tuple[str, float], ...]]  # phrase -> ((category, weight), ...)
    fingerprint: str


def lexicon_fingerprint() -> str:
    """A digest of every lexicon phrase, weight and bonus: learned weights are only valid for it."""
    parts: list[str] = []
    for category in sorted(LEXICONS):
        lex = LEXICONS[category]
        for slot in ("cues", "verbs", "objects", "parties"):
            parts.extend(f"{category}|{slot}|{k}|{v}" for k, v in sorted(getattr(lex, slot).items()))
        parts.append(f"{category}|bonus|{lex.verb_object_bonus}|{lex.verb_party_bonus}")
    parts.extend(f"pattern|{label}|{category}|{weight}" for label, _, category, weight in _PATTERN_CUES)
    return sha256_hex("\n".join(parts).encode())[:16]


@cache
def _weights() -> _Weights | None:
    """The bundled learned weights, or None when the file is absent (lexicon-only decisions)."""
    try:
        raw = resources.files("summarizer").joinpath("data", WEIGHTS_FILE).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    return weights_from_json(json.loads(raw))


def weights_from_json(data: dict) -> _Weights:
    """Learned weights from their JSON form (``summarizer/data/classifier_weights.json``)."""
    cats = data["categories"]
    cross: dict[str, list[tuple[str, float]]] = {}
    for category, params in cats.items():
        for phrase, weight in params["cross"].items():
            cross.setdefault(phrase, []).append((category, weight))
    return _Weights(
        bias={c: v["bias"] for c, v in cats.items()},
        scale={c: v["scale"] for c, v in cats.items()},
        rival={c: v["rival"] for c, v in cats.items()},
        own={c: v["own"] for c, v in cats.items()},
        cross={k: tuple(v) for k, v in cross.items()},
        fingerprint=data.get("_meta", {}).get("lexicon_fingerprint", ""),
    )


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


def probabilities(found: Features, weights: _Weights, candidates: Iterable[str]) -> dict[str, float]:
    """P(category) for each candidate under the learned weights (a logistic model per category)."""
    scores = found.scores
    cross_sum: dict[str, float] = {}
    for phrase in found.phrases:
        for category, weight in weights.cross.get(phrase, ()):
            cross_sum[category] = cross_sum.get(category, 0.0) + weight
    # the best hand score of any other category: the best overall, or the runner-up for the best one
    best_category, best, second = None, 0.0, 0.0
    for c, v in scores.items():
        if v > best:
            best_category, best, second = c, v, best
        elif v > second:
            second = v
    result: dict[str, float] = {}
    for category in candidates:
        rival = second if category == best_category else best
        own = weights.own.get(category, {})
        z = (
            weights.bias.get(category, -5.0)
            + weights.scale.get(category, 0.0) * scores.get(category, 0.0)
            + weights.rival.get(category, 0.0) * rival
            + sum(own.get(f, 0.0) for f in found.fired.get(category, ()))
            + cross_sum.get(category, 0.0)
        )
        result[category] = _sigmoid(z)
    return result


def _learned_terms(category: str, found: Features, weights: _Weights) -> list[str]:
    """The hand-lexicon terms of *category*, then other categories' phrases that the learned
    weights count for it (shown as ``+phrase``)."""
    terms = list(found.terms.get(category, ()))
    shown = {t.removeprefix("not ") for t in terms}
    for phrase in sorted(found.phrases):
        if phrase in shown:
            continue
        weight = next((w for c, w in weights.cross.get(phrase, ()) if c == category), 0.0)
        if weight >= SHOWN_WEIGHT:
            terms.append(f"+{phrase}")
    return terms


def contributions(text: str, category: str) -> list[tuple[str, float]]:
    """Every term of the learned log-odds of *category* for *text*, largest effect first: the bias,
    ``hand score`` (scale times the category's hand-set score), ``best other category`` (rival
    times the best other hand score) and each phrase that fired. Empty without learned weights."""
    weights = _weights()
    if weights is None:
        return []
    found = features(text)
    scores = found.scores
    rival = max([0.0] + [v for c, v in scores.items() if c != category])
    parts = [
        ("bias", weights.bias.get(category, 0.0)),
        ("hand score", weights.scale.get(category, 0.0) * scores.get(category, 0.0)),
        ("best other category", weights.rival.get(category, 0.0) * rival),
    ]
    own = weights.own.get(category, {})
    fired = found.fired.get(category, frozenset())
    terms: dict[str, float] = {f: own.get(f, 0.0) for f in fired}
    for phrase in found.phrases:
        weight = next((w for c, w in weights.cross.get(phrase, ()) if c == category), 0.0)
        key = phrase if phrase in fired else f"+{phrase}"  # one line per phrase: own and cross weight
        terms[key] = terms.get(key, 0.0) + weight
    parts += [(k, round(v, 4)) for k, v in sorted(terms.items()) if v]
    return sorted(parts, key=lambda kv: -abs(kv[1]))


def explain(text: str) -> list[CategoryHit]:
    """The categories of *text* with their scores and the terms that fired, best first.

    With the bundled learned weights (the default), a category is a candidate only when one of its
    own lexicon phrases fired; its score is the learned probability, and it is reported when that is
    at least :data:`MIN_PROBABILITY`. When none is, the likeliest is reported if its probability
    reaches :data:`MIN_GUESS` or the hand rule would report it, else ``contact_generic``. Without them, the hand-set rule of :func:`explain_lexicon` decides. A passage where no
    substantive category fires yields one ``contact_generic`` hit (score 0.0 when nothing fired).
    """
    weights = _weights()
    if weights is None:
        return explain_lexicon(text)
    return explain_with(text, weights)


def explain_with(text: str, weights: _Weights) -> list[CategoryHit]:
    """:func:`explain` under the given learned weights (the bench uses it for cross-validation)."""
    found = features(text)
    substantive = [c for c, v in found.scores.items() if c != FALLBACK and v > 0]
    if not substantive:
        terms = found.terms.get(FALLBACK, [])
        score = probabilities(found, weights, [FALLBACK])[FALLBACK] if terms else 0.0
        return [CategoryHit(FALLBACK, round(score, 3), list(terms))]
    unlearned = [c for c in substantive if c not in weights.bias]  # no training passages: hand rule
    substantive = [c for c in substantive if c in weights.bias]
    hand = [
        CategoryHit(c, round(found.scores[c], 3), list(found.terms.get(c, ())))
        for c in unlearned
        if found.scores[c] >= THRESHOLD
    ]
    if not substantive:
        if hand:
            return hand
        terms = found.terms.get(FALLBACK, [])
        score = probabilities(found, weights, [FALLBACK])[FALLBACK] if terms else 0.0
        return [CategoryHit(FALLBACK, round(score, 3), list(terms))]
    return hand + _learned_hits(found, substantive, weights, bool(hand))


def _learned_hits(
    found: Features, substantive: list[str], weights: _Weights, others: bool
) -> list[CategoryHit]:
    """The categories the learned weights report among *substantive* (``others``: a hand-rule
    category was already reported, so no fallback is needed)."""
    probs = probabilities(found, weights, [*substantive, FALLBACK])
    ranked = sorted(probs, key=lambda c: (-probs[c], _ORDER[c]))
    chosen = [c for c in ranked if probs[c] >= MIN_PROBABILITY]
    if not chosen:
        # No confident category: the likeliest is reported only if it is fairly likely or the
        # lexicon alone would report it (one weak word, "photos" or "companies", says nothing).
        best = ranked[0]
        sure = probs[best] >= MIN_GUESS or found.scores.get(best, 0.0) >= THRESHOLD
        chosen = [best if best == FALLBACK or sure else FALLBACK]
    if (len(chosen) > 1 or others) and FALLBACK in chosen:
        chosen.remove(FALLBACK)
    return [CategoryHit(c, round(probs[c], 3), _learned_terms(c, found, weights)) for c in chosen]


def explain_lexicon(text: str) -> list[CategoryHit]:
    """The hand-set rule alone (no learned weights): categories scoring at least :data:`THRESHOLD`
    and within :data:`RELATIVE` of the best; ``contact_generic`` when nothing reaches it or contact
    cues score :data:`DOMINANT` times the best. Kept as the fallback and as the bench's baseline."""
    scored = score_all(text)
    fallback = scored.pop(FALLBACK, None) or CategoryHit(FALLBACK, 0.0, [])
    ranked = sorted(
        (h for h in scored.values() if h.score >= THRESHOLD), key=lambda h: (-h.score, _ORDER[h.category])
    )
    if not ranked or fallback.score >= DOMINANT * ranked[0].score:
        return [fallback]
    top = ranked[0].score
    return [h for h in ranked if h.score >= RELATIVE * top]


def classify(text: str) -> list[str]:
    """Taxonomy ids of *text*, best first; ``["contact_generic"]`` when it says nothing substantive.
    (Cached per text: a document that repeats a passage has it classified once.)"""
    return list(_classify_cached(text, id(_weights())))


@lru_cache(maxsize=4096)
def _classify_cached(text: str, weights_id: int) -> tuple[str, ...]:
    """:func:`classify`, keyed also by the weights in force (tests may swap them)."""
    return tuple(hit.category for hit in explain(text))


def classify_many(texts: Iterable[str]) -> list[list[str]]:
    """:func:`classify` over many passages, order kept."""
    return [classify(text) for text in texts]


_ORDER = {category: i for i, category in enumerate(CATEGORY_IDS)}
