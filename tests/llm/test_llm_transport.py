"""The client is transport only: its call log is injected (in memory unless given one), and the
sync methods drive the one async request path on the client's own event loop thread."""

from __future__ import annotations

import asyncio
import threading

import pytest

from summarizer.errors import UpstreamError
from summarizer.llm import CallRecord, LLMClient, MemoryCallLog
from summarizer.testing.fake_openai import ScriptedResponse, chat_completion


def _loop_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "summarizer-llm"]


def test_without_a_call_log_calls_are_cached_in_memory(fake_openai, make_request) -> None:
    fake_openai.enqueue_reply("remembered")
    with LLMClient(model="gpt-4o-mini", base_url=fake_openai.base_url, api_key="sk-test") as client:
        assert isinstance(client.call_log, MemoryCallLog)
        first, again = client.complete(make_request()), client.complete(make_request())
        assert (first.cached, again.cached, again.content) == (False, True, "remembered")
        assert [(c.ok, c.cached) for c in client.call_log.calls] == [(True, False), (True, True)]
    assert len(fake_openai.chat_requests) == 1


def test_an_injected_call_log_sees_every_call_and_answers_hits(fake_openai, make_request) -> None:
    class Recording(MemoryCallLog):
        lookups: list[str] = []

        def lookup(self, key: str):
            self.lookups.append(key)
            return super().lookup(key)

    log = Recording()
    fake_openai.enqueue_error(401, "bad key")
    with LLMClient(model="m", base_url=fake_openai.base_url, api_key="sk-test", call_log=log) as client:
        with pytest.raises(UpstreamError, match="authentication failed"):
            client.complete(make_request())
    assert [(c.ok, c.error is not None) for c in log.calls] == [(False, True)]
    assert len(log.lookups) == 1 and isinstance(log.calls[0], CallRecord)
    assert "sk-test" not in log.calls[0].request_json


def test_sync_calls_share_one_loop_thread_until_close(fake_openai, make_client, make_request) -> None:
    fake_openai.responder = lambda body: ScriptedResponse(200, chat_completion("ok"))
    before = len(_loop_threads())
    client = make_client()
    for i in range(3):
        client.complete(make_request(f"q{i}"))
    client.complete_many([make_request(f"m{i}") for i in range(3)])
    assert len(_loop_threads()) == before + 1  # one thread for every sync call of this client
    client.close()
    assert len(_loop_threads()) == before
    assert client.complete(make_request("after close")).content == "ok"  # starts again on demand
    client.close()


def test_sync_complete_inside_a_running_loop(fake_openai, make_client, make_request) -> None:
    fake_openai.responder = lambda body: ScriptedResponse(200, chat_completion("inside"))
    client = make_client()

    async def main() -> str:
        return client.complete(make_request()).content  # a sync call made from async code

    assert asyncio.run(main()) == "inside"


def test_sync_and_async_calls_retry_the_same_way(fake_openai, make_client, make_request, sleeps) -> None:
    for _ in range(2):
        fake_openai.enqueue_error(503, "busy", headers={"Retry-After": "2"})
        fake_openai.enqueue_reply("done")
    client = make_client()
    sync = client.complete(make_request("a"))

    async def main():
        result = await client.acomplete(make_request("b"))
        await client.aclose()
        return result

    both = [sync, asyncio.run(main())]
    assert [(r.content, r.attempts) for r in both] == [("done", 2), ("done", 2)]
    assert sleeps == [2.0, 2.0]


def test_close_while_another_thread_is_calling_waits_for_that_call(
    fake_openai, make_client, make_request
) -> None:
    fake_openai.responder = lambda body: ScriptedResponse(200, chat_completion("slow answer"))
    fake_openai.latency = 0.3
    before = len(_loop_threads())
    client = make_client()
    client.complete(make_request("warm"))  # the loop thread is running
    results: list[str] = []
    caller = threading.Thread(target=lambda: results.append(client.complete(make_request("slow")).content))
    caller.start()
    while len(fake_openai.chat_requests) < 2:  # until the slow call is in flight
        threading.Event().wait(0.01)
    client.close()  # must neither hang the caller nor cut its connection
    caller.join(timeout=60)  # a guard against a hang, not a timing
    assert results == ["slow answer"]
    assert len(_loop_threads()) == before  # and the close was carried out after it
