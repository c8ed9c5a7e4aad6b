"""bench/compliance_label_agreement.py: agreement arithmetic on two tiny made-up annotators."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from summarizer.evals.compliance import ComplianceCase, aggregate, score_case
from summarizer.model.compliance import ComplianceSection, Exposure, JurisdictionFlag
from tests.evals.conftest import load_bench_script

# First annotator (golden cases of list "demo"); second annotator (one extra id, ignored).
FIRST = {
    "case-x": {
        "entries": ["A", "B"],
        "entries_optional": ["C"],
        "exposure": "high",
        "jurisdictions": ["EU", "US"],
    },
    "case-y": {"entries": [], "entries_optional": ["E"], "exposure": "low", "jurisdictions": ["US"]},
}
SECOND = [
    {
        "id": "case-x",
        "entries": ["A", "C", "D"],
        "entries_optional": [],
        "exposure": "medium",
        "jurisdictions": ["EU"],
    },
    {
        "id": "case-y",
        "entries": ["E"],
        "entries_optional": ["B"],
        "exposure": "high",
        "jurisdictions": ["US"],
    },
    {"id": "case-z", "entries": ["A"], "entries_optional": [], "exposure": "low", "jurisdictions": []},
]


@pytest.fixture(scope="module")
def cla():
    return load_bench_script("compliance_label_agreement")


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    cases = tmp_path / "cases"
    cases.mkdir()
    for case_id, expected in FIRST.items():
        data = {"id": case_id, "pair": None, "input": {"old": "o.md", "new": "n.md"}, "expected": expected}
        (cases / f"{case_id}.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    split = tmp_path / "split.yaml"
    split.write_text(yaml.safe_dump({"tuning": [], "demo": list(FIRST)}), encoding="utf-8")
    second = tmp_path / "second.yaml"
    second.write_text(yaml.safe_dump(SECOND), encoding="utf-8")
    return {"cases": cases, "split": split, "second": second}


def totals(cla, files):
    return cla.agreement(
        cla.read_first(files["split"], "demo", files["cases"]), cla.read_second(files["second"])
    )


def test_hand_worked_totals(cla, files):
    t = totals(cla, files)
    assert (t["cases_first"], t["cases_second"], t["cases_compared"]) == (2, 3, 2)
    a = t["second_as_prediction_of_first"]
    # cited A,C,D + E: right A,C (x) and E (y) = 3/4; first's must A,B: A found = 1/2
    assert (a["micro_precision"], a["micro_recall"]) == (0.75, 0.5)
    assert (a["macro_precision"], a["macro_recall"]) == (pytest.approx(0.8333), 0.75)
    b = t["first_as_prediction_of_second"]
    # cited A,B: right A = 1/2; second's must A,C,D,E: A found = 1/4
    assert (b["micro_precision"], b["micro_recall"]) == (0.5, 0.25)
    assert (b["macro_precision"], b["macro_recall"]) == (0.75, pytest.approx(0.1667))
    m = t["must_cite"]
    assert m["micro_jaccard"] == 0.2  # |{A}| + 0 over |{A,B,C,D}| + |{E}|
    assert (m["identical_sets"], m["both_have_some"], m["neither_has_any"]) == (0, 1, 0)
    assert (m["only_first_has_some"], m["only_second_has_some"]) == (0, 1)
    e = t["exposure"]
    assert (e["exact"], e["within_one"]) == (0.0, 0.5)  # high/medium off by one, low/high by two
    j = t["jurisdictions"]
    assert j["micro_jaccard"] == pytest.approx(0.6667)  # (1 + 1) / (2 + 1)
    assert (j["identical_sets"], j["second_recall_of_first"], j["second_precision_against_first"]) == (
        1,
        0.75,
        1.0,
    )


def test_citation_and_exposure_figures_match_the_gate(cla, files):
    """Second's labels turned into analyses and scored by the gate's own functions give the same figures."""
    t = totals(cla, files)
    scores = []
    for item in SECOND[:2]:
        exp = FIRST[item["id"]]
        case = ComplianceCase(
            id=item["id"],
            old=Path("o.md"),
            new=Path("n.md"),
            entries=exp["entries"],
            optional=exp["entries_optional"],
            exposure=exp["exposure"],
            jurisdictions=exp["jurisdictions"],
            forbidden=[],
        )
        section = ComplianceSection(
            table_version="test",
            exposure=Exposure(level=item["exposure"]),
            entries=item["entries"],
            jurisdictions=[JurisdictionFlag(code=c, name=c, reason="test") for c in item["jurisdictions"]],
        )
        scores.append(score_case(case, section))
    gate = aggregate(scores)
    a = t["second_as_prediction_of_first"]
    assert a["micro_precision"] == gate["micro_citation_precision"]
    assert a["micro_recall"] == gate["micro_citation_recall"]
    assert a["macro_precision"] == gate["citation_precision"]
    assert a["macro_recall"] == gate["citation_recall"]
    assert t["exposure"]["exact"] == gate["exposure_exact"]
    assert t["exposure"]["within_one"] == gate["exposure_within_one"]
    assert t["jurisdictions"]["second_recall_of_first"] == gate["jurisdiction_recall"]
    assert t["jurisdictions"]["second_precision_against_first"] == gate["jurisdiction_precision"]


def test_identical_annotators_agree_fully(cla, files):
    first = cla.read_first(files["split"], "demo", files["cases"])
    t = cla.agreement(first, dict(first))
    assert t["must_cite"]["identical_sets"] == 2
    assert t["second_as_prediction_of_first"]["micro_precision"] == 1.0
    assert t["second_as_prediction_of_first"]["micro_recall"] == 1.0
    assert (t["exposure"]["exact"], t["jurisdictions"]["micro_jaccard"]) == (1.0, 1.0)


def test_main_prints_totals_never_a_row(cla, files, capsys):
    args = [
        str(files["second"]),
        "--list",
        "demo",
        "--split",
        str(files["split"]),
        "--cases",
        str(files["cases"]),
    ]
    assert cla.main(args) == 0
    out = capsys.readouterr().out
    assert "micro precision 0.750 (3/4)" in out and "within one 0.500" in out
    assert not any(case_id in out for case_id in ("case-x", "case-y", "case-z"))
    assert cla.main([*args, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["cases_compared"] == 2


def test_bad_input_is_one_clear_error(cla, files, tmp_path, capsys):
    base = ["--split", str(files["split"]), "--cases", str(files["cases"])]
    assert cla.main([str(files["second"]), "--list", "nope", *base]) == 2
    assert "no list named 'nope'" in capsys.readouterr().err
    twice = tmp_path / "twice.yaml"
    twice.write_text(yaml.safe_dump([SECOND[0], SECOND[0]]), encoding="utf-8")
    assert cla.main([str(twice), "--list", "demo", *base]) == 2
    assert "labelled twice" in capsys.readouterr().err
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump([{**SECOND[0], "exposure": "severe"}]), encoding="utf-8")
    with pytest.raises(cla.AgreementError):
        cla.read_second(bad)
