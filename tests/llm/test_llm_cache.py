"""The content-addressed response cache: hits cost nothing, errors are never served."""

from __future__ import annotations

import json

import pytest

from summarizer.errors import UpstreamError
from summarizer.llm.cache import cache_key


def test_identical_call_is_served_from_the_cache(fake_openai, make_client, make_request, rows) -> None:
    fake_openai.enqueue_reply('{"answer": "once"}', prompt_tokens=1000, completion_tokens=100)
    client = make_client()
    first = client.complete(make_request(prompt_id="change_record@v1#abc"))
    second = client.complete(make_request(prompt_id="change_record@v1#abc"))
    assert len(fake_openai.chat_requests) == 1
    assert (first.cached, second.cached) == (False, True)
    assert second.content == first.content and second.finish_reason == "stop"
    assert first.cost_usd == pytest.approx((1000 * 0.15 + 100 * 0.60) / 1e6)
    assert second.cost_usd == 0.0
    assert (second.prompt_tokens, second.completion_tokens) == (1000, 100)  # what the answer took
    assert client.usage.calls == 1 and client.usage.cache_hits == 1
    assert client.usage.prompt_tokens == 1000  # billed tokens only
    assert client.cost_usd == pytest.approx(first.cost_usd)
    logged = rows()
    assert [(r.cached, r.ok, r.cost_usd > 0) for r in logged] == [(False, True, True), (True, True, False)]
    assert logged[0].prompt_id == "change_record@v1#abc"
    assert logged[0].base_url_host == f"127.0.0.1:{fake_openai.port}"
    assert json.loads(logged[0].response_json)["content"] == '{"answer": "once"}'


def test_cache_survives_a_new_client(fake_openai, make_client, make_request) -> None:
    fake_openai.enqueue_reply("persisted")
    make_client().complete(make_request())
    again = make_client().complete(make_request())
    assert again.cached and again.content == "persisted"
    assert len(fake_openai.chat_requests) == 1


def test_no_cache_bypasses_reading(fake_openai, make_client, make_request, rows) -> None:
    fake_openai.enqueue_reply("one")
    fake_openai.enqueue_reply("two")
    client = make_client(use_cache=False)
    assert client.complete(make_request()).content == "one"
    assert client.complete(make_request()).content == "two"
    assert len(fake_openai.chat_requests) == 2
    assert [r.cached for r in rows()] == [False, False]  # still logged


@pytest.mark.parametrize(
    "change",
    [
        {"temperature": 0.5},
        {"max_tokens": 99},
        {"prompt_id": "change_record@v2#def"},
        {"model": "gpt-4o"},
        {"json_schema": {"name": "x", "schema": {"type": "object"}}},
        {"extra": {"seed": 1}},
    ],
)
def test_any_parameter_change_misses(fake_openai, make_client, make_request, change) -> None:
    fake_openai.enqueue_reply("base")
    fake_openai.enqueue_reply("changed")
    client = make_client()
    client.complete(make_request(prompt_id="change_record@v1#abc"))
    result = client.complete(make_request(**{"prompt_id": "change_record@v1#abc", **change}))
    assert not result.cached and result.content == "changed"


def test_key_is_stable_and_order_insensitive_for_params() -> None:
    messages = [{"role": "user", "content": "x"}]
    a = cache_key(model="m", messages=messages, params={"a": 1, "b": 2}, prompt_id="p@v1#h")
    b = cache_key(model="m", messages=messages, params={"b": 2, "a": 1}, prompt_id="p@v1#h")
    assert a == b and len(a) == 64
    assert a != cache_key(
        model="m", messages=[{"role": "user", "content": "y"}], params={"a": 1, "b": 2}, prompt_id="p@v1#h"
    )


def test_errors_are_never_cached(fake_openai, make_client, make_request, rows) -> None:
    fake_openai.enqueue_error(400, "temporary nonsense")
    client = make_client()
    with pytest.raises(UpstreamError):
        client.complete(make_request())
    fake_openai.enqueue_reply("good")
    result = client.complete(make_request())
    assert not result.cached and result.content == "good"
    assert [r.ok for r in rows()] == [False, True]
    assert client.complete(make_request()).cached  # and the success is


def test_cache_holds_what_succeeded_after_retries(fake_openai, make_client, make_request, rows) -> None:
    fake_openai.enqueue_error(500, "boom")
    fake_openai.enqueue_error(429, "slow", headers={"Retry-After": "1"})
    fake_openai.enqueue_reply("survivor")
    client = make_client()
    client.complete(make_request())
    stored = [r for r in rows() if r.ok and not r.cached]
    assert len(stored) == 1 and json.loads(stored[0].response_json)["content"] == "survivor"
    assert json.loads(stored[0].response_json)["attempts"] == 3
    assert client.complete(make_request()).content == "survivor"


def test_unusable_answers_are_not_served_again(fake_openai, make_client, make_request, parse_answer) -> None:
    fake_openai.enqueue_reply("not json")
    fake_openai.enqueue_reply("still not json")
    with pytest.raises(UpstreamError):
        make_client().complete_json(make_request(), parse_answer)
    fake_openai.enqueue_reply('{"answer": "now valid"}')
    value, result = make_client().complete_json(make_request(), parse_answer)
    assert value == {"answer": "now valid"} and not result.cached


def test_hits_do_not_use_the_rate_limiter_or_budget(fake_openai, make_client, make_request) -> None:
    fake_openai.enqueue_reply("x", prompt_tokens=100_000, completion_tokens=0)
    client = make_client()
    first = client.complete(make_request())
    client.budget.limit = first.cost_usd  # fully spent
    assert client.complete(make_request()).cached  # still served
