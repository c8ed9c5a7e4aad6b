"""Snapshot the JSON of ``summarizer diff`` and ``summarizer compare`` on every bundled pair, and
check a later checkout against the snapshot byte for byte (timings aside).

Every speed-up must leave these outputs identical (or explain each difference), so take a
snapshot before the change and check after it:

    python bench/output_snapshot.py save /tmp/before
    ... change the code ...
    python bench/output_snapshot.py check /tmp/before

The commands run through the checkout's own CLI entry point (``summarizer.cli.main``) in one
process, with standard output captured, so what is compared is exactly what a user would read.
Inputs: the 100 pairs in evals/data/ota and the pairs in examples/.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the checkout's code, whatever is installed

OTA = ROOT / "evals" / "data" / "ota"
EXAMPLES = ROOT / "examples"
_TIMINGS = re.compile(r'"timings_ms": \{[^{}]*\}')


def pairs() -> list[tuple[str, Path, Path]]:
    """(name, old, new) for every bundled pair and example."""
    found = [(d.name, d / "old.md", d / "new.md") for d in sorted(OTA.iterdir()) if (d / "old.md").exists()]
    for old in sorted(EXAMPLES.glob("*-v1.md")):
        new = old.with_name(old.name.replace("-v1.md", "-v2.md"))
        if new.exists():
            found.append((f"examples-{old.name[:-6]}", old, new))
    return found


def _run(argv: list[str]) -> str:
    from summarizer.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        try:
            main(argv)
        except SystemExit as exc:
            if exc.code not in (0, None):
                raise RuntimeError(f"{' '.join(argv)} exited {exc.code}") from None
    return out.getvalue()


def outputs(old: Path, new: Path) -> dict[str, str]:
    """The diff and compare JSON for one pair, timings blanked."""
    rel_old, rel_new = str(old.relative_to(ROOT)), str(new.relative_to(ROOT))
    diff = _run(["diff", rel_old, rel_new, "--format", "json"])
    compare = _run(["compare", rel_old, rel_new, "--format", "json"])
    return {"diff.json": diff, "compare.json": _TIMINGS.sub('"timings_ms": {}', compare)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=["save", "check"])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--only", help="only pairs whose name contains this")
    args = parser.parse_args()
    os.chdir(ROOT)
    differing: list[str] = []
    todo = [p for p in pairs() if not args.only or args.only in p[0]]
    for name, old, new in todo:
        got = outputs(old, new)
        for kind, text in got.items():
            path = args.directory / name / kind
            if args.action == "save":
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
            elif not path.exists() or path.read_text(encoding="utf-8") != text:
                differing.append(f"{name}/{kind}")
                (args.directory / name / (kind + ".now")).write_text(text, encoding="utf-8")
    if args.action == "save":
        print(f"saved {len(todo)} pairs x 2 outputs to {args.directory}")
        return
    if differing:
        print(f"{len(differing)} of {2 * len(todo)} outputs differ (new text beside each as *.now):")
        for item in differing:
            print("  " + item)
        sys.exit(1)
    print(f"all {2 * len(todo)} outputs of {len(todo)} pairs byte-identical to {args.directory}")


if __name__ == "__main__":
    main()
