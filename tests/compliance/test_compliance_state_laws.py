"""US state opt-out laws for a document that names no state: the first in force are cited, the others
listed in a note (issue #15, round 5)."""

from __future__ import annotations

from pathlib import Path

from summarizer.api import compare_files
from summarizer.compliance.table import load_table

ROOT = Path(__file__).resolve().parents[2]
ADS_OLD, ADS_NEW = ROOT / "examples" / "ads-v1.md", ROOT / "examples" / "ads-v2.md"


def _states(ids: list[str]) -> list[str]:
    table = {e.id: e for e in load_table().entries}
    return [i for i in ids if any(c.startswith("US-") and c != "US-CA" for c in table[i].jurisdiction)]


def test_a_state_less_sale_flow_cites_the_first_state_laws_and_notes_the_rest() -> None:
    section = compare_files(ADS_OLD, ADS_NEW, compliance="offline").compliance
    assert section is not None
    assert set(_states(section.entries)) == {"va-vcdpa-opt-out", "co-cpa-opt-out", "ct-ctdpa-opt-out"}
    [note] = [n for n in section.notes if "more US state laws" in n]
    assert "ut-ucpa-opt-out" in note and "ri-ridtppa-opt-out" in note and "va-vcdpa-opt-out" not in note


def test_a_named_state_is_still_cited(tmp_path: Path) -> None:
    old, new = ADS_OLD.read_text(encoding="utf-8"), ADS_NEW.read_text(encoding="utf-8")
    (tmp_path / "old.md").write_text(old, encoding="utf-8")
    named = (
        new
        + "\n\n## Utah residents\n\nIf you are a Utah resident, you may opt out of targeted advertising.\n"
    )
    (tmp_path / "new.md").write_text(named, encoding="utf-8")
    section = compare_files(tmp_path / "old.md", tmp_path / "new.md", compliance="offline").compliance
    assert section is not None and "ut-ucpa-opt-out" in section.entries
