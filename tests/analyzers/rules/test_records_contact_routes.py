"""A new sentence naming a point of contact (EU DSA) files the record under contact_generic beside its
other subjects (contact_routes.py; issue 12, round 8)."""

import yaml

from summarizer.analyzers.rules.contact_routes import point_of_contact_added
from summarizer.analyzers.rules.provisions import Provision
from summarizer.api import compare_texts
from summarizer.testing.provisions import single_unit_provision

CASE = "evals/cases/dsa-point-of-contact-added-is-contact.yaml"


def _unit(old: str, new: str) -> Provision:
    return single_unit_provision(old, new, category="user_rights")


def test_dsa_points_of_contact_file_the_record_under_contact():
    case = yaml.safe_load(open(CASE, encoding="utf-8"))
    record = compare_texts(case["input"]["old_text"], case["input"]["new_text"])
    assert record.material
    assert "contact_generic" in record.categories
    assert "dispute_resolution" in record.categories


def test_a_point_of_contact_said_in_a_new_sentence_counts():
    base = "You may complain to us."
    assert point_of_contact_added(_unit(base, base + " Our point of contact for users is dsa@example.com."))
    assert point_of_contact_added(
        _unit(base, base + " Users in the EU may contact us via the Points of Contact section below.")
    )


def test_a_heading_a_removed_or_restated_sentence_does_not():
    said = "Our point of contact for recipients of the service is dsa@example.com."
    assert not point_of_contact_added(_unit("Intro.", "Intro. Points of Contact"))  # a title, no verb
    assert not point_of_contact_added(_unit(f"Intro. {said}", "Intro."))  # went, not came
    again = "Our point of contact for the recipients of the service is dsa@example.com."
    assert not point_of_contact_added(_unit(f"Intro. {said}", f"Intro. {again}"))  # reworded
