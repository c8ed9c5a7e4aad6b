"""Building the site: pages and their parts, slots, incremental rebuilds, stable permalinks, both databases."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import delete, update

from summarizer.about import DISCLAIMER
from summarizer.site import paths
from summarizer.site.build import build_site
from summarizer.site.slots import SlotContent
from summarizer.store.db import open_engine
from summarizer.store.ingest import ingest_text
from summarizer.store.models import ProvisionState, RecordCategory, StoredRecord, WorkItem
from summarizer.tracking import track

BASE = (
    "# Privacy Policy\n\n## Sharing\n\nWe will not sell your personal information to anyone, and we do "
    "not share it with advertising partners.\n\n## Retention\n\nWe keep your personal information for 30 "
    "days after you close your account, then delete it.\n\n## Choices\n\nYou can opt out of marketing "
    "emails in your account settings at any time.\n"
)


def _v(text: str, n: int) -> str:
    return text.replace("30 days", f"{30 + 30 * n} days")


def _small_store(url: str) -> None:
    for day in range(1, 4):
        ingest_text(
            url, "Acme", "Privacy Policy", _v(BASE, day), captured_at=datetime(2024, 1, day, tzinfo=UTC)
        )
        ingest_text(
            url,
            "Zeta",
            "Privacy Policy",
            _v(BASE, day).replace("will not sell", "may sell" if day == 3 else "will not sell"),
            captured_at=datetime(2024, 2, day, tzinfo=UTC),
        )
    track(url)


def _html(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_carries_the_disclaimer_and_no_script(built_site: Path):
    pages = _html(built_site)
    assert len(pages) >= 35
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert DISCLAIMER in text, page
        assert "<script" not in text, page


def test_a_provision_page_has_its_parts_in_order(built_site: Path):
    page = (built_site / "s/google-play/privacy-policy/third-party-sharing.html").read_text(encoding="utf-8")
    order = [
        "What the current version says",
        "Interpretive note",
        "Change records",
        "Severity timeline",
        "Excerpt",
        "Monitoring",
    ]
    positions = [page.index(f">{title}</h2>") for title in order]
    assert positions == sorted(positions)
    assert "How other platforms handle this" not in page and "Compliance analysis" not in page
    assert "— Excerpt from Google Play’s Privacy Policy, <a href=" in page
    assert re.search(r"This document has changed \d+ times since 2025-10-18", page)
    assert '<svg class="chart" role="img"' in page and "<desc" in page
    assert "reverts to the version of 2025-12-30" in page  # the revert is marked on the timeline
    assert page.count("View change record") >= 2


def test_the_record_page_names_service_document_dates_and_anchors_every_change(built_site: Path):
    record = next((built_site / "s/google-play/privacy-policy/changes").glob("2025-10-31-*.html"))
    page = record.read_text(encoding="utf-8")
    assert "Google Play · Privacy Policy · change of 2025-10-31" in page
    assert "version of 2025-10-30" in page and "version of 2025-10-31" in page
    ids = re.findall(r'<section class="change" id="(change-\d+-[a-z-]+)"', page)
    assert len(ids) >= 5 and len(set(ids)) == len(ids)
    revert = next((built_site / "s/google-play/privacy-policy/changes").glob("2026-01-20-*.html"))
    assert "<code>revert</code>" in revert.read_text(encoding="utf-8")  # a flag on the record


def test_slots_render_only_when_a_provider_has_something(site_store: str, tmp_path: Path):
    def compliance(ref):
        if ref.category != "third_party_sharing":
            return None
        return SlotContent(paragraphs=["GDPR Art. 6 <b>lawful basis</b> applies."], source="test provider")

    build_site(site_store, tmp_path, slot_providers={"compliance": compliance})
    sharing = (tmp_path / "s/google-play/privacy-policy/third-party-sharing.html").read_text(encoding="utf-8")
    other = (tmp_path / "s/google-play/privacy-policy/data-collection.html").read_text(encoding="utf-8")
    assert ">Compliance analysis</h2>" in sharing and "&lt;b&gt;lawful basis&lt;/b&gt;" in sharing
    assert "Compliance analysis" not in other and "How other platforms" not in sharing


def test_a_rebuild_after_one_new_record_rewrites_only_the_pages_it_touches(sqlite_url: str, tmp_path: Path):
    _small_store(sqlite_url)
    first = build_site(sqlite_url, tmp_path)
    assert first.full and first.documents == 2
    assert build_site(sqlite_url, tmp_path).written == []  # nothing new: nothing written

    ingest_text(
        sqlite_url, "Acme", "Privacy Policy", _v(BASE, 9), captured_at=datetime(2024, 3, 1, tzinfo=UTC)
    )
    assert track(sqlite_url).made == 1
    again = build_site(sqlite_url, tmp_path)
    assert not again.full and again.rebuilt_documents == 1
    written = set(again.written)
    # the other service: only the page whose 'other platforms' slot quotes Acme's changed passage
    assert {p for p in written if p.startswith("s/zeta/")} == {"s/zeta/privacy-policy/data-retention.html"}
    assert {
        "index.html",
        "feed.xml",
        "sitemap.xml",
        "s/acme/index.html",
        "s/acme/privacy-policy/index.html",
        "s/acme/privacy-policy/data-retention.html",
    } <= written
    assert any(p.startswith("s/acme/privacy-policy/changes/2024-03-01") for p in written)
    old_records = [p for p in first.written if "/changes/" in p]
    assert old_records and not set(old_records) & written  # earlier record pages are not rewritten


def test_permalinks_survive_a_record_being_remade(sqlite_url: str, tmp_path: Path):
    _small_store(sqlite_url)
    build_site(sqlite_url, tmp_path)
    before = {p.relative_to(tmp_path).as_posix() for p in _html(tmp_path)}
    engine = open_engine(sqlite_url)
    with engine.begin() as conn:  # forget the newest record and let tracking make it again
        rid = (
            conn.execute(StoredRecord.__table__.select().order_by(StoredRecord.__table__.c.id.desc()))
            .first()
            .id
        )
        conn.execute(delete(ProvisionState.__table__).where(ProvisionState.__table__.c.record_id == rid))
        conn.execute(delete(RecordCategory.__table__).where(RecordCategory.__table__.c.record_id == rid))
        conn.execute(
            update(WorkItem.__table__)
            .where(WorkItem.__table__.c.record_id == rid)
            .values(status="pending", record_id=None)
        )
        conn.execute(delete(StoredRecord.__table__).where(StoredRecord.__table__.c.id == rid))
    assert track(sqlite_url).made == 1
    again = build_site(sqlite_url, tmp_path)
    after = {p.relative_to(tmp_path).as_posix() for p in _html(tmp_path)}
    assert after == before
    assert again.rebuilt_documents == 1  # the re-made record was seen, and its page stayed where it was


def test_the_site_builds_on_both_databases(db_url: str, tmp_path: Path):
    _small_store(db_url)
    summary = build_site(db_url, tmp_path, base_url="https://example.org/watch/")
    assert summary.documents == 2
    page = tmp_path / paths.provision_page("Zeta", "Privacy Policy", "sale_targeted_ads")
    assert page.exists()
    sitemap = (tmp_path / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.org/watch/s/zeta/privacy-policy/sale-targeted-ads.html</loc>" in sitemap


def test_templates_are_files_and_the_site_code_holds_no_html():
    from summarizer.site import build

    assert (build.TEMPLATES / "provision.html").is_file() and (build.TEMPLATES / "site.css").is_file()
    for module in Path(build.__file__).parent.glob("*.py"):
        assert not re.search(r"<(p|div|html|section|a|li|h[1-6])[\s>]", module.read_text(encoding="utf-8")), (
            module
        )


def test_the_cli_builds_and_reports(site_store: str, tmp_path: Path, run_cli):
    result = run_cli("site", "build", str(tmp_path / "out"), "--db", site_store)
    assert result.returncode == 0, result.stderr
    assert "full build: 2 documents" in result.stdout
    assert (tmp_path / "out" / "index.html").exists()
    bad = run_cli("site", "serve", str(tmp_path / "nowhere"))
    assert bad.returncode == 2 and "no built site" in bad.stderr


def test_the_preview_server_listens_on_loopback_only(built_site: Path):
    from summarizer.site.serve import make_server

    server = make_server(built_site, 0)
    try:
        assert server.server_address[0] == "127.0.0.1"
    finally:
        server.server_close()


def test_an_incremental_build_refreshes_other_services_platform_slots(sqlite_url: str, tmp_path: Path):
    """A new version of one service changes what another service's provision page shows under
    'How other platforms handle this': the incremental build rewrites exactly those pages, with the
    same bytes a full build writes."""
    _small_store(sqlite_url)
    site, fresh = tmp_path / "inc", tmp_path / "full"
    build_site(sqlite_url, site)
    page = site / "s/zeta/privacy-policy/data-retention.html"
    assert "for 120 days after you close" in page.read_text()
    ingest_text(
        sqlite_url, "Acme", "Privacy Policy", _v(BASE, 9), captured_at=datetime(2024, 3, 1, tzinfo=UTC)
    )
    assert track(sqlite_url).made == 1
    again = build_site(sqlite_url, site)
    assert again.rebuilt_documents == 1 and "s/zeta/privacy-policy/data-retention.html" in again.written
    assert "for 300 days after you close" in page.read_text()
    assert not [p for p in again.written if p.startswith("s/zeta/") and "data-retention" not in p]
    build_site(sqlite_url, fresh, full=True)
    for rel in again.written:
        if rel.endswith(".html"):
            assert (site / rel).read_bytes() == (fresh / rel).read_bytes(), rel
    # back to 60 days, then a line too short to be a passage: only that one page of Zeta moves
    ingest_text(
        sqlite_url, "Acme", "Privacy Policy", _v(BASE, 1), captured_at=datetime(2024, 4, 1, tzinfo=UTC)
    )
    ingest_text(
        sqlite_url,
        "Acme",
        "Privacy Policy",
        _v(BASE, 1) + "\nSee you.\n",
        captured_at=datetime(2024, 4, 2, tzinfo=UTC),
    )
    track(sqlite_url)
    third = build_site(sqlite_url, site)
    zeta = [p for p in third.written if p.startswith("s/zeta/")]
    assert zeta == ["s/zeta/privacy-policy/data-retention.html"]  # back to 60 days: the slot moved again
    assert "for 60 days after you close" in page.read_text()
