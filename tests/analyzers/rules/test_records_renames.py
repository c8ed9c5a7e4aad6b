"""A term renamed throughout a document is not material; a repeated change of meaning is (issue 12)."""

from __future__ import annotations

from summarizer.api import compare_texts

SECTION = (
    "## {name}\n\nYou must remove non-compliant offers from your {term}. We keep records for {days} days.\n"
)
NAMES = ("Alcohol", "Gambling", "Weapons", "Tobacco")


def _doc(term: str, days: int = 30) -> str:
    return "# Policies\n\n" + "\n".join(SECTION.format(name=n, term=term, days=days) for n in NAMES)


def test_a_term_renamed_in_every_section_is_not_material() -> None:
    assert not compare_texts(_doc("product feed"), _doc("product data source")).material


def test_a_figure_changed_in_every_section_is_material() -> None:
    assert compare_texts(_doc("product feed", 30), _doc("product feed", 90)).material


def test_a_repeated_modal_change_is_material() -> None:
    old = _doc("product feed")
    new = old.replace("You must remove", "You may remove")
    assert compare_texts(old, new).material


def test_a_plural_renaming_counts_with_its_singular() -> None:
    """'Tweets' -> 'Posts' is the renaming 'Tweet' -> 'Post' (round 5: the X rebrand)."""
    tail = "\n## Scope\n\nUnder this policy, you can't promote self-harm. Violations of this policy can occur via {}, images or videos.\n"
    old = _doc("Tweet") + tail.format("Tweets")
    new = _doc("Post") + tail.format("Posts")
    assert not compare_texts(old, new).material


OWN = "# Cookie Policy\n\nA cookie is a small file stored when you use our services such as {a} or {b}.\n"


def test_one_of_our_own_products_named_instead_of_another_is_not_material() -> None:
    assert not compare_texts(OWN.format(a="Le Chat", b="Studio"), OWN.format(a="Vibe", b="Studio")).material


def test_a_partner_swapped_in_a_list_is_still_material() -> None:
    old = "# Privacy\n\nWe share your data with partners such as Google or Meta.\n"
    new = "# Privacy\n\nWe share your data with partners such as Google or TikTok.\n"
    assert compare_texts(old, new).material
