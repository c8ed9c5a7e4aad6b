"""How often the offline analyzer's records say the right thing on pairs the rules were not written on.

    python bench/heldout_accuracy.py [--json] [--set fresh6|fresh5|fresh4|fresh3|fresh2|fresh|heldout|dev|golden|bundled]
                                     [--rows fresh5|fresh4|fresh3|fresh2|fresh|heldout|dev|golden|bundled]

``fresh4`` was the blind set of round 7: measured twice (round 6's and round 7's final code), then
opened at the end of round 7 for error analysis (``--rows fresh4``; docs/records.md).
``fresh5`` was the blind set of round 8: measured twice (round 7's and round 8's final code), then
opened at the start of round 9 for error analysis (``--rows fresh5``).
``fresh6`` is the blind set of round 9 (totals only: it has no ``--rows``).
``fresh3`` was the blind set of round 6: measured twice (round 5's and round 6's final code), then
opened in round 7 for error analysis (``--rows fresh3``).
``fresh2`` was the blind set of round 5: measured twice (before and after round 5's changes), then
opened at the end of round 5 for error analysis (``--rows fresh2``).

The sets, reported side by side:

- **fresh6** (round 9): pairs of documents the project had never used, from public Git repositories
  of policy documents, labelled blind before the analyzer ran on them (``evals/fresh6/*_labels.yaml``,
  pairs in ``evals/data/fresh6/``). Blind: totals only.
- **fresh5** (round 8 on): pairs of documents the project had never used, from Open Terms Archive's
  version repositories, labelled blind before the analyzer ran on them (``evals/fresh5/*_labels.yaml``,
  pairs in ``evals/data/fresh5/``). Measured blind twice in round 8, opened at the start of round 9.
- **fresh4** (round 7 on): pairs of yet more services the project had never used (Open Terms
  Archive's ``p2b-compliance-versions``, ``demo-versions`` and ``genai-eu-versions``), labelled blind
  before the analyzer ran on them (``evals/fresh4/*_labels.yaml``, pairs in ``evals/data/fresh4/``).
  Measured blind twice in round 7, then opened for error analysis.
- **fresh3** (rounds 5-6): pairs of more services the project had never used, labelled blind
  before the analyzer ran on them (``evals/fresh3/*_labels.yaml``, pairs in ``evals/data/fresh3/``).
  Measured blind twice; opened in round 7 (``--rows fresh3``).
- **fresh2** (round 5 on): more pairs of services the project had never used (Open Terms Archive's
  ``pga-versions`` and ``dating-versions`` collections), labelled blind before the analyzer ran on
  them (``evals/fresh2/*_labels.yaml``, pairs in ``evals/data/fresh2/``). Measured blind before and
  after round 5; opened at the end of round 5, after those two measurements, for error analysis
  (``--rows fresh2``; see docs/records.md).
- **fresh** (round 4): pairs of services the project had never used, fetched from Open Terms
  Archive's public version repositories and labelled blind before the analyzer ran on them
  (``evals/fresh/*_labels.yaml``, pairs in ``evals/data/fresh/``). Measured blind before and after
  round 4; opened for tuning in round 5 (``--rows fresh``).
- **held-out** (rounds 1-3): the 56 held-out pairs of ``evals/vlops/split.json`` (copied into
  ``evals/data/vlops/``; Open Terms Archive contributors, ODC-BY 1.0), scored against the blind
  labels of ``evals/vlops/heldout_labels.yaml``. Nobody looked at the analyzer's output on them
  until round 3 had been measured on them; from round 4 they are opened for tuning (their rows
  print with ``--rows heldout``), and ``fresh`` took their place.
- **dev**: the 71 labelled DEV pairs of ``evals/vlops/dev_labels.yaml`` (same definitions, labelled
  from word diffs before the analyzer ran on them). Rules may be tuned on these, and
  ``--dev-rows`` prints their per-pair rows (never the held-out ones).
- **golden**: the golden eval cases (``evals/cases``): expected material flag, severity and
  categories; the expected direction is the case's ``direction`` when it states one, else read from
  the expected provisions' severity shifts (all up = worse, all down = better, both = mixed, none
  moved = neutral). The rules were written on these.
- **bundled**: the 100 bundled pairs (``evals/data/ota``), material flag only
  (``evals/material_labels.yaml``). The rules were written on these too.

Measures: material accuracy; direction accuracy over pairs labelled material (an abstention,
``unclear``, counts as not right) beside the **wrong-direction rate** (of the directions the record
claimed, the share that were wrong; abstentions are not claims) and the abstention count; severity
exact and within one level; category precision / recall (micro, over pairs); and how many
AI-related pairs the record names as ``ai_training``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer.api import compare_files, compare_texts  # noqa: E402
from summarizer.model.record import ChangeRecord  # noqa: E402

VLOPS = ROOT / "evals" / "data" / "vlops"
HELDOUT_LABELS = ROOT / "evals" / "vlops" / "heldout_labels.yaml"
FRESH = ROOT / "evals" / "data" / "fresh"
FRESH_LABELS = ROOT / "evals" / "fresh"
FRESH2 = ROOT / "evals" / "data" / "fresh2"
FRESH2_LABELS = ROOT / "evals" / "fresh2"
FRESH3 = ROOT / "evals" / "data" / "fresh3"
FRESH3_LABELS = ROOT / "evals" / "fresh3"
FRESH4 = ROOT / "evals" / "data" / "fresh4"
FRESH4_LABELS = ROOT / "evals" / "fresh4"
FRESH5 = ROOT / "evals" / "data" / "fresh5"
FRESH5_LABELS = ROOT / "evals" / "fresh5"
FRESH6 = ROOT / "evals" / "data" / "fresh6"
FRESH6_LABELS = ROOT / "evals" / "fresh6"
DEV_LABELS = ROOT / "evals" / "vlops" / "dev_labels.yaml"
OTA = ROOT / "evals" / "data" / "ota"
MATERIAL_LABELS = ROOT / "evals" / "material_labels.yaml"
RANK = {"none": 0, "low": 1, "medium": 2, "high": 3}


def record_direction(record: ChangeRecord) -> str | None:
    """worse / better / mixed / neutral / unclear for a material record, None for a cosmetic one.

    Uses the record's own ``direction`` when it has one, else the changes' directions."""
    if not record.material:
        return None
    own = getattr(record, "direction", None)
    if own:
        return own
    dirs = {c.direction for c in record.changes if c.direction not in (None, "unclear")}
    if not dirs:
        return "unclear"
    if "up" in dirs and "down" in dirs:
        return "mixed"
    if "up" in dirs:
        return "worse"
    if "down" in dirs:
        return "better"
    return "neutral"


def _row(name: str, label: dict, record: ChangeRecord) -> dict:
    return {
        "pair": name,
        "label": label,
        "material": record.material,
        "direction": record_direction(record),
        "severity": record.severity,
        "categories": list(record.categories),
        "headline": record.headline,
    }


def heldout_rows(labels_file: Path = HELDOUT_LABELS, pairs: Path = VLOPS) -> list[dict]:
    labels = yaml.safe_load(labels_file.read_text(encoding="utf-8"))
    rows = []
    for lab in labels:
        pair = pairs / lab["pair"]
        record = compare_files(pair / "old.md", pair / "new.md")
        rows.append(_row(lab["pair"], lab, record))
    return rows


def dev_rows() -> list[dict]:
    return heldout_rows(DEV_LABELS)


def fresh_rows(labels_dir: Path = FRESH_LABELS, pairs: Path = FRESH) -> list[dict]:
    """Every ``*_labels.yaml`` file's pairs of a fresh set (round 4's, opened in round 5)."""
    rows: list[dict] = []
    for labels_file in sorted(labels_dir.glob("*_labels.yaml")):
        rows.extend(heldout_rows(labels_file, pairs))
    return rows


def fresh2_rows() -> list[dict]:
    """The round-5 blind set (measured twice, opened at the end of round 5 for error analysis)."""
    return fresh_rows(FRESH2_LABELS, FRESH2)


def fresh3_rows() -> list[dict]:
    """The round-6 blind set (measured twice, opened in round 7 for error analysis)."""
    return fresh_rows(FRESH3_LABELS, FRESH3)


def fresh4_rows() -> list[dict]:
    """The round-7 blind set (measured twice, opened at the end of round 7 for error analysis)."""
    return fresh_rows(FRESH4_LABELS, FRESH4)


def fresh5_rows() -> list[dict]:
    """The round-8 blind set (measured twice, opened at the start of round 9 for error analysis)."""
    return fresh_rows(FRESH5_LABELS, FRESH5)


def fresh6_rows() -> list[dict]:
    """The blind set built in round 9 (totals only)."""
    return fresh_rows(FRESH6_LABELS, FRESH6)


def golden_rows() -> list[dict]:
    from summarizer.evals.cases import load_cases

    rows = []
    for case in load_cases(ROOT / "evals" / "cases"):
        exp = case.expected
        shifts = {
            "up"
            if RANK[p.severity_after] > RANK[p.severity_before]
            else "down"
            if RANK[p.severity_after] < RANK[p.severity_before]
            else "same"
            for p in exp.provisions
        }
        if exp.material and exp.direction:  # the case states the record's direction
            direction = exp.direction
        elif not exp.material or not shifts:
            direction = None
        elif "up" in shifts and "down" in shifts:
            direction = "mixed"
        else:
            direction = "worse" if "up" in shifts else "better" if "down" in shifts else "neutral"
        label = {
            "material": exp.material,
            "direction": direction,
            "severity": exp.severity,
            "categories": list(exp.categories),
            "categories_optional": list(exp.categories_optional),
            "ai_related": "ai_training" in exp.categories,
        }
        record = compare_texts(case.old_text, case.new_text)
        rows.append(_row(case.id, label, record))
    return rows


def bundled_rows() -> list[dict]:
    labels = yaml.safe_load(MATERIAL_LABELS.read_text(encoding="utf-8"))
    rows = []
    for name in sorted(labels):
        record = compare_files(OTA / name / "old.md", OTA / name / "new.md")
        rows.append(_row(name, {"material": labels[name]["material"]}, record))
    return rows


def score(rows: list[dict]) -> dict:
    """The figures of one set (keys absent when the set's labels do not say)."""
    out: dict = {"pairs": len(rows)}
    if not rows:
        return out
    out["material_accuracy"] = sum(r["material"] == r["label"]["material"] for r in rows) / len(rows)
    if all("severity" not in r["label"] for r in rows):
        return out
    mat = [r for r in rows if r["label"]["material"] and r["label"].get("direction")]
    right = sum(r["direction"] == r["label"]["direction"] for r in mat)
    claimed = [r for r in mat if r["direction"] not in (None, "unclear")]
    wrong = sum(r["direction"] != r["label"]["direction"] for r in claimed)
    out["direction_accuracy"] = right / len(mat) if mat else None
    out["direction_claims"] = len(claimed)
    out["direction_abstained"] = len(mat) - len(claimed)
    out["wrong_direction_rate"] = wrong / len(claimed) if claimed else 0.0
    out["direction_pairs"] = len(mat)
    sev = [r for r in rows if r["label"].get("severity")]
    out["severity_exact"] = sum(r["severity"] == r["label"]["severity"] for r in sev) / len(sev)
    out["severity_within_one"] = sum(
        abs(RANK[r["severity"]] - RANK[r["label"]["severity"]]) <= 1 for r in sev
    ) / len(sev)
    tp = fp = fn = 0
    for r in rows:
        want = set(r["label"].get("categories") or [])
        allowed = want | set(r["label"].get("categories_optional") or [])
        got = set(r["categories"])
        tp += len(got & want)
        fp += len(got - allowed)
        fn += len(want - got)
    out["category_precision"] = tp / (tp + fp) if tp + fp else 1.0
    out["category_recall"] = tp / (tp + fn) if tp + fn else 1.0
    ai = [r for r in rows if r["label"].get("ai_related")]
    out["ai_named"] = sum("ai_training" in r["categories"] for r in ai)
    out["ai_related"] = len(ai)
    return out


def _fmt(value) -> str:
    if value is None:
        return "-"
    return f"{value:.2f}" if isinstance(value, float) else str(value)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true", help="the figures as one JSON object")
    ap.add_argument(
        "--set",
        choices=(
            "fresh6",
            "fresh5",
            "fresh4",
            "fresh3",
            "fresh2",
            "fresh",
            "heldout",
            "dev",
            "golden",
            "bundled",
        ),
        action="append",
        help="only these sets",
    )
    ap.add_argument(
        "--rows",
        choices=("fresh5", "fresh4", "fresh3", "fresh2", "fresh", "heldout", "dev", "golden", "bundled"),
        action="append",
        default=[],
        help="print these sets' per-pair rows",
    )
    ap.add_argument("--dev-rows", action="store_true", help="same as --rows dev")
    args = ap.parse_args(argv)
    if args.dev_rows:
        args.rows.append("dev")
    wanted = args.set or (
        (["fresh6"] if any(FRESH6_LABELS.glob("*_labels.yaml")) else [])
        + ["fresh5", "fresh4", "fresh3", "fresh2", "fresh", "heldout", "dev", "golden", "bundled"]
    )
    build = {
        "fresh6": fresh6_rows,
        "fresh5": fresh5_rows,
        "fresh4": fresh4_rows,
        "fresh3": fresh3_rows,
        "fresh2": fresh2_rows,
        "fresh": fresh_rows,
        "heldout": heldout_rows,
        "dev": dev_rows,
        "golden": golden_rows,
        "bundled": bundled_rows,
    }
    rows = {name: build[name]() for name in wanted}
    for name in dict.fromkeys(args.rows):
        if name not in rows:
            continue
        for r in rows[name]:
            lab = r["label"]
            if name in ("golden", "bundled"):
                print(
                    f"{r['pair']}\n  label: {lab}\n  got:   {r['material']} {r['direction']} "
                    f"{r['severity']} {sorted(r['categories'])}\n  {r['headline']}"
                )
                continue
            print(
                f"{r['pair']}\n  label: {lab['material']} {lab['direction']} {lab['severity']} "
                f"{sorted(lab['categories'])}\n  got:   {r['material']} {r['direction']} "
                f"{r['severity']} {sorted(r['categories'])}\n  {r['headline']}"
            )
    figures = {name: score(r) for name, r in rows.items()}
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    keys = [
        "pairs",
        "material_accuracy",
        "direction_accuracy",
        "wrong_direction_rate",
        "direction_claims",
        "direction_abstained",
        "severity_exact",
        "severity_within_one",
        "category_precision",
        "category_recall",
        "ai_named",
        "ai_related",
    ]
    print(f"{'measure':<22}" + "".join(f"{n:>10}" for n in figures))
    for k in keys:
        print(f"{k:<22}" + "".join(f"{_fmt(f.get(k)):>10}" for f in figures.values()))
    print(
        "fresh6: blind in round 9 (totals only); "
        "fresh5: blind in round 8 (measured twice), opened at the start of round 9; "
        "fresh4: blind in round 7 (measured twice), opened at its end (one rule, ai7, written on it since); "
        "fresh3: blind in round 6 (measured twice), opened in round 7; "
        "fresh2: blind in round 5 (measured twice), opened for error analysis at its end; "
        "fresh: blind in round 4, opened in round 5; "
        "held-out: blind until round 3, opened in round 4; "
        "dev, golden and bundled: rules may be tuned on them"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
