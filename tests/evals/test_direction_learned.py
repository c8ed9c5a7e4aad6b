"""bench/direction_learned.py: the learned record direction's features, model, variants and bar,
on made-up data (the leave-one-set-out figures themselves are in docs/records.md)."""

from __future__ import annotations

import math

import pytest

from tests.evals.conftest import load_bench_script


@pytest.fixture(scope="module")
def dl():
    return load_bench_script("direction_learned")


def toy(label, *features):
    return {"label": label, "rules": "unclear", "features": {"<bias>": 1.0, **{f: 1.0 for f in features}}}


def test_training_is_deterministic_and_learns_a_separable_toy_set(dl):
    data = [toy("worse", "+may sell"), toy("better", "+you may delete"), toy("neutral", "+new address")] * 4
    first, second = dl.train(data, l2=0.001), dl.train(data, l2=0.001)
    assert first == second
    for e in data[:3]:
        p = dl.probabilities(first, e["features"])
        assert dl.CLASSES[max(range(4), key=p.__getitem__)] == e["label"]


def test_features_seen_once_are_dropped(dl):
    weights = dl.train([toy("worse", "+rare"), toy("better", "+common"), toy("worse", "+common")], l2=0.01)
    assert "+rare" not in weights and "+common" in weights


@pytest.mark.parametrize(
    ("variant", "rules", "guess", "prob", "want"),
    [
        ("rules", "worse", "mixed", 0.9, "worse"),
        ("learned", "worse", "mixed", 0.9, "mixed"),
        ("learned", "worse", "mixed", 0.4, "unclear"),  # below the threshold: abstains
        ("fill", "worse", "mixed", 0.9, "worse"),  # the rules claimed: kept
        ("fill", "unclear", "mixed", 0.9, "mixed"),  # the rules abstained: the model fills in
        ("fill", "unclear", "mixed", 0.4, "unclear"),
        ("override", "worse", "mixed", 0.9, "mixed"),
        ("override", "worse", "mixed", 0.4, "worse"),  # the model abstains: the rules stand
        ("learned", None, "mixed", 0.9, None),  # not material: no direction in any variant
        ("majority", "better", "mixed", 0.9, "worse"),
    ],
)
def test_what_each_variant_claims(dl, variant, rules, guess, prob, want):
    assert dl.decide(variant, rules, guess, prob, 0.5, "worse") == want


def test_fold_scores_count_abstentions_as_not_right_and_not_as_claims(dl):
    rows = [
        ("worse", "worse", None, 0.0),  # right claim
        ("mixed", "worse", None, 0.0),  # wrong claim
        ("better", "unclear", None, 0.0),  # abstention
        ("neutral", None, None, 0.0),  # record not material: no claim, not right
    ]
    got = dl.fold_scores(rows, "rules", 0.5)
    assert got == {
        "accuracy": 0.25,
        "wrong_claim_rate": 0.5,
        "claims": 2,
        "abstained": 2,
        "right": 1,
        "pairs": 4,
    }
    assert dl.net("rules", rows, 0.5) == 0


def _report(cells):
    return {
        fold: {
            "variants": {
                "rules": {"right": r, "wrong_claim_rate": rw},
                "learned": {"right": x, "wrong_claim_rate": xw},
            }
        }
        for fold, (r, rw, x, xw) in cells.items()
    }


def test_the_adoption_bar(dl):
    good = {"a": (5, 0.2, 6, 0.2), "b": (5, 0.2, 6, 0.1), "c": (5, 0.2, 6, 0.2), "d": (5, 0.2, 5, 0.2)}
    assert dl.meets_bar(_report(good), "learned")
    two = dict(good, c=(5, 0.2, 5, 0.2))
    assert not dl.meets_bar(_report(two), "learned")  # better on two folds only
    riskier = dict(good, d=(5, 0.2, 5, 0.3))
    assert not dl.meets_bar(_report(riskier), "learned")  # more wrong claims on one fold


def test_pair_features_read_the_record_and_the_changed_wording(dl):
    from summarizer.api import analyze, diff_texts

    old = "# Terms\n\nWe do not sell your personal data.\n\nYou can close your account at any time.\n"
    new = (
        "# Terms\n\nWe may sell your personal data to advertising partners.\n\n"
        "You can close your account at any time.\n"
    )
    diff = diff_texts(old, new)
    record = analyze(diff, plain=True)
    assert record.material
    feats = dl.pair_features(record.direction, record.changes, diff.hunks, "consumer")
    assert feats[f"rule={record.direction}"] > 0 and feats["view=consumer"] > 0
    assert "+advertising partners" in feats and "-not" in feats  # the inline edit "do not" -> "may"
    assert "+close" not in feats  # unchanged wording is no feature
    words = [v for f, v in feats.items() if f[0] in "+-"]
    assert math.isclose(sum(v * v for v in words), 1.0)  # each group has unit length
