"""`summarizer track` on a real history: pairs per second with the default workers (auto) against
`--workers 1`, whole processes, interleaved, timed by the OS (bench/measure.py).

    python bench/track_workers.py [--repeats 2] [--two]

The history is Temu's general conditions of sale, every version Open Terms Archive recorded
(bench/data/temu-general-conditions-of-sale, 81 files; consecutive identical versions are skipped
by ingest). It is ingested once into a SQLite database; every timed run tracks a fresh copy of that
database with the offline rules analyzer, and is checked to have made one record per pair.

Data: Open Terms Archive contributors, ODC-BY 1.0 (OpenTermsArchive/vlopses-us-versions).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import ROOT, checkout_env, machine, median, ours, run  # noqa: E402

HISTORY = ROOT / "bench" / "data" / "temu-general-conditions-of-sale"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeats", type=int, default=2)
    ap.add_argument(
        "--two", action="store_true", help="also time --workers 2 (what auto would pick with more pairs)"
    )
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        env = checkout_env(str(tmp / "home"))
        base = tmp / "base.db"
        subprocess.run(
            ours(
                "ingest",
                str(HISTORY),
                "--service",
                "Temu",
                "--document",
                "General Conditions of Sale",
                "--db",
                f"sqlite:///{base}",
                "--no-progress",
            ),
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        configs = {"--workers auto (default)": [], "--workers 1": ["--workers", "1"]}
        if args.two:
            configs["--workers 2"] = ["--workers", "2"]
        runs: dict[str, list] = {label: [] for label in configs}
        pairs = 0
        print(f"track on {HISTORY.name} ({machine()})")
        for i in range(args.repeats):  # interleaved: auto, 1, auto, 1, ...
            for label, extra in configs.items():
                db = tmp / f"run-{i}-{'-'.join(extra) or 'auto'}.db"
                shutil.copy(base, db)
                url = f"sqlite:///{db}"
                runs[label].append(run(ours("track", "--db", url, "--no-progress", *extra), env))
                done = subprocess.run(
                    ours("track", "--db", url, "--format", "json", "--no-progress", "--workers", "1"),
                    env=env,
                    capture_output=True,
                    text=True,
                    check=True,
                )
                summary = json.loads(done.stdout)
                if summary["made"] != 0 or summary["remaining"] != 0:
                    sys.exit(f"{label}: the timed run left work undone: {summary}")
                pairs = summary["pairs"]
        print(f"  {pairs} pairs, {args.repeats} runs each (median)")
        print(f"  {'':26} {'wall':>9} {'CPU':>9} {'pairs/s':>8}")
        for label, rs in runs.items():
            wall = median(rs)
            print(f"  {label:26} {wall:7.2f} s {median(rs, 'cpu'):7.2f} s {pairs / wall:8.2f}")
        auto, one = median(runs["--workers auto (default)"]), median(runs["--workers 1"])
        print(f"  speed-up of the default over one worker: {one / auto:.2f}x ({machine()})")
        print("  (CPU: the tracker and the worker processes it waited for, as the OS reports them)")


if __name__ == "__main__":
    main()
