"""contacts._details reads email addresses word by word (perf7): the same addresses as the
pattern run over the whole text, checked here on every bundled version and on edge cases."""

from pathlib import Path

import pytest

from summarizer.analyzers.rules import contacts

OTA = Path(__file__).resolve().parents[3] / "evals" / "data" / "ota"


def _by_whole_text(text: str) -> set[str]:
    """The reading before perf7: the pattern over the whole text."""
    emails = {m.group(0).lower() for m in contacts._EMAIL.finditer(" ".join(text.split()))}
    return {e for e in emails if not contacts._FILE.search(e)}


def test_same_addresses_on_every_bundled_version() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(OTA.glob("*/*.md"))]
    assert texts
    found = [contacts._details(t)["email"] for t in texts]
    assert found == [_by_whole_text(t) for t in texts]
    assert sum(map(len, found)) > 20  # addresses occur


@pytest.mark.parametrize(
    "text",
    [
        "Write to privacy@example.com.",
        "(privacy@example.com) or <legal@example.co.uk>, [dpo@ex-ample.org](mailto:dpo@ex-ample.org)",
        "a@b.c x@y.zz @example.com user@ foo@bar@baz.com illustration_1@2x.png",
        "Ünïcode@例え.jp trailing@dot.com. and\u00a0nbsp@example.net\nnext@line.io",
        "email:privacy@microsoft.com;legal@microsoft.com",
    ],
)
def test_same_addresses_on_edge_cases(text: str) -> None:
    assert contacts._details(text)["email"] == _by_whole_text(text)
