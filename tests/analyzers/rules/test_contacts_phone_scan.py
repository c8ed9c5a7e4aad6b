"""contacts._PHONE_SCAN (the phone pattern written to start with its first character, for whole
texts) finds exactly what contacts._PHONE finds: on hypothesis texts and on every bundled version.
contacts._words_holding gives the words of str.split() holding a character, in order."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.analyzers.rules.contacts import _PHONE, _PHONE_SCAN, _words_holding

_OTA = Path(__file__).resolve().parents[3] / "evals" / "data" / "ota"


def _found(pattern, text: str) -> list[tuple[tuple[int, int], str]]:
    return [(m.span(), m.group(0)) for m in pattern.finditer(text)]


_PIECES = "+1|+| |(425)|(|)|882|-|.|8080|555|0100|a|x|_|\u0663\u0663\u0663".split("|")


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="0123456789+()-. a_\u0663", max_size=40))
def test_same_matches_as_the_phone_pattern(text: str) -> None:
    assert _found(_PHONE_SCAN, text) == _found(_PHONE, text)


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14).map("".join))
def test_same_matches_on_phone_like_texts(text: str) -> None:
    assert _found(_PHONE_SCAN, text) == _found(_PHONE, text)


def test_same_matches_on_examples_and_bundled_versions() -> None:
    examples = "call +1 (425) 882-8080, (800) 555-0100 or 206.555.0199; x1425-555-0100 +44 20 7946 0958"
    assert _found(_PHONE_SCAN, examples) == _found(_PHONE, examples)
    assert len(_found(_PHONE, examples)) == 4
    versions = sorted(_OTA.glob("*/*.md"))
    assert versions
    for path in versions:
        text = " ".join(path.read_text(encoding="utf-8").split())
        assert _found(_PHONE_SCAN, text) == _found(_PHONE, text), path


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet="a@b. \n\t\u00a0\u2028\x85x", max_size=30))
def test_words_holding_are_the_split_words_holding_it(text: str) -> None:
    assert list(_words_holding(text, "@")) == [w for w in text.split() if "@" in w]
