"""The result of an eval run: one :class:`CaseResult` per case plus the run's identity and scores.

A run round-trips through JSON (``summarizer eval run --format json``, ``--save-baseline``) and
through the database (:mod:`summarizer.evals.storage`); both forms carry the per-case metrics, so
aggregates can be recomputed on any subset of cases (what the gate does when runs differ).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from summarizer.errors import InputError
from summarizer.evals.metrics import aggregate

RUN_FORMAT = "summarizer-eval-run/1"


def utcnow() -> datetime:
    return datetime.now(UTC)


class CaseResult(BaseModel):
    """How one case fared: metrics, what was expected and found, checks, and the record itself."""

    model_config = ConfigDict(extra="ignore")

    case_id: str
    title: str = ""
    tags: list[str] = Field(default_factory=list)
    case_sha256: str | None = None
    metrics: dict[str, float | int | None] = Field(default_factory=dict)
    detail: dict[str, Any] = Field(default_factory=dict)
    checks: dict[str, bool] = Field(default_factory=dict)
    failures: list[str] = Field(default_factory=list)
    passed: bool = False
    error: str | None = None
    error_kind: str | None = None  # input | upstream | internal
    tokens: int = 0
    calls: int = 0
    cache_hits: int = 0
    cost_usd: float = 0.0
    latency_ms: float = 0.0
    judge: dict[str, Any] | None = None
    record: dict[str, Any] | None = None  # the ChangeRecord as JSON (absent in baselines)

    @property
    def headline(self) -> str:
        """The record's headline (baselines keep it in ``detail``)."""
        return (self.record or {}).get("headline") or self.detail.get("headline", "")


class RunResult(BaseModel):
    """One eval run: who ran what on which cases, the per-case results and the suite scores."""

    model_config = ConfigDict(extra="ignore")

    format: str = RUN_FORMAT
    run_id: str
    created_at: datetime = Field(default_factory=utcnow)
    label: str | None = None
    analyzer: str
    model: str | None = None
    prompt_id: str | None = None
    git_revision: str | None = None
    cases_dir: str | None = None
    case_count: int = 0
    aggregate: dict[str, float | int | None] = Field(default_factory=dict)
    params: dict[str, Any] = Field(default_factory=dict)
    results: list[CaseResult] = Field(default_factory=list)
    source: str | None = Field(default=None, exclude=True)  # where it was loaded from (display only)

    def by_case(self) -> dict[str, CaseResult]:
        return {r.case_id: r for r in self.results}

    def recompute(self) -> None:
        """Refresh ``aggregate`` and ``case_count`` from the per-case results."""
        self.case_count = len(self.results)
        self.aggregate = aggregate(self.results)

    def subset(self, case_ids: set[str]) -> "RunResult":
        """A copy restricted to *case_ids*, with its aggregate recomputed."""
        copy = self.model_copy(deep=True)
        copy.results = [r for r in copy.results if r.case_id in case_ids]
        copy.recompute()
        return copy

    @property
    def name(self) -> str:
        """How to refer to this run in messages: its label or id, and its source file if any."""
        base = self.run_id if not self.label else f"{self.run_id} ({self.label})"
        return f"{base} [{self.source}]" if self.source else base

    def to_json(self, *, records: bool = True, indent: int | None = 2) -> str:
        exclude: dict[str, Any] = {"source": True}
        if not records:
            exclude["results"] = {"__all__": {"record"}}
        data = self.model_dump(mode="json", exclude=exclude)
        if not records:
            for res, row in zip(self.results, data["results"]):
                if res.record:  # keep what a reader needs to recognise the case's output
                    row["detail"]["headline"] = res.record.get("headline", "")
                    row["detail"]["record_severity"] = res.record.get("severity")
        if indent is None:
            return json.dumps(data, ensure_ascii=False)
        if not records:  # a baseline: one line per case, so a regenerated file diffs case by case
            rows = data.pop("results")
            head = json.dumps(data, indent=indent, ensure_ascii=False)[:-2]
            body = ",\n".join("    " + json.dumps(r, ensure_ascii=False, sort_keys=True) for r in rows)
            return f'{head},\n  "results": [\n{body}\n  ]\n}}\n'
        return json.dumps(data, indent=indent, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str, source: str | None = None) -> "RunResult":
        where = source or "run JSON"
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"{where}: not valid JSON ({exc.msg} at line {exc.lineno})") from None
        if not isinstance(data, dict) or data.get("format") != RUN_FORMAT:
            raise InputError(f'{where}: not an eval run file (expected "format": "{RUN_FORMAT}")')
        try:
            run = cls.model_validate(data)
        except ValidationError as exc:
            first = exc.errors()[0]
            raise InputError(
                f"{where}: invalid eval run: {'.'.join(map(str, first['loc']))}: {first['msg']}"
            ) from None
        run.source = source
        return run

    @classmethod
    def from_file(cls, path: str | Path) -> "RunResult":
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
        except UnicodeDecodeError:
            raise InputError(f"{path}: not UTF-8 text") from None
        return cls.from_json(text, source=str(path))
