"""Token-budgeted chunks: budget, oversize splits, section lines, one call vs map-reduce."""

from __future__ import annotations

import re

import pytest

from summarizer.analyzers import AnalysisOptions
from summarizer.analyzers.llm.inline_marks import (
    has_marks,
    unescape_marks,
)
from summarizer.analyzers.llm.layouts import COMPACT, INLINE
from summarizer.analyzers.llm.packing import plan_chunks
from summarizer.errors import InputError
from summarizer.llm.tokens import count_tokens
from summarizer.model.diff import EnumerationChange, Hunk, ModalityShift, Signals

EXCERPT = re.compile(r'<document_excerpt version="(old|new)">\n(.*?)\n</document_excerpt>', re.DOTALL)


def _excerpts(text: str) -> list[tuple[str, str]]:
    return EXCERPT.findall(text)


def _added(hid: int, text: str, section: tuple[str, ...] = ("Terms", "Fees")) -> Hunk:
    return Hunk(hid, "added", (), section, "", text, 0, 0, 0, len(text))


@pytest.mark.parametrize("budget", [600, 2500])
def test_real_pair_chunks_respect_the_budget_and_keep_every_hunk(kit, budget: int) -> None:
    diff = kit.ota_diff("financial-times-privacy-policy-2020-12-18-2021-04-29")
    hunks = diff.substantive
    chunks = plan_chunks(hunks, budget)
    assert len(chunks) > 1
    for chunk in chunks:
        assert chunk.tokens == count_tokens(chunk.text) <= budget
    assert {hid for c in chunks for hid in c.hunk_ids} == {h.id for h in hunks}
    # document order is kept
    order = [hid for c in chunks for hid in c.hunk_ids]
    starts = {h.id: (h.new_start, h.old_start) for h in hunks}
    assert [starts[h] for h in order] == sorted(starts[h] for h in order)


def test_inline_layout_writes_each_change_once_and_a_section_line_only_where_it_changes() -> None:
    sharing = ("Policy", "Sharing")
    old1, new1 = "We will not sell your data.", "We may sell your data."
    h1 = Hunk(1, "modified", sharing, sharing, old1, new1, 0, len(old1), 0, len(new1))
    h2 = _added(2, "We share data with advertisers.", sharing)
    h3 = Hunk(3, "removed", ("Policy", "Retention"), (), "We delete data in 30 days.", "", 0, 26, 0, 0)
    h1.signals = Signals(
        enumerations=[EnumerationChange(["x"], [], "sell")],
        modality=[ModalityShift("will not", "may", "weaker")],
    )
    (chunk,) = plan_chunks([h1, h2, h3], 6000, layout=INLINE)
    text = chunk.text
    assert text.count("section: Sharing") == 1 and text.count("section: Retention") == 1
    assert "Policy ›" not in text  # the section's own heading, not the breadcrumb
    assert "We [-will not-]{+may+} sell your data." in text
    assert "{+We share data with advertisers.+}" in text and "[-We delete data in 30 days.-]" in text
    assert 'kind="' not in text and "<old>" not in text and "<new>" not in text
    assert (
        'a promise was hedged: "will not" became "may"' in text and "list after" not in text
    )  # marks show lists
    assert chunk.tokens == count_tokens(text)
    compact = plan_chunks([h1, h2, h3], 6000, layout=COMPACT)[0]
    assert chunk.tokens < compact.tokens


def test_a_hunk_too_large_alone_is_split_with_the_breadcrumb_on_every_part() -> None:
    paragraphs = [
        " ".join(
            f"Clause {p}.{s}: the company may charge a fee number {p}{s} for each renewal." for s in range(8)
        )
        for p in range(25)
    ]
    text = "\n\n".join(paragraphs)
    h = _added(7, text, ("Terms of Service", "Fees and renewals"))
    assert count_tokens(text) > 3000
    chunks = plan_chunks([h], 400)
    pieces = [p for c in chunks for p in c.pieces]
    assert len(pieces) > 7 and all(p.parts == len(pieces) for p in pieces)
    assert [p.part for p in pieces] == list(range(1, len(pieces) + 1))
    seen = ""
    for p in pieces:
        assert p.tokens <= 400 and count_tokens(p.text) == p.tokens
        assert "section: Terms of Service › Fees and renewals" in p.text
        assert f'part="{p.part}/{p.parts}"' in p.text
        ((side, excerpt),) = _excerpts(p.text)
        assert side == "new" and excerpt in text  # a verbatim slice
        seen += excerpt
    for paragraph in paragraphs:  # nothing is lost
        for clause in re.findall(r"Clause \d+\.\d+", paragraph):
            assert clause in seen


def test_an_oversize_block_in_the_inline_layout_is_split_into_marked_parts() -> None:
    clauses = [f"Clause {k}: the company may charge a fee number {k} for each renewal." for k in range(200)]
    text = " ".join(clauses) + " We may sell [-not a mark-] data."
    h = _added(9, text, ("Terms of Service", "Fees and renewals"))
    pieces = [p for c in plan_chunks([h], 400, layout=INLINE) for p in c.pieces]
    assert len(pieces) > 3 and all(p.tokens <= 400 and p.parts == len(pieces) for p in pieces)
    seen = ""
    for p in pieces:
        assert "section: Fees and renewals" in p.text and f'part="{p.part}/{p.parts}"' in p.text
        body = re.search(r"\{\+\n(.*)\n\+\}", p.text, re.DOTALL).group(1)
        assert unescape_marks(body) in text  # a verbatim slice, the document's own marks escaped
        assert not has_marks(body)
        seen += body
    assert all(clause in seen for clause in clauses)


def test_budget_too_small_is_an_input_error() -> None:
    with pytest.raises(InputError, match="at least"):
        plan_chunks([_added(1, "Fees apply.")], 50)


def test_one_call_when_the_diff_fits_map_reduce_when_it_does_not(kit) -> None:
    from summarizer.analyzers.llm.analyzer import LLMAnalyzer

    diff = kit.ota_diff("bolt-drivers-privacy-policy-2021-12-30-2022-03-29")
    roomy = LLMAnalyzer(AnalysisOptions(model="gpt-4o-mini"))
    plan = roomy.plan(diff)
    assert plan.mode == "single" and len(roomy.first_requests(plan)) == 1
    tight = LLMAnalyzer(AnalysisOptions(model="gpt-4o-mini", chunk_tokens=300))
    plan = tight.plan(diff)
    requests = tight.first_requests(plan)
    assert plan.mode == "map_reduce" and len(requests) == len(plan.chunks) > 1
    assert all(r.json_schema["name"] == "change_findings_compact" for r in requests)
    assert [r.messages[1]["content"].split(" of ")[0] for r in requests] == [
        f"Part {i}" for i in range(1, len(plan.chunks) + 1)
    ]
    cosmetic = kit.make_diff()
    for h in cosmetic.hunks:
        h.cosmetic, h.cosmetic_reason = True, "date"
    assert roomy.plan(cosmetic).mode == "none"
