"""Every citation on the opened compliance cases, by the reading that engaged it, the fold and the label's
verdict (issue #15, round 9).

A *reading* is what made a change engage an entry, told by the reason each signal carries: the record's
category alone ("data collection got broader"), words the new side adds (``adds 'x'``, by signal), a
protection's words lost (``drops 'x'``), the recipient reading (data given to a party the passage did not
name), a subject stated ("names"/"states"), the changed passage of the entry's own category ("concerns it"),
or the lead-authority flag. A citation resting on one reading only is counted under it; else under
"mixed". The verdict is MUST (in ``entries``), OPT (in ``entries_optional``) or OVER (in neither).

Only ``tuning*`` cases are analysed (held-out lists are never opened).

    python bench/compliance_readings.py                   # census tables
    python bench/compliance_readings.py --save FILE.json  # and keep every citation
    python bench/compliance_readings.py --compare FILE.json  # citations added / removed since FILE
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.compliance_folds import analysed_opened_cases, fold_name, folds  # noqa: E402

FOLDS = ("opened_52", "round4_14", "round5_16", "round6_11", "round7_11", "round8_11")


def reading(signal: str, reason: str, shares: bool) -> str:
    """The kind of reading a signal's reason string tells."""
    if reason.endswith("got broader"):
        return f"category-alone:{signal}"
    if reason.startswith("gives data to a recipient"):
        return "recipient-reading"
    if reason.startswith("adds "):
        return f"added-words:{signal}"
    if reason.startswith("drops "):
        return f"lost-words:{signal}"
    if reason.startswith(("names ", "states ")):
        return f"stated:{signal}"
    if "concerns it" in reason:
        return f"own-category-passage:{signal}"
    return f"other:{signal}"


def citations() -> list[dict]:
    """One row per citation of each opened case."""
    fold_of = folds(ROOT / "evals/compliance_split.yaml")
    rows = []
    for case, section, by_id in analysed_opened_cases(fold_of):
        for entry_id in sorted(section.entries):
            verdict = "MUST" if entry_id in case.entries else "OPT" if entry_id in case.optional else "OVER"
            eng = by_id.get(entry_id)
            kinds: set[str] = set()
            quotes: list[str] = []
            if eng is None:
                kinds.add("lead-authority-flag" if "art56" in entry_id else "not-from-select")
            else:
                for cs, common in eng.hits:
                    for s in common:
                        kinds.add(reading(s, cs.signals.get(s, ""), cs.shares))
                    q = (cs.change.quotes_new or cs.change.quotes_old or [""])[0]
                    quotes.append(" ".join(q.split())[:140])
            rows.append(
                {
                    "fold": fold_name(fold_of[case.id]),
                    "case": case.id,
                    "entry": entry_id,
                    "verdict": verdict,
                    "readings": sorted(kinds),
                    "quotes": quotes[:3],
                }
            )
    return rows


def census(rows: list[dict]) -> None:
    """Verdicts by reading (a citation resting on one reading) and over-citations by reading and fold."""
    table: dict[str, Counter] = {}
    for r in rows:
        kinds = r["readings"]
        key = kinds[0] if len(kinds) == 1 else "mixed"
        table.setdefault(key, Counter())[r["verdict"]] += 1
        table[key][f"OVER@{r['fold']}"] += r["verdict"] == "OVER"
    head = "reading".ljust(48) + " MUST  OPT OVER | " + " ".join(f[:9].rjust(9) for f in FOLDS)
    print(head)
    for key in sorted(table, key=lambda k: -table[k]["OVER"]):
        c = table[key]
        folds_over = " ".join(str(c[f"OVER@{f}"]).rjust(9) for f in FOLDS)
        print(f"{key:48} {c['MUST']:4} {c['OPT']:4} {c['OVER']:4} | {folds_over}")
    total = Counter(r["verdict"] for r in rows)
    print(f"{'all':48} {total['MUST']:4} {total['OPT']:4} {total['OVER']:4}")


def compare(rows: list[dict], before: list[dict]) -> None:
    """Citations added and removed since *before*, with their verdicts, and micro P per fold."""
    now = {(r["case"], r["entry"]): r for r in rows}
    was = {(r["case"], r["entry"]): r for r in before}
    for key in sorted(was.keys() - now.keys()):
        r = was[key]
        print(f"REMOVED [{r['fold']}] {r['case']} {r['entry']} {r['verdict']} {r['readings']}")
    for key in sorted(now.keys() - was.keys()):
        r = now[key]
        print(f"ADDED   [{r['fold']}] {r['case']} {r['entry']} {r['verdict']} {r['readings']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--save", type=Path, help="write every citation to this JSON file")
    parser.add_argument("--compare", type=Path, help="list citations added/removed since this JSON file")
    args = parser.parse_args()
    rows = citations()
    if args.compare:
        compare(rows, json.loads(args.compare.read_text(encoding="utf-8")))
    else:
        census(rows)
    if args.save:
        args.save.write_text(json.dumps(rows, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
