"""The near-linear lookups give what the quadratic ones gave: the word aligner (difflib's answer
under its limit, a valid edit script above it), the sentence range index, and the classifier's
nearest verb/object pair."""

from __future__ import annotations

import difflib

from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.rubric.classifier import _nearest
from summarizer.text import align
from summarizer.text.extract import RangeIndex

words = st.lists(
    st.sampled_from(["we", "may", "share", "data", "with", "partners", "not", "sell"]), max_size=60
)


def _applies(a: list[str], b: list[str], ops) -> bool:
    out, i, j = [], 0, 0
    for tag, i1, i2, j1, j2 in ops:
        if (i1, j1) != (i, j) or (tag == "equal" and a[i1:i2] != b[j1:j2]):
            return False
        out += b[j1:j2]
        i, j = i2, j2
    return (i, j) == (len(a), len(b)) and out == b


@given(words, words)
def test_under_the_limit_the_aligner_is_difflib(a, b):
    assert align.opcodes(a, b) == difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()


@settings(max_examples=300)
@given(words, words)
def test_above_the_limit_the_opcodes_turn_one_side_into_the_other(a, b):
    limit = align.DIRECT_LIMIT
    try:
        align.DIRECT_LIMIT = 4  # force the anchored path on small inputs
        ops = align.opcodes(a, b)
    finally:
        align.DIRECT_LIMIT = limit
    assert _applies(a, b, ops)


def test_a_long_repeated_line_aligns_its_unchanged_words():
    a = ("we do not sell your data to anyone " * 3000).split()
    b = list(a)
    b[5000:5003] = ["may", "share", "it"]
    ops = align.opcodes(a, b)
    assert _applies(a, b, ops)
    changed = sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in ops if tag != "equal")
    assert changed <= 6  # one small edit, not the whole line replaced


spans = st.lists(
    st.tuples(st.integers(0, 80), st.integers(0, 20)).map(lambda t: (t[0], t[0] + t[1])), max_size=12
)


@given(spans, st.integers(0, 90), st.integers(0, 30))
def test_range_index_answers_as_checking_every_range(ranges, start, length):
    end = start + length
    ranges = sorted(ranges)  # word edits come in document order
    index = RangeIndex(ranges)
    touches = any(s < end and e > start or (s == e and start <= s <= end) for s, e in ranges)
    covered = sum(
        max(0, min(e, end) - max(s, start)) + (1 if s == e and start <= s <= end else 0) for s, e in ranges
    )
    assert index.touches(start, end) == touches
    assert index.covered(start, end) == covered


positions = st.lists(st.integers(0, 40), max_size=10).map(sorted)


@given(positions, positions)
def test_nearest_pair_is_the_one_the_all_pairs_loop_finds(pa, pb):
    a = [(p, f"a{k}") for k, p in enumerate(pa)]
    b = [(p, f"b{k}") for k, p in enumerate(pb)]
    best = None
    for x, la in a:
        for y, lb in b:
            gap = abs(x - y)
            if gap and (best is None or gap < best[0]):
                best = (gap, la, lb)
    assert _nearest(a, b) == best
