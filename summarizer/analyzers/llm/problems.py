"""What a repair request should name: quotes not in the documents, invalid categories or severities,
unknown hunk ids; and the repair message for a prompt without a template of its own."""

from __future__ import annotations

from dataclasses import dataclass

from summarizer.analyzers.llm.answer_values import category_value, severity_value
from summarizer.analyzers.llm.grounding import Grounding, locate_quote
from summarizer.analyzers.llm.output import ModelFindings, ModelRecord


@dataclass
class Problem:
    """Something a repair request should name."""

    code: str  # quote_not_found | invalid_category | invalid_severity | unknown_hunk
    change: int  # index of the change in the answer (1-based), 0 for the record itself
    detail: str

    def line(self) -> str:
        where = f"change {self.change}" if self.change else "the record"
        if self.code == "quote_not_found":
            return f'- {where}: this quote is not word for word in either version: "{self.detail}"'
        if self.code == "invalid_category":
            return f"- {where}: {self.detail!r} is not one of the category ids"
        if self.code == "invalid_severity":
            return f"- {where}: {self.detail!r} is not a severity (use none, low, medium or high)"
        if self.code == "unknown_hunk":
            return f"- {where}: there is no change with id {self.detail}"
        return f"- {where}: {self.detail}"


def find_problems(answer: ModelRecord | ModelFindings, g: Grounding) -> list[Problem]:
    """Problems worth one repair request: quotes not in the documents, invalid categories or
    severities, unknown hunk ids."""
    problems: list[Problem] = []
    for i, change in enumerate(answer.changes, 1):
        for quote in [*change.quotes_old, *change.quotes_new]:
            if quote.strip() and locate_quote(quote, g) is None:
                problems.append(Problem("quote_not_found", i, quote[:300]))
        if category_value(change.category) is None:
            problems.append(Problem("invalid_category", i, change.category))
        for sev in (change.severity_before, change.severity_after):
            if severity_value(sev) is None:
                problems.append(Problem("invalid_severity", i, sev))
        for hid in change.hunk_ids:
            if hid not in g.hunks:
                problems.append(Problem("unknown_hunk", i, str(hid)))
    if isinstance(answer, ModelRecord):
        if severity_value(answer.severity) is None:
            problems.append(Problem("invalid_severity", 0, answer.severity))
        for cat in answer.categories:
            if category_value(cat) is None:
                problems.append(Problem("invalid_category", 0, cat))
    return problems


def problem_lines(problems: list[Problem]) -> str:
    """One line per problem (at most 40), for a repair request."""
    return "\n".join(p.line() for p in problems[:40])


def repair_instruction(problems: list[Problem]) -> str:
    """The follow-up message naming what was wrong (one repair round), for a prompt version
    without a ``repair`` template of its own."""
    lines = problem_lines(problems)
    return (
        "Your answer has problems:\n"
        f"{lines}\n"
        "Quotes must be copied word for word from the <document_excerpt> text (or from the findings); "
        "fix each quote or leave it out. Use only the listed category ids and severities, and only "
        "change ids that were shown. Reply again with the whole corrected JSON object and nothing else."
    )
