"""Shared helpers for the eval suite's tests: hand-made records, tiny cases and a keyword analyzer."""

from __future__ import annotations

import importlib.util
import textwrap
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from summarizer.analyzers import AnalysisOptions
from summarizer.model.diff import DiffResult
from summarizer.model.record import Change, ChangeRecord, Provenance, Usage


def make_record(**kw: Any) -> ChangeRecord:
    """A ChangeRecord with sensible defaults; ``changes`` may be dicts."""
    changes = [c if isinstance(c, Change) else make_change(**c) for c in kw.pop("changes", [])]
    base: dict[str, Any] = dict(
        material=True,
        severity="medium",
        categories=[],
        headline="Headline.",
        summary="Summary.",
        impact="Impact.",
        changes=changes,
        provenance=Provenance(analyzer="test"),
    )
    base.update(kw)
    return ChangeRecord(**base)


def make_change(**kw: Any) -> Change:
    base: dict[str, Any] = dict(
        category="third_party_sharing",
        kind="expanded",
        summary="",
        severity_before="medium",
        severity_after="high",
        shift_reason="",
        section="Terms",
        quotes_old=[],
        quotes_new=[],
    )
    base.update(kw)
    return Change(**base)


# A tiny, deterministic analyzer for inline cases: keywords decide categories and severity.
KEYWORDS = {
    "sell": "sale_targeted_ads",
    "partners": "third_party_sharing",
    "arbitration": "dispute_resolution",
    "cookies": "tracking_tech",
    "delete": "user_rights",
}


class KeywordAnalyzer:
    """Reads the diff's substantive hunks; ``mode`` can break it in controlled ways."""

    def __init__(self, mode: str = "good", options: AnalysisOptions | None = None) -> None:
        self.name = "keywords" if mode == "good" else f"keywords-{mode}"
        self.mode = mode
        self.options = options or AnalysisOptions()

    def analyze(self, diff: DiffResult) -> ChangeRecord:
        hunks = diff.substantive
        changes = []
        for h in hunks:
            text = h.new_text or h.old_text
            cats = [c for k, c in KEYWORDS.items() if k in text.lower()] or ["contact_generic"]
            if self.mode == "blind":  # a regression: loses every category but the first
                cats = cats[:1]
            for cat in cats:
                weaker = bool(h.signals.modality or h.signals.negation)
                after = "high" if weaker else "medium"
                before = "medium" if weaker else "medium"
                changes.append(
                    Change(
                        category=cat,
                        kind="reworded",
                        summary=f"Now says: {text}",
                        severity_before=before,
                        severity_after=after,
                        shift_reason="wording changed",
                        section=h.breadcrumb,
                        quotes_old=[h.old_text] if h.old_text else [],
                        quotes_new=[h.new_text if self.mode != "misquote" else h.new_text + " (paraphrased)"]
                        if h.new_text
                        else [],
                    )
                )
        severity = max(
            (c.severity_after for c in changes), key=["none", "low", "medium", "high"].index, default="none"
        )
        cats = list(dict.fromkeys(c.category for c in changes))
        prov = Provenance(
            analyzer=self.name,
            model=self.options.model,
            prompt_version=self.options.prompt,
            tokens=Usage(
                prompt_tokens=10 * len(hunks),
                completion_tokens=5 * len(hunks),
                calls=0 if self.options.use_cache else len(hunks),
                cache_hits=len(hunks) if self.options.use_cache else 0,
            ),
        )
        summary = " ".join(c.summary for c in changes) or "Only formatting changed."
        return ChangeRecord(
            material=bool(changes),
            severity=severity,
            categories=cats,
            headline=f"{len(changes)} provision(s) changed.",
            summary=summary,
            impact="Read the new terms.",
            changes=changes,
            provenance=prov,
        )


@pytest.fixture
def keyword_analyzer(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], list[AnalysisOptions]]:
    """Make ``get_analyzer('rules'|'llm')`` return a KeywordAnalyzer in *mode*; returns the options seen."""
    seen: list[AnalysisOptions] = []

    def install(mode: str = "good") -> list[AnalysisOptions]:
        def fake_get_analyzer(name: str, options: AnalysisOptions | None = None) -> KeywordAnalyzer:
            seen.append(options or AnalysisOptions())
            return KeywordAnalyzer(mode, options)

        monkeypatch.setattr("summarizer.analyzers.get_analyzer", fake_get_analyzer)
        return seen

    return install


OLD_SHARING = "# Privacy\n\nWe will not sell your data.\n\nContact us by mail.\n"
NEW_SHARING = "# Privacy\n\nWe may sell your data to our partners.\n\nContact us by mail.\n"
OLD_ARB = "# Terms\n\n## Disputes\n\nDisputes go to court.\n\n## Other\n\nWe use cookies.\n"
NEW_ARB = "# Terms\n\n## Disputes\n\nDisputes go to binding arbitration.\n\n## Other\n\nWe use cookies.\n"
OLD_COSMETIC = "# Terms\n\nLast updated: 1 May 2020.\n\nWe use cookies to run the site.\n"
NEW_COSMETIC = "# Terms\n\nLast updated: 2 June 2021.\n\nWe use cookies to run the site.\n"


def case_dict(case_id: str, old: str, new: str, **expected: Any) -> dict[str, Any]:
    return {
        "id": case_id,
        "title": case_id.replace("-", " "),
        "input": {"old_text": old, "new_text": new},
        "expected": expected,
        "note": "test case",
    }


INLINE_CASES = [
    case_dict(
        "sharing-sell",
        OLD_SHARING,
        NEW_SHARING,
        material=True,
        severity="high",
        categories=["sale_targeted_ads", "third_party_sharing"],
        provisions=[{"category": "sale_targeted_ads", "severity_before": "medium", "severity_after": "high"}],
        facts=[["sell", "sale"], ["partners"]],
        forbidden=[["will not sell"]],
        tags=["severity_up"],
    ),
    case_dict(
        "arbitration-added",
        OLD_ARB,
        NEW_ARB,
        material=True,
        severity="high",
        categories=["dispute_resolution"],
        categories_optional=["contact_generic"],
        provisions=[
            {"category": "dispute_resolution", "severity_before": "medium", "severity_after": "medium"}
        ],
        facts=[["arbitration"]],
        forbidden=[["class action"]],
    ),
    case_dict(
        "cosmetic-date", OLD_COSMETIC, NEW_COSMETIC, material=False, severity="none", tags=["cosmetic"]
    ),
]


def write_cases(directory: Path, cases: list[dict[str, Any]] | None = None) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for c in cases if cases is not None else INLINE_CASES:
        (directory / f"{c['id']}.yaml").write_text(
            yaml.safe_dump(c, sort_keys=False, allow_unicode=True), encoding="utf-8"
        )
    return directory


@pytest.fixture
def cases_dir(tmp_path: Path) -> Path:
    return write_cases(tmp_path / "evals" / "cases")


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


class _Kit:
    """The helpers above, handed to tests as the ``kit`` fixture (test modules cannot import conftest
    under ``--import-mode=importlib``)."""

    make_record = staticmethod(make_record)
    make_change = staticmethod(make_change)
    case_dict = staticmethod(case_dict)
    write_cases = staticmethod(write_cases)
    dedent = staticmethod(dedent)
    KeywordAnalyzer = KeywordAnalyzer
    INLINE_CASES = INLINE_CASES
    OLD_SHARING, NEW_SHARING = OLD_SHARING, NEW_SHARING
    OLD_ARB, NEW_ARB = OLD_ARB, NEW_ARB


@pytest.fixture
def kit() -> type[_Kit]:
    return _Kit


def load_bench_script(name: str) -> ModuleType:
    """Import ``bench/<name>.py`` as a module (bench scripts are not a package)."""
    path = Path(__file__).resolve().parents[2] / "bench" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
