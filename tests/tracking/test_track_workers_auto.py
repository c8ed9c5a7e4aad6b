"""``track --workers auto``: one worker per core for the rules analyzer, more for the model path,
within its requests-per-minute limit, never more than the pairs to do."""

from __future__ import annotations

import pytest

from summarizer.analyzers import AnalysisOptions
from summarizer.cli.store_cmd import _workers
from summarizer.errors import InputError
from summarizer.tracking import MAX_MODEL_WORKERS, MIN_RULES_PAIRS_PER_WORKER, auto_workers


@pytest.fixture
def cores(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr("summarizer.tracking.usable_cores", lambda: 2)
    return 2


def test_rules_get_one_worker_per_core_when_there_is_enough_work(cores: int):
    assert auto_workers("rules", AnalysisOptions(), 1000)[0] == cores
    assert auto_workers("rules", AnalysisOptions(), 2 * MIN_RULES_PAIRS_PER_WORKER)[0] == cores
    # too few pairs to pay for a second process's start-up: one worker
    assert auto_workers("rules", AnalysisOptions(), 2 * MIN_RULES_PAIRS_PER_WORKER - 1)[0] == 1
    assert auto_workers("rules", AnalysisOptions(), 1)[0] == 1


def test_model_path_gets_more_workers_within_the_rate_limit(cores: int):
    count, _ = auto_workers("llm", AnalysisOptions(), 100)
    assert cores < count <= MAX_MODEL_WORKERS
    count, options = auto_workers("llm", AnalysisOptions(rpm=4), 100)
    assert count == 4 and options.rpm == 1  # four workers share the 4 requests a minute
    count, options = auto_workers("llm", AnalysisOptions(rpm=60), 100)
    assert 1 <= options.rpm and options.rpm * count <= 60


def test_workers_option_takes_auto_or_a_count():
    assert _workers("auto") == "auto" and _workers("3") == 3
    for bad in ("0", "65", "many"):
        with pytest.raises(InputError):
            _workers(bad)
