"""The rules analyzer's per-side lookups answer as scanning everything did: untouched blocks and
the passages most alike a change elsewhere in the document."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from summarizer.analyzers.rules.provisions import (
    _TEXT_BLOCKS,
    CONTEXT_SIMILARITY,
    Sides,
    _bag,
    _overlap,
    _untouched,
)
from summarizer.api import diff_documents, load_pair
from summarizer.model.document import Block

blocks = st.lists(st.integers(1, 15), min_size=1, max_size=20)
spans = st.lists(
    st.tuples(st.integers(0, 200), st.integers(0, 30)).map(lambda t: (t[0], t[0] + t[1])), max_size=10
)


@given(blocks, spans)
def test_untouched_flags_match_scanning_every_span(lengths, changed):
    out, pos = [], 0
    for i, n in enumerate(lengths):
        out.append(Block(index=i, kind="paragraph", text="x" * n, start=pos, end=pos + n, section=()))
        pos += n + 2
    flags = _untouched(out, changed)
    for b in out:
        assert flags[b.index] == (not any(b.start < e and b.end > s for s, e in changed))


@pytest.mark.parametrize(
    "pair", ["microsoft-privacy-policy-2020-12-08-2020-12-08", "airbnb-privacy-policy-2022-01-23-2022-01-24"]
)
def test_most_alike_is_scoring_every_untouched_block(ota_dir, pair: str):
    diff = diff_documents(*load_pair(ota_dir / pair / "old.md", ota_dir / pair / "new.md"))
    sides = Sides.of(diff)
    for side, doc in (("old", diff.old), ("new", diff.new)):
        for probe in doc.blocks[:: max(1, len(doc.blocks) // 15)]:
            own = _bag(probe.text)
            scored = sorted(
                (
                    (-_overlap(own, _bag(b.text)), b.index)
                    for b in doc.blocks
                    if b.kind in _TEXT_BLOCKS and sides.unchanged(side, b)
                ),
            )
            expected = [i for s, i in scored if -s >= CONTEXT_SIMILARITY][:6]
            got = [b.index for b in sides.most_alike(side, own, CONTEXT_SIMILARITY, 6, probe.index)]
            assert got == expected
