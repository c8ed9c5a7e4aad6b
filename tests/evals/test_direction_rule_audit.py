"""bench/direction_rule_audit.py: deciding a record's direction again without one rule family, and
the per-fold counts, on made-up records (the figures on the labelled folds are in docs/records.md)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from summarizer.analyzers.rules.list_items import ListItem
from summarizer.rubric.clauses import Cue
from tests.evals.conftest import load_bench_script


@pytest.fixture(scope="module")
def audit():
    return load_bench_script("direction_rule_audit")


def change(direction="same", category="account_termination", confidence="high"):
    return SimpleNamespace(
        category=category,
        confidence=confidence,
        direction=direction,
        kind="expanded",
        quotes_new=["x"],
        severity_after="medium",
    )


def inputs(cues, changes=(), items=(), weight=0.5, fallback=True):
    return {
        "cues": list(cues),
        "changes": list(changes),
        "all_changes": list(changes),
        "items": list(items),
        "rubric_weight": weight,
        "rubric_fallback": fallback,
        "names_only": False,
    }


DUTY = Cue("reader_duty", 1, "added", "You must verify your identity.")
RIGHT = Cue("reader_right", -1, "added", "You may appeal our decision.")
RIGHT2 = Cue("reader_right", -1, "added", "You may ask for a copy.")


def test_decide_follows_the_balance_and_drops_one_family(audit):
    two_to_one = inputs([DUTY, Cue("company_right", 1, "added", "We may close it."), RIGHT])
    assert audit.decide(two_to_one)["direction"] == "worse"  # 2 against 1
    assert audit.decide(two_to_one, drop="cue:reader_right added")["direction"] == "worse"
    assert audit.decide(two_to_one, drop="cue:reader_duty added")["direction"] == "mixed"


def test_one_sided_mixed_abstains_unless_dropped(audit):
    # worse: one full sentence; better: only the rubric's claims -> mixed, one-sided -> unclear
    record = inputs([DUTY], [change("down"), change("down"), change("down")])
    assert audit.decide(record)["direction"] == "unclear"
    assert audit.decide(record, drop="abstain:one_sided_mixed")["direction"] == "mixed"
    assert "abstain:one_sided_mixed" in audit.families_of(record)


def test_list_items_decide_only_where_the_balance_abstains(audit):
    item = ListItem("added", "Evading rate limits", "bans", "You must not:")
    alone = inputs([], items=[item], fallback=False)
    assert audit.decide(alone) == {"direction": "worse", "list_used": True, "doubt": False, "withheld": False}
    assert audit.decide(alone, drop="list:bans")["direction"] == "unclear"
    assert audit.families_of(alone) == {"list:bans": 1}
    with_cues = inputs([RIGHT, RIGHT2], items=[item])
    assert "list:bans" not in audit.families_of(with_cues)


def test_audit_counts_firings_and_decisions_per_fold(audit):
    rows = [
        {"fold": "fresh5", "pair": "a", "label": "worse", "direction": "mixed",
         "inputs": inputs([DUTY, RIGHT])},
        {"fold": "fresh5", "pair": "b", "label": "better", "direction": "better",
         "inputs": inputs([RIGHT])},
        {"fold": "dev", "pair": "c", "label": None, "direction": "worse", "inputs": inputs([DUTY])},
    ]  # fmt: skip
    out = audit.audit(rows)
    right = out["table"]["cue:reader_right added"]["fresh5"]
    assert (right["wrong"], right["right"]) == (1, 1)
    # without the right, pair a says worse (its label): the family lost it a right pair
    assert (right["lose"], right["gain"]) == (1, 1)
    assert out["table"]["cue:reader_duty added"]["dev"]["cosm"] == 1
    assert ("fresh5", "a", "worse", "worse", "mixed") in out["decided"]["cue:reader_right added"]


def test_folds_open_when_a_family_was_written(audit):
    assert audit.open_when_written("cue:reader_duty added") == ["dev"]
    assert audit.open_when_written("list:bans") == ["dev", "heldout", "fresh", "fresh2"]
    assert audit.firing_verdict(1, "neutral") == "wrong"
    assert audit.firing_verdict(-1, "mixed") == "mix"


def test_removed_burdens_that_outweigh_a_claim_withhold_it(audit):
    gone = Cue("rule", -1, "removed", "Ads must comply with the law.")
    record = inputs([DUTY, gone, gone, gone, gone], fallback=False)
    assert audit.decide(record)["direction"] == "unclear"
    assert audit.decide(record, drop="abstain:removed_burdens")["direction"] == "worse"
    assert "abstain:removed_burdens" in audit.families_of(record)
