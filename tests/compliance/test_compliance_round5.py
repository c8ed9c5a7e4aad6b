"""Round-5 selection rules (issue #15), each on synthetic changes; the golden cases measure the whole
(`python bench/compliance_folds.py` prints the figures per fold)."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.api import compare_files
from summarizer.compliance.analysis import analyze_compliance
from summarizer.compliance.laws import named_laws
from summarizer.compliance.regions import RegionMention
from summarizer.compliance.scope import declared_scope, document_kind
from summarizer.compliance.select import change_regions
from summarizer.compliance.signals import change_signals
from summarizer.compliance.table import load_table, parse_table
from summarizer.errors import InputError
from tests.compliance.conftest import make_change

ROOT = Path(__file__).resolve().parents[2]


_change = make_change


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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("This Privacy Policy only applies to residents of the United States.", {"US"}),
        ("This policy applies only to users in the European Union.", {"EU", "EEA"}),
        # a section's scope is not the document's
        ("This section is part of our Privacy Policy but applies only to residents of California.", None),
        ("This Privacy Policy only applies to any Information collected by us.", None),
    ],
)
def test_a_declared_scope_names_the_documents_readers(text: str, expected: set[str] | None) -> None:
    assert declared_scope(text) == expected


SCOPED = """# Privacy policy

This Privacy Policy only applies to residents of the United States.

## How we share information

{share}

## Cookies

For transfers out of the European Union we rely on safeguards as permitted under the GDPR.

## California

California residents may ask us which categories of personal information we collect.
"""


def test_a_scoped_document_does_not_engage_rules_of_the_region_data_goes_to(tmp_path: Path) -> None:
    a, b = tmp_path / "old.md", tmp_path / "new.md"
    a.write_text(
        SCOPED.format(share="We may share your personal data with our service providers."), encoding="utf-8"
    )
    b.write_text(
        SCOPED.format(
            share="We may share your personal data with our service providers. We may also share your personal "
            "data with our worldwide affiliates, including those in Canada, Mexico, and the European Union."
        ),
        encoding="utf-8",
    )
    section = analyze_compliance(
        compare_files(a, b), a.read_text(encoding="utf-8"), b.read_text(encoding="utf-8")
    )
    assert section.entries, "the new recipients still engage the US rules"
    assert not any(i.startswith(("gdpr", "ukgdpr", "eprivacy", "dsa")) for i in section.entries)
    assert "EU" not in {f.code for f in section.jurisdictions}


STATE_LAWS = """# Privacy policy

## U.S. state law requirements

We describe rights under these laws:

* California Consumer Privacy Act (CCPA)
* Virginia Consumer Data Protection Act (VCDPA){more}

## Contact

Write to us.
"""


def test_a_state_law_named_for_the_first_time_engages_that_states_entry(tmp_path: Path) -> None:
    a, b = tmp_path / "old.md", tmp_path / "new.md"
    a.write_text(STATE_LAWS.format(more=""), encoding="utf-8")
    b.write_text(
        STATE_LAWS.format(
            more="\n* Indiana Consumer Data Protection Act (INCDPA)\n* Kentucky Consumer Data Protection Act (KCDPA)"
        ),
        encoding="utf-8",
    )
    old, new = a.read_text(encoding="utf-8"), b.read_text(encoding="utf-8")
    assert [cs.change.quotes_new for cs in named_laws(old, new)] == [
        ["Indiana Consumer Data Protection Act (INCDPA)"],
        ["Kentucky Consumer Data Protection Act (KCDPA)"],
    ]
    section = analyze_compliance(compare_files(a, b), old, new)
    assert {"in-icdpa-opt-out", "ky-kcdpa-opt-out"} <= set(section.entries)
    # a state named before (Virginia) and the other states are not engaged by the list growing
    assert not {"va-vcdpa-opt-out", "co-cpa-opt-out"} & set(section.entries)
    assert section.exposure.level == "low"
    text = " ".join(s.text for s in section.landscape)
    assert "names these laws for the first time" in text
    assert "targeted advertising or sale" not in text.split("The change engages them because")[-1]


def test_a_state_law_named_in_both_versions_is_not_new() -> None:
    text = STATE_LAWS.format(more="\n* Indiana Consumer Data Protection Act (INCDPA)")
    assert named_laws(text, text.replace("Write to us.", "Write to us by post.")) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We may use your conversations to improve our AI models.", True),
        ("Your prompts may be used to develop and improve our assistant.", True),
        # a mention of AI is not training on anyone's content
        ("Calls may use an artificial voice, which may be generated using artificial intelligence.", False),
    ],
)
def test_training_words_say_what_the_content_is_used_for(text: str, expected: bool) -> None:
    cs = change_signals(_change("data_use_purpose", "added", [], [text], direction="up"))
    assert ("training_on_user_content" in cs.names) is expected


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("# Example Co. Privacy Policy\n\nWe collect data.", "privacy"),
        ("AliExpress Cookie Notice\n\nWe use cookies.", "privacy"),
        ("June 2, 2020\nPrivacy Policy\n_Effective:_ October 3, 2022", "privacy"),
        ("Google Ads Controller-Controller Data Protection Terms\n\nThese terms apply.", "terms"),
        ("Click here for a helpful summary of the Snap Terms of Service\n", "terms"),
        ("User Data\n\nApps must be transparent.", None),
    ],
)
def test_document_kind_from_the_title(text: str, kind: str | None) -> None:
    assert document_kind(text) == kind


def test_contract_terms_rules_are_not_engaged_by_a_privacy_notice(tmp_path: Path) -> None:
    body = "# {title}\n\n## Changes\n\n{clause}\n\n## Europe\n\nIf you live in the European Union, the GDPR gives you rights.\n"
    old_clause = "We will tell you 30 days before we change this document."
    new_clause = "We may update this document from time to time. Continued use means you accept the changes."
    cited = {}
    for title in ("Example Privacy Policy", "Example Terms of Service"):
        a, b = tmp_path / "old.md", tmp_path / "new.md"
        a.write_text(body.format(title=title, clause=old_clause), encoding="utf-8")
        b.write_text(body.format(title=title, clause=new_clause), encoding="utf-8")
        section = analyze_compliance(
            compare_files(a, b), a.read_text(encoding="utf-8"), b.read_text(encoding="utf-8")
        )
        cited[title] = set(section.entries)
    table = {e.id: e for e in load_table().entries}
    terms_only = {i for i, e in table.items() if e.documents == ("terms",)}
    assert cited["Example Terms of Service"] & terms_only, (
        "the same clause in terms engages the contract rules"
    )
    assert not cited["Example Privacy Policy"] & terms_only


def test_an_unknown_document_kind_is_refused() -> None:
    text = (ROOT / "summarizer/data/regulations.yaml").read_text(encoding="utf-8")
    with pytest.raises(InputError, match="document kinds"):
        parse_table(text.replace("  documents:\n  - terms\n", "  documents:\n  - leaflet\n", 1))


def test_training_on_chats_engages_the_training_summary_not_the_copyright_policy(tmp_path: Path) -> None:
    body = (
        "# Example Privacy Policy\n\n## How we use your data\n\n{use}\n\n## Europe\n\n"
        "If you live in the European Union, the GDPR gives you rights.\n"
    )
    a, b = tmp_path / "old.md", tmp_path / "new.md"
    a.write_text(body.format(use="We use your chats to answer you."), encoding="utf-8")
    b.write_text(
        body.format(
            use="We use your chats to answer you. We may also use your chats to train our AI models."
        ),
        encoding="utf-8",
    )
    section = analyze_compliance(
        compare_files(a, b), a.read_text(encoding="utf-8"), b.read_text(encoding="utf-8")
    )
    assert "aiact-art53-1d-training-content-summary" in section.entries
    assert "aiact-art53-1c-copyright-policy" not in section.entries


def test_a_region_the_change_names_as_a_destination_is_not_its_readers() -> None:
    regions = {
        "US-CA": RegionMention("US-CA", "California", 3, "California residents may ask us", evidence=2),
        "EU": RegionMention("EU", "European Union", 1, "affiliates in the European Union", evidence=0),
        "EEA": RegionMention(
            "EEA", "European Economic Area", 1, "affiliates in the European Union", evidence=0
        ),
    }
    to_affiliates = change_signals(
        _change(
            "third_party_sharing",
            "added",
            [],
            ["We may share your personal data with our affiliates, including those in the European Union."],
            direction="up",
        )
    )
    assert set(change_regions(to_affiliates, regions)) == {"US-CA"}
    to_readers = change_signals(
        _change(
            "third_party_sharing",
            "added",
            [],
            ["If you live in the European Union, we may share your personal data with our affiliates."],
            direction="up",
        )
    )
    assert "EU" in change_regions(to_readers, regions)
