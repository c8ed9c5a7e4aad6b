"""What the model must answer: the output schemas (:data:`OUTPUT_SCHEMAS`) and parsing an answer.

The schemas are strict-compatible JSON Schemas (every property required, ``additionalProperties:
false``, nullable fields as type unions, no ``$ref``, no descriptions: the prompt explains the fields)
derived from :class:`~summarizer.model.record.ChangeRecord` (its categories are derived from the
verified changes, not asked for); answers are parsed with lenient pydantic models so that a bad
category or a hallucinated quote reaches verification instead of failing the parse."""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from summarizer.analyzers.llm.answer_values import DIRECTIONS, KINDS
from summarizer.model.taxonomy import CATEGORY_IDS, PROMPT_V1_CATEGORY_IDS, SEVERITIES


class ModelChange(BaseModel):
    """One change as the model reports it (lenient: verification checks the values)."""

    model_config = ConfigDict(extra="ignore")

    hunk_ids: list[int] = Field(default_factory=list)
    section: str = ""
    category: str = ""
    kind: str = "reworded"
    quotes_old: list[str] = Field(default_factory=list)
    quotes_new: list[str] = Field(default_factory=list)
    severity_before: str = "none"
    severity_after: str = "none"
    direction: str = ""
    confidence: str = ""  # change_record@v4 on: how sure the model is of its direction
    shift_reason: str = ""
    summary: str = ""


class ModelFindings(BaseModel):
    """A map step's answer: the changes in one chunk."""

    model_config = ConfigDict(extra="ignore")

    changes: list[ModelChange] = Field(default_factory=list)
    interpretive_note: str | None = None


class ModelRecord(BaseModel):
    """A final answer (single call or reduce): the record without provenance, flags or disclaimer.
    ``categories`` is not asked for (the record's categories are those of its verified changes);
    a server in JSON mode may still send it, and its order is then kept."""

    model_config = ConfigDict(extra="ignore")

    changes: list[ModelChange] = Field(default_factory=list)
    material: bool
    severity: str
    categories: list[str] = Field(default_factory=list)
    headline: str = ""
    summary: str = ""
    impact: str = ""
    actions: list[str] = Field(default_factory=list)
    interpretive_note: str | None = None


def _strict(properties: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


CONFIDENCES = ("high", "medium", "low")


def _change_schema(with_section: bool = True, v4: bool = False) -> dict[str, Any]:
    """One change; *v4* (``change_record@v4``) offers every category id, ``ai_training``
    included, and asks for a ``confidence`` in the direction."""
    strings = {"type": "array", "items": {"type": "string"}}
    categories = CATEGORY_IDS if v4 else PROMPT_V1_CATEGORY_IDS
    return _strict(
        {
            "hunk_ids": {"type": "array", "items": {"type": "integer"}},
            **({"section": {"type": "string"}} if with_section else {}),
            "category": {"type": "string", "enum": list(categories)},
            "kind": {"type": "string", "enum": list(KINDS)},
            "quotes_old": strings,
            "quotes_new": strings,
            "severity_before": {"type": "string", "enum": list(SEVERITIES)},
            "severity_after": {"type": "string", "enum": list(SEVERITIES)},
            "direction": {"type": "string", "enum": list(DIRECTIONS)},
            **({"confidence": {"type": "string", "enum": list(CONFIDENCES)}} if v4 else {}),
            "shift_reason": {"type": "string"},
            "summary": {"type": "string"},
        }
    )


def findings_schema(with_section: bool = True, v4: bool = False) -> dict[str, Any]:
    return _strict(
        {
            "changes": {"type": "array", "items": _change_schema(with_section, v4)},
            "interpretive_note": {"type": ["string", "null"]},
        }
    )


def record_schema(with_section: bool = True, v4: bool = False) -> dict[str, Any]:
    return _strict(
        {
            "changes": {"type": "array", "items": _change_schema(with_section, v4)},
            "material": {"type": "boolean"},
            "severity": {"type": "string", "enum": list(SEVERITIES)},
            "headline": {"type": "string"},
            "summary": {"type": "string"},
            "impact": {"type": "string"},
            "actions": {"type": "array", "items": {"type": "string"}},
            "interpretive_note": {"type": ["string", "null"]},
        }
    )


# Size bounds for servers that compile the schema into a grammar (llama.cpp): they stop a small
# model that loops from running to max_tokens. Not sent in strict mode (outside OpenAI's subset).
_MAX_ITEMS = {"hunk_ids": 12, "quotes_old": 3, "quotes_new": 3, "actions": 4, "categories": 8}
_MAX_LENGTH = {
    "section": 200,
    "quotes_old": 320,
    "quotes_new": 320,
    "headline": 200,
    "shift_reason": 300,
    "summary": 800,
    "impact": 600,
    "actions": 300,
    "interpretive_note": 600,
}


def bounded_schema(schema: dict[str, Any], max_changes: int) -> dict[str, Any]:
    """A copy of *schema* with ``maxItems`` on arrays and ``maxLength`` on strings."""

    def walk(node: dict[str, Any], name: str | None) -> dict[str, Any]:
        node = dict(node)
        if "properties" in node:
            node["properties"] = {k: walk(v, k) for k, v in node["properties"].items()}
        kind = node.get("type")
        kinds = kind if isinstance(kind, list) else [kind]  # "string", or a union: ["string", "null"]
        if kind == "array":
            node["maxItems"] = max_changes if name == "changes" else _MAX_ITEMS.get(name or "", 8)
            node["items"] = walk(node["items"], name)
        elif name in _MAX_LENGTH and "enum" not in node and "string" in kinds:
            node["maxLength"] = _MAX_LENGTH[name]
        return node

    return walk(schema, None)


OUTPUT_SCHEMAS: dict[str, tuple[Any, type[BaseModel]]] = {
    "change_record": (record_schema, ModelRecord),
    "change_findings": (findings_schema, ModelFindings),
    # Without "section": each change's section is taken from its first hunk id (fewer tokens both
    # ways, and a section the model cannot get wrong).
    "change_record_compact": (lambda: record_schema(with_section=False), ModelRecord),
    "change_findings_compact": (lambda: findings_schema(with_section=False), ModelFindings),
    # change_record@v4: compact, with ai_training among the categories and a confidence per change.
    "change_record_v4": (lambda: record_schema(with_section=False, v4=True), ModelRecord),
    "change_findings_v4": (lambda: findings_schema(with_section=False, v4=True), ModelFindings),
}


def output_schema(name: str) -> dict[str, Any]:
    """``{"name": ..., "schema": ...}`` for :class:`~summarizer.llm.client.ChatRequest.json_schema`."""
    from summarizer.errors import InputError

    if name not in OUTPUT_SCHEMAS:
        raise InputError(f"unknown output schema {name!r} (known: {', '.join(OUTPUT_SCHEMAS)})")
    return {"name": name, "schema": OUTPUT_SCHEMAS[name][0]()}


_FENCE = re.compile(r"^\s*```(?:json)?\s*(.*?)\s*```\s*$", re.DOTALL)


def parse_output(name: str, text: str) -> BaseModel:
    """Parse an answer for schema *name*; ``ValueError`` (with a short reason) when unusable."""
    model = OUTPUT_SCHEMAS[name][1]
    fenced = _FENCE.match(text or "")
    raw = fenced.group(1) if fenced else (text or "")
    try:
        data = json.loads(raw, strict=False)  # raw newlines or tabs inside strings are tolerated
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})") from None
    if not isinstance(data, dict):
        raise ValueError("expected a JSON object")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "answer"
        raise ValueError(f"{where}: {first.get('msg')} ({exc.error_count()} problem(s))") from None
