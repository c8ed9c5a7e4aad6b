"""Derive the classifier development set from ToS;DR points and our case mapping.

Usage (only needed to regenerate the committed ``devset.jsonl``; the source is not shipped)::

    python evals/tosdr/build_devset.py [/path/to/tosdr]      # default: ../shared/data/tosdr

Each approved point's quote (HTML stripped, whitespace collapsed) becomes one item whose expected
taxonomy ids are the union of the ids of the cases it is attached to (``case_mapping.yaml``), plus
the ids a blind second reading of the quote itself added (``second_labels.yaml``; mapping-derived
ids are never removed).
Quotes attached only to excluded cases are dropped; identical quotes are merged. Items are split by
*service*: the services in ``TEST_SERVICES`` form the held-out ``test`` split, never used while the
lexicons were written; a quote that also occurs in a development service stays in ``dev``.
"""

from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
DEFAULT_SOURCE = HERE.parent.parent.parent / "shared" / "data" / "tosdr"

# Held-out services (ToS;DR service ids), chosen once with random.Random(3).sample(sorted ids, 5)
# before any lexicon work: Google, Prezi, Khan Academy, Reddit, Microsoft.
TEST_SERVICES = frozenset({217, 2428, 1815, 194, 244})

_TAG = re.compile(r"<[^>]*>")
_STRAY_TAG = re.compile(r"^(?:/?[a-z]{1,10})?>\s*", re.I)


def clean_quote(raw: str) -> str:
    """Strip HTML tags and entities, stray tag remnants and extra whitespace."""
    text = _TAG.sub(" ", raw)
    text = html.unescape(text).replace("\xa0", " ")
    text = re.sub(r"\s+", " ", text).strip()
    text = _STRAY_TAG.sub("", text)
    return text.strip()


def load_mapping(path: Path) -> dict[int, list[str]]:
    """case id -> taxonomy ids (empty list for excluded cases)."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {int(e["case_id"]): list(e.get("ids") or []) for e in entries}


def load_second_labels(path: Path) -> dict[str, list[str]]:
    """item id -> taxonomy ids added by the second-label pass (``second_labels.yaml``)."""
    if not path.exists():
        return {}
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    added: dict[str, list[str]] = {}
    for entry in entries:
        if entry["id"] in added:
            raise ValueError(f"{path.name}: {entry['id']} listed twice")
        if not entry.get("add") or not str(entry.get("reason", "")).strip():
            raise ValueError(f"{path.name}: {entry['id']} needs `add` and `reason`")
        added[entry["id"]] = list(entry["add"])
    return added


def build(
    source: Path, mapping: dict[int, list[str]], second: dict[str, list[str]] | None = None
) -> list[dict]:
    groups: dict[str, dict] = {}
    with (source / "points_approved_eval.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            point = json.loads(line)
            text = clean_quote(point["quote"])
            ids = mapping.get(int(point["case_id"]), [])
            if not text or not ids:
                continue
            key = re.sub(r"\s+", " ", text).casefold()
            item = groups.setdefault(
                key, {"text": text, "points": set(), "cases": set(), "services": set(), "expected": set()}
            )
            item["points"].add(int(point["point_id"]))
            item["cases"].add(int(point["case_id"]))
            item["services"].add(int(point["service_id"]))
            item["expected"].update(ids)
    second = second or {}
    items = []
    for item in groups.values():
        split = "test" if item["services"] <= TEST_SERVICES else "dev"
        item_id = f"tosdr-{min(item['points'])}"
        items.append(
            {
                "id": item_id,
                "split": split,
                "text": item["text"],
                "expected": sorted(item["expected"] | set(second.get(item_id, ()))),
                "case_ids": sorted(item["cases"]),
                "service_ids": sorted(item["services"]),
                "point_ids": sorted(item["points"]),
            }
        )
    items.sort(key=lambda r: (r["split"], min(r["point_ids"])))
    unknown = set(second) - {r["id"] for r in items}
    if unknown:
        raise ValueError(f"second_labels.yaml names unknown items: {sorted(unknown)}")
    return items


def main(argv: list[str]) -> int:
    source = Path(argv[1]) if len(argv) > 1 else DEFAULT_SOURCE
    items = build(
        source, load_mapping(HERE / "case_mapping.yaml"), load_second_labels(HERE / "second_labels.yaml")
    )
    out = HERE / "devset.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        for item in items:
            fh.write(json.dumps(item, ensure_ascii=False) + "\n")
    n_test = sum(r["split"] == "test" for r in items)
    print(f"wrote {out} ({len(items)} items: {len(items) - n_test} dev, {n_test} test)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
