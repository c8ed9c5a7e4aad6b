"""What the CLI's signals executor costs and saves: `compare --format json` on large inputs, with
the executor (the CLI's default: a forked worker takes half the signals of a diff with >= 1 MB of
distinct changed text) and without it (SUMMARIZER_NO_FORK=1: what every library call does).
Optionally a third peer, another checkout's code (--against DIR, e.g. an export of an older commit).

    python bench/signals_executor.py [--repeats 3] [--against DIR]

Inputs: a 1.6 MB one-line document (one hunk: the executor is never used), and a rewrite (the old
versions of 20 bundled documents against the new versions of 20 others: ~1.6 MB, ~1,000 hunks, the
executor is used). Runs are interleaved and timed by the OS (bench/measure.py); CPU is user +
system of the process and the worker it reaped, so it is the figure to compare on a shared machine.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import OTA, checkout_env, interleave, machine, median  # noqa: E402

LINE_PAIR = "microsoft-privacy-policy-2020-12-08-2020-12-08"


def inputs(tmp: Path) -> dict[str, tuple[Path, Path]]:
    flat = {
        s: re.sub(r"\s+", " ", (OTA / LINE_PAIR / f"{s}.md").read_text(encoding="utf-8"))
        for s in ("old", "new")
    }
    for side in ("old", "new"):
        text = (flat[side] + " ") * (1_600_000 // len(flat[side]) + 1)
        (tmp / f"line-{side}.md").write_text(text[:1_600_000].strip() + "\n", encoding="utf-8")
    pairs = sorted(p for p in OTA.iterdir() if (p / "old.md").exists())
    (tmp / "rw-old.md").write_text(
        "\n\n".join((p / "old.md").read_text(encoding="utf-8") for p in pairs[:20])
    )
    (tmp / "rw-new.md").write_text(
        "\n\n".join((p / "new.md").read_text(encoding="utf-8") for p in pairs[20:40])
    )
    return {
        "1.6 MB line": (tmp / "line-old.md", tmp / "line-new.md"),
        "rewrite": (tmp / "rw-old.md", tmp / "rw-new.md"),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--against", type=Path, help="another checkout to run as a third peer")
    args = ap.parse_args()
    env = checkout_env()
    with tempfile.TemporaryDirectory() as name:
        print(machine())
        for label, (old, new) in inputs(Path(name)).items():
            cmd = [sys.executable, "-m", "summarizer", "compare", str(old), str(new), "--format", "json"]
            peers = {"with executor": cmd, "no executor": ["env", "SUMMARIZER_NO_FORK=1", *cmd]}
            if args.against:
                peers[f"{args.against.name}"] = ["env", f"PYTHONPATH={args.against.resolve()}", *cmd]
            runs = interleave(peers, args.repeats, env, 1800, warmup=False)
            ref = median(runs["no executor"], "cpu")
            for peer, rs in runs.items():
                cpu = median(rs, "cpu")
                print(
                    f"  {label:12} {peer:24} CPU {cpu:7.2f} s ({cpu / ref:.2f}x no executor)"
                    f"  wall {median(rs):7.2f} s  peak {max(r.peak_mb for r in rs):5.0f} MB"
                )
        print(machine())


if __name__ == "__main__":
    main()
