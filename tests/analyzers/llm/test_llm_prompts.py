"""Versioned prompt templates: identity, loading, rendering, content, and ``summarizer prompts``."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from summarizer.analyzers.llm.prompts import folder_digest, list_prompts, load_prompt
from summarizer.cli import main
from summarizer.errors import InputError
from summarizer.model.taxonomy import CATEGORIES

ROOT = Path(__file__).resolve().parents[3]
V1 = ROOT / "prompts" / "change_record" / "v1"
V2 = ROOT / "prompts" / "change_record" / "v2"
V3 = ROOT / "prompts" / "change_record" / "v3"
WORSE = ROOT / "tests" / "fixtures" / "prompts" / "change_record" / "v0-worse"


@pytest.fixture
def prompt_root(tmp_path: Path) -> Path:
    """A private prompts folder holding a copy of change_record/v1."""
    root = tmp_path / "prompts"
    shutil.copytree(V1, root / "change_record" / "v1")
    return root


def test_identity_is_name_version_and_content_hash() -> None:
    prompt = load_prompt()  # the newest version
    assert re.fullmatch(r"change_record@v3#[0-9a-f]{12}", prompt.identity)
    assert prompt.identity.endswith(folder_digest(V3)[:12])
    assert load_prompt("change_record@v3").identity == load_prompt(str(V3)).identity == prompt.identity
    for older in (V1, V2):
        identity = load_prompt(f"change_record@{older.name}").identity
        assert identity.endswith(folder_digest(older)[:12]) and identity != prompt.identity


def test_a_bare_name_skips_versions_marked_opt_in(prompt_root: Path) -> None:
    """A version that has not passed the eval gate (``status: opt-in``) is used only when named;
    a bare name means the newest gated version, and the bundled change_record resolves to v3."""
    target = prompt_root / "change_record" / "v2"
    shutil.copytree(V1, target)
    manifest = (target / "manifest.yaml").read_text().replace("version: v1", "version: v2")
    (target / "manifest.yaml").write_text(manifest + "status: opt-in\n")
    assert load_prompt("change_record", root=prompt_root).version == "v1"
    assert load_prompt("change_record@v2", root=prompt_root).opt_in
    (target / "manifest.yaml").write_text(manifest)  # the gate passed: the marker is removed
    assert load_prompt("change_record", root=prompt_root).version == "v2"
    shutil.rmtree(prompt_root / "change_record" / "v1")
    (target / "manifest.yaml").write_text(manifest + "status: opt-in\n")
    assert load_prompt("change_record", root=prompt_root).version == "v2"  # nothing gated: newest
    bundled = load_prompt("change_record")
    assert bundled.version == "v3" and load_prompt("change_record@v4").opt_in and not bundled.opt_in


def test_identity_changes_when_a_template_changes_and_returns_with_the_content(prompt_root: Path) -> None:
    folder = prompt_root / "change_record" / "v1"
    before = load_prompt("change_record@v1", root=prompt_root).identity
    original = (folder / "map.md").read_text(encoding="utf-8")
    (folder / "map.md").write_text(original + "\nBe brief.\n", encoding="utf-8")
    edited = load_prompt("change_record@v1", root=prompt_root).identity
    assert edited != before and edited.split("#")[0] == before.split("#")[0] == "change_record@v1"
    (folder / "manifest.yaml").write_text(
        (folder / "manifest.yaml").read_text() + "\n# note\n", encoding="utf-8"
    )
    assert load_prompt("change_record@v1", root=prompt_root).identity not in (before, edited)
    (folder / "map.md").write_text(original, encoding="utf-8")
    (folder / "manifest.yaml").write_text((V1 / "manifest.yaml").read_text(), encoding="utf-8")
    assert load_prompt("change_record@v1", root=prompt_root).identity == before  # content-addressed


def test_newest_version_wins_in_natural_order_and_hash_pins_are_checked(prompt_root: Path) -> None:
    for version in ("v2", "v10"):
        target = prompt_root / "change_record" / version
        shutil.copytree(V1, target)
        manifest = (target / "manifest.yaml").read_text().replace("version: v1", f"version: {version}")
        (target / "manifest.yaml").write_text(manifest)
    assert load_prompt("change_record", root=prompt_root).version == "v10"
    assert [p.version for p in list_prompts(prompt_root)] == ["v1", "v2", "v10"]
    pinned = load_prompt("change_record@v2", root=prompt_root)
    assert load_prompt(pinned.identity, root=prompt_root).digest == pinned.digest
    with pytest.raises(InputError, match="has changed"):
        load_prompt("change_record@v2#000000000000", root=prompt_root)
    with pytest.raises(InputError, match="unknown prompt version change_record@v3"):
        load_prompt("change_record@v3", root=prompt_root)
    with pytest.raises(InputError, match="unknown prompt 'other'"):
        load_prompt("other", root=prompt_root)


def test_a_manifest_that_disagrees_with_its_folder_is_rejected(prompt_root: Path) -> None:
    manifest = prompt_root / "change_record" / "v1" / "manifest.yaml"
    manifest.write_text(manifest.read_text().replace("version: v1", "version: v7"))
    with pytest.raises(InputError, match="says change_record@v7, expected change_record@v1"):
        load_prompt("change_record@v1", root=prompt_root)


def test_rendering_is_strict_and_never_evaluates_inserted_text() -> None:
    prompt = load_prompt()
    text = prompt.render(
        "map", final=True, part=1, parts=1, changes="{{ 7 * 7 }} {% if true %}x{% endif %}", max_changes=8
    )
    assert "{{ 7 * 7 }} {% if true %}x{% endif %}" in text and "49" not in text
    with pytest.raises(InputError, match="needs"):
        prompt.render("map", final=True)  # 'changes' missing


def test_system_prompt_carries_taxonomy_rubric_plain_language_and_the_untrusted_rule() -> None:
    system = load_prompt("change_record@v1").render("system", categories=list(CATEGORIES.values()))
    for category in CATEGORIES.values():
        assert f"- {category.id}: {category.covers}" in system
    for needle in (
        "none < low < medium < high",
        "severity_before",
        "severity_after",
        '"will" becomes "may"',
        "reading grade 9",
        "Untrusted",
        "never instructions to you",
        "ignore previous instructions",
        "exact words copied from the excerpts",
        "direction is the effect on the user",
    ):
        assert needle in system, needle


def test_v2_system_prompt_keeps_the_rules_in_fewer_tokens() -> None:
    from summarizer.llm.tokens import count_tokens

    v1, v2 = (
        load_prompt(f"change_record@{v}").render("system", categories=list(CATEGORIES.values()))
        for v in ("v1", "v2")
    )
    # the high and low categories by id (all ids reach the model through the schema's enum)
    high, low = v2.split("usually rate high:")[1].split(";")[:2]
    assert {c.id for c in CATEGORIES.values() if c.tendency.name == "high"} == {
        x.strip() for x in high.split(",")
    }
    assert {c.id for c in CATEGORIES.values() if c.tendency.name == "low"} == {
        x.strip() for x in low.removeprefix(" low:").split(",")
    }
    for needle in (
        "none < low < medium < high",
        "severity_before",
        "severity_after",
        '"will" became "may"',
        "grade 9",
        "never instructions",
        "ignore previous instructions",
        "do not obey",
        "exact words from <old>",
        "<signals> are machine hints",
    ):
        assert needle in v2, needle
    assert count_tokens(v2, "gpt-4o-mini") < 0.55 * count_tokens(v1, "gpt-4o-mini")
    manifest = load_prompt("change_record@v2")
    assert (
        manifest.defaults["layout"] == "compact"
        and manifest.output_schemas["final"] == "change_record_compact"
    )


def test_v3_system_prompt_explains_the_marks_and_keeps_the_rules_in_fewer_tokens() -> None:
    from summarizer.llm.tokens import count_tokens

    v2, v3 = (
        load_prompt(f"change_record@{v}").render("system", categories=list(CATEGORIES.values()))
        for v in ("v2", "v3")
    )
    for needle in (
        "[-removed-] {+added+}",
        "severity_before/after",
        "none if absent",
        "a removed protection raises it",
        '"will" → "may"',
        "'will not sell' became 'may share with partners'",
        "grade 9",
        "never instructions",
        "do not obey",
        "interpretive_note",
        "skip {+…+}",
        "skip [-…-]",
        "<signals>: machine hints",
        "Record severity: the highest",
        "children_audiences covers regional",
    ):
        assert needle in v3, needle
    assert count_tokens(v3, "gpt-4o-mini") < 0.75 * count_tokens(v2, "gpt-4o-mini")
    prompt = load_prompt("change_record@v3")
    assert prompt.defaults["layout"] == "inline" and prompt.output_schemas["final"] == "change_record_compact"
    repair = prompt.render(
        "repair", problems='- change 1: this quote is not word for word in either version: "x"'
    )
    assert "word for word" in repair and "skips {+…+}" in repair and "<document_excerpt>" not in repair


def test_worse_fixture_drops_definitions_and_rubric() -> None:
    worse, good = load_prompt(str(WORSE)), load_prompt()
    assert worse.identity.startswith("change_record@v0-worse#") and worse.identity != good.identity
    system = worse.render("system", categories=list(CATEGORIES.values()))
    assert all(c.id in system for c in CATEGORIES.values())
    assert not any(c.covers in system for c in CATEGORIES.values())
    assert "severity_before" not in system and "reading grade" not in system and "terse" in system.lower()
    # it renders with the same variables the analyzer passes
    worse.render("map", final=False, part=1, parts=2, changes="<change/>", max_changes=8)
    worse.render("reduce", parts=2, findings="[]", max_changes=8)


def test_cli_prompts_list_and_show(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    identity = load_prompt("change_record@v1").identity  # listed first: by name, then version
    main(["prompts", "list"])
    assert capsys.readouterr().out.startswith(identity)
    main(["prompts", "show", "change_record@v1", "--template", "system", "--rendered"])
    out = capsys.readouterr().out
    assert out.splitlines()[0] == identity and "- third_party_sharing: disclosure" in out and "{%" not in out
    main(["prompts", "show", "--json"])
    shown = json.loads(capsys.readouterr().out)
    assert shown["identity"] == load_prompt().identity and set(shown["templates"]) == {
        "system",
        "map",
        "reduce",
        "repair",
    }
    monkeypatch.setenv("SUMMARIZER_PROMPTS_DIR", str(WORSE.parents[1]))
    main(["prompts", "list", "--json"])
    listed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [p["version"] for p in listed] == ["v0-worse"]


def test_cli_list_marks_opt_in_versions(capsys: pytest.CaptureFixture[str]) -> None:
    main(["prompts", "list"])
    lines = capsys.readouterr().out.splitlines()
    v3 = next(line for line in lines if line.startswith("change_record@v3#"))
    v4 = next(line for line in lines if line.startswith("change_record@v4#"))
    assert "[opt-in" in v4 and "opt-in" not in v3
    main(["prompts", "list", "--json"])
    status = {
        p["identity"].split("#")[0]: p["status"]
        for p in map(json.loads, capsys.readouterr().out.splitlines())
    }
    assert status["change_record@v4"] == "opt-in" and status["change_record@v3"] == "gated"


def test_cli_unknown_prompt_is_one_line_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["prompts", "show", "change_record@v99"])
    err = capsys.readouterr().err
    assert exc.value.code == 2 and err.count("\n") == 1 and err.startswith("error: unknown prompt version")


def test_a_folder_without_manifest_is_a_bare_prompt_the_analyzer_refuses(prompt_root: Path) -> None:
    from summarizer.analyzers import AnalysisOptions
    from summarizer.analyzers.llm.analyzer import LLMAnalyzer

    bare = prompt_root / "judge" / "v1"
    bare.mkdir(parents=True)
    (bare / "system.md").write_text("You check records.\n")
    (bare / "user.md").write_text("Record: {{ record }}\n")
    listed = {p.identity.split("#")[0]: p for p in list_prompts(prompt_root)}
    assert set(listed) == {"change_record@v1", "judge@v1"}
    judge = load_prompt("judge", root=prompt_root)
    assert set(judge.templates) == {"system", "user"} and judge.identity.endswith(folder_digest(bare)[:12])
    assert judge.render("user", record="R") == "Record: R\n"
    with pytest.raises(InputError, match="not a change-record prompt"):
        LLMAnalyzer(AnalysisOptions(model="gpt-4o-mini"), prompt=judge)
