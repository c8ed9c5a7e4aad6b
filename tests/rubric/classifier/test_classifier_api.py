"""The public surface: CategoryHit, explain/classify/classify_many consistency, lexicon integrity."""

from __future__ import annotations

import json
from importlib import resources

from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.model.taxonomy import CATEGORY_IDS
from summarizer.rubric import classifier, lexicon
from summarizer.rubric.classifier import (
    MIN_PROBABILITY,
    RELATIVE,
    THRESHOLD,
    CategoryHit,
    classify,
    classify_many,
    explain,
    explain_lexicon,
    score_all,
)

SAMPLES = [
    "We collect your IP address and share it with advertisers for interest-based ads.",
    "Your continued use of the service after changes means you accept the revised Terms.",
    "Last updated: 1 May 2024",
    "We use cookies and similar technologies; you can opt out in your browser settings.",
]


def test_classify_is_explain_without_the_detail():
    for text in SAMPLES:
        hits = explain(text)
        assert all(isinstance(h, CategoryHit) for h in hits)
        assert classify(text) == [h.category for h in hits]


def test_hits_are_best_first_probable_and_explained():
    hits = explain(SAMPLES[0])
    assert len(hits) >= 2
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert all(MIN_PROBABILITY <= s <= 1.0 for s in scores)  # several hits: each one probable
    assert all(h.terms for h in hits)


def test_lexicon_rule_reports_above_threshold_and_within_reach_of_the_best():
    hits = explain_lexicon(SAMPLES[0])
    assert len(hits) >= 2
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert all(s >= THRESHOLD and s >= RELATIVE * scores[0] for s in scores)


def test_score_all_reports_weaker_categories_that_classify_drops():
    text = SAMPLES[0]
    raw = score_all(text)
    kept = set(classify(text))
    assert kept <= set(raw)
    assert all(raw[c].score > 0 for c in kept)  # a category is reported only when its own words fired
    assert len(raw) > len(kept)


def test_without_the_weights_file_the_lexicon_rule_decides(monkeypatch):
    monkeypatch.setattr(classifier, "_weights", lambda: None)
    for text in SAMPLES:
        assert explain(text) == explain_lexicon(text)


def test_classify_many_keeps_order():
    assert classify_many(SAMPLES) == [classify(t) for t in SAMPLES]
    assert classify_many(iter(SAMPLES[::-1])) == [classify(t) for t in SAMPLES[::-1]]
    assert classify_many([]) == []


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gets_known_ids_without_duplicates(text):
    result = classify(text)
    assert result
    assert all(c in CATEGORY_IDS for c in result)
    assert len(result) == len(set(result))


def test_every_category_has_a_lexicon_and_nothing_else_does():
    assert set(lexicon.LEXICONS) == set(CATEGORY_IDS)


def test_ppevo_verbs_are_bundled_with_the_role_we_rely_on():
    data = json.loads(resources.files("summarizer").joinpath("data", "ppevo_verbs.json").read_text("utf-8"))
    assert "CC BY 4.0" in data["_meta"]["licence"]
    roles = lexicon.ppevo_roles()
    for category, (code, verbs) in lexicon.PPEVO_VERBS.items():
        for verb in verbs:
            assert code in roles[verb], f"{verb} is not {code} in ppevo ({category})"


def test_inflections_cover_regular_and_irregular_forms():
    assert {"share", "shares", "shared", "sharing"} <= lexicon.inflections("share")
    assert {"party", "parties"} <= lexicon.inflections("party")
    assert {"log", "logs", "logged", "logging"} <= lexicon.inflections("log")
    assert "sold" in lexicon.inflections("sell")
    assert lexicon.inflections("us") == {"us"}  # "using" must not become "us"


def test_inflected_forms_match_the_lexicon_phrase():
    assert classify("Your data was shared with our vendors.")[0] == "third_party_sharing"
    assert classify("We collected and logged the IP addresses.")[0] == "data_collection"
    assert classify("Personal data is sold.")[0] == "sale_targeted_ads"


def test_links_are_not_prose():
    # "https" in a link target must not make a menu item look like a security provision
    assert classify("* [Health](https://example.org/health)") == ["sensitive_data"]
    assert classify("* [Help](https://example.org/help)") == ["contact_generic"]
