"""Analyzers turn a :class:`~summarizer.model.diff.DiffResult` into a :class:`~summarizer.model.record.ChangeRecord`.

Both analyzers share one interface so that evals, tracking and rendering never care which one
produced a record. ``get_analyzer`` imports lazily: the offline path never imports openai.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from summarizer.errors import InputError
from summarizer.model.diff import DiffResult

if TYPE_CHECKING:  # pragma: no cover
    from summarizer.llm.cache import CallLog
    from summarizer.model.record import ChangeRecord  # pydantic: loaded only where a record is validated

ANALYZERS = ("rules", "llm")


@dataclass
class AnalysisOptions:
    """Options an analyzer may use; the rules analyzer ignores the model ones.

    Built from the settings by :func:`summarizer.api.analysis_options`. A tuning field left None
    takes the prompt's manifest default, then the model analyzer's own.
    """

    model: str | None = None
    base_url: str | None = None  # None: OpenAI
    api_key: str | None = None
    prompt: str | None = None  # NAME@VERSION
    use_cache: bool = True
    max_cost: float | None = None
    call_log: CallLog | None = None  # the response cache and call log (None: in memory)
    # what the model analyzer sends
    chunk_tokens: int | None = None  # token budget for the changes shown in one call
    max_output_tokens: int | None = None
    context_sentences: int | None = None
    max_changes: int | None = None
    temperature: float | None = None
    layout: str | None = None  # verbose, compact or inline excerpts
    response_format: str | None = None  # json_schema or json_object_schema
    # how the client sends it
    timeout: float | None = None  # seconds per request
    concurrency: int | None = None
    rpm: int | None = None
    max_retries: int | None = None
    sleep: Callable[[float], None] | None = None  # replaces backoff waits (tests)


class Analyzer(Protocol):
    name: str

    def analyze(self, diff: DiffResult) -> ChangeRecord:
        """Produce one change record for the diff."""
        ...


def require_analyzer(name: str) -> str:
    """*name* when it names an analyzer; else :class:`InputError` naming the choices (the one
    check behind ``compare``, ``eval run``, ``site build`` and the Python API)."""
    if name not in ANALYZERS:
        raise InputError(
            f"unknown analyzer {name!r}: choose one of {', '.join(ANALYZERS)}", setting="analyzer"
        )
    return name


def get_analyzer(name: str, options: AnalysisOptions | None = None) -> Analyzer:
    """Return the analyzer called *name* ('rules' or 'llm')."""
    if require_analyzer(name) == "rules":
        from summarizer.analyzers.rules.analyzer import RulesAnalyzer

        return RulesAnalyzer()
    from summarizer.analyzers.llm.analyzer import LLMAnalyzer

    return LLMAnalyzer(options or AnalysisOptions())
