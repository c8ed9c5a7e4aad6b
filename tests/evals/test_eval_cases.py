"""The case loader: valid files load, invalid ones fail with one clear line naming the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.errors import InputError
from summarizer.evals.cases import Case, load_case, load_cases


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """
id: demo-arbitration
title: "Arbitration added"
source: {dataset: "Open Terms Archive (ODC-BY 1.0)", pair: demo}
input: {old: evals/data/demo/old.md, new: evals/data/demo/new.md}
expected:
  material: true
  severity: high
  categories: [dispute_resolution]
  categories_optional: [contact_generic]
  provisions: [{category: dispute_resolution, severity_before: medium, severity_after: high}]
  facts: [["arbitration", "arbitrate"], "class action"]
  forbidden: [["no longer requires arbitration"]]
  tags: [multi_section, severity_up]
tags: [ota]
note: "arbitration replaces courts"
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    write(tmp_path / "evals/data/demo/old.md", "# Terms\n\nDisputes go to court.\n")
    write(tmp_path / "evals/data/demo/new.md", "# Terms\n\nDisputes go to arbitration.\n")
    return tmp_path


def test_valid_case_with_paths_resolves_against_the_repository_root(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo.parent)  # not the repo: resolution must come from the case file's ancestors
    case = load_case(write(repo / "evals/cases/demo.yaml", GOOD))
    assert case.id == "demo-arbitration"
    assert case.old_text.endswith("court.\n") and "arbitration" in case.new_text
    assert case.old_source == "evals/data/demo/old.md"
    assert case.expected.facts == [
        ["arbitration", "arbitrate"],
        ["class action"],
    ]  # a bare string is one group
    assert case.expected.provisions[0].direction == "up"
    assert case.tags == ["ota", "multi_section", "severity_up"]
    assert len(case.sha256) == 64


def test_sha_changes_when_the_input_changes(repo: Path) -> None:
    path = write(repo / "evals/cases/demo.yaml", GOOD)
    before = load_case(path).sha256
    write(repo / "evals/data/demo/new.md", "# Terms\n\nDisputes go to binding arbitration.\n")
    assert load_case(path).sha256 != before


def test_inline_texts(tmp_path: Path, kit) -> None:
    kit.write_cases(tmp_path / "cases")
    cases = load_cases(tmp_path / "cases")
    assert [c.id for c in cases] == ["arbitration-added", "cosmetic-date", "sharing-sell"]
    assert cases[0].old_source == "old (inline)"


def test_selection_by_id_and_tag(tmp_path: Path, kit) -> None:
    kit.write_cases(tmp_path)
    assert [c.id for c in load_cases(tmp_path, ids=["sharing-sell", "cosmetic-date"])] == [
        "sharing-sell",
        "cosmetic-date",
    ]
    assert [c.id for c in load_cases(tmp_path, tags=["cosmetic"])] == ["cosmetic-date"]
    with pytest.raises(InputError, match="unknown case id.*nope"):
        load_cases(tmp_path, ids=["nope"])
    with pytest.raises(InputError, match="no case .* has any of the tags"):
        load_cases(tmp_path, tags=["missing-tag"])


@pytest.mark.parametrize(
    ("replace", "by", "message"),
    [
        (
            "severity: high",
            "severity: severe",
            r"expected\.severity: Input should be 'none', 'low', 'medium' or 'high'",
        ),
        (
            "categories: [dispute_resolution]",
            "categories: [arbitration]",
            r"expected\.categories\.0: unknown category 'arbitration'",
        ),
        ("  material: true\n", "", r"expected\.material: Field required"),
        ("expected:", "expectd:", r"expectd: Extra inputs are not permitted"),
        (
            "input: {old: evals/data/demo/old.md, new: evals/data/demo/new.md}",
            "input: {old: evals/data/demo/old.md, old_text: x, new: evals/data/demo/new.md}",
            r"give exactly one of 'old' \(a path\) or 'old_text'",
        ),
        ("severity: high", "severity: none", r"a material change needs a severity above 'none'"),
        ("categories_optional: [contact_generic]", "categories_optional: [dispute_resolution]", r"overlap"),
        (
            "provisions: [{category: dispute_resolution",
            "provisions: [{category: user_rights",
            r"not listed in categories",
        ),
        ('facts: [["arbitration", "arbitrate"], "class action"]', "facts: [[]]", r"no alternatives"),
        ("id: demo-arbitration", "id: Demo Arbitration", r"id: use lower-case"),
        (
            "old: evals/data/demo/old.md",
            "old: evals/data/demo/missing.md",
            r"input\.old 'evals/data/demo/missing\.md' not found",
        ),
    ],
)
def test_invalid_case_names_the_file_and_the_field(repo: Path, replace: str, by: str, message: str) -> None:
    assert replace in GOOD
    path = write(repo / "evals/cases/bad.yaml", GOOD.replace(replace, by))
    with pytest.raises(InputError, match=message) as info:
        load_case(path)
    assert str(path) in str(info.value)
    assert "\n" not in str(info.value)


def test_yaml_syntax_error_gives_the_line(tmp_path: Path) -> None:
    path = write(tmp_path / "broken.yaml", "id: x\nexpected: [unclosed\ninput: {}\n")
    with pytest.raises(InputError, match=r"broken\.yaml:\d+: invalid YAML"):
        load_case(path)


def test_not_a_mapping_and_empty_input(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="must be a YAML mapping"):
        load_case(write(tmp_path / "list.yaml", "- a\n- b\n"))
    with pytest.raises(InputError, match=r"input\.new_text is empty"):
        load_case(
            write(
                tmp_path / "empty.yaml",
                "id: e\ninput: {old_text: a, new_text: '  '}\nexpected: {material: false, severity: none}\n",
            )
        )


def test_duplicate_ids_and_empty_folders(tmp_path: Path, kit) -> None:
    kit.write_cases(tmp_path / "a")
    (tmp_path / "a" / "copy.yaml").write_text((tmp_path / "a" / "sharing-sell.yaml").read_text())
    with pytest.raises(InputError, match="duplicate case id 'sharing-sell'"):
        load_cases(tmp_path / "a")
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="no case files"):
        load_cases(tmp_path / "empty")
    with pytest.raises(InputError, match="no such cases directory"):
        load_cases(tmp_path / "nowhere")


def test_inline_case_in_code(kit) -> None:
    case = Case.inline("x", "a", "b", {"material": False, "severity": "none"})
    assert case.expected.categories == [] and len(case.sha256) == 64
