"""Money the reader pays or is paid, named by a changed sentence, files the record under
liability_warranty_payment beside its other subjects (money_terms.py; issue 12, round 8)."""

import yaml

from summarizer.analyzers.rules.money_terms import money_changed
from summarizer.analyzers.rules.provisions import Provision, Unit
from summarizer.api import compare_texts
from summarizer.model.diff import Hunk

CASE = "evals/cases/commission-rate-in-an-amendment-is-a-payment-term.yaml"


def _added(text: str) -> Provision:
    hunk = Hunk(
        id=0,
        kind="added",
        section_old=(),
        section_new=(),
        old_text="",
        new_text=text,
        old_start=0,
        old_end=0,
        new_start=0,
        new_end=len(text),
    )
    unit = Unit(hunk=hunk, kind="added", section=(), old_text="", new_text=text, pos=0)
    return Provision(category="policy_change_notice", section=(), units=[unit])


def test_commission_rate_in_an_amendment_files_the_record_under_payment():
    case = yaml.safe_load(open(CASE, encoding="utf-8"))
    record = compare_texts(case["input"]["old_text"], case["input"]["new_text"])
    assert record.material
    assert "liability_warranty_payment" in record.categories


def test_money_with_an_amount_or_a_payer_is_a_payment_term():
    assert money_changed(_added("The company's standard commission rate is twenty-five percent (25%)."))
    assert money_changed(_added("You're responsible for all of these network usages and associated costs."))
    assert money_changed(_added("You may be responsible for the costs of compiling your information."))


def test_examples_ad_copy_and_money_without_amount_or_payer_are_not():
    assert not money_changed(_added("This includes discounts and price reductions, such as 25% 50% off!"))
    assert not money_changed(_added("Ads must state prices clearly."))  # no amount, no payer
    assert not money_changed(_added("We may update this policy from time to time."))


def test_an_unchanged_money_sentence_does_not_count():
    text = "# Terms\n\nYou pay a fee of 5% on each sale.\n\n## Contact\n\nWrite to us.\n"
    record = compare_texts(text, text.replace("Write to us.", "Write to us by email."))
    assert "liability_warranty_payment" not in record.categories
