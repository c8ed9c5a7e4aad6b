"""An eval run's store that cannot be upgraded is one clear error, not a traceback."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from summarizer.errors import InputError
from summarizer.evals.storage import _engine
from summarizer.store.db import forget_schema_checks


def test_a_store_whose_tables_disagree_with_its_revision_is_one_input_error(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    with sqlite3.connect(path) as conn:  # says it is at 0004 but lacks the passage tables 0005 empties
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
        conn.execute("INSERT INTO alembic_version VALUES ('0004_passages')")
    forget_schema_checks()
    with pytest.raises(InputError, match=r"cannot open the database sqlite:///.*store\.db: no such table"):
        _engine(f"sqlite:///{path}")
