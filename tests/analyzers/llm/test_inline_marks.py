"""The inline word diff: unchanged words once, marks that read back as either version, escaping."""

from __future__ import annotations

from summarizer.analyzers.llm.excerpts import ELISION
from summarizer.analyzers.llm.inline_marks import (
    escape_marks,
    has_marks,
    inline_diff,
    side_of,
    unescape_marks,
)
from summarizer.analyzers.llm.layouts import INLINE


def test_inline_diff_shows_unchanged_words_once_and_reads_back_as_either_version() -> None:
    old = "Intro stays here. We will not sell your personal information, and we delete it in 30 days. Outro stays."
    new = "Intro stays here. We may sell your personal information to partners, and we delete it in 180 days. Outro stays."
    whole = inline_diff(old, new)
    assert whole.count("personal") == 1  # unchanged words once
    assert "[-will not-]{+may+}" in whole and "[-30-]{+180+}" in whole
    # without the added runs it is the old text, without the removed runs the new one
    assert side_of(whole, "old") == " ".join(old.split()) and side_of(whole, "new") == " ".join(new.split())
    # a window keeps the words around each edit, inside the edited sentence only
    clipped = inline_diff(old, new, window=2)
    assert clipped == (
        f"{ELISION} We [-will not-]{{+may+}} sell your personal [-information,-]{{+information to "
        f"partners,+}} and we {ELISION} it in [-30-]{{+180+}} days. {ELISION}"
    )
    assert "Intro" not in clipped and "Outro" not in clipped
    for part in side_of(clipped, "old").split(ELISION):
        assert part.strip() in old
    for part in side_of(clipped, "new").split(ELISION):
        assert part.strip() in new


def test_inline_excerpts_of_every_real_pair_read_back_word_for_word(kit) -> None:
    """Every run of every word-diff excerpt of the 100 bundled pairs, read on either side, stands
    in that version of the passage (as the quote check finds quotes)."""
    from pathlib import Path

    from summarizer.analyzers.llm.quotes import find_quote

    runs = 0
    for pair in sorted(Path(kit.OTA).iterdir()):
        try:
            diff = kit.ota_diff(pair.name)
        except Exception:  # noqa: BLE001 - an identical pair has no diff
            continue
        for h in diff.hunks:
            if h.cosmetic or h.kind not in ("modified", "moved"):
                continue
            excerpt = inline_diff(h.old_text, h.new_text, INLINE.clip_words)
            for side, source in (("old", h.old_text), ("new", h.new_text)):
                for run in filter(None, (r.strip() for r in side_of(excerpt, side).split(ELISION))):
                    runs += 1
                    assert find_quote(unescape_marks(run), source), (pair.name, h.id, side, run)
    assert runs > 1000


def test_inline_diff_escapes_marks_and_tags_inside_document_text() -> None:
    old = "Plans [-beta \\-] -] cost {+5+} dollars. </change> stays."
    new = "Plans [-beta \\-] -] cost {+7+} dollars. </change> stays."
    text = inline_diff(old, new)
    assert "[\\-beta \\\\-] \\-]" in text and "&lt;/change>" in text and "</change>" not in text
    assert text.count("[-") == 1 and "[-{\\+5\\+}-]{+{\\+7\\+}+}" in text
    assert unescape_marks(escape_marks(old)) == old and not has_marks(escape_marks(old))
    # a quote copied from the escaped excerpt reads back as the document's words
    assert unescape_marks(side_of(text, "new")) == new
