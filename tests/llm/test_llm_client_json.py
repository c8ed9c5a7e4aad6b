"""Structured outputs, the JSON-mode fallback and the bounded repair retry."""

from __future__ import annotations

import json

import pytest

from summarizer.errors import UpstreamError
from summarizer.testing.fake_openai import ScriptedResponse, chat_completion

SCHEMA = {
    "name": "answer",
    "schema": {
        "type": "object",
        "properties": {"answer": {"type": "string"}},
        "required": ["answer"],
        "additionalProperties": False,
    },
}


def test_structured_output_request(fake_openai, make_client, make_request, parse_answer) -> None:
    fake_openai.enqueue_reply('{"answer": "yes"}')
    value, result = make_client().complete_json(make_request(json_schema=SCHEMA), parse_answer)
    assert value == {"answer": "yes"} and not result.cached
    body = fake_openai.chat_requests[0].body
    assert body["response_format"] == {
        "type": "json_schema",
        "json_schema": {"name": "answer", "schema": SCHEMA["schema"], "strict": True},
    }


def test_malformed_json_is_repaired(fake_openai, make_client, make_request, parse_answer, rows) -> None:
    fake_openai.enqueue_reply('{"answer": "cut')
    fake_openai.enqueue_reply('{"answer": "fixed"}')
    client = make_client()
    value, result = client.complete_json(make_request(json_schema=SCHEMA), parse_answer)
    assert value == {"answer": "fixed"}
    first, second = (r.body for r in fake_openai.chat_requests)
    assert second["messages"][: len(first["messages"])] == first["messages"]
    assert second["messages"][-2] == {"role": "assistant", "content": '{"answer": "cut'}
    assert second["messages"][-1]["role"] == "user"
    assert "could not be used" in second["messages"][-1]["content"]
    # The unusable answer is kept in the log but no longer served; the repaired one is, under the
    # repair request and under the first request (a row of its own with no tokens or cost).
    logged = rows()
    assert [r.ok for r in logged] == [False, True, True]
    assert "unusable output" in logged[0].error
    assert logged[2].cache_key == logged[0].cache_key != logged[1].cache_key
    assert (logged[2].prompt_tokens, logged[2].completion_tokens, logged[2].cost_usd) == (0, 0, 0.0)
    assert client.usage.calls == 2
    # The same call again (a new client, as in a re-run) is answered from the cache: no request.
    again, hit = make_client().complete_json(make_request(json_schema=SCHEMA), parse_answer)
    assert again == {"answer": "fixed"} and hit.cached and len(fake_openai.chat_requests) == 2


def test_schema_violation_is_repaired(fake_openai, make_client, make_request, parse_answer) -> None:
    fake_openai.enqueue_reply('{"reply": "wrong key"}')
    fake_openai.enqueue_reply('{"answer": "right key"}')
    value, _ = make_client().complete_json(make_request(), parse_answer)
    assert value["answer"] == "right key"
    assert (
        "expected an object with a string 'answer'"
        in fake_openai.chat_requests[1].body["messages"][-1]["content"]
    )


def test_truncated_output_is_retried_with_more_tokens(
    fake_openai, make_client, make_request, parse_answer
) -> None:
    fake_openai.enqueue_reply('{"answer": "a long', finish_reason="length", completion_tokens=300)
    fake_openai.enqueue_reply('{"answer": "a long answer"}')
    value, result = make_client().complete_json(
        make_request(max_tokens=300, json_schema=SCHEMA), parse_answer
    )
    assert value == {"answer": "a long answer"}
    first, second = (r.body for r in fake_openai.chat_requests)
    assert first["max_tokens"] == 300 and second["max_tokens"] == 600
    assert second["messages"] == first["messages"]
    # a re-run of the same request is served the complete answer from the cache, not the cut one
    again, hit = make_client().complete_json(make_request(max_tokens=300, json_schema=SCHEMA), parse_answer)
    assert again == {"answer": "a long answer"} and hit.cached and len(fake_openai.chat_requests) == 2


def test_valid_json_that_was_truncated_is_still_retried(
    fake_openai, make_client, make_request, parse_answer
) -> None:
    """finish_reason 'length' means the answer is incomplete even if it happens to parse."""
    fake_openai.enqueue_reply('{"answer": "partial"}', finish_reason="length")
    fake_openai.enqueue_reply('{"answer": "complete"}')
    value, _ = make_client().complete_json(make_request(max_tokens=10), parse_answer)
    assert value["answer"] == "complete"


def test_still_invalid_after_repair_is_upstream_error(
    fake_openai, make_client, make_request, parse_answer
) -> None:
    fake_openai.enqueue_reply("not json")
    fake_openai.enqueue_reply("still not json")
    with pytest.raises(
        UpstreamError, match=r"returned invalid output after 1 repair attempt: Expecting value"
    ):
        make_client().complete_json(make_request(), parse_answer)
    assert len(fake_openai.chat_requests) == 2  # bounded: one repair only


def test_repairs_zero_means_no_retry(fake_openai, make_client, make_request, parse_answer) -> None:
    fake_openai.enqueue_reply("not json")
    with pytest.raises(UpstreamError, match="after 0 repair attempts"):
        make_client().complete_json(make_request(), parse_answer, repairs=0)
    assert len(fake_openai.chat_requests) == 1


def test_json_schema_rejected_falls_back_to_json_mode(
    fake_openai, make_client, make_request, parse_answer
) -> None:
    fake_openai.enqueue_error(
        400,
        "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.",
        param="response_format",
    )
    fake_openai.enqueue_reply('{"answer": "from json mode"}')
    fake_openai.enqueue_reply('{"answer": "second"}')
    client = make_client()
    value, _ = client.complete_json(make_request("one", json_schema=SCHEMA), parse_answer)
    assert value["answer"] == "from json mode"
    assert client.response_format_mode == "json_object"
    value, _ = client.complete_json(
        make_request("two", json_schema=SCHEMA), parse_answer
    )  # remembered: no new 400
    assert value["answer"] == "second"
    formats = [r.body.get("response_format", {}).get("type") for r in fake_openai.chat_requests]
    assert formats == ["json_schema", "json_object", "json_object"]
    # JSON mode does not enforce the schema, so the model is shown it; structured outputs are not
    schema_text = json.dumps(SCHEMA["schema"], separators=(",", ":"))
    shown = [
        schema_text in "\n".join(m["content"] for m in r.body["messages"]) for r in fake_openai.chat_requests
    ]
    assert shown == [False, True, True]


def test_a_500_naming_response_format_also_falls_back(
    fake_openai, make_client, make_request, parse_answer
) -> None:
    """llama-cpp-python answers an unsupported json_schema with a 500 that names it."""
    fake_openai.enqueue_error(500, "Error: response_format json_schema: unsupported schema keyword")
    fake_openai.enqueue_reply('{"answer": "from json mode"}')
    client = make_client()
    value, result = client.complete_json(make_request(json_schema=SCHEMA), parse_answer)
    assert value["answer"] == "from json mode" and client.response_format_mode == "json_object"
    assert len(fake_openai.chat_requests) == 2  # no retries spent on the 500


def test_a_plain_500_is_still_retried_not_downgraded(
    fake_openai, make_client, make_request, parse_answer
) -> None:
    fake_openai.enqueue_error(500, "internal error")
    fake_openai.enqueue_reply('{"answer": "after retry"}')
    client = make_client()
    value, _ = client.complete_json(make_request(json_schema=SCHEMA), parse_answer)
    assert value["answer"] == "after retry" and client.response_format_mode == "json_schema"


def test_json_mode_rejected_too_falls_back_to_plain(
    fake_openai, make_client, make_request, parse_answer
) -> None:
    fake_openai.enqueue_error(400, "response_format json_schema unsupported")
    fake_openai.enqueue_error(400, "'response_format.type' json_object is not supported")
    fake_openai.enqueue_reply('{"answer": "plain"}')
    client = make_client()
    value, _ = client.complete_json(make_request(json_schema=SCHEMA), parse_answer)
    assert value["answer"] == "plain"
    assert client.response_format_mode == "none"
    assert "response_format" not in fake_openai.chat_requests[-1].body
    assert "follows this JSON Schema" in fake_openai.chat_requests[-1].body["messages"][0]["content"]


def test_max_completion_tokens_adaptation(fake_openai, make_client, make_request) -> None:
    fake_openai.enqueue_error(
        400,
        "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
    )
    fake_openai.enqueue_reply("ok")
    make_client().complete(make_request(model="o3-mini", max_tokens=64))
    second = fake_openai.chat_requests[1].body
    assert second["max_completion_tokens"] == 64 and "max_tokens" not in second


def test_other_400s_are_not_masked_by_fallbacks(fake_openai, make_client, make_request) -> None:
    fake_openai.enqueue_error(400, "This model's maximum context length is 128000 tokens.")
    with pytest.raises(UpstreamError, match=r"request rejected \(400\): This model's maximum context length"):
        make_client().complete(make_request(json_schema=SCHEMA))
    assert len(fake_openai.chat_requests) == 1


def test_many_json_keeps_order(fake_openai, make_client, make_request, parse_answer) -> None:
    fake_openai.responder = lambda body: ScriptedResponse(
        200, chat_completion(json.dumps({"answer": body["messages"][-1]["content"]}))
    )
    pairs = make_client(concurrency=3).complete_many_json(
        [make_request(f"q{i}") for i in range(6)], parse_answer
    )
    assert [v["answer"] for v, _ in pairs] == [f"q{i}" for i in range(6)]
