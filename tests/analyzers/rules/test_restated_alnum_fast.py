"""restated's ``_alnum`` (bytes deletion on a long text) keeps exactly the characters the
``[^\\W_]+`` findall it replaced keeps, on every code point and on long mixed texts."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.analyzers.rules import restated
from summarizer.analyzers.rules.restated import _ALNUM, _LONG, _alnum


def _found(text: str) -> str:
    return "".join(_ALNUM.findall(text))


def test_every_code_point_in_a_long_text() -> None:
    text = "".join(chr(c) for c in range(0x110000))
    assert len(text) >= _LONG
    assert _alnum(text) == _found(text)


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=40))
def test_long_repetitions_of_any_text(piece: str) -> None:
    text = piece * (_LONG // len(piece) + 1)
    assert _alnum(text) == _found(text)


def test_short_text_and_text_key() -> None:
    assert _alnum("Don’t_stop — 30 days") == "Donistop30days".replace("i", "t")
    long = "See [our terms](https://example.com/t) — 30 days, café_№5.\n" * 200
    assert restated.text_key(long) == "seeourterms30dayscafé5" * 200
