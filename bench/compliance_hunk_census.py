"""Every citation the hunk reading adds or removes on the opened compliance folds, with its label verdict.

For each case of a ``tuning*`` list of evals/compliance_split.yaml (held-out lists are never analysed), the
offline analysis runs without and with the diff (:mod:`summarizer.compliance.hunk_text`); the script
prints, for each case the reading changes, the sentences it read (their signals, the sentence's and the
parent change's categories) and each entry added or removed, marked MUST (must-cite), allowed (optional) or
OVER (in neither list). ``--kept-only`` prints only the totals.

    python bench/compliance_hunk_census.py [--kept-only]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from compliance_folds import fold_name, folds  # noqa: E402

import summarizer.compliance.analysis as analysis  # noqa: E402
from summarizer.api import analyze, load_pair  # noqa: E402
from summarizer.diffing.engine import diff_documents  # noqa: E402
from summarizer.evals.compliance import load_cases  # noqa: E402


def verdict(case, entry: str) -> str:
    return "MUST" if entry in case.entries else "allowed" if entry in case.optional else "OVER"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kept-only", action="store_true", help="print the totals only")
    args = parser.parse_args()
    fold_of = folds(ROOT / "evals/compliance_split.yaml")
    cases = [c for c in load_cases(ROOT / "evals/compliance_cases", ROOT) if c.id in fold_of]
    read: list = []
    original = analysis.hunk_signals

    def recording(parents, diff, old_text, new_text):
        out = original(parents, diff, old_text, new_text)
        read.extend(out)
        return out

    analysis.hunk_signals = recording
    totals: dict[str, dict[str, int]] = {}
    for case in cases:
        fold = fold_name(fold_of[case.id])
        old, new = case.old.read_text(encoding="utf-8"), case.new.read_text(encoding="utf-8")
        diff = diff_documents(*load_pair(case.old, case.new))
        record = analyze(diff)
        before = set(analysis.analyze_compliance(record, old, new).entries)
        read.clear()
        after = set(analysis.analyze_compliance(record, old, new, diff=diff).entries)
        added, removed = sorted(after - before), sorted(before - after)
        t = totals.setdefault(
            fold, {"MUST": 0, "allowed": 0, "OVER": 0, "removed MUST": 0, "removed other": 0}
        )
        for e in added:
            t[verdict(case, e)] += 1
        for e in removed:
            t["removed MUST" if e in case.entries else "removed other"] += 1
        if args.kept_only or not (added or removed or read):
            continue
        print(f"== {fold} {case.id}")
        for cs in read:
            print(f"   sentence [{cs.change.category}] {dict(cs.signals)}: {cs.change.quotes_new[0][:220]!r}")
        for e in added:
            print(f"   + {e} {verdict(case, e)}")
        for e in removed:
            print(f"   - {e} {'MUST' if e in case.entries else 'other'}")
    for fold, t in totals.items():
        print(
            f"{fold:10} added: {t['MUST']} must, {t['allowed']} allowed, {t['OVER']} over; removed: "
            f"{t['removed MUST']} must, {t['removed other']} other"
        )


if __name__ == "__main__":
    main()
