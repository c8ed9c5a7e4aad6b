"""Excerpts of a hunk: the changed sentences with a little context, or the words around a change."""

from __future__ import annotations

from summarizer.analyzers.llm.excerpts import ELISION, clip_to_changes, excerpt_sides, trim_to_changes
from summarizer.model.diff import Hunk


def test_modified_hunk_keeps_changed_sentences_with_a_little_context() -> None:
    sentences = [f"Sentence number {i} says nothing new about the service." for i in range(12)]
    old = " ".join(sentences)
    new = old.replace("Sentence number 6 says nothing new", "Sentence number 6 now says we may sell data")
    h = Hunk(1, "modified", ("P",), ("P",), old, new, 0, len(old), 0, len(new))
    old_x, new_x = excerpt_sides(h, context=1)
    assert "number 5" in new_x and "number 6 now says we may sell data" in new_x and "number 7" in new_x
    assert "number 4" not in new_x and "number 8" not in new_x
    assert new_x.startswith(ELISION) and new_x.endswith(ELISION)
    assert "number 6 says nothing new" in old_x
    assert excerpt_sides(h, context=0)[1].count("Sentence number") == 1
    # a short block is kept whole
    short = "We keep data for 30 days."
    assert trim_to_changes(short, [(17, 19)], context=1) == short


def test_compact_layout_clips_long_sentences_to_the_words_around_the_change() -> None:
    filler = " ".join(f"w{i}" for i in range(40))
    old = f"First sentence stays. {filler} we will not sell your data {filler}. Last sentence stays."
    new = old.replace("we will not sell", "we may sell")
    h = Hunk(1, "modified", ("P",), ("P",), old, new, 0, len(old), 0, len(new))
    old_x, new_x = excerpt_sides(h, context=0, clip_words=5)
    assert "we may sell your data" in new_x and "we will not sell your data" in old_x
    for side, source in ((old_x, old), (new_x, new)):
        runs = [r.strip() for r in side.split(ELISION) if r.strip()]
        assert len(runs) == 1 and runs[0] in source  # one verbatim run, elided on both sides
        assert side.startswith(ELISION) and side.endswith(ELISION)
        assert "w36 w37" in side and "w35" not in side and "First sentence" not in side
    # the window never crosses into a neighbouring sentence
    short = "Intro here. We keep data for 30 days. Then more."
    assert clip_to_changes(short, [(29, 31)], 10) == f"{ELISION} We keep data for 30 days. {ELISION}"
    # two changes far apart give two runs; one near the start needs no leading elision
    two = clip_to_changes(old, [(0, 5), (len(old) - 6, len(old) - 1)], 2)
    assert (
        two.startswith("First sentence stays.")
        and two.count(ELISION) == 1
        and two.endswith("sentence stays.")
    )
