"""The retry policy: which failures are worth another attempt and how long to wait first.

Jittered exponential backoff (tenacity) on 429, 408/409, 5xx, timeouts and connection errors,
honouring ``Retry-After`` / ``retry-after-ms`` (capped); a 429 for an exhausted quota is final.
"""

from __future__ import annotations

import email.utils
import logging
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from summarizer.llm.failures import describe_briefly, is_quota_error

if TYPE_CHECKING:  # pragma: no cover
    import tenacity

log = logging.getLogger("summarizer.llm")

MAX_RETRY_AFTER = 120.0  # seconds: longer server hints are capped
RETRYABLE_STATUS = frozenset({408, 409, 429})


def async_retrying(
    *, host: str, max_retries: int, scrub: Callable[[str], str], sleep: Callable[[float], Awaitable[None]]
) -> tenacity.AsyncRetrying:
    """A tenacity loop for one call: up to ``max_retries`` retries, each one logged."""
    import tenacity

    backoff = tenacity.wait_exponential_jitter(initial=1, max=30, jitter=1)

    def wait(state: tenacity.RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        hinted = retry_after_seconds(exc)
        return min(hinted, MAX_RETRY_AFTER) if hinted is not None else backoff(state)

    def before_sleep(state: tenacity.RetryCallState) -> None:
        exc = state.outcome.exception() if state.outcome else None
        log.warning(
            "model call to %s failed (%s), retry %d/%d in %.1fs",
            host,
            scrub(describe_briefly(exc)),
            state.attempt_number,
            max_retries,
            state.next_action.sleep if state.next_action else 0.0,
        )

    kwargs: dict[str, Any] = {
        "stop": tenacity.stop_after_attempt(max_retries + 1),
        "wait": wait,
        "retry": tenacity.retry_if_exception(is_retryable),
        "before_sleep": before_sleep,
        "reraise": True,
        "sleep": sleep,
    }
    return tenacity.AsyncRetrying(**kwargs)


def is_retryable(exc: BaseException) -> bool:
    """Timeouts, connection errors, 408/409/429 (but not an exhausted quota) and 5xx."""
    import openai

    if isinstance(exc, (openai.APITimeoutError, openai.APIConnectionError)):
        return True
    if isinstance(exc, openai.APIStatusError):
        if exc.status_code == 429 and is_quota_error(exc):
            return False
        return exc.status_code in RETRYABLE_STATUS or exc.status_code >= 500
    return False


def retry_after_seconds(exc: BaseException | None) -> float | None:
    """The server's wait hint: ``retry-after-ms`` (OpenAI) or ``Retry-After`` (seconds or a date)."""
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None)
    if headers is None:
        return None
    value = headers.get("retry-after-ms")
    if value:
        try:
            return max(0.0, float(value) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
