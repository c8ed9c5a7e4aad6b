"""Golden cases: ``evals/cases/*.yaml`` files, validated on load.

A case is an input (two versions, by path or inline) and an expected record::

    id: spotify-tos-2021-arbitration
    title: "Arbitration clause rewritten"
    source: {dataset: "Open Terms Archive (ODC-BY 1.0)", pair: spotify-terms-of-service-...}
    input: {old: evals/data/ota/<pair>/old.md, new: evals/data/ota/<pair>/new.md}
    # or inline: input: {old_text: "...", new_text: "..."}
    expected:
      material: true
      severity: high                      # none|low|medium|high
      categories: [dispute_resolution]    # must be found
      categories_optional: [contact_generic]   # may be found, never counted against
      provisions: [{category: dispute_resolution, severity_before: high, severity_after: high}]
      facts: [["arbitration", "arbitrate"]]    # each: alternatives, any one must appear
      forbidden: [["no longer requires arbitration"]]
      tags: [multi_section]
    note: "why these labels"

Relative input paths are resolved against the case file's ancestors (so a repository's
``evals/cases`` finds ``evals/data/...``), then the working directory, then the project root.
Every problem is an :class:`~summarizer.errors.InputError` naming the file.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from summarizer.config import PROJECT_ROOT
from summarizer.errors import InputError
from summarizer.model.record import CategoryId, SeverityName

CASE_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,127}$")
CASE_SUFFIXES = (".yaml", ".yml")


# --- the file format ---------------------------------------------------------------------------


class InputSpec(BaseModel):
    """Where the two versions come from: paths (relative to the repository root) or inline text."""

    model_config = ConfigDict(extra="forbid")

    old: str | None = None
    new: str | None = None
    old_text: str | None = None
    new_text: str | None = None

    @model_validator(mode="after")
    def _one_of_each(self) -> "InputSpec":
        for side in ("old", "new"):
            path, text = getattr(self, side), getattr(self, f"{side}_text")
            if (path is None) == (text is None):
                raise ValueError(f"give exactly one of '{side}' (a path) or '{side}_text' (inline text)")
        return self


class ExpectedProvision(BaseModel):
    """One affected provision: its category and how severe it was before and after."""

    model_config = ConfigDict(extra="forbid")

    category: CategoryId
    severity_before: SeverityName
    severity_after: SeverityName

    @property
    def direction(self) -> str:
        return shift_direction(self.severity_before, self.severity_after)


Alternatives = list[str]


def _alternatives(value: Any) -> Any:
    """Accept ``"x"`` or ``["x", "y"]`` per entry; refuse empty alternatives."""
    if not isinstance(value, list):
        return value
    out = []
    for item in value:
        alts = [item] if isinstance(item, str) else item
        if isinstance(alts, list):
            if not alts:
                raise ValueError("an entry has no alternatives")
            if any(not isinstance(a, str) or not a.strip() for a in alts):
                raise ValueError(f"every alternative must be a non-empty string: {alts!r}")
        out.append(alts)
    return out


class Expected(BaseModel):
    """What a correct record says about the pair."""

    model_config = ConfigDict(extra="forbid")

    material: bool
    severity: SeverityName
    categories: list[CategoryId] = Field(default_factory=list)
    categories_optional: list[CategoryId] = Field(default_factory=list)
    provisions: list[ExpectedProvision] = Field(default_factory=list)
    #: the record's direction for the user (issue 12), when the case states it; ``unclear`` when
    #: the text does not say which way the change cuts and the record must abstain
    direction: Literal["worse", "better", "mixed", "neutral", "unclear"] | None = None
    facts: list[Alternatives] = Field(default_factory=list)
    forbidden: list[Alternatives] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)

    _normalise_facts = field_validator("facts", "forbidden", mode="before")(_alternatives)

    @model_validator(mode="after")
    def _consistent(self) -> "Expected":
        overlap = sorted(set(self.categories) & set(self.categories_optional))
        if overlap:
            raise ValueError(f"categories and categories_optional overlap: {', '.join(overlap)}")
        if not self.material and self.severity != "none":
            raise ValueError("a change that is not material has severity 'none'")
        if self.material and self.severity == "none":
            raise ValueError("a material change needs a severity above 'none'")
        if not self.material and self.direction is not None:
            raise ValueError("a change that is not material has no direction")
        allowed = set(self.categories) | set(self.categories_optional)
        stray = sorted({p.category for p in self.provisions} - allowed)
        if stray:
            raise ValueError(
                f"provisions name categories not listed in categories or categories_optional: "
                f"{', '.join(stray)}"
            )
        return self


class CaseSpec(BaseModel):
    """One case file, as written."""

    model_config = ConfigDict(extra="forbid")

    id: str
    title: str = ""
    source: dict[str, Any] | None = None
    input: InputSpec
    expected: Expected
    tags: list[str] = Field(default_factory=list)
    note: str = ""

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not CASE_ID.match(value):
            raise ValueError("use lower-case letters, digits, '-', '_' or '.' (at most 128 characters)")
        return value


# --- loaded cases ------------------------------------------------------------------------------


@dataclass
class Case:
    """A validated case with both versions read into memory."""

    id: str
    expected: Expected
    old_text: str
    new_text: str
    title: str = ""
    note: str = ""
    tags: list[str] = field(default_factory=list)
    source: dict[str, Any] | None = None
    path: Path | None = None
    old_source: str = "old"
    new_source: str = "new"
    sha256: str = ""

    @classmethod
    def inline(
        cls, id: str, old_text: str, new_text: str, expected: Expected | dict[str, Any], **kw: Any
    ) -> "Case":
        """A case built in code (tests, notebooks)."""
        exp = expected if isinstance(expected, Expected) else Expected.model_validate(expected)
        case = cls(id=id, expected=exp, old_text=old_text, new_text=new_text, **kw)
        case.sha256 = case.sha256 or _digest(repr(exp.model_dump()), old_text, new_text)
        return case


def shift_direction(before: str, after: str) -> str:
    """'up', 'down' or 'same' between two severity names."""
    from summarizer.model.taxonomy import severity_of

    b, a = severity_of(before).rank, severity_of(after).rank
    return "up" if a > b else "down" if a < b else "same"


def default_cases_dir() -> Path:
    """``evals/cases`` under the working directory when it exists, else the project's own."""
    here = Path.cwd() / "evals" / "cases"
    return here if here.is_dir() else PROJECT_ROOT / "evals" / "cases"


def load_case(path: str | Path) -> Case:
    """Read and validate one case file."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read case file ({exc.strerror or exc})") from None
    try:
        data = yaml.safe_load(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise InputError(f"{path}: case file is not UTF-8") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(f"{path}{where}: invalid YAML: {problem}") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}: a case file must be a YAML mapping with id, input and expected")
    try:
        spec = CaseSpec.model_validate(data)
    except ValidationError as exc:
        raise InputError(f"{path}: {_describe(exc)}") from None
    old_text, old_source = _side(spec.input, "old", path)
    new_text, new_source = _side(spec.input, "new", path)
    tags = list(dict.fromkeys([*spec.tags, *spec.expected.tags]))
    return Case(
        id=spec.id,
        expected=spec.expected,
        old_text=old_text,
        new_text=new_text,
        title=spec.title,
        note=spec.note,
        tags=tags,
        source=spec.source,
        path=path,
        old_source=old_source,
        new_source=new_source,
        sha256=_digest(raw.decode("utf-8"), old_text, new_text),
    )


def load_cases(
    directory: str | Path | None = None, ids: Iterable[str] | None = None, tags: Iterable[str] | None = None
) -> list[Case]:
    """All cases of *directory* (recursively), sorted by id; optionally only *ids* or *tags*."""
    root = Path(directory) if directory is not None else default_cases_dir()
    if not root.exists() and directory is None:  # an installed package: the cases stay in the repository
        raise InputError(
            "no eval cases here: the golden cases and their document pairs live in the repository's "
            "evals/cases, not in the installed package; run from a checkout or name a folder of cases",
            setting="cases",
        )
    if not root.exists():
        raise InputError(f"{root}: no such cases directory", setting="cases")
    files = (
        [root]
        if root.is_file()
        else sorted(p for p in root.rglob("*") if p.suffix in CASE_SUFFIXES and p.is_file())
    )
    if not files:
        raise InputError(f"{root}: no case files (*.yaml) found")
    wanted = list(dict.fromkeys(ids or []))
    cases: dict[str, Case] = {}
    for path in files:
        case = load_case(path)
        if case.id in cases:
            raise InputError(f"{path}: duplicate case id {case.id!r} (also in {cases[case.id].path})")
        cases[case.id] = case
    if wanted:
        missing = [i for i in wanted if i not in cases]
        if missing:
            raise InputError(f"unknown case id(s) in {root}: {', '.join(missing)}")
        selected = [cases[i] for i in wanted]
    else:
        selected = [cases[i] for i in sorted(cases)]
    if tags:
        tagset = set(tags)
        selected = [c for c in selected if tagset & set(c.tags)]
        if not selected:
            raise InputError(f"no case in {root} has any of the tags: {', '.join(sorted(tagset))}")
    return selected


# --- helpers -----------------------------------------------------------------------------------


def _describe(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors()[:4]:
        loc = ".".join(str(p) for p in err["loc"]) or "case"
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "literal_error" and any(str(p).startswith("categor") for p in err["loc"]):
            msg = f"unknown category {err.get('input')!r} (the ids are in summarizer/taxonomy.py)"
        parts.append(f"{loc}: {msg}")
    more = len(exc.errors()) - 4
    return "; ".join(parts) + (f" (and {more} more)" if more > 0 else "")


def _side(spec: InputSpec, side: str, case_path: Path) -> tuple[str, str]:
    text = getattr(spec, f"{side}_text")
    if text is not None:
        if not text.strip():
            raise InputError(f"{case_path}: input.{side}_text is empty")
        return text, f"{side} (inline)"
    rel = getattr(spec, side)
    target = resolve_input_path(rel, case_path)
    if target is None:
        raise InputError(
            f"{case_path}: input.{side} {rel!r} not found (looked beside the case file's "
            f"folders, in the working directory and in {PROJECT_ROOT})"
        )
    from summarizer.diffing.load import decode, read_source

    try:
        return decode(read_source(target), str(target)), rel
    except InputError as exc:
        raise InputError(f"{case_path}: input.{side}: {exc}") from None


def resolve_input_path(rel: str, case_path: Path) -> Path | None:
    """Find *rel*: absolute as is; else under an ancestor of the case file, the cwd, the project."""
    p = Path(rel).expanduser()
    if p.is_absolute():
        return p if p.is_file() else None
    here = case_path.resolve().parent
    candidates = [anc / p for anc in (here, *here.parents)]
    candidates += [Path.cwd() / p, PROJECT_ROOT / p]
    return next((c for c in candidates if c.is_file()), None)


def _digest(*parts: str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()
