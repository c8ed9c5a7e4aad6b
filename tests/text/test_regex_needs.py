"""text.regex_needs: the literal text every match of a pattern holds (a cheap test before a costly
search). The clauses must never reject a text the pattern matches."""

from __future__ import annotations

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.text.regex_needs import folded, holds, needs


def test_case_assumptions_hold_on_every_code_point() -> None:
    """folded() relies on: the non-ASCII characters an ASCII character matches under IGNORECASE are
    exactly 'İ', 'ı', 'ſ' and the Kelvin sign; only 'İ' lowers to more than one character."""
    # every ASCII character as a literal, as the patterns hold them (and as a class)
    ascii_literals = re.compile("|".join(re.escape(chr(c)) for c in range(128)), re.I)
    ascii_class = re.compile(r"[\x00-\x7f]", re.I)
    special, multi = [], []
    for cp in range(128, sys.maxunicode + 1):
        ch = chr(cp)
        if ascii_literals.fullmatch(ch) or ascii_class.fullmatch(ch):
            special.append(ch)
        if len(ch.lower()) != 1:
            multi.append(ch)
    assert special == ["\u0130", "\u0131", "\u017f", "\u212a"]
    assert multi == ["\u0130"]
    for ch in special:  # each folds to the ASCII letter it matches
        assert re.fullmatch(re.escape(folded(ch)), ch, re.I)
        assert len(folded(ch)) == 1 and folded(ch).isascii()


def test_clauses_of_small_patterns() -> None:
    assert needs(r"\byou (?:hereby )?grant\b", re.I) == (frozenset({"you "}), frozenset({"grant"}))
    assert needs(r"\bindemnif|\bwaive\b|class action", re.I) == (
        frozenset({"indemnif", "waive", "class action"}),
    )
    assert needs(r"(?=.*\bAI\b)(?!.*\bnot\b)x+", re.I) == (frozenset({"ai"}), frozenset({"x"}))
    assert needs(r"a|\w+", re.I) == ()  # a branch without a literal: no clause
    assert needs(r"(?:must )?comply", re.I) == (frozenset({"comply"}),)
    assert needs(r"caf\u00e9s") == (frozenset({"caf"}), frozenset({"s"}))  # a non-ASCII literal ends a run
    assert needs("(unbalanced") == ()


_PATTERNS = [
    (r"\byou (?:may|can) (?:\w+ ){0,2}?(?:opt[- ]?out|delete)\b", re.I),
    (r"\b(?:we|the company) (?:will|shall) not (?:sell|share)\b", re.I),
    (r"(?-i:[A-Z]\w+) (?:does|do) not sell\b", re.I),
    (r"^(?=.*\btrain\w*)(?=.*\b(?:AI|models?)\b)", re.I | re.S),
    (r"is(?: also)? subject to (?:our )?polic(?:y|ies)", re.I),
]
_PIECES = (
    "you may opt out delete we will not sell share the company does do Kiss İt ıt ſell ſhare "
    "YOU MAY OPT-OUT WE WILL NOT SELL Examplesoft train AI model models is also subject to our policy "
    "polıcy ΣΑΣ ς ’ . , \n"
).split(" ")


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=12).map(" ".join))
def test_a_matching_text_always_holds_the_clauses(text: str) -> None:
    low = folded(text)
    for pattern, flags in _PATTERNS:
        if re.search(pattern, text, flags):
            assert holds(needs(pattern, flags), low), (pattern, text)
