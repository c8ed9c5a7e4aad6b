"""Shared fixtures for the offline analyzer tests: the bundled example and records of real pairs."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from summarizer.model.diff import DiffResult
from summarizer.api import compare_files, diff_documents, load_pair
from summarizer.model.record import ChangeRecord

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
OTA = ROOT / "evals" / "data" / "ota"


@lru_cache(maxsize=None)
def ota_record(name: str) -> ChangeRecord:
    """The rules record of one bundled Open Terms Archive pair (computed once per session)."""
    return compare_files(OTA / name / "old.md", OTA / name / "new.md")


@lru_cache(maxsize=None)
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
    new = old.replace("March 1, 2024", "April 2, 2024").replace("https://acme.example/terms", "https://acme.example/tos")
    return compare_texts(old, new)
