"""The runner on small inline cases, error handling, option pass-through and run storage."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.analyzers import AnalysisOptions
from summarizer.config import load_settings
from summarizer.errors import InputError, UpstreamError
from summarizer.evals.cases import load_cases
from summarizer.evals.results import RunResult
from summarizer.evals.runner import all_upstream_failed, git_revision, run_eval
from summarizer.evals.storage import delete_run, list_runs, load_run, resolve_run, save_run


def test_run_scores_every_case_with_an_analyzer_object(cases_dir: Path, kit) -> None:
    seen = []
    run = run_eval(
        load_cases(cases_dir),
        analyzer=kit.KeywordAnalyzer(),
        label="t",
        cases_dir=str(cases_dir),
        on_result=seen.append,
    )
    assert (
        [r.case_id for r in run.results]
        == ["arbitration-added", "cosmetic-date", "sharing-sell"]
        == [r.case_id for r in seen]
    )
    res = run.by_case()
    assert res["cosmetic-date"].passed, res["cosmetic-date"].failures  # the date change is cosmetic
    sell = res["sharing-sell"]
    assert sell.metrics["material_correct"] == 1 and sell.metrics["category_f1"] == 1.0
    assert sell.metrics["quote_verbatim_rate"] == 1.0 and sell.record["provenance"]["analyzer"] == "keywords"
    arb = res["arbitration-added"]
    assert arb.metrics["shift_direction_accuracy"] == 1.0 and arb.metrics["fact_recall"] == 1.0
    assert run.analyzer == "keywords" and run.case_count == 3 and run.label == "t"
    assert run.aggregate["material_accuracy"] == 1.0
    assert run.params["case_ids"] == ["arbitration-added", "cosmetic-date", "sharing-sell"]
    assert len(run.params["cases_sha256"]) == 64


def test_analyzer_name_goes_through_the_pipeline_with_options(cases_dir: Path, keyword_analyzer) -> None:
    seen = keyword_analyzer("good")
    opts = AnalysisOptions(model="m-1", prompt="change_record@v9", use_cache=False)
    run = run_eval(load_cases(cases_dir), analyzer="llm", options=opts)
    assert seen and all(o.use_cache is False and o.prompt == "change_record@v9" for o in seen)
    assert run.analyzer == "llm" and run.model == "m-1" and run.prompt_id == "change_record@v9"
    assert run.params["use_cache"] is False
    sell = run.by_case()["sharing-sell"]
    assert sell.calls == 1 and sell.cache_hits == 0 and sell.tokens == 15
    cached = run_eval(load_cases(cases_dir), analyzer="llm", options=AnalysisOptions(model="m-1"))
    assert cached.aggregate["calls"] == 0 and cached.aggregate["cache_hits"] == 2  # two material cases


def test_a_failing_case_is_an_error_not_a_crash(cases_dir: Path, kit) -> None:
    class Flaky(kit.KeywordAnalyzer):
        def analyze(self, diff):
            if "arbitration" in diff.new.text:
                raise UpstreamError("model server returned 503 after 3 attempts")
            if "cookies to run" in diff.new.text:
                raise KeyError("bug")
            return super().analyze(diff)

    run = run_eval(load_cases(cases_dir), analyzer=Flaky())
    res = run.by_case()
    assert res["arbitration-added"].error_kind == "upstream" and "503" in res["arbitration-added"].error
    assert res["cosmetic-date"].error_kind == "internal" and res["cosmetic-date"].error.startswith("KeyError")
    assert res["sharing-sell"].error is None and res["sharing-sell"].passed
    assert run.aggregate["errors"] == 2 and run.aggregate["material_accuracy"] == pytest.approx(1 / 3)
    assert not all_upstream_failed(run)

    class Down(kit.KeywordAnalyzer):
        def analyze(self, diff):
            raise UpstreamError("connection refused")

    assert all_upstream_failed(run_eval(load_cases(cases_dir), analyzer=Down()))


def test_empty_case_list_is_refused() -> None:
    with pytest.raises(InputError):
        run_eval([], analyzer="rules")


def test_git_revision_is_read_only_and_optional(tmp_path: Path) -> None:
    assert git_revision(str(tmp_path)) is None  # not a checkout
    rev = git_revision()
    assert rev is None or len(rev.split("+")[0]) == 12


def test_storage_round_trip_and_references(cases_dir: Path, kit, tmp_path: Path) -> None:
    db = load_settings().db_url
    cases = load_cases(cases_dir)
    first = run_eval(
        cases,
        analyzer=kit.KeywordAnalyzer(),
        label="base",
        options=AnalysisOptions(prompt="change_record@v1#abc123"),
    )
    first.prompt_id = "change_record@v1#abc123"
    save_run(first, db)
    second = run_eval(cases, analyzer=kit.KeywordAnalyzer("blind"), label="head")
    second.created_at = first.created_at.replace(year=first.created_at.year + 1)  # strictly newer
    save_run(second, db)

    loaded = load_run(first.run_id, db)
    assert loaded.aggregate == first.aggregate
    assert [r.model_dump(exclude={"record"}) for r in loaded.results] == [
        r.model_dump(exclude={"record"}) for r in first.results
    ]
    assert loaded.results[0].record == first.results[0].record

    assert resolve_run("latest", db).run_id == second.run_id
    assert resolve_run("latest~1", db).run_id == first.run_id
    assert resolve_run(first.run_id[:-2], db).run_id == first.run_id  # a unique prefix
    assert resolve_run("base", db).run_id == first.run_id  # a label
    assert resolve_run("change_record@v1", db).run_id == first.run_id  # a prompt version
    assert [r.run_id for r in list_runs(db)] == [second.run_id, first.run_id]
    with pytest.raises(InputError, match="not that many"):
        resolve_run("latest~5", db)
    with pytest.raises(InputError, match="no eval run matches 'nothing'"):
        resolve_run("nothing", db)
    with pytest.raises(InputError, match="no stored eval run used prompt"):
        resolve_run("change_record@v7", db)

    path = tmp_path / "run.json"
    path.write_text(first.to_json(records=False))
    from_file = resolve_run(str(path), db)
    assert from_file.source == str(path) and from_file.aggregate == first.aggregate
    assert from_file.results[0].record is None and from_file.by_case()["sharing-sell"].headline

    assert delete_run(second.run_id, db) and resolve_run("latest", db).run_id == first.run_id


def test_run_files_are_checked(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(InputError, match="not valid JSON"):
        RunResult.from_file(bad)
    bad.write_text(json.dumps({"hello": 1}))
    with pytest.raises(InputError, match="not an eval run file"):
        RunResult.from_file(bad)
    with pytest.raises(InputError, match="no such eval run file"):
        resolve_run(str(tmp_path / "missing.json"), None)


def test_parallel_jobs_keep_order_and_results(cases_dir: Path, kit) -> None:
    import threading
    import time

    threads: set[str] = set()
    barrier = threading.Barrier(3, timeout=5)

    class Slow(kit.KeywordAnalyzer):
        def analyze(self, diff):
            threads.add(threading.current_thread().name)
            barrier.wait()  # all three cases are in flight at once, or this times out
            time.sleep(0.01)
            return super().analyze(diff)

    cases = load_cases(cases_dir)
    seen = []
    parallel = run_eval(cases, analyzer=Slow(), jobs=3, on_result=seen.append)
    serial = run_eval(cases, analyzer=kit.KeywordAnalyzer())
    assert len(threads) == 3 and len(seen) == 3 and parallel.params["jobs"] == 3
    assert [r.case_id for r in parallel.results] == [c.id for c in cases]
    assert [r.metrics for r in parallel.results] == [r.metrics for r in serial.results]
