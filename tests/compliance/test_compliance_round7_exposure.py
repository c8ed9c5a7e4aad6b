"""Round 7 (#15, exposure, cprec7): a widened flow of data alone is medium, as the labelling protocol reads it.

The protocol (evals/compliance_cases/README.md, step 5): high when a protection is removed or a high-tendency
category (sale/ads, children, sensitive data, AI training, dispute resolution) gets worse; medium when scope or
process changes without removing a protection.
"""

from __future__ import annotations

from summarizer.compliance.exposure import rate_exposure
from summarizer.compliance.select import Engagement
from summarizer.compliance.signals import ChangeSignals
from summarizer.compliance.table import load_table
from tests.compliance.conftest import make_change


def _engaged(entry_id: str, signals: set[str], severity: str = "high") -> Engagement:
    entry = next(e for e in load_table().entries if e.id == entry_id)
    change = make_change(
        "third_party_sharing", "expanded", ["a"], ["b"], direction="up", severity_after=severity
    )
    cs = ChangeSignals(change, signals={s: "r" for s in signals}, added=set(signals))
    return Engagement(entry, score=1.0, hits=[(cs, set(signals))])


def test_a_new_recipient_alone_is_medium_even_when_severe() -> None:
    rating = rate_exposure([_engaged("gdpr-art13-information-at-collection", {"new_recipient_class"})])
    assert rating.level == "medium"
    assert any("widens" in text and "medium" in text for text, _ in rating.reasons)


def test_a_new_recipient_with_a_lost_protection_stays_high() -> None:
    rating = rate_exposure(
        [_engaged("gdpr-art13-information-at-collection", {"new_recipient_class", "opt_out_removed"})]
    )
    assert rating.level == "high"


def test_a_high_tendency_category_stays_high() -> None:
    for signal in (
        "targeted_advertising",
        "sensitive_data",
        "training_on_user_content",
        "arbitration_clause",
    ):
        rating = rate_exposure(
            [_engaged("gdpr-art13-information-at-collection", {"new_recipient_class", signal})]
        )
        assert rating.level == "high", signal


def test_a_high_risk_practice_the_text_adds_is_not_low() -> None:
    # a new profiling-for-ads paragraph the record rates low and favourable: the practice is still new
    rating = rate_exposure(
        [_engaged("gdpr-art21-2-3-objection-direct-marketing", {"targeted_advertising"}, "low")]
    )
    assert rating.level == "medium"


def test_a_low_change_without_a_high_risk_practice_stays_low() -> None:
    rating = rate_exposure([_engaged("gdpr-art13-information-at-collection", {"new_recipient_class"}, "low")])
    assert rating.level == "low"
