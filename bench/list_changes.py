"""Where lists grow or shrink in the labelled pairs, and what the labels say (issue 12, round 6).

    python bench/list_changes.py [--set dev|heldout|fresh|fresh2|bundled] [--all]

For every open labelled pair (never the blind ``fresh3`` set), the list items each provision added
or took out (:mod:`summarizer.analyzers.rules.list_items`), with the list's frame, whether the
provision is material, the label's direction and the record's. ``--all`` prints pairs whose items
give no direction too. The closing lines count, per set, the pairs with directed list items and how
often the items' own balance agrees with the label.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from labelled_sets import OPEN_SETS, labelled_pairs  # noqa: E402  (bench/, beside this script)

from summarizer.analyzers.rules.analyzer import RulesAnalyzer, is_material  # noqa: E402
from summarizer.analyzers.rules.list_items import balance_of, list_items  # noqa: E402
from summarizer.analyzers.rules.provisions import provisions_of  # noqa: E402
from summarizer.api import diff_documents, load_pair  # noqa: E402

SETS = {k: OPEN_SETS[k] for k in ("dev", "heldout", "fresh", "fresh2", "fresh3", "fresh4", "fresh5")}


def _pairs(name: str) -> list[tuple[str, Path, dict]]:
    return labelled_pairs(name, SETS)


def _direction(worse: int, better: int) -> str:
    if worse and better:
        return "mixed"
    return "worse" if worse else "better"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", action="append", choices=[*SETS, "bundled"], default=[])
    ap.add_argument("--all", action="store_true")
    args = ap.parse_args(argv)
    analyzer = RulesAnalyzer()
    for name in args.set or list(SETS):
        fired = agree = 0
        for pair, folder, lab in _pairs(name):
            old, new = load_pair(folder / "old.md", folder / "new.md")
            diff = diff_documents(old, new)
            found = []
            for p in provisions_of(diff).provisions:
                found += [(p, i) for i in list_items(p, diff)]
            if not found and not args.all:
                continue
            record = analyzer.analyze(diff)
            worse, better = balance_of([i for _, i in found])
            guess = _direction(worse, better) if found else "-"
            label = lab.get("direction") if lab.get("material") else "not material"
            fired += 1
            agree += guess == label
            print(
                f"{name} {pair}: label {label}, record {record.direction}, items {guess} ({worse}+/{better}-)"
            )
            for p, i in found:
                state = "material" if is_material(p) else "not material"
                print(f"    [{p.category}, {state}] {i.evidence()}  <- {i.frame}: {i.lead[:90]!r}")
        print(
            f"== {name}: {fired} pairs with directed list items; the items' balance agrees with the label on {agree}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
