"""Compliance citation figures per fold of the opened golden cases (issue #15).

Each ``tuning*`` list of evals/compliance_split.yaml is a fold (``tuning`` and ``tuning_round4``: the 52
cases opened up to round 4; ``tuning_round5``: the 14 round-4 blind cases, opened in round 5;
``tuning_round6``: the 16 round-5 blind cases, opened at the end of round 5; ``tuning_round7``: the 11
round-6 blind cases (``held_out_round6`` until round 7), opened in round 7; ``tuning_round8``: the 11
round-7 blind cases (``held_out_round8`` until round 8), opened in round 8; ``tuning_round9``: the 11
round-8 blind cases (``held_out_round9`` until round 9), opened in round 9). Held-out
lists are never analysed and never printed. ``--rows`` prints each analysed case's citations, misses and
over-citations.

    python bench/compliance_folds.py [--rows]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer.evals.compliance import aggregate, load_cases, offline_analyse, score_case  # noqa: E402


def analysed_opened_cases(fold_of: dict[str, str]) -> Iterator[tuple[Any, Any, dict[str, Any]]]:
    """(case, its offline section, the engaged entries by id) for each opened case in *fold_of*: the
    engaged entries are what ``select_entries`` returned while the case was analysed (it is wrapped for
    the loop and restored after)."""
    from summarizer.compliance import analysis

    captured: list = []
    select = analysis.select_entries

    def capture(*a: Any, **k: Any) -> Any:
        out = select(*a, **k)
        captured[:] = out
        return out

    analysis.select_entries = capture
    try:
        for case in load_cases(ROOT / "evals/compliance_cases", ROOT):
            if case.id not in fold_of:
                continue
            captured[:] = []
            section = offline_analyse(case)
            yield case, section, {e.entry.id: e for e in captured}
    finally:
        analysis.select_entries = select


def folds(split_path: Path) -> dict[str, str]:
    """Case id -> name of its ``tuning*`` list (held-out lists are left out)."""
    data = yaml.safe_load(split_path.read_text(encoding="utf-8"))
    return {
        i: name
        for name, ids in data.items()
        if isinstance(ids, list) and name.startswith("tuning")
        for i in ids or []
    }


#: The printed name of each opened fold, by its list in the split file (``tuning`` and
#: ``tuning_round4``: the 52 cases opened up to round 4).
FOLD_NAMES = {
    "tuning_round5": "round4_14",
    "tuning_round6": "round5_16",
    "tuning_round7": "round6_11",
    "tuning_round8": "round7_11",
    "tuning_round9": "round8_11",
}


def fold_name(list_name: str) -> str:
    """The printed fold a ``tuning*`` list belongs to."""
    return FOLD_NAMES.get(list_name, "opened_52")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", action="store_true", help="print each case's citations")
    args = parser.parse_args()
    fold_of = folds(ROOT / "evals/compliance_split.yaml")
    cases = [c for c in load_cases(ROOT / "evals/compliance_cases", ROOT) if c.id in fold_of]
    scores: dict[str, list] = {}
    for case in cases:
        section = offline_analyse(case)
        score = score_case(case, section, fold_of[case.id])
        fold = fold_name(fold_of[case.id])
        scores.setdefault(fold, []).append(score)
        if args.rows:
            print(
                f"{fold_of[case.id]:14} {case.id}: cited {sorted(section.entries)} missing {score.missing} "
                f"extra {score.extra} exposure {score.exposure}/{case.exposure}"
            )
    scores["all"] = [s for part in list(scores.values()) for s in part]
    for name, part in scores.items():
        agg = aggregate(part)
        print(
            f"{name:10} cases {agg['cases']:3} citations {agg['citations']:3} "
            f"micro P {agg['micro_citation_precision']:.3f} R {agg['micro_citation_recall']:.3f} "
            f"(must {agg['must_cite_entries']}) within-one {agg['exposure_within_one']:.3f} "
            f"exact {agg['exposure_exact']:.3f} forbidden {agg['forbidden_claim_rate']:.3f}"
        )


if __name__ == "__main__":
    main()
