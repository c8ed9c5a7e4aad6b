"""Records made from hostile documents are safe to publish (issue 16, item 2): the Markdown output
rendered by a CommonMark renderer that allows raw HTML carries no script, event handler or
``javascript:`` link, a file name with backticks stays inside its code span, and the HTML output
runs no script in a real (headless) browser."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from summarizer.api import compare_texts
from summarizer.rendering.html import render_html
from summarizer.rendering.markdown import render_markdown

PAYLOADS = [
    "<script>window.__pwned = 1</script>",
    '<img src=x onerror="window.__pwned = 1">',
    '<svg onload="window.__pwned = 1"></svg>',
    "[click here](javascript:window.__pwned=1)",
    "<javascript:window.__pwned=1>",
    '<a href="javascript:window.__pwned=1">link</a>',
    "![x](javascript:window.__pwned=1)",
    '<iframe src="javascript:window.__pwned=1"></iframe>',
    "&#x3C;script&#x3E;window.__pwned=1&#x3C;/script&#x3E;",
    "`code` ``` <script>window.__pwned=1</script>",
]
OLD = "# Privacy\n\nWe will not sell your personal information.\n"


def _hostile_record():
    new = "# Privacy\n\n" + "\n\n".join(
        f"We may sell your personal information {p} to partners." for p in PAYLOADS
    )
    record = compare_texts(
        OLD, new + "\n", old_source="old`<b>`.md", new_source="new``` <script>x</script>.md"
    )
    record.headline += " " + PAYLOADS[0]
    record.summary += "\n\n" + "\n".join(PAYLOADS)
    record.actions.append(PAYLOADS[3])
    record.interpretive_note = "\n<script>window.__pwned=1</script>\n" + PAYLOADS[1]
    assert record.material
    return record


class _Audit(HTMLParser):
    """Collects what would run: script elements, on* attributes, javascript: URLs, code spans."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []
        self.codes: list[str] = []
        self._in_code = False

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "iframe", "object", "embed", "svg"):
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.problems.append(f"{tag} {name}")
            if value and value.strip().lower().replace("\x00", "").startswith(
                ("javascript:", "data:", "vbscript:")
            ):
                self.problems.append(f"{tag} {name}={value}")
        self._in_code = tag == "code"
        if self._in_code:
            self.codes.append("")

    def handle_endtag(self, tag):
        if tag == "code":
            self._in_code = False

    def handle_data(self, data):
        if self._in_code:
            self.codes[-1] += data


def test_markdown_rendered_with_html_allowed_runs_nothing() -> None:
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark", {"html": True}).render(render_markdown(_hostile_record()))
    audit = _Audit()
    audit.feed(html)
    assert audit.problems == []
    assert "javascript:" not in html.replace("javascript:window", "") or 'href="javascript' not in html


def test_file_names_with_backticks_stay_in_their_code_span() -> None:
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark", {"html": True}).render(render_markdown(_hostile_record()))
    audit = _Audit()
    audit.feed(html)
    assert any("old`<b>`.md" in c and "new``` <script>x</script>.md" in c for c in audit.codes), audit.codes


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_pages_run_no_script_in_a_browser(fmt: str, tmp_path) -> None:
    from summarizer.testing.browser import headless_browser

    record = _hostile_record()
    if fmt == "html":
        page_html = render_html(record)
    else:
        from markdown_it import MarkdownIt

        page_html = (
            "<!doctype html><html><body>"
            + MarkdownIt("commonmark", {"html": True}).render(render_markdown(record))
            + "</body></html>"
        )
    path = tmp_path / "page.html"
    path.write_text(page_html, encoding="utf-8")
    try:
        browser_cm = headless_browser()
        browser = browser_cm.__enter__()
    except Exception as exc:  # pragma: no cover - Chromium missing: say how to get it
        pytest.skip(f"no headless Chromium: {exc}")
    try:
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        for link in page.query_selector_all("a"):
            href = link.get_attribute("href") or ""
            assert not href.strip().lower().startswith("javascript:"), href
        assert page.evaluate("window.__pwned") is None and dialogs == []
        assert "sell your personal information" in page.inner_text("body")
    finally:
        browser_cm.__exit__(None, None, None)
