"""The AI-name patterns of ``rules/ai.py`` are built from one list of names (round 9, tidy9): the table-cell
pattern matches exactly a cell holding one of the names the prose pattern reads, bar the documented
exceptions (four product names read in prose only, xAI read as a cell only)."""

from __future__ import annotations

import pytest

from summarizer.analyzers.rules.ai import (
    _AI_NAMES,
    _CELL_ONLY_NAMES,
    _NAME_CELL,
    _NAMES,
    _PROSE_ONLY_NAMES,
)

_EVERY_NAME = _NAMES + _PROSE_ONLY_NAMES + _CELL_ONLY_NAMES


def _cell_matches(cell: str) -> bool:
    """The cell pattern takes the whole of ``|<cell>`` (up to the next bar) out of ``|<cell>|``."""
    m = _NAME_CELL.match(f"|{cell}|")
    return m is not None and m.end() == len(cell) + 1


def test_no_name_is_a_prefix_of_another_so_the_order_of_the_alternatives_does_not_matter() -> None:
    low = [name.lower() for name in _EVERY_NAME]
    assert len(set(low)) == len(low)
    assert not [(a, b) for a in low for b in low if a != b and b.startswith(a)]


@pytest.mark.parametrize("name", _EVERY_NAME)
def test_a_cell_holding_a_name_matches_exactly_when_the_name_is_read_as_a_cell(name: str) -> None:
    as_cell = name not in _PROSE_ONLY_NAMES
    for cell in (name, f" {name} ", f" [{name}] ", f" **{name}** ", f" _{name.upper()}_ "):
        assert _cell_matches(cell) is as_cell, cell
    # A cell that says more than the name is not the name's cell.
    assert not _cell_matches(f" {name} cookies ")
    assert not _cell_matches(f" the {name} ")


@pytest.mark.parametrize("name", _EVERY_NAME)
def test_prose_reads_every_name_but_the_cell_only_ones(name: str) -> None:
    m = _AI_NAMES.search(f"We send your prompts to {name} to answer them.")
    if name in _CELL_ONLY_NAMES:
        assert m is None
    else:
        assert m is not None and m.group(0) == name
