"""One line for a failed model call: which endpoint, what went wrong, after how many attempts.
Never the key (callers scrub the line before it is logged or raised)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import openai


def describe_failure(exc: BaseException, *, host: str, model: str, timeout: float, attempts: int) -> str:
    """The one-line message for a call that ended in *exc*."""
    import openai

    tries = f"after {attempts} attempt{'s' if attempts != 1 else ''}"
    where = f"model endpoint {host}"
    if isinstance(exc, openai.APITimeoutError):
        return f"{where}: timed out ({timeout:g}s per request) {tries}"
    if isinstance(exc, openai.APIConnectionError):
        return f"{where}: could not connect {tries} ({type(exc.__cause__ or exc).__name__})"
    if isinstance(exc, openai.APIStatusError):
        status = exc.status_code
        detail = one_line(server_message(exc), 200)
        if status == 401:
            return f"{where}: authentication failed (401): check OPENAI_API_KEY"
        if status == 403:
            return f"{where}: permission denied (403) for model {model!r}: {detail}"
        if status == 404:
            return f"{where}: model {model!r} or route not found (404): {detail}"
        if status == 429 and is_quota_error(exc):
            return f"{where}: quota exhausted (429 insufficient_quota): check the account's billing"
        if status == 429:
            return f"{where}: rate limited (429) {tries}: {detail}"
        if status >= 500:
            return f"{where}: server error {status} {tries}: {detail}"
        return f"{where}: request rejected ({status}): {detail}"
    return f"{where}: {type(exc).__name__} {tries}"


def describe_briefly(exc: BaseException | None) -> str:
    """A few words for a failed attempt about to be retried."""
    import openai

    if isinstance(exc, openai.APIStatusError):
        return f"{exc.status_code} {one_line(server_message(exc), 120)}"
    if isinstance(exc, openai.APITimeoutError):
        return "timeout"
    if isinstance(exc, openai.APIConnectionError):
        return "connection error"
    return type(exc).__name__ if exc else "unknown"


def is_quota_error(exc: openai.APIStatusError) -> bool:
    """A 429 that waiting will not cure: the account is out of credit."""
    body = exc.body if isinstance(exc.body, dict) else {}
    return body.get("code") == "insufficient_quota" or body.get("type") == "insufficient_quota"


def server_message(exc: openai.APIStatusError) -> str:
    """What the server said about a rejected request."""
    body = exc.body
    if isinstance(body, dict):
        message = body.get("message") or body.get("error") or body
        return message if isinstance(message, str) else json.dumps(message, default=str)
    if isinstance(body, str) and body.strip():
        return body
    try:
        return exc.response.text or exc.message
    except Exception:  # pragma: no cover - defensive: streamed or closed response
        return exc.message


def one_line(text: str, limit: int) -> str:
    """*text* on one line, cut to *limit* characters."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
