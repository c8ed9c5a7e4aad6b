"""The model path: prompt ``compliance@v1`` writes the five parts from the record and the engaged
entries only; verification drops citations outside the table, quotes not in the documents and any
claim of unlawfulness. The offline analysis is the fallback (and the baseline in evals)."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from summarizer.compliance.analysis import analyze_compliance
from summarizer.compliance.table import RegulationTable, load_table
from summarizer.compliance.verify import forbidden_claims, normalise
from summarizer.errors import SummarizerError
from summarizer.model.compliance import ComplianceSection, Exposure, JurisdictionFlag, Statement
from summarizer.model.diff import DiffResult
from summarizer.model.record import ChangeRecord

DEFAULT_PROMPT = "compliance@v1"
MAX_CHANGES = 6  # the most severe changes come first in a record
MAX_ENTRIES = 16  # the strongest engaged entries (landscape order)


class _Said(BaseModel):
    model_config = ConfigDict(extra="ignore")
    text: str
    entries: list[str] = Field(default_factory=list)
    quotes: list[str] = Field(default_factory=list)


class _Flag(BaseModel):
    model_config = ConfigDict(extra="ignore")
    code: str
    reason: str = ""
    entries: list[str] = Field(default_factory=list)


class _Exposure(BaseModel):
    model_config = ConfigDict(extra="ignore")
    level: str
    reasons: list[_Said] = Field(default_factory=list)


class _Answer(BaseModel):
    model_config = ConfigDict(extra="ignore")
    landscape: list[_Said] = Field(default_factory=list)
    exposure: _Exposure
    jurisdictions: list[_Flag] = Field(default_factory=list)
    contracts: list[_Said] = Field(default_factory=list)
    considerations: list[_Said] = Field(default_factory=list)


def _ids_schema(ids: list[str] | None) -> dict:
    """An array of entry ids: with *ids*, only those (a server that enforces the schema then cannot
    cite anything else; verification still checks every id)."""
    return {"type": "array", "items": {"type": "string", "enum": list(ids)} if ids else {"type": "string"}}


def _said_schema(with_quotes: bool, ids: list[str] | None = None) -> dict:
    props: dict = {"text": {"type": "string"}, "entries": _ids_schema(ids)}
    if with_quotes:
        props["quotes"] = {"type": "array", "items": {"type": "string"}}
    return {"type": "object", "properties": props, "required": list(props), "additionalProperties": False}


def answer_schema(ids: list[str] | None = None) -> dict:
    """The JSON Schema the model is asked to follow (structured outputs where the server supports them);
    with *ids*, the entry ids it may cite."""
    said = _said_schema(True, ids)
    flag = {
        "type": "object",
        "properties": {
            "code": {"type": "string"},
            "reason": {"type": "string"},
            "entries": _ids_schema(ids),
        },
        "required": ["code", "reason", "entries"],
        "additionalProperties": False,
    }
    exposure = {
        "type": "object",
        "properties": {
            "level": {"type": "string", "enum": ["high", "medium", "low"]},
            "reasons": {"type": "array", "items": _said_schema(False, ids)},
        },
        "required": ["level", "reasons"],
        "additionalProperties": False,
    }
    props = {
        "landscape": {"type": "array", "items": said},
        "exposure": exposure,
        "jurisdictions": {"type": "array", "items": flag},
        "contracts": {"type": "array", "items": said},
        "considerations": {"type": "array", "items": said},
    }
    return {
        "name": "compliance_section",
        "schema": {
            "type": "object",
            "properties": props,
            "required": list(props),
            "additionalProperties": False,
        },
    }


def _bounded(schema: Any, items: int, chars: int = 160) -> Any:
    """The schema with every array capped at *items* and every free string at *chars* (a grammar then
    cannot loop without end; small models otherwise run a sentence on until the token limit)."""
    if isinstance(schema, dict):
        out: dict[str, Any] = {k: _bounded(v, items, chars) for k, v in schema.items()}
        if out.get("type") == "array":
            out["maxItems"] = items
        if out.get("type") == "string" and "enum" not in out:
            out["maxLength"] = chars
        return out
    if isinstance(schema, list):
        return [_bounded(v, items, chars) for v in schema]
    return schema


def _parse(content: str) -> _Answer:
    text = content.strip()
    if text.startswith("```"):
        text = text.strip("`").removeprefix("json").strip()
    try:
        return _Answer.model_validate(json.loads(text))
    except (json.JSONDecodeError, ValidationError) as exc:
        raise ValueError(f"not the compliance JSON ({type(exc).__name__})") from None


def _given_ids(offline: ComplianceSection, table: RegulationTable) -> list[str]:
    """The entry ids the model is shown (and may cite): the strongest engaged ones."""
    return [i for i in offline.entries[:MAX_ENTRIES] if table.get(i) is not None]


def build_messages(
    prompt: Any, record: ChangeRecord, offline: ComplianceSection, table: RegulationTable
) -> list[dict]:
    changes = [
        {
            "category": c.category,
            "severity": f"{c.severity_before} -> {c.severity_after}",
            "section": c.section[-80:],
            "old": [q[:240] for q in c.quotes_old[:2]],
            "new": [q[:240] for q in c.quotes_new[:2]],
        }
        for c in record.changes[:MAX_CHANGES]
    ]
    entries = []
    for entry_id in _given_ids(offline, table):
        e = table.get(entry_id)
        assert e is not None  # _given_ids keeps table ids only
        entries.append({"id": e.id, "rule": e.citation, "where": list(e.jurisdiction), "says": e.paraphrase})
    user = prompt.render(
        "map",
        record=json.dumps({"severity": record.severity, "changes": changes}, ensure_ascii=False),
        entries="\n".join(json.dumps(e, ensure_ascii=False) for e in entries),
        regions=", ".join(f.code for f in offline.jurisdictions) or "none",
    )
    return [{"role": "system", "content": prompt.render("system")}, {"role": "user", "content": user}]


def _checked(said: list[_Said], known: set[str], haystack: str, notes: list[str]) -> list[Statement]:
    out = []
    for s in said:
        bad = forbidden_claims(s.text)
        if bad:
            notes.append("verification: dropped a statement that asserted a legal finding")
            continue
        ids = [i for i in s.entries if i in known]
        for i in s.entries:
            if i not in known:
                notes.append(f"verification: citation_not_in_table: {i}")
        if not ids:
            notes.append("verification: dropped a statement without a valid citation")
            continue
        quotes = [q for q in s.quotes if normalise(q) and normalise(q) in haystack]
        if len(quotes) < len(s.quotes):
            notes.append("verification: dropped a quote not found in the documents")
        out.append(Statement(text=s.text, entries=ids, quotes=quotes))
    return out


def llm_compliance(
    record: ChangeRecord,
    old_text: str,
    new_text: str,
    options: Any = None,
    *,
    table: RegulationTable | None = None,
    fallback: bool = True,
    diff: DiffResult | None = None,
) -> ComplianceSection:
    """The model-written section, verified; the offline section when the model fails or says nothing
    usable (unless *fallback* is False, as in evals, which judge what the model itself wrote).

    Given the *diff* the record was built from, the offline baseline (the entries the model is shown,
    and the fallback) reads each change's hunks as ``compare --compliance`` does offline."""
    from summarizer.analyzers.llm.prompts import load_prompt
    from summarizer.llm.client import ChatRequest, LLMClient

    table = table or load_table()
    offline = analyze_compliance(record, old_text, new_text, table=table, diff=diff)
    if not offline.entries:
        return offline  # nothing engaged: nothing for a model to write about
    spec = getattr(options, "prompt", None)
    prompt = load_prompt(spec) if spec else None
    if prompt is None or prompt.name != "compliance":  # --prompt names the record prompt: not this one
        prompt = load_prompt(DEFAULT_PROMPT)
    model: str = getattr(options, "model", None) or prompt.default_model or ""  # none: LLMClient says so
    try:
        with LLMClient(
            model=model,
            base_url=getattr(options, "base_url", None),
            api_key=getattr(options, "api_key", None),
            call_log=getattr(options, "call_log", None),
            use_cache=getattr(options, "use_cache", True),
            max_retries=1,
            timeout=float(getattr(options, "timeout", None) or 60.0),
        ) as client:  # its connections and loop thread end with this call
            max_tokens = int(
                getattr(options, "max_output_tokens", None) or prompt.defaults.get("max_output_tokens", 2500)
            )
            schema = answer_schema(_given_ids(offline, table))
            req = ChatRequest(
                messages=build_messages(prompt, record, offline, table),
                model=model,
                temperature=float(prompt.defaults.get("temperature", 0)),
                max_tokens=max_tokens,
                prompt_id=prompt.identity,
                json_schema=schema,
            )
            if (
                getattr(options, "response_format", None) == "json_object_schema"
            ):  # llama-cpp-python: schema in JSON mode
                req.json_schema = None
                req.extra = {
                    "response_format": {"type": "json_object", "schema": _bounded(schema["schema"], 3)}
                }
            answer, _ = client.complete_json(req, _parse)
    except SummarizerError as exc:
        if not fallback:  # evals judge the model: a failed answer is an empty section
            return ComplianceSection(
                method="llm",
                table_version=table.label,
                prompt_version=prompt.identity,
                exposure=Exposure(level="low"),
                notes=[f"model path failed ({exc})"],
            )
        offline.notes.append(f"model path failed ({exc}); offline analysis shown")
        return offline
    known = set(table.by_id())
    haystack = normalise(old_text) + "\n" + normalise(new_text)
    notes: list[str] = []
    level = (
        answer.exposure.level.lower()
        if answer.exposure.level.lower() in ("high", "medium", "low")
        else offline.exposure.level
    )
    section = ComplianceSection(
        method="llm",
        table_version=table.label,
        prompt_version=prompt.identity,
        landscape=_checked(answer.landscape, known, haystack, notes),
        exposure=Exposure(level=level, reasons=_checked(answer.exposure.reasons, known, haystack, notes)),  # type: ignore[arg-type]
        jurisdictions=[
            JurisdictionFlag(
                code=f.code, name=f.code, reason=f.reason, entries=[i for i in f.entries if i in known]
            )
            for f in answer.jurisdictions
            if not forbidden_claims(f.reason)
        ],
        contracts=_checked(answer.contracts, known, haystack, notes),
        considerations=_checked(answer.considerations, known, haystack, notes),
        notes=notes,
    )
    if not section.landscape and fallback:
        offline.notes.append("the model's answer had no usable statement; offline analysis shown")
        return offline
    from summarizer.compliance.analysis import _cited

    section.entries = _cited(section)
    return section
