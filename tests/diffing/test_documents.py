"""Loading, normalising and sectioning documents."""

from __future__ import annotations

import pytest

from summarizer.diffing.load import decode, parse_document
from summarizer.errors import InputError
from summarizer.text.normalise import loose_key, normalise


def crumbs(doc):
    return {b.text.split("\n")[0][:30]: " › ".join(b.section) for b in doc.blocks if b.kind != "heading"}


def test_markdown_headings_build_breadcrumbs():
    doc = parse_document(
        "# Privacy Policy\n\nIntro.\n\n## How we share\n\nWe share.\n\n### Partners\n\nWith partners.\n\n## Your rights\n\nYou can ask.\n"
    )
    c = crumbs(doc)
    assert c["Intro."] == "Privacy Policy"
    assert c["With partners."] == "Privacy Policy › How we share › Partners"
    assert c["You can ask."] == "Privacy Policy › Your rights"


def test_numbered_caps_and_bold_headings():
    text = (
        "TERMS OF SERVICE\n\n"
        "1. Introduction\n\nThese terms apply.\n\n"
        "2. Your Content\n\n2.1 Licence to Us\n\nYou grant us a licence.\n\n"
        "**Termination**\n\nWe may end your account.\n"
    )
    doc = parse_document(text, source="t.txt")
    c = crumbs(doc)
    assert c["These terms apply."] == "TERMS OF SERVICE › Introduction"
    assert c["You grant us a licence."] == "TERMS OF SERVICE › Your Content › Licence to Us"
    assert c["We may end your account."].endswith("Termination")


def test_setext_headings_and_list_items_and_tables():
    text = "Privacy\n=======\n\nWe collect:\n\n- your name\n- your email\n\n| Data | Kept |\n|---|---|\n| logs | 30 days |\n"
    doc = parse_document(text)
    kinds = [b.kind for b in doc.blocks]
    assert kinds == ["heading", "paragraph", "list_item", "list_item", "table_row", "table_row"]
    assert all(b.section == ("Privacy",) for b in doc.blocks)
    assert [b.text for b in doc.blocks if b.kind == "list_item"] == ["- your name", "- your email"]


def test_block_offsets_point_into_the_original_text():
    text = "# A\n\n  Indented   paragraph\nwith a soft wrap.\n\n* item\n"
    doc = parse_document(text)
    for b in doc.blocks:
        assert doc.text[b.start : b.end] == b.text


def test_last_updated_bold_line_is_not_a_heading():
    doc = parse_document("# Policy\n\n**Last updated: March 1, 2024**\n\nWe collect data.\n")
    assert [b.kind for b in doc.blocks] == ["heading", "paragraph", "paragraph"]
    assert doc.blocks[2].section == ("Policy",)


def test_normalise_folds_typography_links_formatting_and_numbering():
    assert normalise("“We” don’t – **sell** [data](https://x.example/a)") == '"We" don\'t - sell data'
    assert normalise("3. Sharing") == normalise("4. Sharing") == "Sharing"
    assert normalise("(b) opt out") == "opt out"
    assert loose_key("Don't SELL, data!") == loose_key("dont sell data")


def test_html_is_converted_without_scripts_styles_or_navigation():
    html = """<!doctype html><html><head><title>t</title><style>.x{}</style></head><body>
    <nav><a href="/">Home</a> <a href="/about">About us</a></nav>
    <script>alert('tracking')</script>
    <h1>Privacy Policy</h1><p>We collect <b>your email</b>.</p>
    <h2>Sharing</h2><ul><li>with <a href="https://p.example">partners</a></li><li>with advertisers</li></ul>
    <footer>© 2024</footer></body></html>"""
    doc = parse_document(html, source="p.html")
    assert doc.format == "html"
    assert "alert" not in doc.text and "About us" not in doc.text and "2024" not in doc.text
    items = [b for b in doc.blocks if b.kind == "list_item"]
    assert len(items) == 2 and items[0].section == ("Privacy Policy", "Sharing")
    assert "partners" in items[0].norm


def test_decode_handles_boms_and_refuses_binary_and_bad_utf8():
    assert decode("\ufeffHello".encode("utf-8")) == "Hello"
    assert decode("Hi\r\nthere".encode("utf-16")) == "Hi\nthere"
    with pytest.raises(InputError, match="binary"):
        decode(b"\x00\x01\x02ELF" * 10, "x.bin")
    with pytest.raises(InputError, match="UTF-8"):
        decode(b"caf\xe9", "x.md")
    assert decode(b"caf\xe9", "x.md", "latin-1") == "café"
