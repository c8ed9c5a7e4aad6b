"""Per-category errors of the offline records on the open labelled folds (issue 12, round 7).

    python bench/category_census.py [--set fresh5|fresh4|fresh3|fresh2|fresh|heldout|dev|golden] [--pairs ID]
                                    [--save FILE] [--against FILE]

For every taxonomy id, the true positives, false positives (named by the record, absent from the
label and from its optional ids) and false negatives (labelled, not named) on each open fold, with
the fold's precision and recall per id and in total (micro, as ``bench/heldout_accuracy.py``
counts them). ``--pairs ID`` lists, per fold, the pairs where that id was missed or extra.
``--save FILE`` writes every pair's named ids as JSON; ``--against FILE`` compares the current
records with such a file and lists, per id, the pairs where it was added or removed, each marked
right (the label agrees with the move) or wrong. ``fresh4`` (blind in round 7) is open since round 8,
``fresh5`` (blind in round 8) since round 9; never reads the blind ``fresh6`` set.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import heldout_accuracy as ha  # noqa: E402

FOLDS = {
    "fresh5": ha.fresh5_rows,
    "fresh4": ha.fresh4_rows,
    "fresh3": ha.fresh3_rows,
    "fresh2": ha.fresh2_rows,
    "fresh": ha.fresh_rows,
    "heldout": ha.heldout_rows,
    "dev": ha.dev_rows,
    "golden": ha.golden_rows,
}


def _sets(row: dict) -> tuple[set[str], set[str], set[str]]:
    want = set(row["label"].get("categories") or [])
    allowed = want | set(row["label"].get("categories_optional") or [])
    return want, allowed, set(row["categories"])


def census(rows: list[dict]) -> dict[str, Counter]:
    """``{"tp"|"fp"|"fn": Counter(id -> count)}`` over one fold's rows."""
    out = {"tp": Counter(), "fp": Counter(), "fn": Counter()}
    for r in rows:
        want, allowed, got = _sets(r)
        out["tp"].update(got & want)
        out["fp"].update(got - allowed)
        out["fn"].update(want - got)
    return out


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "  - "


def print_census(results: dict[str, dict[str, Counter]]) -> None:
    ids = sorted({c for res in results.values() for k in res.values() for c in k})
    errors = {c: sum(res["fp"][c] + res["fn"][c] for res in results.values()) for c in ids}
    head = f"{'category':<28}{'err':>4}" + "".join(f"{n + ' tp/fp/fn':>20}" for n in results)
    print(head)
    for c in sorted(ids, key=lambda c: (-errors[c], c)):
        cells = "".join(f"{res['tp'][c]:>12}/{res['fp'][c]:>3}/{res['fn'][c]:>3}" for res in results.values())
        print(f"{c:<28}{errors[c]:>4}{cells}")
    tot = {n: {k: sum(v.values()) for k, v in res.items()} for n, res in results.items()}
    print(f"{'total':<32}" + "".join(f"{t['tp']:>12}/{t['fp']:>3}/{t['fn']:>3}" for t in tot.values()))
    print(
        f"{'precision / recall':<32}"
        + "".join(
            f"{_ratio(t['tp'], t['tp'] + t['fp']):>14} / {_ratio(t['tp'], t['tp'] + t['fn'])}"
            for t in tot.values()
        )
    )


def print_scores(results_rows: dict[str, list[dict]]) -> None:
    """Direction, wrong-direction rate, severity and category P/R per fold (unmoved-ness check)."""
    keys = [
        "direction_accuracy",
        "wrong_direction_rate",
        "severity_exact",
        "severity_within_one",
        "category_precision",
        "category_recall",
    ]
    figures = {n: ha.score(r) for n, r in results_rows.items()}
    print(f"{'measure':<22}" + "".join(f"{n:>10}" for n in figures))
    for k in keys:
        print(f"{k:<22}" + "".join(f"{ha._fmt(f.get(k)):>10}" for f in figures.values()))


def print_pairs(results_rows: dict[str, list[dict]], cat: str) -> None:
    for name, rows in results_rows.items():
        for r in rows:
            want, allowed, got = _sets(r)
            if cat in want and cat not in got:
                print(f"{name:<8} miss   {r['pair']}")
            elif cat in got and cat not in allowed:
                print(f"{name:<8} extra  {r['pair']}")


def compare(results_rows: dict[str, list[dict]], saved: dict) -> None:
    """Per id, the pairs where it was added or removed since ``saved``; right/wrong by label."""
    moves: dict[str, list[str]] = {}
    for name, rows in results_rows.items():
        before = saved.get(name, {})
        for r in rows:
            if r["pair"] not in before:
                continue
            want, allowed, got = _sets(r)
            old = set(before[r["pair"]])
            for c in sorted(got - old):
                ok = "right" if c in want else "neutral" if c in allowed else "WRONG"
                moves.setdefault(c, []).append(f"  + {ok:<7} {name:<8} {r['pair']}")
            for c in sorted(old - got):
                ok = "right" if c not in allowed else "neutral" if c not in want else "WRONG"
                moves.setdefault(c, []).append(f"  - {ok:<7} {name:<8} {r['pair']}")
    if not moves:
        print("no category added or removed")
    for c in sorted(moves):
        print(c)
        print("\n".join(moves[c]))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", choices=tuple(FOLDS), action="append", help="only these folds")
    ap.add_argument("--pairs", metavar="ID", help="list the pairs where this id is missed or extra")
    ap.add_argument("--save", type=Path, help="write every pair's named ids to this JSON file")
    ap.add_argument("--against", type=Path, help="list ids added/removed since a --save file")
    args = ap.parse_args(argv)
    wanted = args.set or list(FOLDS)
    rows = {name: FOLDS[name]() for name in wanted}
    print_census({name: census(r) for name, r in rows.items()})
    print_scores(rows)
    if args.pairs:
        print()
        print_pairs(rows, args.pairs)
    if args.against:
        print()
        compare(rows, json.loads(args.against.read_text(encoding="utf-8")))
    if args.save:
        data = {n: {r["pair"]: sorted(r["categories"]) for r in rs} for n, rs in rows.items()}
        args.save.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
