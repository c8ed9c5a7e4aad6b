"""Snapshot the compliance outputs and check a later checkout against them byte for byte (timings aside).

Two outputs per input, so a speed-up of the compliance analysis can show it changed nothing:

- ``summarizer compare OLD NEW --compliance --format json`` on every bundled pair (evals/data/ota) and
  example pair, through the checkout's own CLI entry point (what a user would read);
- the compliance section (JSON) of every golden compliance case of the tuning part
  (evals/compliance_cases; held-out cases are blind and never analysed), as the compliance eval
  computes it.

    python bench/compliance_snapshot.py save /tmp/compliance-before
    ... change the code ...
    python bench/compliance_snapshot.py check /tmp/compliance-before

Only counts and the names of differing outputs are printed (never a case's figures or rows).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the checkout's code, whatever is installed
sys.path.insert(0, str(ROOT / "bench"))

from output_snapshot import _TIMINGS, _run, pairs  # noqa: E402  (bench helpers, after the path)


def compare_outputs() -> dict[str, str]:
    """name -> the JSON of ``compare --compliance`` on each bundled pair, timings blanked."""
    out = {}
    for name, old, new in pairs():
        argv = ["compare", str(old.relative_to(ROOT)), str(new.relative_to(ROOT)), "--compliance"]
        out[f"pairs/{name}.json"] = _TIMINGS.sub('"timings_ms": {}', _run([*argv, "--format", "json"]))
    return out


def case_outputs() -> dict[str, str]:
    """name -> the compliance section JSON of each golden compliance case of the tuning part (the
    held-out cases are blind: never analysed here)."""
    from summarizer.evals.compliance import load_cases, load_split, offline_analyse

    split = load_split(ROOT / "evals" / "compliance_split.yaml")
    return {
        f"cases/{case.id}.json": offline_analyse(case).model_dump_json(indent=1)
        for case in load_cases(ROOT / "evals" / "compliance_cases", ROOT)
        if split.get(case.id) != "held_out"
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=["save", "check"])
    parser.add_argument("directory", type=Path)
    args = parser.parse_args()
    os.chdir(ROOT)
    got = {**compare_outputs(), **case_outputs()}
    if args.action == "save":
        for name, text in got.items():
            path = args.directory / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        print(f"saved {len(got)} outputs to {args.directory}")
        return
    differing = []
    for name, text in got.items():
        path = args.directory / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            differing.append(name)
            path.with_name(path.name + ".now").write_text(text, encoding="utf-8")
    if differing:
        print(f"{len(differing)} of {len(got)} outputs differ (new text beside each as *.now):")
        for name in differing:
            print("  " + name)
        sys.exit(1)
    print(f"all {len(got)} outputs byte-identical to {args.directory}")


if __name__ == "__main__":
    main()
