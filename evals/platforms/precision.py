"""Precision@3 of "How other platforms handle this" (#14) on the three label sets, from one store of
the bundled real documents:

- ``tuning``: blind_labels.yaml (43 blind pairs; round 3 tuned the passage filter on these);
- ``heldout``: blind_labels_heldout.yaml (52 blind pairs; held out in round 3, measured at its end,
  then opened for tuning in round 4);
- ``nonblind``: labels.yaml (the shown passages of 15 provisions, labelled after the ranker ran);
- ``round4``: blind_labels_round4.yaml (59 fresh blind pairs of round 4, labelled before the ranker ran
  on them and measured once, at the end of round 4 (0.906); round 4 tuned on ``tuning`` and ``heldout``).

For the blind sets every passage of each (provision, other service) pool is labelled, so any pick is
scored; precision@3 is over the 3 best-ranked of each provision's labelled services, as
tests/store/test_platforms_blind.py computes it. Usage: python evals/platforms/precision.py [SET ...]
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from summarizer.store.platforms import compare_provision  # noqa: E402

SETS = {
    "tuning": "blind_labels.yaml",
    "heldout": "blind_labels_heldout.yaml",
    "round4": "blind_labels_round4.yaml",
}


def key(excerpt: str) -> str:
    return " ".join(excerpt.split())[:70]


def blind_scores(url: str, rows: list[dict]) -> dict:
    """Per-pair precision and precision@3 among each provision's labelled services."""
    by_provision: dict[tuple, dict[str, dict[str, bool]]] = {}
    for row in rows:
        labels = {p["key"]: p["same_provision"] for p in row["passages"]}
        by_provision.setdefault(tuple(row["provision"]), {})[row["other"]] = labels
    picks = good_picks = shown = good_shown = unmatched = 0
    for provision, others in by_provision.items():
        examples = compare_provision(url, *provision, n=1000, with_stances=False).examples
        ranked = [ex for ex in examples if ex.service in others]
        unmatched += len(others) - len(ranked)
        for i, ex in enumerate(ranked):
            label = others[ex.service][key(ex.excerpt)]  # KeyError: a passage outside the labelled pool
            picks += 1
            good_picks += label
            if i < 3:
                shown += 1
                good_shown += label
    return {
        "pairs": len(rows),
        "picked": picks,
        "unmatched": unmatched,
        "per_pair_precision": round(good_picks / max(picks, 1), 3),
        "shown": shown,
        "good_shown": good_shown,
        "precision_at_3": round(good_shown / max(shown, 1), 3),
    }


def nonblind_scores(url: str, rows: list[dict]) -> dict:
    """Precision@3 of the shown passages on labels.yaml (a pick no row labels is counted apart)."""
    labels: dict[tuple, list[dict]] = {}
    provisions: list[tuple] = []
    for r in rows:
        labels.setdefault((tuple(r["provision"]), r["other"]), []).append(r)
        if tuple(r["provision"]) not in provisions:
            provisions.append(tuple(r["provision"]))
    good = total = unlabelled = 0
    for provision in provisions:
        for ex in compare_provision(url, *provision, n=3).examples:
            text = " ".join(ex.excerpt.split())
            row = next(
                (r for r in labels.get((provision, ex.service), []) if text.startswith(r["excerpt_start"])),
                None,
            )
            if row is None:
                unlabelled += 1
                continue
            good += row["same_provision"]
            total += 1
    return {"shown": total + unlabelled, "labelled": total, "good": good, "unlabelled": unlabelled,
            "precision_at_3": round(good / max(total, 1), 3)}  # fmt: skip


def main() -> None:
    from evals.platforms.blind_pool import ingest_bundled

    wanted = sys.argv[1:] or ["tuning", "heldout", "round4", "nonblind"]
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/store.db"
        ingest_bundled(url)
        out = {}
        for name in wanted:
            if name == "nonblind":
                out[name] = nonblind_scores(
                    url, yaml.safe_load((ROOT / "evals/platforms/labels.yaml").read_text())
                )
            else:
                out[name] = blind_scores(
                    url, yaml.safe_load((ROOT / "evals/platforms" / SETS[name]).read_text())
                )
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
