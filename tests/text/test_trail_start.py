"""``extract._trail_start`` (the trailing run of white space, ``**`` and ``__`` of a sentence,
read backwards) finds what the pattern it replaced found, on every slice of many texts."""

from __future__ import annotations

import random
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.text.extract import _trail_start, sentences

_TRAIL = re.compile(r"(?:\s|\*\*|__)+$")  # the pattern _trail_start replaced


def _by_pattern(text: str, s: int, end: int) -> int:
    trail = _TRAIL.search(text, s, end) if s < end else None
    return trail.start() if trail else end


_ALPHABET = " \t\n\r\u00a0\u2028*_*_ab.!\x85"


def _every_slice(text: str) -> None:
    for s in range(len(text) + 1):
        for end in range(s, len(text) + 1):
            assert _trail_start(text, s, end) == _by_pattern(text, s, end), (text, s, end)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=12))
def test_every_slice_matches_the_pattern(text: str) -> None:
    _every_slice(text)


def test_runs_of_stars_and_underscores() -> None:
    rng = random.Random(9)
    for _ in range(2000):
        text = "".join(rng.choice("**__ \n*_x") for _ in range(rng.randrange(1, 10)))
        _every_slice(text)
    for text in ("a***", "a****", "a ***", "a **\n", "a __ ** \n", "x_**", "***", "a\n", "a *", ""):
        _every_slice(text)


def test_sentences_trimmed() -> None:
    # (the same answer as before the rewrite: '.**' followed by a space and a capital ends no sentence)
    assert [x.text for x in sentences("**Bold lead.** Then more text.  **\n\n")] == [
        "Bold lead.** Then more text."
    ]
    assert [x.text for x in sentences("One. Two __ \n\nThree ** ")] == ["One.", "Two", "Three"]
