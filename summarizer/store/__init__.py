"""Persistence: SQLite by default, any SQLAlchemy URL (PostgreSQL for teams).

- :mod:`~summarizer.store.db`: engines, ``ensure_schema`` (alembic migrations run on open)
- :mod:`~summarizer.store.models`: the tables
- :mod:`~summarizer.store.sources` / :mod:`~summarizer.store.ingest`: files, snapshot folders and
  Open Terms Archive git repositories into versions (re-ingesting is a no-op)
- :mod:`~summarizer.tracking` / :mod:`~summarizer.store.workqueue`: a change record for every
  consecutive version pair, resumable and shared between processes
- :mod:`~summarizer.store.history`: timelines of versions, material changes and severity shifts
- :mod:`~summarizer.store.repository`: small queries (documents, versions, stored records)
"""
