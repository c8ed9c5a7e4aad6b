"""How other platforms handle a provision (#14), scored on blind labels: evals/platforms/blind_labels.yaml
labels every passage of 43 (provision, other service) pairs, made from shuffled pools before the
ranker was run on them. Two figures: per pair, does the passage the ranker picks for that service
treat the provision; and precision@3 when the ranker shows the 3 best of each provision's labelled
services."""

from __future__ import annotations

import importlib.util
import json
from datetime import datetime
from pathlib import Path

import pytest
import yaml

from summarizer.store.ingest import ingest_text

ROOT = Path(__file__).resolve().parents[2]
BLIND = yaml.safe_load((ROOT / "evals" / "platforms" / "blind_labels.yaml").read_text(encoding="utf-8"))
HELDOUT = yaml.safe_load(
    (ROOT / "evals" / "platforms" / "blind_labels_heldout.yaml").read_text(encoding="utf-8")
)
ROUND4 = yaml.safe_load(
    (ROOT / "evals" / "platforms" / "blind_labels_round4.yaml").read_text(encoding="utf-8")
)


def _load_precision_script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "platforms_precision", ROOT / "evals" / "platforms" / "precision.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_PRECISION = _load_precision_script()


@pytest.fixture(scope="module")
def bundled(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('blind') / 'store.db'}"
    for folder in sorted((ROOT / "evals" / "data" / "ota").iterdir()):
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        ingest_text(
            url, meta["service"], meta["document_type"], (folder / "new.md").read_text(encoding="utf-8"),
            captured_at=datetime.fromisoformat(meta["new_date"]), source=str(folder.name),
        )  # fmt: skip
    return url


def blind_scores(url: str, rows: list[dict] = BLIND) -> dict:
    """Per-pair precision, precision@3 among each provision's labelled services, and the counts:
    the scorer of ``evals/platforms/precision.py``, which the README's figures come from."""
    return _PRECISION.blind_scores(url, rows)


@pytest.mark.parametrize("rows", [BLIND, HELDOUT, ROUND4], ids=["tuning", "heldout", "round4"])
def test_blind_labels_cover_whole_pools(rows: list[dict]):
    assert len(rows) >= 40
    for row in rows:
        assert row["note"] and row["passages"]
        assert row["other"] != row["provision"][0]


def test_heldout_provisions_are_new():
    seen = {tuple(r["provision"]) for r in BLIND}
    seen |= {
        tuple(r["provision"])
        for r in yaml.safe_load((ROOT / "evals" / "platforms" / "labels.yaml").read_text(encoding="utf-8"))
    }
    assert not seen & {tuple(r["provision"]) for r in HELDOUT}


def test_blind_precision(bundled: str):
    scores = blind_scores(bundled)
    print(scores)
    assert scores["picked"] + scores["unmatched"] == scores["pairs"]
    # Round 2 (no topicality): 0.61 (19/31) and 0.63 per pair (22/35). Round 3, tuned on this set
    # (passages must carry the category's evidence, seed words, a strength factor, 12 match terms):
    # 0.90 (26/29) and 0.91 per pair (30/33; 10 pairs: no topical passage matched). Round 4
    # tried minimum bars for showing a service and adopted none (docs/platforms.md: the best one
    # dropped 4 right picks for 2 wrong ones here). Round 4, tuned on this set and the round-3
    # held-out set: topicality reads definitions, link lists and other senses of evidence words, and
    # a service is shown only with a passage of strength 2 or 0.65 of the best score: 0.96 (25/26),
    # per pair 0.96 (26/27). The floors catch a regression.
    assert scores["precision_at_3"] >= 0.92, scores
    assert scores["per_pair_precision"] >= 0.92, scores


def test_heldout_blind_precision(bundled: str):
    """The round-3 held-out blind set (not tuned on in round 3). Round 2's ranker: 0.80 (32/40), per pair 0.78. Round
    3 with topicality (QUERY_TERMS 24): 0.87 (34/39), per pair 0.85; final round 3 (QUERY_TERMS 12,
    chosen on the tuning set for latency): 0.85 (33/39), per pair 0.83 (38/46; 6 pairs: no topical
    passage matched). Opened for tuning in round 4 after that measurement: with round 4's
    topicality and bar for showing a service, 0.97 (32/33), per pair 0.97 (37/38)."""
    scores = blind_scores(bundled, HELDOUT)
    assert scores["picked"] + scores["unmatched"] == scores["pairs"]
    assert scores["precision_at_3"] >= 0.92, scores
    assert scores["per_pair_precision"] >= 0.92, scores


def test_round4_provisions_and_pools_are_new():
    earlier = BLIND + HELDOUT
    labelled = yaml.safe_load((ROOT / "evals" / "platforms" / "labels.yaml").read_text(encoding="utf-8"))
    seen = {tuple(r["provision"]) for r in earlier + labelled}
    assert not seen & {tuple(r["provision"]) for r in ROUND4}
    pools = {(r["provision"][2], r["other"]) for r in earlier}
    assert not pools & {(r["provision"][2], r["other"]) for r in ROUND4}


def test_round4_blind_precision(bundled: str):
    """The fresh blind set of round 4, labelled before the ranker ran on it and measured once at the
    end of round 4: 0.906 (29/32), per pair 0.914 (32/35; 24 pairs: no passage shown). Round 3's
    ranker on it: 0.85 (34/40). The floors catch a regression."""
    scores = blind_scores(bundled, ROUND4)
    assert scores["picked"] + scores["unmatched"] == scores["pairs"]
    assert scores["precision_at_3"] >= 0.88, scores
    assert scores["per_pair_precision"] >= 0.88, scores
