"""Atom feeds (per document, per service, for the site) validate against the RFC 4287 grammar."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

SCHEMA = Path(__file__).resolve().parent / "schema" / "atom.rng"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def atom() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(SCHEMA)))


def _feeds(site: Path) -> list[Path]:
    return sorted(site.rglob("feed.xml"))


def test_every_feed_is_valid_atom(built_site: Path, atom: etree.RelaxNG):
    feeds = _feeds(built_site)
    assert len(feeds) == 5  # the site, two services, two documents
    for feed in feeds:
        doc = etree.parse(str(feed))
        assert atom.validate(doc), (feed, atom.error_log)
        root = doc.getroot()
        # the grammar's Schematron rules, which RELAX NG validators skip
        assert root.find(f"{ATOM}author") is not None
        for entry in root.iter(f"{ATOM}entry"):
            assert entry.find(f"{ATOM}link[@rel='alternate']") is not None


def test_the_schema_rejects_what_is_not_atom(built_site: Path, atom: etree.RelaxNG):
    raw = (built_site / "feed.xml").read_bytes()
    start = raw.index(b"<updated>") + len(b"<updated>")
    end = raw.index(b"</updated>")
    broken = raw[:start] + b"last Tuesday" + raw[end:]
    assert not atom.validate(etree.fromstring(broken))
    no_id = raw.replace(raw[raw.index(b"<id>") : raw.index(b"</id>") + 5], b"", 1)
    assert not atom.validate(etree.fromstring(no_id))


def test_entries_are_material_records_with_headline_severity_and_link(built_site: Path):
    root = etree.parse(str(built_site / "s/google-play/privacy-policy/feed.xml")).getroot()
    entries = root.findall(f"{ATOM}entry")
    # 7 records: 3 not material (formatting twice: the 2025-10-30 capture only wraps permission
    # names in code marks and writes "e.g." out, then rewording) have no entry
    assert len(entries) == 4
    for entry in entries:
        link = entry.find(f"{ATOM}link").get("href")
        assert link.startswith("https://policies.example.org/s/google-play/privacy-policy/changes/")
        assert entry.find(f"{ATOM}category").get("term") in {"low", "medium", "high"}
        assert entry.findtext(f"{ATOM}summary").startswith("Severity: ")
    updated = [e.findtext(f"{ATOM}updated") for e in entries]
    assert updated == sorted(updated, reverse=True)
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert "Reverts to earlier text." in entries[0].findtext(f"{ATOM}summary"), titles
    # the planted markup is text in the feed, never markup
    assert b"<script>" not in (built_site / "s/google-play/privacy-policy/feed.xml").read_bytes()
