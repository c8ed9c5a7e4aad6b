"""Select the table entries a record's changes engage, for the regions the document addresses."""

from __future__ import annotations

from dataclasses import dataclass, field

from summarizer.compliance.regions import RegionMention
from summarizer.compliance.signals import ChangeSignals
from summarizer.compliance.table import Regulation, RegulationTable

# Signals strong enough to engage an entry whose categories do not list the change's category.
CROSS_CATEGORY = {
    "targeted_advertising",
    "sale_of_data",
    "children_data",
    "minimum_age_lowered",
    "sensitive_data",
}
# A US state's opt-out law is engaged for a document addressing the US as a whole when the change
# opens a sale or targeted-advertising flow (the statutes' common trigger); otherwise only if named.
STATE_WIDE_SIGNALS = {"sale_of_data", "targeted_advertising"}
PER_FAMILY = 3
# An entry whose first category is one of these topics is engaged only by a change on that topic.
TOPIC_SIGNALS = {
    "children_audiences": {"children_data", "minimum_age_lowered"},
    "sensitive_data": {"sensitive_data"},
    "ai_training": {"training_on_user_content", "automated_decisions"},
    "sale_targeted_ads": {"targeted_advertising", "sale_of_data", "opt_out_removed", "opt_out_added"},
}


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


def _family(entry: Regulation) -> str:
    code = entry.jurisdiction[0]
    return "US-states" if code.startswith("US-") and code != "US-CA" else code


def change_regions(cs: ChangeSignals, regions: dict[str, RegionMention]) -> dict[str, RegionMention]:
    """The regions one change speaks to: those its section or quotes name, else the document's."""
    from summarizer.compliance.regions import mentioned_regions

    local = mentioned_regions(" ".join([cs.change.section, *cs.change.quotes_old, *cs.change.quotes_new]))
    return {code: regions.get(code, m) for code, m in local.items()} if local else regions


def select_entries(
    table: RegulationTable,
    changed: list[ChangeSignals],
    regions: dict[str, RegionMention],
    per_family: int = PER_FAMILY,
) -> list[Engagement]:
    """Entries engaged by at least one change, strongest first.

    For each change and each family of jurisdictions (EU, UK, California, US federal, the other US
    states, Brazil ...) only the *per_family* best-matching entries are kept (the US states as a
    group); more would bury the rules a reviewer should open first.
    """
    found: dict[str, Engagement] = {}
    for cs in changed:
        names = cs.names
        if not names:
            continue
        local = change_regions(cs, regions)
        candidates: list[tuple[float, int, Regulation, set[str]]] = []
        for order, entry in enumerate(table.entries):
            common = names & set(entry.signals)
            if not common:
                continue
            topic = TOPIC_SIGNALS.get(entry.categories[0])
            if topic is not None and not names & topic:
                continue
            same_category = cs.change.category in entry.categories
            if not same_category and not (common & CROSS_CATEGORY):
                continue
            if not _region_match(entry, local, common):
                continue
            score = len(common) + (1.0 if same_category else 0.0)
            candidates.append((score, order, entry, common))
        kept: dict[str, int] = {}
        for score, _, entry, common in sorted(candidates, key=lambda c: (-c[0], c[1])):
            family = _family(entry)
            if family != "US-states" and kept.get(family, 0) >= per_family:
                continue
            kept[family] = kept.get(family, 0) + 1
            eng = found.setdefault(entry.id, Engagement(entry))
            eng.score += score
            eng.hits.append((cs, common))
    ranked = sorted(found.values(), key=lambda e: -e.score)
    return ranked
