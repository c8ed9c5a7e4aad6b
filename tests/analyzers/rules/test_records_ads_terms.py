"""A sentence that came in aiming advertising at the reader files the record under sale_targeted_ads
beside its other subjects (ads_terms.py; issue 12, round 9)."""

import yaml

from summarizer.analyzers.rules.ads_terms import ads_added, names_ads
from summarizer.analyzers.rules.provisions import Provision
from summarizer.api import compare_texts
from summarizer.testing.provisions import single_unit_provision

CASE = "evals/cases/advertising-cookies-added-is-targeted-ads.yaml"


def _unit(old: str, new: str) -> Provision:
    return single_unit_provision(old, new, category="tracking_tech")


def test_the_case_names_targeted_ads_beside_tracking():
    case = yaml.safe_load(open(CASE, encoding="utf-8"))
    record = compare_texts(case["input"]["old_text"], case["input"]["new_text"])
    assert "sale_targeted_ads" in record.categories
    assert "tracking_tech" in record.categories


def test_advertising_aimed_at_the_reader_is_read():
    assert names_ads("Advertising Cookies may be set by us or our advertising partners.")
    assert names_ads("They may be used to build a profile of your interests.")
    assert names_ads(
        "This identifier is designed to enable targeted advertising without sharing your number."
    )
    assert names_ads("Targeting Cookies are used by us and our partners to track the effectiveness of ads.")


def test_denials_rules_and_pointers_are_not():
    assert not names_ads("We do not use any advertising trackers when you browse.")
    assert not names_ads("Don't use the App Set ID for personalized ads or ad measurement.")
    assert not names_ads("For more information on how to opt out of behavioral advertising, click here.")
    assert not names_ads("You can opt out of interest-based advertising as described in the section below.")
    assert not names_ads("Your identifier will no longer be used for targeted advertising.")
    assert not names_ads("Analytics cookies count our visitors.")


def test_only_a_sentence_that_came_counts():
    said = "Our partners use advertising cookies to show you ads elsewhere."
    assert ads_added(_unit("Cookies keep you signed in.", f"Cookies keep you signed in. {said}"))
    assert not ads_added(_unit(f"Cookies keep you signed in. {said}", "Cookies keep you signed in."))  # went
    again = "Our partners use advertising cookies to show you ads somewhere else."
    assert not ads_added(_unit(f"Intro. {said}", f"Intro. {again}"))  # a restatement
