"""Round 8 (crec8b) recall readings (issue #15), each on a synthetic change; the golden cases measure the
whole (`python bench/compliance_folds.py` prints the figures per fold)."""

from __future__ import annotations

from summarizer.compliance.regions import RegionMention
from summarizer.compliance.select import change_regions, select_entries
from summarizer.compliance.signals import change_signals
from summarizer.compliance.table import load_table
from tests.compliance.conftest import make_change

_REGIONS = {
    "US": RegionMention("US", "United States", 3, "users in the United States", evidence=2),
    "EU": RegionMention("EU", "European Union", 4, "If you are located in the European Union", evidence=2),
    "EEA": RegionMention("EEA", "European Economic Area", 3, "If you are located in the EEA", evidence=2),
}
_OLD_EEA = "If you are located in the EEA, do not use your real name when you open an account."
_NEW_SHARING = (
    "When you enter your email address, we may share with our advertising partners information that we "
    "collect from you, such as your email address and IP address."
)


def test_a_region_named_only_by_the_old_words_does_not_limit_the_new_ones() -> None:
    """The new words apply to the document's readers: the EEA sentence they replace no longer limits them."""
    rewritten = change_signals(
        make_change("third_party_sharing", "expanded", [_OLD_EEA], [_NEW_SHARING], direction="up")
    )
    assert set(change_regions(rewritten, _REGIONS)) == {"US", "EU", "EEA"}
    ids = {e.entry.id for e in select_entries(load_table(), [rewritten], _REGIONS)}
    assert "ftc-act-s5-unfair-deceptive" in ids


def test_a_removal_keeps_the_regions_its_old_words_name() -> None:
    removed = change_signals(make_change("third_party_sharing", "removed", [_OLD_EEA], [], direction="up"))
    assert "EEA" in change_regions(removed, _REGIONS) and "US" not in change_regions(removed, _REGIONS)


def test_new_words_that_name_a_region_still_limit_the_change() -> None:
    new_eea = change_signals(
        make_change(
            "third_party_sharing",
            "expanded",
            [_OLD_EEA],
            ["If you are located in the EEA, " + _NEW_SHARING[0].lower() + _NEW_SHARING[1:]],
            direction="up",
        )
    )
    assert "EEA" in change_regions(new_eea, _REGIONS) and "US" not in change_regions(new_eea, _REGIONS)


_BY_USE = (
    "By utilizing our Services, you consent to sharing data that you provide to us, including your mailbox, "
    "with our AI Providers for the purpose of enhancing features within our Services."
)
_US_EU = {
    "US": RegionMention("US", "United States", 3, "users in the United States", evidence=2),
    "EU": RegionMention("EU", "European Union", 3, "users in the European Union", evidence=2),
    "EEA": RegionMention(
        "EEA", "European Economic Area", 3, "users in the European Economic Area", evidence=2
    ),
}


def test_consent_by_use_engages_the_data_rules_that_carry_it_wherever_the_record_filed_it() -> None:
    """Filed under consent, a consent inferred from use still engages the FTC's retroactive-change
    position (its categories are purpose, AI, advertising and change notices)."""
    consent = change_signals(make_change("choice_consent", "added", [], [_BY_USE], direction="up"))
    assert "consent_implied_by_use" in consent.names
    ids = {e.entry.id for e in select_entries(load_table(), [consent], _US_EU, document="terms")}
    assert "ftc-act-s5-retroactive-material-change" in ids
    assert "gdpr-art7-consent-conditions" in ids


def test_consent_by_use_does_not_engage_the_unilateral_alteration_rule_outside_its_category() -> None:
    """UCTD Annex 1(j) (altering terms unilaterally) is about a change clause, not consent to a data use."""
    consent = change_signals(make_change("choice_consent", "added", [], [_BY_USE], direction="up"))
    ids = {e.entry.id for e in select_entries(load_table(), [consent], _US_EU, document="terms")}
    assert "uctd-annex-1j-unilateral-alteration" not in ids
