"""The model client's response cache and call log in the database: the ``model_calls`` table.

:class:`ModelCallStore` implements :class:`summarizer.llm.cache.CallLog` for one database URL
(SQLite or PostgreSQL). It opens the database on first use, so a run that makes no model call
never touches it, and it pickles as its URL, so tracker processes each open their own.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from summarizer.config import mask_url
from summarizer.errors import InputError
from summarizer.llm.cache import CachedAnswer, CallRecord, answer_of

if TYPE_CHECKING:  # pragma: no cover
    from sqlalchemy.engine import Engine

log = logging.getLogger("summarizer.llm")


class ModelCallStore:
    """Reads and writes ``ModelCall`` rows for one database URL."""

    def __init__(self, db_url: str) -> None:
        self.db_url = db_url
        self._engine: Engine | None = None
        self._lock = threading.Lock()

    def __getstate__(self) -> dict[str, Any]:
        return {"db_url": self.db_url}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["db_url"])  # type: ignore[misc]

    def __repr__(self) -> str:
        return f"ModelCallStore({mask_url(self.db_url)!r})"

    @property
    def engine(self) -> Engine:
        """The engine, with the schema checked (opened on first use)."""
        with self._lock:
            if self._engine is None:
                from sqlalchemy.exc import SQLAlchemyError

                from summarizer.store.db import get_engine, init_db

                try:
                    engine = get_engine(self.db_url)
                    init_db(engine)
                except (SQLAlchemyError, OSError) as exc:
                    detail = " ".join(str(exc).split())
                    detail = detail if len(detail) <= 160 else detail[:159] + "…"
                    raise InputError(f"cannot open the database {mask_url(self.db_url)}: {detail}") from None
                self._engine = engine
            return self._engine

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
            return answer_of(_as_record(row), row.id or 0)

    def record(self, call: CallRecord) -> int | None:
        """Insert one ``ModelCall`` row; return its id. A failing audit write is logged, not raised,
        so a paid answer is never lost to a locked database."""
        from sqlalchemy.exc import SQLAlchemyError
        from sqlmodel import Session

        from summarizer.store.models import ModelCall

        engine = self.engine
        try:
            with Session(engine) as session:
                row = ModelCall(**asdict(call))
                session.add(row)
                session.commit()
                return row.id
        except SQLAlchemyError as exc:
            log.warning("could not write the model call log: %s", type(exc).__name__)
            return None

    def invalidate(self, key: str, reason: str) -> int:
        """Stop serving the answers stored under *key* (the caller found them unusable)."""
        from sqlmodel import Session, col, select

        from summarizer.store.models import ModelCall

        with Session(self.engine) as session:
            rows = session.exec(
                select(ModelCall).where(
                    ModelCall.cache_key == key, col(ModelCall.ok).is_(True), col(ModelCall.cached).is_(False)
                )
            ).all()
            for row in rows:
                row.ok = False
                row.error = reason[:500]
                session.add(row)
            session.commit()
            return len(rows)


def _as_record(row: Any) -> CallRecord:
    return CallRecord(
        cache_key=row.cache_key,
        prompt_id=row.prompt_id,
        model=row.model,
        base_url_host=row.base_url_host,
        request_json=row.request_json,
        response_json=row.response_json,
        ok=row.ok,
        error=row.error,
        prompt_tokens=row.prompt_tokens,
        completion_tokens=row.completion_tokens,
        cost_usd=row.cost_usd,
        latency_ms=row.latency_ms,
        cached=row.cached,
    )
