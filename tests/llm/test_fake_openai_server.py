"""The loopback fake server itself behaves as the tests assume."""

from __future__ import annotations

import httpx

from summarizer.testing.fake_openai import FakeOpenAIServer


def test_scripted_queue_then_exhausted() -> None:
    with FakeOpenAIServer() as server:
        server.enqueue_reply("hi", prompt_tokens=3, completion_tokens=1, headers={"x-test": "1"})
        url = server.base_url + "/chat/completions"
        first = httpx.post(url, json={"model": "m", "messages": [{"role": "user", "content": "hello"}]})
        assert first.status_code == 200 and first.headers["x-test"] == "1"
        body = first.json()
        assert body["choices"][0]["message"]["content"] == "hi"
        assert body["model"] == "m"  # echoed
        assert body["usage"] == {"prompt_tokens": 3, "completion_tokens": 1, "total_tokens": 4}
        second = httpx.post(url, json={"model": "m", "messages": []})
        assert second.status_code == 400 and "script exhausted" in second.json()["error"]["message"]
        assert httpx.post(server.base_url + "/nope", json={}).status_code == 404
        assert [r.body["model"] for r in server.chat_requests] == ["m", "m"]
        assert len(server.requests) == 3


def test_prompt_tokens_counted_when_left_open() -> None:
    with FakeOpenAIServer() as server:
        server.enqueue_reply("x")
        body = httpx.post(
            server.base_url + "/chat/completions",
            json={"model": "gpt-4o", "messages": [{"role": "user", "content": "hello world"}]},
        ).json()
        assert body["usage"]["prompt_tokens"] == 9


def test_stats_endpoint_reports_arrivals_and_peak() -> None:
    with FakeOpenAIServer() as server:
        server.enqueue_reply("a")
        httpx.post(server.base_url + "/chat/completions", json={"model": "m", "messages": []})
        stats = httpx.get(server.base_url + "/_fake/stats").json()
        assert stats["chat_starts"] == [server.chat_requests[0].at]
        assert stats["max_in_flight"] == 1
