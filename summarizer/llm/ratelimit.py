"""A requests-per-minute limiter shared by every call of a client (sync, async, any thread).

It is a token bucket that holds at most ``burst`` tokens and refills one every ``60 / rpm``
seconds. With the default ``burst=1`` requests start evenly spaced, so no minute ever sees more
than ``rpm`` starts, and a long run reaches the limit itself. Each caller *reserves* the next free
start time under a lock and then sleeps until it, so concurrent callers never race for a slot.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Awaitable, Callable


class RateLimiter:
    """Token bucket limiting request starts to ``rpm`` per minute."""

    def __init__(
        self,
        rpm: float,
        *,
        burst: int = 1,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        async_sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        if rpm <= 0:
            raise ValueError("rpm must be positive")
        if burst < 1:
            raise ValueError("burst must be at least 1")
        self.rpm = rpm
        self.burst = burst
        self.interval = 60.0 / rpm
        self._clock = clock
        self._sleep = sleep
        self._async_sleep = async_sleep
        self._lock = threading.Lock()
        # The time at which the bucket would be full again; a start uses one interval of it.
        self._full_at = clock()

    def reserve(self) -> float:
        """Take the next slot; return how long the caller must wait before starting (seconds)."""
        with self._lock:
            now = self._clock()
            earliest = self._full_at - (self.burst - 1) * self.interval  # when one token is available
            start = max(now, earliest)
            self._full_at = max(self._full_at, now) + self.interval
            return start - now

    def acquire(self) -> float:
        """Block until a request may start; return the time waited."""
        wait = self.reserve()
        if wait > 0:
            self._sleep(wait)
        return wait

    async def acquire_async(self) -> float:
        """Await until a request may start; return the time waited."""
        wait = self.reserve()
        if wait > 0:
            await self._async_sleep(wait)
        return wait
