"""The built site in a real headless browser (the system's Chromium, driven by Playwright)."""

from __future__ import annotations

from urllib.parse import urldefrag, urljoin

import pytest

from summarizer.testing.browser import headless_browser  # Chromium: .ci/setup-chromium.sh; never skipped

PHONE = {"width": 375, "height": 800}
DESKTOP = {"width": 1280, "height": 900}

_CHECK = """() => ({
  scrollWidth: document.documentElement.scrollWidth,
  innerWidth: window.innerWidth,
  pwned: typeof window.__pwned !== 'undefined',
  scripts: document.querySelectorAll('script').length,
  handlers: [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length,
  imgs: document.querySelectorAll('img').length,
  links: [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href')),
  ids: [...document.querySelectorAll('[id]')].map(e => e.id),
  main: document.querySelectorAll('main').length,
  h1: document.querySelectorAll('h1').length,
  disclaimer: !!document.querySelector('footer .disclaimer'),
  headings: [...document.querySelectorAll('h1, h2, h3, h4')].map(h => +h.tagName[1]),
})"""


def _crawl(browser, start: str, viewport: dict) -> dict[str, dict]:
    """Every internal page reachable from *start*: what each page showed, and every link checked."""
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(f"{page.url}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(f"{page.url}: {exc}"))
    seen: dict[str, dict] = {}
    fragments: list[tuple[str, str, str]] = []  # (from, page, id)
    queue = [start]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        if not url.endswith(".html") and not url.endswith("/"):  # feeds and the sitemap: fetched, not shown
            fetched = context.request.get(url)
            assert fetched.status == 200, f"{url} answered {fetched.status}"
            seen[url] = {"status": fetched.status}
            continue
        response = page.goto(url)
        assert response is not None and response.status == 200, (
            f"{url} answered {response and response.status}"
        )
        info = page.evaluate(_CHECK)
        seen[url] = info
        for href in info["links"]:
            target, fragment = urldefrag(urljoin(url, href))
            if not target.startswith(start):
                continue
            if fragment:
                fragments.append((url, target, fragment))
            if target not in seen:
                queue.append(target)
    for origin, target, fragment in fragments:
        assert fragment in seen[target]["ids"], f"{origin} links to #{fragment}, missing on {target}"
    context.close()
    assert errors == [], errors
    return seen


@pytest.fixture(scope="module")
def browser():
    with headless_browser() as running:
        yield running


@pytest.fixture(scope="module")
def crawled(browser, served_site: str):
    return {"phone": _crawl(browser, served_site, PHONE), "desktop": _crawl(browser, served_site, DESKTOP)}


def test_every_internal_link_resolves_and_no_page_logs_an_error(crawled, served_site: str):
    phone = crawled["phone"]
    pages = [u for u in phone if u.endswith(".html") or u.endswith("/")]
    kinds = {"/changes/", "/versions/", "methodology", "privacy-policy/index", "third-party-sharing"}
    assert all(any(k in u for u in pages) for k in kinds), sorted(pages)
    assert len(pages) >= 30
    assert any(u.endswith("feed.xml") for u in phone) and any(u.endswith("sitemap.xml") for u in phone)


def test_no_page_scrolls_sideways_on_a_phone_or_a_desktop(crawled):
    for width, pages in crawled.items():
        for url, info in pages.items():
            if "scrollWidth" in info:
                assert info["scrollWidth"] <= info["innerWidth"], f"{url} scrolls sideways at {width} width"


def test_every_page_has_landmarks_one_h1_headings_in_order_and_the_disclaimer(crawled):
    for url, info in crawled["phone"].items():
        if "h1" not in info:
            continue
        assert info["main"] == 1 and info["h1"] == 1 and info["disclaimer"], url
        levels = info["headings"]
        assert levels[0] == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:])), (url, levels)


def test_a_planted_script_never_runs_or_reaches_the_dom_unescaped(crawled, browser, site_kit):
    for url, info in crawled["phone"].items():
        if "pwned" in info:
            assert (
                not info["pwned"] and info["scripts"] == 0 and info["handlers"] == 0 and info["imgs"] == 0
            ), url
    hostile = [u for u in crawled["phone"] if "/versions/2026-01-10" in u]
    assert hostile, "the planted version has a page"
    page = browser.new_page()
    page.goto(hostile[0])
    assert site_kit.PLANT in page.inner_text("pre")  # shown as text, word for word
    record = [u for u in crawled["phone"] if "/changes/2026-01-10" in u][0]
    page.goto(record)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("script").count() == 0
    assert "<script>" in page.inner_text("main")  # the quotes show the planted text as text
    page.close()


def test_view_change_record_lands_on_the_change_of_that_provision(browser, served_site: str):
    if True:
        page = browser.new_page(viewport=PHONE)
        page.goto(served_site + "s/google-play/privacy-policy/third-party-sharing.html")
        title = page.inner_text("h1")
        links = page.locator("a.record-link")
        assert links.count() >= 1
        expected = links.first.get_attribute("href")
        links.first.click()
        page.wait_for_load_state()
        assert page.url.endswith(expected.split("/")[-1])
        anchor = page.evaluate("location.hash").lstrip("#")
        assert anchor.endswith("third-party-sharing")
        target = page.locator(f"[id='{anchor}']")
        assert title in target.locator("h3").inner_text()
        assert (
            page.evaluate("document.querySelector(':target') && document.querySelector(':target').id")
            == anchor
        )
        box = target.bounding_box()
        assert box is not None and 0 <= box["y"] < PHONE["height"]  # scrolled to it
