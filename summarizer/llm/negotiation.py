"""What an endpoint accepts, learnt from its rejections and kept for the session.

Structured outputs (``json_schema``, strict) fall back to JSON mode, then to plain text, when a
server rejects them; ``max_tokens`` becomes ``max_completion_tokens`` and ``temperature`` is
dropped when a model asks for it. Without server-side structured outputs the schema is written
into the system message, so the model still sees it.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from summarizer.llm.failures import server_message
from summarizer.llm.request import ChatRequest

if TYPE_CHECKING:  # pragma: no cover
    import openai

log = logging.getLogger("summarizer.llm")

# Response-format levels, best first; a server that rejects one drops to the next for the session.
FORMAT_LEVELS = ("json_schema", "json_object", "none")

# What a payload was built under: format level, max-tokens parameter, temperature sent, format sent.
SentState = tuple[int, str, bool, bool]


class Capabilities:
    """The request shape an endpoint accepts (shared by every call of one client, thread-safe)."""

    def __init__(self, host: str, scrub: Callable[[str], str]) -> None:
        self.host = host
        self._scrub = scrub
        self._lock = threading.Lock()
        self.format_level = 0
        self.max_tokens_param = "max_tokens"
        self.send_temperature = True

    @property
    def response_format_mode(self) -> str:
        """``json_schema``, ``json_object`` or ``none``: what this endpoint has accepted so far."""
        return FORMAT_LEVELS[self.format_level]

    async def send(self, client: openai.AsyncOpenAI, req: ChatRequest, model: str) -> Any:
        """POST *req*, reshaping and resending it while the endpoint teaches us what it rejects."""
        import openai

        for _ in range(len(FORMAT_LEVELS) + 2):
            payload, state = self.payload(req, model)
            try:
                return await client.chat.completions.create(**payload)
            except openai.APIStatusError as exc:
                if not self.adapt(exc, state, model):
                    raise
        return await client.chat.completions.create(**self.payload(req, model)[0])

    def payload(self, req: ChatRequest, model: str) -> tuple[dict[str, Any], SentState]:
        """SDK arguments for *req* under what the endpoint is known to accept, and that state."""
        with self._lock:
            level, max_tokens_param, send_temperature = (
                self.format_level,
                self.max_tokens_param,
                self.send_temperature,
            )
        payload: dict[str, Any] = {"model": model, "messages": req.messages}
        if send_temperature:
            payload["temperature"] = req.temperature
        if req.max_tokens is not None:
            payload[max_tokens_param] = req.max_tokens
        if req.json_schema is not None:
            mode = FORMAT_LEVELS[level]
            if mode == "json_schema":
                spec = {
                    "name": req.json_schema.get("name", "response"),
                    "schema": req.json_schema["schema"],
                    "strict": True,
                }
                if req.json_schema.get("description"):
                    spec["description"] = req.json_schema["description"]
                payload["response_format"] = {"type": "json_schema", "json_schema": spec}
            elif mode == "json_object":
                payload["response_format"] = {"type": "json_object"}
            if mode != "json_schema":  # the server will not enforce the schema: the model must see it
                payload["messages"] = with_schema_instruction(req.messages, req.json_schema["schema"])
        if req.extra:
            payload["extra_body"] = dict(req.extra)
        return payload, (level, max_tokens_param, send_temperature, "response_format" in payload)

    def adapt(self, exc: openai.APIStatusError, state: SentState, model: str) -> bool:
        """Learn from a 400/422 that the endpoint rejects a parameter; True if worth resending.
        (Some servers, llama-cpp-python among them, answer an unsupported response_format with a
        500 that names it: that one counts too.)"""
        if exc.status_code not in (400, 422, 500):
            return False
        text = server_message(exc).lower()
        level, max_tokens_param, send_temperature, sent_format = state
        if exc.status_code == 500 and not (
            sent_format and any(w in text for w in ("response_format", "json_schema"))
        ):
            return False
        with self._lock:
            if sent_format and any(
                w in text for w in ("response_format", "json_schema", "json_object", "structured output")
            ):
                if self.format_level == level:  # another call may have downgraded already
                    self.format_level = level + 1
                    log.warning(
                        "%s rejected response_format %s; using %s for this session (%s)",
                        self.host,
                        FORMAT_LEVELS[level],
                        FORMAT_LEVELS[level + 1],
                        self._scrub(server_message(exc))[:200],
                    )
                return True
            if (
                max_tokens_param == "max_tokens"
                and "max_completion_tokens" in text
                and "max_tokens" in text.replace("max_completion_tokens", "")
            ):
                self.max_tokens_param = "max_completion_tokens"
                log.info("%s wants max_completion_tokens; switching for this session", self.host)
                return True
            if (
                send_temperature
                and "temperature" in text
                and ("unsupported" in text or "not support" in text)
            ):
                self.send_temperature = False
                log.warning(
                    "%s does not accept a temperature for %s; using the model's default", self.host, model
                )
                return True
        return False


def with_schema_instruction(messages: list[dict[str, Any]], schema: dict[str, Any]) -> list[dict[str, Any]]:
    """*messages* with the JSON Schema appended to the system message, for an endpoint that takes
    JSON mode (or nothing) instead of structured outputs."""
    line = "Answer with one JSON object that follows this JSON Schema:\n" + json.dumps(
        schema, separators=(",", ":")
    )
    out = [dict(m) for m in messages]
    if out and out[0].get("role") == "system" and isinstance(out[0].get("content"), str):
        out[0]["content"] = out[0]["content"].rstrip() + "\n\n" + line
    else:
        out.insert(0, {"role": "system", "content": line})
    return out
