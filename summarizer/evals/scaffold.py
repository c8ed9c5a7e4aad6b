"""``summarizer eval new``: write a case file for two versions, pre-filled from the offline analyzer.

The labels are the offline analyzer's guesses (material, severity, categories, provisions); facts,
forbidden claims, the title and the note are left as TODO for a person to fill in. The written
file is loaded back with the case loader, so a scaffold is always a valid case.
"""

from __future__ import annotations

import json
from pathlib import Path

from summarizer.config import PROJECT_ROOT
from summarizer.errors import InputError, NoChange
from summarizer.evals.cases import CASE_ID, Case, default_cases_dir, load_case
from summarizer.evals.metrics import record_provisions

OTA_DATASET = "Open Terms Archive (ODC-BY 1.0)"


def _q(value: object) -> str:
    """A YAML scalar or flow sequence (JSON is valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def repo_root(cases_dir: Path) -> Path | None:
    """The repository the cases belong to: the nearest folder with ``.git`` or ``pyproject.toml``,
    else ``<root>`` of a ``<root>/evals/cases`` layout."""
    here = cases_dir.resolve()
    for anc in (here, *here.parents):
        if (anc / ".git").exists() or (anc / "pyproject.toml").is_file():
            return anc
    if here.name == "cases" and here.parent.name == "evals":
        return here.parent.parent
    return None


def _portable(path: Path, cases_dir: Path) -> str:
    """*path* relative to the repository root (as case files write it) or, failing that, to the
    nearest folder above the cases dir that holds it (the loader looks in each)."""
    path = path.resolve()
    root = repo_root(cases_dir)
    if root is not None and path.is_relative_to(root):
        return path.relative_to(root).as_posix()
    for anc in (cases_dir.resolve(), *cases_dir.resolve().parents):
        if anc.parent == anc:
            break
        if path.is_relative_to(anc):
            return path.relative_to(anc).as_posix()
    for base in (Path.cwd(), PROJECT_ROOT):
        if path.is_relative_to(base.resolve()):
            return path.relative_to(base.resolve()).as_posix()
    return str(path)


def _source(old: Path) -> dict[str, str] | None:
    """Open Terms Archive pairs (``.../ota/<pair>/old.md`` with a meta.json) name their dataset."""
    folder = old.resolve().parent
    if folder.parent.name == "ota" and (folder / "meta.json").is_file():
        return {"dataset": OTA_DATASET, "pair": folder.name}
    return None


def scaffold_yaml(case_id: str, old_rel: str, new_rel: str, record, source: dict | None) -> str:
    """The text of a scaffolded case file for *record* (a ChangeRecord from the offline analyzer)."""
    provisions = record_provisions(record)
    categories = list(dict.fromkeys([*record.categories, *provisions]))
    material = bool(record.material)
    severity = record.severity if material else "none"
    if material and severity == "none":
        severity = "low"
    lines = [
        "# Scaffolded by `summarizer eval new` from the offline analyzer's record.",
        "# Check every label against the documents, then fill in the TODOs (see evals/README.md).",
        f"id: {case_id}",
        f"title: {_q(record.headline)}  # TODO: one line saying what changed",
    ]
    if source:
        lines.append(f"source: {{dataset: {_q(source['dataset'])}, pair: {_q(source['pair'])}}}")
    lines += [
        "input:",
        f"  old: {_q(old_rel)}",
        f"  new: {_q(new_rel)}",
        "expected:",
        f"  material: {str(material).lower()}",
        f"  severity: {severity}",
        f"  categories: [{', '.join(categories)}]  # TODO: keep the ones a reader must be told about",
        "  categories_optional: []  # categories a record may mention without being wrong",
    ]
    if provisions:
        lines.append("  provisions:")
        for cat, (before, after) in provisions.items():
            lines.append(f"    - {{category: {cat}, severity_before: {before}, severity_after: {after}}}")
    else:
        lines.append("  provisions: []")
    lines += [
        '  facts: []  # TODO: [["a fact", "or its alternative"], ...] a correct summary mentions',
        '  forbidden: []  # TODO: [["a claim a correct summary must not make"], ...]',
        "  tags: []",
        'note: "TODO: why these labels"',
    ]
    return "\n".join(lines) + "\n"


def scaffold_case(
    old: str | Path,
    new: str | Path,
    case_id: str,
    cases_dir: str | Path | None = None,
    *,
    force: bool = False,
) -> tuple[Path, Case]:
    """Write ``<cases_dir>/<case_id>.yaml`` for the pair and return its path and the loaded case."""
    if not CASE_ID.match(case_id):
        raise InputError(
            f"case id {case_id!r}: use lower-case letters, digits, '-', '_' or '.'", setting="case_id"
        )
    if "-" in (str(old), str(new)):
        raise InputError("eval new needs two files (a case refers to its inputs by path), not '-'")
    cases = Path(cases_dir) if cases_dir is not None else default_cases_dir()
    target = cases / f"{case_id}.yaml"
    if target.exists() and not force:
        raise InputError(f"{target}: already exists (overwrite it with force)", setting="force")
    from summarizer.api import compare_files

    try:
        record = compare_files(old, new, analyzer="rules")
    except NoChange:
        raise InputError(f"{old} and {new} are identical: nothing to label") from None
    old_p, new_p = Path(old), Path(new)
    text = scaffold_yaml(case_id, _portable(old_p, cases), _portable(new_p, cases), record, _source(old_p))
    cases.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    try:
        case = load_case(target)
    except InputError:
        target.unlink(missing_ok=True)
        raise
    return target, case
