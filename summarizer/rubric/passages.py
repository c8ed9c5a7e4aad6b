"""A document's passages: paragraph blocks (long ones cut at sentence ends), each classified into
taxonomy categories and reduced to search terms, for comparing one provision across services.

Pure functions of the text: the store indexes their output once per version
(:mod:`summarizer.store.passage_index`). Offsets are into the version's text, so every excerpt shown
is verbatim.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from summarizer.diffing.sections import split_blocks
from summarizer.rubric.classifier import classify
from summarizer.text.extract import sentences

#: A passage has at least this many words (shorter blocks are menus, labels or list fragments).
MIN_WORDS = 8
#: Longer blocks are cut at sentence ends into pieces of about this many words.
MAX_WORDS = 110

_WORD = re.compile(r"[a-z0-9]+")
_LINK = re.compile(r"\]\([^)]*\)|https?://\S+")

# English function words and the words every policy uses, which say nothing about the provision.
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each either etc few for from
    further had has have having he her here hers herself him himself his how i if in into is it its
    itself just may me might more most must my myself no nor not now of off on once only or other our
    ours ourselves out over own per same shall she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up upon very via was we
    were what when where whether which while who whom why will with within without would you your
    yours yourself yourselves us e g ie eg inc ltd llc com www http https html
    information data personal service services use used using uses user users including include
    includes such other any certain applicable relevant related provide provided providing
    product products platform site website websites app apps policy policies term terms
    """.split()
)


@dataclass(frozen=True, slots=True)
class PassageText:
    """One passage of a version: ``text == version_text[start:end]``."""

    ordinal: int
    start: int
    end: int
    section: str
    text: str
    categories: tuple[str, ...]
    terms: tuple[str, ...]  # stemmed content words, in order (repeats kept: they are term frequencies)


_VOWELS = frozenset("aeiou")


def stem(word: str) -> str:
    """A light suffix stripper (plural, -ing, -ed): enough to match 'retain/retained/retains'.

    A final -ie, -ies and a -y after a consonant all become -i, as Porter's stemmer has them, so
    'cookie' and 'cookies' (and 'policy' and 'policies') meet in one term."""
    if len(word) <= 4 or word.isdigit():
        return word
    for suffix, repl in (("ies", "i"), ("sses", "ss"), ("ing", ""), ("ed", ""), ("es", "e"), ("s", "")):
        if word.endswith(suffix) and not word.endswith("ss") and len(word) - len(suffix) >= 3:
            word = word[: len(word) - len(suffix)] + repl
            break
    if word.endswith("ie"):
        return word[:-1]
    if word.endswith("y") and len(word) > 3 and word[-2] not in _VOWELS:
        return word[:-1] + "i"
    return word


def terms(text: str) -> tuple[str, ...]:
    """The stemmed content words of *text* (link targets dropped), the form both search engines index."""
    words = _WORD.findall(_LINK.sub(" ", text.lower()))
    return tuple(stem(w) for w in words if w not in STOPWORDS and len(w) > 1)


def term_counts(texts: list[str]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for t in texts:
        counts.update(terms(t))
    return counts


def _word_count(text: str) -> int:
    return len(_WORD.findall(_LINK.sub(" ", text.lower())))


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) spans of the block text[start:end], cut at sentence ends when it is long."""
    body = text[start:end]
    if _word_count(body) <= MAX_WORDS:
        return [(start, end)]
    out: list[tuple[int, int]] = []
    cur: tuple[int, int] | None = None
    words = 0
    for span in sentences(body):
        n = _word_count(span.text)
        if cur is not None and words + n > MAX_WORDS:
            out.append(cur)
            cur, words = None, 0
        cur = (start + span.start, start + span.end) if cur is None else (cur[0], start + span.end)
        words += n
    if cur is not None:
        out.append(cur)
    return out


def segment(text: str) -> list[tuple[int, int, str]]:
    """(start, end, section title) of every passage of *text*.

    Paragraph blocks are passages; list items continue the passage before them while it ends
    with a colon (or is such a list) and stays short; headings only give the section title.
    """
    spans: list[list] = []  # [start, end, section, words, open_list]
    for block in split_blocks(text):
        if block.kind == "heading":
            continue
        section = block.section[-1] if block.section else ""
        n = _word_count(block.text)
        last = spans[-1] if spans else None
        if (
            block.kind == "list_item"
            and last is not None
            and last[4]
            and last[2] == section
            and last[3] + n <= MAX_WORDS
        ):
            last[1], last[3] = block.end, last[3] + n
            continue
        for s, e in _pieces(text, block.start, block.end):
            words = _word_count(text[s:e])
            spans.append([s, e, section, words, text[s:e].rstrip().endswith(":")])
    return [(s, e, sec) for s, e, sec, words, _ in spans if words >= MIN_WORDS]


def passages(text: str) -> list[PassageText]:
    """The classified passages of a version's *text* (categories by the rubric classifier; the
    section title is read with the passage, so 'How long we keep data' informs its paragraphs)."""
    out: list[PassageText] = []
    for start, end, section in segment(text):
        body = text[start:end]
        context = f"{section}. {body}" if section else body
        cats = tuple(c for c in classify(context) if c != "contact_generic")
        out.append(PassageText(len(out), start, end, section, body, cats, terms(body)))
    return out
