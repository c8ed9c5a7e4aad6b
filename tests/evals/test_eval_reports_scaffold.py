"""Reports (Markdown, self-contained HTML, JUnit XML) and ``eval new`` scaffolding."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from summarizer.errors import InputError
from summarizer.evals.cases import load_case, load_cases
from summarizer.evals.compare import compare_runs
from summarizer.evals.gate import check_gate
from summarizer.evals.report import render, render_html, render_junit, render_markdown
from summarizer.evals.runner import run_eval
from summarizer.evals.scaffold import scaffold_case


@pytest.fixture
def two_runs(cases_dir: Path, kit):
    cases = load_cases(cases_dir)
    base = run_eval(cases, analyzer=kit.KeywordAnalyzer("good"), label="base")
    head = run_eval(cases, analyzer=kit.KeywordAnalyzer("misquote"), label="head")
    return base, head


def test_markdown_has_the_tables_and_the_regressions(two_runs) -> None:
    base, head = two_runs
    md = render_markdown(head, compare_runs(base, head), check_gate(head, base, 0.02))
    assert md.startswith("## Eval: head — keywords-misquote")
    assert "❌ **Gate failed**" in md and "quote_verbatim_rate fell" in md
    assert "| metric | baseline | this run | Δ |" in md
    assert re.search(r"\| quote verbatim rate † \| 1\.000 \| 0\.500 \| −0\.500 🔻 \|", md)
    assert "### Regressed cases (2)" in md and "- `sharing-sell`: quote_verbatim_rate 1.00→0.50" in md
    assert "| `cosmetic-date` | pass |" in md and "| `sharing-sell` | fail |" in md
    assert "quotes: 2 of 4 not found verbatim" in md
    assert "| cosmetic | 1 | 1.000 |" in md and "| severity_up | 1 | 0.000 |" in md  # scores per tag
    plain = render_markdown(base)
    assert "| metric | value |" in plain and "Gate" not in plain


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_html_is_one_self_contained_file(two_runs) -> None:
    base, head = two_runs
    head.results[0].failures.append("<script>alert(1)</script>")  # untrusted text is escaped
    html = render_html(head, compare_runs(base, head), check_gate(head, base, 0.02))
    parser = _Collector()
    parser.feed(html)
    tags = [t for t, _ in parser.tags]
    assert "style" in tags and "script" not in tags and "link" not in tags
    assert not any(
        a.get("src") or (t == "a" and a.get("href", "").startswith("http")) for t, a in parser.tags
    )
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Gate failed" in html and "sharing-sell" in html and "Regressed cases (2)" in html
    assert "<h2>By tag</h2>" in html and "<td>cosmetic</td>" in html


def test_junit_parses_and_fails_where_expected(two_runs, kit, cases_dir: Path) -> None:
    base, head = two_runs
    root = ET.fromstring(render_junit(head))
    suite = root.find("testsuite")
    assert suite is not None and suite.get("tests") == "3" and suite.get("failures") == "2"
    failed = {
        tc.get("name"): tc.find("failure") for tc in suite.iter("testcase") if tc.find("failure") is not None
    }
    assert set(failed) == {"arbitration-added", "sharing-sell"}
    assert "not found verbatim" in failed["sharing-sell"].get("message")
    props = {p.get("name"): p.get("value") for p in suite.iter("property")}
    assert props["analyzer"] == "keywords-misquote" and props["score.quote_verbatim_rate"] == "0.5"
    # an error is an <error>, and a gate adds one testcase per gated metric
    from summarizer.errors import UpstreamError

    class Down(kit.KeywordAnalyzer):
        def analyze(self, diff):
            raise UpstreamError("HTTP 503")

    down = run_eval(load_cases(cases_dir), analyzer=Down())
    root = ET.fromstring(render_junit(down, check_gate(down, base, 0.02)))
    suite = root.find("testsuite")
    assert suite.get("errors") == "3" and len(list(suite.iter("error"))) == 3
    gate_failures = [
        tc.get("name")
        for tc in suite.iter("testcase")
        if tc.get("classname", "").endswith(".gate") and tc.find("failure") is not None
    ]
    assert "material_accuracy" in gate_failures and "category_f1" in gate_failures


def test_unknown_report_format(two_runs) -> None:
    with pytest.raises(InputError, match="unknown report format"):
        render(two_runs[0], "pdf")


# --- eval new ------------------------------------------------------------------------------------


def test_scaffold_writes_a_valid_case_from_an_ota_pair(
    tmp_path: Path, ota_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pair = "spotify-terms-of-service-2021-02-23-2021-09-01"
    repo = tmp_path / "repo"
    shutil.copytree(ota_dir / pair, repo / "evals/data/ota" / pair)
    monkeypatch.chdir(tmp_path)  # the case must not depend on the working directory
    path, case = scaffold_case(
        repo / "evals/data/ota" / pair / "old.md",
        repo / "evals/data/ota" / pair / "new.md",
        "spotify-2021",
        repo / "evals/cases",
    )
    assert path == repo / "evals/cases/spotify-2021.yaml"
    text = path.read_text()
    assert f'old: "evals/data/ota/{pair}/old.md"' in text  # portable: relative to the repository
    assert 'pair: "spotify-terms-of-service-2021-02-23-2021-09-01"' in text
    assert "TODO" in text and "facts: []" in text
    again = load_case(path)
    assert again.id == "spotify-2021" and again.expected.material is True
    assert again.expected.categories and again.expected.provisions
    assert again.old_text == (ota_dir / pair / "old.md").read_text()
    with pytest.raises(InputError, match="already exists"):
        scaffold_case(
            repo / "evals/data/ota" / pair / "old.md",
            repo / "evals/data/ota" / pair / "new.md",
            "spotify-2021",
            repo / "evals/cases",
        )


def test_scaffold_of_a_cosmetic_pair_and_bad_ids(tmp_path: Path, capsys) -> None:
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text("# Terms\n\nLast updated: 1 May 2020.\n\nWe use cookies to run the site.\n")
    new.write_text("# Terms\n\nLast updated: 2 June 2021.\n\nWe use cookies to run the site.\n")
    from summarizer.cli import main

    main(["eval", "new", str(old), str(new), "--id", "dates-only", "--cases", str(tmp_path / "cases")])
    assert "material=false severity=none" in capsys.readouterr().out
    case = load_case(tmp_path / "cases/dates-only.yaml")
    assert case.expected.material is False and case.expected.severity == "none"
    with pytest.raises(InputError, match="'Bad Id'") as bad_id:
        scaffold_case(old, new, "Bad Id", tmp_path / "cases")
    assert bad_id.value.setting == "case_id"
    with pytest.raises(InputError, match="identical"):
        scaffold_case(old, old, "same", tmp_path / "cases")
