"""The diff engine on real pairs from Open Terms Archive (bundled under evals/data/ota)."""

from __future__ import annotations

import json

import pytest

from summarizer.diffing.engine import apply_hunks, diff_documents
from summarizer.diffing.load import parse_document


def ws(text: str) -> str:
    return " ".join(text.split())


def load(ota_dir, name):
    folder = ota_dir / name
    return (
        parse_document((folder / "old.md").read_text(encoding="utf-8"), source=f"{name}/old.md"),
        parse_document((folder / "new.md").read_text(encoding="utf-8"), source=f"{name}/new.md"),
    )


def test_every_bundled_pair_round_trips(ota_dir):
    """On all 100 real pairs: hunks rebuild the new text, offsets match, no empty hunk."""
    pairs = sorted(p.name for p in ota_dir.iterdir() if p.is_dir())
    assert len(pairs) == 100
    for name in pairs:
        old, new = load(ota_dir, name)
        result = diff_documents(old, new)
        assert ws(apply_hunks(old.text, result.hunks)) == ws(new.text), name
        for h in result.hunks:
            assert h.old_text or h.new_text, name
            assert old.text[h.old_start : h.old_end] == h.old_text, name
            assert new.text[h.new_start : h.new_end] == h.new_text, name
            assert h.cosmetic == (h.cosmetic_reason is not None), name


@pytest.mark.parametrize(
    "name, reason_part",
    [
        # only advertising-image URLs changed (capture noise)
        ("the-register-privacy-policy-2021-01-12-2021-01-12", "link targets"),
        # a link to /prints now points to /shop; the words are the same
        ("deviantart-privacy-policy-2024-05-23-2024-06-12", "link targets"),
        # "Revcontent" became "RevContent" throughout
        ("revcontent-privacy-policy-2022-09-18-2022-11-30", "case"),
        # headings became self-links
        ("linear-privacy-policy-2024-03-20-2024-03-21", "link targets"),
    ],
)
def test_cosmetic_only_pairs_are_no_material_change(ota_dir, name, reason_part):
    result = diff_documents(*load(ota_dir, name))
    assert result.hunks, "the versions do differ"
    assert not result.material
    assert any(reason_part in (h.cosmetic_reason or "") for h in result.hunks)


def test_whitespace_only_reflow_yields_no_hunk(ota_dir):
    # Fox News re-indented its table of contents; no word changed
    result = diff_documents(*load(ota_dir, "fox-news-privacy-policy-2022-07-08-2022-09-20"))
    assert result.hunks == []
    assert not result.material


def test_large_rewrite_is_section_aware(ota_dir):
    """Spotify's 2021 rewrite: many hunks across sections, moves, word-level changes."""
    old, new = load(ota_dir, "spotify-terms-of-service-2021-02-23-2021-09-01")
    result = diff_documents(old, new)
    assert result.material
    kinds = {h.kind for h in result.hunks}
    assert {"added", "removed", "modified"} <= kinds
    sections = {h.section[0] for h in result.hunks if h.section}
    assert len(sections) >= 5
    modified = [h for h in result.substantive if h.kind == "modified"]
    assert modified and all(h.changes for h in modified)
    # the new arbitration wording lives under "Problems and Disputes"
    assert any("Problems and Disputes" in h.breadcrumb for h in result.substantive)


def test_small_material_edit_is_one_modified_hunk_with_word_changes(ota_dir):
    # Bitwarden changed one paragraph of its privacy policy
    result = diff_documents(*load(ota_dir, "bitwarden-privacy-policy-2022-03-10-2022-03-25"))
    assert [h.kind for h in result.substantive] == ["modified"]
    h = result.substantive[0]
    assert h.changes
    for change in h.changes:
        if change.old:
            assert change.old.split()[0] in h.old_text
        if change.new:
            assert change.new.split()[0] in h.new_text


def test_json_is_serialisable(ota_dir):
    result = diff_documents(*load(ota_dir, "wix-privacy-policy-2020-07-13-2020-07-22"))
    data = json.loads(json.dumps(result.to_dict()))
    assert data["material"] is True
    assert {h["kind"] for h in data["hunks"]} >= {"moved"}
    for h in data["hunks"]:
        assert set(h) >= {
            "section_old",
            "section_new",
            "old_text",
            "new_text",
            "old_start",
            "old_end",
            "new_start",
            "new_end",
            "changes",
            "cosmetic",
            "cosmetic_reason",
            "signals",
        }


def test_signals_on_an_injected_executor_match_one_core(ota_dir, monkeypatch):
    """A large diff computes half its signals on the caller's executor (the CLI's forked process):
    the result must be identical."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    import summarizer.diffing.engine as diff_module

    old, new = load(ota_dir, "spotify-terms-of-service-2021-02-23-2021-09-01")
    sequential = diff_documents(old, new)
    monkeypatch.setattr(diff_module, "PARALLEL_SIGNALS_CHARS", 1)
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork")) as executor:
        parallel = diff_documents(
            *load(ota_dir, "spotify-terms-of-service-2021-02-23-2021-09-01"), executor=executor
        )
    assert [h.signals for h in parallel.hunks] == [h.signals for h in sequential.hunks]
    assert any(not h.signals.is_empty() for h in parallel.hunks)


def test_a_library_diff_never_starts_a_process(ota_dir, monkeypatch):
    """However large the diff, a library call computes every signal in its own process."""
    import os
    import subprocess

    import summarizer.diffing.engine as diff_module

    def refuse(*args, **kwargs):
        raise AssertionError("the library started a process")

    monkeypatch.setattr(diff_module, "PARALLEL_SIGNALS_CHARS", 1)
    monkeypatch.setattr(os, "fork", refuse)
    monkeypatch.setattr(subprocess, "Popen", refuse)
    result = diff_documents(*load(ota_dir, "spotify-terms-of-service-2021-02-23-2021-09-01"))
    assert len(result.hunks) > 1 and any(not h.signals.is_empty() for h in result.hunks)
