"""Schema migrations: the alembic revisions build exactly the models' tables, and upgrades keep data."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy import create_engine, inspect, text

from summarizer.store.db import HEAD_REVISION, current_revision, ensure_schema, get_engine, script_head


def _skeleton_tables() -> sa.MetaData:
    """The shape the pre-migration skeleton's init_db gave the database: model_calls only."""
    meta = sa.MetaData()
    sa.Table(
        "model_calls",
        meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("cache_key", sa.String, nullable=False, index=True),
        sa.Column("prompt_id", sa.String),
        sa.Column("model", sa.String, nullable=False),
        sa.Column("base_url_host", sa.String),
        sa.Column("request_json", sa.String, nullable=False),
        sa.Column("response_json", sa.String),
        sa.Column("ok", sa.Boolean, nullable=False),
        sa.Column("error", sa.String),
        sa.Column("prompt_tokens", sa.Integer, nullable=False),
        sa.Column("completion_tokens", sa.Integer, nullable=False),
        sa.Column("cost_usd", sa.Float, nullable=False),
        sa.Column("latency_ms", sa.Float, nullable=False),
        sa.Column("cached", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),  # older SQLModel: naive timestamps
    )
    return meta


STORE_TABLES = {
    "services",
    "documents",
    "versions",
    "change_records",
    "record_categories",
    "provision_states",
    "work_items",
    "eval_runs",
    "eval_results",
    "model_calls",
    "alembic_version",
}


def test_head_constant_matches_the_migration_scripts():
    assert script_head() == HEAD_REVISION


def test_migrations_build_exactly_the_models(db_url: str):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    from summarizer.store.models import is_model_object

    engine = get_engine(db_url)
    ensure_schema(engine)
    assert current_revision(engine) == HEAD_REVISION
    with engine.connect() as conn:
        diffs = compare_metadata(
            MigrationContext.configure(conn, opts={"compare_type": True, "include_object": is_model_object}),
            SQLModel.metadata,
        )
    assert diffs == [], (
        "models and migrations disagree: add an alembic revision in "
        f"summarizer/store/migrations/versions/ and bump HEAD_REVISION: {diffs}"
    )


def _skeleton_db(url: str) -> None:
    """A database as the pre-migration skeleton's init_db left it: model_calls only, with rows."""
    raw = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    _skeleton_tables().create_all(raw)
    with raw.begin() as conn:
        for i in range(3):
            conn.execute(
                text(
                    "INSERT INTO model_calls (cache_key, prompt_id, model, request_json, response_json, ok, prompt_tokens,"
                    " completion_tokens, cost_usd, latency_ms, cached, created_at) VALUES (:k, 'change_record@v1#abc',"
                    " 'gpt-4o-mini', '{}', :r, true, 10, 5, 0.001, 12.5, false, :t)"
                ),
                {"k": f"key{i}", "r": f'{{"n": {i}}}', "t": datetime(2024, 5, i + 1, 12, 0)},
            )
    raw.dispose()


def test_database_made_before_migrations_is_upgraded_without_loss(db_url: str):
    _skeleton_db(db_url)
    engine = get_engine(db_url)
    assert current_revision(engine) is None
    ensure_schema(engine)
    assert current_revision(engine) == HEAD_REVISION
    assert STORE_TABLES <= set(inspect(engine).get_table_names())
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT cache_key, response_json, prompt_tokens FROM model_calls ORDER BY id")
        ).all()
    assert rows == [("key0", '{"n": 0}', 10), ("key1", '{"n": 1}', 10), ("key2", '{"n": 2}', 10)]
    # and the upgraded database works: the model-call log keeps taking rows through the ORM
    from sqlmodel import Session, select

    from summarizer.store.models import ModelCall

    with Session(engine) as session:
        session.add(ModelCall(cache_key="key3", model="m", request_json="{}"))
        session.commit()
        assert len(session.exec(select(ModelCall)).all()) == 4


def test_database_at_the_initial_revision_is_upgraded_without_loss(db_url: str):
    from alembic import command

    from summarizer.store.db import _alembic_config

    engine = get_engine(db_url)
    with engine.begin() as conn:
        cfg = _alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001_initial")
    assert current_revision(engine) == "0001_initial"
    assert "versions" not in inspect(engine).get_table_names()
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO model_calls (cache_key, model, request_json, ok, prompt_tokens, completion_tokens,"
                " cost_usd, latency_ms, cached, created_at) VALUES ('k', 'm', '{\"q\": 1}', true, 1, 2, 0.5,"
                " 3.0, true, :t)"
            ),
            {"t": datetime(2024, 1, 1, tzinfo=UTC).replace(tzinfo=None)},
        )
    ensure_schema(engine)
    assert current_revision(engine) == HEAD_REVISION
    with engine.connect() as conn:
        assert conn.execute(text("SELECT request_json, completion_tokens FROM model_calls")).all() == [
            ('{"q": 1}', 2)
        ]


def test_store_data_survives_reopening(db_url: str, tmp_path):
    from sqlmodel import Session

    from summarizer.store.db import forget_schema_checks
    from summarizer.store.ingest import ingest_text
    from summarizer.store.repository import list_documents

    ingest_text(
        db_url, "Acme", "Privacy Policy", "We collect your email.\n", captured_at=datetime(2021, 1, 1)
    )
    forget_schema_checks()
    get_engine.cache_clear()
    ensure_schema(get_engine(db_url))  # a new process opening an up-to-date database changes nothing
    with Session(get_engine(db_url)) as session:
        docs = list_documents(session)
    assert [(d.service, d.document, d.versions) for d in docs] == [("Acme", "Privacy Policy", 1)]


def test_concurrent_first_opens_migrate_once(db_url: str):
    """Several threads opening a new database at once: one migrates, the others wait and see it done."""
    from summarizer.store import db as dbmod

    errors: list[BaseException] = []

    def open_it() -> None:
        try:
            engine = create_engine(db_url.replace("postgresql://", "postgresql+psycopg://"))
            with dbmod._migration_lock(engine) as conn:
                dbmod._upgrade(conn)
            engine.dispose()
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=open_it) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert current_revision(get_engine(db_url)) == HEAD_REVISION
