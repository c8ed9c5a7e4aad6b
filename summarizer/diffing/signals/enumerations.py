"""Items added to or removed from enumerations ("affiliates, partners and advertisers")."""

from __future__ import annotations

from dataclasses import dataclass

from summarizer.diffing.signals.canonical_text import WORD, stem
from summarizer.model.diff import (
    EnumerationChange,
)
from summarizer.text.lazy_re import lazy

_LIST_TOKEN = lazy(r"[a-z0-9][a-z0-9'&/-]*|[,()]")
_CONJ = {"and", "or", "and/or"}
BOUNDARY_WORDS = frozenset(
    "with to for from by about under through that which who whom whose when where if unless as such like "
    "including include includes included is are was were be been being will may can could might must shall "
    "should would we you us they it he she in on at into upon without within after before during because so "
    "than then also e.g i.e etc not do does did has have had share shares disclose collect use".split()
)
_DETERMINERS = frozenset(
    "the a an your our their its his her any other all such certain some these those this that".split()
)
_MAX_ITEM = 5
_OBJECT_PRONOUNS = frozenset({"it", "them", "us", "you", "him", "her"})


@dataclass(slots=True)
class _List:
    items: list[str]  # display form (determiners stripped)
    keys: list[tuple[str, ...]]  # stemmed words per item
    context: str


def _item(words: list[str]) -> tuple[str, tuple[str, ...]] | None:
    while words and words[0] in _DETERMINERS:
        words = words[1:]
    if not words:
        return None
    # compare on content words: "our customer care team" ~ "customer care team"; numbers are
    # reported as number changes, not as list items
    key = tuple(stem(w) for w in words if not w[0].isdigit() and w not in _DETERMINERS) or tuple(words)
    return " ".join(words), key


def _segments(clause: str) -> tuple[list[list[str]], list[str]]:
    """Word runs of a clause and the separator after each (',', 'conj' or '|' for brackets)."""
    segs: list[list[str]] = [[]]
    seps: list[str] = []
    for t in _LIST_TOKEN.findall(clause):
        if t == "," or t in _CONJ:
            if seps and seps[-1] == "," and t in _CONJ and not segs[-1]:
                seps[-1] = "conj"  # ", and"
                continue
            seps.append("," if t == "," else "conj")
            segs.append([])
        elif t in "()":
            seps.append("|")
            segs.append([])
        else:
            segs[-1].append(t)
    return segs, seps


def _tail(words: list[str], bound: int) -> list[str]:
    """The last words of a run, stopping at a boundary word (at most *bound* words)."""
    out: list[str] = []
    for w in reversed(words):
        if w in BOUNDARY_WORDS or len(out) == bound:
            break
        out.insert(0, w)
    return out


def _lists(clause: str) -> list[_List]:
    """Enumerations "a, b and c" / "a or b" in a clause."""
    if " and " not in clause and " or " not in clause and "and/or" not in clause:
        return []
    segs, seps = _segments(clause)
    out: list[_List] = []
    i, n = 0, len(seps)
    while i < n:
        # a run of ',' separators ending in a conjunction: items segs[i] .. segs[j + 1]
        j = i
        while j < n and seps[j] == ",":
            j += 1
        if j >= n or seps[j] != "conj":
            i = j + 1
            continue
        start = i
        for k in range(j, i, -1):  # a boundary word inside a middle segment starts the list there
            if any(w in BOUNDARY_WORDS for w in segs[k]):
                start = k
                break
        inner = segs[start + 1 : j + 1]
        last: list[str] = []
        tail = segs[j + 1]
        for w in tail:
            if w in BOUNDARY_WORDS or len(last) == _MAX_ITEM:
                break
            last.append(w)
        after = tail[len(last)] if len(tail) > len(last) else ""
        if not last or after in _OBJECT_PRONOUNS or any(not s or len(s) > _MAX_ITEM for s in inner):
            # "... and encrypt it": verbs joined by "and", not a list of things
            i = j + 1
            continue
        bound = max(1, min(_MAX_ITEM, max(len(s) for s in [*inner, last])))
        first = _tail(segs[start], bound)
        if first:
            context = " ".join(segs[start][: len(segs[start]) - len(first)][-5:])
            good = [x for x in (_item(list(w)) for w in [first, *inner, last]) if x is not None]
            if len(good) >= 2:
                out.append(_List([x[0] for x in good], [x[1] for x in good], context))
        i = j + 1
    return out


def _same_item(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Equal items, or one a word-level prefix/suffix of the other (item boundaries are fuzzy)."""
    if a == b:
        return True
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return bool(short) and (long_[-len(short) :] == short or long_[: len(short)] == short)


def _contains(words: tuple[str, ...], key: tuple[str, ...]) -> bool:
    k = len(key)
    return any(words[i : i + k] == key for i in range(len(words) - k + 1))


def _clause_stems(clause: str) -> tuple[str, ...]:
    return tuple(stem(w) for w in WORD.findall(clause) if not w[0].isdigit())


def enumeration_changes(old_clause: str, new_clause: str) -> list[EnumerationChange]:
    lo, ln = _lists(old_clause), _lists(new_clause)
    if not lo and not ln:
        return []
    old_words, new_words = _clause_stems(old_clause), _clause_stems(new_clause)
    out: list[EnumerationChange] = []
    used: set[int] = set()
    for nl in ln:
        best, best_score = None, (0, 0)
        for k, ol in enumerate(lo):
            if k in used:
                continue
            exact = len(set(nl.keys) & set(ol.keys))
            fuzzy = sum(1 for a in nl.keys if any(_same_item(a, b) for b in ol.keys))
            if (exact, fuzzy) > best_score:
                best, best_score = k, (exact, fuzzy)
        if best is not None:
            used.add(best)
            ol = lo[best]
            added = [
                t
                for t, a in zip(nl.items, nl.keys)
                if not any(_same_item(a, b) for b in ol.keys) and not _contains(old_words, a)
            ]
            removed = [
                t
                for t, b in zip(ol.items, ol.keys)
                if not any(_same_item(b, a) for a in nl.keys) and not _contains(new_words, b)
            ]
        else:  # "share with affiliates" -> "share with affiliates and advertisers"
            kept = [_contains(old_words, a) for a in nl.keys]
            if not any(kept):
                continue
            added = [t for t, k in zip(nl.items, kept) if not k]
            removed = []
        if added or removed:
            out.append(EnumerationChange(added, removed, nl.context))
    for k, ol in enumerate(lo):  # "affiliates and advertisers" -> "affiliates"
        if k in used:
            continue
        kept = [_contains(new_words, b) for b in ol.keys]
        if any(kept) and not all(kept):
            out.append(EnumerationChange([], [t for t, k2 in zip(ol.items, kept) if not k2], ol.context))
    return out
