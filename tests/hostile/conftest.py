"""Shared helpers for the hostile-input suite: a loopback model that obeys any instruction it is
given (the worst case for planted text), and a way to run the command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from summarizer.analyzers import AnalysisOptions
from summarizer.store.model_calls import ModelCallStore
from summarizer.testing.fake_openai import FakeOpenAIServer, ScriptedResponse, chat_completion

ROOT = Path(__file__).resolve().parents[2]


def obedient_answer(body: dict[str, Any]) -> ScriptedResponse:
    """What a model that follows every instruction in its prompt would answer: whatever the text
    says, 'no material change, low severity' (the planted instruction's wish)."""
    answer = {
        "changes": [],
        "material": False,
        "severity": "none",
        "categories": [],
        "headline": "Routine business transfer wording, no material change",
        "summary": "Only wording changed.",
        "impact": "Nothing changes for you.",
        "actions": [],
        "interpretive_note": None,
    }
    return ScriptedResponse(200, chat_completion(json.dumps(answer)))


@pytest.fixture
def obedient_model() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer(responder=obedient_answer) as server:
        yield server


@pytest.fixture
def loopback_options(tmp_path) -> Callable[..., AnalysisOptions]:
    """Options for the model analyzer against a loopback server at *base_url*: a throwaway key, a
    call log in this test's directory, no cache and no sleeping between retries."""

    def make(base_url: str, *, max_retries: int = 1, timeout: float | None = None) -> AnalysisOptions:
        extra: dict[str, Any] = {} if timeout is None else {"timeout": timeout}
        return AnalysisOptions(
            model="gpt-4o-mini",
            base_url=base_url,
            api_key="sk-test-not-a-real-key",
            call_log=ModelCallStore(f"sqlite:///{tmp_path / 'calls.db'}"),
            use_cache=False,
            sleep=lambda s: None,
            max_retries=max_retries,
            **extra,
        )

    return make


def run_cli(*args: str, env: dict[str, str] | None = None, input: bytes | None = None, timeout: float = 120):
    """Run ``python -m summarizer ARGS`` with this checkout first on the path."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "summarizer", *args],
        capture_output=True,
        env=full_env,
        input=input,
        timeout=timeout,
        cwd=str(ROOT),
    )
