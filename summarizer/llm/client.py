"""The one way this project talks to a chat model: any OpenAI-compatible endpoint.

:class:`LLMClient` wraps the OpenAI SDK (so OpenAI, Azure OpenAI's v1 endpoint and local servers
such as Ollama, vLLM and llama.cpp all work) and adds what the SDK leaves to callers:

- retries with jittered exponential backoff (tenacity) on 429, 408/409, 5xx, timeouts and
  connection errors, honouring ``Retry-After`` / ``retry-after-ms`` (the SDK's own retries are off);
- structured outputs (``json_schema``, strict), falling back to JSON mode, then to plain text, for
  the rest of the session when a server rejects them (``parse`` validates either way);
- a bounded repair retry for invalid or truncated JSON (:meth:`LLMClient.complete_json`);
- a content-addressed response cache and a call log in the database (``model_calls``);
- token and cost accounting with a price table, and a ``max_cost`` budget checked *before* a call
  (:class:`~summarizer.llm.pricing.BudgetExceeded`, an ``InputError``: exit 2);
- async fan-out with a concurrency cap and a requests-per-minute limiter, order kept.

Failures end in :class:`~summarizer.errors.UpstreamError` (exit 3) with one line that names the
endpoint host and never contains the key.
"""

from __future__ import annotations

import asyncio
import email.utils
import ipaddress
import json
import logging
import os
import re
import threading
import time
import weakref
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

from summarizer.config import mask_secret, mask_url
from summarizer.errors import InputError, UpstreamError
from summarizer.llm.cache import CallStore, cache_key, canonical_json
from summarizer.llm.pricing import Budget, Price, load_prices, price_for
from summarizer.llm.ratelimit import RateLimiter
from summarizer.llm.tokens import count_message_tokens, count_tokens
from summarizer.model.record import Usage

if TYPE_CHECKING:  # pragma: no cover
    import openai

log = logging.getLogger("summarizer.llm")

T = TypeVar("T")

DEFAULT_OPENAI_HOST = "api.openai.com"
LOCAL_DUMMY_KEY = "not-needed"  # local servers ignore the key, the SDK insists on one
DEFAULT_COMPLETION_ESTIMATE = 1024  # output tokens assumed by estimated_cost() without max_tokens
MAX_RETRY_AFTER = 120.0  # seconds: longer server hints are capped
MAX_REPAIR_TOKENS = 32768
RETRYABLE_STATUS = frozenset({408, 409, 429})
REPAIR_INSTRUCTION = (
    "Your previous reply could not be used: {error}. Reply again with only the corrected JSON "
    "that follows the required format, with no prose and no code fences."
)

# Response-format levels, best first; a server that rejects one drops to the next for the session.
_FORMAT_LEVELS = ("json_schema", "json_object", "none")


@dataclass
class ChatRequest:
    """One chat completion request (OpenAI message format)."""

    messages: list[dict]
    model: str
    temperature: float = 0.0
    max_tokens: int | None = None
    json_schema: dict | None = None  # {"name": ..., "schema": {...}} -> structured outputs (strict)
    prompt_id: str | None = None  # name@version#hash, logged and part of the cache key
    extra: dict = field(default_factory=dict)  # more body parameters (seed, top_p, stop, ...)


@dataclass
class ChatResult:
    """A model answer with its accounting. A cache hit has ``cached=True`` and ``cost_usd=0``
    and reports the token counts of the original call."""

    content: str
    finish_reason: str
    prompt_tokens: int
    completion_tokens: int
    cost_usd: float
    latency_ms: float
    cached: bool
    model: str
    cache_key: str = ""
    prompt_id: str | None = None
    attempts: int = 0  # HTTP attempts made (0 for a cache hit)


class _Skipped(Exception):
    """A batch request not started because another one in the batch already failed."""


@dataclass
class _Prepared:
    req: ChatRequest
    key: str
    request_json: str


def _with_schema_instruction(messages: list[dict[str, Any]], schema: dict[str, Any]) -> list[dict[str, Any]]:
    """*messages* with the JSON Schema appended to the system message, for an endpoint that takes
    JSON mode (or nothing) instead of structured outputs."""
    line = "Answer with one JSON object that follows this JSON Schema:\n" + json.dumps(
        schema, separators=(",", ":")
    )
    out = [dict(m) for m in messages]
    if out and out[0].get("role") == "system" and isinstance(out[0].get("content"), str):
        out[0]["content"] = out[0]["content"].rstrip() + "\n\n" + line
    else:
        out.insert(0, {"role": "system", "content": line})
    return out


class LLMClient:
    """A chat client for any OpenAI-compatible endpoint with retries, cache, budget and rate limit.

    ``api_key``/``base_url`` default to ``OPENAI_API_KEY``/``OPENAI_BASE_URL``. ``db_url`` defaults
    to the configured database (``summarizer config``). ``rpm`` caps request starts per minute,
    ``concurrency`` the requests in flight, ``max_cost`` the USD spent by this client. ``sleep``
    replaces the backoff sleep (tests pass a recorder so nothing really waits).
    """

    def __init__(
        self,
        *,
        model: str,
        base_url: str | None = None,
        api_key: str | None = None,
        db_url: str | None = None,
        use_cache: bool = True,
        max_retries: int = 5,
        timeout: float = 60.0,
        concurrency: int = 4,
        rpm: int | None = None,
        max_cost: float | None = None,
        sleep: Callable[[float], None] | None = None,
    ) -> None:
        if not model:
            raise InputError("no model: pass --model or set SUMMARIZER_MODEL")
        if max_retries < 0:
            raise InputError("max_retries must be zero or more")
        if timeout <= 0:
            raise InputError("timeout must be positive")
        if concurrency < 1:
            raise InputError("concurrency must be at least 1")
        if rpm is not None and rpm <= 0:
            raise InputError("--rpm must be positive")
        self.model = model
        self.base_url = (base_url or os.environ.get("OPENAI_BASE_URL") or "").strip() or None
        if self.base_url is not None:
            parts = urlsplit(self.base_url)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise InputError(f"--base-url must be an http(s) URL, got {mask_url(self.base_url)!r}")
        # the host and port only: credentials in the URL (user:pass@) never reach the call log
        self.host = (
            urlsplit(self.base_url).netloc.rsplit("@", 1)[-1] if self.base_url else DEFAULT_OPENAI_HOST
        )
        key = api_key or os.environ.get("OPENAI_API_KEY") or None
        if key is None:
            if self.base_url is None or not is_local_url(self.base_url):
                raise InputError(
                    "no API key: set OPENAI_API_KEY or store the key in the state directory's keys/openai "
                    "file (a local server given with --base-url needs none)"
                )
            key = LOCAL_DUMMY_KEY
        self._api_key = key
        self._db_url = db_url
        self.use_cache = use_cache
        self.max_retries = max_retries
        self.timeout = timeout
        self.concurrency = concurrency
        self.limiter: RateLimiter | None = RateLimiter(rpm) if rpm else None
        self.budget = Budget(max_cost)
        self.prices: dict[str, Price] = load_prices()
        self.usage = Usage()
        self._sleep_fn = sleep
        self._lock = threading.Lock()
        self._store: CallStore | None = None
        self._store_lock = threading.Lock()
        self._sync_client: openai.OpenAI | None = None
        # One async SDK client and semaphore per event loop (they cannot cross loops).
        self._loop_state: weakref.WeakKeyDictionary[
            asyncio.AbstractEventLoop, tuple[openai.AsyncOpenAI, asyncio.Semaphore]
        ]
        self._loop_state = weakref.WeakKeyDictionary()
        # What this endpoint accepts, learnt from its 400s and kept for the session.
        self._format_level = 0
        self._max_tokens_param = "max_tokens"
        self._send_temperature = True
        self._warned_unpriced: set[str] = set()

    def __repr__(self) -> str:
        return f"LLMClient(model={self.model!r}, host={self.host!r}, key={mask_secret(self._api_key)!r})"

    # -- public API ------------------------------------------------------------------------------

    @property
    def cost_usd(self) -> float:
        """USD spent by this client so far (cache hits cost nothing)."""
        return self.budget.spent

    @property
    def response_format_mode(self) -> str:
        """``json_schema``, ``json_object`` or ``none``: what this endpoint has accepted so far."""
        return _FORMAT_LEVELS[self._format_level]

    def estimated_cost(self, req: ChatRequest) -> float:
        """USD a call would cost at most: counted prompt tokens plus ``max_tokens`` (or
        ``DEFAULT_COMPLETION_ESTIMATE``) of output. 0 for models without a price."""
        price = self._price(req.model or self.model)
        if price is None:
            return 0.0
        return price.cost(self._estimate_prompt_tokens(req), req.max_tokens or DEFAULT_COMPLETION_ESTIMATE)

    def complete(self, req: ChatRequest) -> ChatResult:
        """One chat completion (from the cache when an identical call succeeded before)."""
        prepared = self._prepare(req)
        hit = self._from_cache(prepared)
        if hit is not None:
            return hit
        import openai
        import tenacity

        estimate = self.estimated_cost(req)
        self.budget.reserve(estimate)
        started = time.perf_counter()
        attempts = 0
        actual = 0.0
        try:
            retrying = tenacity.Retrying(**self._retry_kwargs(), sleep=self._sleep_fn or time.sleep)
            try:
                for attempt in retrying:
                    with attempt:
                        attempts += 1
                        if self.limiter is not None:
                            self.limiter.acquire()
                        response = self._send(self._client(), req)
            except openai.OpenAIError as exc:
                raise self._fail(prepared, exc, attempts, started) from None
            result = self._finish(prepared, response, attempts, started)
            actual = result.cost_usd
            return result
        finally:
            self.budget.settle(estimate, actual)

    async def acomplete(self, req: ChatRequest) -> ChatResult:
        """Async :meth:`complete`; concurrent calls share the concurrency cap and the rpm limiter."""
        return await self._acomplete(req, abort=None)

    def complete_many(self, reqs: list[ChatRequest]) -> list[ChatResult]:
        """Run many requests concurrently (cap ``concurrency``, limiter ``rpm``), results in order.

        If one fails, requests not yet started are skipped, those in flight finish (and are
        cached), and the first failure is raised: re-running resumes from the cache.
        """
        return _run_sync(lambda: self._amany(reqs))

    def complete_json(
        self, req: ChatRequest, parse: Callable[[str], T], *, repairs: int = 1
    ) -> tuple[T, ChatResult]:
        """A completion parsed by *parse* (which raises ``ValueError`` on invalid content).

        Invalid output is answered with up to *repairs* repair requests (the bad output plus a short
        instruction); truncated output (``finish_reason == "length"``) with a larger ``max_tokens``.
        Unusable answers are removed from the cache; a repaired answer is also cached under the first
        request, so the same call later costs nothing. Still invalid: :class:`UpstreamError`.
        """
        result = self.complete(req)
        first = req
        for round_ in range(repairs + 1):
            outcome = self._check_json(result, parse)
            if not isinstance(outcome, _Invalid):
                if round_:
                    self._remember_repaired(first, result)
                return outcome, result
            if round_ == repairs:
                break
            req = _repair_request(req, result, outcome.problem)
            log.info("repairing model output (%s): %s", outcome.kind, outcome.problem)
            result = self.complete(req)
        raise UpstreamError(self._invalid_message(req, outcome, repairs))

    async def acomplete_json(
        self, req: ChatRequest, parse: Callable[[str], T], *, repairs: int = 1
    ) -> tuple[T, ChatResult]:
        """Async :meth:`complete_json`."""
        return await self._acomplete_json(req, parse, repairs, abort=None)

    async def _acomplete_json(
        self, req: ChatRequest, parse: Callable[[str], T], repairs: int, *, abort: asyncio.Event | None
    ) -> tuple[T, ChatResult]:
        result = await self._acomplete(req, abort=abort)
        first = req
        for round_ in range(repairs + 1):
            outcome = self._check_json(result, parse)
            if not isinstance(outcome, _Invalid):
                if round_:
                    await asyncio.to_thread(self._remember_repaired, first, result)
                return outcome, result
            if round_ == repairs:
                break
            req = _repair_request(req, result, outcome.problem)
            log.info("repairing model output (%s): %s", outcome.kind, outcome.problem)
            result = await self._acomplete(req, abort=abort)
        raise UpstreamError(self._invalid_message(req, outcome, repairs))

    def complete_many_json(
        self, reqs: list[ChatRequest], parse: Callable[[str], T], *, repairs: int = 1
    ) -> list[tuple[T, ChatResult]]:
        """:meth:`complete_json` for many requests, concurrently, in order."""

        async def run() -> list[tuple[T, ChatResult]]:
            abort = asyncio.Event()
            try:
                return await self._gather_first_error(
                    [self._acomplete_json(r, parse, repairs, abort=abort) for r in reqs], abort
                )
            finally:
                await self.aclose()

        return _run_sync(run)

    def close(self) -> None:
        """Close the HTTP connections (the async ones are closed by :meth:`aclose`)."""
        if self._sync_client is not None:
            self._sync_client.close()
            self._sync_client = None

    async def aclose(self) -> None:
        """Close the async HTTP connections of the running event loop."""
        with self._lock:
            state = self._loop_state.pop(asyncio.get_running_loop(), None)
        if state is not None:
            await state[0].close()

    def __enter__(self) -> "LLMClient":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- async core --------------------------------------------------------------------------------

    async def _amany(self, reqs: list[ChatRequest]) -> list[ChatResult]:
        abort = asyncio.Event()
        try:
            return await self._gather_first_error([self._acomplete(r, abort=abort) for r in reqs], abort)
        finally:
            await self.aclose()

    async def _gather_first_error(
        self, coros: list[Awaitable[T]], abort: asyncio.Event | None = None
    ) -> list[T]:
        abort = abort or asyncio.Event()

        async def guarded(coro: Awaitable[T]) -> T:
            try:
                return await coro
            except BaseException:
                abort.set()
                raise

        results = await asyncio.gather(*(guarded(c) for c in coros), return_exceptions=True)
        for item in results:
            if isinstance(item, BaseException) and not isinstance(item, _Skipped):
                raise item
        return results  # type: ignore[return-value]

    async def _acomplete(self, req: ChatRequest, *, abort: asyncio.Event | None) -> ChatResult:
        # Database work runs in worker threads so a commit's fsync overlaps other requests.
        # Requests take the semaphore in submission order (FIFO), so a batch starts in order.
        prepared = self._prepare(req)
        import openai
        import tenacity

        client, semaphore = self._aclient()
        async with semaphore:
            if abort is not None and abort.is_set():
                raise _Skipped()
            hit = await asyncio.to_thread(self._from_cache, prepared)
            if hit is not None:
                return hit
            estimate = self.estimated_cost(req)
            self.budget.reserve(estimate)
            started = time.perf_counter()
            attempts = 0
            actual = 0.0
            try:
                retrying = tenacity.AsyncRetrying(**self._retry_kwargs(), sleep=self._async_sleep)
                try:
                    async for attempt in retrying:
                        with attempt:
                            attempts += 1
                            if self.limiter is not None:
                                await self.limiter.acquire_async()
                            response = await self._asend(client, req)
                except openai.OpenAIError as exc:
                    raise await asyncio.to_thread(self._fail, prepared, exc, attempts, started) from None
                result = await asyncio.to_thread(self._finish, prepared, response, attempts, started)
                actual = result.cost_usd
                return result
            finally:
                self.budget.settle(estimate, actual)

    async def _async_sleep(self, seconds: float) -> None:
        if self._sleep_fn is not None:
            self._sleep_fn(seconds)
            await asyncio.sleep(0)
        else:
            await asyncio.sleep(seconds)

    def _aclient(self) -> tuple["openai.AsyncOpenAI", asyncio.Semaphore]:
        """The async SDK client and semaphore of the running event loop (made once per loop)."""
        loop = asyncio.get_running_loop()
        with self._lock:
            state = self._loop_state.get(loop)
            if state is None:
                import openai

                state = (openai.AsyncOpenAI(**self._sdk_kwargs()), asyncio.Semaphore(self.concurrency))
                self._loop_state[loop] = state
        return state

    # -- sending -----------------------------------------------------------------------------------

    def _client(self) -> "openai.OpenAI":
        if self._sync_client is None:
            import openai

            self._sync_client = openai.OpenAI(**self._sdk_kwargs())
        return self._sync_client

    def _sdk_kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = {"api_key": self._api_key, "max_retries": 0, "timeout": self.timeout}
        if self.base_url:
            kwargs["base_url"] = self.base_url
        return kwargs

    def _send(self, client: "openai.OpenAI", req: ChatRequest) -> Any:
        import openai

        for _ in range(len(_FORMAT_LEVELS) + 2):
            payload, state = self._payload(req)
            try:
                return client.chat.completions.create(**payload)
            except openai.APIStatusError as exc:
                if not self._adapt(exc, state):
                    raise
        return client.chat.completions.create(**self._payload(req)[0])

    async def _asend(self, client: "openai.AsyncOpenAI", req: ChatRequest) -> Any:
        import openai

        for _ in range(len(_FORMAT_LEVELS) + 2):
            payload, state = self._payload(req)
            try:
                return await client.chat.completions.create(**payload)
            except openai.APIStatusError as exc:
                if not self._adapt(exc, state):
                    raise
        return await client.chat.completions.create(**self._payload(req)[0])

    def _payload(self, req: ChatRequest) -> tuple[dict[str, Any], tuple[int, str, bool, bool]]:
        """SDK arguments for *req* under what the endpoint is known to accept, and that state."""
        with self._lock:
            state = (self._format_level, self._max_tokens_param, self._send_temperature)
        level, max_tokens_param, send_temperature = state
        payload: dict[str, Any] = {"model": req.model or self.model, "messages": req.messages}
        if send_temperature:
            payload["temperature"] = req.temperature
        if req.max_tokens is not None:
            payload[max_tokens_param] = req.max_tokens
        if req.json_schema is not None:
            mode = _FORMAT_LEVELS[level]
            if mode == "json_schema":
                spec = {
                    "name": req.json_schema.get("name", "response"),
                    "schema": req.json_schema["schema"],
                    "strict": True,
                }
                if req.json_schema.get("description"):
                    spec["description"] = req.json_schema["description"]
                payload["response_format"] = {"type": "json_schema", "json_schema": spec}
            elif mode == "json_object":
                payload["response_format"] = {"type": "json_object"}
            if mode != "json_schema":  # the server will not enforce the schema: the model must see it
                payload["messages"] = _with_schema_instruction(req.messages, req.json_schema["schema"])
        if req.extra:
            payload["extra_body"] = dict(req.extra)
        return payload, (*state, "response_format" in payload)

    def _adapt(self, exc: "openai.APIStatusError", state: tuple[int, str, bool, bool]) -> bool:
        """Learn from a 400/422 that the endpoint rejects a parameter; True if worth resending.
        (Some servers, llama-cpp-python among them, answer an unsupported response_format with a
        500 that names it: that one counts too.)"""
        if exc.status_code not in (400, 422, 500):
            return False
        text = _server_message(exc).lower()
        level, max_tokens_param, send_temperature, sent_format = state
        if exc.status_code == 500 and not (
            sent_format and any(w in text for w in ("response_format", "json_schema"))
        ):
            return False
        with self._lock:
            if sent_format and any(
                w in text for w in ("response_format", "json_schema", "json_object", "structured output")
            ):
                if self._format_level == level:  # another call may have downgraded already
                    self._format_level = level + 1
                    log.warning(
                        "%s rejected response_format %s; using %s for this session (%s)",
                        self.host,
                        _FORMAT_LEVELS[level],
                        _FORMAT_LEVELS[level + 1],
                        self._scrub(_server_message(exc))[:200],
                    )
                return True
            if (
                max_tokens_param == "max_tokens"
                and "max_completion_tokens" in text
                and "max_tokens" in text.replace("max_completion_tokens", "")
            ):
                self._max_tokens_param = "max_completion_tokens"
                log.info("%s wants max_completion_tokens; switching for this session", self.host)
                return True
            if (
                send_temperature
                and "temperature" in text
                and ("unsupported" in text or "not support" in text)
            ):
                self._send_temperature = False
                log.warning(
                    "%s does not accept a temperature for %s; using the model's default",
                    self.host,
                    self.model,
                )
                return True
        return False

    # -- retry policy ------------------------------------------------------------------------------

    def _retry_kwargs(self) -> dict[str, Any]:
        import tenacity

        backoff = tenacity.wait_exponential_jitter(initial=1, max=30, jitter=1)

        def wait(state: tenacity.RetryCallState) -> float:
            exc = state.outcome.exception() if state.outcome else None
            hinted = _retry_after_seconds(exc)
            return min(hinted, MAX_RETRY_AFTER) if hinted is not None else backoff(state)

        def before_sleep(state: tenacity.RetryCallState) -> None:
            exc = state.outcome.exception() if state.outcome else None
            log.warning(
                "model call to %s failed (%s), retry %d/%d in %.1fs",
                self.host,
                self._scrub(_describe_briefly(exc)),
                state.attempt_number,
                self.max_retries,
                state.next_action.sleep if state.next_action else 0.0,
            )

        return {
            "stop": tenacity.stop_after_attempt(self.max_retries + 1),
            "wait": wait,
            "retry": tenacity.retry_if_exception(_is_retryable),
            "before_sleep": before_sleep,
            "reraise": True,
        }

    # -- results, cache and log --------------------------------------------------------------------

    def _prepare(self, req: ChatRequest) -> _Prepared:
        if not req.messages:
            raise InputError("a chat request needs at least one message")
        if req.json_schema is not None and not isinstance(req.json_schema.get("schema"), dict):
            raise InputError('json_schema must look like {"name": ..., "schema": {...}}')
        model = req.model or self.model
        params = {
            "temperature": req.temperature,
            "max_tokens": req.max_tokens,
            "json_schema": req.json_schema,
            "extra": req.extra,
        }
        key = cache_key(model=model, messages=req.messages, params=params, prompt_id=req.prompt_id)
        request_json = self._redact_key(
            canonical_json({"model": model, "messages": req.messages, **params, "prompt_id": req.prompt_id})
        )
        return _Prepared(req=req, key=key, request_json=request_json)

    @property
    def store(self) -> CallStore:
        """The call log and cache (opened on first use; ``db_url`` or the configured database)."""
        with self._store_lock:
            if self._store is None:
                url = self._db_url
                if url is None:
                    from summarizer.config import load_settings

                    url = load_settings().db_url
                from sqlalchemy.exc import SQLAlchemyError

                try:
                    self._store = CallStore(url)
                except (SQLAlchemyError, OSError) as exc:
                    raise InputError(
                        f"cannot open the database {mask_url(url)}: {_one_line(str(exc), 160)}"
                    ) from None
            return self._store

    def _from_cache(self, prepared: _Prepared) -> ChatResult | None:
        if not self.use_cache:
            return None
        started = time.perf_counter()
        hit = self.store.lookup(prepared.key)
        if hit is None:
            return None
        req = prepared.req
        latency = (time.perf_counter() - started) * 1000
        self.store.record(
            cache_key=prepared.key,
            prompt_id=req.prompt_id,
            model=req.model or self.model,
            base_url_host=self.host,
            request_json=prepared.request_json,
            response_json=None,
            ok=True,
            prompt_tokens=hit.prompt_tokens,
            completion_tokens=hit.completion_tokens,
            cost_usd=0.0,
            latency_ms=latency,
            cached=True,
        )
        with self._lock:
            self.usage.cache_hits += 1
        log.info(
            "model call prompt=%s model=%s host=%s cached=True tokens=%d+%d cost=$0 latency=%.0fms",
            req.prompt_id,
            hit.model,
            self.host,
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

    def _finish(self, prepared: _Prepared, response: Any, attempts: int, started: float) -> ChatResult:
        req = prepared.req
        latency = (time.perf_counter() - started) * 1000
        choices = getattr(response, "choices", None)
        if not choices:
            what = "returned no choices"
            if isinstance(response, (str, bytes)) and re.match(rb"\s*<", _as_bytes(response)):
                what = "answered with an HTML page, not a chat completion (check --base-url: it should end in /v1)"
            raise self._fail_message(prepared, f"the endpoint {what}", attempts, latency)
        choice = choices[0]
        message = choice.message
        finish = choice.finish_reason or "stop"
        refusal = getattr(message, "refusal", None)
        if refusal or finish == "content_filter":
            why = _one_line(refusal or "the content filter stopped the answer", 200)
            raise self._fail_message(prepared, f"the model refused: {why}", attempts, latency, refusal=True)
        content = message.content or ""
        model = getattr(response, "model", None) or req.model or self.model
        usage = getattr(response, "usage", None)
        prompt_tokens = getattr(usage, "prompt_tokens", None) or self._estimate_prompt_tokens(req)
        completion_tokens = getattr(usage, "completion_tokens", None)
        if completion_tokens is None:
            completion_tokens = count_tokens(content, model)
        price = self._price(model) or self._price(req.model or self.model)
        cost = price.cost(prompt_tokens, completion_tokens) if price else 0.0
        # Every call is logged, also with use_cache=False (which only bypasses reading the cache).
        self.store.record(
            cache_key=prepared.key,
            prompt_id=req.prompt_id,
            model=req.model or self.model,
            base_url_host=self.host,
            request_json=prepared.request_json,
            response_json=self._redact_key(
                canonical_json(
                    {"content": content, "finish_reason": finish, "model": model, "attempts": attempts}
                )
            ),
            ok=True,
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
            cost_usd=cost,
            latency_ms=latency,
            cached=False,
        )
        with self._lock:
            self.usage.calls += 1
            self.usage.prompt_tokens += prompt_tokens
            self.usage.completion_tokens += completion_tokens
        log.info(
            "model call prompt=%s model=%s host=%s cached=False tokens=%d+%d cost=$%.6f latency=%.0fms attempts=%d finish=%s",
            req.prompt_id,
            model,
            self.host,
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

    def _fail(self, prepared: _Prepared, exc: BaseException, attempts: int, started: float) -> UpstreamError:
        latency = (time.perf_counter() - started) * 1000
        return self._fail_message(
            prepared, self._describe(exc, prepared.req, attempts), attempts, latency, explained=True
        )

    def _fail_message(
        self,
        prepared: _Prepared,
        what: str,
        attempts: int,
        latency: float,
        *,
        refusal: bool = False,
        explained: bool = False,
    ) -> UpstreamError:
        """Log a failed call (never served from the cache) and build its one-line error."""
        message = what if explained else f"model endpoint {self.host}: {what}"
        message = self._scrub(message)
        req = prepared.req
        self.store.record(
            cache_key=prepared.key,
            prompt_id=req.prompt_id,
            model=req.model or self.model,
            base_url_host=self.host,
            request_json=prepared.request_json,
            response_json=None,
            ok=False,
            error=message[:1000],
            latency_ms=latency,
            cached=False,
        )
        log.warning(
            "model call prompt=%s model=%s host=%s failed after %d attempt(s): %s",
            req.prompt_id,
            req.model or self.model,
            self.host,
            attempts,
            message,
        )
        return UpstreamError(message)

    def _describe(self, exc: BaseException, req: ChatRequest, attempts: int) -> str:
        """One line for a failed call: endpoint, what went wrong, attempts; never the key."""
        import openai

        tries = f"after {attempts} attempt{'s' if attempts != 1 else ''}"
        where = f"model endpoint {self.host}"
        model = req.model or self.model
        if isinstance(exc, openai.APITimeoutError):
            return f"{where}: timed out ({self.timeout:g}s per request) {tries}"
        if isinstance(exc, openai.APIConnectionError):
            return f"{where}: could not connect {tries} ({type(exc.__cause__ or exc).__name__})"
        if isinstance(exc, openai.APIStatusError):
            status = exc.status_code
            detail = _one_line(_server_message(exc), 200)
            if status == 401:
                return f"{where}: authentication failed (401): check OPENAI_API_KEY (or the keys/openai file)"
            if status == 403:
                return f"{where}: permission denied (403) for model {model!r}: {detail}"
            if status == 404:
                return f"{where}: model {model!r} or route not found (404): {detail}"
            if status == 429 and _is_quota_error(exc):
                return f"{where}: quota exhausted (429 insufficient_quota): check the account's billing"
            if status == 429:
                return f"{where}: rate limited (429) {tries}: {detail}"
            if status >= 500:
                return f"{where}: server error {status} {tries}: {detail}"
            return f"{where}: request rejected ({status}): {detail}"
        return f"{where}: {type(exc).__name__} {tries}"

    def _scrub(self, text: str) -> str:
        """Remove the API key (and any bearer token) from text meant for logs or errors."""
        return re.sub(r"(?i)bearer\s+\S+", "Bearer ****", self._redact_key(text))

    def _redact_key(self, text: str) -> str:
        """Replace the API key wherever it appears (stored requests and answers included)."""
        if self._api_key and len(self._api_key) >= 8 and self._api_key != LOCAL_DUMMY_KEY:
            text = text.replace(self._api_key, mask_secret(self._api_key) or "****")
        return text

    # -- JSON repair -------------------------------------------------------------------------------

    def _check_json(self, result: ChatResult, parse: Callable[[str], T]) -> T | "_Invalid":
        if result.finish_reason == "length":
            problem = _Invalid(
                "truncated",
                f"the output was cut off at {result.completion_tokens} tokens (finish_reason length)",
            )
        else:
            try:
                return parse(result.content)
            except ValueError as exc:
                problem = _Invalid("invalid", _one_line(str(exc), 300) or type(exc).__name__)
        if result.cache_key and self.use_cache:
            self.store.invalidate(result.cache_key, f"unusable output: {problem.problem}")
        return problem

    def _remember_repaired(self, first: ChatRequest, result: ChatResult) -> None:
        """Cache a repaired answer under the request that first got the unusable one (no tokens or
        cost of its own: the call that produced it is logged already)."""
        prepared = self._prepare(first)
        if prepared.key == result.cache_key:
            return
        self.store.record(
            cache_key=prepared.key,
            prompt_id=first.prompt_id,
            model=first.model or self.model,
            base_url_host=self.host,
            request_json=prepared.request_json,
            response_json=self._redact_key(
                canonical_json(
                    {
                        "content": result.content,
                        "finish_reason": result.finish_reason,
                        "model": result.model,
                        "attempts": 0,
                        "repaired_from": result.cache_key,
                    }
                )
            ),
            ok=True,
            prompt_tokens=0,
            completion_tokens=0,
            cost_usd=0.0,
            latency_ms=0.0,
            cached=False,
        )

    def _invalid_message(self, req: ChatRequest, outcome: "_Invalid", repairs: int) -> str:
        return self._scrub(
            f"model endpoint {self.host}: {req.model or self.model} returned {outcome.kind} output "
            f"after {repairs} repair attempt{'s' if repairs != 1 else ''}: {outcome.problem}"
        )

    # -- accounting --------------------------------------------------------------------------------

    def _price(self, model: str) -> Price | None:
        price = price_for(model, self.prices)
        if price is None and model not in self._warned_unpriced:
            self._warned_unpriced.add(model)
            log.info("no price for model %s: its cost counts as 0 (add it to prices.toml)", model)
        return price

    def _estimate_prompt_tokens(self, req: ChatRequest) -> int:
        model = req.model or self.model
        tokens = count_message_tokens(req.messages, model)
        if req.json_schema is not None:
            tokens += count_tokens(canonical_json(req.json_schema), model)
        return tokens


@dataclass
class _Invalid:
    kind: str  # "invalid" or "truncated"
    problem: str


def _repair_request(req: ChatRequest, result: ChatResult, problem: str) -> ChatRequest:
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


def is_local_url(url: str) -> bool:
    """True for loopback, private-network, ``*.local``/``*.localhost`` and single-label hosts
    (``localhost``, a Docker service name): servers that need no real API key."""
    host = (urlsplit(url).hostname or "").lower()
    if not host:
        return False
    if (
        host == "localhost"
        or host.endswith((".localhost", ".local", ".internal"))
        or "." not in host
        and ":" not in host
    ):
        return True
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False
    return ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_unspecified


def _is_retryable(exc: BaseException) -> bool:
    import openai

    if isinstance(exc, (openai.APITimeoutError, openai.APIConnectionError)):
        return True
    if isinstance(exc, openai.APIStatusError):
        if exc.status_code == 429 and _is_quota_error(exc):
            return False
        return exc.status_code in RETRYABLE_STATUS or exc.status_code >= 500
    return False


def _is_quota_error(exc: "openai.APIStatusError") -> bool:
    body = exc.body if isinstance(exc.body, dict) else {}
    return body.get("code") == "insufficient_quota" or body.get("type") == "insufficient_quota"


def _retry_after_seconds(exc: BaseException | None) -> float | None:
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


def _server_message(exc: "openai.APIStatusError") -> str:
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


def _describe_briefly(exc: BaseException | None) -> str:
    import openai

    if isinstance(exc, openai.APIStatusError):
        return f"{exc.status_code} {_one_line(_server_message(exc), 120)}"
    if isinstance(exc, openai.APITimeoutError):
        return "timeout"
    if isinstance(exc, openai.APIConnectionError):
        return "connection error"
    return type(exc).__name__ if exc else "unknown"


def _one_line(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _run_sync(factory: Callable[[], Awaitable[T]]) -> T:
    """Run a coroutine to completion from sync code, even when an event loop is already running."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(factory())  # type: ignore[arg-type]
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(factory())).result()  # type: ignore[arg-type]


__all__ = [
    "ChatRequest",
    "ChatResult",
    "LLMClient",
    "is_local_url",
]


def _as_bytes(value: str | bytes) -> bytes:
    return value if isinstance(value, bytes) else value[:200].encode("utf-8", "replace")
