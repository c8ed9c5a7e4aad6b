"""The requests-per-minute token bucket (fake clock: nothing waits)."""

from __future__ import annotations

import asyncio
import threading

import pytest

from summarizer.llm.ratelimit import RateLimiter


class FakeClock:
    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_starts_are_spaced_by_the_interval() -> None:
    clock = FakeClock()
    limiter = RateLimiter(600, clock=clock)
    assert [round(limiter.reserve(), 6) for _ in range(4)] == [0.0, 0.1, 0.2, 0.3]
    clock.now += 10  # idle: the bucket refills, but only up to its burst
    assert [round(limiter.reserve(), 6) for _ in range(3)] == [0.0, 0.1, 0.2]


def test_burst_allows_that_many_at_once() -> None:
    clock = FakeClock()
    limiter = RateLimiter(60, burst=3, clock=clock)
    assert [round(limiter.reserve(), 6) for _ in range(5)] == [0.0, 0.0, 0.0, 1.0, 2.0]


def test_never_more_than_rpm_starts_in_any_minute() -> None:
    clock = FakeClock(0.0)
    limiter = RateLimiter(120, burst=5, clock=clock)
    starts = [clock.now + limiter.reserve() for _ in range(500)]
    for i, start in enumerate(starts):
        in_window = sum(1 for s in starts[i:] if s < start + 60)
        assert in_window <= 120 + 5  # rpm plus the initial burst allowance


def test_threads_get_distinct_slots() -> None:
    clock = FakeClock()
    limiter = RateLimiter(60, clock=clock)
    waits: list[float] = []
    lock = threading.Lock()

    def take() -> None:
        w = limiter.reserve()
        with lock:
            waits.append(round(w, 6))

    threads = [threading.Thread(target=take) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(waits) == [float(i) for i in range(20)]


def test_async_acquire_sleeps_the_reserved_time() -> None:
    clock = FakeClock()
    slept: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        slept.append(round(seconds, 6))

    limiter = RateLimiter(120, clock=clock, async_sleep=fake_sleep)

    async def run() -> None:
        await asyncio.gather(*(limiter.acquire_async() for _ in range(4)))

    asyncio.run(run())
    assert sorted(slept) == [0.5, 1.0, 1.5]  # the first starts at once


def test_invalid_settings() -> None:
    with pytest.raises(ValueError):
        RateLimiter(0)
    with pytest.raises(ValueError):
        RateLimiter(60, burst=0)
