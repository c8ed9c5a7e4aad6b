"""The compliance gate on the model path against a loopback fake OpenAI server: deterministic answers
that exercise verification (the recorded real-model run is ``test_compliance_gate_cassettes.py``).

The fake server answers each request the way a model following the prompt would: under
compliance@v1 it writes the statements from the entries it was given; under the deliberately worse
compliance@v0 ("say which laws it violates, cite any article you know") it asserts violations and
cites articles outside the table. Verification drops those, so recall falls and the gate fails.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.analyzers import AnalysisOptions
from summarizer.evals import compliance as ev
from summarizer.store.model_calls import ModelCallStore
from summarizer.testing.fake_openai import FakeOpenAIServer

ROOT = Path(__file__).resolve().parents[2]
PROMPTS = Path(__file__).parent / "prompts"
CASES = [
    "ads-example-no-sale-to-partner-ads",
    "allrecipes-privacy-2015-sale-and-cross-device-ads",
    "bitwarden-privacy-2022-minimum-age-13",
    "verizon-privacy-reversed-state-rights-sections-removed",
]


def _good_reply(section) -> str:
    said = lambda items: [{"text": s.text, "entries": s.entries, "quotes": s.quotes} for s in items]  # noqa: E731
    return json.dumps(
        {
            "landscape": said(section.landscape),
            "exposure": {"level": section.exposure.level, "reasons": said(section.exposure.reasons)},
            "jurisdictions": [
                {"code": f.code, "reason": f.reason, "entries": f.entries} for f in section.jurisdictions
            ],
            "contracts": said(section.contracts),
            "considerations": said(section.considerations),
        }
    )


def _worse_reply(section) -> str:
    return json.dumps(
        {
            "landscape": [
                {"text": f"This change violates {s.entries[0]}.", "entries": s.entries, "quotes": []}
                for s in section.landscape
            ]
            + [{"text": "See GDPR Art. 99.", "entries": ["gdpr-art99-penalties"], "quotes": []}],
            "exposure": {"level": "high", "reasons": []},
            "jurisdictions": [],
            "contracts": [],
            "considerations": [],
        }
    )


@pytest.fixture()
def cases(monkeypatch):
    monkeypatch.setenv("SUMMARIZER_PROMPTS_DIR", str(PROMPTS))
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-a-key")
    return [c for c in ev.load_cases(ROOT / "evals/compliance_cases", ROOT) if c.id in CASES]


def _run(cases, prompt: str, reply, tmp_path) -> dict:
    offline = {c.id: ev.offline_analyse(c) for c in cases}
    with FakeOpenAIServer() as server:
        for c in cases:
            if offline[c.id].entries:
                server.enqueue_reply(reply(offline[c.id]))
        options = AnalysisOptions(
            model="fake-model",
            base_url=server.base_url,
            api_key="sk-test-not-a-key",
            prompt=prompt,
            use_cache=False,
            call_log=ModelCallStore(f"sqlite:///{tmp_path}/x.db"),
        )
        report = ev.run_cases(cases, ev.llm_analyser(options))
        requests = server.chat_requests
    assert requests, "the model path made no request"
    return report


def test_v1_passes_and_worse_prompt_fails_the_gate(cases, tmp_path):
    baseline = ev.run_cases(cases)  # the offline analysis is the baseline
    good = _run(cases, "compliance@v1", _good_reply, tmp_path)
    assert ev.gate(good, baseline) == []
    assert good["all"]["forbidden_claim_rate"] == 0
    worse = _run(cases, "compliance@v0", _worse_reply, tmp_path)
    failures = ev.gate(worse, baseline)
    assert any(f.startswith("citation_recall") for f in failures)
    # verification removed every 'violates' from the section, and the eval still counts them
    assert any(f.startswith("forbidden claims") for f in failures)
    assert all(ev.REJECTED_CLAIM in c["forbidden_found"] for c in worse["cases"])
