"""Reports of a run: Markdown (a pull-request comment), HTML (one self-contained file) and JUnit XML.

Each renderer takes the run and, optionally, a comparison with a baseline and the gate's verdict,
and returns a string. Nothing is fetched: the HTML carries its own CSS and no scripts.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from summarizer.evals.compare import RunComparison
from summarizer.evals.metrics import AGGREGATE_DIRECTION, GATED
from summarizer.evals.results import CaseResult, RunResult

if TYPE_CHECKING:  # pragma: no cover
    from summarizer.evals.gate import GateResult

# aggregate metrics shown in reports, in order, with a readable name
SCORE_LABELS: dict[str, str] = {
    "pass_rate": "cases passing every check",
    "material_accuracy": "material accuracy",
    "category_precision": "category precision (micro)",
    "category_recall": "category recall (micro)",
    "category_f1": "category F1 (micro)",
    "category_f1_macro": "category F1 (macro)",
    "severity_exact": "severity exact",
    "severity_within_one": "severity within one level",
    "shift_direction_accuracy": "shift direction accuracy",
    "record_direction_accuracy": "record direction accuracy",
    "fact_recall": "fact recall",
    "forbidden_claim_rate": "forbidden-claim rate",
    "quote_verbatim_rate": "quote verbatim rate",
    "judge_faithfulness": "judge: faithfulness (mean)",
    "judge_spread": "judge: spread (mean stdev)",
    "reading_grade": "reading grade (mean)",
    "length_words": "length in words (mean)",
    "errors": "errors",
    "tokens": "tokens",
    "calls": "model calls",
    "cache_hits": "cache hits",
    "cost_usd": "cost (USD)",
    "latency_ms_mean": "latency per case (ms, mean)",
    "latency_ms_p95": "latency per case (ms, p95)",
}
FORMATS = ("markdown", "html", "junit")


def fmt_metric(name: str, value: float | int | None) -> str:
    """A metric value for people: rates with three decimals, counts as integers, cost in dollars."""
    if value is None:
        return "–"
    if name == "cost_usd":
        return f"${float(value):.4f}"
    if name in ("tokens", "calls", "cache_hits", "errors", "cases", "passed") or name.startswith("latency"):
        return f"{float(value):,.0f}"
    if name in ("reading_grade", "length_words"):
        return f"{float(value):.1f}"
    return f"{float(value):.3f}"


def fmt_delta(name: str, delta: float | None) -> str:
    if delta is None or abs(delta) < 1e-9:
        return ""
    return ("+" if delta > 0 else "−") + fmt_metric(name, abs(delta)).lstrip("$")


def case_cells(r: CaseResult) -> dict[str, str]:
    """Short per-case columns shared by the Markdown and HTML tables."""
    m, d = r.metrics, r.detail
    sev = d.get("severity") or {}
    cats = d.get("categories") or {}
    return {
        "result": "error" if r.error else ("pass" if r.passed else "fail"),
        "material": "✓" if m.get("material_correct") else "✗",
        "severity": f"{sev.get('expected', '?')}/{sev.get('got', '–')}" if sev else "–",
        "category_f1": fmt_metric("f1", m.get("category_f1")),
        "missing": ", ".join(cats.get("missing", [])),
        "extra": ", ".join(cats.get("extra", [])),
        "shift": _ratio(m.get("shift_correct"), m.get("shift_total")),
        "facts": _ratio(m.get("facts_found"), m.get("facts_total")),
        "forbidden": _ratio(m.get("forbidden_hits"), m.get("forbidden_total")),
        "quotes": _ratio(m.get("quotes_verbatim"), m.get("quotes_total")),
        "judge": fmt_metric("judge", m.get("judge_faithfulness")) if "judge_faithfulness" in m else "",
        "why": "; ".join(r.failures),
    }


def _ratio(num: float | int | None, den: float | int | None) -> str:
    if not den:
        return "–"
    return f"{int(num or 0)}/{int(den)}"


def run_facts(run: RunResult) -> list[tuple[str, str]]:
    """Identity of a run: what was run, on what, when."""
    return [
        ("run", run.run_id + (f" ({run.label})" if run.label else "")),
        ("created", run.created_at.strftime("%Y-%m-%d %H:%M:%S UTC")),
        ("analyzer", run.analyzer),
        ("model", run.model or "–"),
        ("prompt", run.prompt_id or "–"),
        ("git revision", run.git_revision or "–"),
        ("cases", f"{run.case_count} from {run.cases_dir or '–'}"),
    ]


def score_rows(run: RunResult, comparison: RunComparison | None = None) -> list[dict[str, str]]:
    """Rows of the scores table: metric, value, and (with a comparison) the baseline and the delta."""
    base = {m.metric: m for m in comparison.aggregate} if comparison else {}
    rows = []
    for key, label in SCORE_LABELS.items():
        if key not in run.aggregate and key not in base:
            continue
        value = (
            base[key].b if key in base and comparison and comparison.restricted else run.aggregate.get(key)
        )
        row = {
            "key": key,
            "label": label + (" †" if key in GATED else ""),
            "value": fmt_metric(key, value),
            "baseline": "",
            "delta": "",
            "status": "",
        }
        if key in base:
            row["baseline"] = fmt_metric(key, base[key].a)
            row["delta"] = fmt_delta(key, base[key].delta)
            row["status"] = base[key].status if AGGREGATE_DIRECTION.get(key) else ""
        rows.append(row)
    return rows


TAG_COLUMNS = (
    ("pass_rate", "pass"),
    ("material_accuracy", "material"),
    ("category_f1", "cat F1"),
    ("severity_within_one", "sev ±1"),
    ("shift_direction_accuracy", "shift"),
    ("fact_recall", "facts"),
    ("forbidden_claim_rate", "forbidden"),
    ("quote_verbatim_rate", "quotes"),
)


def tag_rows(run: RunResult) -> list[dict[str, str]]:
    """Scores per case tag (cosmetic, planted_instructions, severity_up ...), most cases first."""
    from summarizer.evals.metrics import aggregate

    tags: dict[str, list[CaseResult]] = {}
    for r in run.results:
        for t in r.tags:
            tags.setdefault(t, []).append(r)
    rows = []
    for tag, results in sorted(tags.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        agg = aggregate(results)
        rows.append(
            {"tag": tag, "cases": str(len(results)), **{k: fmt_metric(k, agg.get(k)) for k, _ in TAG_COLUMNS}}
        )
    return rows


# --- Markdown ----------------------------------------------------------------------------------


def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").strip()


def render_markdown(
    run: RunResult, comparison: RunComparison | None = None, gate: "GateResult | None" = None
) -> str:
    """A Markdown report for a pull-request comment."""
    out = [f"## Eval: {run.label or run.run_id} — {run.analyzer}", ""]
    if gate is not None:
        icon = "✅" if gate.ok else "❌"
        out += [
            f"{icon} **Gate {'passed' if gate.ok else 'failed'}** against `{gate.baseline.name}` "
            f"(max regression {gate.max_regression:g}, reading grade +{gate.max_grade_rise:g})",
            "",
        ]
        out += [f"- {_md(v.describe())}" for v in gate.violations]
        out += [""] if gate.violations else []
    out += ["| | |", "|---|---|"] + [f"| {k} | {_md(v)} |" for k, v in run_facts(run)] + [""]
    p = run.aggregate
    out += [
        f"**{p.get('passed', 0)}/{p.get('cases', 0)} cases pass every check**, "
        f"{p.get('errors', 0)} errors, {fmt_metric('calls', p.get('calls'))} model calls "
        f"({fmt_metric('cache_hits', p.get('cache_hits'))} cache hits), {fmt_metric('cost_usd', p.get('cost_usd'))}.",
        "",
    ]
    out += ["### Scores", ""]
    rows = score_rows(run, comparison)
    if comparison:
        out += [
            f"Compared with `{comparison.a.name}`"
            + (" on the shared cases" if comparison.restricted else "")
            + ".",
            "",
        ]
        out += ["| metric | baseline | this run | Δ |", "|---|---:|---:|---:|"]
        out += [f"| {r['label']} | {r['baseline']} | {r['value']} | {_status_md(r)} |" for r in rows]
    else:
        out += ["| metric | value |", "|---|---:|"] + [f"| {r['label']} | {r['value']} |" for r in rows]
    out += ["", "† gated metric", ""]
    if comparison:
        out += _md_moves("Regressed cases", comparison.regressed) + _md_moves(
            "Improved cases", comparison.improved
        )
    tags = tag_rows(run)
    if tags:
        out += [
            f"<details><summary><b>By tag</b> ({len(tags)} tags)</summary>",
            "",
            "| tag | cases | " + " | ".join(h for _, h in TAG_COLUMNS) + " |",
            "|---|---:|" + "---:|" * len(TAG_COLUMNS),
        ]
        out += [
            f"| {_md(r['tag'])} | {r['cases']} | " + " | ".join(r[k] for k, _ in TAG_COLUMNS) + " |"
            for r in tags
        ]
        out += ["", "</details>", ""]
    failing = sum(1 for r in run.results if not r.passed)
    out += [
        f"<details><summary><b>Cases</b> ({len(run.results)}, {failing} not passing every check)</summary>",
        "",
        "| case | result | material | severity exp/got | cat F1 | missing | shift | facts "
        "| forbidden | quotes | why |",
        "|---|---|---|---|---:|---|---|---|---|---|---|",
    ]
    for r in run.results:
        c = case_cells(r)
        out.append(
            f"| `{r.case_id}` | {c['result']} | {c['material']} | {c['severity']} | {c['category_f1']} "
            f"| {_md(c['missing'])} | {c['shift']} | {c['facts']} | {c['forbidden']} | {c['quotes']} "
            f"| {_md(_clip(c['why'], 160))} |"
        )
    out += ["", "</details>"]
    return "\n".join(out) + "\n"


def _status_md(row: dict[str, str]) -> str:
    mark = {"worse": " 🔻", "better": " 🔺"}.get(row["status"], "")
    return (row["delta"] or "·") + mark


def _md_moves(title: str, cases: list) -> list[str]:
    if not cases:
        return []
    out = [f"### {title} ({len(cases)})", ""]
    out += [f"- `{c.case_id}`: {_md(c.summary()) or c.status}" for c in cases]
    return out + [""]


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


# --- HTML --------------------------------------------------------------------------------------

_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Eval {{ run.label or run.run_id }} — {{ run.analyzer }}</title>
<style>
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1b1f24}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}td.num{text-align:right;font-variant-numeric:tabular-nums}
.pass{color:#1a7f37;font-weight:600}.fail{color:#cf222e;font-weight:600}.error{color:#9a6700;font-weight:600}
.worse{color:#cf222e}.better{color:#1a7f37}.gate{padding:.6rem 1rem;border-radius:6px;margin:1rem 0}
.gate.ok{background:#dafbe1}.gate.bad{background:#ffebe9}code{font-size:90%}
details{margin:.2rem 0}summary{cursor:pointer}.small{color:#57606a;font-size:90%}
</style></head><body>
<h1>Eval {{ run.label or run.run_id }} — {{ run.analyzer }}</h1>
{% if gate %}<div class="gate {{ 'ok' if gate.ok else 'bad' }}"><strong>Gate {{ 'passed' if gate.ok else 'failed' }}</strong>
against <code>{{ gate.baseline.name }}</code> (max regression {{ gate.max_regression }}, reading grade +{{ gate.max_grade_rise }})
{% if gate.violations %}<ul>{% for v in gate.violations %}<li>{{ v.describe() }}</li>{% endfor %}</ul>{% endif %}</div>{% endif %}
<table>{% for k, v in facts %}<tr><th>{{ k }}</th><td>{{ v }}</td></tr>{% endfor %}</table>
<h2>Scores</h2>
<table><tr><th>metric</th>{% if comparison %}<th>baseline</th>{% endif %}<th>this run</th>{% if comparison %}<th>Δ</th>{% endif %}</tr>
{% for r in rows %}<tr><td>{{ r.label }}</td>{% if comparison %}<td class="num">{{ r.baseline }}</td>{% endif %}
<td class="num">{{ r.value }}</td>{% if comparison %}<td class="num {{ r.status }}">{{ r.delta }}</td>{% endif %}</tr>{% endfor %}
</table><p class="small">† gated metric</p>
{% if comparison %}
<h2>Regressed cases ({{ comparison.regressed|length }})</h2>
<ul>{% for c in comparison.regressed %}<li><code>{{ c.case_id }}</code>: {{ c.summary() }}</li>{% else %}<li>none</li>{% endfor %}</ul>
<h2>Improved cases ({{ comparison.improved|length }})</h2>
<ul>{% for c in comparison.improved %}<li><code>{{ c.case_id }}</code>: {{ c.summary() }}</li>{% else %}<li>none</li>{% endfor %}</ul>
{% endif %}
{% if tags %}<h2>By tag</h2>
<table><tr><th>tag</th><th>cases</th>{% for _, h in tag_columns %}<th>{{ h }}</th>{% endfor %}</tr>
{% for r in tags %}<tr><td>{{ r.tag }}</td><td class="num">{{ r.cases }}</td>{% for k, _ in tag_columns %}<td class="num">{{ r[k] }}</td>{% endfor %}</tr>{% endfor %}
</table>{% endif %}
<h2>Cases</h2>
<table><tr><th>case</th><th>result</th><th>material</th><th>severity exp / got</th><th>cat F1</th><th>shift</th>
<th>facts</th><th>forbidden</th><th>quotes</th><th>details</th></tr>
{% for r, c in cases %}<tr><td><code>{{ r.case_id }}</code>{% if r.title %}<br><span class="small">{{ r.title }}</span>{% endif %}</td>
<td class="{{ c.result }}">{{ c.result }}</td><td>{{ c.material }}</td><td>{{ c.severity }}</td>
<td class="num">{{ c.category_f1 }}</td><td>{{ c.shift }}</td><td>{{ c.facts }}</td><td>{{ c.forbidden }}</td><td>{{ c.quotes }}</td>
<td>{% if r.headline %}<div>{{ r.headline }}</div>{% endif %}
{% if c.missing %}<div class="small">missing: {{ c.missing }}</div>{% endif %}{% if c.extra %}<div class="small">extra: {{ c.extra }}</div>{% endif %}
{% if r.failures %}<details><summary>{{ r.failures|length }} failed check(s)</summary><ul>{% for f in r.failures %}<li>{{ f }}</li>{% endfor %}</ul></details>{% endif %}
</td></tr>{% endfor %}
</table>
<p class="small">Generated by change-summarizer {{ version }}. Deterministic checks are the gate; the judge (when present) is advisory.</p>
</body></html>
"""


def render_html(
    run: RunResult, comparison: RunComparison | None = None, gate: "GateResult | None" = None
) -> str:
    """One self-contained HTML file (inline CSS, no scripts, no external resources)."""
    from jinja2 import Environment

    from summarizer.about import __version__

    env = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
    return env.from_string(_HTML).render(
        run=run,
        comparison=comparison,
        gate=gate,
        facts=run_facts(run),
        rows=score_rows(run, comparison),
        cases=[(r, case_cells(r)) for r in run.results],
        version=__version__,
        tags=tag_rows(run),
        tag_columns=TAG_COLUMNS,
    )


# --- JUnit XML ---------------------------------------------------------------------------------


def render_junit(run: RunResult, gate: "GateResult | None" = None) -> str:
    """JUnit XML: one testcase per case (failure: its failed checks; error: the analyzer failed),
    plus one testcase per gated metric when a gate was checked."""
    suite_name = f"summarizer-eval.{run.analyzer}"
    failures = sum(1 for r in run.results if not r.passed and not r.error)
    errors = sum(1 for r in run.results if r.error)
    total_s = sum(r.latency_ms for r in run.results) / 1000
    gate_cases = list(gate.checked.items()) if gate else []
    gate_fail = {v.metric: v for v in gate.violations} if gate else {}
    root = ET.Element(
        "testsuites",
        name="summarizer eval",
        tests=str(len(run.results) + len(gate_cases)),
        failures=str(failures + len(gate_fail)),
        errors=str(errors),
        time=f"{total_s:.3f}",
    )
    suite = ET.SubElement(
        root,
        "testsuite",
        name=suite_name,
        tests=str(len(run.results) + len(gate_cases)),
        failures=str(failures + len(gate_fail)),
        errors=str(errors),
        skipped="0",
        time=f"{total_s:.3f}",
        timestamp=run.created_at.strftime("%Y-%m-%dT%H:%M:%S"),
    )
    props = ET.SubElement(suite, "properties")
    for key, value in [
        ("run_id", run.run_id),
        ("label", run.label),
        ("analyzer", run.analyzer),
        ("model", run.model),
        ("prompt_id", run.prompt_id),
        ("git_revision", run.git_revision),
    ]:
        ET.SubElement(props, "property", name=key, value=str(value or ""))
    for metric, score in run.aggregate.items():
        ET.SubElement(props, "property", name=f"score.{metric}", value="" if score is None else str(score))
    for r in run.results:
        tc = ET.SubElement(
            suite, "testcase", classname=suite_name, name=r.case_id, time=f"{r.latency_ms / 1000:.3f}"
        )
        if r.error:
            err = ET.SubElement(tc, "error", message=_clip(r.error, 300), type=r.error_kind or "error")
            err.text = r.error
        elif not r.passed:
            fail = ET.SubElement(
                tc, "failure", message=_clip("; ".join(r.failures), 300), type="EvalCheckFailed"
            )
            fail.text = "\n".join(r.failures)
        if r.headline:
            ET.SubElement(tc, "system-out").text = r.headline
    for metric, (before, after) in gate_cases:
        tc = ET.SubElement(suite, "testcase", classname=f"{suite_name}.gate", name=metric, time="0")
        if metric in gate_fail:
            v = gate_fail[metric]
            fail = ET.SubElement(tc, "failure", message=_clip(v.describe(), 300), type="GateFailed")
            fail.text = v.describe()
        else:
            ET.SubElement(tc, "system-out").text = f"baseline {before}, this run {after}"
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def render(
    run: RunResult, fmt: str, comparison: RunComparison | None = None, gate: "GateResult | None" = None
) -> str:
    """Render *run* as ``markdown``, ``html`` or ``junit``."""
    if fmt in ("markdown", "md"):
        return render_markdown(run, comparison, gate)
    if fmt == "html":
        return render_html(run, comparison, gate)
    if fmt == "junit":
        return render_junit(run, gate)
    from summarizer.errors import InputError

    raise InputError(f"unknown report format {fmt!r}: choose one of {', '.join(FORMATS)}")
