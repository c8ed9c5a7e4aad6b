"""repeated_entries reads only the standing sentences that hold every stem of the sentence asked
about (perf7); it must answer as reading them all did: checked against that reading here."""

from types import SimpleNamespace

import pytest

from summarizer.analyzers.rules import repeated_entries as r
from tests.conftest import ota_pair

PAIRS = [
    "microsoft-privacy-policy-2020-12-08-2020-12-08",
    "adsense-terms-of-service-2026-03-03-2026-03-03",
    "airbnb-privacy-policy-2022-01-23-2022-01-24",
]


def _all_standing(old: str, new: str) -> set:
    """Every sentence of at least MIN_WORDS stems read, those in both versions kept (the reading
    before perf7)."""

    def of(text: str) -> set:
        return {c for c in map(r._content, r._SPLIT.split(text)) if len(c[0]) >= r.MIN_WORDS}

    return of(old) & of(new)


def _said_again_by_all(sentence: str, standing: set) -> bool:
    stems, marks = r._content(sentence)
    if len(stems) < r.MIN_WORDS:
        return False
    return any(
        m == marks and len(stems & s) == len(stems) and len(stems) >= r.COVER * len(s) for s, m in standing
    )


@pytest.mark.parametrize("name", PAIRS)
def test_said_again_answers_as_reading_every_sentence(name: str) -> None:
    old, new = ota_pair(name)
    diff = SimpleNamespace(old=SimpleNamespace(text=old), new=SimpleNamespace(text=new))
    standing = _all_standing(old, new)
    sentences = sorted({s for s in r._SPLIT.split(old + "\n" + new) if len(s) > 30})[:1500]
    answers = [(s, r._said_again(s, diff)) for s in sentences]
    assert [a for _, a in answers] == [_said_again_by_all(s, standing) for s, _ in answers]
    assert any(a for _, a in answers) and not all(a for _, a in answers)  # both answers occur


@pytest.mark.parametrize(
    "standing",
    [
        # a capital sigma lower-cases by its neighbours ('ΟΔΟΣ' alone ends in ς, before "'Α" in σ)
        "ΟΔΟΣ'Α Straße Überwachung personenbezogener Daten wird nicht verkauft oder vermietet.",
        "İstanbul’s ÜBERWACHUNG personenbezogener Daten wird nicht verkauft oder vermietet.",
    ],
)
def test_sentences_that_are_not_ascii_are_found(standing: str) -> None:
    text = f"Intro.\n{standing}\nEnd."
    diff = SimpleNamespace(old=SimpleNamespace(text=text), new=SimpleNamespace(text=text))
    assert r._said_again(standing, diff)
    assert r._said_again(standing, diff) == _said_again_by_all(standing, _all_standing(text, text))
