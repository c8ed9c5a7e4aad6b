"""A regional section is not a change about children (record_categories, issue 12, round 7)."""

from summarizer.analyzers.rules.audience import speaks_of_children
from summarizer.api import compare_texts

HEAD = (
    "# Privacy Policy\n\n## Information we collect\n\nWe collect your name, email address and the searches "
    "you make in our app.\n\n## How we use information\n\nWe use your information to run the app.\n\n"
)


def test_children_words():
    assert speaks_of_children("", "Our app is not meant for children under 13.")
    assert speaks_of_children("Users must be at least 16 years old.", "")
    assert speaks_of_children("", "We may ask you to verify your age.")
    assert speaks_of_children("", "A parent or guardian must consent.")


def test_regional_words_are_not_children_words():
    assert not speaks_of_children(
        "", "If you are a resident of California, Colorado or Virginia, this applies."
    )
    assert not speaks_of_children("", "We comply with the GDPR and the LGPD in the EEA and Brazil.")
    assert not speaks_of_children("", "Our parent company may receive this data.")
    assert not speaks_of_children("", "Certain demographics (gender, parental status) may not be used.")


def test_regional_section_files_the_record_under_its_other_subject():
    old = (
        HEAD
        + "## Residents\n\nResidents of California have the right to know what personal information we hold.\n"
    )
    new = HEAD + (
        "## Residents\n\nResidents of California, Colorado and Virginia have the right to know what personal "
        "information we hold, to delete it and to correct it.\n"
    )
    record = compare_texts(old, new)
    assert record.material
    assert "children_audiences" not in record.categories


def test_a_new_passage_on_children_in_a_privacy_notice_is_named():
    old = HEAD + "## Children\n\nWe care about privacy.\n"
    new = HEAD + (
        "## Children\n\nWe care about privacy. For schools that use our app to teach children under 18, our "
        "Children's Education Privacy Statement applies.\n"
    )
    assert "children_audiences" in compare_texts(old, new).categories
