"""The eval suite: golden change records (cases), metrics, a runner, run storage, comparison,
a regression gate and reports.

Modules (one-way dependencies, top to bottom):

- :mod:`~summarizer.evals.cases`    load and validate ``evals/cases/*.yaml``
- :mod:`~summarizer.evals.metrics`  score one record against one case; aggregate many
- :mod:`~summarizer.evals.results`  the run and case-result models (JSON round-trip)
- :mod:`~summarizer.evals.judge`    optional LLM judge of faithfulness (off by default)
- :mod:`~summarizer.evals.runner`   run an analyzer over cases and score it
- :mod:`~summarizer.evals.storage`  store runs in the database; resolve ``latest``, ids, files
- :mod:`~summarizer.evals.compare`  two runs side by side, regressed and improved cases
- :mod:`~summarizer.evals.gate`     fail when a gated metric regresses past an allowance
- :mod:`~summarizer.evals.report`   Markdown, HTML and JUnit XML reports
- :mod:`~summarizer.evals.scaffold` write a new case file from two versions
- :mod:`~summarizer.evals.suite`    all of it as one call: :func:`run_suite` (what ``eval run`` does)

Nothing here prints or exits; the CLI (``summarizer eval``) does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from summarizer.evals.suite import SuiteResult, plan_suite, run_suite

__all__ = ["SuiteResult", "plan_suite", "run_suite"]


def __getattr__(name: str) -> Any:
    """``run_suite``, ``plan_suite`` and ``SuiteResult`` load the suite on first use (PEP 562)."""
    if name in __all__:
        from summarizer.evals import suite

        return getattr(suite, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
