"""The golden eval cases (evals/cases/*.yaml) and the material labels (evals/material_labels.yaml) are valid.

These are data checks: every case follows the documented format, its inputs exist, its labels use the
fixed taxonomy and severity scale and are internally consistent, and the suite covers what issue 6 asks
for. Files are read with ``yaml.safe_load`` only, independently of the eval runner; one test also loads
them through the runner's own loader so the two never drift apart.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from summarizer.model.taxonomy import CATEGORY_IDS, SEVERITIES, Severity

ROOT = Path(__file__).resolve().parents[3]
CASES_DIR = ROOT / "evals" / "cases"
OTA_DIR = ROOT / "evals" / "data" / "ota"
DERIVED_DIR = ROOT / "evals" / "data" / "cases"
LABELS = ROOT / "evals" / "material_labels.yaml"

TOP_KEYS = {"id", "title", "source", "input", "expected", "note"}
EXPECTED_KEYS = {
    "material",
    "severity",
    "categories",
    "categories_optional",
    "provisions",
    "facts",
    "forbidden",
    "tags",
}
PROVISION_KEYS = {"category", "severity_before", "severity_after"}
TAG_VOCABULARY = {
    "cosmetic",
    "severity_up",
    "severity_down",
    "severity_same",
    "hedging",
    "removed_protection",
    "added_protection",
    "multi_section",
    "planted_instructions",
    "imperfect_capture",
    *CATEGORY_IDS,
}
CASE_FILES = sorted(CASES_DIR.glob("*.yaml"))


def _load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name}: not a mapping"
    return data


def _labels() -> dict[str, Any]:
    data = yaml.safe_load(LABELS.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _rank(name: str) -> int:
    return Severity(name).rank


def _ids(paths: list[Path]) -> list[str]:
    return [p.stem for p in paths]


# --- material labels ---------------------------------------------------------------------------


def test_material_labels_cover_exactly_the_bundled_pairs() -> None:
    folders = sorted(p.name for p in OTA_DIR.iterdir() if p.is_dir())
    assert len(folders) == 100
    assert sorted(_labels()) == folders


def test_every_material_label_has_a_bool_and_a_one_line_reason() -> None:
    for pair, label in _labels().items():
        assert set(label) == {"material", "reason"}, pair
        assert isinstance(label["material"], bool), pair
        reason = label["reason"]
        assert isinstance(reason, str) and reason.strip() and "\n" not in reason.strip(), pair


def test_material_labels_are_not_all_one_way() -> None:
    counts = Counter(label["material"] for label in _labels().values())
    assert counts[True] >= 10 and counts[False] >= 10, counts


# --- case files: format ------------------------------------------------------------------------


def test_the_suite_has_at_least_40_cases() -> None:
    assert len(CASE_FILES) >= 40


@pytest.mark.parametrize("path", CASE_FILES, ids=_ids(CASE_FILES))
def test_case_file_has_the_documented_keys(path: Path) -> None:
    case = _load(path)
    assert set(case) == TOP_KEYS, set(case) ^ TOP_KEYS
    assert case["id"] == path.stem
    assert isinstance(case["title"], str) and case["title"].strip()
    assert isinstance(case["note"], str) and len(case["note"].split()) >= 15, "explain the labels in the note"
    assert set(case["source"]) == {"dataset", "pair"}
    assert "ODC-BY" in case["source"]["dataset"]
    assert (OTA_DIR / case["source"]["pair"]).is_dir(), "source.pair must name a bundled pair"
    assert set(case["expected"]) - {"direction"} == EXPECTED_KEYS, set(case["expected"]) ^ EXPECTED_KEYS
    # issue 12: a material case may state the record's direction for the user
    assert case["expected"].get("direction", "worse") in ("worse", "better", "mixed", "neutral", "unclear")
    assert case["expected"]["material"] or "direction" not in case["expected"]


@pytest.mark.parametrize("path", CASE_FILES, ids=_ids(CASE_FILES))
def test_case_inputs_exist_and_differ(path: Path) -> None:
    inp = _load(path)["input"]
    texts = []
    for side in ("old", "new"):
        given = {k for k in (side, f"{side}_text") if k in inp}
        assert len(given) == 1, f"give exactly one of {side} / {side}_text"
        if side in inp:
            target = ROOT / inp[side]
            assert not Path(inp[side]).is_absolute(), "paths are relative to the repository root"
            assert target.is_file(), inp[side]
            assert target.resolve().is_relative_to((ROOT / "evals" / "data").resolve())
            texts.append(target.read_text(encoding="utf-8"))
        else:
            assert isinstance(inp[f"{side}_text"], str) and inp[f"{side}_text"].strip()
            texts.append(inp[f"{side}_text"])
    assert set(inp) <= {"old", "new", "old_text", "new_text"}
    assert texts[0] != texts[1], "old and new are identical"


@pytest.mark.parametrize("path", CASE_FILES, ids=_ids(CASE_FILES))
def test_case_labels_use_the_taxonomy_and_the_scale(path: Path) -> None:
    exp = _load(path)["expected"]
    assert isinstance(exp["material"], bool)
    assert exp["severity"] in SEVERITIES
    for key in ("categories", "categories_optional"):
        assert isinstance(exp[key], list)
        assert all(c in CATEGORY_IDS for c in exp[key]), exp[key]
        assert len(set(exp[key])) == len(exp[key]), f"duplicate in {key}"
    assert not set(exp["categories"]) & set(exp["categories_optional"])
    for prov in exp["provisions"]:
        assert set(prov) == PROVISION_KEYS
        assert prov["category"] in CATEGORY_IDS
        assert prov["severity_before"] in SEVERITIES and prov["severity_after"] in SEVERITIES
    assert all(t in TAG_VOCABULARY for t in exp["tags"]), set(exp["tags"]) - TAG_VOCABULARY


@pytest.mark.parametrize("path", CASE_FILES, ids=_ids(CASE_FILES))
def test_every_fact_and_forbidden_entry_is_non_empty(path: Path) -> None:
    exp = _load(path)["expected"]
    for key in ("facts", "forbidden"):
        assert isinstance(exp[key], list)
        for group in exp[key]:
            assert isinstance(group, list) and group, f"{key}: empty group"
            assert all(isinstance(alt, str) and alt.strip() for alt in group), f"{key}: {group!r}"


# --- case files: consistency of the labels ----------------------------------------------------


@pytest.mark.parametrize("path", CASE_FILES, ids=_ids(CASE_FILES))
def test_case_labels_are_consistent(path: Path) -> None:
    exp = _load(path)["expected"]
    if not exp["material"]:
        assert exp["severity"] == "none"
        assert exp["categories"] == [] and exp["provisions"] == []
        assert "cosmetic" in exp["tags"]
        return
    assert exp["severity"] != "none"
    assert exp["categories"], "a material case names the categories that must be found"
    assert exp["provisions"], "a material case rates its provisions before and after"
    assert 2 <= len(exp["facts"]) <= 5, "2-5 key facts per material case"
    provision_categories = [p["category"] for p in exp["provisions"]]
    assert set(provision_categories) == set(exp["categories"]), "one provision per required category"
    # overall = the highest severity among the changed provisions after the change
    assert _rank(exp["severity"]) == max(_rank(p["severity_after"]) for p in exp["provisions"])
    moves = {
        (
            "up"
            if _rank(p["severity_after"]) > _rank(p["severity_before"])
            else "down"
            if _rank(p["severity_after"]) < _rank(p["severity_before"])
            else "same"
        )
        for p in exp["provisions"]
    }
    for tag, move in (("severity_up", "up"), ("severity_down", "down"), ("severity_same", "same")):
        if tag in exp["tags"]:
            assert move in moves, f"tagged {tag} but no provision moves {move}"
    assert "cosmetic" not in exp["tags"]


def test_forward_cases_on_real_pairs_agree_with_the_material_labels() -> None:
    labels = _labels()
    checked = 0
    for path in CASE_FILES:
        case = _load(path)
        pair, inp = case["source"]["pair"], case["input"]
        if (
            inp.get("old") == f"evals/data/ota/{pair}/old.md"
            and inp.get("new") == f"evals/data/ota/{pair}/new.md"
        ):
            assert case["expected"]["material"] is labels[pair]["material"], path.name
            checked += 1
    assert checked >= 25


def test_derived_inputs_are_documented_variants_of_their_source_pair() -> None:
    used = set()
    for path in CASE_FILES:
        case = _load(path)
        for side in ("old", "new"):
            rel = case["input"].get(side)
            if rel and rel.startswith("evals/data/cases/"):
                used.add(rel)
                real = (OTA_DIR / case["source"]["pair"] / f"{side}.md").read_text(encoding="utf-8")
                derived = (ROOT / rel).read_text(encoding="utf-8")
                assert derived != real and len(derived) > len(real), rel
                assert "derived" in case["note"].lower() or "hand-built" in case["note"].lower(), path.name
    on_disk = {str(p.relative_to(ROOT)) for p in DERIVED_DIR.glob("*/*.md")}
    assert on_disk == used, "every derived input is used by a case, and only those"


# --- coverage of the suite ---------------------------------------------------------------------


def test_the_suite_covers_what_issue_6_asks_for() -> None:
    expected = [_load(p)["expected"] for p in CASE_FILES]
    tags = Counter(t for exp in expected for t in exp["tags"])
    cosmetic = [exp for exp in expected if not exp["material"]]
    assert len(cosmetic) >= 8
    assert tags["planted_instructions"] >= 2
    for tag in (
        "severity_up",
        "severity_down",
        "severity_same",
        "hedging",
        "removed_protection",
        "multi_section",
    ):
        assert tags[tag] >= 2, tag
    required = {c for exp in expected for c in exp["categories"]}
    # every category the bundled pairs change substantively (contact_generic changes alone are cosmetic)
    assert set(CATEGORY_IDS) - required == {"contact_generic"}
    assert {exp["severity"] for exp in expected} == set(SEVERITIES)


def test_the_eval_runner_loads_every_case() -> None:
    from summarizer.evals.cases import load_cases

    loaded = load_cases(CASES_DIR)
    assert sorted(c.id for c in loaded) == _ids(CASE_FILES)
    assert all(c.old_text.strip() and c.new_text.strip() for c in loaded)
