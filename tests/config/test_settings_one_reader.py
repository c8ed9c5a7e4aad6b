"""Settings are read in one place: config.py reads the environment, everything else takes typed
values, and one builder turns settings into analysis options for every command."""

from __future__ import annotations

import ast
import pickle
from pathlib import Path

import pytest

import summarizer
from summarizer.api import analysis_options
from summarizer.config import load_settings
from summarizer.errors import InputError
from summarizer.llm.cache import CallRecord
from summarizer.store.model_calls import ModelCallStore

PACKAGE = Path(summarizer.__file__).parent
# The test helpers start servers and browsers for tests; they are never imported by the library.
EXEMPT = {PACKAGE / "config.py"}
EXEMPT_DIRS = {PACKAGE / "testing"}


def _environment_reads(tree: ast.AST) -> list[int]:
    """Lines that touch ``os.environ`` / ``os.getenv`` (or ``environ``/``getenv`` imported from os)."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv", "environb", "getenvb"):
            lines.append(node.lineno)
        elif isinstance(node, ast.ImportFrom) and node.module == "os":
            if any(a.name in ("environ", "getenv", "environb", "getenvb") for a in node.names):
                lines.append(node.lineno)
    return lines


def test_only_config_reads_the_environment() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path in EXEMPT or any(d in path.parents for d in EXEMPT_DIRS):
            continue
        for line in _environment_reads(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            offenders.append(f"{path.relative_to(PACKAGE.parent)}:{line}")
    assert offenders == [], "read settings through summarizer.config instead"


def test_the_scan_sees_each_way_of_reading_the_environment() -> None:
    samples = [
        "import os\nos.environ.get('X')",
        "import os\nos.getenv('X')",
        "from os import environ\nenviron['X']",
        "import os as o\no.environ['X']",
    ]
    assert all(_environment_reads(ast.parse(s)) for s in samples)
    assert _environment_reads(ast.parse("import os\nos.path.join('a')")) == []


def test_model_tuning_comes_typed_from_flags_then_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARIZER_CHUNK_TOKENS", "900")
    monkeypatch.setenv("SUMMARIZER_LLM_TIMEOUT", "12.5")
    monkeypatch.setenv("SUMMARIZER_RESPONSE_FORMAT", "json_object_schema")
    settings = load_settings(max_output_tokens=321, chunk_tokens=None)
    assert (settings.chunk_tokens, settings.timeout, settings.max_output_tokens) == (900, 12.5, 321)
    assert settings.response_format == "json_object_schema"
    assert settings.sources["chunk_tokens"] == "env SUMMARIZER_CHUNK_TOKENS"
    assert settings.sources["max_output_tokens"] == "flag"
    assert load_settings(chunk_tokens=100).chunk_tokens == 100


@pytest.mark.parametrize(
    "env, value", [("SUMMARIZER_CHUNK_TOKENS", "lots"), ("SUMMARIZER_LLM_TIMEOUT", "soon")]
)
def test_a_setting_that_is_not_a_number_is_one_input_error(
    monkeypatch: pytest.MonkeyPatch, env: str, value: str
) -> None:
    monkeypatch.setenv(env, value)
    with pytest.raises(InputError, match=f"env {env}.*must be .*number, got '{value}'"):
        load_settings()


def test_the_input_size_limit_is_read_by_config(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from summarizer.diffing.load import read_source

    big = tmp_path / "big.md"
    big.write_text("x" * 200)
    monkeypatch.setenv("SUMMARIZER_MAX_BYTES", "100")
    with pytest.raises(InputError, match="too large"):
        read_source(big)
    assert read_source(big, max_bytes=1000) == b"x" * 200  # a typed value wins
    monkeypatch.setenv("SUMMARIZER_MAX_BYTES", "many")
    with pytest.raises(InputError, match="SUMMARIZER_MAX_BYTES must be a whole number"):
        read_source(big)


def test_the_builder_gives_the_model_analyzer_its_settings_and_everyone_the_call_log(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SUMMARIZER_CHUNK_TOKENS", "900")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    llm = analysis_options(
        load_settings(analyzer="llm", db="sqlite:///calls.db"), prompt="p@v1", max_cost=None
    )
    assert (llm.model, llm.base_url, llm.chunk_tokens, llm.prompt) == (
        "gpt-4o-mini",
        "http://127.0.0.1:9/v1",
        900,
        "p@v1",
    )
    assert llm.max_cost is None and llm.use_cache is True  # None overrides leave the default
    assert isinstance(llm.call_log, ModelCallStore) and llm.call_log.db_url == "sqlite:///calls.db"
    assert analysis_options(load_settings(analyzer="llm"), use_cache=False).use_cache is False

    rules = analysis_options(load_settings(analyzer="rules"))
    assert (rules.model, rules.base_url, rules.api_key) == (None, None, None)  # no key travels needlessly
    assert isinstance(rules.call_log, ModelCallStore)


def test_the_database_call_log_pickles_as_its_url_and_opens_on_first_use(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'calls.db'}"
    log = ModelCallStore(url)
    assert not (tmp_path / "calls.db").exists()  # nothing opened yet
    copy = pickle.loads(pickle.dumps(log))
    call = CallRecord(
        cache_key="k",
        prompt_id=None,
        model="m",
        base_url_host="h",
        request_json="{}",
        response_json='{"content": "hello"}',
        ok=True,
        prompt_tokens=3,
    )
    assert copy.record(call) and log.lookup("k").content == "hello"
    assert log.invalidate("k", "unusable") == 1 and copy.lookup("k") is None
