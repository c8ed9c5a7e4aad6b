"""Round-4 selection rules (issue #15): an entry is engaged by what the changed passage itself says.

Synthetic changes, so each rule is checked on its own; the golden cases measure the whole.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from summarizer.compliance.regions import mentioned_regions
from summarizer.compliance.select import select_entries
from summarizer.compliance.signals import change_signals, drop_restated
from summarizer.compliance.table import load_table, parse_table
from summarizer.errors import InputError
from summarizer.evals.compliance import load_split
from summarizer.model.record import Change
from tests.compliance.conftest import make_change

ROOT = Path(__file__).resolve().parents[2]
EU = "This policy applies to users in the European Union under the GDPR."
CALIFORNIA = "California residents: under the CCPA you have the rights described below."


def _change(category: str, kind: str, old: list[str], new: list[str], direction: str | None = "up") -> Change:
    return make_change(category, kind, old, new, direction, severity_after="medium")


def _engaged(change: Change, where: str) -> set[str]:
    return {
        e.entry.id for e in select_entries(load_table(), [change_signals(change)], mentioned_regions(where))
    }


def test_every_subject_pattern_compiles_and_a_bad_one_is_refused() -> None:
    table = load_table()
    with_words = [e for e in table.entries if e.subject_words]
    assert len(with_words) >= 10
    assert table.get("gdpr-art17-right-to-erasure").about("you can ask us to delete your data")  # type: ignore[union-attr]
    assert not table.get("gdpr-art17-right-to-erasure").about("you can opt out of marketing")  # type: ignore[union-attr]
    text = (ROOT / "summarizer/data/regulations.yaml").read_text(encoding="utf-8")
    broken = text.replace("subject_words: 'delet|eras|forgotten'", "subject_words: 'delet(|eras'", 1)
    with pytest.raises(InputError, match="subject_words"):
        parse_table(broken)


def test_a_right_is_engaged_only_by_a_change_that_speaks_of_it() -> None:
    marketing = _change(
        "user_rights", "narrowed", ["The right to opt-out of marketing communications at any time."], ["."]
    )
    ids = _engaged(marketing, EU)
    assert "gdpr-art17-right-to-erasure" not in ids and "gdpr-art15-right-of-access" not in ids
    deletion = _change(
        "user_rights", "narrowed", ["You have the right to delete your personal data at any time."], ["."]
    )
    assert "gdpr-art17-right-to-erasure" in _engaged(deletion, EU)


def test_a_driver_rating_is_not_a_recommender_system() -> None:
    score = _change(
        "data_use_purpose",
        "expanded",
        ["We use information about a driver's engagement on the marketplace."],
        ["We use information about a driver's engagement on the marketplace and their rating score."],
    )
    assert "dsa-art27-recommender-transparency" not in _engaged(score, EU)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("MediaFire focuses on providing secure storage, sharing, and access to your data.", False),
        ("We keep your data for five years after you close your account.", True),
        ("There is a recurring short-term extension for data from the webrequest table.", True),
    ],
)
def test_retention_from_the_category_needs_retention_words(text: str, expected: bool) -> None:
    cs = change_signals(_change("data_retention", "expanded", ["We are a storage service."], [text]))
    assert ("retention_extended" in cs.names) is expected


def test_a_new_retention_passage_states_retention_even_when_rated_same() -> None:
    new = ["Webrequest table: There is a recurring short-term extension for data from the webrequest table."]
    cs = change_signals(_change("data_retention", "expanded", [], new, direction="same"))
    assert "retention_extended" in cs.names


def test_sharing_from_the_category_needs_someone_to_share_with() -> None:
    nobody = _change(
        "third_party_sharing", "added", [], ["Our primary focus is secure storage and sharing of your data."]
    )
    assert "new_recipient_class" not in change_signals(nobody).names
    partners = _change(
        "third_party_sharing", "added", [], ["We share your data with our marketing partners."]
    )
    assert "new_recipient_class" in change_signals(partners).names


def test_the_object_of_an_opt_out_is_not_a_new_sale() -> None:
    opt_out = _change(
        "choice_consent",
        "expanded",
        ["You will receive an option to dismiss the notification."],
        ["You will receive options to dismiss it or opt-out of the sale of your personal information."],
        direction="same",
    )
    assert "sale_of_data" not in change_signals(opt_out).names
    sale = _change(
        "choice_consent",
        "expanded",
        ["You control your data."],
        ["You control your data, and we may sell your personal information to data brokers."],
    )
    assert "sale_of_data" in change_signals(sale).names


def test_an_offered_refund_is_not_a_fee_but_a_dropped_refund_is() -> None:
    offered = _change(
        "liability_warranty_payment",
        "expanded",
        ["We will investigate the issue."],
        ["We will investigate the issue and provide a suitable solution, including a refund if applicable."],
        direction="same",
    )
    assert "fees_or_charges" not in change_signals(offered).names
    dropped = _change(
        "liability_warranty_payment",
        "narrowed",
        ["Prepaid plans can be cancelled for a refund within 14 days."],
        ["Prepaid plans can be cancelled."],
    )
    assert "fees_or_charges" in change_signals(dropped).names


def test_a_new_restriction_rated_better_does_not_state_the_practice() -> None:
    restriction = _change(
        "data_collection",
        "added",
        [],
        [
            "You may only use data provided by the API to provide age-appropriate experiences in the app receiving this data."
        ],
        direction="down",
    )
    assert "new_data_type" not in change_signals(restriction).names


def test_parental_controls_are_not_childrens_data() -> None:
    feature = _change(
        "children_audiences", "added", [], ["Customers who want parental controls can block channels."]
    )
    assert "children_data" not in change_signals(feature).names


def test_a_removed_passage_the_new_document_still_states_removes_nothing() -> None:
    duplicate = (
        "If we process your data with your consent, you have the right to withdraw your consent at any time."
    )
    removed = change_signals(_change("user_rights", "removed", [duplicate], [], direction="up"))
    assert removed.names
    drop_restated([removed], f"Your rights.\n\n{duplicate}\n")
    assert removed.names == set()
    gone = change_signals(_change("user_rights", "removed", [duplicate], [], direction="up"))
    drop_restated([gone], "Your rights are described elsewhere.")
    assert gone.names


def test_the_opt_out_preference_signal_rule_needs_more_than_a_cookie() -> None:
    cookies = _change(
        "tracking_tech",
        "expanded",
        ["Websites use cookies to remember you."],
        ["Third-party platforms may use cookies to remember you."],
    )
    assert "ccr-7025-opt-out-preference-signals" not in _engaged(cookies, CALIFORNIA)
    ads = _change(
        "tracking_tech",
        "expanded",
        ["We use cookies to remember you."],
        ["We and our partners use advertising cookies to show you ads on other websites."],
    )
    assert "ccr-7025-opt-out-preference-signals" in _engaged(ads, CALIFORNIA)


def test_round4_split_lists(tmp_path: Path) -> None:
    split = tmp_path / "split.yaml"
    split.write_text(
        yaml.safe_dump({"tuning": ["a"], "tuning_round4": ["b"], "held_out_round4": ["c"]}), encoding="utf-8"
    )
    assert load_split(split) == {"a": "tuning", "b": "tuning", "c": "held_out"}


def test_eval_compliance_part_analyses_only_that_part(tmp_path: Path) -> None:
    from summarizer.cli import app

    cases = tmp_path / "cases"
    cases.mkdir()
    case = yaml.safe_load(
        (ROOT / "evals/compliance_cases/ads-example-no-sale-to-partner-ads.yaml").read_text()
    )
    case["input"] = {k: str(ROOT / v) for k, v in case["input"].items()}
    (cases / "ads.yaml").write_text(yaml.safe_dump(case), encoding="utf-8")
    split = tmp_path / "split.yaml"
    split.write_text(yaml.safe_dump({"tuning_round4": [case["id"]]}), encoding="utf-8")
    runner = CliRunner()
    args = ["eval", "compliance", "--cases", str(cases), "--split", str(split)]
    tuned = runner.invoke(app, [*args, "--part", "tuning"])
    assert tuned.exit_code == 0, tuned.output
    assert "tuning    n= 1" in tuned.output and "held_out" not in tuned.output
    held = runner.invoke(app, [*args, "--part", "held_out"])
    assert held.exit_code == 2
