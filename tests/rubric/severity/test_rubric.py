"""The severity rubric on before/after pairs: levels, direction and the quoted reason."""

from __future__ import annotations

import pytest

from summarizer.model.taxonomy import CATEGORY_IDS, Severity
from summarizer.rubric.severity import (
    Assessment,
    assess_change,
    change_severity,
    overall_severity,
    rate_text,
    shift_phrase,
    text_factors,
)

N, L, M, H = Severity.none, Severity.low, Severity.medium, Severity.high


def test_do_not_sell_removed_goes_up_and_quotes_it() -> None:
    a = assess_change(
        "sale_targeted_ads",
        "We do not sell your personal information.",
        "We may sell your personal information to our partners.",
    )
    assert (a.before, a.after, a.direction) == (M, H, "up")
    # the reason quotes the words that changed, the lost promise first
    assert "'do not sell'" in a.reason and "partners" in a.reason
    assert a.reason.index("'do not sell'") < a.reason.index("partners")
    # explainable: the old text protected against a sale, the new one permits it, and the
    # evidence that decided the direction counts the lost promise as worse for the user
    old_f = text_factors("sale_targeted_ads", "We do not sell your personal information.")
    new_f = text_factors("sale_targeted_ads", "We may sell your personal information to our partners.")
    assert any(f.weight < 0 and "do not sell" in f.quote for f in old_f)
    assert any(f.weight > 0 and "may sell" in f.quote for f in new_f)
    assert all(f.weight > 0 for f in new_f if "sell" in f.quote)
    assert any(e.startswith("+") and "do not sell" in e for e in a.evidence)
    assert a.confidence == "high"


def test_opt_out_added_goes_down() -> None:
    a = assess_change(
        "choice_consent",
        "We send you marketing emails.",
        "We send you marketing emails. You can opt out at any time.",
    )
    assert (a.before, a.after, a.direction) == (M, L, "down")
    assert "an opt-out was added" in a.reason


def test_rewording_without_a_change_of_meaning_is_unchanged() -> None:
    a = assess_change(
        "third_party_sharing",
        "We share your information with service providers who help us run the service.",
        "Your information is shared with service providers that help us run the service.",
    )
    assert (a.before, a.after, a.direction) == (H, H, "same")
    # no evidence either way: nothing the text permits or protects came or went
    assert a.evidence == [] and a.confidence == "high"
    assert a.reason.startswith(shift_phrase(H, H))


def test_will_becoming_may_goes_up() -> None:
    a = assess_change(
        "data_retention",
        "We will delete your data when you close your account.",
        "We may delete your data when you close your account.",
    )
    assert a.direction == "up" and a.after > a.before
    assert "'will' became 'may'" in a.reason


def test_retention_growth_goes_up_with_the_numbers_in_the_reason() -> None:
    a = assess_change(
        "data_retention", "We keep server logs for 30 days.", "We keep server logs for 180 days."
    )
    assert a.direction == "up" and a.after > a.before
    assert "retention grew from 30 to 180 days" in a.reason


def test_retention_shrinking_goes_down() -> None:
    a = assess_change("data_retention", "We keep server logs for 1 year.", "We keep server logs for 90 days.")
    assert a.direction == "down"
    assert "retention shrank from 1 year to 90 days" in a.reason


def test_parties_added_goes_up() -> None:
    a = assess_change(
        "third_party_sharing",
        "We may share your information with our affiliates and partners.",
        "We may share your information with our affiliates, partners and advertisers.",
    )
    assert a.direction == "up"
    assert "advertisers were added to the parties data is shared with" in a.reason
    # already high: the level saturates, the direction still says it got worse
    assert (a.before, a.after) == (H, H)
    assert a.reason.startswith("stays high, but worse for you")


def test_parties_removed_goes_down() -> None:
    a = assess_change(
        "third_party_sharing",
        "We may share your information with partners and data brokers.",
        "We may share your information with partners.",
    )
    assert a.direction == "down"
    assert "data brokers are no longer among the parties" in a.reason


def test_notice_period_removed_goes_up() -> None:
    a = assess_change(
        "policy_change_notice",
        "If we make material changes, we will notify you at least 30 days before they take effect.",
        "If we make material changes, they take effect when we post them.",
    )
    assert (a.before, a.after, a.direction) == (L, M, "up")
    assert "30 days" in a.reason and "notice" in a.reason


def test_notice_period_shortened_goes_up() -> None:
    a = assess_change(
        "policy_change_notice",
        "We will give you 30 days' notice of any change.",
        "We will give you 7 days' notice of any change.",
    )
    assert a.direction == "up"
    assert "the notice period shrank from 30 to 7 days" in a.reason


@pytest.mark.parametrize(
    ("category", "old", "new", "words"),
    [
        (
            "data_retention",
            "We store your data on our servers.",
            "We store your data on our servers and encrypt it at rest.",
            "a safeguard was added",
        ),
        (
            "user_rights",
            "We keep your account data.",
            "You have the right to delete your account data.",
            "a user right was added",
        ),
        (
            "third_party_sharing",
            "We may share your data with partners.",
            "We may share your data with partners only with your consent.",
            "the consent requirement was added",
        ),
        (
            "sale_targeted_ads",
            "We use your data for analytics.",
            "We use your data for analytics. We do not sell your data.",
            "a promise not to sell was added",
        ),
    ],
)
def test_protections_added_go_down(category: str, old: str, new: str, words: str) -> None:
    a = assess_change(category, old, new)
    assert a.direction == "down" and a.after < a.before
    assert words in a.reason


@pytest.mark.parametrize(
    ("category", "old", "new", "quoted"),
    [
        (
            "data_use_purpose",
            "We use your data to provide the service.",
            "We use your data to provide the service and for any other purpose.",
            "for any other purpose",
        ),
        (
            "content_license_ip",
            "You grant us a licence to host your content.",
            "You grant us a perpetual, irrevocable licence to host your content.",
            "perpetual",
        ),
        (
            "dispute_resolution",
            "Disputes go to the courts of Ireland.",
            "Disputes go to binding arbitration and you waive any class action.",
            "waive",
        ),
        (
            "account_termination",
            "We may suspend your account after a warning.",
            "We may suspend your account without notice.",
            "without notice",
        ),
    ],
)
def test_broad_permissions_added_go_up_and_are_quoted(category: str, old: str, new: str, quoted: str) -> None:
    a = assess_change(category, old, new)
    assert a.direction == "up"
    assert f"'{quoted}" in a.reason


def test_an_opt_out_removed_goes_up() -> None:
    a = assess_change(
        "choice_consent",
        "We send marketing emails. You can opt out at any time.",
        "We send marketing emails.",
    )
    assert (a.direction, a.before, a.after) == ("up", L, M)
    assert "'you can opt out' was removed" in a.reason


def test_a_user_that_can_no_longer_opt_out() -> None:
    a = assess_change(
        "choice_consent", "You can opt out of personalised ads.", "You can not opt out of personalised ads."
    )
    assert a.direction == "up"


def test_rules_for_the_user_are_not_promises_about_data() -> None:
    """'you may not use the service' dropping is not 'a promise not to use data' removed."""
    a = assess_change(
        "account_termination",
        "You may not use the service if you are banned.",
        "The service is available to everyone except banned users.",
    )
    assert a.direction != "up" or "may not use" not in a.reason


# --- added and removed provisions ----------------------------------------------------------------


def test_a_removed_protection_is_worse_for_the_user() -> None:
    a = assess_change("sale_targeted_ads", "We do not sell your personal information.", "")
    # the provision now allows what the category usually allows (design: removing a protection
    # pushes severity up), so after is the tendency, at least one step above before
    assert (a.before, a.after, a.direction) == (M, H, "up")
    assert a.reason.startswith("medium → high: ")
    assert "'do not sell'" in a.reason and "worse for you" in a.reason
    assert change_severity(a) == H


def test_a_removed_permission_is_better_for_the_user() -> None:
    a = assess_change("sale_targeted_ads", "We may sell your personal information to data brokers.", "")
    assert (a.before, a.after, a.direction) == (H, N, "down")
    assert "no longer says 'may sell'" in a.reason
    assert change_severity(a) == L


def test_an_added_permission_goes_up_and_an_added_protection_goes_down() -> None:
    up = assess_change("sale_targeted_ads", "", "We may sell your personal information for any purpose.")
    assert (up.before, up.after, up.direction) == (N, H, "up")
    assert "'for any purpose'" in up.reason
    down = assess_change("choice_consent", "", "You can opt out of marketing emails at any time.")
    # before the new opt-out, the silent text allowed what the category usually allows
    assert (down.before, down.after, down.direction) == (M, L, "down")
    assert down.reason.startswith("medium → low: new text that protects you")


def test_identical_and_empty_texts() -> None:
    text = "We may share your data with partners for any purpose."
    a = assess_change("third_party_sharing", text, text)
    assert (a.before, a.after, a.direction) == (H, H, "same")
    empty = assess_change("third_party_sharing", "", "   ")
    assert (empty.before, empty.after, empty.direction) == (N, N, "same")


# --- rate_text -----------------------------------------------------------------------------------


def test_rate_text_starts_from_the_tendency_and_lists_the_factors() -> None:
    plain = "We keep records of your orders."
    level, _ = rate_text("data_retention", plain)
    assert level == M  # no factor: the category's tendency
    assert text_factors("data_retention", plain) == []
    forever = "We keep records of your orders indefinitely."
    level, factors = rate_text("data_retention", forever)
    assert level > M  # a permission pushes the level up, and the reasons name it
    assert any(f.weight > 0 and "indefinitely" in f.quote for f in text_factors("data_retention", forever))
    assert any("indefinitely" in f for f in factors)
    limited = "We keep records for 30 days and then delete them."
    level, _ = rate_text("data_retention", limited)
    assert level < M  # protections push it down
    assert any(f.weight < 0 for f in text_factors("data_retention", limited))


def test_rate_text_negated_permissions_do_not_fire() -> None:
    assert rate_text("sale_targeted_ads", "We will never sell your personal data.")[0] == M
    assert rate_text("sale_targeted_ads", "We may sell your personal data.")[0] == H


def test_children_raise_the_children_category() -> None:
    assert rate_text("children_audiences", "This section applies to residents of California.")[0] == M
    assert rate_text("children_audiences", "We collect data from children under 13.")[0] == H


def test_rate_text_of_nothing_is_none() -> None:
    assert rate_text("contact_generic", "") == (N, [])
    assert rate_text("contact_generic", " -- ")[0] == N


# --- overall severity and phrases ----------------------------------------------------------------


def test_shift_phrase() -> None:
    assert shift_phrase(M, H) == "medium → high"
    assert shift_phrase(M, M) == "unchanged (medium)"
    assert shift_phrase(N, L) == "none → low"


def test_overall_severity_is_the_most_severe_change() -> None:
    assert overall_severity([]) == N
    minor = Assessment("contact_generic", L, L, "same", "unchanged (low): reworded", [])
    good = Assessment("choice_consent", M, L, "down", "medium → low: an opt-out was added", [])
    bad = Assessment("third_party_sharing", M, H, "up", "medium → high: ...", [])
    assert overall_severity([minor]) == L
    assert overall_severity([minor, good]) == L
    assert overall_severity([minor, good, bad]) == H


def test_every_category_rates_and_assesses() -> None:
    for category in CATEGORY_IDS:
        level, factors = rate_text(category, "We may change this at any time without notice.")
        assert level >= L and factors[0].startswith(f"tendency of {category}")
        a = assess_change(
            category,
            "We will tell you before we change this.",
            "We may change this at any time without notice.",
        )
        assert a.direction == "up", (category, a.reason)
