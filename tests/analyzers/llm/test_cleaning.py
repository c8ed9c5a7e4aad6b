"""Verification of model answers: quotes verbatim in the documents, valid values, grounded in the diff,
problems named for repair, directions kept or inferred."""

from __future__ import annotations

from summarizer.analyzers.llm.cleaning import clean_output
from summarizer.analyzers.llm.grounding import Grounding
from summarizer.analyzers.llm.output import ModelFindings, ModelRecord
from summarizer.analyzers.llm.problems import find_problems, repair_instruction
from summarizer.model.taxonomy import CATEGORY_IDS


def _grounding(kit) -> Grounding:
    diff = kit.make_diff()
    return Grounding.of(diff, diff.substantive)


def _record(kit, *changes: dict, **fields) -> ModelRecord:
    return ModelRecord.model_validate_json(kit.answer(list(changes), **fields))


def test_a_verified_answer_passes_untouched_except_for_document_spelling(kit) -> None:
    g = _grounding(kit)
    answer = _record(
        kit, kit.change(quotes_new=['We may sell your personal information to our "advertising partners".'])
    )
    assert find_problems(answer, g) == []
    cleaned, flags = clean_output(answer, g)
    assert flags == []
    # the stored quote is the document's own text (typographic quotes)
    assert cleaned.changes[0].quotes_new == [
        "We may sell your personal information to our “advertising partners”."
    ]


def test_hallucinated_quote_is_named_for_repair_then_dropped_and_flagged(kit) -> None:
    g = _grounding(kit)
    invented = "We sell your data to data brokers."
    answer = _record(kit, kit.change(quotes_new=[invented, "We may sell your personal information"]))
    problems = find_problems(answer, g)
    assert [(p.code, p.change) for p in problems] == [("quote_not_found", 1)]
    assert invented in repair_instruction(problems)
    cleaned, flags = clean_output(answer, g)
    assert cleaned.changes[0].quotes_new == ["We may sell your personal information"]
    assert [f.code for f in flags] == ["quote_not_found"] and "data brokers" in flags[0].message


def test_quote_on_the_wrong_side_moves_and_ellipses_split(kit) -> None:
    g = _grounding(kit)
    answer = _record(
        kit,
        kit.change(
            quotes_old=["We delete your data within 180 days"],
            quotes_new=["We may sell your personal information … service providers."],
        ),
    )
    assert find_problems(answer, g) == []
    cleaned, flags = clean_output(answer, g)
    assert flags == []
    c = cleaned.changes[0]
    assert c.quotes_old == []
    assert c.quotes_new == [
        "We delete your data within 180 days",
        "We may sell your personal information",
        "service providers.",
    ]
    assert c.hunk_ids == [1, 2]  # the quotes tie the change to both hunks


def test_a_quote_copied_with_inline_marks_is_read_on_its_own_side(kit) -> None:
    g = _grounding(kit)
    marked = "We [-will not-]{+may+} sell your personal [-information.-]{+information to our “advertising partners”.+}"
    answer = _record(kit, kit.change(quotes_old=[marked], quotes_new=[marked]))
    assert find_problems(answer, g) == []
    cleaned, flags = clean_output(answer, g)
    assert flags == []
    c = cleaned.changes[0]
    assert c.quotes_old == ["We will not sell your personal information."]
    assert c.quotes_new == ["We may sell your personal information to our “advertising partners”."]
    # marks around words that are in neither version still fail
    bad = _record(kit, kit.change(quotes_new=["We [-never-]{+always+} sell your personal information"]))
    assert [p.code for p in find_problems(bad, g)] == ["quote_not_found"]
    # marks a model left unpaired (or nothing but marks) are read the same way, and never loop
    odd = _record(
        kit,
        kit.change(
            quotes_old=["We [-will not sell your personal"],
            quotes_new=["{+may sell your personal information to our", "[-[-{+"],
        ),
    )
    assert [p.detail for p in find_problems(odd, g)] == ["[-[-{+"]
    cleaned, flags = clean_output(odd, g)
    assert cleaned.changes[0].quotes_old == ["We will not sell your personal"]
    assert cleaned.changes[0].quotes_new == ["may sell your personal information to our"]
    assert [f.code for f in flags] == ["quote_not_found"]


def test_invalid_values_are_flagged_and_fixed(kit) -> None:
    g = _grounding(kit)
    answer = _record(
        kit,
        kit.change(category="privacy stuff", severity_after="catastrophic", kind="modified"),
        kit.change(
            category="Data retention",
            severity_before="Moderate",
            hunk_ids=[2],
            section="Retention",
            quotes_old=[],
            quotes_new=["within 180 days"],
        ),
        severity="extreme",
        categories=["sale_targeted_ads", "made_up"],
    )
    codes = [(p.code, p.change) for p in find_problems(answer, g)]
    assert ("invalid_category", 1) in codes and ("invalid_severity", 1) in codes
    assert ("invalid_severity", 0) in codes and ("invalid_category", 0) in codes
    assert ("invalid_category", 2) not in codes and (
        "invalid_severity",
        2,
    ) not in codes  # normalised synonyms
    cleaned, flags = clean_output(answer, g)
    first, second = cleaned.changes
    assert first.category in CATEGORY_IDS and first.severity_after == "high"  # the category's tendency
    assert first.kind == "reworded"
    assert (second.category, second.severity_before) == ("data_retention", "medium")
    assert cleaned.severity == "high" and set(cleaned.categories) == {first.category, "data_retention"}
    assert {f.code for f in flags} == {"invalid_category", "invalid_severity"}


def test_section_the_diff_never_touched_is_flagged_and_placed_by_its_hunk(kit) -> None:
    g = _grounding(kit)
    answer = _record(
        kit,
        kit.change(section="Contact"),
        kit.change(section="Example Privacy Policy > Retention", hunk_ids=[2], quotes_old=[], quotes_new=[]),
    )
    cleaned, flags = clean_output(answer, g)
    assert [f.code for f in flags] == ["section_not_in_diff"] and "'Contact'" in flags[0].message
    assert cleaned.changes[0].section == "Example Privacy Policy › Sharing"
    assert (
        cleaned.changes[1].section == "Example Privacy Policy > Retention"
    )  # a touched section, other separator


def test_unknown_hunk_ids_and_ungrounded_changes(kit) -> None:
    g = _grounding(kit)
    answer = _record(
        kit,
        kit.change(hunk_ids=[1, 99]),
        kit.change(hunk_ids=[42], section="", quotes_old=["nothing like this"], quotes_new=[]),
    )
    assert ("unknown_hunk", 1) in [(p.code, p.change) for p in find_problems(answer, g)]
    cleaned, flags = clean_output(answer, g)
    assert len(cleaned.changes) == 1 and cleaned.changes[0].hunk_ids == [1]
    assert [f.code for f in flags] == [
        "unknown_hunk",
        "quote_not_found",
        "unknown_hunk",
        "change_not_grounded",
    ]


def test_findings_are_cleaned_the_same_way(kit) -> None:
    g = _grounding(kit)
    findings = ModelFindings.model_validate(
        {"changes": [kit.change(quotes_new=["invented text"])], "interpretive_note": None}
    )
    cleaned, flags = clean_output(findings, g)
    assert isinstance(cleaned, ModelFindings) and cleaned.changes[0].quotes_new == []
    assert [f.code for f in flags] == ["quote_not_found"]


def test_direction_is_kept_or_inferred_from_an_edit(kit) -> None:
    g = _grounding(kit)
    answer = _record(
        kit,
        kit.change(direction="up"),
        kit.change(direction="sideways", severity_before="medium", severity_after="low", kind="narrowed"),
        kit.change(direction="worse", kind="removed"),
    )
    cleaned, flags = clean_output(answer, g)
    assert [c.direction for c in cleaned.changes] == ["up", "down", ""]
    assert [f.code for f in flags] == ["invalid_direction", "invalid_direction"]


def test_a_direction_that_contradicts_both_ratings_follows_the_ratings(kit) -> None:
    g = _grounding(kit)
    answer = _record(
        kit,
        kit.change(severity_before="medium", severity_after="high", direction="down", kind="removed"),
        kit.change(severity_before="high", severity_after="low", direction="up", kind="narrowed"),
        kit.change(severity_before="none", severity_after="low", direction="down", kind="added"),
        kit.change(severity_before="medium", severity_after="medium", direction="up"),
    )
    cleaned, flags = clean_output(answer, g)
    # two ratings on the scale decide; "none" on a side (a new provision) and equal ratings do not
    assert [c.direction for c in cleaned.changes] == ["up", "down", "down", "up"]
    assert [f.code for f in flags] == ["direction_contradicts_ratings"] * 2
    assert "medium → high" in flags[0].message and "used up" in flags[0].message
