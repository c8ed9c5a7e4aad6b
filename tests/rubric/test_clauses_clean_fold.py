"""rubric/clauses.py's ``_clean`` (quotes folded, markup dropped, spacing collapsed), rewritten for
speed on whole documents, gives the answers of the plain formula it replaced."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.rubric import clauses
from summarizer.rubric.clauses import _clean

OTA = Path(__file__).resolve().parents[2] / "evals" / "data" / "ota"
PAIRS = sorted(p for p in OTA.iterdir() if (p / "old.md").exists())[:12]


def _reference_clean(text: str) -> str:
    return clauses._SPACE.sub(" ", clauses._MARKUP.sub(" ", text.translate(clauses._FOLD))).strip()


# Characters the fold, the markup pattern and the white space collapse act on, and some they do not.
_TRICKY = "ab Z.’‘“”\u00a0\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029\u3000*_`#|>[]()!é ΣσİK"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(_TRICKY) | st.characters(), max_size=80))
def test_clean_matches_the_plain_fold(text: str) -> None:
    assert _clean(text) == _reference_clean(text)


@pytest.mark.parametrize("pair", PAIRS, ids=lambda p: p.name)
def test_clean_matches_the_plain_fold_on_bundled_documents(pair: Path) -> None:
    for side in ("old.md", "new.md"):
        text = (pair / side).read_text(encoding="utf-8")
        assert _clean(text) == _reference_clean(text)


def test_every_line_break_is_white_space() -> None:
    """_clean splits line by line before collapsing white space: that is the same only because no
    word can span a line break."""
    breaks = [c for c in map(chr, range(0x110000)) if len(f"a{c}b".splitlines()) == 2]
    assert breaks and all(c.isspace() for c in breaks)
