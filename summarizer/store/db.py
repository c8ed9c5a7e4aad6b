"""Engine creation and schema setup (alembic migrations, applied programmatically on open)."""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from sqlalchemy import event, text
from sqlalchemy.engine import Engine
from sqlmodel import create_engine

# The newest alembic revision. ensure_schema() compares the database with this string before it
# imports alembic at all, so opening an up-to-date database stays cheap. A test checks it matches
# the migration scripts' head.
HEAD_REVISION = "0008_passage_topics_v2"

_MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_PG_LOCK_KEY = 0x5355_4D4D  # pg_advisory_xact_lock key serialising migrations ("SUMM")
_checked: set[str] = set()
_checked_lock = threading.Lock()


def normalise_url(url: str) -> str:
    """Map ``postgresql://`` / ``postgres://`` to the psycopg 3 driver; other URLs pass through."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


def get_engine(url: str) -> Engine:
    """An engine for *url*; SQLite files get WAL and a busy timeout so processes can share them.
    A bad URL (unknown scheme, missing driver, a folder that does not exist) is one clear
    :class:`~summarizer.errors.InputError`."""
    with database_errors(url):
        return _get_engine(url)


@contextlib.contextmanager
def database_errors(url: str) -> Iterator[None]:
    """Turn what a database can fail with into one clear line: a server that cannot be reached is
    an :class:`~summarizer.errors.UpstreamError` (exit 3); a bad URL, a missing driver or database,
    refused credentials, or a file that is not a database an :class:`~summarizer.errors.InputError`
    (exit 2). The password of *url* is never shown."""
    from sqlalchemy import exc as sa_exc

    from summarizer.config import mask_url
    from summarizer.errors import InputError, UpstreamError

    shown = mask_url(url)
    try:
        yield
    except sa_exc.NoSuchModuleError:
        scheme = url.split("://", 1)[0] if "://" in url else url
        raise InputError(
            f"cannot open the database {shown}: unknown kind of database {scheme!r} (use sqlite:/// or postgresql://)"
        ) from None
    except sa_exc.ArgumentError as exc:
        raise InputError(
            f"cannot open the database {shown}: not a database URL ({_first_line(exc)})"
        ) from None
    except ModuleNotFoundError as exc:
        raise InputError(
            f"cannot open the database {shown}: its driver is not installed ({exc.name})"
        ) from None
    except sa_exc.OperationalError as exc:
        detail = _first_line(exc.orig or exc)
        if url.startswith(("postgres", "mysql")) and not re.search(
            r"does not exist|authentication|password|permission denied|role .* does not", detail, re.I
        ):
            raise UpstreamError(
                f"cannot open the database {shown}: cannot reach the server ({detail})"
            ) from None
        raise InputError(f"cannot open the database {shown}: {detail}") from None
    except sa_exc.DatabaseError as exc:
        raise InputError(f"cannot open the database {shown}: {_first_line(exc.orig or exc)}") from None


def _create_private(path: Path) -> None:
    """Create a new SQLite file readable by its owner only (it holds every prompt and answer);
    SQLite gives its journal files the same permissions. An existing file is left alone."""
    import os

    if path.exists():
        return
    try:
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    except OSError:
        pass  # SQLite reports the problem when it opens the file


def _first_line(exc: BaseException) -> str:
    from summarizer.config import mask_url

    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return re.sub(r"\w+://[^\s'\"]+", lambda m: mask_url(m.group()), text)[:300]


@lru_cache(maxsize=8)
def _get_engine(url: str) -> Engine:
    url = normalise_url(url)
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        folder = Path(url.removeprefix("sqlite:///")).expanduser().parent
        if not folder.is_dir():
            from summarizer.config import state_dir
            from summarizer.errors import InputError

            if folder != state_dir():  # only the state directory is made on demand
                raise InputError(
                    f"cannot open the database {url.removeprefix('sqlite:///')}: folder {folder} does not exist"
                )
            try:
                folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            except OSError as exc:
                raise InputError(f"cannot create the state directory {folder}: {exc.strerror}") from None
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        _create_private(Path(url.removeprefix("sqlite:///")).expanduser())
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record) -> None:  # pragma: no cover - trivial
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()

        return engine
    connect_args = {"options": "-c timezone=UTC"} if url.startswith("postgresql+psycopg") else {}
    return create_engine(url, pool_pre_ping=True, connect_args=connect_args)


def current_revision(engine: Engine) -> str | None:
    """The alembic revision the database is at (None: new, or created before migrations existed)."""
    from sqlalchemy import inspect

    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def ensure_schema(engine: Engine) -> None:
    """Bring the database to the newest schema, keeping every row.

    New databases are created by the migrations; databases made before migrations existed (or by
    an older revision) are upgraded in place. Safe when several processes open the same database
    at once: PostgreSQL serialises them with an advisory lock, SQLite files with a lock file.
    """
    key = engine.url.render_as_string(hide_password=False)
    with _checked_lock:
        if key in _checked:
            return
    if current_revision(engine) != HEAD_REVISION:
        with _migration_lock(engine) as conn:
            _upgrade(conn)
    with _checked_lock:
        _checked.add(key)


def init_db(engine: Engine) -> None:
    """Create or upgrade the schema (kept for callers written before migrations: same as ensure_schema)."""
    ensure_schema(engine)


def open_engine(url: str) -> Engine:
    """An engine for *url* whose schema is up to date: the one call the store's library functions make."""
    engine = get_engine(url)
    with database_errors(url):
        ensure_schema(engine)
    return engine


def forget_schema_checks() -> None:
    """Make the next ensure_schema() look at the database again (tests that rebuild databases)."""
    with _checked_lock:
        _checked.clear()


def _alembic_config():
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(_MIGRATIONS_DIR))
    return cfg


def _upgrade(conn) -> None:
    from alembic import command

    cfg = _alembic_config()
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, "head")


@contextlib.contextmanager
def _migration_lock(engine: Engine) -> Iterator:
    """A connection in a transaction that only one process at a time gets, for running migrations."""
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
            yield conn
        return
    lock_file = None
    database = engine.url.database
    if engine.dialect.name == "sqlite" and database and database != ":memory:":
        lock_file = open(f"{database}.migrate-lock", "a+")  # noqa: SIM115 - closed below
        try:
            import fcntl

            fcntl.flock(lock_file.fileno(), fcntl.LOCK_EX)
        except ImportError:  # pragma: no cover - Windows: SQLite's own locking is the guard
            pass
    try:
        with engine.begin() as conn:
            yield conn
    finally:
        if lock_file is not None:
            lock_file.close()  # releases the flock


def script_head() -> str:
    """The head revision according to the migration scripts (for the consistency test)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config()).get_current_head() or ""


get_engine.cache_clear = _get_engine.cache_clear  # type: ignore[attr-defined]  # tests rebuild databases
