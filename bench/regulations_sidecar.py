"""Write ``summarizer/data/regulations.json``, the parsed regulation table the package loads instead of
parsing ``regulations.yaml`` in every process (when its recorded digest matches the YAML; otherwise
the YAML is read, so a stale file costs time, never correctness). Run after editing the YAML:

    python bench/regulations_sidecar.py [--check]

``--check`` only says whether the file is up to date (exit 1 if not).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the checkout's code, whatever is installed

from summarizer.compliance.table import sidecar_json  # noqa: E402

YAML = ROOT / "summarizer" / "data" / "regulations.yaml"
JSON = ROOT / "summarizer" / "data" / "regulations.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    want = sidecar_json(YAML.read_text(encoding="utf-8"))
    fresh = JSON.exists() and JSON.read_text(encoding="utf-8") == want
    if args.check:
        print(
            f"{JSON.relative_to(ROOT)} is {'up to date' if fresh else 'stale: run python bench/regulations_sidecar.py'}"
        )
        sys.exit(0 if fresh else 1)
    if not fresh:
        JSON.write_text(want, encoding="utf-8")
    print(f"{JSON.relative_to(ROOT)} {'already up to date' if fresh else 'written'}")


if __name__ == "__main__":
    main()
