"""What each model call comes to: a result, a row in the call log, usage, or a one-line error.

Cache hits (free, logged as hits), answers (priced, counted, logged so later identical calls are
served from the log), failures and refusals (logged, never served) and repaired answers (logged
under the request that first got an unusable one).
"""

from __future__ import annotations

import logging
import time
from typing import Any

from summarizer.errors import UpstreamError
from summarizer.llm.accounting import Accounts
from summarizer.llm.cache import CallLog, CallRecord, canonical_json
from summarizer.llm.endpoint import Endpoint
from summarizer.llm.failures import describe_failure, one_line
from summarizer.llm.request import ChatResult, Prepared
from summarizer.llm.tokens import count_tokens

log = logging.getLogger("summarizer.llm")


class Outcomes:
    """Records the outcome of every call of one client in its call log and accounts."""

    def __init__(self, endpoint: Endpoint, call_log: CallLog, accounts: Accounts, timeout: float) -> None:
        self.endpoint = endpoint
        self.call_log = call_log
        self.accounts = accounts
        self.timeout = timeout

    def _call(self, prepared: Prepared, **fields: Any) -> CallRecord:
        """A log entry for *prepared* (the request's model, this endpoint's host)."""
        return CallRecord(
            cache_key=prepared.key,
            prompt_id=prepared.req.prompt_id,
            model=prepared.model,
            base_url_host=self.endpoint.host,
            request_json=prepared.request_json,
            **fields,
        )

    def cached(self, prepared: Prepared) -> ChatResult | None:
        """The logged answer to an identical earlier call, as a free result (the hit is logged)."""
        started = time.perf_counter()
        hit = self.call_log.lookup(prepared.key)
        if hit is None:
            return None
        req = prepared.req
        latency = (time.perf_counter() - started) * 1000
        self.call_log.record(
            self._call(
                prepared,
                response_json=None,
                ok=True,
                prompt_tokens=hit.prompt_tokens,
                completion_tokens=hit.completion_tokens,
                cost_usd=0.0,
                latency_ms=latency,
                cached=True,
            )
        )
        self.accounts.count_hit()
        log.info(
            "model call prompt=%s model=%s host=%s cached=True tokens=%d+%d cost=$0 latency=%.0fms",
            req.prompt_id,
            hit.model,
            self.endpoint.host,
            hit.prompt_tokens,
            hit.completion_tokens,
            latency,
        )
        return ChatResult(
            content=hit.content,
            finish_reason=hit.finish_reason,
            prompt_tokens=hit.prompt_tokens,
            completion_tokens=hit.completion_tokens,
            cost_usd=0.0,
            latency_ms=latency,
            cached=True,
            model=hit.model,
            cache_key=prepared.key,
            prompt_id=req.prompt_id,
            attempts=0,
        )

    def answered(self, prepared: Prepared, response: Any, attempts: int, started: float) -> ChatResult:
        """The result of a response: priced, counted and logged (a refusal or no answer: raised)."""
        req = prepared.req
        latency = (time.perf_counter() - started) * 1000
        choices = getattr(response, "choices", None)
        if not choices:
            what = "returned no choices"
            if isinstance(response, (str, bytes)) and _as_bytes(response).lstrip().startswith(b"<"):
                what = "answered with an HTML page, not a chat completion (its URL should usually end in /v1)"
            raise self._failure(prepared, f"the endpoint {what}", attempts, latency)
        choice = choices[0]
        message = choice.message
        finish = choice.finish_reason or "stop"
        refusal = getattr(message, "refusal", None)
        if refusal or finish == "content_filter":
            why = one_line(refusal or "the content filter stopped the answer", 200)
            raise self._failure(prepared, f"the model refused: {why}", attempts, latency)
        content = message.content or ""
        model = getattr(response, "model", None) or prepared.model
        usage = getattr(response, "usage", None)
        prompt_tokens = getattr(usage, "prompt_tokens", None) or self.accounts.estimate_prompt_tokens(
            req, prepared.model
        )
        completion_tokens = getattr(usage, "completion_tokens", None)
        if completion_tokens is None:
            completion_tokens = count_tokens(content, model)
        price = self.accounts.price(model) or self.accounts.price(prepared.model)
        cost = price.cost(prompt_tokens, completion_tokens) if price else 0.0
        # Every call is logged, also with use_cache=False (which only bypasses reading the cache).
        answer = {"content": content, "finish_reason": finish, "model": model, "attempts": attempts}
        self.call_log.record(
            self._call(
                prepared,
                response_json=self.endpoint.redact(canonical_json(answer)),
                ok=True,
                prompt_tokens=prompt_tokens,
                completion_tokens=completion_tokens,
                cost_usd=cost,
                latency_ms=latency,
                cached=False,
            )
        )
        self.accounts.count_call(prompt_tokens, completion_tokens)
        log.info(
            "model call prompt=%s model=%s host=%s cached=False tokens=%d+%d cost=$%.6f latency=%.0fms attempts=%d finish=%s",
            req.prompt_id,
            model,
            self.endpoint.host,
            prompt_tokens,
            completion_tokens,
            cost,
            latency,
            attempts,
            finish,
        )
        return ChatResult(
            content=content,
            finish_reason=finish,
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
            cost_usd=cost,
            latency_ms=latency,
            cached=False,
            model=model,
            cache_key=prepared.key,
            prompt_id=req.prompt_id,
            attempts=attempts,
        )

    def failed(self, prepared: Prepared, exc: BaseException, attempts: int, started: float) -> UpstreamError:
        """The one-line error for a call that ended in *exc* (logged)."""
        latency = (time.perf_counter() - started) * 1000
        what = describe_failure(
            exc, host=self.endpoint.host, model=prepared.model, timeout=self.timeout, attempts=attempts
        )
        return self._failure(prepared, what, attempts, latency, explained=True)

    def _failure(
        self, prepared: Prepared, what: str, attempts: int, latency: float, *, explained: bool = False
    ) -> UpstreamError:
        """Log a failed call (never served from the cache) and build its one-line error."""
        message = what if explained else f"model endpoint {self.endpoint.host}: {what}"
        message = self.endpoint.scrub(message)
        self.call_log.record(
            self._call(
                prepared,
                response_json=None,
                ok=False,
                error=message[:1000],
                latency_ms=latency,
                cached=False,
            )
        )
        log.warning(
            "model call prompt=%s model=%s host=%s failed after %d attempt(s): %s",
            prepared.req.prompt_id,
            prepared.model,
            self.endpoint.host,
            attempts,
            message,
        )
        return UpstreamError(message)

    def remember_repaired(self, prepared: Prepared, result: ChatResult) -> None:
        """Cache a repaired answer under the request that first got the unusable one (*prepared*; no
        tokens or cost of its own: the call that produced it is logged already)."""
        if prepared.key == result.cache_key:
            return
        answer = {
            "content": result.content,
            "finish_reason": result.finish_reason,
            "model": result.model,
            "attempts": 0,
            "repaired_from": result.cache_key,
        }
        self.call_log.record(
            self._call(
                prepared,
                response_json=self.endpoint.redact(canonical_json(answer)),
                ok=True,
                prompt_tokens=0,
                completion_tokens=0,
                cost_usd=0.0,
                latency_ms=0.0,
                cached=False,
            )
        )


def _as_bytes(value: str | bytes) -> bytes:
    return value if isinstance(value, bytes) else value[:200].encode("utf-8", "replace")
