"""Round 9 (issue #15, cprec9): precision readings that carry across folds.

Synthetic documents and changes, so each reading is checked on its own; the golden cases measure the whole
(``python bench/compliance_folds.py``, ``python bench/compliance_readings.py``).
"""

from __future__ import annotations

import pytest

from summarizer.compliance.business_terms import P2B_ENTRY, unengaged_signals
from summarizer.compliance.regions import mentioned_regions
from summarizer.compliance.select import select_entries
from summarizer.compliance.signals import change_signals
from summarizer.compliance.table import load_table
from tests.compliance.conftest import make_change

EU_TERMS = "These Terms apply to users in the European Union. "
TERMINATION = "We may terminate or suspend your account at any time if you violate these Terms."


def _engaged(old_text: str, new_text: str, category: str, quote: str) -> set[str]:
    change = make_change(category, "added", [], [quote], "up", severity_after="medium")
    engaged = select_entries(
        load_table(),
        [change_signals(change)],
        mentioned_regions(new_text),
        document="terms",
        unengaged=unengaged_signals(old_text, new_text),
    )
    return {e.entry.id for e in engaged}


@pytest.mark.parametrize(
    ("text", "named"),
    [
        (EU_TERMS + TERMINATION, False),  # consumer terms: an account closed is no business user's
        (EU_TERMS + "Information for business users under the Platform-to-Business (P2B) Regulation.", True),
        (EU_TERMS + "See our notice under Regulation (EU) 2019/1150.", True),
    ],
)
def test_termination_engages_the_p2b_rule_only_in_terms_that_name_it(text: str, named: bool) -> None:
    assert (
        P2B_ENTRY in _engaged(text, text + " " + TERMINATION, "account_termination", TERMINATION)
    ) is named
    # the DSA's terms-and-conditions rule is engaged either way
    assert "dsa-art14-terms-and-conditions" in _engaged(
        text, text + " " + TERMINATION, "account_termination", TERMINATION
    )


def test_a_change_notice_still_engages_the_p2b_rule_in_any_terms() -> None:
    notice = "We may update these Terms at any time and changes are effective when posted."
    text = EU_TERMS + notice
    assert (
        P2B_ENTRY not in unengaged_signals(text, text)
        or "unilateral_change" not in unengaged_signals(text, text)[P2B_ENTRY]
    )
    assert P2B_ENTRY in _engaged(EU_TERMS, text, "policy_change_notice", notice)
