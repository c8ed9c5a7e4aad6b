"""An opt-out added is the way out of a use, not a gain for the reader: it no longer weighs in the
record's balance (opt_out_controls.py; issue 12, round 9, dir9b)."""

import yaml

from summarizer.analyzers.rules.analyzer import record_balance
from summarizer.analyzers.rules.opt_out_controls import added_control, deciding_cues
from summarizer.api import compare_texts
from summarizer.rubric.clauses import Cue, sentence_kind

CASE = "evals/cases/opt-out-of-new-training-is-no-gain.yaml"

OPT_OUT = Cue("reader_right", -1, "added", "You can opt out any time in your settings.")
UNSUBSCRIBE = Cue("reader_right", -1, "added", "You may unsubscribe from marketing emails at any time.")
WITHDRAW = Cue("reader_right", -1, "added", "You may withdraw your consent at any time.")
APPEAL = Cue("reader_right", -1, "added", "You may appeal our decision by writing to us.")
DELETE = Cue("reader_right", -1, "added", "You may ask us to delete your personal data.")
REFUND = Cue("reader_right", -1, "added", "You have the right to withdraw from the Agreement within 14 days.")
SHARE = Cue("company_right", 1, "added", "We may share your data with our advertising partners.")
GONE_OPT_OUT = Cue("reader_right", 1, "removed", "You can opt out of personalised ads in your settings.")


def test_controls_are_read_from_reader_rights_added():
    assert added_control(OPT_OUT) and added_control(UNSUBSCRIBE) and added_control(WITHDRAW)
    assert not added_control(APPEAL) and not added_control(DELETE)
    assert not added_control(REFUND)  # leaving a contract is no control over a use
    assert not added_control(GONE_OPT_OUT)  # an opt-out taken away still weighs in full (worse)
    assert not added_control(Cue("company_right", 1, "added", "We may limit your access."))


def test_the_clause_reader_still_reads_an_opt_out_as_a_right():
    # the cue stays evidence on its change; only the record's balance leaves it out
    assert sentence_kind("You can opt out any time in your settings.") == "reader_right"


def test_deciding_cues_leave_out_only_the_added_controls():
    cues = [SHARE, OPT_OUT, APPEAL, GONE_OPT_OUT]
    assert deciding_cues(cues) == [SHARE, APPEAL, GONE_OPT_OUT]


def test_a_new_use_with_its_opt_out_reads_worse_not_mixed():
    assert record_balance([], [SHARE, OPT_OUT])[0] == "worse"
    assert record_balance([], [SHARE, APPEAL])[0] == "mixed"  # a right that is no control still weighs


def test_an_opt_out_alone_claims_nothing():
    assert record_balance([], [OPT_OUT], rubric_fallback=False)[0] == "unclear"


def test_the_golden_case_no_longer_reads_better():
    case = yaml.safe_load(open(CASE, encoding="utf-8"))
    record = compare_texts(case["input"]["old_text"], case["input"]["new_text"])
    assert record.material and record.direction != "better"
