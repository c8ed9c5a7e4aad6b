"""Property tests for the diff engine (hypothesis)."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer.diffing.engine import apply_hunks, diff_documents
from summarizer.diffing.load import parse_document

WORDS = [
    "we",
    "collect",
    "share",
    "data",
    "with",
    "partners",
    "may",
    "will",
    "not",
    "sell",
    "your",
    "information",
    "cookies",
    "for",
    "advertising",
    "days",
    "30",
    "180",
    "you",
    "can",
    "opt",
    "out",
]


def ws(text: str) -> str:
    return " ".join(text.split())


@st.composite
def documents(draw):
    """A Markdown document as a list of ('heading'|'para'|'item', tag, words) with unique tags."""
    n = draw(st.integers(min_value=1, max_value=14))
    blocks = []
    for k in range(n):
        kind = draw(st.sampled_from(["para", "para", "para", "item", "heading"]))
        words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12))
        blocks.append((kind, f"tag{k}", words))
    return blocks


def render(blocks) -> str:
    out = []
    for kind, tag, words in blocks:
        text = " ".join([tag, *words])
        if kind == "heading":
            out.append(f"## {text.capitalize()}")
        elif kind == "item":
            out.append(f"- {text}")
        else:
            out.append(text.capitalize() + ".")
    return "\n\n".join(out) + "\n"


@st.composite
def edits(draw, blocks):
    """Apply random edits; return (new blocks, tags removed, marker words inserted)."""
    new = [list(b) for b in blocks]
    removed_tags: set[str] = set()
    markers: set[str] = set()
    for e in range(draw(st.integers(min_value=1, max_value=6))):
        if not new:
            break
        op = draw(st.sampled_from(["modify", "delete", "insert", "move", "retype"]))
        k = draw(st.integers(min_value=0, max_value=len(new) - 1))
        if op == "modify":
            marker = f"marker{e}x"
            words = list(new[k][2])
            pos = draw(st.integers(min_value=0, max_value=len(words)))
            words.insert(pos, marker)
            new[k][2] = words
            markers.add(marker)
        elif op == "delete":
            removed_tags.add(new[k][1])
            del new[k]
        elif op == "insert":
            marker = f"marker{e}x"
            new.insert(
                k, ["para", f"newtag{e}", [marker, *draw(st.lists(st.sampled_from(WORDS), max_size=8))]]
            )
            markers.add(marker)
        elif op == "move":
            block = new.pop(k)
            j = draw(st.integers(min_value=0, max_value=len(new)))
            new.insert(j, block)
        else:
            new[k][0] = "item" if new[k][0] != "item" else "para"
    return [tuple(b) for b in new], removed_tags, markers


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_hunks_rebuild_new_text_and_cover_every_change(data):
    old_blocks = data.draw(documents())
    new_blocks, removed_tags, markers = data.draw(edits(old_blocks))
    old_text, new_text = render(old_blocks), render(new_blocks)
    if not new_text.strip():
        return
    old, new = parse_document(old_text, source="old.md"), parse_document(new_text, source="new.md")
    result = diff_documents(old, new)

    # 1. applying the hunks to the old text reproduces the new text (up to whitespace)
    assert ws(apply_hunks(old.text, result.hunks)) == ws(new.text)

    # 2. every changed word is inside some hunk
    new_side = " ".join(h.new_text for h in result.hunks)
    old_side = " ".join(h.old_text for h in result.hunks)
    for marker in markers:
        if marker in new_text.lower():
            assert marker in new_side.lower(), f"inserted word {marker} is in no hunk"
    for tag in removed_tags:
        if re.search(rf"\b{tag}\b", old_text, re.I) and not re.search(rf"\b{tag}\b", new_text, re.I):
            assert re.search(rf"\b{tag}\b", old_side, re.I), f"removed block {tag} is in no hunk"

    # ... and outside the hunks the two documents agree word for word
    assert ws(_outside(old.text, [(h.old_start, h.old_end) for h in result.hunks])) == ws(
        _outside(new.text, [(h.new_start, h.new_end) for h in result.hunks])
    )

    # 3. no hunk is empty, offsets point at the hunk's text
    for h in result.hunks:
        assert h.old_text or h.new_text
        assert h.old_text != h.new_text or h.kind == "moved"
        assert old.text[h.old_start : h.old_end] == h.old_text
        assert new.text[h.new_start : h.new_end] == h.new_text


def _outside(text: str, spans: list[tuple[int, int]]) -> str:
    out, pos = [], 0
    for start, end in sorted(spans):
        if start > pos:
            out.append(text[pos:start])
        pos = max(pos, end)
    out.append(text[pos:])
    return " ".join(out)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40),
        min_size=1,
        max_size=8,
    ),
    st.lists(
        st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40),
        min_size=1,
        max_size=8,
    ),
)
def test_arbitrary_unicode_paragraphs_round_trip(old_paras, new_paras):
    old_text = "\n\n".join(old_paras)
    new_text = "\n\n".join(new_paras)
    if not old_text.strip() or not new_text.strip():
        return
    old, new = parse_document(old_text, source="a.txt"), parse_document(new_text, source="b.txt")
    result = diff_documents(old, new)
    assert ws(apply_hunks(old.text, result.hunks)) == ws(new.text)
    for h in result.hunks:
        assert h.old_text or h.new_text
