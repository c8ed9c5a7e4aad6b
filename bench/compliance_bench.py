"""What the offline compliance analysis adds to a ``compare``: the ratio of compare + compliance to
compare alone, on the bundled pairs of the golden compliance cases (same run, same machine).

    python bench/compliance_bench.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from summarizer.api import compare_files
from summarizer.compliance import analyze_compliance, load_table
from summarizer.evals.compliance import load_cases

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    cases = load_cases(ROOT / "evals/compliance_cases", ROOT)
    load_table()  # parsed once per process, as in a CLI run (counted separately below)
    compare_ms, extra_ms = [], []
    for _ in range(args.repeat):
        for case in cases:
            old, new = case.old.read_text(encoding="utf-8"), case.new.read_text(encoding="utf-8")
            t0 = time.perf_counter()
            record = compare_files(case.old, case.new)
            t1 = time.perf_counter()
            analyze_compliance(record, old, new)
            t2 = time.perf_counter()
            compare_ms.append((t1 - t0) * 1000)
            extra_ms.append((t2 - t1) * 1000)
    from summarizer.compliance.table import _packaged

    _packaged.cache_clear()
    t0 = time.perf_counter()
    load_table()
    table_ms = (time.perf_counter() - t0) * 1000
    print(f"{len(cases)} pairs x {args.repeat}")
    print(f"compare alone:        median {statistics.median(compare_ms):8.1f} ms")
    print(f"compliance added:     median {statistics.median(extra_ms):8.1f} ms, max {max(extra_ms):.1f} ms")
    print(f"table load (once):    {table_ms:8.1f} ms")
    print(
        f"ratio (compare + compliance) / compare: {statistics.median([(c + e) / c for c, e in zip(compare_ms, extra_ms)]):.3f}"
    )


if __name__ == "__main__":
    main()
