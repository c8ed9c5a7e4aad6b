"""The rules analyzer's plain record (summarizer.model.record_data) stands for the pydantic
ChangeRecord: same fields in the same order, same defaults, same JSON bytes, and it validates."""

from __future__ import annotations

from dataclasses import MISSING, fields

import pytest

from summarizer.analyzers.rules.analyzer import RulesAnalyzer
from summarizer.model import record, record_data
from tests.conftest import ota_diff

PAIRS = [
    "wix-privacy-policy-2020-07-13-2020-07-22",
    "microsoft-store-privacy-policy-2022-05-30-2022-06-21",
]

TWINS = [
    (record_data.ChangeData, record.Change),
    (record_data.UsageData, record.Usage),
    (record_data.ProvenanceData, record.Provenance),
    (record_data.FlagData, record.Flag),
    (record_data.RecordData, record.ChangeRecord),
]


@pytest.mark.parametrize("plain, model", TWINS, ids=[m.__name__ for _, m in TWINS])
def test_same_fields_in_the_same_order_with_the_same_defaults(plain, model):
    names = [f.name for f in fields(plain)]
    expected = [n for n in model.model_fields if n != "compliance"]
    assert names == expected
    for f in fields(plain):
        info = model.model_fields[f.name]
        if info.is_required():
            assert f.default is MISSING and f.default_factory is MISSING, f.name
        elif f.default_factory is not MISSING:
            made, expected = f.default_factory(), info.get_default(call_default_factory=True)
            if hasattr(expected, "model_dump"):  # a nested record part: compare as data
                made, expected = record_data._plain(made), expected.model_dump()
            assert made == expected, f.name
        else:
            assert f.default == info.default, f.name
    assert record_data.SCHEMA_VERSION == record.SCHEMA_VERSION


@pytest.mark.parametrize("name", PAIRS)
def test_same_json_bytes_as_the_validated_model(name):
    plain = RulesAnalyzer().analyze_data(ota_diff(name))
    model = plain.to_model()
    assert isinstance(model, record.ChangeRecord)
    assert plain.model_dump_json(indent=2) == model.model_dump_json(indent=2)
    assert plain.model_dump_json() == model.model_dump_json()


def test_json_of_awkward_strings_matches():
    plain = record_data.RecordData(
        material=True,
        severity="high",
        categories=["sale_targeted_ads"],
        headline='Quotes " and \\ and \u2028 and \x07 and \u00e9 and \U0001f600',
        summary="tab\there\nnewline",
        impact="\x7f",
        provenance=record_data.ProvenanceData(analyzer="rules", timings_ms={"diff": 1.5, "analyze": 0.0}),
        flags=[record_data.FlagData(code="x", message="</script>")],
    )
    assert plain.model_dump_json(indent=2) == plain.to_model().model_dump_json(indent=2)


def test_analyze_still_returns_the_validated_model():
    rec = RulesAnalyzer().analyze(ota_diff(PAIRS[0]))
    assert isinstance(rec, record.ChangeRecord)


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
@pytest.mark.parametrize("name", PAIRS)
def test_every_format_renders_the_plain_record_as_the_model(name, fmt):
    from summarizer.api import name_record
    from summarizer.rendering import render

    plain = RulesAnalyzer().analyze_data(ota_diff(name))
    name_record(plain, service="Wix", document="Privacy Policy", old_date="2020-07-13")  # type: ignore[arg-type]
    assert render(plain, fmt) == render(plain.to_model(), fmt)  # type: ignore[arg-type]
    if fmt == "text":
        assert render(plain, fmt, color=True) == render(plain.to_model(), fmt, color=True)  # type: ignore[arg-type]
