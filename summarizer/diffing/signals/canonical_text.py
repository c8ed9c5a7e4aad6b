"""The canonical form the signals are computed on (lower case, contractions expanded, boilerplate
negations dropped), split into clauses, and a crude deterministic stem."""

from __future__ import annotations

import re
from functools import lru_cache

from summarizer.text.lazy_re import lazy
from summarizer.text.normalise import normalise

_CONTRACTION = lazy(r"\b(won't|can't|cannot|shan't)\b|(?<=[a-z])n't\b|(?<=[a-z])('ll)\b")
_CONTRACTION_MAP = {"won't": "will not", "can't": "can not", "cannot": "can not", "shan't": "shall not"}
# Boilerplate that contains "not" without negating anything.
_FALSE_NEGATION = lazy(r"\b(?:but )?not (?:be )?limited to\b|\bnot only\b|\b(?:whether )?or not\b")
_SPACES = lazy(r"\s+")


def _expand(m: re.Match[str]) -> str:
    word = m.group(1)
    if word:
        return _CONTRACTION_MAP[word]
    return " will" if m.group(2) else " not"


PARAGRAPH_BREAK = lazy(r"\n\s*\n|\n(?=[ \t]*(?:[-*+\u2022|#>]|\d{1,3}[.)]\s|\([a-z0-9]{1,4}\)\s))")


@lru_cache(maxsize=256)
def canonical(text: str) -> str:
    """The analysis form of *text*: normalised (see :func:`summarizer.text.normalise.normalise`) per
    paragraph, paragraphs (and list items, headings, table rows) on lines of their own, case
    folded, contractions expanded ("won't" -> "will not") and "not limited to" dropped.
    (Cached: the diff engine, the classifier and the rubric all look at the same texts.)"""
    if not text:
        return ""
    parts = PARAGRAPH_BREAK.split(text) if "\n" in text else [text]
    t = "\n".join(p for p in (normalise(part) for part in parts) if p).casefold()
    if not ("n't" in t or "cannot" in t or "'ll" in t or "not" in t):
        return t
    # Line by line (no pattern crosses a line), and only the lines that need it: every line is
    # already normalised, so a line without edits needs no re-spacing either.
    return "\n".join(
        _edit_line(line) if ("n't" in line or "cannot" in line or "'ll" in line or "not" in line) else line
        for line in t.split("\n")
    )


def _edit_line(line: str) -> str:
    edited = False
    if "n't" in line or "cannot" in line or "'ll" in line:
        line, edited = _CONTRACTION.sub(_expand, line), True
    if "not limited" in line or "not be limited" in line or "not only" in line or "or not" in line:
        line, edited = _FALSE_NEGATION.sub(" ", line), True
    return _SPACES.sub(" ", line).strip() if edited else line


_CLAUSE_END = lazy(r"[.!?;] (?=\S)")
WORD = lazy(r"[a-z0-9]+")


def split_clauses(canon: str) -> list[str]:
    """Sentences and ';'-separated clauses of a canonical text (paragraphs never merge)."""
    out: list[str] = []
    for line in canon.split("\n") if canon else ():
        start = 0
        for m in _CLAUSE_END.finditer(line):
            out.append(line[start : m.start() + 1])
            start = m.end()
        out.append(line[start:])
    return [c for c in out if WORD.search(c)]


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A crude, deterministic stem: share/shares/shared/sharing -> 'shar'."""
    w = word.lower()
    for suffix in ("ing", "ed", "es", "s", "e"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            if suffix == "s" and w.endswith("ss"):
                continue
            if suffix == "es" and not w[:-2].endswith(("s", "x", "z", "ch", "sh")):
                continue
            return w[: -len(suffix)]
    return w
