"""A short bulleted entry of a lead-in list is text of the policy, not a button (entry_text.py)."""

from summarizer.analyzers.rules.entry_text import plain_entry
from summarizer.api import compare_texts

STATES = ["Arizona", "Colorado", "Iowa", "Michigan", "Nevada", "Oregon"]


def _rules(states: list[str], lead: str = "*   The following states are eligible for this pilot:") -> str:
    entries = "\n".join(f"    *   {s}" for s in states)
    return (
        "# Advertising Policies\n\n## Pilot programs\n\n"
        "Advertisers participating in pilot programs must follow the existing advertising policies.\n\n"
        "### Sweepstakes ads\n\n"
        "*   Advertisers must be licensed by the relevant state authority to run sweepstakes promotions.\n"
        f"{lead}\n{entries}\n\n### Contact\n\nQuestions can be sent to your account manager.\n"
    )


def test_state_taken_off_an_eligibility_list_is_material_and_named():
    record = compare_texts(_rules(STATES), _rules([s for s in STATES if s != "Michigan"]))
    assert record.material
    assert record.severity == "low"
    assert "Michigan" in record.headline
    assert "looks the same" not in (record.summary + " ".join(c.summary for c in record.changes))


def test_entry_added_is_material_too():
    record = compare_texts(_rules(STATES), _rules([*STATES, "Texas"]))
    assert record.material
    assert "an entry was added to a list" in record.headline


def test_menu_of_links_under_a_lead_in_stays_furniture():
    old = _rules([f"[{s}](https://example.com/{s})" for s in STATES], lead="Choose your state:")
    new = _rules(
        [f"[{s}](https://example.com/{s})" for s in STATES if s != "Iowa"], lead="Choose your state:"
    )
    assert not compare_texts(old, new).material


def test_plain_entry_shapes():
    assert plain_entry("    *   Ohio")
    assert plain_entry("- Microsoft Support (Consumer)")
    assert not plain_entry("9.  VIII. Liability")  # a numbered outline heading
    assert not plain_entry("2. **Administrative Purposes**")
    assert not plain_entry("*   **Marketing**")
    assert not plain_entry("*   [Sign in](https://example.com/login)")
    assert not plain_entry("*   ![logo](logo.png)")
