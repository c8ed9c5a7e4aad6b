"""Session-wide test settings (no network, no real keys, a private state directory) and the fixtures
shared across layers: bundled example records, real pairs, and databases (SQLite, PostgreSQL)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path

import pytest

from summarizer.api import compare_files, diff_documents, load_pair
from summarizer.model.diff import DiffResult
from summarizer.model.record import ChangeRecord

ROOT = Path(__file__).resolve().parent.parent
OTA = ROOT / "evals" / "data" / "ota"


@pytest.fixture(autouse=True)
def _isolated_state(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test gets its own state directory and never sees the developer's key or config."""
    home = tmp_path_factory.mktemp("summarizer-home")
    monkeypatch.setenv("SUMMARIZER_HOME", str(home))
    monkeypatch.delenv("SUMMARIZER_DB", raising=False)
    monkeypatch.delenv("SUMMARIZER_CONFIG", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    monkeypatch.setenv("OPENAI_API_KEY", os.environ.get("PYTEST_OPENAI_API_KEY", "sk-test-not-a-real-key"))


@pytest.fixture(scope="session")
def ota_dir() -> Path:
    """The bundled Open Terms Archive pairs (evals/data/ota/<pair>/{old.md,new.md,meta.json})."""
    return OTA


def ota_pair(name: str) -> tuple[str, str]:
    folder = OTA / name
    return (folder / "old.md").read_text(encoding="utf-8"), (folder / "new.md").read_text(encoding="utf-8")


# --- offline records of the example and of real pairs ----------------------------------------

EXAMPLES = ROOT / "examples"


@cache
def ota_record(name: str) -> ChangeRecord:
    """The rules record of one bundled Open Terms Archive pair (computed once per session)."""
    return compare_files(OTA / name / "old.md", OTA / name / "new.md")


@cache
def ota_diff(name: str) -> DiffResult:
    old, new = load_pair(OTA / name / "old.md", OTA / name / "new.md")
    return diff_documents(old, new)


@pytest.fixture(scope="session")
def record_of():
    """``record_of(name)``: the (cached) rules record of a bundled pair."""
    return ota_record


@pytest.fixture(scope="session")
def example_paths() -> tuple[Path, Path]:
    return EXAMPLES / "privacy-v1.md", EXAMPLES / "privacy-v2.md"


@pytest.fixture(scope="session")
def example_record(example_paths) -> ChangeRecord:
    return compare_files(*example_paths)


@pytest.fixture(scope="session")
def example_diff(example_paths) -> DiffResult:
    return diff_documents(*load_pair(*example_paths))


@pytest.fixture(scope="session")
def cosmetic_record(example_paths) -> ChangeRecord:
    """Only the 'Last updated' date and a link target differ."""
    from summarizer.api import compare_texts

    old = example_paths[0].read_text(encoding="utf-8")
    new = old.replace("March 1, 2024", "April 2, 2024").replace(
        "https://acme.example/terms", "https://acme.example/tos"
    )
    return compare_texts(old, new)


# --- PostgreSQL -------------------------------------------------------------------------------------


@dataclass
class PgCluster:
    """Where the test server listens."""

    host: str
    port: int
    user: str = "postgres"

    def url(self, database: str) -> str:
        return f"postgresql://{self.user}@{self.host}:{self.port}/{database}"

    def admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(
            host=self.host, port=self.port, user=self.user, dbname="postgres", autocommit=True
        ) as c:
            c.execute(sql)


@pytest.fixture(scope="session")
def pg_cluster():
    external = os.environ.get("SUMMARIZER_TEST_PG_URL")
    if external:
        from sqlalchemy.engine import make_url

        u = make_url(external)
        yield PgCluster(u.host or "localhost", u.port or 5432, u.username or "postgres")
        return
    from summarizer.testing.pgcluster import PostgresUnavailable, TempCluster

    cluster = TempCluster()
    try:
        cluster.start()
    except PostgresUnavailable as exc:
        cluster.stop()
        pytest.fail(str(exc), pytrace=False)
    try:
        yield PgCluster(cluster.host, cluster.port, cluster.user)
    finally:
        cluster.stop()


def _dispose(url: str) -> None:
    from summarizer.store.db import forget_schema_checks, get_engine

    get_engine(url).dispose()
    get_engine.cache_clear()
    forget_schema_checks()


@pytest.fixture
def pg_url(pg_cluster: PgCluster):
    """A fresh, empty PostgreSQL database for one test."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    pg_cluster.admin(f"CREATE DATABASE {name}")
    url = pg_cluster.url(name)
    yield url
    _dispose(url)
    pg_cluster.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def sqlite_url(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'store.db'}"
    yield url
    _dispose(url)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> str:
    """A fresh database on each backend."""
    return request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url")


# --- version histories ----------------------------------------------------------------------------


def ota_pairs(limit: int, max_chars: int = 40_000) -> list[dict]:
    """Bundled OTA pairs (meta + texts) whose old version is at most *max_chars* long and differs from the new."""
    out = []
    for folder in sorted(OTA.iterdir()):
        old, new = (
            (folder / "old.md").read_text(encoding="utf-8"),
            (folder / "new.md").read_text(encoding="utf-8"),
        )
        if len(old) > max_chars or old == new:
            continue
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        out.append({**meta, "old": old, "new": new, "name": folder.name})
        if len(out) == limit:
            break
    return out


def ota_history(
    pairs: int, chained: int, *, seed: int = 1, max_chars: int = 40_000
) -> list[tuple[str, str, datetime, str]]:
    """Commits (service, document, when, text): each pair's old.md then new.md (real), then *chained*
    synthetic versions evolved from new.md."""
    from summarizer.store.sources import as_utc
    from summarizer.testing.synthetic import evolve

    commits = []
    for i, pair in enumerate(ota_pairs(pairs, max_chars)):
        service, doc = pair["service"], pair["document_type"]
        new_date = as_utc(datetime.fromisoformat(pair["new_date"]))
        commits.append((service, doc, as_utc(datetime.fromisoformat(pair["old_date"])), pair["old"]))
        commits.append((service, doc, new_date, pair["new"]))
        for v in evolve(pair["new"], chained, seed=seed + i, start=new_date):
            commits.append((service, doc, v.when, v.text))
    return commits


@pytest.fixture
def ota_repo(tmp_path: Path):
    """Factory: an OTA-layout git repository of *pairs* real pairs, each followed by *chained* versions."""
    from summarizer.testing.synthetic import write_ota_repo

    def make(pairs: int = 4, chained: int = 2, *, seed: int = 1, max_chars: int = 40_000) -> Path:
        repo = tmp_path / f"ota-{pairs}-{chained}-{seed}"
        write_ota_repo(repo, ota_history(pairs, chained, seed=seed, max_chars=max_chars))
        return repo

    return make


# --- helpers --------------------------------------------------------------------------------------


def pair_report(url: str, analyzer: str = "rules") -> dict:
    """Consecutive pairs in the store, and how many records each one has."""
    from sqlalchemy import text

    from summarizer.store.db import get_engine

    with get_engine(url).connect() as conn:
        versions = conn.execute(
            text("SELECT id, document_id FROM versions ORDER BY document_id, captured_at, id")
        ).all()
        counts = conn.execute(
            text(
                "SELECT old_version_id, new_version_id, count(*) FROM change_records "
                "WHERE analyzer = :a GROUP BY old_version_id, new_version_id"
            ),
            {"a": analyzer},
        ).all()
    pairs = {(a[0], b[0]) for a, b in zip(versions, versions[1:]) if a[1] == b[1]}
    per_pair = {(o, n): c for o, n, c in counts}
    return {
        "pairs": pairs,
        "per_pair": per_pair,
        "missing": pairs - per_pair.keys(),
        "duplicated": {p for p, c in per_pair.items() if c > 1},
        "extra": per_pair.keys() - pairs,
    }


def cli(*args: str, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run the real command line in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "summarizer", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=timeout,
        cwd=str(ROOT),
    )


@pytest.fixture
def run_cli():
    """``run_cli(*args)``: the real command line in a subprocess (CompletedProcess)."""
    return cli


@pytest.fixture
def ota_commits():
    """``ota_commits(pairs, chained)``: the commits an ``ota_repo(pairs, chained)`` holds."""
    return ota_history


@pytest.fixture
def pair_check():
    """``pair_check(url)``: consecutive pairs, and which of them lack or duplicate a record."""
    return pair_report


@pytest.fixture
def invoke(capsys: pytest.CaptureFixture):
    """``invoke(*args)``: the command line in this process -> (exit code, stdout, stderr)."""
    from summarizer.cli import main

    def run(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        try:
            main(list(args))
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        out, err = capsys.readouterr()
        return code, out, err

    return run
