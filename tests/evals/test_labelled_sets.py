"""The hand-labelled pair sets that #12's figures are measured on are well formed.

Checks the labels' shape against the definitions in ``evals/vlops/README.md`` and the fresh sets'
copies against their source: a copy error would plant a change nobody made. Nothing here runs the
analyzer, so it is safe on the blind set (a failure names a pair and a field, never a figure).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from summarizer.model.taxonomy import CATEGORY_IDS

ROOT = Path(__file__).resolve().parents[2]
EVALS = ROOT / "evals"
KEYS = {"pair", "material", "direction", "severity", "categories", "ai_related", "capture_problem", "note"}
DIRECTIONS = {"worse", "better", "mixed", "neutral"}
SEVERITIES = {"none", "low", "medium", "high"}

# (labels files, pair folder) per set; fresh sets keep one labels file per annotator.
SETS = {
    "dev": ([EVALS / "vlops" / "dev_labels.yaml"], EVALS / "data" / "vlops"),
    "heldout": ([EVALS / "vlops" / "heldout_labels.yaml"], EVALS / "data" / "vlops"),
    "fresh": (sorted((EVALS / "fresh").glob("*_labels.yaml")), EVALS / "data" / "fresh"),
    "fresh2": (sorted((EVALS / "fresh2").glob("*_labels.yaml")), EVALS / "data" / "fresh2"),
    "fresh3": (sorted((EVALS / "fresh3").glob("*_labels.yaml")), EVALS / "data" / "fresh3"),
    "fresh4": (sorted((EVALS / "fresh4").glob("*_labels.yaml")), EVALS / "data" / "fresh4"),
    "fresh5": (sorted((EVALS / "fresh5").glob("*_labels.yaml")), EVALS / "data" / "fresh5"),
    "fresh6": (sorted((EVALS / "fresh6").glob("*_labels.yaml")), EVALS / "data" / "fresh6"),
    "fresh7": (sorted((EVALS / "fresh7").glob("*_labels.yaml")), EVALS / "data" / "fresh7"),
}
FRESH = ("fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6", "fresh7")


def _labels(name: str) -> list[dict]:
    files, _ = SETS[name]
    out: list[dict] = []
    for f in files:
        out.extend(yaml.safe_load(f.read_text(encoding="utf-8")) or [])
    return out


@pytest.mark.parametrize("name", sorted(SETS))
def test_every_label_has_the_defined_keys_and_values(name: str) -> None:
    labels = _labels(name)
    assert labels, f"{name}: no labels"
    for lab in labels:
        where = f"{name}/{lab.get('pair')}"
        assert set(lab) == KEYS, f"{where}: keys {sorted(set(lab) ^ KEYS)}"
        assert isinstance(lab["material"], bool), where
        assert isinstance(lab["ai_related"], bool), where
        assert lab["severity"] in SEVERITIES, where
        assert set(lab["categories"]) <= set(CATEGORY_IDS), f"{where}: {lab['categories']}"
        if lab["material"]:
            assert lab["direction"] in DIRECTIONS, where
            assert lab["severity"] != "none", where
            assert lab["categories"], f"{where}: a material change names its categories"
        else:
            assert lab["direction"] is None, where
            assert lab["severity"] == "none", where
            assert lab["categories"] == [], where
            assert lab["ai_related"] is False, where
        assert lab["ai_related"] == ("ai_training" in lab["categories"]), where


@pytest.mark.parametrize("name", sorted(SETS))
def test_every_labelled_pair_exists_once(name: str) -> None:
    _, folder = SETS[name]
    pairs = [lab["pair"] for lab in _labels(name)]
    assert len(pairs) == len(set(pairs)), f"{name}: a pair is labelled twice"
    for pair in pairs:
        for part in ("old.md", "new.md"):
            assert (folder / pair / part).is_file(), f"{name}/{pair}: no {part}"


def test_dev_and_heldout_do_not_share_a_pair() -> None:
    dev = {lab["pair"] for lab in _labels("dev")}
    held = {lab["pair"] for lab in _labels("heldout")}
    assert not dev & held


@pytest.mark.parametrize("name", FRESH)
def test_every_fresh_pair_is_labelled_and_credited(name: str) -> None:
    _, folder = SETS[name]
    labelled = {lab["pair"] for lab in _labels(name)}
    on_disk = {p.name for p in folder.iterdir() if p.is_dir()}
    assert on_disk == labelled, f"{name}: unlabelled {sorted(on_disk - labelled)}"
    for pair in sorted(on_disk):
        meta = json.loads((folder / pair / "meta.json").read_text(encoding="utf-8"))
        for key in ("source_repo", "path", "licence", "credit"):
            assert meta.get(key), f"{name}/{pair}: meta.json has no {key}"


@pytest.mark.parametrize("name", FRESH)
def test_fresh_copies_have_the_archived_length(name: str) -> None:
    """Each copy is as long as the archive says, unless meta.json explains the difference."""
    _, folder = SETS[name]
    for pair in sorted(p for p in folder.iterdir() if p.is_dir()):
        meta = json.loads((pair / "meta.json").read_text(encoding="utf-8"))
        explained = any(key.endswith("_note") and "length" in key or key == "copy_note" for key in meta)
        for side in ("old", "new"):
            expected = meta.get(f"{side}_total_chars")
            if expected is None or explained:
                continue
            got = len((pair / f"{side}.md").read_text(encoding="utf-8"))
            assert got == expected, f"{name}/{pair.name}/{side}.md: {got} characters, archive {expected}"
