"""The compliance slot is filled from stored records by default: a record made with
``track(compliance=...)`` puts its analysis on the provision pages of the categories it cites."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from summarizer.site.build import build_site
from summarizer.store.ingest import ingest_text
from summarizer.tracking import track

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _store(url: str, compliance: str | None) -> None:
    for year, name in ((2021, "ads-v1.md"), (2022, "ads-v2.md")):
        text = (EXAMPLES / name).read_text(encoding="utf-8")
        ingest_text(url, "Acme", "Privacy Policy", text, captured_at=datetime(year, 1, 1))
    track(url, compliance=compliance)


def _pages_with_compliance(out: Path) -> list[Path]:
    return [p for p in out.rglob("*.html") if "Governance exposure of the latest change" in p.read_text()]


def test_provision_pages_show_the_compliance_of_their_latest_change(sqlite_url: str, tmp_path: Path) -> None:
    _store(sqlite_url, "offline")
    build_site(sqlite_url, tmp_path / "site")
    pages = _pages_with_compliance(tmp_path / "site")
    assert pages, "no provision page shows the compliance slot"
    assert all("Compliance analysis" in p.read_text() for p in pages)
    assert all("not legal advice" in p.read_text().lower() for p in pages)


def test_without_a_compliance_analysis_the_slot_is_not_shown(sqlite_url: str, tmp_path: Path) -> None:
    _store(sqlite_url, None)
    build_site(sqlite_url, tmp_path / "site")
    assert _pages_with_compliance(tmp_path / "site") == []


def test_provision_pages_show_how_other_platforms_word_it_with_working_links(
    sqlite_url: str, tmp_path: Path
) -> None:
    import re

    _store(sqlite_url, None)
    for year, name in ((2021, "privacy-v1.md"), (2022, "privacy-v2.md")):
        text = (EXAMPLES / name).read_text(encoding="utf-8")
        ingest_text(sqlite_url, "Other Notes", "Privacy Policy", text, captured_at=datetime(year, 1, 1))
    track(sqlite_url)
    out = tmp_path / "site"
    build_site(sqlite_url, out)
    pages = [p for p in out.rglob("*.html") if "How other platforms handle this" in p.read_text()]
    assert pages, "no provision page compares the provision with another service"
    for page in pages:
        section = page.read_text().split("How other platforms handle this", 1)[1]
        hrefs = re.findall(r'href="([^"#]+)"', section.split("</section>", 1)[0])
        assert hrefs
        for href in hrefs:
            assert (page.parent / href).resolve().is_file(), href


def test_may_move_tells_which_changes_can_move_every_platforms_slot() -> None:
    """A category's changed passages that state a stance (or a document entering or leaving it) can
    move every page's slot; other changes only the slots that show the changed document."""
    from summarizer.site.providers import PlatformInputs, may_move

    previous = {"data_retention": {"1": ["a", "b"], "2": ["c"]}, "tracking_tech": {"1": ["d"], "2": ["e"]}}
    now = PlatformInputs(
        passages={
            "data_retention": {"1": ["a", "x"], "2": ["c"]},  # b -> x: x states a retention period
            "tracking_tech": {"1": ["y"], "2": ["e"]},  # d -> y: no stance either side
            "ai_training": {"3": ["z"]},  # a document enters a category
        }
    )
    findings = {
        "data_retention/a": [],
        "data_retention/b": [],
        "data_retention/c": [["retention_period", 30.0]],
        "data_retention/x": [["retention_period", 90.0]],
        "tracking_tech/d": [],
        "tracking_tech/y": [],
        "tracking_tech/e": [],
        "ai_training/z": [],
    }
    changed, everywhere = may_move(previous, now, findings)
    assert changed == {"data_retention": {"1"}, "tracking_tech": {"1"}, "ai_training": {"3"}}
    assert everywhere == {"data_retention", "ai_training"}
    # a reworded passage that states the same stances as before moves only the slots quoting it
    previous = {"sale_targeted_ads": {"1": ["s", "t"]}}
    now = PlatformInputs(passages={"sale_targeted_ads": {"1": ["s", "u"]}})
    findings = {
        "sale_targeted_ads/s": [["sells_data", False]],
        "sale_targeted_ads/t": [["sells_data", False], ["allows_opt_out", True]],
        "sale_targeted_ads/u": [["sells_data", False], ["allows_opt_out", True]],
    }
    assert may_move(previous, now, findings) == ({"sale_targeted_ads": {"1"}}, set())
    findings["sale_targeted_ads/u"] = [["sells_data", True]]  # now it says it sells data
    assert may_move(previous, now, findings)[1] == {"sale_targeted_ads"}
    # two different numbers: which one counts depends on the page asking
    previous = {"data_retention": {"1": ["c", "x"]}}
    now = PlatformInputs(passages={"data_retention": {"1": ["c", "x", "a"]}})
    findings = {
        "data_retention/a": [],
        "data_retention/c": [["retention_period", 30.0]],
        "data_retention/x": [["retention_period", 90.0]],
    }
    assert may_move(previous, now, findings)[1] == {"data_retention"}


def test_an_incremental_build_shows_compliance_added_to_stored_records(
    sqlite_url: str, tmp_path: Path
) -> None:
    """``track --compliance`` on records made without it changes them in place; the next incremental
    build must redraw their pages, not keep the pages drawn before (only ``--full`` did)."""
    _store(sqlite_url, None)
    out = tmp_path / "site"
    build_site(sqlite_url, out)
    assert _pages_with_compliance(out) == []
    summary = track(sqlite_url, compliance="offline")
    assert summary.compliance_added > 0
    build_site(sqlite_url, out)  # incremental: no new version, no new record
    assert _pages_with_compliance(out), "the backfilled compliance analysis is not on any page"
