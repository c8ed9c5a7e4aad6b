"""The compliance model path closes the client it makes for each record: no event-loop thread is
left behind per case (an eval over many cases used to leave one each)."""

from __future__ import annotations

import threading
from pathlib import Path

import yaml

from summarizer.analyzers import AnalysisOptions
from summarizer.evals import compliance as ev
from summarizer.store.model_calls import ModelCallStore
from summarizer.testing.fake_openai import FakeOpenAIServer

ROOT = Path(__file__).resolve().parents[2]


def _loop_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "summarizer-llm" and t.is_alive()]


def test_each_case_s_client_is_closed(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-a-key")
    split = yaml.safe_load((ROOT / "evals/compliance_split.yaml").read_text(encoding="utf-8"))
    opened = {
        i for name, ids in split.items() if name.startswith("tuning") and isinstance(ids, list) for i in ids
    }
    # opened cases only: nothing here may run the analysis on a blind held-out case
    cases = [c for c in ev.load_cases(ROOT / "evals/compliance_cases", ROOT) if c.id in opened][:40]
    offline = {c.id: ev.offline_analyse(c) for c in cases}
    engaged = [c for c in cases if offline[c.id].entries][:3]
    assert len(engaged) == 3
    before = _loop_threads()
    with FakeOpenAIServer() as server:
        for _ in engaged:
            server.enqueue_reply(
                '{"landscape": [], "exposure": {"level": "low", "reasons": []}, '
                '"jurisdictions": [], "contracts": [], "considerations": []}'
            )
        options = AnalysisOptions(
            model="fake-model",
            base_url=server.base_url,
            api_key="sk-test-not-a-key",
            use_cache=False,
            call_log=ModelCallStore(f"sqlite:///{tmp_path}/x.db"),
        )
        ev.run_cases(engaged, ev.llm_analyser(options))
        assert len(server.chat_requests) == 3
    assert _loop_threads() == before
