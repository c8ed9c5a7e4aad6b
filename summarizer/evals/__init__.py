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

Nothing here prints or exits; the CLI (``summarizer eval``) does.
"""
