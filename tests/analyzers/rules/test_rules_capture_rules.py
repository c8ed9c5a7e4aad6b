"""Rules that keep capture artefacts and wording noise from counting as material, and one that keeps
a change to how users exercise a right from being dismissed as contact details. Hand-written texts
first, then the real pairs that motivated each rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.analyzers.rules.analyzer import figures
from summarizer.analyzers.rules.provisions import channels, placeholder_for_dates, rights_channel_change
from summarizer.api import compare_texts, diff_texts
from summarizer.rubric.truncation import truncated_capture

SECTIONS = {
    "Information we collect": "We collect your name, email address and the messages you send through the app.",
    "How we use information": "We use your information to run the service and to answer your questions.",
    "Sharing": "We share your data with service providers who host our servers and process payments.",
    "Advertising": "We do not sell your personal information and we do not show targeted advertising.",
    "Retention": "We keep your messages for 30 days and then delete them from our servers.",
    "Security": "We encrypt your data in transit and at rest and restrict access to our staff.",
    "Children": "The service is not meant for children under 13 and we do not knowingly collect their data.",
    "Your rights": "You can ask for a copy of your data, correct it or delete it at any time in the settings.",
    "International transfers": "Your data may be processed in the United States under standard contractual clauses.",
    "Changes": "We will tell you by email at least 30 days before a change to this policy takes effect.",
}


def policy(names: list[str], *, title: bool = True, intro: bool = True) -> str:
    parts = ["# Example Privacy Policy\n\nLast updated: 1 May 2024\n"] if title else []
    if intro:
        parts.append(
            "This policy explains what data Example collects and what we do with it, in plain words.\n"
        )
    parts += [f"## {name}\n\n{SECTIONS[name]}\n" for name in names]
    return "\n".join(parts)


ALL = list(SECTIONS)


# --- captures cut short ------------------------------------------------------------------------


def test_a_capture_cut_after_a_few_sections_is_flagged_not_material():
    old, new = policy(ALL), policy(ALL[:5])
    record = compare_texts(old, new)
    assert record.material is False and record.severity == "none" and record.changes == []
    assert "cut short" in record.headline
    (flag,) = [f for f in record.flags if f.code == "capture_truncated"]
    assert "new version looks cut short" in flag.message and "its end" in flag.message
    assert "not reported as removed" in (record.interpretive_note or "")


def test_a_capture_that_starts_late_is_flagged():
    old, new = policy(ALL), policy(ALL[1:], title=False, intro=False)
    cut = truncated_capture(diff_texts(old, new))
    assert cut is not None and cut.side == "new" and cut.ends == ("start",)
    assert compare_texts(old, new).material is False


def test_an_old_capture_cut_short_does_not_read_as_additions():
    cut = truncated_capture(diff_texts(policy(ALL[:4]), policy(ALL)))
    assert cut is not None and cut.side == "old"
    assert compare_texts(policy(ALL[:4]), policy(ALL)).material is False


def test_a_real_change_in_a_cut_short_capture_is_still_reported():
    # a long document: the short capture may differ in up to 1% of its words
    def products(start: int, stop: int) -> str:
        return "".join(
            f"\n## Product {i} details\n\nProduct {i} shows your saved items, your order status and the "
            f"help pages for product {i} in the language you chose when you created your account.\n"
            for i in range(start, stop)
        )

    old = policy(ALL[:5]) + products(0, 60) + products(60, 90) + policy(ALL[5:], title=False, intro=False)
    new = (policy(ALL[:5]) + products(0, 60)).replace("for 30 days", "for 180 days")
    record = compare_texts(old, new)
    assert record.material is True and any(f.code == "capture_truncated" for f in record.flags)
    assert "data_retention" in record.categories
    assert all(c.kind != "removed" for c in record.changes)  # the missing sections are not removals


def test_a_section_taken_out_of_the_middle_is_a_real_removal():
    old = policy(ALL)
    new = policy([n for n in ALL if n != "Advertising"])
    assert truncated_capture(diff_texts(old, new)) is None
    record = compare_texts(old, new)
    assert record.material is True and "sale_targeted_ads" in record.categories


def test_a_revision_that_drops_the_last_sections_but_adds_text_is_not_a_cut():
    old = policy(ALL)
    new = policy(ALL[:5]).replace("1 May 2024", "1 June 2024") + (
        "\n## Advertising partners\n\nWe now share your browsing history with advertising partners who "
        "build profiles of your interests and show you targeted ads on other websites and apps.\n"
    )
    assert truncated_capture(diff_texts(old, new)) is None
    assert compare_texts(old, new).material is True


# --- the same words, differently laid out -------------------------------------------------------


def test_an_image_link_split_across_paragraphs_is_not_material():
    body = (
        "Ads are marked with the AdChoices icon [![AdChoices](https://example.com/icon.png)\n\n"
        "](https://youradchoices.com/), which explains how your data is used for ads.\n"
    )
    flat = "Ads are marked with the AdChoices icon [](https://youradchoices.com/), which explains how your data is used for ads.\n"
    old = policy(ALL) + "\n## Ads\n\n" + body
    new = policy(ALL) + "\n## Ads\n\n" + flat
    assert compare_texts(old, new).material is False


def test_a_renamed_or_renumbered_heading_is_not_material():
    old = policy(ALL).replace("## Sharing", "3. **Sharing**")
    new = policy(ALL).replace("## Sharing", "Sharing of information\n----------------------")
    old = old.replace("## Retention", "Retention")
    new = new.replace("## Retention", "RetentionRetentionmainretentionmodule")
    assert compare_texts(old, new).material is False


def test_a_sentence_broken_over_two_lines_is_not_taken_for_a_heading():
    old = (
        policy(ALL)
        + "\n## Messages\n\nWhile direct messages are encrypted, the content of any message\n\nmay be reported by its recipient.\n"
    )
    new = (
        policy(ALL)
        + "\n## Messages\n\nWhile direct messages are private, the sender of any message\n\nmay be reported by its recipient.\n"
    )
    assert compare_texts(old, new).material is True


def test_a_number_in_a_product_name_is_not_a_figure():
    assert figures("We use Google Analytics 4 and keep data for 14 months.") == ["14"]
    assert figures("See Section 12 below.") == []
    assert figures("Under 16 you need consent.") == ["16"]
    old = (
        policy(ALL)
        + "\n## Analytics\n\nWe measure visits with Google Analytics 4 and its standard reports.\n"
    )
    new = old.replace("Google Analytics 4", "Google Analytics")
    assert compare_texts(old, new).material is False
    assert compare_texts(policy(ALL), policy(ALL).replace("for 30 days", "for 90 days")).material is True


def test_dates_replaced_by_template_placeholders_are_a_publishing_error():
    banner = "We updated these terms as of October 30, 2025. Some changes take effect on November 13, 2025."
    unfilled = "We updated these terms as of [date of publication]. The changes take effect on [enter date ~ 2 weeks later]."
    assert placeholder_for_dates(banner, unfilled)
    assert not placeholder_for_dates(banner, banner.replace("2025", "2026"))
    old, new = policy(ALL) + f"\n{banner}\n", policy(ALL) + f"\n{unfilled}\n"
    record = compare_texts(old, new)
    assert record.material is False
    assert "placeholder" in (record.interpretive_note or "")


def test_an_example_dropped_from_an_open_list_is_not_material_but_a_closed_list_is():
    open_old = "We post on social media sites such as Facebook, Twitter, YouTube, Pinterest and others to share news."
    open_new = "We post on social media sites such as Facebook, Twitter, YouTube and others to share news."
    assert compare_texts(policy(ALL) + f"\n{open_old}\n", policy(ALL) + f"\n{open_new}\n").material is False
    closed_old = "We share your order history with Acme Payments, Beta Logistics and Gamma Ads."
    closed_new = "We share your order history with Acme Payments and Beta Logistics."
    assert (
        compare_texts(policy(ALL) + f"\n{closed_old}\n", policy(ALL) + f"\n{closed_new}\n").material is True
    )


# --- a right's request channel is not mere contact detail ---------------------------------------


def test_channels_of_a_text():
    assert channels("Email privacy@example.com or call 1-866-225-8139.") == {"email", "phone"}
    assert channels("Use our form at https://example.com/delete.") == {"web"}
    assert channels("Effective 2024-05-01.") == frozenset()


def test_a_deletion_request_moving_from_email_and_phone_to_a_form_is_a_user_rights_change():
    old_line = "Request account information and data deletion by emailing us at privacy@example.com or calling us at 1-866-225-8139."
    new_line = "Request account information and data deletion at [https://example.com/delete](https://example.com/delete)."
    assert rights_channel_change(old_line, new_line) == "user_rights"
    record = compare_texts(
        policy(ALL) + f"\n## Your choices\n\n{old_line}\n", policy(ALL) + f"\n## Your choices\n\n{new_line}\n"
    )
    assert record.material is True and "user_rights" in record.categories
    # the record says what changed for the reader, not that "the meaning looks the same"
    said = "You now send these requests through a web page; before, you sent them by email or by phone."
    assert said in record.impact
    [change] = [c for c in record.changes if c.category == "user_rights"]
    assert said in change.summary and "looks the same" not in change.summary
    assert (
        change.shift_reason
        == "unchanged (medium): requests go through a web page instead of by email or by phone"
    )


def test_an_opt_out_address_change_of_kind_is_a_choice_change():
    old_line = "To opt out of marketing emails, write to us at 1 Main Street, Springfield."
    new_line = "To opt out of marketing emails, email optout@example.com."
    assert rights_channel_change(old_line, new_line) == "choice_consent"


def test_a_link_dropped_from_a_pointer_to_settings_is_not_a_rights_change():
    old_line = "For additional terms, see the Conditions of Use (www.example.com/conditions) and the Settings menu of your device."
    new_line = "For additional terms, see the Conditions of Use (Conditions of Use) and the Settings menu of your device."
    assert rights_channel_change(old_line, new_line) is None


def test_a_new_contact_address_of_the_same_kind_is_still_not_material():
    old_line = "If you have questions about this policy, contact us at privacy@example.com."
    new_line = "If you have questions about this policy, contact us at legal@example.com."
    assert rights_channel_change(old_line, new_line) is None
    assert compare_texts(policy(ALL) + f"\n{old_line}\n", policy(ALL) + f"\n{new_line}\n").material is False


# --- the real pairs behind these rules (evals/data/ota, ODC-BY 1.0) ------------------------------


def test_real_captures_cut_short_are_flagged_and_not_material(record_of):
    for name in (
        "microsoft-privacy-policy-2020-12-08-2020-12-08",  # cut after Surface Duo
        "wetransfer-privacy-policy-2026-01-08-2026-01-08",  # starts at 'Who is the data controller'
        "zoosk-privacy-policy-2026-04-08-2026-04-09",
    ):  # cookie list missing at the end
        record = record_of(name)
        assert record.material is False, name
        assert [f.code for f in record.flags] == ["capture_truncated"], name


def test_real_pairs_with_layout_naming_and_template_noise_are_not_material(record_of):
    for name in (
        "ign-entertainment-privacy-policy-2021-02-17-2021-10-27",  # image link split, headings renumbered
        "optimize-terms-of-service-2025-09-01-2026-01-07",  # 'Google Analytics 4' -> 'Google Analytics'
        "wix-terms-of-service-2025-10-31-2025-11-02",  # dates -> '[date of publication]'
        "usa-gov-privacy-policy-2021-03-03-2021-07-20",
    ):  # Pinterest dropped from 'such as ... and others'
        assert record_of(name).material is False, name


def test_real_deletion_channel_change_is_material_user_rights(record_of):
    record = record_of("tp-link-privacy-policy-2022-03-01-2022-05-19")
    assert record.material is True and record.categories == ["user_rights"]
    assert any("1-866-225-8139" in q for c in record.changes for q in c.quotes_old)


@pytest.mark.slow
def test_no_other_real_pair_looks_cut_short():
    from summarizer.api import diff_documents, load_pair

    ota = Path(__file__).resolve().parents[3] / "evals" / "data" / "ota"
    found = {
        d.name
        for d in sorted(ota.iterdir())
        if (d / "old.md").exists()
        and truncated_capture(diff_documents(*load_pair(d / "old.md", d / "new.md"))) is not None
    }
    assert found == {
        "microsoft-privacy-policy-2020-12-08-2020-12-08",
        "wetransfer-privacy-policy-2026-01-08-2026-01-08",
        "zoosk-privacy-policy-2026-04-08-2026-04-09",
    }
