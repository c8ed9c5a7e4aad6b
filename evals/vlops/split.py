"""Deterministic dev/held-out split of the OTA VLOPs pair folders.

Rule: list the pair folder names under the data directory (directories only),
sort them, and put a pair in "heldout" when the first byte of
sha256(folder_name as UTF-8) is < 0x80, else in "dev".
The split was made before any pair content was read.

Usage: python evals/vlops/split.py [DATA_DIR]
(default DATA_DIR: /work/shared/data/ota-vlops)
"""

import hashlib
import json
import sys
from pathlib import Path

RULE = (
    "sorted pair folder names of ota-vlops; heldout if "
    "sha256(name.encode('utf-8')).digest()[0] < 0x80 else dev"
)


def assign(name: str) -> str:
    return "heldout" if hashlib.sha256(name.encode("utf-8")).digest()[0] < 0x80 else "dev"


def main() -> None:
    data = Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data/ota-vlops")
    names = sorted(p.name for p in data.iterdir() if p.is_dir())
    out = {
        "rule": RULE,
        "source": "ota-vlops (OpenTermsArchive/vlopses-us-versions)",
        "dev": [],
        "heldout": [],
    }
    for n in names:
        out[assign(n)].append(n)
    dest = Path(__file__).with_name("split.json")
    dest.write_text(json.dumps(out, indent=2) + "\n")
    print(f"{len(names)} pairs: {len(out['dev'])} dev, {len(out['heldout'])} heldout -> {dest}")


if __name__ == "__main__":
    main()
