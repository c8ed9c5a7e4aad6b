"""Per-case rows of the round-5 held-out compliance cases, opened for error analysis.

They were held out as ``held_out_round5`` until measured twice and are now ``tuning_round6``. Reads only that list of evals/compliance_split.yaml (measured twice, then opened by the integrator). For each
case: cited, missing and over-cited entry ids, exposure, and which change and signals engaged each entry. With
``--code DIR`` the analyzer is imported from another checkout (e.g. ``git worktree add /tmp/r4 7e50de6``, round
4's code) while the cases are read from this one, so two rounds' rows can be compared:

    python bench/compliance_round5_rows.py [--code DIR] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIST = "tuning_round6"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", type=Path, default=ROOT, help="checkout whose summarizer package to run")
    parser.add_argument("--json", type=Path, help="write the rows (with engagements) as JSON")
    args = parser.parse_args()
    sys.path.insert(0, str(args.code.resolve()))
    import yaml

    import summarizer.compliance.analysis as analysis
    from summarizer.api import analyze, load_pair
    from summarizer.diffing.engine import diff_documents
    from summarizer.evals.compliance import load_cases, score_case

    ids = set(yaml.safe_load((ROOT / "evals/compliance_split.yaml").read_text(encoding="utf-8"))[LIST])
    cases = [c for c in load_cases(ROOT / "evals/compliance_cases", ROOT) if c.id in ids]
    engaged: list = []
    select = analysis.select_entries

    def recording(*a, **k):  # keep the engagements (entry, change, signals) for the rows
        engaged[:] = select(*a, **k)
        return engaged

    analysis.select_entries = recording  # type: ignore[assignment]
    rows = []
    for case in cases:
        diff = diff_documents(*load_pair(case.old, case.new))  # as compare_files builds it
        record = analyze(diff)
        old, new = case.old.read_text(encoding="utf-8"), case.new.read_text(encoding="utf-8")
        engaged.clear()
        # (round 6: the diff is read too; a checkout older than that takes no ``diff``)
        accepts_diff = "diff" in analysis.analyze_compliance.__code__.co_varnames
        kwargs = {"diff": diff} if accepts_diff else {}
        section = analysis.analyze_compliance(record, old, new, **kwargs)
        score = score_case(case, section, "held_out")
        hits = {
            e.entry.id: [
                (sorted(s), " | ".join(cs.change.quotes_new or cs.change.quotes_old)[:160])
                for cs, s in e.hits
            ]
            for e in engaged
        }
        rows.append(
            {
                "id": case.id,
                "cited": section.entries,
                "missing": score.missing,
                "extra": score.extra,
                "exposure": [score.exposure, case.exposure],
                "hits": hits,
                "must": case.entries,
            }
        )
        print(f"{case.id}: exposure {score.exposure}/{case.exposure}")
        print(f"  missing {score.missing}")
        for entry in score.extra:
            print(f"  extra {entry}: {hits.get(entry, [])[:1]}")
    cited = sum(len(r["cited"]) for r in rows)
    right = cited - sum(len(r["extra"]) for r in rows)
    must = sum(len(r["must"]) for r in rows)
    found = must - sum(len(r["missing"]) for r in rows)
    print(
        f"{LIST}: citations {cited} micro P {right / cited:.3f}, must-cite {must} micro R {found / must:.3f}"
    )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
