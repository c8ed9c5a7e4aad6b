"""Where the hand-labelled pair sets of issue 12 live, for the bench scripts that read them.

Each set is a list of (labels file, pair folder); the fresh sets keep one labels file per
annotator (``evals/<set>/*_labels.yaml``; a second annotator's labels sit in ``agreement/`` and are
not read here). ``fresh6`` (round 9's blind set) is not listed: it is measured by totals only.
"""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _fresh(name: str) -> list[tuple[Path, Path]]:
    return [
        (f, ROOT / "evals" / "data" / name) for f in sorted((ROOT / "evals" / name).glob("*_labels.yaml"))
    ]


OPEN_SETS: dict[str, list[tuple[Path, Path]]] = {
    "dev": [(ROOT / "evals/vlops/dev_labels.yaml", ROOT / "evals/data/vlops")],
    "heldout": [(ROOT / "evals/vlops/heldout_labels.yaml", ROOT / "evals/data/vlops")],
    "fresh": _fresh("fresh"),
    "fresh2": _fresh("fresh2"),
    "fresh3": _fresh("fresh3"),
    "fresh4": _fresh("fresh4"),
    "fresh5": _fresh("fresh5"),
}


def labelled_pairs(
    name: str, sets: dict[str, list[tuple[Path, Path]]] = OPEN_SETS
) -> list[tuple[str, Path, dict]]:
    """(pair name, pair folder, label) for every pair of set *name*; ``bundled`` is the 100 bundled
    pairs with their material labels (``evals/material_labels.yaml``)."""
    if name == "bundled":
        labels = yaml.safe_load((ROOT / "evals/material_labels.yaml").read_text(encoding="utf-8"))
        return [(p.name, p, labels.get(p.name, {})) for p in sorted((ROOT / "evals/data/ota").iterdir())]
    out = []
    for labels_file, folder in sets[name]:
        for lab in yaml.safe_load(labels_file.read_text(encoding="utf-8")):
            out.append((lab["pair"], folder / lab["pair"], lab))
    return out
