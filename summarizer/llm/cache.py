"""What the client needs of a response cache and call log: the content-addressed key, the one
canonical JSON, and the :class:`CallLog` protocol the client talks to.

The client never opens a database: it is handed a call log. :class:`MemoryCallLog` keeps calls in
memory (the default, and for tests); the database-backed log, one ``model_calls`` row per call,
is :class:`summarizer.store.model_calls.ModelCallStore`. A log holds fresh answers (``ok``, served
from the cache later), failures (``ok`` false, never served) and cache hits (``cached`` true,
cost 0); messages and parameters, never the API key or any header.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from typing import Any, Protocol

from summarizer.text.digest import sha256_hex

CACHE_KEY_VERSION = 1


def canonical_json(value: Any) -> str:
    """Stable JSON: sorted keys, no whitespace, unicode kept."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def cache_key(*, model: str, messages: list[dict], params: dict[str, Any], prompt_id: str | None) -> str:
    """sha256 over model, messages, parameters and the prompt identity (its template hash)."""
    payload = {
        "v": CACHE_KEY_VERSION,
        "model": model,
        "messages": messages,
        "params": params,
        "prompt_id": prompt_id,
    }
    return sha256_hex(canonical_json(payload).encode("utf-8"))


@dataclass
class CachedAnswer:
    """What a cache hit gives back (the original usage, for reporting; the hit itself costs 0)."""

    content: str
    finish_reason: str
    model: str
    prompt_tokens: int
    completion_tokens: int
    row_id: int


@dataclass
class CallRecord:
    """One logged call (the columns of a ``model_calls`` row)."""

    cache_key: str
    prompt_id: str | None
    model: str
    base_url_host: str | None
    request_json: str
    response_json: str | None
    ok: bool
    error: str | None = None
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0
    latency_ms: float = 0.0
    cached: bool = False


class CallLog(Protocol):
    """The response cache and call log a client is given."""

    def lookup(self, key: str) -> CachedAnswer | None:
        """The newest successful fresh answer stored under *key*, if any."""
        ...

    def record(self, call: CallRecord) -> int | None:
        """Store one call; its id (None when the write failed: an audit write never raises)."""
        ...

    def invalidate(self, key: str, reason: str) -> int:
        """Stop serving the answers stored under *key*; how many there were."""
        ...


class MemoryCallLog:
    """A call log kept in memory for the life of the object (a client given no other log)."""

    def __init__(self) -> None:
        self.calls: list[CallRecord] = []
        self._lock = threading.Lock()

    def lookup(self, key: str) -> CachedAnswer | None:
        with self._lock:
            for row_id in range(len(self.calls), 0, -1):
                call = self.calls[row_id - 1]
                if call.cache_key == key and call.ok and not call.cached and call.response_json is not None:
                    return answer_of(call, row_id)
        return None

    def record(self, call: CallRecord) -> int:
        with self._lock:
            self.calls.append(call)
            return len(self.calls)

    def invalidate(self, key: str, reason: str) -> int:
        with self._lock:
            hits = [c for c in self.calls if c.cache_key == key and c.ok and not c.cached]
            for call in hits:
                call.ok, call.error = False, reason[:500]
            return len(hits)


def answer_of(call: CallRecord, row_id: int) -> CachedAnswer:
    """The cached answer a logged fresh call holds."""
    data = json.loads(call.response_json or "{}")
    return CachedAnswer(
        content=data.get("content", ""),
        finish_reason=data.get("finish_reason", "stop"),
        model=data.get("model", call.model),
        prompt_tokens=call.prompt_tokens,
        completion_tokens=call.completion_tokens,
        row_id=row_id,
    )
