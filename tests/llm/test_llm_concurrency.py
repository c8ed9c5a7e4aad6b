"""complete_many: order kept, concurrency capped, rpm limiter shared, failures stop the batch."""

from __future__ import annotations

import asyncio

import pytest

from summarizer.errors import UpstreamError
from summarizer.llm.ratelimit import RateLimiter
from summarizer.testing.fake_openai import ScriptedResponse, chat_completion


def echo(body: dict) -> ScriptedResponse:
    return ScriptedResponse(200, chat_completion("echo:" + body["messages"][-1]["content"]))


def test_order_kept_and_concurrency_capped(fake_openai, make_client, make_request) -> None:
    fake_openai.responder = echo
    fake_openai.latency = 0.05
    results = make_client(concurrency=4).complete_many([make_request(f"q{i}") for i in range(16)])
    assert [r.content for r in results] == [f"echo:q{i}" for i in range(16)]
    assert 2 <= fake_openai.max_in_flight <= 4


def test_concurrency_one_is_sequential(fake_openai, make_client, make_request) -> None:
    fake_openai.responder = echo
    fake_openai.latency = 0.02
    make_client(concurrency=1).complete_many([make_request(f"q{i}") for i in range(5)])
    assert fake_openai.max_in_flight == 1


def test_rate_limiter_spaces_the_batch(fake_openai, make_client, make_request) -> None:
    fake_openai.responder = echo
    waits: list[float] = []
    now = [0.0]

    async def fake_sleep(seconds: float) -> None:
        waits.append(round(seconds, 6))

    client = make_client(concurrency=8)
    client.limiter = RateLimiter(60, clock=lambda: now[0], async_sleep=fake_sleep)
    client.complete_many([make_request(f"q{i}") for i in range(6)])
    assert sorted(waits) == [1.0, 2.0, 3.0, 4.0, 5.0]  # one start per second at 60 rpm


def test_rpm_option_builds_a_limiter(make_client) -> None:
    client = make_client(rpm=600)
    assert client.limiter is not None and client.limiter.interval == pytest.approx(0.1)
    assert make_client().limiter is None


def test_failure_stops_the_rest_of_the_batch(fake_openai, make_client, make_request) -> None:
    fake_openai.enqueue_reply("first ok")
    fake_openai.enqueue_error(401, "bad key")
    fake_openai.responder = echo
    client = make_client(concurrency=1)
    with pytest.raises(UpstreamError, match="authentication failed"):
        client.complete_many([make_request(f"q{i}") for i in range(10)])
    assert len(fake_openai.chat_requests) == 2  # the rest were never sent
    assert client.complete(make_request("q0")).cached  # what succeeded is kept


def test_cached_and_fresh_mix(fake_openai, make_client, make_request) -> None:
    fake_openai.responder = echo
    client = make_client(concurrency=3)
    client.complete(make_request("q1"))
    results = client.complete_many([make_request(f"q{i}") for i in range(3)])
    assert [r.cached for r in results] == [False, True, False]
    assert len(fake_openai.chat_requests) == 3


def test_acomplete_and_many_from_inside_a_running_loop(fake_openai, make_client, make_request) -> None:
    fake_openai.responder = echo
    client = make_client(concurrency=2)

    async def main() -> list[str]:
        direct = await asyncio.gather(*(client.acomplete(make_request(f"a{i}")) for i in range(3)))
        nested = client.complete_many([make_request("b0"), make_request("b1")])  # sync API inside a loop
        await client.aclose()
        return [r.content for r in [*direct, *nested]]

    assert asyncio.run(main()) == ["echo:a0", "echo:a1", "echo:a2", "echo:b0", "echo:b1"]


def test_async_retries_use_the_injected_sleep(fake_openai, make_client, make_request, sleeps) -> None:
    fake_openai.enqueue_error(429, "slow", headers={"Retry-After": "4"})
    fake_openai.enqueue_reply("after wait")
    [result] = make_client().complete_many([make_request()])
    assert result.content == "after wait" and sleeps == [4.0]
