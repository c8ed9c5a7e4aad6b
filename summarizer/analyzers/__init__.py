"""Analyzers turn a :class:`~summarizer.model.diff.DiffResult` into a :class:`~summarizer.model.record.ChangeRecord`.

Both analyzers share one interface so that evals, tracking and rendering never care which one
produced a record. ``get_analyzer`` imports lazily: the offline path never imports openai.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from summarizer.errors import InputError
from summarizer.model.diff import DiffResult
from summarizer.model.record import ChangeRecord

ANALYZERS = ("rules", "llm")


@dataclass
class AnalysisOptions:
    """Options an analyzer may use; the rules analyzer ignores the model ones."""

    model: str | None = None
    base_url: str | None = None
    api_key: str | None = None
    prompt: str | None = None  # NAME@VERSION
    use_cache: bool = True
    max_cost: float | None = None
    db_url: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


class Analyzer(Protocol):
    name: str

    def analyze(self, diff: DiffResult) -> ChangeRecord:
        """Produce one change record for the diff."""
        ...


def get_analyzer(name: str, options: AnalysisOptions | None = None) -> Analyzer:
    """Return the analyzer called *name* ('rules' or 'llm')."""
    options = options or AnalysisOptions()
    if name == "rules":
        from summarizer.analyzers.rules.analyzer import RulesAnalyzer

        return RulesAnalyzer()
    if name == "llm":
        from summarizer.analyzers.llm.analyzer import LLMAnalyzer

        return LLMAnalyzer(options)
    raise InputError(f"unknown analyzer {name!r}: choose one of {', '.join(ANALYZERS)}")
