"""Benchmark `summarizer diff` against git's word diff and Python's difflib, whole process each.

Usage: python bench/diff_bench.py [--repeats 3] [--scales 1,4,16] [--difflib-max-scale 16]

For a large real rewrite (default: Microsoft's privacy statement, 52k words) the documents are repeated 1x, 4x and 16x (16x is about
840k words for both versions together) and each tool runs as its own process on the same files:
- ours:    summarizer diff --format json OLD NEW
- git:     git diff --no-index --word-diff OLD NEW
- difflib: a line-level difflib.SequenceMatcher over the two files (get_opcodes)
The best of N runs is reported, with ratios to git and the growth per scale step.

Repeating one pair is kind to anything that notices repeated text (the diff analyses a change that
recurs verbatim only once), so a last section also times a same-sized input without repetition:
the bundled pairs' old and new versions concatenated in order (``--no-distinct`` skips it).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import OTA, checkout_env, machine, ours, run  # noqa: E402

ENV = checkout_env()  # our side runs this checkout's code, whatever is installed

DIFFLIB_SCRIPT = """
import difflib, sys
a = open(sys.argv[1], encoding='utf-8').read().splitlines()
b = open(sys.argv[2], encoding='utf-8').read().splitlines()
ops = difflib.SequenceMatcher(None, a, b).get_opcodes()
print(sum(1 for op in ops if op[0] != 'equal'))
"""


def largest_pairs(n: int) -> list[Path]:
    sized = []
    for meta in OTA.glob("*/meta.json"):
        m = json.loads(meta.read_text())
        sized.append((m["words_old"] + m["words_new"], meta.parent))
    return [p for _, p in sorted(sized, reverse=True)[:n]]


def best_time(cmd: list[str], repeats: int, timeout: float) -> float | None:
    """Best wall time of *repeats* runs, timed around the process with os.wait4 (bench/measure.py):
    no polling, so no time is rounded up to a poll point. None when a run hits the timeout."""
    best = None
    for _ in range(repeats):
        r = run(cmd, ENV, timeout)
        if r.code is None:
            return None
        best = r.wall if best is None else min(best, r.wall)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--scales", default="1,4,16")
    ap.add_argument("--difflib-max-scale", type=int, default=16)
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument(
        "--scale-pair",
        default="microsoft-privacy-policy-2020-12-08-2020-12-08",
        help="the pair to repeat (default: the largest rewrite; 16x is about 840k words)",
    )
    ap.add_argument(
        "--no-distinct",
        action="store_true",
        help="skip the same-sized input made of distinct pairs (no repetition)",
    )
    args = ap.parse_args()
    if not shutil.which("git"):
        sys.exit("git is needed as the peer")
    scales = [int(s) for s in args.scales.split(",")]
    ours_cmd = ours("diff", "--format", "json")
    git = ["git", "diff", "--no-index", "--word-diff"]
    dl = [sys.executable, "-c", DIFFLIB_SCRIPT]

    print(f"machine: {machine()}")
    print("== real pairs (largest bundled, 1x)")
    print(
        f"{'pair':60} {'words':>8} {'ours s':>8} {'git s':>8} {'difflib s':>9} {'ours/git':>8} {'difflib/git':>11}"
    )
    for pair in largest_pairs(3):
        old, new = pair / "old.md", pair / "new.md"
        words = len(old.read_text().split()) + len(new.read_text().split())
        t_ours = best_time([*ours_cmd, str(old), str(new)], args.repeats, args.timeout)
        t_git = best_time([*git, str(old), str(new)], args.repeats, args.timeout)
        t_dl = best_time([*dl, str(old), str(new)], args.repeats, args.timeout)
        print(
            f"{pair.name[:60]:60} {words:8d} {t_ours:8.3f} {t_git:8.3f} {t_dl:9.3f} {t_ours / t_git:8.1f} {t_dl / t_git:11.1f}"
        )

    base = OTA / args.scale_pair
    print(f"\n== scaling: {base.name} repeated")
    print(
        f"{'scale':>5} {'words':>8} {'ours s':>8} {'git s':>8} {'difflib s':>9} {'ours/git':>8} {'difflib/git':>11} {'ours growth':>11}"
    )
    prev = None
    with tempfile.TemporaryDirectory() as tmp:
        for k in scales:
            files = []
            for side in ("old", "new"):
                text = (base / f"{side}.md").read_text(encoding="utf-8")
                path = Path(tmp) / f"{side}-{k}.md"
                path.write_text("\n\n".join([text] * k), encoding="utf-8")
                files.append(str(path))
            words = sum(len(Path(f).read_text().split()) for f in files)
            t_ours = best_time([*ours_cmd, *files], args.repeats, args.timeout)
            t_git = best_time([*git, *files], args.repeats, args.timeout)
            t_dl = best_time([*dl, *files], 1, args.timeout) if k <= args.difflib_max_scale else None
            growth = f"{t_ours / prev[1] / (k / prev[0]):.2f}/x" if prev else "-"
            dl_s = f"{t_dl:9.3f}" if t_dl else f"{'timeout':>9}"
            dl_r = f"{t_dl / t_git:11.1f}" if t_dl else f"{'-':>11}"
            print(
                f"{k:5d} {words:8d} {t_ours:8.3f} {t_git:8.3f} {dl_s} {t_ours / t_git:8.1f} {dl_r} {growth:>11}"
            )
            prev = (k, t_ours)
        if not args.no_distinct:
            target = words  # as many words as the largest scale above
            olds, news, total = [], [], 0
            for pair in sorted(p for p in OTA.iterdir() if (p / "old.md").exists()):
                olds.append((pair / "old.md").read_text(encoding="utf-8"))
                news.append((pair / "new.md").read_text(encoding="utf-8"))
                total += len(olds[-1].split()) + len(news[-1].split())
                if total >= target:
                    break
            files = []
            for side, texts in (("old", olds), ("new", news)):
                path = Path(tmp) / f"{side}-distinct.md"
                path.write_text("\n\n".join(texts), encoding="utf-8")
                files.append(str(path))
            t_ours = best_time([*ours_cmd, *files], args.repeats, args.timeout)
            t_git = best_time([*git, *files], args.repeats, args.timeout)
            t_dl = best_time([*dl, *files], 1, args.timeout)
            dl_s = f"{t_dl:9.3f}" if t_dl else f"{'timeout':>9}"
            dl_r = f"{t_dl / t_git:11.1f}" if t_dl else f"{'-':>11}"
            print(
                f"\n== no repetition: the first {len(olds)} bundled pairs concatenated (old versions vs new versions)"
            )
            print(
                f"{'':>5} {'words':>8} {'ours s':>8} {'git s':>8} {'difflib s':>9} {'ours/git':>8} {'difflib/git':>11}"
            )
            print(f"{'':>5} {total:8d} {t_ours:8.3f} {t_git:8.3f} {dl_s} {t_ours / t_git:8.1f} {dl_r}")
    print("\nours growth = (time ratio between consecutive scales) / (size ratio); ~1 means linear.")


if __name__ == "__main__":
    main()
