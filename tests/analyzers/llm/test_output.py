"""The output schemas (strict-compatible, bounded for grammar servers, mapped onto the record) and parsing answers."""

from __future__ import annotations

import json

import pytest

from summarizer.analyzers.llm.output import ModelRecord, output_schema, parse_output
from summarizer.model.record import ChangeRecord
from summarizer.model.taxonomy import PROMPT_V1_CATEGORY_IDS


def _walk(schema: dict):
    yield schema
    for value in schema.get("properties", {}).values():
        yield from _walk(value)
    if isinstance(schema.get("items"), dict):
        yield from _walk(schema["items"])


@pytest.mark.parametrize("name", ["change_record", "change_findings"])
def test_output_schemas_are_strict_compatible(name: str) -> None:
    spec = output_schema(name)
    assert spec["name"] == name
    text = json.dumps(spec["schema"])
    assert "$ref" not in text and "default" not in text and "maxItems" not in text
    for node in _walk(spec["schema"]):
        if node.get("type") == "object":
            assert node["additionalProperties"] is False
            assert node["required"] == list(node["properties"])
    change = spec["schema"]["properties"]["changes"]["items"]["properties"]
    assert change["category"]["enum"] == list(PROMPT_V1_CATEGORY_IDS)
    assert change["severity_after"]["enum"] == ["none", "low", "medium", "high"]
    assert spec["schema"]["properties"]["interpretive_note"]["type"] == ["string", "null"]


def test_bounded_schema_caps_sizes_for_grammar_servers() -> None:
    from summarizer.analyzers.llm.output import bounded_schema

    plain = output_schema("change_findings")["schema"]
    bounded = bounded_schema(plain, 5)
    change = bounded["properties"]["changes"]["items"]["properties"]
    assert bounded["properties"]["changes"]["maxItems"] == 5 and change["quotes_old"]["maxItems"] == 3
    assert change["section"]["maxLength"] == 200 and "maxLength" not in change["category"]  # enums untouched
    assert bounded["properties"]["interpretive_note"]["maxLength"] == 600
    assert "maxItems" not in json.dumps(plain)  # the strict schema itself is unchanged


def test_record_schema_maps_onto_the_change_record() -> None:
    model_fields = set(output_schema("change_record")["schema"]["properties"])
    # categories are derived from the verified changes, not asked for
    assert model_fields == set(ChangeRecord.model_fields) - {
        "provenance",
        "flags",
        "disclaimer",
        "categories",
        # what the record describes and the record-level direction are filled in, not asked for
        "service",
        "document",
        "old_date",
        "new_date",
        "direction",
        "compliance",  # optional section, filled by summarizer.compliance, never asked of the record prompt
    }
    change_fields = set(
        output_schema("change_record")["schema"]["properties"]["changes"]["items"]["properties"]
    )
    from summarizer.model.record import Change

    # the rubric's confidence and evidence are the offline analyzer's, not asked of the model
    assert change_fields == set(Change.model_fields) - {"confidence", "evidence"}


def test_parse_accepts_code_fences_and_rejects_bad_answers() -> None:
    good = {
        "changes": [],
        "material": False,
        "severity": "none",
        "categories": [],
        "headline": "h",
        "summary": "s",
        "impact": "i",
        "actions": [],
        "interpretive_note": None,
    }
    assert isinstance(parse_output("change_record", "```json\n" + json.dumps(good) + "\n```"), ModelRecord)
    raw_newline = json.dumps(good).replace('"headline": "h"', '"headline": "line one\nline two"')
    assert parse_output("change_record", raw_newline).headline == "line one\nline two"
    with pytest.raises(ValueError, match="not valid JSON"):
        parse_output("change_record", '{"changes": [')
    with pytest.raises(ValueError, match="material"):
        parse_output("change_record", json.dumps({k: v for k, v in good.items() if k != "material"}))
    with pytest.raises(ValueError, match="JSON object"):
        parse_output("change_findings", "[1, 2]")
