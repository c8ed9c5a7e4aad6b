"""SQLModel tables. Column names are part of the stored-data contract: add, never rename."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class ModelCall(SQLModel, table=True):
    """Every model call: the response cache (keyed by content) and the audit log. Never the key."""

    __tablename__ = "model_calls"

    id: int | None = Field(default=None, primary_key=True)
    cache_key: str = Field(index=True)  # sha256 of model + messages + parameters + template hash
    prompt_id: str | None = None  # name@version#hash
    model: str
    base_url_host: str | None = None
    request_json: str  # messages and parameters (no credentials)
    response_json: str | None = None
    ok: bool = True  # errors are logged but never served from the cache
    error: str | None = None
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0
    latency_ms: float = 0.0
    cached: bool = False  # this row records a cache hit
    created_at: datetime = Field(default_factory=utcnow)
