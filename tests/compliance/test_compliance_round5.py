"""Round-5 selection rules (issue #15), each on synthetic changes; the golden cases measure the whole
(`python bench/compliance_folds.py` prints the figures per fold)."""

from __future__ import annotations

import pytest

from summarizer.compliance.signals import change_signals
from summarizer.model.record import Change


def _change(
    category: str, kind: str, old: list[str], new: list[str], direction: str | None = "same"
) -> Change:
    return Change(
        category=category,  # type: ignore[arg-type]
        kind=kind,  # type: ignore[arg-type]
        summary="s",
        severity_before="medium",
        severity_after="low",
        shift_reason="r",
        direction=direction,  # type: ignore[arg-type]
        section="Privacy Policy",
        quotes_old=old,
        quotes_new=new,
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a list of data items, a list of tools: no use of anyone's data is stated
        (
            "Location Information<br><br>MAC Address<br><br>Bluetooth Information<br><br>Network Information",
            False,
        ),
        ("We use a variety of tools to do this, including ad and analytics services.", False),
        (
            "These services can provide results that are personalized to you based on info in your account.",
            False,
        ),
        # a verb of use with its data object, data that "is used", a stated purpose
        ("We may also use your account information, such as your title, to infer your gender.", True),
        ("Those services may link information about your activity from sites that use our services.", True),
        ("Your chat history may be used to answer support questions.", True),
        ("We process contact details for the purposes of fraud prevention.", True),
    ],
)
def test_a_new_purpose_from_the_category_needs_a_use_of_data(text: str, expected: bool) -> None:
    cs = change_signals(_change("data_use_purpose", "expanded", [], [text]))
    assert ("purpose_broadened" in cs.names) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Saving activity to your history lets you resume an AI Mode interaction where you left off.", False),
        ("When this setting is on, AI responses are personalized to you based on your account.", False),
        ("We use your conversations to train our models.", True),
        ("Chats may be reviewed to improve our virtual assistant.", True),
    ],
)
def test_training_from_the_ai_category_needs_a_word_of_training(text: str, expected: bool) -> None:
    cs = change_signals(_change("ai_training", "added", [], [text], direction="unclear"))
    assert ("training_on_user_content" in cs.names) is expected
