"""Retries, timeouts, refusals and clear errors, against the loopback fake server."""

from __future__ import annotations

import socket

import pytest

from summarizer.errors import InputError, UpstreamError
from summarizer.llm import LLMClient
from summarizer.store.model_calls import ModelCallStore


def test_429_with_retry_after_then_success(fake_openai, make_client, make_request, sleeps) -> None:
    fake_openai.enqueue_error(429, "Rate limit reached", type="requests", headers={"Retry-After": "7"})
    fake_openai.enqueue_reply('{"answer": "ok"}')
    result = make_client().complete(make_request())
    assert result.content == '{"answer": "ok"}'
    assert result.attempts == 2
    assert sleeps == [7.0]  # the server's hint, not our own backoff
    assert len(fake_openai.chat_requests) == 2
    # The SDK's own retries are off: our two attempts are the only requests, each counted as first.
    assert {r.headers.get("x-stainless-retry-count") for r in fake_openai.chat_requests} == {"0"}


def test_retry_after_ms_header(fake_openai, make_client, make_request, sleeps) -> None:
    fake_openai.enqueue_error(429, "slow down", headers={"retry-after-ms": "250"})
    fake_openai.enqueue_reply("fine")
    assert make_client().complete(make_request()).content == "fine"
    assert sleeps == [0.25]


def test_500_then_success_uses_jittered_backoff(fake_openai, make_client, make_request, sleeps) -> None:
    fake_openai.enqueue_error(500, "internal error", type="server_error")
    fake_openai.enqueue_error(503, "overloaded", type="server_error")
    fake_openai.enqueue_reply("fine")
    result = make_client().complete(make_request())
    assert result.content == "fine" and result.attempts == 3
    assert len(sleeps) == 2
    assert 1.0 <= sleeps[0] <= 2.0  # initial 1s + up to 1s jitter
    assert 2.0 <= sleeps[1] <= 3.0  # doubled


def test_exhausted_retries_are_one_clear_line(fake_openai, make_client, make_request, sleeps) -> None:
    for _ in range(4):
        fake_openai.enqueue_error(502, "bad gateway\nupstream down", type="server_error")
    with pytest.raises(UpstreamError) as info:
        make_client(max_retries=3).complete(make_request())
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(
        f"model endpoint 127.0.0.1:{fake_openai.port}: server error 502 after 4 attempts"
    )
    assert len(fake_openai.chat_requests) == 4 and len(sleeps) == 3


def test_timeout_then_success(fake_openai, make_client, make_request) -> None:
    fake_openai.enqueue_reply("too late", delay=5.0)
    fake_openai.enqueue_reply("in time")
    result = make_client(timeout=1.0).complete(make_request())
    assert result.content == "in time"
    assert result.attempts == 2


def test_timeout_forever_is_upstream_error(fake_openai, make_client, make_request, rows) -> None:
    for _ in range(2):
        fake_openai.enqueue_reply("too late", delay=5.0)
    with pytest.raises(UpstreamError, match=r"timed out \(0.4s per request\) after 2 attempts"):
        make_client(timeout=0.4, max_retries=1).complete(make_request())
    logged = rows()
    assert len(logged) == 1 and not logged[0].ok and "timed out" in logged[0].error


def test_connection_refused_is_upstream_error(make_client, make_request, sleeps) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    client = make_client(base_url=f"http://127.0.0.1:{port}/v1", max_retries=2)
    with pytest.raises(UpstreamError, match=rf"127.0.0.1:{port}: could not connect after 3 attempts"):
        client.complete(make_request())
    assert len(sleeps) == 2


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        (
            {"content": None, "refusal": "I can't help with that."},
            "the model refused: I can't help with that.",
        ),
        (
            {"content": "", "finish_reason": "content_filter"},
            "the model refused: the content filter stopped the answer",
        ),
    ],
)
def test_refusal_is_upstream_error_and_not_retried(
    fake_openai, make_client, make_request, rows, sleeps, reply, expected
) -> None:
    fake_openai.enqueue_reply(**reply)
    with pytest.raises(UpstreamError, match=expected):
        make_client().complete(make_request())
    assert len(fake_openai.chat_requests) == 1 and sleeps == []
    assert [r.ok for r in rows()] == [False]


def test_client_errors_are_not_retried(fake_openai, make_client, make_request, sleeps) -> None:
    fake_openai.enqueue_error(404, "The model `gpt-9` does not exist", type="invalid_request_error")
    with pytest.raises(
        UpstreamError, match=r"model 'gpt-9' or route not found \(404\): The model `gpt-9` does not exist"
    ):
        make_client().complete(make_request(model="gpt-9"))
    assert sleeps == [] and len(fake_openai.chat_requests) == 1


def test_insufficient_quota_is_not_retried(fake_openai, make_client, make_request, sleeps) -> None:
    fake_openai.enqueue(
        429,
        {
            "error": {
                "message": "You exceeded your current quota",
                "type": "insufficient_quota",
                "code": "insufficient_quota",
            }
        },
    )
    with pytest.raises(UpstreamError, match="quota exhausted"):
        make_client().complete(make_request())
    assert sleeps == []


def test_empty_choices_is_upstream_error(fake_openai, make_client, make_request) -> None:
    fake_openai.enqueue(
        200, {"id": "x", "object": "chat.completion", "created": 0, "model": "m", "choices": []}
    )
    with pytest.raises(UpstreamError, match="no choices"):
        make_client().complete(make_request())


def test_request_shape(fake_openai, make_client, make_request) -> None:
    fake_openai.enqueue_reply("ok")
    make_client().complete(make_request("hi", max_tokens=50, extra={"seed": 7}))
    body = fake_openai.chat_requests[0].body
    assert body["temperature"] == 0.0
    assert body["max_tokens"] == 50
    assert body["seed"] == 7
    assert body["messages"][-1] == {"role": "user", "content": "hi"}
    assert "response_format" not in body


def test_usage_without_usage_block_is_counted_locally(fake_openai, make_client, make_request) -> None:
    fake_openai.enqueue_reply("hello world", usage=False)
    client = make_client()
    req = make_request("hi")
    result = client.complete(req)
    assert result.completion_tokens == 2
    assert result.prompt_tokens == client.accounts.estimate_prompt_tokens(req, "gpt-4o-mini") > 0
    assert result.cost_usd > 0


def test_no_key_for_a_remote_endpoint_is_input_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    with pytest.raises(InputError, match="no API key: set OPENAI_API_KEY") as missing:
        LLMClient(model="gpt-4o-mini")
    assert missing.value.setting == "api_key" and "--" not in str(missing.value)  # no CLI flag named
    with pytest.raises(InputError, match="no API key"):
        LLMClient(model="gpt-4o-mini", base_url="https://example.openai.azure.com/openai/v1/")


def test_local_server_needs_no_key(
    monkeypatch: pytest.MonkeyPatch, fake_openai, db_url, make_request
) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    fake_openai.enqueue_reply("local ok")
    with LLMClient(model="smollm2", base_url=fake_openai.base_url, call_log=ModelCallStore(db_url)) as client:
        assert client.complete(make_request(model="smollm2")).content == "local ok"
    assert fake_openai.chat_requests[0].headers["authorization"] == "Bearer not-needed"


def test_bad_base_url_is_input_error() -> None:
    with pytest.raises(InputError, match="endpoint URL must be an http") as bad:
        LLMClient(model="m", base_url="localhost:8080")
    assert bad.value.setting == "base_url" and "--base-url" not in str(bad.value)


@pytest.mark.parametrize(
    ("url", "local"),
    [
        ("http://127.0.0.1:8080/v1", True),
        ("http://localhost:11434/v1", True),
        ("http://[::1]:8000/v1", True),
        ("http://192.168.1.20:8000/v1", True),
        ("http://ollama:11434/v1", True),
        ("http://gpu-box.local:8000/v1", True),
        ("https://api.openai.com/v1", False),
        ("https://myres.openai.azure.com/openai/v1/", False),
        ("http://8.8.8.8/v1", False),
    ],
)
def test_is_local_url(url: str, local: bool) -> None:
    from summarizer.llm import is_local_url

    assert is_local_url(url) is local


def test_unusable_database_is_input_error(tmp_path, make_request) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with LLMClient(
        model="m",
        base_url="http://127.0.0.1:9/v1",
        call_log=ModelCallStore(f"sqlite:///{blocker}/sub/calls.db"),
    ) as client:
        with pytest.raises(InputError, match="cannot open the database"):
            client.complete(make_request())
