"""A sentence taken out (or put in) that a sentence still standing in the other version already
says, in other words: a list de-duplicated, not a rule dropped (issue 12, round 7, material7).

Lists of rules are edited by removing an entry that repeats another one ("Glorification of
self-harm, including the promotion of self-injury, self-mutilation, suicide, or eating disorders."
beside "Encouraging, promoting, or glorifying self-harm, including self-injury, self-mutilation,
suicide, or eating disorders."). :mod:`restated` finds sentences that stand word for word; this
finds those whose every content word (cut to :data:`STEM` letters) a single sentence of the other
version holds, where that sentence says little more (:data:`COVER`), with the same negations and
numbers: everything the entry said is still said.
Only one-sided changes (a passage added or removed whole) are read: an edited sentence is a
change of its own words.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate
from typing import TYPE_CHECKING

from summarizer.analyzers.rules.restated import MIN_KEY, text_key, version_key
from summarizer.text.lazy_re import lazy

if TYPE_CHECKING:  # pragma: no cover
    from summarizer.analyzers.rules.provisions import Provision
    from summarizer.model.diff import DiffResult

#: Content words are compared by their first letters ('glorification' ~ 'glorifying').
STEM = 6
#: Share of the standing sentence's content words the changed sentence must hold (it holds all of
#: the changed sentence's).
COVER = 0.85
#: A sentence of fewer content words is not compared (too little to say it repeats another).
MIN_WORDS = 6

_ENTRY = lazy(r"\s*(?:[-*+•]|\(?(?:\d{1,3}|[a-z])[.)])\s+\S")
_WORD = lazy(r"[^\W\d_]{3,}|\d+(?:[.,]\d+)*")
#: Sentence breaks: white space after '.!?;', or line breaks (``(?<=[.!?;])\s+|\n+``), written to
#: start with one white-space character so the regex engine skips to the next one in C instead of
#: trying both branches at every position of a whole version (the same matches: tests/analyzers/
#: rules/test_repeated_entries_split.py)
_SPLIT = lazy(r"\s(?:(?<=[.!?;]\s)\s*|(?<=\n)\n*)")
_NEGATION = frozenset({"not", "never", "nor", "without", "unless", "except", "cannot", "don", "doesn", "won"})
_STOP = frozenset(
    "the and for with that this from are was were will would can may any all our your you their they "
    "its has have had such other into also which who whom when where how than then them these those "
    "including include includes".split()
)


def _content(sentence: str) -> tuple[frozenset[str], frozenset[str]]:
    """(content stems, negations and numbers) of one sentence."""
    words = [w.lower() for w in _WORD.findall(sentence)]
    marks = frozenset(w for w in words if w in _NEGATION or w[0].isdigit())
    stems = frozenset(w[:STEM] for w in words if w not in _STOP and w not in _NEGATION and not w[0].isdigit())
    return stems, marks


Content = tuple[frozenset[str], frozenset[str]]
_SIGMA = "\u03a3"  # the one character str.lower maps by its context


class _Version:
    """One version's sentences, each read (:func:`_content`) only when a query may need it.

    The sentences are kept in lower case, joined by line breaks. ``str.lower`` maps each character
    on its own except a capital sigma (final or not by its neighbours), so in a sentence without
    one a content stem (a lower-cased word's first letters, never a line break) is found in the
    sentence's own line of the joined text. Sentences with a capital sigma are always read."""

    def __init__(self, text: str) -> None:
        self.sentences = list(dict.fromkeys(_SPLIT.split(text)))  # a sentence said again is one
        plain = [_SIGMA not in s for s in self.sentences]
        self.lowered = [s.lower() if p else "" for s, p in zip(self.sentences, plain)]
        self.others = [i for i, p in enumerate(plain) if not p]
        self.joined = "\n".join(self.lowered)
        self.starts = list(accumulate((len(x) + 1 for x in self.lowered[:-1]), initial=0))
        self._read: dict[int, Content] = {}

    def _with(self, probe: str) -> list[int]:
        """The sentences without a capital sigma whose lower case holds *probe*."""
        out, joined, starts = [], self.joined, self.starts
        at = joined.find(probe)
        while at != -1:
            i = bisect_right(starts, at) - 1
            out.append(i)
            at = joined.find(probe, starts[i + 1]) if i + 1 < len(starts) else -1
        return out

    def holding(self, stems: frozenset[str]) -> list[Content]:
        """The contents of at least :data:`MIN_WORDS` stems that hold every one of *stems*."""
        probe = max(sorted(stems), key=len)  # every stem is in such a sentence: one probe finds them
        out = []
        for i in [*self._with(probe), *self.others]:
            low = self.lowered[i]
            if low and not all(stem in low for stem in stems):
                continue
            content = self._read.get(i)
            if content is None:
                content = self._read[i] = _content(self.sentences[i])
            if len(content[0]) >= MIN_WORDS and stems <= content[0]:
                out.append(content)
        return out


@lru_cache(maxsize=8)
def _version(text: str) -> _Version:
    return _Version(text)


def _standing(stems: frozenset[str], diff: DiffResult) -> list[Content]:
    """Sentences in both versions that hold every one of *stems*: a repeat is said again by text
    that stood before and stands now, not by a sentence the same change put in (that would be an
    edit, seen from its other side). Only sentences holding *stems* can say a sentence again, so
    only those are read (a long document has tens of thousands)."""
    before = set(_version(diff.old.text).holding(stems))
    return [c for c in _version(diff.new.text).holding(stems) if c in before]


def _said_again(sentence: str, diff: DiffResult) -> bool:
    stems, marks = _content(sentence)
    if len(stems) < MIN_WORDS:
        return False
    for o_stems, o_marks in _standing(stems, diff):  # each holds every stem of the sentence
        if o_marks == marks and len(stems) >= COVER * len(o_stems):
            return True
    return False


def repeats_standing_text(prov: Provision, diff: DiffResult) -> bool:
    """Every unit of *prov* is a list entry added or removed whole, and each of its sentences is said
    again by a sentence that stands in both versions."""
    if not prov.units or any(u.kind not in ("added", "removed") for u in prov.units):
        return False
    if not all(_ENTRY.match(u.old_text or u.new_text) for u in prov.units):
        return False  # only entries of a list: a section taken out whole is more than a repeat dropped
    for unit in prov.units:
        removed = unit.kind == "removed"
        text = unit.old_text if removed else unit.new_text
        other_text = diff.new.text if removed else diff.old.text
        other_key = version_key(other_text)
        pieces = [p for p in (s.strip(" \t*-•") for s in _SPLIT.split(text)) if p]
        found = [_stands(p, diff, other_key) for p in pieces]
        if not pieces or not all(found) or "long" not in found:
            return False  # a few words found anywhere ('Location data.') are no evidence of a repeat
    return True


def _stands(piece: str, diff: DiffResult, other_key: str) -> str:
    """'long' when a sentence of the other version says *piece* again (in its words or in others);
    'short' when a short piece ('Vigilante activity.') stands there word for word; '' otherwise."""
    key = text_key(piece)
    if key in other_key:
        return "long" if len(key) >= MIN_KEY else "short"
    return "long" if _said_again(piece, diff) else ""


def mark_repeats(provisions: list[Provision], diff: DiffResult) -> None:
    """Set ``restated`` on one-sided provisions that only repeat text standing in the other version."""
    for prov in provisions:
        if not prov.restated and repeats_standing_text(prov, diff):
            prov.restated = True
