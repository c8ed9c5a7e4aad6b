"""Record direction and severity, round 4 of issue 12 (rules that carry over to policy language
nobody looked at): each test builds its own small policy, not taken from a labelled pair."""

from __future__ import annotations

from summarizer.api import compare_texts
from summarizer.rubric.clauses import citations_only

TERMS = """# Data Protection Terms

## 1. Definitions

"Applicable Law" means any privacy or data protection law or regulation that applies to the processing of Customer Data, including the GDPR.

"Customer Data" means personal data that the customer provides under the Agreement.

## 2. Processing

Each party will process Customer Data only as permitted by the Agreement and Applicable Law.
"""


def test_a_statute_defined_and_cited_is_neutral() -> None:
    new = TERMS.replace("including the GDPR.", "including the GDPR and the POPIA.").replace(
        '"Customer Data" means',
        '"POPIA" means the Protection of Personal Information Act 2013 of South Africa.\n\n"Customer Data" means',
    )
    record = compare_texts(TERMS, new)
    assert record.material
    assert record.direction == "neutral"
    assert any("only cite a law" in e for c in record.changes for e in c.evidence)


def test_a_law_enforcement_route_citing_a_statute_is_neutral() -> None:
    old = "# Law Enforcement\n\nWe respond to valid legal process as described below.\n\nSend requests to our portal.\n"
    new = old + (
        "\nIf you are a police officer in Texas wishing to contact us pursuant to Tex. Bus. & Com. Code § 509.101, "
        "please use the same portal.\n"
    )
    assert compare_texts(old, new).direction == "neutral"


def test_not_neutral_when_a_sentence_says_who_may_do_what() -> None:
    new = TERMS.replace(
        "Each party will process",
        "Under the Data (Use and Access) Act 2025 we may share Customer Data with our affiliates. Each party will process",
    )
    assert compare_texts(TERMS, new).direction != "neutral"


def test_citations_only_reads_sentences() -> None:
    law = '"NDPA" means the Nigerian Data Protection Act 2023, as amended.'
    assert citations_only([("", law)])
    assert not citations_only([("", "Show the QR Code to the staff at the store.")])  # not a law
    assert not citations_only([("", '"Seller" means the person who lists an item.')])  # no law cited
    dropped = "The laws we follow include the Kentucky Consumer Data Protection Act."
    assert not citations_only([(dropped, "The laws we follow are listed on our website.")])


def test_only_removed_burdens_claim_nothing() -> None:
    from summarizer.analyzers.rules.analyzer import record_direction
    from summarizer.rubric.clauses import Cue

    gone = [
        Cue("company_right", -1, "removed", "We may remove the listed material."),
        Cue("company_right", -1, "removed", "We reserve the right to reject reports."),
        Cue("rule", -1, "removed", "Any report must include a description."),
        Cue("company_right", -1, "removed", "We may restore the material within 10 days."),
    ]
    assert record_direction([], gone) == "unclear"  # four quarter-weight removals: they may have moved
    protection = Cue("protection", 1, "removed", "We do not sell your data.")
    assert record_direction([], [*gone[:2], protection]) == "worse"  # a protection taken out weighs in full


def test_a_section_taken_out_whole_makes_no_claim() -> None:
    old = (
        "# IP Policy\n\nWe respect the rights of others.\n\n## Reports\n\nWe may remove the listed material "
        "once we receive a complete report. We reserve the right to reject reports filed in bad faith. You may "
        "send us a counter notice if your material was removed by mistake.\n\n## Repeat infringers\n\n"
        "We may close the accounts of users who repeatedly infringe.\n"
    )
    new = "# IP Policy\n\nWe respect the rights of others.\n\n## Repeat infringers\n\nWe may close the accounts of users who repeatedly infringe.\n"
    record = compare_texts(old, new)
    assert record.material and record.direction == "unclear"
    assert any(f.code == "direction_unclear" for f in record.flags)


def test_an_unclear_record_is_not_high() -> None:
    old = (
        "# User Data Policy\n\nThis policy tells you how your app may handle the data of your users.\n\n"
        "## Photos\n\nYour app may request broad access to photos only when that access is core to your app. "
        "Apps that do not need broad access do not collect photos beyond those the user selects.\n"
    )
    new = (
        "# User Data Policy\n\nThis policy tells you how your app may handle the data of your users.\n\n"
        "## Photos\n\nBroad access to photos, videos and precise location data is a restricted permission "
        "with a minimum scope alternative: the system photo picker or the location button.\n"
    )
    record = compare_texts(old, new)
    assert record.direction == "unclear"
    assert record.severity == "medium"


def test_an_opt_out_taken_out_is_worse_and_high() -> None:
    old = (
        "# Privacy Policy\n\n## Your choices\n\nWe use the information you share with us to show you content you may "
        "like. You can ask us to stop using your activity for recommendations at any time in Settings.\n\n"
        "## Contact\n\nYou can contact our privacy team with any question.\n"
    )
    new = old.replace(
        " You can ask us to stop using your activity for recommendations at any time in Settings.", ""
    )
    record = compare_texts(old, new)
    assert (record.direction, record.severity) == ("worse", "high")


def test_a_refund_taken_out_stays_an_ordinary_change() -> None:
    old = (
        "# Terms of Use\n\n## Refunds\n\nYou may cancel your subscription at any time. If you prepay for a plan "
        "with a one-time payment, you may receive a full refund if you cancel within 7 days.\n"
    )
    new = old.replace(
        " If you prepay for a plan with a one-time payment, you may receive a full refund if you cancel within 7 days.",
        "",
    )
    assert compare_texts(old, new).severity != "high"


def test_training_on_by_default_with_an_opt_out_is_worse_and_high() -> None:
    from summarizer.rubric.severity import text_factors

    promise = "We do not use your conversations to train our models."
    assert [f.key for f in text_factors("ai_training", promise)] == ["no_ai_training"]
    old = (
        "# Assistant Privacy Policy\n\n## How we use your conversations\n\nWe use your conversations to answer "
        "your questions. We do not use your conversations to train our models.\n\n## Contact\n\nWrite to us.\n"
    )
    new = old.replace(
        promise,
        "We may use your conversations to train and improve our models. You can opt out at any time in Settings.",
    )
    record = compare_texts(old, new)
    assert (record.direction, record.severity) == ("worse", "high")
