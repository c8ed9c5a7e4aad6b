"""Every over-citation on the opened compliance cases, with what engaged it (issue #15, round 6).

For each ``tuning*`` case of evals/compliance_split.yaml (held-out lists are never analysed), each cited
entry outside ``entries`` and ``entries_optional`` is printed with the changes that engaged it: the
record's category and direction, the shared signals, and the start of the new (else old) quote. The
lead authority (GDPR Art. 56) is added by the jurisdiction flags, not by a change: printed as such.

    python bench/compliance_overcitations.py [--fold round5_16]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.compliance_folds import analysed_opened_cases, fold_name, folds  # noqa: E402
from summarizer.evals.compliance import score_case  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--fold", help="only this fold (opened_52, round4_14, round5_16, round6_11, round7_11, round8_11)"
    )
    args = parser.parse_args()
    fold_of = folds(ROOT / "evals/compliance_split.yaml")
    total = 0
    for case, section, by_id in analysed_opened_cases(fold_of):
        fold = fold_name(fold_of[case.id])
        if args.fold and fold != args.fold:
            continue
        score = score_case(case, section, fold_of[case.id])
        for entry_id in score.extra:
            total += 1
            print(f"[{fold}] {case.id}  EXTRA {entry_id}")
            eng = by_id.get(entry_id)
            if eng is None:
                print(
                    "    (jurisdiction flag: lead authority)"
                    if "art56" in entry_id
                    else "    (not from select)"
                )
                continue
            for cs, common in eng.hits:
                ch = cs.change
                quote = (ch.quotes_new or ch.quotes_old or [""])[0].replace("\n", " ")[:160]
                print(
                    f"    {ch.category}/{ch.direction} signals {sorted(common)} shares={cs.shares} "
                    f"reasons {[cs.signals.get(s, '') for s in sorted(common)]}\n      « {quote} »"
                )
    print(f"{total} over-citations")


if __name__ == "__main__":
    main()
