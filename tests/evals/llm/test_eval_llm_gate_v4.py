"""``change_record@v4`` (the ``ai_training`` id, a direction for the user and a confidence per change)
through the same gate the CI runs, against ``v3`` on the same nine cases, replayed from cassettes
recorded against SmolLM2-135M-Instruct on llama-cpp-python (see ``conftest.py``; v4's cassette was
recorded with ``python -m pytest tests/evals/llm/test_eval_llm_gate_v4.py --record-mode=rewrite``,
which replays v3's and rewrites only v4's).

The 135M model is a weak judge of a prompt: the recorded v4 run fails the gate (reading grade and
forbidden-claim rate), so v4 ships as an opt-in version (``--prompt change_record@v4``) and v3
stays the default."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from summarizer.testing.cli import run_cli as cli

# the v3 gate's cases and command line (tests are not a package: load the sibling module by path)
_spec = importlib.util.spec_from_file_location("_gate_v3", Path(__file__).with_name("test_eval_llm_gate.py"))
_gate = importlib.util.module_from_spec(_spec)  # type: ignore[arg-type]
_spec.loader.exec_module(_gate)  # type: ignore[union-attr]
CASE_IDS, eval_args = _gate.CASE_IDS, _gate.eval_args


def test_prompt_v4_through_the_gate_against_v3(recorder, capsys, tmp_path: Path) -> None:
    with recorder("eval_change_record_v3.yaml", record_mode="none"):  # the v3 run, replayed
        code, out, err = cli(capsys, *eval_args("change_record@v3", "--label", "v3", "--format", "json"))
        assert code == 0, err
    v3 = json.loads(out)
    report = tmp_path / "v4-vs-v3.md"
    with recorder("eval_change_record_v4.yaml") as cassette:
        code, out, err = cli(
            capsys,
            *eval_args(
                "change_record@v4",
                "--label",
                "v4",
                "--format",
                "json",
                "--baseline",
                "change_record@v3",
                "--max-regression",
                "0.02",
                "--report-md",
                str(report),
            ),
        )
        sent = [json.loads(r.body) for r in cassette.requests]
    run = json.loads(out)
    assert run["case_count"] == len(CASE_IDS)
    # what went out: v4's system prompt (ai_training defined) and a schema offering ai_training
    # and asking for a confidence per change
    assert sent and all("ai_training:" in m["messages"][0]["content"] for m in sent)
    schemas = [json.dumps(m.get("response_format", {})) for m in sent]
    assert all('"ai_training"' in s and '"confidence"' in s for s in schemas)
    records = [r["record"] for r in run["results"] if r["record"] is not None]
    assert records and all(r["provenance"]["prompt_version"].startswith("change_record@v4#") for r in records)
    assert run["aggregate"]["quote_verbatim_rate"] == 1.0
    for record in records:  # a model change's confidence is never high (only quoted evidence is)
        if not any(f["code"] == "model_output_rejected" for f in record["flags"]):  # else offline
            assert all(c.get("confidence") in (None, "low", "medium") for c in record["changes"])
    # The gate's verdict on this recording: v4 FAILS it, so v3 stays the default prompt. The 135M
    # model's prose under v4 reads far harder (one degenerate answer scores grade 54) and one record
    # makes a forbidden claim; v4's gains in material, categories, severity and facts are real on
    # these cases but partly come from the offline fallback (spotify's model answer was rejected).
    assert code == 1, out + err
    assert "eval gate failed" in err and "(v3)" in err
    failed = {line.split()[0] for line in err.splitlines()[1:] if " rose " in line or " fell " in line}
    assert failed == {"reading_grade", "forbidden_claim_rate"}, err
    text = report.read_text(encoding="utf-8")
    assert "Gate failed" in text and "change_record@v4" in text
    v3_agg, v4_agg = v3["aggregate"], run["aggregate"]
    for metric in ("material_accuracy", "category_f1", "severity_within_one", "fact_recall"):
        assert v4_agg[metric] >= v3_agg[metric], metric  # what the recording shows did not fall
    from summarizer.analyzers.llm.prompts import load_prompt

    assert load_prompt().version == "v3"  # not made the default
