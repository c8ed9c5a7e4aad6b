"""A burden sentence that went is no gain for the reader; removed burdens may withhold a claim but
never make one (removed_burdens.py; issue 12, round 9, dir9)."""

from types import SimpleNamespace

import yaml

from summarizer.analyzers.rules.analyzer import record_balance
from summarizer.analyzers.rules.removed_burdens import deciding_cues, removed_burden, withheld, withheld_flag
from summarizer.api import compare_texts
from summarizer.rubric.clauses import Cue

CASE = "evals/cases/removed-penalty-is-no-gain-for-you.yaml"

DUTY = Cue("reader_duty", 1, "added", "You must verify your identity before you post.")
BAN = Cue("company_right", 1, "added", "We may exercise our discretion to immediately ban any account.")
LIVE = Cue("penalty", 1, "added", "We may also temporarily restrict their access to LIVE feature.")
APPEAL = Cue("reader_right", -1, "added", "You may also submit an appeal within the app.")
COPY = Cue("reader_right", -1, "added", "You may ask us to prevent future copies of a video.")
GONE_PENALTY = Cue(
    "penalty", -1, "removed", "The account may be suspended or terminated for multiple violations."
)
GONE_RULE = Cue("rule", -1, "removed", "Ads must comply with the law.")
GONE_RIGHT = Cue("reader_right", 1, "removed", "You can request a review of your ad.")


def test_only_quarter_weight_removals_are_removed_burdens():
    assert removed_burden(GONE_PENALTY) and removed_burden(GONE_RULE)
    assert not removed_burden(GONE_RIGHT)  # a right of the reader taken out weighs in full
    assert not removed_burden(DUTY)
    assert deciding_cues([DUTY, GONE_PENALTY, GONE_RIGHT, APPEAL]) == [DUTY, GONE_RIGHT, APPEAL]


def test_a_removed_penalty_no_longer_tips_a_worse_record_to_mixed():
    # 3 against 2 is worse (3 >= 1.5 x 2); the removed penalty made it 3 against 2.25 (mixed)
    cues = [DUTY, BAN, LIVE, APPEAL, COPY, GONE_PENALTY]
    assert record_balance([], cues)[:3] == ("worse", 3.0, 2.0)


def test_removed_burdens_alone_still_decide_nothing():
    assert record_balance([], [GONE_PENALTY, GONE_RULE], rubric_fallback=False)[0] == "unclear"


def test_removed_burdens_withhold_a_claim_they_outweigh():
    four_rules = [GONE_RULE] * 4  # 4 x 0.25 = one sentence's weight
    assert withheld("worse", [DUTY, *four_rules])
    assert not withheld("worse", [DUTY, BAN, *four_rules])  # two sentences make the claim
    assert not withheld("worse", [DUTY, GONE_RULE])
    assert not withheld("mixed", [DUTY, *four_rules])  # only a worse or better claim is withheld
    # removals that point the same way as the claim do not hold it back
    same_way = [Cue("reader_duty", 1, "removed", "You may withdraw consent.")] * 4
    assert not withheld("worse", [DUTY, *same_way])
    assert withheld("better", [APPEAL, *[Cue("rule", 1, "removed", "x")] * 4])


def test_the_flag_names_both_sides():
    flag = withheld_flag("worse", [DUTY, *[GONE_RULE] * 4])
    assert flag.code == "direction_unclear"
    assert "1 sentence(s) read worse" in flag.message
    assert "You must verify your identity" in flag.message
    assert "4 sentence(s) that read better for you were taken out" in flag.message


def test_the_golden_case_reads_worse():
    case = yaml.safe_load(open(CASE, encoding="utf-8"))
    record = compare_texts(case["input"]["old_text"], case["input"]["new_text"])
    assert record.material and record.direction == "worse"


def test_a_rewrite_that_drops_many_rules_for_one_new_company_right_abstains():
    rules = [
        "You must comply with all applicable laws.",
        "You must not post misleading content.",
        "You must not use automated means to access the service.",
        "You must not sell your account.",
    ]
    old = "# Terms\n\n## Your obligations\n\n" + "\n\n".join(rules) + "\n\n## Contact\n\nWrite to us.\n"
    new = (
        "# Terms\n\n## Your obligations\n\nWe may suspend your account at any time without notice.\n\n"
        "## Contact\n\nWrite to us.\n"
    )
    record = compare_texts(old, new)
    assert record.material
    assert record.direction == "unclear"
    assert any("taken out" in f.message for f in record.flags if f.code == "direction_unclear")


def test_a_rubric_change_namespace_is_enough_for_the_balance():
    claim = SimpleNamespace(
        category="account_termination",
        confidence="high",
        direction="up",
        kind="expanded",
        quotes_new=["x"],
        severity_after="medium",
    )
    # with one full cue the rubric's claim weighs beside it; the removed penalty no longer counts
    assert record_balance([claim], [DUTY, GONE_PENALTY], rubric_weight=0.5)[:3] == ("worse", 1.5, 0.0)
