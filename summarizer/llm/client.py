"""The one way this project talks to a chat model: any OpenAI-compatible endpoint.

:class:`LLMClient` wraps the OpenAI SDK (so OpenAI, Azure OpenAI's v1 endpoint and local servers
such as Ollama, vLLM and llama.cpp all work) and adds what the SDK leaves to callers, each in a
module of its own:

- retries with jittered exponential backoff, honouring ``Retry-After`` (:mod:`.retries`; the
  SDK's own retries are off) and one-line failures that never hold the key (:mod:`.failures`);
- structured outputs falling back to JSON mode, then plain text, when a server rejects them
  (:mod:`.negotiation`), and a bounded repair of invalid or truncated JSON (:mod:`.repair`);
- a content-addressed response cache and call log it is *given* (:mod:`.cache`: in memory by
  default; :class:`summarizer.store.model_calls.ModelCallStore` keeps it in the database), where
  every outcome is written (:mod:`.outcomes`);
- token and cost accounting and a ``max_cost`` budget checked before a call (:mod:`.accounting`);
- async fan-out with a concurrency cap and a requests-per-minute limiter, order kept.

There is one request path, the async one; the sync methods run it on the client's own event loop
thread (:mod:`.loop`), so they also work inside a running loop. Failures end in
:class:`~summarizer.errors.UpstreamError` with one line that names the endpoint host.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
import weakref
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, TypeVar

from summarizer.config import mask_secret
from summarizer.errors import InputError, UpstreamError
from summarizer.llm.accounting import Accounts
from summarizer.llm.cache import CallLog, MemoryCallLog
from summarizer.llm.endpoint import Endpoint, is_local_url
from summarizer.llm.loop import LoopThread
from summarizer.llm.negotiation import Capabilities
from summarizer.llm.outcomes import Outcomes
from summarizer.llm.pricing import Budget, Price
from summarizer.llm.ratelimit import RateLimiter
from summarizer.llm.repair import Invalid, check_answer, repair_request, still_invalid
from summarizer.llm.request import ChatRequest, ChatResult, prepare
from summarizer.llm.retries import async_retrying
from summarizer.model.record import Usage

if TYPE_CHECKING:  # pragma: no cover
    import openai

log = logging.getLogger("summarizer.llm")

T = TypeVar("T")


class _Skipped(Exception):
    """A batch request not started because another one in the batch already failed."""


class LLMClient:
    """A chat client for any OpenAI-compatible endpoint with retries, cache, budget and rate limit.

    ``base_url`` None means OpenAI; ``api_key`` may be None only for a local server. ``call_log``
    is the response cache and call log (default: in memory); ``use_cache=False`` still logs every
    call but never answers from the log. ``rpm`` caps request starts per minute, ``concurrency``
    the requests in flight, ``max_cost`` the USD spent by this client. ``sleep`` replaces the
    backoff sleep (tests pass a recorder so nothing really waits).
    """

    def __init__(
        self,
        *,
        model: str,
        base_url: str | None = None,
        api_key: str | None = None,
        call_log: CallLog | None = None,
        use_cache: bool = True,
        max_retries: int = 5,
        timeout: float = 60.0,
        concurrency: int = 4,
        rpm: int | None = None,
        max_cost: float | None = None,
        sleep: Callable[[float], None] | None = None,
    ) -> None:
        if not model:
            raise InputError("no model: name one or set SUMMARIZER_MODEL", setting="model")
        if max_retries < 0:
            raise InputError("max_retries must be zero or more")
        if timeout <= 0:
            raise InputError("timeout must be positive")
        if concurrency < 1:
            raise InputError("concurrency must be at least 1")
        if rpm is not None and rpm <= 0:
            raise InputError("requests per minute must be positive", setting="rpm")
        self.model = model
        self.endpoint = Endpoint.resolve(base_url, api_key)
        self.use_cache = use_cache
        self.max_retries = max_retries
        self.timeout = timeout
        self.concurrency = concurrency
        self.limiter: RateLimiter | None = RateLimiter(rpm) if rpm else None
        self.accounts = Accounts(max_cost)
        self.capabilities = Capabilities(self.endpoint.host, self.endpoint.scrub)
        log_ = call_log if call_log is not None else MemoryCallLog()
        self.outcomes = Outcomes(self.endpoint, log_, self.accounts, timeout)
        self._sleep_fn = sleep
        self._lock = threading.Lock()
        self._runner = LoopThread()
        # One async SDK client and semaphore per event loop (they cannot cross loops).
        self._loop_state: weakref.WeakKeyDictionary[
            asyncio.AbstractEventLoop, tuple[openai.AsyncOpenAI, asyncio.Semaphore]
        ]
        self._loop_state = weakref.WeakKeyDictionary()

    def __repr__(self) -> str:
        return (
            f"LLMClient(model={self.model!r}, host={self.host!r}, key={mask_secret(self.endpoint.api_key)!r})"
        )

    # -- public API ------------------------------------------------------------------------------

    @property
    def call_log(self) -> CallLog:
        """The response cache and call log this client was given (or its in-memory one)."""
        return self.outcomes.call_log

    @property
    def base_url(self) -> str | None:
        return self.endpoint.base_url

    @property
    def host(self) -> str:
        return self.endpoint.host

    @property
    def budget(self) -> Budget:
        return self.accounts.budget

    @property
    def prices(self) -> dict[str, Price]:
        return self.accounts.prices

    @property
    def usage(self) -> Usage:
        return self.accounts.usage

    @property
    def cost_usd(self) -> float:
        """USD spent by this client so far (cache hits cost nothing)."""
        return self.accounts.budget.spent

    @property
    def response_format_mode(self) -> str:
        """``json_schema``, ``json_object`` or ``none``: what this endpoint has accepted so far."""
        return self.capabilities.response_format_mode

    def estimated_cost(self, req: ChatRequest) -> float:
        """USD a call would cost at most (see :meth:`Accounts.estimated_cost`)."""
        return self.accounts.estimated_cost(req, req.model or self.model)

    def complete(self, req: ChatRequest) -> ChatResult:
        """One chat completion (from the cache when an identical call succeeded before)."""
        return self._runner.run(lambda: self._acomplete(req, capped=False))

    async def acomplete(self, req: ChatRequest) -> ChatResult:
        """Async :meth:`complete`; concurrent calls share the concurrency cap and the rpm limiter."""
        return await self._acomplete(req)

    def complete_many(self, reqs: list[ChatRequest]) -> list[ChatResult]:
        """Run many requests concurrently (cap ``concurrency``, limiter ``rpm``), results in order.

        If one fails, requests not yet started are skipped, those in flight finish (and are
        cached), and the first failure is raised: re-running resumes from the cache.
        """

        async def run() -> list[ChatResult]:
            abort = asyncio.Event()
            return await _gather_first_error([self._acomplete(r, abort=abort) for r in reqs], abort)

        return self._runner.run(run)

    def complete_json(
        self, req: ChatRequest, parse: Callable[[str], T], *, repairs: int = 1
    ) -> tuple[T, ChatResult]:
        """A completion parsed by *parse* (which raises ``ValueError`` on invalid content).

        Invalid output is answered with up to *repairs* repair requests (the bad output plus a short
        instruction); truncated output (``finish_reason == "length"``) with a larger ``max_tokens``.
        Unusable answers are removed from the cache; a repaired answer is also cached under the first
        request, so the same call later costs nothing. Still invalid: :class:`UpstreamError`.
        """
        return self._runner.run(lambda: self._acomplete_json(req, parse, repairs, capped=False))

    async def acomplete_json(
        self, req: ChatRequest, parse: Callable[[str], T], *, repairs: int = 1
    ) -> tuple[T, ChatResult]:
        """Async :meth:`complete_json`."""
        return await self._acomplete_json(req, parse, repairs)

    def complete_many_json(
        self, reqs: list[ChatRequest], parse: Callable[[str], T], *, repairs: int = 1
    ) -> list[tuple[T, ChatResult]]:
        """:meth:`complete_json` for many requests, concurrently, in order."""

        async def run() -> list[tuple[T, ChatResult]]:
            abort = asyncio.Event()
            return await _gather_first_error(
                [self._acomplete_json(r, parse, repairs, abort=abort) for r in reqs], abort
            )

        return self._runner.run(run)

    def close(self) -> None:
        """Close the HTTP connections of the sync methods and stop their event loop thread, once
        no sync call is in progress (connections :meth:`acomplete` made in a caller's loop are
        closed by :meth:`aclose`)."""
        self._runner.close(self.aclose)

    async def aclose(self) -> None:
        """Close the async HTTP connections of the running event loop."""
        with self._lock:
            state = self._loop_state.pop(asyncio.get_running_loop(), None)
        if state is not None:
            await state[0].close()

    def __enter__(self) -> LLMClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the request path --------------------------------------------------------------------------

    async def _acomplete_json(
        self,
        req: ChatRequest,
        parse: Callable[[str], T],
        repairs: int,
        *,
        abort: asyncio.Event | None = None,
        capped: bool = True,
    ) -> tuple[T, ChatResult]:
        result = await self._acomplete(req, abort=abort, capped=capped)
        first = req
        for round_ in range(repairs + 1):
            outcome = check_answer(result, parse)
            if not isinstance(outcome, Invalid):
                if round_:
                    first_prepared = prepare(first, self.model, self.endpoint.redact)
                    await asyncio.to_thread(self.outcomes.remember_repaired, first_prepared, result)
                return outcome, result
            if result.cache_key and self.use_cache:
                await asyncio.to_thread(
                    self.call_log.invalidate, result.cache_key, f"unusable output: {outcome.problem}"
                )
            if round_ == repairs:
                break
            req = repair_request(req, result, outcome.problem)
            log.info("repairing model output (%s): %s", outcome.kind, outcome.problem)
            result = await self._acomplete(req, abort=abort, capped=capped)
        assert isinstance(outcome, Invalid)
        raise UpstreamError(
            self.endpoint.scrub(still_invalid(self.host, req.model or self.model, outcome, repairs))
        )

    async def _acomplete(
        self, req: ChatRequest, *, abort: asyncio.Event | None = None, capped: bool = True
    ) -> ChatResult:
        """The one request path: cache, budget, rate limit, retries, accounting and the log.

        Database work runs in worker threads so a commit's fsync overlaps other requests.
        Capped requests take the semaphore in submission order (FIFO), so a batch starts in order;
        the sync :meth:`complete` is not capped (as a direct call it was never queued).
        """
        import openai

        prepared = prepare(req, self.model, self.endpoint.redact)
        client, semaphore = self._aclient()
        async with semaphore if capped else contextlib.nullcontext():
            if abort is not None and abort.is_set():
                raise _Skipped()
            hit = await asyncio.to_thread(self.outcomes.cached, prepared) if self.use_cache else None
            if hit is not None:
                return hit
            estimate = self.estimated_cost(req)
            self.budget.reserve(estimate)
            started = time.perf_counter()
            attempts = 0
            actual = 0.0
            try:
                retrying = async_retrying(
                    host=self.host, max_retries=self.max_retries, scrub=self.endpoint.scrub, sleep=self._sleep
                )
                try:
                    async for attempt in retrying:
                        with attempt:
                            attempts += 1
                            if self.limiter is not None:
                                await self.limiter.acquire_async()
                            response = await self.capabilities.send(client, req, prepared.model)
                except openai.OpenAIError as exc:
                    raise await asyncio.to_thread(
                        self.outcomes.failed, prepared, exc, attempts, started
                    ) from None
                result = await asyncio.to_thread(
                    self.outcomes.answered, prepared, response, attempts, started
                )
                actual = result.cost_usd
                return result
            finally:
                self.budget.settle(estimate, actual)

    async def _sleep(self, seconds: float) -> None:
        if self._sleep_fn is not None:
            self._sleep_fn(seconds)
            await asyncio.sleep(0)
        else:
            await asyncio.sleep(seconds)

    def _aclient(self) -> tuple[openai.AsyncOpenAI, asyncio.Semaphore]:
        """The async SDK client and semaphore of the running event loop (made once per loop)."""
        loop = asyncio.get_running_loop()
        with self._lock:
            state = self._loop_state.get(loop)
            if state is None:
                import openai

                state = (
                    openai.AsyncOpenAI(**self.endpoint.sdk_kwargs(self.timeout)),
                    asyncio.Semaphore(self.concurrency),
                )
                self._loop_state[loop] = state
        return state


async def _gather_first_error(coros: list[Awaitable[T]], abort: asyncio.Event) -> list[T]:
    """Await every coroutine; after the first failure the rest skip their start; raise it."""

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


__all__ = ["ChatRequest", "ChatResult", "LLMClient", "is_local_url"]
