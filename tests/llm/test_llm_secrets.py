"""The API key never reaches the database, the logs or an error message."""

from __future__ import annotations

import logging

import pytest

from summarizer.errors import UpstreamError


def test_key_never_leaks(
    fake_openai, make_client, make_request, parse_answer, rows, secret_key, caplog
) -> None:
    caplog.set_level(logging.DEBUG)  # everything: ours, openai's, httpx's
    # A server that echoes the key back in its error bodies.
    fake_openai.enqueue_error(401, f"Incorrect API key provided: {secret_key}. Bearer {secret_key}")
    fake_openai.enqueue_error(500, f"internal error for key {secret_key}")
    fake_openai.enqueue_reply('{"answer": "ok"}')
    fake_openai.enqueue_reply("not json")
    fake_openai.enqueue_reply(f"still not json {secret_key}")

    client = make_client()
    errors: list[str] = []
    with pytest.raises(UpstreamError) as auth:
        client.complete(make_request("first"))
    errors.append(str(auth.value))
    assert "authentication failed (401)" in errors[0]
    client.complete(make_request("second"))  # 500 then success: retried and logged
    with pytest.raises(UpstreamError) as invalid:
        client.complete_json(make_request("third"), parse_answer)
    errors.append(str(invalid.value))

    # The key really was sent (so the test would catch a leak if there were one).
    assert all(r.headers["authorization"] == f"Bearer {secret_key}" for r in fake_openai.chat_requests)
    assert len(fake_openai.chat_requests) == 5
    for message in errors:
        assert secret_key not in message
    logged = caplog.text + "".join(str(r.args) for r in caplog.records)
    assert "retry 1/3" in logged  # the logs did record the calls
    assert secret_key not in logged
    assert secret_key[-12:] not in logged
    for row in rows():
        for value in row.model_dump().values():
            assert secret_key not in str(value)
    assert secret_key not in repr(client)
