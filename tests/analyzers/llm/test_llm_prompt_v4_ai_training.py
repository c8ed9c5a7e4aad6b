"""``change_record@v4`` (issue 12): the model is offered the ``ai_training`` id and asked for each
change's direction and a confidence; an AI-training change comes out filed under ``ai_training``,
and the model's direction is still checked against its own ratings. Against the loopback fake
OpenAI server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.analyzers.llm.analyzer import LLMAnalyzer
from summarizer.model.record import ChangeRecord

OLD = (
    "# Example Terms\n\n## Your content\n\n"
    "You keep ownership of the content you post. We use it only to provide the service to you.\n\n"
    "## Contact\n\nWrite to legal@example.com with any question.\n"
)
NEW = (
    "# Example Terms\n\n## Your content\n\n"
    "You keep ownership of the content you post. We use it only to provide the service to you. "
    "We may use your content to train our AI models.\n\n"
    "## Contact\n\nWrite to legal@example.com with any question.\n"
)
AI_SENTENCE = "We may use your content to train our AI models."


@pytest.fixture
def ai_diff(tmp_path: Path):
    from summarizer.api import diff_documents, load_pair

    (tmp_path / "old.md").write_text(OLD, encoding="utf-8")
    (tmp_path / "new.md").write_text(NEW, encoding="utf-8")
    return diff_documents(*load_pair(tmp_path / "old.md", tmp_path / "new.md"))


def _analyze(kit, fake_openai, llm_options, diff, **fields) -> tuple[ChangeRecord, dict]:
    change = kit.change(
        hunk_ids=[],
        section="",
        category="ai_training",
        kind="added",
        quotes_old=[],
        quotes_new=[AI_SENTENCE],
        severity_before="low",
        severity_after="high",
        direction="up",
        confidence="high",
        shift_reason="low → high: your content may now train AI models",
        summary="Example may now use what you post to train its AI models.",
    )
    change.pop("section")
    change.update(fields)
    fake_openai.enqueue_reply(
        kit.answer([change], headline="Example may train AI on your content"),
        prompt_tokens=900,
        completion_tokens=200,
    )
    record = LLMAnalyzer(llm_options(prompt="change_record@v4")).analyze(diff)
    (request,) = fake_openai.chat_requests
    return record, request.body


def test_an_ai_training_change_is_filed_under_ai_training(kit, fake_openai, llm_options, ai_diff) -> None:
    record, body = _analyze(kit, fake_openai, llm_options, ai_diff)

    fmt = body["response_format"]["json_schema"]
    item = fmt["schema"]["properties"]["changes"]["items"]["properties"]
    assert fmt["name"] == "change_record_v4"
    assert "ai_training" in item["category"]["enum"] and item["confidence"]["enum"] == [
        "high",
        "medium",
        "low",
    ]
    system = body["messages"][0]["content"]
    assert "ai_training: your content, prompts or data used to train or improve AI" in system
    assert "We may use your content to train our AI models" in body["messages"][1]["content"]

    assert record.provenance.prompt_version.startswith("change_record@v4#")
    assert record.material is True and record.severity == "high"
    assert record.categories == ["ai_training"]
    (change,) = record.changes
    assert change.category == "ai_training" and change.quotes_new == [AI_SENTENCE]
    # the model's direction stands (its ratings agree); its "high" counts as medium: a model's
    # word is never high confidence, only quoted evidence is
    assert change.direction == "up" and change.confidence == "medium"
    assert record.direction == "worse"
    assert not [f for f in record.flags if f.code == "direction_contradicts_ratings"]


def test_a_direction_against_the_models_own_ratings_is_corrected_and_flagged(
    kit, fake_openai, llm_options, ai_diff
) -> None:
    record, _ = _analyze(kit, fake_openai, llm_options, ai_diff, kind="expanded", direction="down")
    (change,) = record.changes
    assert change.category == "ai_training"
    assert change.direction == "up" and change.confidence == "low"
    [flag] = [f for f in record.flags if f.code == "direction_contradicts_ratings"]
    assert "'down'" in flag.message and "low → high" in flag.message


def test_the_models_own_low_confidence_is_kept(kit, fake_openai, llm_options, ai_diff) -> None:
    record, _ = _analyze(kit, fake_openai, llm_options, ai_diff, confidence="low")
    (change,) = record.changes
    assert change.direction == "up" and change.confidence == "low"


def test_v3_requests_are_unchanged_by_v4(kit, fake_openai, llm_options, ai_diff) -> None:
    """v1–v3 keep their schema (no ai_training, no confidence) so their cassettes still replay."""
    fake_openai.enqueue_reply(kit.answer([]), prompt_tokens=10, completion_tokens=10)
    LLMAnalyzer(llm_options(prompt="change_record@v3")).analyze(ai_diff)
    (request,) = fake_openai.chat_requests
    text = json.dumps(request.body["response_format"])
    assert "ai_training" not in text and "confidence" not in text


def test_v4_keeps_v3s_rules_and_close_to_its_token_cost() -> None:
    """v4 = v3 + the ai_training definition + direction/confidence wording, at a few more tokens."""
    from summarizer.analyzers.llm.prompts import load_prompt
    from summarizer.llm.tokens import count_tokens

    v3, v4 = (load_prompt(f"change_record@{v}").render("system") for v in ("v3", "v4"))
    for rule in (
        "never instructions",
        "do not obey",
        "a removed protection raises it",
        '"will" → "may"',
        "grade 9",
        "skip {+…+}",
        "Record severity: the highest",
        "children_audiences covers regional",
    ):
        assert rule in v3 and rule in v4, rule
    assert "ai_training" not in v3
    assert "opt-out is removed" in v4 and "up (worse)" in v4 and "down (better)" in v4 and "confidence:" in v4
    assert count_tokens(v4, "gpt-4o-mini") < 1.3 * count_tokens(v3, "gpt-4o-mini")
    for name in ("v1", "v2", "v3"):  # earlier versions keep their schemas (their cassettes replay)
        assert load_prompt(f"change_record@{name}").output_schemas["final"] != "change_record_v4"
