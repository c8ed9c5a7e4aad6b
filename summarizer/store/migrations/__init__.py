"""Alembic migrations of the store, shipped with the package and run by ``ensure_schema``.

Add a revision: ``alembic -c <(printf '[alembic]\\nscript_location = summarizer/store/migrations\\n')
revision -m "what changed"`` (or copy the newest file), write ``upgrade()``, then set
``HEAD_REVISION`` in ``summarizer/store/db.py`` to the new revision id.
"""
