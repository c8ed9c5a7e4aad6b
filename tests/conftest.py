"""Session-wide test settings: no network, no real keys, a private state directory."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

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
