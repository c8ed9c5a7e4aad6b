"""Golden compliance cases (evals/compliance_cases) and their metrics.

Headline citation metrics are micro-averaged over all citations: precision = right citations (ids inside
must-cite ∪ optional) / all citations, recall = must-cite entries cited / all must-cite entries. The
per-case (macro) averages are kept beside them; they flatter recall, because a case with no must-cite
entry scores recall 1 whatever it cites (and precision 1 when it cites nothing). Also: exposure exact
and within one level, jurisdiction-flag recall and precision, and the forbidden-claim rate (share of
cases whose own prose contains a forbidden phrase).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

from summarizer.errors import InputError
from summarizer.model.compliance import ComplianceSection

LEVELS = ("low", "medium", "high")
LEGAL_FINDING_NOTE = "verification: dropped a statement that asserted a legal finding"
REJECTED_CLAIM = "(a claim of unlawfulness, removed by verification)"
GATED = (
    "micro_citation_precision",
    "micro_citation_recall",
    "citation_precision",
    "citation_recall",
    "exposure_within_one",
    "no_forbidden_claims",
)


@dataclass
class ComplianceCase:
    id: str
    old: Path
    new: Path
    entries: list[str]
    optional: list[str]
    exposure: str
    jurisdictions: list[str]
    forbidden: list[str]
    note: str = ""


@dataclass
class CaseScore:
    id: str
    split: str
    precision: float
    recall: float
    exposure: str
    expected_exposure: str
    jurisdiction_recall: float
    jurisdiction_precision: float
    forbidden_found: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    # Counts behind the micro-averaged metrics: ids cited, of them inside must-cite ∪ optional,
    # must-cite ids, of them cited.
    cited: int = 0
    cited_right: int = 0
    must: int = 0
    must_cited: int = 0


def load_cases(directory: str | Path, root: str | Path = ".") -> list[ComplianceCase]:
    cases = []
    for path in sorted(Path(directory).glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or "expected" not in data:
            continue
        exp = data["expected"]
        cases.append(
            ComplianceCase(
                id=data["id"],
                old=Path(root) / data["input"]["old"],
                new=Path(root) / data["input"]["new"],
                entries=list(exp.get("entries") or []),
                optional=list(exp.get("entries_optional") or []),
                exposure=exp["exposure"],
                jurisdictions=list(exp.get("jurisdictions") or []),
                forbidden=list(exp.get("forbidden") or []),
                note=data.get("note", ""),
            )
        )
    if not cases:
        raise InputError(f"{directory}: no compliance cases found")
    return cases


def load_split(path: str | Path) -> dict[str, str]:
    """Case id -> ``tuning`` or ``held_out``. Every ``tuning*`` list (lists opened in a later round, such
    as ``tuning_round4``) counts as tuning, every ``held_out*`` list as held out."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    lists = [(name, ids or []) for name, ids in data.items() if isinstance(ids, list)]
    split = {i: "tuning" for name, ids in lists if name.startswith("tuning") for i in ids}
    split.update({i: "held_out" for name, ids in lists if name.startswith("held_out") for i in ids})
    return split


def score_case(case: ComplianceCase, section: ComplianceSection, split: str = "all") -> CaseScore:
    from summarizer.compliance.verify import forbidden_claims, own_prose

    cited = set(section.entries)
    allowed = set(case.entries) | set(case.optional)
    must = set(case.entries)
    recall = len(cited & must) / len(must) if must else 1.0
    precision = len(cited & allowed) / len(cited) if cited else 1.0
    flagged = {f.code for f in section.jurisdictions}
    expected_j = set(case.jurisdictions)
    j_recall = len(flagged & expected_j) / len(expected_j) if expected_j else 1.0
    j_precision = len(flagged & expected_j) / len(flagged) if flagged else 1.0
    prose = own_prose(section).lower()
    found = forbidden_claims(prose) + [p for p in case.forbidden if p.lower() in prose]
    # A model's claim that verification removed still counts: the prompt produced it.
    found += [REJECTED_CLAIM for n in section.notes if n.startswith(LEGAL_FINDING_NOTE)]
    return CaseScore(
        id=case.id,
        split=split,
        precision=precision,
        recall=recall,
        exposure=section.exposure.level,
        expected_exposure=case.exposure,
        jurisdiction_recall=j_recall,
        jurisdiction_precision=j_precision,
        forbidden_found=sorted(set(found)),
        missing=sorted(must - cited),
        extra=sorted(cited - allowed),
        cited=len(cited),
        cited_right=len(cited & allowed),
        must=len(must),
        must_cited=len(cited & must),
    )


def _ratio(num: int, den: int) -> float:
    return round(num / den, 4) if den else 1.0


def aggregate(scores: list[CaseScore]) -> dict[str, float]:
    """Micro citation precision and recall (over all citations and must-cite entries), then the
    per-case (macro) averages of every metric."""
    n = len(scores) or 1
    dist = [abs(LEVELS.index(s.exposure) - LEVELS.index(s.expected_exposure)) for s in scores]
    with_must = [s for s in scores if s.must]
    return {
        "cases": len(scores),
        "micro_citation_precision": _ratio(sum(s.cited_right for s in scores), sum(s.cited for s in scores)),
        "micro_citation_recall": _ratio(sum(s.must_cited for s in scores), sum(s.must for s in scores)),
        "citations": sum(s.cited for s in scores),
        "must_cite_entries": sum(s.must for s in scores),
        "cases_with_must_cite": len(with_must),
        "citation_recall_cases_with_must_cite": round(
            sum(s.recall for s in with_must) / (len(with_must) or 1), 4
        ),
        "citation_precision": round(sum(s.precision for s in scores) / n, 4),
        "citation_recall": round(sum(s.recall for s in scores) / n, 4),
        "exposure_exact": round(sum(d == 0 for d in dist) / n, 4),
        "exposure_within_one": round(sum(d <= 1 for d in dist) / n, 4),
        "jurisdiction_recall": round(sum(s.jurisdiction_recall for s in scores) / n, 4),
        "jurisdiction_precision": round(sum(s.jurisdiction_precision for s in scores) / n, 4),
        "forbidden_claim_rate": round(sum(bool(s.forbidden_found) for s in scores) / n, 4),
        "no_forbidden_claims": round(1 - sum(bool(s.forbidden_found) for s in scores) / n, 4),
    }


Analyse = Callable[[ComplianceCase], ComplianceSection]


def offline_analyse(case: ComplianceCase) -> ComplianceSection:
    from summarizer.api import analyze, load_pair
    from summarizer.compliance.analysis import analyze_compliance
    from summarizer.diffing.engine import diff_documents

    diff = diff_documents(*load_pair(case.old, case.new))  # as compare_files does, keeping the diff
    record = analyze(diff)
    return analyze_compliance(
        record, case.old.read_text(encoding="utf-8"), case.new.read_text(encoding="utf-8"), diff=diff
    )


def run_cases(
    cases: list[ComplianceCase], analyse: Analyse = offline_analyse, split: dict[str, str] | None = None
) -> dict:
    """Score every case; the report has per-case rows and aggregates for all, tuning and held-out."""
    scores = [score_case(c, analyse(c), (split or {}).get(c.id, "all")) for c in cases]
    report: dict = {"all": aggregate(scores)}
    for part in ("tuning", "held_out"):
        subset = [s for s in scores if s.split == part]
        if subset:
            report[part] = aggregate(subset)
    report["cases"] = [asdict(s) for s in scores]
    return report


def gate(report: dict, baseline: dict, max_regression: float = 0.01) -> list[str]:
    """Regressions of gated metrics (on all cases) below the baseline; any forbidden claim fails. A
    metric the baseline predates (an older report without the micro figures) is not compared."""
    failures = []
    for name in GATED:
        if name not in baseline["all"]:
            continue
        now, base = report["all"][name], baseline["all"][name]
        if now < base - max_regression:
            failures.append(f"{name}: {now:.3f} < baseline {base:.3f}")
    if report["all"]["forbidden_claim_rate"] > 0:
        failures.append(f"forbidden claims in {report['all']['forbidden_claim_rate']:.0%} of cases")
    return failures


def save_report(report: dict, path: str | Path) -> None:
    """Write *report*; held-out cases keep their aggregate only (their rows say which ids were missed
    or over-cited, which whoever tunes on the tuning part must not read)."""
    blind = dict(report)
    blind["cases"] = [
        row if row.get("split") != "held_out" else {"id": row["id"], "split": "held_out"}
        for row in report.get("cases", [])
    ]
    Path(path).write_text(json.dumps(blind, indent=2) + "\n", encoding="utf-8")


def llm_analyser(options: object) -> Analyse:
    """The model path (prompt compliance@v1) as an analyser for :func:`run_cases`."""

    def analyse(case: ComplianceCase) -> ComplianceSection:
        from summarizer.api import analyze, load_pair
        from summarizer.compliance.llm import llm_compliance
        from summarizer.diffing.engine import diff_documents

        diff = diff_documents(*load_pair(case.old, case.new))  # as offline_analyse: the diff is kept
        record = analyze(diff)
        return llm_compliance(
            record,
            case.old.read_text(encoding="utf-8"),
            case.new.read_text(encoding="utf-8"),
            options,  # type: ignore[arg-type]
            fallback=False,
            diff=diff,
        )

    return analyse
