"""A navigation menu of bare names above the document is page chrome, not policy text (listings.py)."""

from summarizer.api import compare_texts

TERMS = "# Terms\n\nYou agree to follow these terms when you use our brand features.\n\n## Data\n\nWe keep logs.\n"
MENU = "Select a brand\n\n*   Android\n*   Chrome\n*   Google Assistant\n*   Google Gemini\n*   Cars with Google built-in\n*   YouTube\n\n"


def test_menu_above_the_title_is_not_material():
    record = compare_texts(TERMS, MENU + TERMS)
    assert not record.material
    assert "ai_training" not in record.categories


def test_list_of_names_under_a_heading_stays_material():
    listed = TERMS.replace(
        "We keep logs.\n",
        "We keep logs.\n\nWe share data with:\n\n*   Android\n*   Chrome\n*   Google Gemini\n*   Fitbit\n*   YouTube\n",
    )
    assert compare_texts(TERMS, listed).material
    bare = TERMS + "\n*   Location\n*   Contacts\n*   Device ID\n*   Voice recordings\n*   Photos\n"
    assert compare_texts(TERMS, bare).material
