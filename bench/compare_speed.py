"""Whole-process speed of the offline `summarizer compare` against `git diff --no-index`.

Both run as fresh processes on the same two files (default: the largest bundled pair,
microsoft-store-privacy-policy-2022-05-30-2022-06-21, ~38,000 words a side), several times each,
interleaved so that machine load affects both alike. Prints the median wall time of each, the
ratio, and whether the compare stays under the one-second budget.

    python bench/compare_speed.py [--runs 7] [--pair NAME] [--format json]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import OTA, checkout_env, run  # noqa: E402
from measure import ours as our_command  # noqa: E402

DEFAULT_PAIR = "microsoft-store-privacy-policy-2022-05-30-2022-06-21"
BUDGET_S = 1.0


def timed(cmd: list[str], env: dict[str, str], ok: tuple[int, ...]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one run of *cmd* as a child process, both from
    around the process itself (os.wait4; see bench/measure.py)."""
    r = run(cmd, env)
    if r.code not in ok:
        sys.exit(f"{' '.join(cmd[:4])} ... failed ({r.code})")
    return r.wall, r.cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--pair", default=DEFAULT_PAIR)
    parser.add_argument("--format", default="json", choices=["text", "json", "markdown", "html"])
    args = parser.parse_args()
    if shutil.which("git") is None:
        sys.exit("git is needed as the peer of this benchmark")
    old, new = OTA / args.pair / "old.md", OTA / args.pair / "new.md"
    words = (len(old.read_text(encoding="utf-8").split()), len(new.read_text(encoding="utf-8").split()))
    compare = our_command("compare", str(old), str(new), "--format", args.format)  # this checkout's code
    git = ["git", "diff", "--no-index", "--no-color", "--stat", "-p", str(old), str(new)]
    with tempfile.TemporaryDirectory() as home:
        env = checkout_env(home)
        timed(compare, env, (0,))  # warm the file cache and bytecode once
        timed(git, env, (0, 1))
        ours, peer = [], []
        for _ in range(args.runs):
            ours.append(timed(compare, env, (0,)))
            peer.append(timed(git, env, (0, 1)))  # git diff exits 1 when the files differ
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"pair: {args.pair} ({words[0]:,} → {words[1]:,} words), {args.runs} runs each, "
        f"{os.cpu_count()} CPUs, load average {load:.2f}"
    )
    print(f"{'':34}{'wall median':>12}{'wall min':>10}{'CPU median':>12}")
    for label, runs in ((f"summarizer compare --format {args.format}", ours), ("git diff --no-index", peer)):
        wall, cpu = [r[0] for r in runs], [r[1] for r in runs]
        print(
            f"  {label:32}{statistics.median(wall) * 1000:9.0f} ms{min(wall) * 1000:7.0f} ms"
            f"{statistics.median(cpu) * 1000:9.0f} ms"
        )
    wall_ours = statistics.median(r[0] for r in ours)
    ratio_wall = wall_ours / statistics.median(r[0] for r in peer)
    ratio_cpu = statistics.median(r[1] for r in ours) / max(1e-3, statistics.median(r[1] for r in peer))
    print(f"  ratio compare / git diff: {ratio_wall:.1f}x wall, {ratio_cpu:.1f}x CPU")
    best = min(r[0] for r in ours)
    print(
        f"  under the {BUDGET_S:.0f} s budget: median {'yes' if wall_ours < BUDGET_S else 'NO'}, "
        f"best run {'yes' if best < BUDGET_S else 'NO'} (wall time; a loaded machine inflates it)"
    )


if __name__ == "__main__":
    main()
