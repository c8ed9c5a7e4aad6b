"""Material-vs-cosmetic accuracy of the offline analyzer over the bundled Open Terms Archive pairs.

    python bench/material_accuracy.py [--misses] [--json]

Runs ``summarizer compare`` (the rules analyzer, in process) on every pair in ``evals/data/ota/``
(ODC-BY 1.0, Open Terms Archive contributors) and scores its ``material`` flag against the project's
own labels, ``evals/material_labels.yaml`` (each label carries a reason). Prints accuracy, the
confusion counts and, with ``--misses``, each miss with its label's reason and the record's headline.

The rules were written while looking at these pairs and labels, so the figure is a training-set
figure, not a held-out one.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer.api import compare_files

OTA = ROOT / "evals" / "data" / "ota"
LABELS = ROOT / "evals" / "material_labels.yaml"


def evaluate() -> list[dict]:
    labels = yaml.safe_load(LABELS.read_text(encoding="utf-8"))
    rows = []
    for name in sorted(labels):
        record = compare_files(OTA / name / "old.md", OTA / name / "new.md")
        rows.append(
            {
                "pair": name,
                "label": labels[name]["material"],
                "got": record.material,
                "reason": labels[name].get("reason", ""),
                "headline": record.headline,
                "flags": [f.code for f in record.flags],
            }
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--misses", action="store_true", help="list every miss with its label's reason")
    ap.add_argument("--json", action="store_true", help="one JSON object per pair instead of the summary")
    args = ap.parse_args(argv)
    rows = evaluate()
    if args.json:
        for row in rows:
            print(json.dumps(row))
        return 0
    right = sum(r["label"] == r["got"] for r in rows)
    fp = [r for r in rows if r["got"] and not r["label"]]
    fn = [r for r in rows if r["label"] and not r["got"]]
    print(
        f"material-vs-cosmetic accuracy: {right}/{len(rows)} = {right / len(rows):.2f} "
        f"(labels: {sum(r['label'] for r in rows)} material, {sum(not r['label'] for r in rows)} cosmetic)"
    )
    print(f"false material (labelled cosmetic): {len(fp)}   missed material (labelled material): {len(fn)}")
    print("not held out: the rules were written while looking at these pairs and labels")
    if args.misses:
        for r in fp + fn:
            kind = "false material" if r in fp else "missed material"
            print(
                f"\n- {r['pair']} [{kind}] flags={r['flags']}\n    label: {r['reason']}\n    record: {r['headline']}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
