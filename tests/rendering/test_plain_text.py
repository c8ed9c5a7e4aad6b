"""The text view laid out without rich gives rich's bytes, or steps aside (None) for rich."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

import summarizer
from summarizer.model.record import ChangeRecord, Flag
from summarizer.rendering import render
from summarizer.rendering.plain_text import SAFE, render_plain
from summarizer.rendering.text import render_text

ROOT = Path(__file__).resolve().parents[2]
PAIRS = sorted(p for p in (ROOT / "evals" / "data" / "ota").iterdir() if (p / "old.md").exists())


def _record(pair: Path) -> ChangeRecord:
    return summarizer.compare(pair / "old.md", pair / "new.md")


@pytest.fixture(scope="module")
def base() -> ChangeRecord:
    return summarizer.compare(
        "# Privacy\n\nWe do not sell your personal information.\n",
        "# Privacy\n\nWe may sell your personal information to advertisers.\n",
    )


def test_every_safe_character_is_one_cell_for_rich() -> None:
    assert [c for c in SAFE if c != "\n" and cell_len(c) != 1] == []


@pytest.mark.parametrize("pair", PAIRS[::7], ids=lambda p: p.name)
def test_bundled_records_read_the_same_without_rich(pair: Path) -> None:
    record = _record(pair)
    for width in (100, 48):
        plain = render_plain(record, width)
        if plain is not None:
            assert plain == render_text(record, width=width)
    assert render(record, "text") == render_text(record)  # what `compare` prints to a pipe


def test_a_word_longer_than_the_line_is_left_to_rich(base: ChangeRecord) -> None:
    record = base.model_copy(update={"summary": "x" * 150})
    assert render_plain(record) is None
    assert render(record, "text") == render_text(record)


_ALPHABET = st.sampled_from(list("ab yZ.,\n\xa0\u202f“”’›—é") + ["    ", "wordy", "字", "\u0301", "\t", "🙂"])
_TEXT = st.lists(_ALPHABET, max_size=80).map("".join)
_WORDY = st.lists(st.sampled_from([" ", "a", "bb", "cccccccc", "\n", "\xa0", "  "]), max_size=120).map(
    "".join
)


@settings(max_examples=150, deadline=None)
@given(
    headline=_WORDY,
    summary=_TEXT,
    impact=_WORDY,
    actions=st.lists(_TEXT, max_size=2),
    flag=_TEXT,
    quote=_WORDY,
    change_summary=_WORDY,
    width=st.sampled_from([100, 40, 17]),
)
def test_generated_records_read_the_same_without_rich(
    base: ChangeRecord, headline, summary, impact, actions, flag, quote, change_summary, width
) -> None:
    change = base.changes[0].model_copy(
        update={"summary": change_summary, "quotes_old": [quote], "quotes_new": [quote + " x"]}
    )
    record = base.model_copy(
        update={
            "headline": headline,
            "summary": summary,
            "impact": impact,
            "actions": actions,
            "flags": [Flag(code="note", message=flag)],
            "changes": [change],
        }
    )
    plain = render_plain(record, width)
    if plain is not None:
        assert plain == render_text(record, width=width)
