"""A chat request, its result, and the prepared form the client sends, caches and logs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from summarizer.errors import InputError
from summarizer.llm.cache import cache_key, canonical_json


@dataclass
class ChatRequest:
    """One chat completion request (OpenAI message format)."""

    messages: list[dict]
    model: str
    temperature: float = 0.0
    max_tokens: int | None = None
    json_schema: dict | None = None  # {"name": ..., "schema": {...}} -> structured outputs (strict)
    prompt_id: str | None = None  # name@version#hash, logged and part of the cache key
    extra: dict = field(default_factory=dict)  # more body parameters (seed, top_p, stop, ...)


@dataclass
class ChatResult:
    """A model answer with its accounting. A cache hit has ``cached=True`` and ``cost_usd=0``
    and reports the token counts of the original call."""

    content: str
    finish_reason: str
    prompt_tokens: int
    completion_tokens: int
    cost_usd: float
    latency_ms: float
    cached: bool
    model: str
    cache_key: str = ""
    prompt_id: str | None = None
    attempts: int = 0  # HTTP attempts made (0 for a cache hit)


@dataclass
class Prepared:
    """A checked request with its cache key and the JSON logged for it (the key redacted)."""

    req: ChatRequest
    model: str  # the request's model, or the client's
    key: str
    request_json: str


def prepare(req: ChatRequest, default_model: str, redact: Any) -> Prepared:
    """Check *req* and compute its cache key and logged JSON; *redact* removes the API key."""
    if not req.messages:
        raise InputError("a chat request needs at least one message")
    if req.json_schema is not None and not isinstance(req.json_schema.get("schema"), dict):
        raise InputError('json_schema must look like {"name": ..., "schema": {...}}')
    model = req.model or default_model
    params = {
        "temperature": req.temperature,
        "max_tokens": req.max_tokens,
        "json_schema": req.json_schema,
        "extra": req.extra,
    }
    key = cache_key(model=model, messages=req.messages, params=params, prompt_id=req.prompt_id)
    request_json = redact(
        canonical_json({"model": model, "messages": req.messages, **params, "prompt_id": req.prompt_id})
    )
    return Prepared(req=req, model=model, key=key, request_json=request_json)
