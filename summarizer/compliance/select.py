"""Select the table entries a record's changes engage, for the regions the document addresses."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from summarizer.compliance.member_states import is_consumer_contract_rule
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
# Round 8 (crec8b): consent inferred from use ("By utilizing our Services, you consent to sharing data
# ...") engages the data rules that carry it (lawful basis, fairness, the FTC's retroactive-change
# position) wherever the record filed the sentence; a contract rule carrying it (unilateral alteration
# of terms) is about a change clause and keeps its category gate.
DATA_CROSS_CATEGORY = {"consent_implied_by_use"}
# Signals that name an entry's own subject, carried by few entries: they need no category match.
SUBJECT_SIGNALS = {
    "legal_basis_changed",
    "transfer_mechanism_changed",
    "law_named",
    "ai_interaction",
    # Round 9 (crec9): a row of a processor list, read from the list's heading (compliance/processors.py).
    "processor_changed",
    # Round 9 (crec9): moderation words a change adds or loses (compliance/moderation.py).
    "moderation_changed",
    # Round 9 (crec9): a new source of data about people (compliance/sources.py).
    "third_party_source",
}
# A US state's opt-out law is engaged for a document addressing the US as a whole when the change
# opens a sale or targeted-advertising flow (the statutes' common trigger); otherwise only if named.
STATE_WIDE_SIGNALS = {"sale_of_data", "targeted_advertising"}
# Categories under which a worse change with those signals is a sale or sharing flow as well.
SALE_LIKE = {"third_party_sharing"}
PER_FAMILY = 4
# Round 8 (cprec8b): entries on data a company obtains from someone other than the person (GDPR Art. 14):
# a change that gives the company's data to a new recipient is the recipient's Art. 14 duty, not the
# document's; it engages the notice's own list of recipients (Art. 13(1)(e)) instead. Round 9 (cprec9): so does
# a sharing change whose recipient signal is the record's category alone (no recipient word added).
RECEIVED_DATA_ENTRIES = frozenset({"gdpr-art14-information-indirect"})
# US state laws reached only through that trigger (the document names none of those states): the first
# ones in force are cited (Virginia's, then Colorado's and Connecticut's: the model the later statutes
# follow), the others are listed in a note. Seventeen citations for a state-less policy bury the rest.
STATE_WIDE_CITED = 3
# Siblings whose scores differ by no more than this (a word or two of wording in common) are both
# kept: the wording orders them, it does not decide that one provision of a law excludes another.
SIBLING_MARGIN = 0.1
# An entry whose first category is one of these topics is engaged only by a change on that topic.
TOPIC_SIGNALS = {
    "children_audiences": {"children_data", "minimum_age_lowered"},
    "sensitive_data": {"sensitive_data"},
    "ai_training": {"training_on_user_content", "automated_decisions", "ai_interaction"},
    "sale_targeted_ads": {"targeted_advertising", "sale_of_data", "opt_out_removed", "opt_out_added"},
}


_ENTITY = re.compile(
    r"\b(Limited|Ltd|Inc|LLC|GmbH|B\.V\.|S\.A\.|S\.à r\.l\.|Corporation|Street|Road|Avenue|Floor|Building)\b"
)
_WORD = re.compile(r"[a-z]{4,}")
_COMMON = frozenset(
    "about after also that this with their them they from have more must need only other such when where which "
    "will your consumers business businesses people personal information data users user service services "
    "provider providers under each every some without within".split()
)


def _stems(text: str) -> set[str]:
    """Crude content-word stems (first six letters) for matching an entry's wording to a change's."""
    return {w[:6] for w in _WORD.findall(text.lower()) if w not in _COMMON}


@lru_cache(maxsize=512)
def _paraphrase_stems(paraphrase: str) -> frozenset[str]:
    return frozenset(_stems(paraphrase))


def _wording_bonus(entry: Regulation, change_stems: set[str]) -> float:
    """Up to 0.15 for an entry whose paraphrase shares words with the change: a tie-break between
    siblings (the change that drops 'the right to correct' engages the correction right first)."""
    return 0.05 * min(3, len(_paraphrase_stems(entry.paraphrase) & change_stems))


@dataclass
class Engagement:
    """Why one entry is engaged: the changes and signals that hit it."""

    entry: Regulation
    score: float = 0.0
    hits: list[tuple[ChangeSignals, set[str]]] = field(default_factory=list)
    # True when no hit rests on a region the document or the change names: the document names no
    # region, so whether the entry applies depends on where the service operates (to confirm).
    unconfirmed: bool = False

    @property
    def signals(self) -> set[str]:
        return set().union(*(s for _, s in self.hits)) if self.hits else set()


def change_categories(cs: ChangeSignals) -> set[str]:
    """The change's category, plus sale and targeted advertising where a worse change opens such a
    flow under another category (a 'will not sell' promise replaced by sharing with advertising
    partners is recorded as third-party sharing, but it is a sale or sharing for these laws too)."""
    cats = {cs.change.category}
    if cs.shares:  # gives data to a recipient the passage did not name: a sharing change
        cats.add("third_party_sharing")
    if cs.infers:  # makes new data about the person: a collection
        cats.add("data_collection")
    if cs.change.direction == "up" and cs.names & STATE_WIDE_SIGNALS and cs.change.category in SALE_LIKE:
        cats.add("sale_targeted_ads")
    # New words about selling data or targeting ads make it an advertising change wherever the
    # record filed it (a profiling paragraph filed under AI, an ad-relevance clause under tracking).
    if cs.added & STATE_WIDE_SIGNALS:
        cats.add("sale_targeted_ads")
    return cats


def _state_wide(cs: ChangeSignals) -> bool:
    """The change opens a sale or targeted-advertising flow itself (the state opt-out laws' trigger)."""
    return (
        "sale_targeted_ads" in change_categories(cs)
        and cs.change.direction == "up"
        and bool(cs.names & STATE_WIDE_SIGNALS)
    )


def _anywhere_match(entry: Regulation, cs: ChangeSignals) -> bool:
    """For a document naming no region: any jurisdiction may apply, the US state opt-out laws only
    where the change opens a sale or targeted-advertising flow (as for a US-addressed document)."""
    return all(not (c.startswith("US-") and c != "US-CA") for c in entry.jurisdiction) or _state_wide(cs)


def _region_match(entry: Regulation, regions: dict[str, RegionMention], cs: ChangeSignals) -> bool:
    """The entry's jurisdiction is one the document (or the change) names.

    A US state's law needs that state named, or a document addressed to US users whose change opens
    a sale or targeted-advertising flow itself (the statutes' common trigger): a policy addressed to
    "US users" does not engage seventeen state statutes for any change.
    """
    for code in entry.jurisdiction:
        if code in regions:
            return True
        if (
            code.startswith("US-")
            and code != "US-CA"
            and regions.get("US") is not None
            and regions["US"].count > 0
            and _state_wide(cs)
        ):
            return True
    return False


def _family(entry: Regulation) -> str:
    code = entry.jurisdiction[0]
    return "US-states" if code.startswith("US-") and code != "US-CA" else code


def change_regions(cs: ChangeSignals, regions: dict[str, RegionMention]) -> dict[str, RegionMention]:
    """The regions one change speaks to: those its section or quotes name, else the document's.

    A region the change names but the document never addresses (``evidence == 0``) counts only where
    the change's own words address its readers: "affiliates, including those in ... the European
    Union" names where data goes, not who reads the policy."""
    from summarizer.compliance.regions import addressing_evidence, mentioned_regions

    # Round 8 (crec8b): a region named only in the old words of a change that has new words is where the
    # old text applied; the new words apply to the document's readers ("If you are located in the EEA ..."
    # replaced by a sharing sentence for everyone). A removal (no new words) keeps its old regions.
    quotes = cs.change.quotes_new or cs.change.quotes_old
    text = " ".join([cs.change.section, *quotes])
    local = mentioned_regions(text)
    unaddressed = [code for code in local if code in regions and regions[code].evidence == 0]
    speaks_to = addressing_evidence(text, unaddressed) if unaddressed else {}
    local = {code: m for code, m in local.items() if code not in unaddressed or code in speaks_to}
    if local:
        return {code: regions.get(code, m) for code, m in local.items()}
    return addressed_regions(regions)


def addressed_regions(regions: dict[str, RegionMention]) -> dict[str, RegionMention]:
    """The regions a document addresses. A region named once in the whole document, in an office
    address or a company name, is not one it addresses (it still counts where a change names it), unless
    that line addresses its readers ("eBay GmbH ..., if you reside in the European Union"); nor
    is a region the document names but never addresses (``evidence == 0``: see
    :func:`summarizer.compliance.regions.addressing_evidence`)."""
    return {
        code: m
        for code, m in regions.items()
        if m.evidence > 0 or (m.evidence != 0 and not (m.count == 1 and _ENTITY.search(m.quote)))
    }


def select_entries(
    table: RegulationTable,
    changed: list[ChangeSignals],
    regions: dict[str, RegionMention],
    per_family: int = PER_FAMILY,
    *,
    anywhere: bool = False,
    left_out: list[str] | None = None,
    document: str | None = None,
    contract: dict[str, RegionMention] | None = None,
    skip: frozenset[str] = frozenset(),
    unengaged: Mapping[str, frozenset[str]] | None = None,
) -> list[Engagement]:
    """Entries engaged by at least one change, strongest first.

    With *anywhere* (the document names no region it addresses), a change that names no region
    engages the entries of every jurisdiction it triggers, each marked ``unconfirmed``: whether it
    applies depends on where the service operates. A change that names a region still gates on it.

    For each change and each family of jurisdictions (EU, UK, California, US federal, the other US
    states, Brazil ...) only the *per_family* best-matching entries are kept (the US states as a
    group); more would bury the rules a reviewer should open first. US state laws engaged only because
    a US-addressed (or region-less) document opens a sale or advertising flow, in states it does not
    name, are cited :data:`STATE_WIDE_CITED` at a time, earliest in force first; the ids of the others
    are appended to *left_out* (for a note). *document* is the kind of document
    (:func:`summarizer.compliance.scope.document_kind`): an entry for other kinds is not engaged.
    *contract*: regions addressed for the EU's consumer-contract rules only (a Member State's law or
    courts chosen: :func:`summarizer.compliance.member_states.contract_regions`).
    *skip*: ids of entries the document rules out whatever its changes say (a lawful basis a privacy
    notice never relies on: :func:`summarizer.compliance.relied_bases.unrelied_entries`).
    *unengaged*: entry id -> signals that do not engage that entry in this document (a termination and the
    P2B rule in terms that never say they are under it: :func:`summarizer.compliance.business_terms.unengaged_signals`).
    """
    found: dict[str, Engagement] = {}
    for cs in changed:
        names = cs.names
        if not names:
            continue
        local = change_regions(cs, regions)
        passage = " ".join([*cs.change.quotes_old, *cs.change.quotes_new])
        words = _stems(passage)
        open_region = anywhere and not local
        categories = change_categories(cs)
        candidates: list[tuple[float, int, Regulation, set[str]]] = []
        for order, entry in enumerate(table.entries):
            common = names & set(entry.signals)
            if unengaged and entry.id in unengaged:
                common -= unengaged[entry.id]
            if not common or entry.id in skip:
                continue
            if document is not None and entry.documents and document not in entry.documents:
                continue  # a contract-terms rule, and the document is a privacy notice (or the reverse)
            if entry.requires_any and not names & set(entry.requires_any):
                continue  # the change does not touch this entry's own subject
            if (
                entry.id in RECEIVED_DATA_ENTRIES
                and common == {"new_recipient_class"}
                and (cs.shares or "new_recipient_class" in cs.categorical)
            ):
                continue  # data given out (Art. 13(1)(e)'s recipients), not data the company obtains
            # (a processor list's row is read with its heading: round 9, compliance/processors.py)
            about = entry.about(passage) or ("processor_changed" in common and entry.about(cs.change.section))
            if not about:
                continue  # nor does its passage speak of it (a right to delete needs deletion)
            topic = TOPIC_SIGNALS.get(entry.categories[0])
            if topic is not None and not names & topic and "law_named" not in common:
                continue  # (a law the document names for the first time engages that law, whatever its topic)
            # A signal that names the entry's own subject (a lawful basis, a transfer mechanism, a law)
            # engages it wherever the record filed the passage.
            same_category = bool(categories & set(entry.categories)) or bool(common & SUBJECT_SIGNALS)
            strong = common & CROSS_CATEGORY
            if "terms" not in entry.documents:
                strong |= common & DATA_CROSS_CATEGORY
            if not same_category and not (strong and (cs.change.direction == "up" or strong & cs.new_topics)):
                continue  # a keyword outside the entry's topics, in a change that is not worse: weak
            if not (_anywhere_match(entry, cs) if open_region else _region_match(entry, local, cs)) and not (
                contract
                and not open_region
                and is_consumer_contract_rule(entry.instrument, entry.documents)
                and _region_match(entry, contract, cs)
            ):
                continue
            score = (
                len(common)
                + (1.0 if same_category else 0.0)
                + (0.5 if entry.categories[0] in categories else 0.0)  # the entry's main topic
                + _wording_bonus(entry, words)
            )
            candidates.append((score, order, entry, common))
        kept: dict[str, int] = {}
        taken: dict[tuple[str | bool, ...], list[tuple[float, set[str]]]] = {}
        unnamed = sorted(
            (
                c
                for c in candidates
                if _family(c[2]) == "US-states" and not set(c[2].jurisdiction) & set(local)
            ),
            key=lambda c: (c[2].effective, c[1]),
        )
        dropped = {id(c[2]) for c in unnamed[STATE_WIDE_CITED:]}
        if left_out is not None:
            left_out.extend(c[2].id for c in unnamed[STATE_WIDE_CITED:] if c[2].id not in left_out)
        for score, _, entry, common in sorted(candidates, key=lambda c: (-c[0], c[1])):
            if id(entry) in dropped:
                continue
            family = _family(entry)
            if family != "US-states" and kept.get(family, 0) >= per_family:
                continue
            # Siblings: provisions of the same law on the same main topic (the rights to delete, to
            # know and to correct), alternatives for one signal. A law's rules on different topics
            # (a lawful basis and an objection right) are each engaged.
            # Round 5, last hour: a right (the CCPA opt-out) is not a sibling of a definition (of sharing).
            defines = "definition" in entry.article.lower()
            siblings = taken.setdefault(
                (entry.instrument, entry.categories[0], defines, *entry.jurisdiction), []
            )
            # Round 7 (crec7b): nor is one engaged only by some of the signals a sibling that fits clearly
            # better takes (Art. 6(1), any lawful basis, beside 6(1)(f) for a switch to legitimate
            # interests): the general provision would take a family place from another law's rule.
            if any(
                (other == common if len(common) == 1 else common < other) and best > score + SIBLING_MARGIN
                for best, other in siblings
            ):
                continue  # engaged by one signal that a sibling (same law) fits clearly better
            siblings.append((score, common))
            kept[family] = kept.get(family, 0) + 1
            eng = found.setdefault(entry.id, Engagement(entry, unconfirmed=open_region))
            eng.unconfirmed = eng.unconfirmed and open_region
            eng.score += score
            eng.hits.append((cs, common))
    ranked = sorted(found.values(), key=lambda e: -e.score)
    return ranked
