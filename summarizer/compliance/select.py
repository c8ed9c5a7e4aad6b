"""Select the table entries a record's changes engage, for the regions the document addresses."""

from __future__ import annotations

from dataclasses import dataclass, field

from summarizer.compliance.regions import RegionMention
from summarizer.compliance.signals import ChangeSignals
from summarizer.compliance.table import Regulation, RegulationTable

# Signals strong enough to engage an entry whose categories do not list the change's category.
CROSS_CATEGORY = {"targeted_advertising", "sale_of_data", "children_data", "minimum_age_lowered", "sensitive_data"}
# A US state's opt-out law is engaged for a document addressing the US as a whole when the change
# opens a sale or targeted-advertising flow (the statutes' common trigger); otherwise only if named.
STATE_WIDE_SIGNALS = {"sale_of_data", "targeted_advertising"}


@dataclass
class Engagement:
    """Why one entry is engaged: the changes and signals that hit it."""

    entry: Regulation
    score: float = 0.0
    hits: list[tuple[ChangeSignals, set[str]]] = field(default_factory=list)

    @property
    def signals(self) -> set[str]:
        return set().union(*(s for _, s in self.hits)) if self.hits else set()


def _region_match(entry: Regulation, regions: dict[str, RegionMention], signals: set[str]) -> bool:
    for code in entry.jurisdiction:
        if code in regions:
            return True
        if code.startswith("US-") and code != "US-CA" and "US" in regions and signals & STATE_WIDE_SIGNALS:
            # the document addresses US users generally and opens a sale / ad flow
            return regions["US"].count >= 1 and any(c.startswith("US-") for c in regions)
    return False


def select_entries(
    table: RegulationTable, changed: list[ChangeSignals], regions: dict[str, RegionMention]
) -> list[Engagement]:
    """Entries engaged by at least one change, strongest first."""
    found: dict[str, Engagement] = {}
    for cs in changed:
        names = cs.names
        if not names:
            continue
        for entry in table.entries:
            common = names & set(entry.signals)
            if not common:
                continue
            same_category = cs.change.category in entry.categories
            if not same_category and not (common & CROSS_CATEGORY):
                continue
            if not _region_match(entry, regions, common):
                continue
            score = len(common) + (1.0 if same_category else 0.0)
            eng = found.setdefault(entry.id, Engagement(entry))
            eng.score += score
            eng.hits.append((cs, common))
    ranked = sorted(found.values(), key=lambda e: -e.score)
    return ranked
