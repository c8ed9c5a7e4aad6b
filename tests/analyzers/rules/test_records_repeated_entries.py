"""A list entry dropped (or added) that an entry standing in both versions already says is a repeat,
not a rule dropped (repeated_entries.py)."""

from summarizer.api import compare_texts

SELF_HARM = "Encouraging, promoting, or glorifying self-harm, including self-injury, self-mutilation, suicide, or eating disorders."
REPEAT = "Glorification of self-harm, including the promotion of self-injury, self-mutilation, suicide, or eating disorders."


VIGILANTE = (
    "Vigilante activity. This includes coordinated efforts to intimidate or take physical action against "
    "individuals outside proper legal process."
)


def _rules(entries: list[str]) -> str:
    listed = "\n".join(f"*   {e}" for e in entries)
    return (
        "# Community Guidelines\n\n## Threats, violence and harm\n\n"
        "We take all instances of threats, violence and harm seriously.\n\nWe prohibit the following:\n\n"
        f"{listed}\n*   Content that glorifies, or risks inciting, violent or harmful behavior toward people.\n\n"
        "## Reporting\n\nYou can report content that breaks these rules in the app.\n"
    )


BASE = [
    SELF_HARM,
    "Providing instructions or detailing methods of committing self-harm or suicide.",
    VIGILANTE,
]


def test_paraphrased_repeat_dropped_is_not_material():
    assert not compare_texts(_rules([*BASE, REPEAT, VIGILANTE]), _rules(BASE)).material


def test_paraphrased_repeat_added_is_not_material():
    assert not compare_texts(_rules(BASE), _rules([*BASE, REPEAT, VIGILANTE])).material


def test_entry_with_a_word_more_than_the_standing_one_is_a_change():
    wider = REPEAT.replace("eating disorders", "eating disorders or dangerous diets")
    assert compare_texts(_rules([*BASE, wider]), _rules(BASE)).material


def test_repeat_of_a_sentence_the_change_put_in_is_an_edit():
    edited = [SELF_HARM.replace("self-harm", "self-harm or risky stunts"), BASE[1]]
    assert compare_texts(_rules([*BASE, REPEAT, VIGILANTE]), _rules(edited)).material


def test_negation_keeps_entries_apart():
    allowed = "Glorification of self-harm is not allowed, including self-injury, self-mutilation, suicide, or eating disorders."
    assert compare_texts(_rules(BASE), _rules([*BASE, allowed])).material
