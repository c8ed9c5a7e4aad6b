"""Offline compliance analysis (the default): record + documents → the five-part compliance section."""

from __future__ import annotations

import re
import string
from dataclasses import replace

from summarizer.compliance.business_terms import unengaged_signals
from summarizer.compliance.establishment import controller_outside_union, names_eu_representative
from summarizer.compliance.exposure import rate_exposure
from summarizer.compliance.fallback import changed_sentences
from summarizer.compliance.forum import moved_forum
from summarizer.compliance.hunk_text import hunk_signals
from summarizer.compliance.laws import named_laws
from summarizer.compliance.member_states import contract_regions
from summarizer.compliance.moderation import mark_moderation_changes
from summarizer.compliance.processors import mark_processor_changes
from summarizer.compliance.prose import clip, considerations, contracts, jurisdiction_flags, landscape
from summarizer.compliance.regions import (
    REGIONS,
    RegionMention,
    TextScan,
    addressing_evidence,
    mentioned_regions,
)
from summarizer.compliance.relied_bases import unrelied_entries
from summarizer.compliance.scope import declared_scope, document_kind, in_scope
from summarizer.compliance.select import (
    CROSS_CATEGORY,
    DATA_CROSS_CATEGORY,
    addressed_regions,
    select_entries,
)
from summarizer.compliance.signals import FlatTexts, change_signals, drop_restated, mark_new_topics
from summarizer.compliance.sources import mark_third_party_sources
from summarizer.compliance.table import RegulationTable, load_table
from summarizer.compliance.verify import verify_section
from summarizer.model.compliance import ComplianceSection, Exposure, Statement
from summarizer.model.diff import DiffResult
from summarizer.model.record import ChangeRecord

_AUTHORITY = re.compile(
    r"\b(data protection (authority|commission(er)?)|supervisory authority|lead authority)\b", re.IGNORECASE
)


TABLE_REGIONS = {"EU", "EEA", "UK", "US", "BR", "DE", "US-CA"} | {
    "US-VA",
    "US-CO",
    "US-CT",
    "US-UT",
    "US-TX",
    "US-OR",
    "US-MT",
    "US-IA",
    "US-DE",
    "US-NH",
    "US-NJ",
    "US-TN",
    "US-MN",
    "US-MD",
    "US-IN",
    "US-KY",
    "US-RI",
}


CROSS_TOPICS = frozenset(CROSS_CATEGORY | DATA_CROSS_CATEGORY)


_ASCII_LETTERS = string.ascii_letters.encode()
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
# The only characters outside ASCII that ``re.IGNORECASE`` matches to an ASCII letter (K, İ, ſ, ı).
_FOLDS_TO_ASCII = "\u212a\u0130\u017f\u0131"
# What every match of ``_AUTHORITY`` contains, and the most it can start before that word.
_AUTHORITY_WORDS = ("authority", "commission")
_AUTHORITY_LEAD = len("data protection ")


def _mostly_latin(text: str, sample: int = 20000) -> bool:
    """Over 90% of the letters in the first *sample* characters are ASCII letters (ASCII letters
    counted in C; only the non-ASCII characters are looked at one by one)."""
    head = text[:sample]
    raw = head.encode("ascii", "ignore")
    ascii_letters = len(raw) - len(raw.translate(None, _ASCII_LETTERS))
    letters = ascii_letters + sum(ch.isalpha() for run in _NON_ASCII.findall(head) for ch in run)
    return bool(letters) and ascii_letters / letters > 0.9


def _authority_start(text: str, scan: TextScan | None) -> int | None:
    """Where to start looking for ``_AUTHORITY`` (None: it cannot match), found with ``str.find`` in
    the lower-cased text (same offsets) instead of a case-insensitive regex over the whole text."""
    if scan is None or not scan.same_offsets:
        return 0
    if not text.isascii() and any(ch in text for ch in _FOLDS_TO_ASCII):
        return 0
    found = [at for at in (scan.find_lower(word) for word in _AUTHORITY_WORDS) if at >= 0]
    return max(0, min(found) - _AUTHORITY_LEAD) if found else None


# Round 6: a sentence that points people to an authority (a complaint, a right, a contact), not a contract
# clause that names one ("the data importer shall ... notify the competent supervisory authority", a
# processor's duty to pass on "any notice, inquiry or investigations ... from a supervisory authority").
_TO_PEOPLE = re.compile(
    r"\b(complain\w*|lodge|contact|right|you|your|individuals?|residents?|users?)\b", re.IGNORECASE
)
_CLAUSE_DUTY = re.compile(r"\b(data (importer|exporter)|processor|sub-?processor|shall)\b", re.IGNORECASE)


def _lead_authority_quote(text: str, scan: TextScan | None = None) -> str | None:
    """The sentence pointing people to a data protection authority (:func:`_names_authority`), unless the
    document names a representative in the Union under GDPR Art. 27 or a controller established outside the
    Union and none in a Member State (round 8: a controller without an EU establishment has no main
    establishment for a lead authority under Art. 56)."""
    sentence = _names_authority(text, scan)
    if (
        sentence is None
        or names_eu_representative(text) is not None
        or controller_outside_union(text) is not None
    ):
        return None
    return sentence


def _names_authority(text: str, scan: TextScan | None = None) -> str | None:
    """The sentence (verbatim) where the document points people to a data protection authority, if any
    (the first such sentence; one that names an authority only as a party to a data-processing clause
    does not count). *scan*: the text's :class:`TextScan`, if at hand (a quick test that it names none)."""
    start = _authority_start(text, scan)
    if start is None:
        return None
    # Later candidates are found with ``str.find`` in the lower-cased text where its offsets are the
    # text's (the same test as ``_authority_start``): a case-insensitive search over every position of a
    # long contract naming authorities only in its clauses costs tens of milliseconds.
    safe = scan is not None and scan.same_offsets
    safe = safe and (text.isascii() or not any(ch in text for ch in _FOLDS_TO_ASCII))
    lower = scan.lower if safe and scan is not None else None
    pos = start
    while True:
        m = _AUTHORITY.search(text, pos)
        if m is None:
            return None
        begin = max(text.rfind(".", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        ends = [i for i in (text.find(".", m.end()), text.find("\n", m.end())) if i >= 0]
        end = min(ends) + 1 if ends else len(text)
        sentence = text[begin:end].strip()
        if sentence and _TO_PEOPLE.search(sentence) and not _CLAUSE_DUTY.search(sentence):
            return sentence
        pos = m.end()
        if lower is not None:
            found = [at for at in (lower.find(word, pos) for word in _AUTHORITY_WORDS) if at >= 0]
            if not found:
                return None
            pos = max(pos, min(found) - _AUTHORITY_LEAD)


def _named_regions(old_scan: TextScan, new_scan: TextScan) -> dict[str, RegionMention]:
    """The regions the new text names, then those only the old text names (the old text is read only
    for the regions the new one does not name: the EU and the EEA are named or derived together, and
    the US whenever a state is)."""
    regions = mentioned_regions(new_scan.text, scan=new_scan)
    unnamed = [code for code in REGIONS if code not in regions]
    for code, mention in mentioned_regions(old_scan.text, unnamed, scan=old_scan).items():
        regions.setdefault(code, mention)
    return regions


def _with_evidence(
    regions: dict[str, RegionMention],
    old_text: str,
    new_text: str,
    scans: tuple[TextScan, TextScan] | None = None,
) -> dict[str, RegionMention]:
    """Each named region with how often the document addresses its readers. Measured only when the
    document addresses some region of the table at all: a document that speaks to no region's readers
    keeps reading every region it names (the evidence would otherwise silence it entirely)."""
    old_scan, new_scan = scans or (None, None)
    evidence = addressing_evidence(new_text, scan=new_scan)
    unaddressed = [code for code in regions if code not in evidence]  # read the old text for these only
    if unaddressed and old_text != new_text:
        evidence.update(addressing_evidence(old_text, unaddressed, scan=old_scan))
    if not set(evidence) & TABLE_REGIONS:
        return regions
    return {code: replace(m, evidence=evidence.get(code, 0)) for code, m in regions.items()}


def analyze_compliance(
    record: ChangeRecord,
    old_text: str,
    new_text: str,
    *,
    table: RegulationTable | None = None,
    diff: DiffResult | None = None,
) -> ComplianceSection:
    """Which entries the record's changes engage, how exposed that leaves a business, what to check.

    Reads only the record and the two texts (and, given the *diff* the record was built from, the
    sentences each change's hunks add beyond its quotes: :mod:`summarizer.compliance.hunk_text`);
    every statement cites entries of *table* and quotes that are verified to occur in one of the texts.
    """
    table = table or load_table()
    new_scan = TextScan(new_text)
    old_scan = TextScan(old_text, peer=new_scan)
    regions = _named_regions(old_scan, new_scan)
    latin = _mostly_latin(new_text)
    regions = _with_evidence(regions, old_text, new_text, (old_scan, new_scan))
    # A document that declares whom it applies to addresses those readers only.
    scope = declared_scope(new_text)
    if scope is not None:
        regions = {
            code: m if in_scope(code, scope) else replace(m, evidence=0) for code, m in regions.items()
        }
    # No region addressed at all (at most one named in an address): every jurisdiction the change
    # triggers is engaged, each flagged to confirm against where the service operates.
    anywhere = not addressed_regions(regions) and latin
    # Only regions outside the table named in an English-script document: read it as addressed to
    # US users as well (said in the notes).
    assumed = not anywhere and not (set(regions) & TABLE_REGIONS) and latin
    if assumed:
        regions["US"] = RegionMention("US", "United States (federal)", 0, "")
    changes = record.changes if record.material else []
    # No material change in the record: read the sentences the raw texts add or grow instead.
    provisional = [] if changes or old_text == new_text else changed_sentences(old_text, new_text)
    changed = [change_signals(c) for c in changes or provisional]
    if diff is not None and changes:  # what the changed provisions add beyond the record's quotes
        changed += hunk_signals(changed, diff, old_text, new_text)
    mark_processor_changes(changed)  # a row of a processor list, read from its heading (round 9)
    docs = FlatTexts(old_text, new_text)  # flattened on first use, shared by the next two readings
    mark_moderation_changes(
        changed, old_text, new_text, docs
    )  # moderation words a change adds or loses (round 9)
    mark_third_party_sources(changed, old_text, docs)  # a new source of data about people (round 9)
    drop_restated(changed, new_text)
    changed += moved_forum(changed, old_text)  # a court or law in another place, whatever the rating
    # A US state's privacy act named for the first time, read from the raw texts (see laws.py).
    changed += named_laws(old_text, new_text)
    mark_new_topics(changed, old_text, CROSS_TOPICS)
    left_out: list[str] = []
    document = document_kind(new_text)
    # A Member State's law or courts chosen: EU consumers, for the consumer-contract rules of terms.
    contract = contract_regions(regions, new_text) if document in (None, "terms") else {}
    engaged = select_entries(
        table,
        changed,
        regions,
        anywhere=anywhere,
        left_out=left_out,
        document=document,
        contract=contract,
        # Round 8 (cprec8b): not a lawful basis the privacy notice never relies on (it must name it if it did).
        skip=unrelied_entries(document, old_text, new_text),
        # Round 9 (cprec9): an account closed engages P2B only in terms that say they are under it.
        unengaged=unengaged_signals(old_text, new_text, {s for cs in changed for s in cs.signals}),
    )
    left_out = [i for i in left_out if i not in {e.entry.id for e in engaged}]
    flag_regions = dict(regions)
    engaged_codes = {code for e in engaged for code in e.entry.jurisdiction}
    flag_regions.update(  # the EU reached through a Member State's law, where its rules are engaged
        (code, m) for code, m in contract.items() if code in engaged_codes and not flag_regions.get(code)
    )
    if anywhere:  # flagged (to confirm) as before, where US federal rules were assumed
        flag_regions.setdefault("US", RegionMention("US", "United States (federal)", 0, ""))
    rating = rate_exposure(engaged)
    unconfirmed = {e.entry.id for e in engaged if e.unconfirmed}
    section = ComplianceSection(
        method="offline",
        table_version=table.label,
        landscape=landscape(engaged),
        exposure=Exposure(
            level=rating.level,  # type: ignore[arg-type]
            reasons=[
                Statement(text=t, entries=ids, to_confirm=any(i in unconfirmed for i in ids))
                for t, ids in rating.reasons
            ],
        ),
        jurisdictions=jurisdiction_flags(
            engaged, flag_regions, _lead_authority_quote(new_text, new_scan), anywhere=anywhere
        ),
        contracts=contracts(engaged),
        considerations=considerations(engaged),
    )
    if assumed:
        section.notes.append(
            "The document names no region covered by the table; US federal rules were assumed."
        )
    if left_out:
        section.notes.append(
            f"{len(left_out)} more US state laws have the same opt-out trigger and apply where the service has "
            f"consumers in those states: {', '.join(left_out)}."
        )
    if provisional and engaged:
        section.notes.append(
            "The record lists no material change; the entries above were engaged by sentences the new text "
            "adds or grows, read from the raw texts: confirm that the change is material."
        )
    if any(e.unconfirmed for e in engaged):
        section.notes.append(
            "The document names no region it addresses: the entries engaged here apply only where the service "
            "operates or is offered, so each jurisdiction is to be confirmed."
        )
    if not engaged:
        section.notes.append(
            "No entry of the regulation table is engaged: the change is cosmetic, favourable, or concerns a "
            "region or topic the table does not cover."
        )
    outside = [f.name for f in section.jurisdictions if not f.in_table]
    if outside:
        section.notes.append(
            f"The document names regions outside the table ({', '.join(outside)}); their rules are not covered here."
        )
    section.entries = _cited(section)
    for problem in verify_section(section, table, old_text, new_text):
        _drop(section, problem)
    return section


def _cited(section: ComplianceSection) -> list[str]:
    ids = [i for s in section.landscape for i in s.entries]
    ids += [i for f in section.jurisdictions for i in f.entries]
    ids += [
        i for s in (*section.contracts, *section.considerations, *section.exposure.reasons) for i in s.entries
    ]
    return list(dict.fromkeys(ids))


def _drop(section: ComplianceSection, problem: str) -> None:
    """Remove what failed verification (a quote not found), and say so in the notes."""
    code, _, detail = problem.partition(": ")
    if code == "quote_not_found":
        for s in (*section.landscape, *section.contracts, *section.considerations):
            s.quotes = [q for q in s.quotes if not q.startswith(detail)]
        for f in section.jurisdictions:
            f.quotes = [q for q in f.quotes if not q.startswith(detail)]
    if code == "forbidden_claim":
        problem = "forbidden_claim: a statement asserted a legal finding"
    section.notes.append(f"verification: {problem}")


def attach_compliance(
    record: ChangeRecord,
    old_text: str,
    new_text: str,
    *,
    table: RegulationTable | None = None,
    diff: DiffResult | None = None,
) -> ChangeRecord:
    """The record with its ``compliance`` section filled in offline (returned for chaining)."""
    record.compliance = analyze_compliance(record, old_text, new_text, table=table, diff=diff)
    return record


__all__ = ["analyze_compliance", "attach_compliance", "clip"]
