"""Start-up cost of a command: `summarizer compare` and `summarizer diff` on a two-line file,
beside the interpreter itself (`python -c pass`, the floor any Python CLI pays) in the same run.

All three run as fresh processes of this checkout's code (bench/measure.py: wall from fork to
``os.wait4``, CPU from the child's rusage), interleaved round-robin so machine load falls on each
alike. Prints the median wall and CPU of each, what each costs above the interpreter, the ratio
to the interpreter, and the load average. Target (issue #17): compare under 120 ms.

    python bench/startup.py [--runs 30] [--before DIR]

``--before DIR`` adds the same two compare runs from another checkout (e.g. an export of an older
commit: ``git archive COMMIT | tar -x -C DIR``) to the same interleaved run, for a before/after.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import checkout_env, interleave, machine, median, ours  # noqa: E402

TARGET_MS = 120
OLD = "# Terms\n\nWe keep your data.\n"
NEW = "# Terms\n\nWe sell your data.\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--before", help="another checkout whose compare to time in the same run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        old, new = Path(tmp) / "old.md", Path(tmp) / "new.md"
        old.write_text(OLD, encoding="utf-8")
        new.write_text(NEW, encoding="utf-8")
        cmds = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "diff --format json": ours("diff", str(old), str(new), "--format", "json"),
            "compare --format json": ours("compare", str(old), str(new), "--format", "json"),
            "compare (text)": ours("compare", str(old), str(new), "--no-color"),
        }
        if args.before:  # the other checkout's code: on PYTHONPATH, and -P keeps the cwd (ours) off the path
            other = [
                "env",
                f"PYTHONPATH={Path(args.before).resolve()}",
                sys.executable,
                "-P",
                "-m",
                "summarizer",
            ]
            cmds["before: compare json"] = [*other, "compare", str(old), str(new), "--format", "json"]
            cmds["before: compare (text)"] = [*other, "compare", str(old), str(new), "--no-color"]
        results = interleave(cmds, args.runs, checkout_env(tmp))
    print(f"two-line file, {args.runs} runs each, interleaved; {machine()}")
    base_wall = median(results["python -c pass"])
    base_cpu = median(results["python -c pass"], "cpu")
    print(f"  {'':24}{'wall':>9}{'CPU':>9}{'wall - python':>15}{'CPU - python':>14}{'CPU / python':>14}")
    for name, runs in results.items():
        wall, cpu = median(runs) * 1000, median(runs, "cpu") * 1000
        print(
            f"  {name:24}{wall:6.0f} ms{cpu:6.0f} ms{wall - base_wall * 1000:12.0f} ms"
            f"{cpu - base_cpu * 1000:11.0f} ms{cpu / max(base_cpu * 1000, 1e-3):13.1f}x"
        )
    compare_wall = median(results["compare --format json"]) * 1000
    compare_cpu = median(results["compare --format json"], "cpu") * 1000
    print(
        f"  compare under {TARGET_MS} ms: wall {'yes' if compare_wall < TARGET_MS else 'NO'}, "
        f"CPU {'yes' if compare_cpu < TARGET_MS else 'NO'} (a loaded machine inflates wall time)"
    )


if __name__ == "__main__":
    main()
