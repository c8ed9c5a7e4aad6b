"""How far two annotators' hand labels of the same pairs agree (issue 12: a ceiling for the figures).

    python bench/label_agreement.py FIRST SECOND... [--json]

FIRST is one labels file, or a folder whose ``*_labels.yaml`` files are read together (the glob
``bench/heldout_accuracy.py`` uses, so ``evals/fresh`` means the first labels of the fresh set and
leaves ``evals/fresh/agreement/`` out). SECOND is one or more labels files of the other annotator,
read together. Each file is a YAML list of labels with the keys of ``evals/vlops/README.md``
("Label definitions"): ``pair``, ``material``, ``direction``, ``severity``, ``categories``,
``ai_related``.

Only pairs present on both sides are compared, and only totals are printed, never a row: the
fresh set is blind, and a row would say how a pair was labelled. The totals:

- material agreement (and Cohen's kappa for it);
- direction agreement over the pairs **both** call material, and Cohen's kappa for direction;
- severity exact and within one level (``none < low < medium < high``), over all common pairs;
- categories: micro Jaccard (shared ids / ids named by either, summed over pairs) and the micro
  precision / recall of SECOND taken as a prediction of FIRST;
- ai_related agreement.

Cohen's kappa is ``(p_o - p_e) / (1 - p_e)``, with ``p_e`` from each side's own label shares; it is
undefined (printed ``n/a``) when both sides use one and the same label throughout.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

RANK = {"none": 0, "low": 1, "medium": 2, "high": 3}
GLOB = "*_labels.yaml"


class LabelsError(ValueError):
    """A labels file that cannot be compared (bad shape, a pair labelled twice)."""


def read_labels(paths: Iterable[Path]) -> dict[str, dict]:
    """The labels of one annotator, keyed by pair; a folder stands for its ``*_labels.yaml`` files."""
    import yaml

    files: list[Path] = []
    for path in paths:
        files.extend(sorted(path.glob(GLOB)) if path.is_dir() else [path])
    labels: dict[str, dict] = {}
    for file in files:
        try:
            items = yaml.safe_load(file.read_text(encoding="utf-8")) or []
        except yaml.YAMLError as exc:
            raise LabelsError(f"{file}: not valid YAML ({exc.__class__.__name__})") from None
        if not isinstance(items, list):
            raise LabelsError(f"{file}: expected a YAML list of labels")
        for item in items:
            if not isinstance(item, dict) or "pair" not in item:
                raise LabelsError(f"{file}: every label needs a 'pair' key")
            if item["pair"] in labels:
                raise LabelsError(f"{file}: pair labelled twice on one side")
            labels[item["pair"]] = item
    return labels


def cohen_kappa(first: Sequence[object], second: Sequence[object]) -> float | None:
    """Cohen's kappa of two equally long label lists; ``None`` when undefined (no pairs, or p_e = 1)."""
    if len(first) != len(second):
        raise ValueError("label lists differ in length")
    n = len(first)
    if n == 0:
        return None
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n
    shares_first, shares_second = Counter(first), Counter(second)
    expected = sum(shares_first[k] * shares_second[k] for k in shares_first) / (n * n)
    if expected >= 1.0:
        return None
    return (observed - expected) / (1.0 - expected)


def _rank(label: dict) -> int:
    severity = label.get("severity") or "none"
    if severity not in RANK:
        raise LabelsError(f"unknown severity {severity!r}")
    return RANK[severity]


def _share(hits: int, total: int) -> float | None:
    return hits / total if total else None


def agreement(first: dict[str, dict], second: dict[str, dict]) -> dict:
    """Totals of agreement over the pairs both sides labelled (no per-pair detail)."""
    common = sorted(set(first) & set(second))
    a = [first[p] for p in common]
    b = [second[p] for p in common]
    n = len(common)

    mat_a = [bool(x.get("material")) for x in a]
    mat_b = [bool(x.get("material")) for x in b]
    both = [i for i in range(n) if mat_a[i] and mat_b[i]]
    dir_a = [a[i].get("direction") for i in both]
    dir_b = [b[i].get("direction") for i in both]

    sev = [(_rank(x), _rank(y)) for x, y in zip(a, b, strict=True)]

    shared = named_first = named_second = union = 0
    for x, y in zip(a, b, strict=True):
        cats_a, cats_b = set(x.get("categories") or []), set(y.get("categories") or [])
        shared += len(cats_a & cats_b)
        named_first += len(cats_a)
        named_second += len(cats_b)
        union += len(cats_a | cats_b)

    ai_a = [bool(x.get("ai_related")) for x in a]
    ai_b = [bool(x.get("ai_related")) for x in b]
    return {
        "pairs_first": len(first),
        "pairs_second": len(second),
        "pairs_common": n,
        "material_agree": sum(x == y for x, y in zip(mat_a, mat_b, strict=True)),
        "material_rate": _share(sum(x == y for x, y in zip(mat_a, mat_b, strict=True)), n),
        "material_kappa": cohen_kappa(mat_a, mat_b),
        "material_first_only": sum(x and not y for x, y in zip(mat_a, mat_b, strict=True)),
        "material_second_only": sum(y and not x for x, y in zip(mat_a, mat_b, strict=True)),
        "both_material": len(both),
        "direction_agree": sum(x == y for x, y in zip(dir_a, dir_b, strict=True)),
        "direction_rate": _share(sum(x == y for x, y in zip(dir_a, dir_b, strict=True)), len(both)),
        "direction_kappa": cohen_kappa(dir_a, dir_b),
        "severity_exact": _share(sum(x == y for x, y in sev), n),
        "severity_within_one": _share(sum(abs(x - y) <= 1 for x, y in sev), n),
        "category_jaccard": _share(shared, union),
        "category_precision": _share(shared, named_second),
        "category_recall": _share(shared, named_first),
        "ai_agree": sum(x == y for x, y in zip(ai_a, ai_b, strict=True)),
        "ai_rate": _share(sum(x == y for x, y in zip(ai_a, ai_b, strict=True)), n),
        "ai_first": sum(ai_a),
        "ai_second": sum(ai_b),
    }


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def render(totals: dict) -> str:
    """The totals as a few plain lines."""
    t = totals
    return "\n".join(
        [
            f"pairs: first {t['pairs_first']}, second {t['pairs_second']}, compared {t['pairs_common']}",
            f"material agreement: {t['material_agree']}/{t['pairs_common']} = {_fmt(t['material_rate'])}"
            f" (kappa {_fmt(t['material_kappa'])}; material for first only {t['material_first_only']},"
            f" for second only {t['material_second_only']})",
            f"direction agreement (both material): {t['direction_agree']}/{t['both_material']} ="
            f" {_fmt(t['direction_rate'])} (kappa {_fmt(t['direction_kappa'])})",
            f"severity exact: {_fmt(t['severity_exact'])}, within one level: {_fmt(t['severity_within_one'])}",
            f"categories: micro Jaccard {_fmt(t['category_jaccard'])}; second against first: precision"
            f" {_fmt(t['category_precision'])}, recall {_fmt(t['category_recall'])}",
            f"ai_related agreement: {t['ai_agree']}/{t['pairs_common']} = {_fmt(t['ai_rate'])}"
            f" (true for first {t['ai_first']}, for second {t['ai_second']})",
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "first", type=Path, help="first annotator: a labels file or a folder of *_labels.yaml"
    )
    parser.add_argument("second", type=Path, nargs="+", help="second annotator: one or more labels files")
    parser.add_argument("--json", action="store_true", help="print the totals as JSON")
    args = parser.parse_args(argv)
    try:
        totals = agreement(read_labels([args.first]), read_labels(args.second))
    except (OSError, LabelsError) as exc:
        print(f"label_agreement: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(totals, indent=2) if args.json else render(totals))
    return 0


if __name__ == "__main__":
    sys.exit(main())
