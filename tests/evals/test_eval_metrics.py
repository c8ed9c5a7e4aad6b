"""Metrics on hand-made records: each metric is shown both passing and failing."""

from __future__ import annotations

import pytest

from summarizer.evals.cases import Case
from summarizer.evals.metrics import aggregate, per_category, prf, score_record
from summarizer.evals.results import CaseResult

OLD = "# Privacy\n\nWe will not   sell your\ndata.\n\nWe keep data for 30 days.\n"
NEW = "# Privacy\n\nWe may sell your data to partners.\n\nWe keep data for 180 days.\n"


def case(**expected) -> Case:
    base = {"material": True, "severity": "high"}
    base.update(expected)
    return Case.inline("c", OLD, NEW, base)


def test_material(kit) -> None:
    assert score_record(case(), kit.make_record(material=True)).metrics["material_correct"] == 1
    s = score_record(case(), kit.make_record(material=False, severity="none"))
    assert s.metrics["material_correct"] == 0
    assert not s.checks["material"] and "material: expected true, got false" in s.failures


def test_categories_precision_recall_f1_with_optional(kit) -> None:
    c = case(categories=["sale_targeted_ads", "third_party_sharing"], categories_optional=["contact_generic"])
    perfect = score_record(
        c, kit.make_record(categories=["sale_targeted_ads", "third_party_sharing", "contact_generic"])
    )
    assert (
        perfect.metrics["category_f1"] == 1.0 and perfect.metrics["cat_fp"] == 0
    )  # optional is never a false positive
    partial = score_record(c, kit.make_record(categories=["sale_targeted_ads", "data_retention"]))
    assert (partial.metrics["cat_tp"], partial.metrics["cat_fp"], partial.metrics["cat_fn"]) == (1, 1, 1)
    assert partial.metrics["category_precision"] == 0.5 and partial.metrics["category_recall"] == 0.5
    assert partial.metrics["category_f1"] == pytest.approx(0.5)
    assert partial.detail["categories"]["missing"] == ["third_party_sharing"]
    assert partial.detail["categories"]["extra"] == ["data_retention"]
    assert not partial.checks["categories"]
    # categories named only in changes count as predicted too
    via_changes = score_record(
        c, kit.make_record(categories=["sale_targeted_ads"], changes=[{"category": "third_party_sharing"}])
    )
    assert via_changes.metrics["category_recall"] == 1.0


def test_prf_edges() -> None:
    assert prf(0, 0, 0) == (1.0, 1.0, 1.0)  # nothing expected, nothing found
    assert prf(0, 1, 0)[2] == 0.0  # found something where nothing was expected
    assert prf(0, 0, 2)[2] == 0.0  # found nothing where something was expected


def test_severity_exact_and_within_one(kit) -> None:
    c = case(severity="high")
    assert score_record(c, kit.make_record(severity="high")).metrics["severity_exact"] == 1
    near = score_record(c, kit.make_record(severity="medium"))
    assert (near.metrics["severity_exact"], near.metrics["severity_within_one"]) == (0, 1) and near.checks[
        "severity"
    ]
    far = score_record(c, kit.make_record(severity="low"))
    assert far.metrics["severity_within_one"] == 0 and "2 levels off" in far.failures[-1]


def test_shift_direction(kit) -> None:
    c = case(
        categories=["sale_targeted_ads", "data_retention"],
        provisions=[
            {"category": "sale_targeted_ads", "severity_before": "medium", "severity_after": "high"},
            {"category": "data_retention", "severity_before": "medium", "severity_after": "medium"},
        ],
    )
    right = kit.make_record(
        changes=[
            {
                "category": "sale_targeted_ads",
                "severity_before": "low",
                "severity_after": "high",
            },  # up, other levels: still up
            {"category": "data_retention", "severity_before": "medium", "severity_after": "medium"},
        ]
    )
    assert score_record(c, right).metrics["shift_direction_accuracy"] == 1.0
    wrong = kit.make_record(
        changes=[{"category": "sale_targeted_ads", "severity_before": "high", "severity_after": "high"}]
    )
    s = score_record(c, wrong)
    assert (s.metrics["shift_correct"], s.metrics["shift_total"]) == (0, 2)
    # each miss is reported, naming its category and the direction the case expects
    assert len(s.failures) >= 2
    assert any("sale_targeted_ads" in f and "up" in f for f in s.failures)
    assert any("data_retention" in f and "same" in f for f in s.failures)
    # several clauses of one category: rated by the worst clause before and after
    worst = kit.make_record(
        changes=[
            {"category": "sale_targeted_ads", "severity_before": "medium", "severity_after": "medium"},
            {"category": "sale_targeted_ads", "severity_before": "none", "severity_after": "high"},
            {"category": "data_retention", "severity_before": "high", "severity_after": "low"},
        ]
    )
    s = score_record(c, worst)
    assert [x["correct"] for x in s.detail["shifts"]] == [True, False]
    assert (
        score_record(case(), kit.make_record()).metrics["shift_direction_accuracy"] is None
    )  # nothing to check


def test_fact_recall_alternatives_case_and_typography(kit) -> None:
    c = case(facts=[["class action", "class-action"], ["arbitration", "arbitrate"], ["180 days"]])
    rec = kit.make_record(
        headline="You must now ARBITRATE disputes.",
        summary="The “class‑action” waiver is new.",
        impact="",
        changes=[{"summary": "Retention grows to **180 days**."}],
    )
    s = score_record(c, rec)
    assert s.metrics["fact_recall"] == 1.0 and s.checks["facts"]
    miss = score_record(
        c, kit.make_record(summary="Arbitration is new.", interpretive_note="class action waiver")
    )
    assert (miss.metrics["facts_found"], miss.metrics["facts_total"]) == (
        1,
        3,
    )  # the note is not searched for facts
    assert miss.detail["facts_missing"] == [["class action", "class-action"], ["180 days"]]
    assert score_record(case(), rec).metrics["fact_recall"] is None


def test_forbidden_claims_anywhere_in_the_prose(kit) -> None:
    c = case(forbidden=[["no longer sells"], ["will not share"]])
    clean = score_record(c, kit.make_record(summary="The company may now sell data."))
    assert clean.metrics["forbidden_rate"] == 0.0 and clean.checks["forbidden"]
    dirty = score_record(c, kit.make_record(actions=["Relax: it No Longer Sells data."]))
    assert dirty.metrics["forbidden_rate"] == 0.5 and dirty.detail["forbidden_found"] == ["no longer sells"]
    assert not dirty.checks["forbidden"]


def test_quotes_verbatim_modulo_whitespace_and_side(kit) -> None:
    good = kit.make_record(
        changes=[
            {
                "quotes_old": ["We will not sell your data."],  # whitespace differs in OLD
                "quotes_new": ["We may sell your data to partners."],
            }
        ]
    )
    s = score_record(case(), good)
    assert s.metrics["quote_verbatim_rate"] == 1.0 and s.checks["quotes"]
    bad = kit.make_record(
        changes=[
            {
                "quotes_old": ["We may sell your data to partners."],  # a new quote filed as old
                "quotes_new": ["We may sell your data to advertisers.", "180 days"],
            }
        ]
    )
    s = score_record(case(), bad)
    assert (s.metrics["quotes_verbatim"], s.metrics["quotes_total"]) == (1, 3)
    assert len(s.detail["quotes_not_verbatim"]) == 2 and not s.checks["quotes"]
    assert score_record(case(), kit.make_record()).metrics["quote_verbatim_rate"] is None


def test_reading_grade_and_length(kit) -> None:
    easy = score_record(
        case(), kit.make_record(headline="They may sell data.", summary="You can say no.", impact="Look.")
    )
    hard = score_record(
        case(),
        kit.make_record(
            headline="Notwithstanding the aforementioned contractual stipulations, the organisation's indemnification "
            "obligations are substantially circumscribed.",
            summary="Consequently, jurisdictional determinations "
            "regarding arbitrability are exclusively delegated.",
            impact="Unenforceability considerations apply.",
        ),
    )
    assert easy.metrics["reading_grade"] < hard.metrics["reading_grade"]
    assert easy.metrics["length_words"] == 9


def test_missing_record_scores_worst(kit) -> None:
    c = case(
        categories=["sale_targeted_ads"],
        facts=[["sell"]],
        provisions=[{"category": "sale_targeted_ads", "severity_before": "low", "severity_after": "high"}],
    )
    s = score_record(c, None)
    assert s.metrics["material_correct"] == 0 and s.metrics["category_f1"] == 0.0 and s.metrics["cat_fn"] == 1
    assert s.metrics["fact_recall"] == 0.0 and s.metrics["shift_direction_accuracy"] == 0.0
    assert not s.passed


def _result(case_id: str, score, **kw) -> CaseResult:
    return CaseResult(
        case_id=case_id,
        metrics=score.metrics,
        detail=score.detail,
        checks=score.checks,
        passed=score.passed,
        **kw,
    )


def test_aggregate_micro_macro_and_pooled(kit) -> None:
    c1 = case(
        categories=["sale_targeted_ads", "third_party_sharing"],
        facts=[["sell"], ["partners"]],
        forbidden=[["will not sell"]],
    )
    c2 = case(categories=["data_retention"], facts=[["days"]])
    r1 = _result(
        "one",
        score_record(
            c1, kit.make_record(categories=["sale_targeted_ads"], severity="high", summary="They sell data.")
        ),
        tokens=100,
        calls=1,
        cache_hits=0,
        cost_usd=0.01,
        latency_ms=10,
    )
    r2 = _result(
        "two",
        score_record(
            c2,
            kit.make_record(
                categories=["data_retention", "user_rights"],
                severity="low",
                summary="Kept 180 days; will not sell.",
            ),
        ),
        tokens=50,
        calls=0,
        cache_hits=1,
        cost_usd=0.0,
        latency_ms=30,
    )
    agg = aggregate([r1, r2])
    # micro: tp=2, fp=1, fn=1
    assert agg["category_precision"] == pytest.approx(2 / 3) and agg["category_recall"] == pytest.approx(
        2 / 3
    )
    assert agg["category_f1"] == pytest.approx(2 / 3)
    # macro over 4 categories: sale 1.0, sharing 0.0, retention 1.0, user_rights 0.0
    assert agg["category_f1_macro"] == pytest.approx(0.5)
    assert per_category([r1, r2])["third_party_sharing"]["fn"] == 1
    assert agg["fact_recall"] == pytest.approx(2 / 3)  # pooled: 1 of 2, 1 of 1
    assert (
        agg["forbidden_claim_rate"] == 0.0
    )  # case two has no forbidden list: its "will not sell" is not counted
    assert agg["severity_exact"] == 0.5 and agg["severity_within_one"] == 0.5
    assert agg["quote_verbatim_rate"] is None
    assert (agg["tokens"], agg["calls"], agg["cache_hits"], agg["cost_usd"]) == (150, 1, 1, 0.01)
    assert agg["latency_ms_mean"] == 20.0 and agg["latency_ms_p95"] == 30.0
    assert agg["cases"] == 2 and agg["passed"] == 0
