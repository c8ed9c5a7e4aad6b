"""bench/label_agreement.py: the arithmetic of inter-annotator agreement, on made-up labels."""

from __future__ import annotations

import json

import pytest
import yaml

from tests.evals.conftest import load_bench_script


@pytest.fixture(scope="module")
def la():
    return load_bench_script("label_agreement")


def lab(pair, material=True, direction="worse", severity="medium", categories=(), ai=False):
    return {
        "pair": pair,
        "material": material,
        "direction": direction if material else None,
        "severity": severity if material else "none",
        "categories": list(categories),
        "ai_related": ai,
    }


def test_cohen_kappa_worked_example(la):
    # p_o = 3/4; p_e = .5*.25 + .25*.5 + .25*.25 = .3125; kappa = .4375 / .6875 = 7/11
    first = ["worse", "worse", "better", "neutral"]
    second = ["worse", "better", "better", "neutral"]
    assert la.cohen_kappa(first, second) == pytest.approx(7 / 11)


def test_cohen_kappa_perfect_chance_and_undefined(la):
    assert la.cohen_kappa(["a", "b", "a"], ["a", "b", "a"]) == pytest.approx(1.0)
    # Every cell of a 2x2 table equally full: observed 1/2 equals chance 1/2.
    assert la.cohen_kappa(["a", "a", "b", "b"], ["a", "b", "a", "b"]) == pytest.approx(0.0)
    assert la.cohen_kappa(["a", "a"], ["a", "a"]) is None  # one shared label: p_e = 1
    assert la.cohen_kappa([], []) is None
    with pytest.raises(ValueError):
        la.cohen_kappa(["a"], [])


def test_agreement_totals(la):
    first = {
        "p1": lab("p1", direction="worse", severity="high", categories=["a", "b"]),
        "p2": lab("p2", direction="better", severity="medium", categories=["c"], ai=True),
        "p3": lab("p3", material=False),
        "p4": lab("p4", direction="mixed", severity="low", categories=["d"]),
        "only-first": lab("only-first", categories=["z"]),
    }
    second = {
        "p1": lab("p1", direction="worse", severity="medium", categories=["a"]),
        "p2": lab("p2", direction="neutral", severity="medium", categories=["c", "e"], ai=True),
        "p3": lab("p3", direction="worse", severity="high", categories=["f"]),
        "p4": lab("p4", material=False),
        "only-second": lab("only-second"),
    }
    t = la.agreement(first, second)
    assert (t["pairs_first"], t["pairs_second"], t["pairs_common"]) == (5, 5, 4)
    assert t["material_agree"] == 2 and t["material_rate"] == pytest.approx(0.5)
    assert (t["material_first_only"], t["material_second_only"]) == (1, 1)
    # Direction only over p1 and p2 (both material): one of two agree.
    assert (t["both_material"], t["direction_agree"]) == (2, 1)
    assert t["direction_rate"] == pytest.approx(0.5)
    # Severity ranks first (3, 2, 0, 1) vs second (2, 2, 3, 0): exact 1/4, within one 3/4.
    assert t["severity_exact"] == pytest.approx(0.25)
    assert t["severity_within_one"] == pytest.approx(0.75)
    # Categories: shared a, c = 2; first names 4 (a b c d), second 4 (a c e f); union 6.
    assert t["category_jaccard"] == pytest.approx(2 / 6)
    assert t["category_precision"] == pytest.approx(2 / 4)
    assert t["category_recall"] == pytest.approx(2 / 4)
    assert (t["ai_agree"], t["ai_first"], t["ai_second"]) == (4, 1, 1)


def test_no_common_pairs_gives_no_rates(la):
    t = la.agreement({"a": lab("a")}, {"b": lab("b")})
    assert t["pairs_common"] == 0
    assert t["material_rate"] is None and t["direction_kappa"] is None and t["category_jaccard"] is None


def test_cli_reads_folder_glob_prints_totals_only(la, tmp_path, capsys):
    first_dir = tmp_path / "fresh"
    (first_dir / "agreement").mkdir(parents=True)
    (first_dir / "x_labels.yaml").write_text(yaml.safe_dump([lab("secret-pair-1", categories=["a"])]))
    (first_dir / "y_labels.yaml").write_text(yaml.safe_dump([lab("secret-pair-2", material=False)]))
    # Not matched by the *_labels.yaml glob of the folder itself.
    (first_dir / "agreement" / "second_labels.yaml").write_text(yaml.safe_dump([lab("secret-pair-3")]))
    second = tmp_path / "second.yaml"
    second.write_text(
        yaml.safe_dump([lab("secret-pair-1", direction="better", categories=["a"]), lab("secret-pair-2")])
    )

    assert la.main([str(first_dir), str(second)]) == 0
    out = capsys.readouterr().out
    assert "secret-pair" not in out
    assert "pairs: first 2, second 2, compared 2" in out
    assert "material agreement: 1/2 = 0.50" in out
    assert "direction agreement (both material): 0/1 = 0.00" in out

    assert la.main([str(first_dir), str(second), "--json"]) == 0
    totals = json.loads(capsys.readouterr().out)
    assert totals["category_precision"] == pytest.approx(1.0)
    assert totals["category_recall"] == pytest.approx(1.0)


def test_cli_rejects_bad_files(la, tmp_path, capsys):
    twice = tmp_path / "twice.yaml"
    twice.write_text(yaml.safe_dump([lab("p"), lab("p")]))
    assert la.main([str(twice), str(twice)]) == 2
    assert "labelled twice" in capsys.readouterr().err
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump([dict(lab("p"), severity="huge")]))
    assert la.main([str(bad), str(bad)]) == 2
    assert "unknown severity" in capsys.readouterr().err
    notalist = tmp_path / "map.yaml"
    notalist.write_text("pair: p\n")
    assert la.main([str(notalist), str(bad)]) == 2
    assert "YAML list" in capsys.readouterr().err
