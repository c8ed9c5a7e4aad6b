"""The model path reads the diff as the offline path does (issue #15, round 8): its offline baseline
(the entries the model is shown) and its fallback include what each change's hunks add
(:mod:`summarizer.compliance.hunk_text`), so a failed model call gives exactly the section of
``compare --compliance offline``. Imgur's 2023 privacy policy is an opened case whose hunks engage
entries the record's quotes alone do not."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.analyzers import AnalysisOptions
from summarizer.api import analyze, compare_files, load_pair
from summarizer.compliance.analysis import analyze_compliance
from summarizer.diffing.engine import diff_documents
from summarizer.evals import compliance as ev
from summarizer.testing.fake_openai import FakeOpenAIServer

ROOT = Path(__file__).resolve().parents[2]
CASE = "imgur-privacy-2023-liveramp-ad-ids-video-pixel-consent-and-arbitration"


@pytest.fixture(scope="module")
def case() -> ev.ComplianceCase:
    [found] = [c for c in ev.load_cases(ROOT / "evals/compliance_cases", ROOT) if c.id == CASE]
    return found


@pytest.fixture(scope="module")
def hunk_only(case) -> set[str]:
    """The entries the hunk reading adds on this pair (the test is void if there are none)."""
    diff = diff_documents(*load_pair(case.old, case.new))
    record = analyze(diff)
    old, new = case.old.read_text(encoding="utf-8"), case.new.read_text(encoding="utf-8")
    added = set(analyze_compliance(record, old, new, diff=diff).entries) - set(
        analyze_compliance(record, old, new).entries
    )
    assert added, "the hunk reading no longer adds an entry on this pair: pick another"
    return added


def _options(server: FakeOpenAIServer) -> AnalysisOptions:
    return AnalysisOptions(
        model="fake-model", base_url=server.base_url, api_key="sk-test-not-a-key", use_cache=False
    )


def test_a_failed_model_call_falls_back_to_the_offline_section_of_compare(case, hunk_only) -> None:
    offline = compare_files(case.old, case.new, compliance="offline").compliance
    assert offline is not None and hunk_only <= set(offline.entries)
    with FakeOpenAIServer() as server:
        for _ in range(3):  # every attempt fails (no retry waits: Retry-After 0)
            server.enqueue_error(500, "the model is down", headers={"Retry-After": "0"})
        fallen = compare_files(case.old, case.new, compliance="llm", options=_options(server)).compliance
        asked = len(server.chat_requests)
    assert asked >= 1  # the model was asked, and failed
    assert fallen is not None and fallen.method == "offline"
    assert fallen.notes[:-1] == offline.notes
    assert fallen.notes[-1].startswith("model path failed")
    assert fallen.model_dump(exclude={"notes"}) == offline.model_dump(exclude={"notes"})


def test_the_eval_analyser_shows_the_model_the_entries_the_hunks_engage(case, hunk_only) -> None:
    shown = ev.offline_analyse(case).entries
    with FakeOpenAIServer() as server:  # no scripted answer: the request fails after it is recorded
        section = ev.llm_analyser(_options(server))(case)
        [request] = server.chat_requests[:1]
    assert section.method == "llm" and not section.entries  # evals judge the model: no fallback
    user = request.body["messages"][-1]["content"]
    for entry in hunk_only:
        assert f'"id": "{entry}"' in user
    assert [e for e in shown if f'"id": "{e}"' in user] == shown[:16]
