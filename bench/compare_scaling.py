"""Does `summarizer compare` grow with its input, and what does start-up cost? Whole processes,
beside `git diff --word-diff`, interleaved, timed by the OS (see bench/measure.py).

    python bench/compare_scaling.py [--repeats 3] [--skip-lines] [--skip-scaling]

1. Start-up: a two-line file pair. `compare --format json` must stay under 120 ms (wall, whole
   process), shown beside `diff --format json` and git.
2. Scaling: the Microsoft privacy statement (evals/data/ota, 37k -> 15k words, a heavy rewrite)
   repeated 1x, 4x, 16x (16x is about 840k words), and a non-repeating input of the same sizes:
   other bundled pairs' old and new versions concatenated in order. Growth per 4x step must be at
   most 4.5 and the 16x input must take under 3 s.
3. Long lines: one line of 100 KB, 400 KB, 1.6 MB and 5 MB (the statement's words with every
   line break removed, the new version against the old): growth per 4x step near 4, the 5 MB line
   under 30 s and under 1 GB.

Every figure is the median of --repeats runs (wall, CPU user + system, peak resident memory), with
the machine's load average printed beside it: on a loaded machine wall time exceeds CPU time.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import OTA, checkout_env, interleave, machine, median, ours, words  # noqa: E402

SCALE_PAIR = "microsoft-privacy-policy-2020-12-08-2020-12-08"
STARTUP_BUDGET_S = 0.120
SCALE_BUDGET_S = 3.0
LINE_BUDGET_S, LINE_BUDGET_MB = 30.0, 1024.0
LINE_SIZES = (("100 KB", 100_000), ("400 KB", 400_000), ("1.6 MB", 1_600_000), ("5 MB", 5_000_000))


def _peers(old: Path, new: Path) -> dict[str, list[str]]:
    return {
        "compare": ours("compare", str(old), str(new), "--format", "json"),
        "diff": ours("diff", str(old), str(new), "--format", "json"),
        "git --word-diff": ["git", "diff", "--no-index", "--word-diff", str(old), str(new)],
    }


def _row(label: str, name: str, runs, prev: float | None, step: float | None) -> str:
    wall, cpu, peak = median(runs), median(runs, "cpu"), max(r.peak_mb for r in runs)
    growth = f"{wall / prev:6.2f}x" if prev and step else "      -"
    killed = " (timed out)" if any(r.code is None for r in runs) else ""
    return f"  {label:>8} {name:16} {wall:8.3f} s {cpu:8.3f} s {peak:8.0f} MB {growth}{killed}"


def _header() -> str:
    return f"  {'input':>8} {'command':16} {'wall':>10} {'CPU':>10} {'peak':>11} {'growth':>7}"


def startup(tmp: Path, repeats: int) -> None:
    old, new = tmp / "two-old.md", tmp / "two-new.md"
    old.write_text("# Privacy\n\nWe do not sell your personal information.\n", encoding="utf-8")
    new.write_text("# Privacy\n\nWe may sell your personal information to advertisers.\n", encoding="utf-8")
    print(f"\n== start-up: a two-line file pair, {repeats * 3} runs each ({machine()})")
    print(_header())
    peers = {**_peers(old, new), "python -c pass": [sys.executable, "-c", "pass"]}  # the interpreter's floor
    runs = interleave(peers, repeats * 3, checkout_env(), ok={"git --word-diff": (0, 1)})
    for name, rs in runs.items():
        print(_row("2 lines", name, rs, None, None))
    wall = median(runs["compare"])
    verdict = "under" if wall < STARTUP_BUDGET_S else "OVER"
    print(
        f"  compare: {wall * 1000:.0f} ms wall, {median(runs['compare'], 'cpu') * 1000:.0f} ms CPU, {verdict} the "
        f"{STARTUP_BUDGET_S * 1000:.0f} ms budget (git: {median(runs['git --word-diff']) * 1000:.0f} ms; "
        f"python -c pass: {median(runs['python -c pass']) * 1000:.0f} ms; bench/startup.py has more)"
    )


def _distinct(target: int, tmp: Path, k: int) -> tuple[Path, Path]:
    """Other pairs' versions concatenated in order until the input has *target* words."""
    olds, news, total = [], [], 0
    for pair in sorted(OTA.iterdir()):
        if pair.name == SCALE_PAIR or not (pair / "old.md").exists():
            continue
        o, n = (pair / "old.md").read_text(encoding="utf-8"), (pair / "new.md").read_text(encoding="utf-8")
        olds.append(o)
        news.append(n)
        total += len(o.split()) + len(n.split())
        if total >= target:
            break
    old, new = tmp / f"distinct-{k}-old.md", tmp / f"distinct-{k}-new.md"
    old.write_text("\n\n".join(olds), encoding="utf-8")
    new.write_text("\n\n".join(news), encoding="utf-8")
    return old, new


def scaling(tmp: Path, repeats: int, timeout: float) -> None:
    base = OTA / SCALE_PAIR
    for kind in ("repeated", "non-repeating"):
        print(
            f"\n== {kind} input ({base.name} {'repeated' if kind == 'repeated' else 'sized'}"
            f" 1x, 4x, 16x), {repeats} runs each ({machine()})"
        )
        print(_header())
        prev: dict[str, float] = {}
        growths: list[float] = []
        last = 0.0
        for k in (1, 4, 16):
            if kind == "repeated":
                old, new = tmp / f"rep-{k}-old.md", tmp / f"rep-{k}-new.md"
                for side, path in (("old", old), ("new", new)):
                    path.write_text(
                        "\n\n".join([(base / f"{side}.md").read_text(encoding="utf-8")] * k), encoding="utf-8"
                    )
            else:
                old, new = _distinct(words(base / "old.md", base / "new.md") * k, tmp, k)
            n = words(old, new)
            runs = interleave(
                _peers(old, new),
                repeats,
                checkout_env(),
                timeout,
                ok={"git --word-diff": (0, 1)},
                warmup=k < 16,
            )
            for name, rs in runs.items():
                print(_row(f"{k}x", name, rs, prev.get(name), k))
                if name == "compare" and prev.get(name):
                    growths.append(median(rs) / prev[name])
                prev[name] = median(rs)
            last = prev["compare"]
            print(
                f"  {'':>8} ({n:,} words; compare/git {prev['compare'] / prev['git --word-diff']:.1f}x,"
                f" diff/git {prev['diff'] / prev['git --word-diff']:.1f}x)"
            )
        worst = max(growths)
        print(
            f"  compare growth per 4x step: {', '.join(f'{g:.2f}' for g in growths)} "
            f"({'within' if worst <= 4.5 else 'OVER'} 4.5); 16x: {last:.2f} s "
            f"({'under' if last < SCALE_BUDGET_S else 'OVER'} {SCALE_BUDGET_S:.0f} s)"
        )


def long_lines(tmp: Path, repeats: int, timeout: float) -> None:
    base = OTA / SCALE_PAIR
    flat = {
        side: re.sub(r"\s+", " ", (base / f"{side}.md").read_text(encoding="utf-8"))
        for side in ("old", "new")
    }
    print(f"\n== one-line documents, {repeats} run(s) each ({machine()})")
    print(_header())
    prev: dict[str, float] = {}
    for label, size in LINE_SIZES:
        paths = []
        for side in ("old", "new"):
            text = flat[side]
            text = (text + " ") * (size // len(text) + 1)
            path = tmp / f"line-{size}-{side}.md"
            path.write_text(text[:size].strip() + "\n", encoding="utf-8")
            paths.append(path)
        runs = interleave(
            _peers(*paths), repeats, checkout_env(), timeout, ok={"git --word-diff": (0, 1)}, warmup=False
        )
        for name, rs in runs.items():
            print(_row(label, name, rs, prev.get(name), 4))
            prev[name] = median(rs)
        if size == LINE_SIZES[-1][1]:
            wall, peak = median(runs["compare"]), max(r.peak_mb for r in runs["compare"])
            fast = "under" if wall < LINE_BUDGET_S else "OVER"
            small = "under" if peak < LINE_BUDGET_MB else "OVER"
            print(
                f"  5 MB line: compare {wall:.1f} s ({fast} {LINE_BUDGET_S:.0f} s), "
                f"{peak:.0f} MB ({small} {LINE_BUDGET_MB:.0f} MB)"
            )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--line-repeats", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=900)
    ap.add_argument("--skip-startup", action="store_true")
    ap.add_argument("--skip-scaling", action="store_true")
    ap.add_argument("--skip-lines", action="store_true")
    args = ap.parse_args()
    if not shutil.which("git"):
        sys.exit("git is needed as the peer")
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        if not args.skip_startup:
            startup(tmp, args.repeats)
        if not args.skip_scaling:
            scaling(tmp, args.repeats, args.timeout)
        if not args.skip_lines:
            long_lines(tmp, args.line_repeats, args.timeout)


if __name__ == "__main__":
    main()
