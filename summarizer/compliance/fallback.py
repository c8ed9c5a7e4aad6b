"""Changed sentences of the raw texts, for a record that found no material change.

The rules analyzer may call a change not material (a clause grown inside a table cell, an update notice
rewritten) while a compliance reader still needs it read. When the record has no change, the compliance
analysis reads the sentences the new text adds or grows instead: each one with enough new words becomes a
provisional :class:`Change` (category from the lexicon classifier, direction unknown). Sentences that
only lost words, or whose new words are numbers, dates, links or markup, give nothing: a cosmetic pair
(link targets, a date, statistics, a renamed heading) stays without a change.
"""

from __future__ import annotations

import re

from summarizer.model.record import Change

_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_URL = re.compile(r"https?://\S+|www\.\S+")
_MARKUP = re.compile(r"[*_#>`|\\\[\]]+")
_SPACE = re.compile(r"\s+")
_SPLIT = re.compile(r"(?<=[.!?;])\s+(?=[A-Z(“\"])")
_WORD = re.compile(r"[a-z][a-z'’-]{2,}")
_MONTHS = frozenset(
    "january february march april may june july august september october november december".split()
)
# Sentences shorter than this are headings, table labels or addresses, not provisions.
MIN_WORDS = 10
# A grown sentence needs at least this many new words (a renamed term or a date is one or two).
MIN_NEW_WORDS = 3
# At most this many provisional changes (a record with no change rarely hides many).
MAX_CHANGES = 6


def _norm(text: str) -> str:
    text = _URL.sub(" ", _LINK.sub(r"\1", text)).replace("\u00a0", " ")
    return _SPACE.sub(" ", _MARKUP.sub(" ", text)).strip().lower()


def _sentences(text: str) -> dict[str, str]:
    """Normalised sentence -> the verbatim sentence (the first occurrence)."""
    out: dict[str, str] = {}
    for line in text.splitlines():
        for piece in _SPLIT.split(line.strip()):
            piece = piece.strip(" |")
            if piece:
                out.setdefault(_norm(piece), piece)
    return out


def _words(norm: str) -> set[str]:
    return {w for w in _WORD.findall(norm) if w not in _MONTHS}


# A category the lexicon gives a sentence the classifier files as generic contact text must score this much.
MIN_SCORE = 0.3


def _category(norm: str) -> str | None:
    """The sentence's taxonomy category; when the classifier calls it generic (a table row that starts with
    "customer service", a notice "effective as of"), the best-scoring substantive category of the lexicon."""
    from summarizer.rubric.classifier import classify, score_all

    categories = classify(norm)
    if categories and categories[0] != "contact_generic":
        return categories[0]
    hits = [h for h in score_all(norm).values() if h.category != "contact_generic" and h.score >= MIN_SCORE]
    return max(hits, key=lambda h: h.score).category if hits else None


def _inserted(old: str, new: str) -> str:
    """The words *new* inserts into *old* (both normalised), joined."""
    from difflib import SequenceMatcher

    a, b = old.split(), new.split()
    ops = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    return " ".join(" ".join(b[j1:j2]) for tag, _, _, j1, j2 in ops if tag in ("insert", "replace"))


def changed_sentences(old_text: str, new_text: str) -> list[Change]:
    """Provisional changes for the sentences *new_text* adds or grows (see the module docstring)."""
    old, new = _sentences(old_text), _sentences(new_text)
    gone = [(n, _words(n)) for n in old if n not in new]
    changes: list[Change] = []
    for norm, verbatim in new.items():
        if norm in old or len(norm.split()) < MIN_WORDS:
            continue
        words = _words(norm)
        best, before, best_sim = None, set(), 0.0
        for other, other_words in gone:
            sim = len(words & other_words) / (len(words | other_words) or 1)
            if sim > best_sim:
                best, before, best_sim = other, other_words, sim
        if best_sim < 0.5:
            best, before = None, set()
        if len(words - before) < MIN_NEW_WORDS:
            continue
        # What the change does is in the words it adds: classify those first (a purpose added to a table
        # row about customer service), the whole sentence when they say nothing substantive.
        kind = "added" if best is None else "expanded" if len(before - words) < MIN_NEW_WORDS else "reworded"
        category = (_category(_inserted(best, norm)) if best is not None else None) or _category(norm)
        if category is None:
            continue
        changes.append(
            Change(
                category=category,  # type: ignore[arg-type]
                kind=kind,
                summary="A sentence the record did not list as a change (read from the raw texts).",
                severity_before="none",
                severity_after="low",
                shift_reason="not rated: the record found no material change",
                direction=None,
                section="",
                quotes_old=[old[best]] if best is not None else [],
                quotes_new=[verbatim],
            )
        )
        if len(changes) >= MAX_CHANGES:
            break
    return changes
