"""A sentence that came in saying how long the reader's data, content or account is kept files the record
under data_retention beside its other subjects (retention_terms.py; issue 12, round 9)."""

import yaml

from summarizer.analyzers.rules.provisions import Provision
from summarizer.analyzers.rules.retention_terms import names_retention, retention_added
from summarizer.api import compare_texts
from summarizer.testing.provisions import single_unit_provision

CASE = "evals/cases/removed-content-deleted-after-a-period-is-retention.yaml"


def _unit(old: str, new: str) -> Provision:
    return single_unit_provision(old, new, category="content_license_ip")


def test_the_case_names_retention_beside_the_takedown_rules():
    case = yaml.safe_load(open(CASE, encoding="utf-8"))
    record = compare_texts(case["input"]["old_text"], case["input"]["new_text"])
    assert "data_retention" in record.categories
    assert "content_license_ip" in record.categories


def test_how_long_the_readers_things_are_kept_is_read():
    assert names_retention("We delete the removed content after a period of time.")
    assert names_retention("Your account may be deleted after three (3) years of continuous inactivity.")
    assert names_retention("Communication records may be retained for 2 years after your last interaction.")
    assert names_retention(
        "We keep your data only as long as needed unless a longer retention period applies."
    )


def test_duties_of_the_reader_and_other_periods_are_not():
    assert not names_retention(
        "You must keep your records for five years after each sale."
    )  # the reader's duty
    assert not names_retention(
        "Your app may be removed from the store until you fix it."
    )  # no keeping or deleting
    assert not names_retention("If you keep using our services after 30 days, you accept the new terms.")
    assert not names_retention("The offer is valid for 30 days.")


def test_only_a_new_sentence_that_is_no_restatement_counts():
    said = "We delete removed content after 90 days."
    assert retention_added(_unit("We remove content.", f"We remove content. {said}"))
    assert not retention_added(_unit(f"We remove content. {said}", "We remove content."))  # went
    old = "We use [Acme](https://acme.example/privacy) to store records, which are retained for four years."
    new = "We use [Brevo](https://brevo.example/legal/privacy) to store records, which are retained for four years."
    assert not retention_added(_unit(old, new))  # a vendor swapped, link targets aside: the same retention
