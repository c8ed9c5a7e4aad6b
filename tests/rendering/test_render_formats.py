"""Renderers: every format carries the headline, severity, quotes and disclaimer."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from summarizer import DISCLAIMER
from summarizer.errors import InputError
from summarizer.model.record import ChangeRecord
from summarizer.rendering import FORMATS, render


def _first_quotes(record: ChangeRecord) -> tuple[str, str]:
    change = next(c for c in record.changes if c.quotes_old and c.quotes_new)
    return change.quotes_old[0], change.quotes_new[0]


def test_json_round_trips_to_the_same_record(example_record):
    again = ChangeRecord.model_validate(json.loads(render(example_record, "json")))
    assert again == example_record


def test_text_shows_badge_arrows_sections_quotes_and_disclaimer(example_record):
    out = render(example_record, "text", width=120)
    assert "\x1b[" not in out  # no colour unless asked
    assert f" {example_record.severity.upper()} " in out
    assert example_record.headline.split(":")[0] in out
    assert "medium → high ▲" in out  # a rise
    assert "added · medium → low ▼" in out  # a new opt-out: before it, the silent text allowed more
    assert "§ " + example_record.changes[0].section.split(" › ")[0] in out
    old_q, new_q = _first_quotes(example_record)
    flat = " ".join(out.split())
    assert " ".join(old_q.split())[:40] in flat and " ".join(new_q.split())[:40] in flat
    assert " ".join(DISCLAIMER.split()) in flat


def test_text_in_colour_uses_ansi(example_record):
    assert "\x1b[" in render(example_record, "text", color=True)


def test_markdown_page(example_record):
    md = render(example_record, "markdown")
    assert md.startswith("# " + example_record.headline)
    assert f"**Severity: {example_record.severity.upper()}**" in md
    assert DISCLAIMER in md
    old_q, new_q = _first_quotes(example_record)
    assert "> " + old_q.splitlines()[0] in md and "> " + new_q.splitlines()[0] in md
    assert md.count("### ") == len(example_record.changes)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.external: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href") and value:
                self.external.append(value)

    def handle_data(self, data):
        self.text.append(data)


def test_html_is_one_self_contained_escaped_document(example_record):
    page = render(example_record, "html")
    assert page.lstrip().lower().startswith("<!doctype html>") and page.rstrip().endswith("</html>")
    parser = _Collector()
    parser.feed(page)
    assert "script" not in parser.tags and "link" not in parser.tags and "img" not in parser.tags
    assert parser.external == []  # nothing fetched from elsewhere
    text = " ".join(" ".join(parser.text).split())
    assert example_record.headline in text and DISCLAIMER in text
    assert example_record.severity.upper() in text
    old_q, new_q = _first_quotes(example_record)
    assert " ".join(old_q.split()) in text and " ".join(new_q.split()) in text


def test_html_escapes_policy_text(example_record):
    hostile = example_record.model_copy(deep=True)
    hostile.changes[0].quotes_new = ['<script>alert("x")</script> & more']
    page = render(hostile, "html")
    assert "<script>" not in page and "&lt;script&gt;" in page and "&amp; more" in page


@pytest.mark.parametrize("fmt", FORMATS)
def test_cosmetic_record_renders_in_every_format(cosmetic_record, fmt):
    out = render(cosmetic_record, fmt)
    assert "no material change" in out.lower() or '"material": false' in out
    assert (
        cosmetic_record.headline in out
        if fmt != "html"
        else cosmetic_record.headline.replace("'", "&#39;") in out
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_has_headline_severity_disclaimer(example_record, fmt):
    out = render(example_record, fmt)
    flat = " ".join(out.split())
    if fmt == "json":
        data = json.loads(out)
        assert data["headline"] == example_record.headline and data["disclaimer"] == DISCLAIMER
        return
    assert re.search(re.escape(example_record.severity), flat, re.I)
    assert " ".join(DISCLAIMER.split()) in flat


def test_unknown_format_is_an_input_error(example_record):
    with pytest.raises(InputError):
        render(example_record, "pdf")


def test_shift_labels_for_every_kind_of_shift():
    from summarizer.model.record import Change
    from summarizer.rendering.common import shift_label

    def change(before: str, after: str) -> Change:
        return Change(
            category="data_retention",
            kind="reworded",
            summary="s",
            severity_before=before,
            severity_after=after,
            shift_reason="r",
            section="",
        )

    assert shift_label(change("medium", "high")) == "medium → high ▲"
    assert shift_label(change("high", "low")) == "high → low ▼"
    assert shift_label(change("medium", "medium")) == "medium → medium ="
    assert shift_label(change("none", "low")) == "new: low"
    assert shift_label(change("medium", "none")) == "medium → removed"
