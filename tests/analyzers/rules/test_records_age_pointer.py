"""Age language in a sentence that only points young readers elsewhere sets no rule about age, so
it makes no ``children_audiences`` companion (the Google Pay teen-guide link of 2021 read as
"children get less care")."""

from __future__ import annotations

from pathlib import Path

from summarizer.analyzers.rules.ai import age_phrases
from summarizer.api import compare_files, compare_texts

ROOT = Path(__file__).resolve().parents[3]

POINTER = (
    "If you are a user under the age of 18, you can find additional resources in the "
    "[Google Teen Privacy Guide](https://www.google.com/policies/privacy/teens/)."
)
RULE = "If you are under the age of 18, you must not use the service without a parent's consent."


def test_a_resource_pointer_has_no_age_rule_but_a_rule_beside_it_counts() -> None:
    assert age_phrases(POINTER) == 0
    assert age_phrases(RULE) == 1
    assert age_phrases(POINTER + " " + RULE) == 1
    # A pointer that also says what is done with a minor's data is a rule.
    assert age_phrases("Learn more about how we use data of users under the age of 18.") == 1


def test_the_google_pay_teen_guide_link_is_not_a_children_change_and_a_new_age_rule_is() -> None:
    pair = ROOT / "evals" / "data" / "ota" / "google-pay-privacy-policy-2021-01-26-2021-10-13"
    record = compare_files(pair / "old.md", pair / "new.md")
    assert record.material and "children_audiences" not in record.categories
    assert all(change.category != "children_audiences" for change in record.changes)
    old = "# Privacy\n\nWe share payment data with our affiliates to process your transactions.\n"
    rule = compare_texts(old, old.rstrip("\n") + " " + RULE + "\n")
    assert "children_audiences" in rule.categories
