"""The content-addressed response cache and call log, kept in the ``model_calls`` table.

One row per call: fresh answers (``ok``, served from the cache later), failures (``ok`` false,
never served), and cache hits (``cached`` true, cost 0). Rows hold messages and parameters but
never the API key or any header.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from typing import Any

log = logging.getLogger("summarizer.llm")

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
    return hashlib.sha256(canonical_json(payload).encode("utf-8")).hexdigest()


@dataclass
class CachedAnswer:
    """What a cache hit gives back (the original usage, for reporting; the hit itself costs 0)."""

    content: str
    finish_reason: str
    model: str
    prompt_tokens: int
    completion_tokens: int
    row_id: int


class CallStore:
    """Reads and writes ``ModelCall`` rows for one database URL."""

    def __init__(self, db_url: str) -> None:
        from summarizer.store.db import get_engine, init_db

        self.db_url = db_url
        self.engine = get_engine(db_url)
        init_db(self.engine)

    def lookup(self, key: str) -> CachedAnswer | None:
        """The newest successful answer stored under *key*, if any."""
        from sqlmodel import Session, select

        from summarizer.store.models import ModelCall

        with Session(self.engine) as session:
            row = session.exec(
                select(ModelCall)
                .where(ModelCall.cache_key == key, ModelCall.ok == True, ModelCall.cached == False)  # noqa: E712
                .where(ModelCall.response_json.is_not(None))  # type: ignore[union-attr]
                .order_by(ModelCall.id.desc())  # type: ignore[union-attr]
                .limit(1)
            ).first()
            if row is None:
                return None
            data = json.loads(row.response_json or "{}")
            return CachedAnswer(
                content=data.get("content", ""),
                finish_reason=data.get("finish_reason", "stop"),
                model=data.get("model", row.model),
                prompt_tokens=row.prompt_tokens,
                completion_tokens=row.completion_tokens,
                row_id=row.id or 0,
            )

    def record(self, **fields: Any) -> int | None:
        """Insert one ``ModelCall`` row; return its id. A failing audit write is logged, not raised,
        so a paid answer is never lost to a locked database."""
        from sqlalchemy.exc import SQLAlchemyError
        from sqlmodel import Session

        from summarizer.store.models import ModelCall

        try:
            with Session(self.engine) as session:
                row = ModelCall(**fields)
                session.add(row)
                session.commit()
                return row.id
        except SQLAlchemyError as exc:
            log.warning("could not write the model call log: %s", type(exc).__name__)
            return None

    def invalidate(self, key: str, reason: str) -> int:
        """Stop serving the answers stored under *key* (the caller found them unusable)."""
        from sqlmodel import Session, select

        from summarizer.store.models import ModelCall

        with Session(self.engine) as session:
            rows = session.exec(
                select(ModelCall).where(
                    ModelCall.cache_key == key, ModelCall.ok.is_(True), ModelCall.cached.is_(False)
                )
            ).all()
            for row in rows:
                row.ok = False
                row.error = reason[:500]
                session.add(row)
            session.commit()
            return len(rows)
