"""A record whose only edits add, drop or re-point a pointer to another page is neutral and low
(pointers.py, issue 12 round 7)."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.analyzers.rules.pointers import NOTE, pointer_sentence
from summarizer.api import compare_files, compare_texts

FRESH3 = Path(__file__).resolve().parents[3] / "evals" / "data" / "fresh3"

GUIDELINES = """# Community Guidelines

## Hateful conduct

Do not post content that attacks people based on their race or religion. We may remove such content and
suspend accounts that post it.

{pointer}

## Spam

Do not send unsolicited bulk messages. We may limit accounts that do.
"""
OLD = GUIDELINES.format(
    pointer="[Here](https://www.example.org/hate.pdf) are some suggestions for confronting hate."
)


@pytest.mark.parametrize(
    "sentence",
    [
        "For information about our content moderation practices, please visit our [Safety Center](https://s.example).",
        "[Here](https://help.example.com/report) are steps you can take to report these behaviors to us.",
        "Please find our cookie policy on the [dedicated page](https://example.com/cookies).",
        "Learn more about Copilot terms of use [here](https://www.bing.com/new/termsofuse).",
    ],
)
def test_directions_to_a_page_are_pointers(sentence: str) -> None:
    assert pointer_sentence(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        # a duty, a charge or a grant of rights stated beside the link is more than a pointer
        "For more information, see [our fees](https://example.com/fees): you must pay a fee of 5 euros.",
        "Please visit [this page](https://example.com/optout) to consent to the sale of your data.",
        # no page named: directions alone
        "For more information, contact our support team.",
        # a page named, but not as directions to it
        "We may remove content that links to [malware](https://example.com/malware).",
    ],
)
def test_rules_beside_a_link_are_not_pointers(sentence: str) -> None:
    assert not pointer_sentence(sentence)


def test_a_repointed_help_link_is_neutral_low() -> None:
    new = GUIDELINES.format(
        pointer="[Here](https://help.example.com/report) are steps you can take to report these behaviors to us "
        "and to [block](https://help.example.com/block) anyone on the service."
    )
    record = compare_texts(OLD, new)
    assert record.material
    assert record.direction == "neutral"
    assert record.severity == "low"
    assert any(NOTE in e for c in record.changes for e in c.evidence)


def test_a_pointer_beside_a_new_ban_is_not_called_neutral() -> None:
    new = OLD.replace(
        "We may limit accounts that do.",
        "We may limit accounts that do. Do not operate multiple accounts that interact similarly.\n\n"
        "For more information, please visit our [Safety Center](https://safety.example.com).",
    )
    record = compare_texts(OLD, new)
    assert record.material
    assert record.direction != "neutral"
    assert not any(NOTE in e for c in record.changes for e in c.evidence)


@pytest.mark.parametrize(
    "pair",
    ["flickr-community-guidelines-2018-12-17-2022-06-27", "epic-developer-terms-2022-12-07-2024-02-15"],
)
def test_the_fresh3_pointer_pairs_are_neutral_low(pair: str) -> None:
    """Both labelled neutral, low: each pair's only material edit is a pointer to a help page."""
    record = compare_files(FRESH3 / pair / "old.md", FRESH3 / pair / "new.md")
    assert (record.material, record.direction, record.severity) == (True, "neutral", "low")
