"""Repairing unusable JSON answers: what is wrong with one, and the follow-up request.

Invalid output is answered with the bad output plus a short instruction; truncated output
(``finish_reason == "length"``) with a larger ``max_tokens``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TypeVar

from summarizer.llm.failures import one_line
from summarizer.llm.request import ChatRequest, ChatResult

T = TypeVar("T")

DEFAULT_COMPLETION_ESTIMATE = 1024  # output tokens assumed without max_tokens
MAX_REPAIR_TOKENS = 32768
REPAIR_INSTRUCTION = (
    "Your previous reply could not be used: {error}. Reply again with only the corrected JSON "
    "that follows the required format, with no prose and no code fences."
)


@dataclass
class Invalid:
    """Why an answer cannot be used."""

    kind: str  # "invalid" or "truncated"
    problem: str


def check_answer(result: ChatResult, parse: Callable[[str], T]) -> T | Invalid:
    """*parse* applied to the answer (which raises ``ValueError`` on invalid content), or why not."""
    if result.finish_reason == "length":
        return Invalid(
            "truncated", f"the output was cut off at {result.completion_tokens} tokens (finish_reason length)"
        )
    try:
        return parse(result.content)
    except ValueError as exc:
        return Invalid("invalid", one_line(str(exc), 300) or type(exc).__name__)


def repair_request(req: ChatRequest, result: ChatResult, problem: str) -> ChatRequest:
    """The follow-up request for an unusable answer."""
    if result.finish_reason == "length":
        current = req.max_tokens or result.completion_tokens or DEFAULT_COMPLETION_ESTIMATE
        return replace(req, max_tokens=min(max(2 * current, 256), MAX_REPAIR_TOKENS))
    messages = [
        *req.messages,
        {"role": "assistant", "content": result.content},
        {"role": "user", "content": REPAIR_INSTRUCTION.format(error=problem)},
    ]
    return replace(req, messages=messages)


def still_invalid(host: str, model: str, outcome: Invalid, repairs: int) -> str:
    """The message for an answer still unusable after every repair."""
    return (
        f"model endpoint {host}: {model} returned {outcome.kind} output "
        f"after {repairs} repair attempt{'s' if repairs != 1 else ''}: {outcome.problem}"
    )
