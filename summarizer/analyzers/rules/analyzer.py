"""The offline analyzer: taxonomy classifier + severity rubric + extractive, template-based text.

Deterministic: the same diff always gives the same record. Pipeline: substantive hunks → units
(the sentences that changed) → classified → grouped into provisions (a category within a
section) → each assessed before/after with the rubric → ranked most severe first → a record that
shows the top :data:`MAX_CHANGES` provisions in its prose and folds the rest into one sentence (the
JSON keeps every change).
"""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING

from summarizer.about import __version__
from summarizer.analyzers.rules import prose as text
from summarizer.analyzers.rules.ads_terms import ads_added
from summarizer.analyzers.rules.audience import (
    PRIVACY_IDS,
    business_audience,
    conduct_document,
    speaks_of_children,
)
from summarizer.analyzers.rules.calibration import one_sided_mixed
from summarizer.analyzers.rules.capture_errors import (
    capture_error,
    consent_banner,
    linked_page_added,
    sign_in_wall,
)
from summarizer.analyzers.rules.conduct_rules import conduct_severity
from summarizer.analyzers.rules.contact_routes import point_of_contact_added
from summarizer.analyzers.rules.contacts import contact_details_replaced
from summarizer.analyzers.rules.counterparty import contact_record, note_contact
from summarizer.analyzers.rules.crumbs import breadcrumb
from summarizer.analyzers.rules.disclosures import disclosure_record, disclosure_severity, note_disclosure
from summarizer.analyzers.rules.entry_text import entry_came_or_went
from summarizer.analyzers.rules.licence_grant import licence_widened
from summarizer.analyzers.rules.list_frames import scope_item
from summarizer.analyzers.rules.list_items import list_direction, mark_list_items
from summarizer.analyzers.rules.listings import cell_items_changed, listing_only
from summarizer.analyzers.rules.minor import MINOR_WORDS, minor_edit, names_added_only
from summarizer.analyzers.rules.money_terms import money_changed
from summarizer.analyzers.rules.names import entity_renamed, names_changed
from summarizer.analyzers.rules.older_pages import older_page_appended
from summarizer.analyzers.rules.opt_out_controls import deciding_cues as deciding_controls
from summarizer.analyzers.rules.pointers import note_pointers, pointer_record
from summarizer.analyzers.rules.provisions import (
    CONTEXT_SEARCH_BLOCKS,
    RIGHTS_CATEGORIES,
    Provision,
    channels,
    provisions_of,
    readable,
)
from summarizer.analyzers.rules.removed_burdens import deciding_cues, withheld, withheld_flag
from summarizer.analyzers.rules.renames import own_product_swapped
from summarizer.analyzers.rules.retention_terms import retention_added
from summarizer.analyzers.rules.rewrites import same_document_renamed, severity_lean
from summarizer.analyzers.rules.sharing_terms import sharing_changed
from summarizer.model.diff import DiffResult
from summarizer.model.document import Document
from summarizer.model.record_data import ChangeData as Change
from summarizer.model.record_data import FlagData as Flag
from summarizer.model.record_data import ProvenanceData as Provenance
from summarizer.model.record_data import RecordData
from summarizer.model.taxonomy import Severity
from summarizer.rubric.clauses import (
    Cue,
    balance,
    citations_only,
    clause_cues,
    cue_weight,
    document_key,
    local_view,
    protection_lost,
    reader_view,
    record_cues,
    whole_new_clause,
)
from summarizer.rubric.severity import overall_severity
from summarizer.rubric.severity.protective_bans import child_ban_added
from summarizer.rubric.truncation import Truncation, truncated_capture
from summarizer.text.dates import DATE, DATE_ONLY, MONTH
from summarizer.text.extract import Span, sentences, word_count, word_edits
from summarizer.text.lazy_re import lazy

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Sequence

    from summarizer.model.record import ChangeRecord
    from summarizer.model.record_data import ChangeView

MAX_CHANGES = 8
REWRITE_WORDS = 40
_DIGITS = lazy(
    r"\d+(?:[.,]\d+)*"
)  # a reworded provision with at least this many changed words counts as material


class RulesAnalyzer:
    """Offline, deterministic analyzer (no model, no network)."""

    name = "rules"

    def __init__(self, max_changes: int = MAX_CHANGES) -> None:
        self.max_changes = max_changes

    def analyze(self, diff: DiffResult) -> ChangeRecord:
        """The validated change record (a pydantic model)."""
        return self.analyze_data(diff).to_model()

    def analyze_data(self, diff: DiffResult) -> RecordData:
        """The same record as plain data, without pydantic (see :mod:`summarizer.model.record_data`)."""
        started = time.perf_counter()
        cut = truncated_capture(diff)
        if cut is not None:  # passages missing from a cut-short capture are not changes of the policy
            diff = DiffResult(diff.old, diff.new, [h for h in diff.hunks if not cut.drops(h)])
        failed = capture_error(diff)
        if failed is not None:  # passages an error message stands in for were not captured
            diff = DiffResult(diff.old, diff.new, [h for h in diff.hunks if h.id not in failed.hunk_ids])
        banner, linked = consent_banner(diff), linked_page_added(diff)
        older = older_page_appended(diff) - linked  # an older page captured at the end (older_pages.py)
        captured = banner | linked | older  # page chrome, or a page the old version only linked to
        if captured:  # (capture_errors.py)
            diff = DiffResult(diff.old, diff.new, [h for h in diff.hunks if h.id not in captured])
        triage = provisions_of(diff)
        provisions, planted = _set_aside_instructions(_fold_repeats(triage.provisions))
        mark_list_items(provisions, diff)
        assessed = time.perf_counter()
        kinds = text.cosmetic_kinds(diff.hunks, triage.furniture, triage.link_only)
        if banner:
            kinds.append("a cookie-consent banner captured with the page")
        if linked:
            kinds.append("what was captured (a page the old version linked to was added)")
        if older:
            kinds.append("what was captured (an older page, dated before the old version, was appended)")
        substantive = [p for p in provisions if is_material(p)]
        mismatch = different_document(diff) or sign_in_wall(diff)
        if mismatch or not substantive:
            record = self._not_material(diff, provisions, kinds, mismatch, cut)
        else:
            record = self._material(diff, provisions, kinds)
        if cut is not None and not mismatch:
            _flag_truncation(record, cut)
        if failed is not None and not mismatch:
            record.flags.append(Flag(code="capture_mismatch", message=failed.message()))
            if not record.material:
                record.headline = "No material change found: part of the new capture is an error message."
            note = record.interpretive_note or ""
            record.interpretive_note = failed.message() + (f" {note}" if note else "")
        if triage.bounded_searches:
            record.flags.append(
                Flag(
                    code="analysis_bounded",
                    message=f"the document is very long: for {triage.bounded_searches} one-sided "
                    f"change(s), related passages were looked for only among the {CONTEXT_SEARCH_BLOCKS:,} "
                    "nearest unchanged passages",
                )
            )
        if planted:
            record.flags.append(
                Flag(
                    code="planted_instructions",
                    message=f"{len(planted)} passage(s) addressed to AI systems were set aside, e.g. "
                    f"{planted[0][:120]!r}",
                )
            )
            note = (
                "The new text contains instructions addressed to AI systems (for example "
                f"“{planted[0][:100]}”). They were not followed: what changed is rated on the policy's own words."
            )
            record.interpretive_note = (
                f"{record.interpretive_note} {note}" if record.interpretive_note else note
            )
        done = time.perf_counter()
        record.provenance.timings_ms.update(
            {
                "provisions": round((assessed - started) * 1000, 2),
                "summarize": round((done - assessed) * 1000, 2),
            }
        )
        return record

    # --- the two kinds of record --------------------------------------------------------------

    def _not_material(
        self,
        diff: DiffResult,
        provisions: list[Provision],
        kinds: list[str],
        mismatch: str | None = None,
        cut: Truncation | None = None,
    ) -> RecordData:
        if mismatch:
            return RecordData(
                material=False,
                severity="none",
                categories=[],
                headline="No comparison possible: the new version looks like a different document.",
                summary=f"{mismatch} A change record would list every passage as removed and added, "
                "so none is made. Check the capture before relying on either version.",
                impact="Nothing can be said about a change until both versions are the same document.",
                actions=[],
                interpretive_note=" ".join(text.capture_problems(diff)) or None,
                changes=[],
                provenance=Provenance(analyzer=self.name, library_version=__version__),
                flags=[Flag(code="capture_mismatch", message=mismatch)],
            )
        if any(p.kind == "moved" for p in provisions):
            kinds = ["the order of some passages", *[k for k in kinds if k != "the order of some passages"]]
        listings = [p for p in provisions if p.kind != "moved" and listing_only(p.units)]
        if listings:
            kinds = [*kinds, "lists of names, sources or published statistics"]
        listed = {id(p) for p in listings}
        rewordings = [p for p in provisions if p.kind != "moved" and id(p) not in listed]
        if rewordings:
            kinds = [*kinds, "wording that does not change what the text allows or promises"]
        sentence = text.cosmetic_sentence(kinds)
        headline = f"No material change. {sentence}"
        if cut is not None:
            headline = f"No material change found: the {cut.side} version looks like a capture cut short."
        return RecordData(
            material=False,
            severity="none",
            categories=[],
            headline=headline,
            summary=f"{sentence} The wording that matters is the same in both versions.",
            impact="Nothing changes for you.",
            actions=[],
            interpretive_note=" ".join(text.capture_problems(diff)) or None,
            changes=[],
            provenance=Provenance(analyzer=self.name, library_version=__version__),
        )

    def _material(self, diff: DiffResult, provisions: list[Provision], kinds: list[str]) -> RecordData:
        shown = provisions[: self.max_changes]
        changes = [self._change(p, diff) for p in provisions]  # every change; the prose folds some
        view = reader_view(diff.new.text)
        views = [_view_of(p, view, diff) for p in provisions]
        cues = provision_cues(provisions, views, diff)
        every_cue = [c for mine in cues for c in mine]
        for change, mine in zip(changes, cues):
            change.evidence.extend(c.evidence() for c in mine)
        categories = record_categories(provisions, diff)
        flags = _verify(changes, diff)
        minor = minor_record(provisions, cues)
        substantive = [(p, c) for p, c in zip(provisions, changes) if is_material(p)]
        material = [p for p, _ in substantive]
        named = minor and all(names_added_only(p) for p in material)
        cited = not named and citations_only([(p.old_text, p.new_text) for p in material])
        moved = not named and not cited and contact_record(material)
        told = not (named or cited or moved) and disclosure_record(
            diff.new.title or diff.old.title, diff.new.text, material
        )
        pointed = not (named or cited or moved or told) and pointer_record(material, diff)
        direction, worse, better = record_balance(
            [c for _, c in substantive],  # a change judged restated or cosmetic claims nothing either way
            every_cue,
            rubric_weight=RUBRIC_CLAIM_WEIGHT if view == "consumer" else 0.0,
            rubric_fallback=view == "consumer",
            names_only=named or cited or moved or told or pointed,
        )
        if direction == "unclear":  # no clause cue: a list that grew or shrank may still say which way
            direction = _list_direction(provisions, changes) or direction
        held = withheld_flag(direction, every_cue) if withheld(direction, every_cue) else None
        direction = "unclear" if held else direction  # weak evidence withdraws a claim (removed_burdens.py)
        leaning = severity_lean(direction, worse, better, len(material))  # rewrites.py
        severity = record_severity(provisions, views, leaning, cues, minor=minor)
        severity = conduct_severity(severity, cues, diff.new.title or diff.old.title, diff.new.text)
        _note_minor(provisions, changes, minor, direction)
        if cited and direction == "neutral":
            _note_cited(provisions, changes)
        if moved and direction == "neutral":  # an address, contact channel or contracting company moved
            severity = note_contact(substantive, severity)
            categories = categories if "contact_generic" in categories else [*categories, "contact_generic"]
        if told and direction == "neutral":  # a disclosure to business users with no new burden
            note_disclosure(substantive)
            severity = disclosure_severity(material, severity)
        if pointed and direction == "neutral":  # only a pointer to another page came, went or moved
            severity = note_pointers(provisions, changes, diff, severity)
            for p, c in zip(provisions, changes):
                c.summary, c.shift_reason = text.change_summary(p), text.shift_reason(p)
        doubt = one_sided_mixed(direction, every_cue, changes, worse + better)
        direction = "unclear" if doubt else direction
        unclear = doubt or held or _unclear_flag(changes, direction)
        if unclear is not None:
            flags.append(unclear)
        return RecordData(
            material=True,
            severity=severity.value,
            direction=direction,
            categories=categories,
            headline=text.headline(diff, shown, len(provisions)),
            summary=text.summary(diff, provisions, shown, kinds),
            impact=text.impact(shown),
            actions=text.actions(diff, shown),
            interpretive_note=text.interpretive_note(diff, shown),
            changes=changes,
            provenance=Provenance(analyzer=self.name, library_version=__version__),
            flags=flags,
        )

    def _change(self, prov: Provision, diff: DiffResult) -> Change:
        summary = text.change_summary(prov)
        if prov.repeats:
            summary += f" The same change appears in {len(prov.repeats) + 1} places."
        return Change(
            category=prov.category,
            kind=prov.kind,
            summary=summary,
            severity_before=prov.before.value,
            severity_after=prov.after.value,
            direction=prov.direction,
            confidence=prov.assessment.confidence if prov.assessment else None,
            evidence=list(prov.assessment.evidence) if prov.assessment else [],
            shift_reason=text.shift_reason(prov),
            section=breadcrumb(prov.section),
            quotes_old=_quotes(prov, "old", diff.old),
            quotes_new=_quotes(prov, "new", diff.new),
            hunk_ids=sorted({u.hunk.id for p in (prov, *prov.repeats) for u in p.units}),
        )


#: Clause cues decide a record's direction only when they weigh at least this much (one added
#: sentence); a removed duty, read at a quarter, no longer weighs at all (removed_burdens.py).
MIN_CUE_WEIGHT = 1.0
#: A side of the balance (worse or better) wins when it weighs at least this many times the other.
DIRECTION_RATIO = 1.5
_RANK = {"none": 0, "low": 1, "medium": 2, "high": 3}


def provision_cues(provisions: list[Provision], views: list[str], diff: DiffResult) -> list[list[Cue]]:
    """For each provision, what its added and removed sentences do to the reader (who takes on a
    duty, who gains a right: :mod:`summarizer.rubric.clauses`), read in the provision's view
    (:func:`_view_of`: consumer, business user, or the people whose data a business handles). A
    sentence counts once in the record; an added and a removed sentence of the same kind cancel
    out."""
    material = [is_material(p) for p in provisions]
    if not any(material):
        return [[] for _ in provisions]
    old_doc, new_doc = document_key(diff.old.text), document_key(diff.new.text)
    return record_cues(
        [
            clause_cues(p.old_text, p.new_text, v, old_doc, new_doc) if keep else []
            for p, v, keep in zip(provisions, views, material)
        ]
    )


def _view_of(prov: Provision, view: str, diff: DiffResult) -> str:
    """The view one provision is read in (:func:`summarizer.rubric.clauses.local_view`): from
    the text around it in the new version (a few thousand characters either side)."""
    if view != "consumer":
        return view
    text, probe = diff.new.text, (prov.new_text or prov.old_text).strip()[:80]
    at = text.find(probe) if probe else -1
    if at < 0:
        text, at = diff.old.text, diff.old.text.find(probe) if probe else -1
    if at < 0:
        return view
    return local_view(view, text[max(0, at - LOCAL_VIEW_CHARS) : at + LOCAL_VIEW_CHARS])


#: How far around a provision :func:`_view_of` looks for whom the passage addresses.
LOCAL_VIEW_CHARS = 3000


def minor_record(provisions: list[Provision], cues: list[list[Cue]]) -> bool:
    """Every material change of the record is a minor edit (:func:`summarizer.analyzers.rules.
    minor.minor_edit`), all of them together change at most :data:`MINOR_WORDS` words, and the
    clause reader found no cue in them (no duty, right, licence or protection put in or taken out,
    no clause reworded to reach further or less far, and no whole sentence that says who may do
    what, even a rule that means nothing either way for a consumer): a minor change on the labelling scale of
    issue 12 (low severity)."""
    total = 0
    for p, mine in zip(provisions, cues):
        if not is_material(p):
            continue
        words = _readable_changed_words(p)
        if not minor_edit(p, words) or mine or p.list_items or whole_new_clause(p.old_text, p.new_text):
            return False  # a whole new rule or right ("... is also strictly prohibited") is no minor edit
        total += words
    return 0 < total <= MINOR_WORDS


def _list_direction(provisions: list[Provision], changes: list[Change]) -> str | None:
    """The direction the material provisions' list items give (:mod:`list_items`: worse, better
    or mixed), with each item as evidence on its change; None without such items."""
    items = [i for p in provisions if is_material(p) for i in p.list_items]
    direction = list_direction(items)
    if direction is not None:
        for p, c in zip(provisions, changes):
            if is_material(p):
                c.evidence.extend(i.evidence() for i in p.list_items)
    return direction


def _note_minor(provisions: list[Provision], changes: list[Change], minor: bool, direction: str) -> None:
    """Give each material change the evidence of a minor or neutral record's claim."""
    if not minor:
        return
    for p, c in zip(provisions, changes):
        if not is_material(p):
            continue
        c.evidence.append(f"minor: at most {MINOR_WORDS} words changed, no new party, duty, right or shift")
        if direction == "neutral":  # the change's own direction follows the record's evidence
            c.evidence.append("neutral: only another law cited or another company named as the party")
            c.direction = "same"


def _note_cited(provisions: list[Provision], changes: list[Change]) -> None:
    """Give each material change of a record that only cites laws or defines terms the evidence
    of its neutral claim (:func:`summarizer.rubric.clauses.citations_only`)."""
    for p, c in zip(provisions, changes):
        if is_material(p):
            c.evidence.append("neutral: the new sentences only cite a law or define a term")
            if c.direction == "unclear":
                c.direction = "same"


def record_direction(
    changes: Sequence[ChangeView],
    cues: list[Cue] | None = None,
    rubric_weight: float = 0.0,
    rubric_fallback: bool = True,
    names_only: bool = False,
) -> str:
    """The record's direction for the user (issue 12): worse, better or mixed, or ``unclear``
    when nothing in the text says which way the change cuts.

    With *cues* (the rules analyzer's reading of who takes on a duty or gains a right in the
    sentences that were added or removed), the record follows them, each confident claim of a
    change adding *rubric_weight*: one side wins when it weighs :data:`DIRECTION_RATIO` times the
    other, else the record is mixed. When the cues weigh less than :data:`MIN_CUE_WEIGHT` (none,
    or only a removed duty or two), the record falls back on its changes' confident claims as
    follows, or, without *rubric_fallback* (a document read for a business user or for the people
    whose data it is, where the rubric's consumer factors misread), abstains.

    Only changes on a substantive subject (not ``contact_generic``) with high or medium confidence
    count; each weighs its severity after the change (at least 1). One side wins when it weighs
    :data:`DIRECTION_RATIO` times the other, else the record is mixed. A whole passage removed
    and rated better (it allowed the company something) does not count: on the labelled pairs such
    passages had mostly moved or been restated elsewhere. Restatements (``same``)
    claim nothing about the record: a record of restatements only abstains rather than claim
    "neutral" (on the labelled dev pairs such records were mostly real changes the rubric did not
    read, so a neutral claim would mislead). The one neutral claim: *names_only* (a minor record
    whose changes only cite another law or name another company as the party: "a new applicable
    law" on the labelling scale) with no cue and no confident claim either way.

    A record that takes anything away from the user (a worse cue of full weight, or a confident
    worse claim where the rubric's claims count) is never ``better``: when the rest outweighs it,
    the record gives and takes, ``mixed`` (round 5: on the fresh pairs every record the rules called
    better had such a burden and none was labelled better; the dev fold's better records had none)."""
    return record_balance(changes, cues, rubric_weight, rubric_fallback, names_only)[0]


def record_balance(
    changes: Sequence[ChangeView],
    cues: list[Cue] | None = None,
    rubric_weight: float = 0.0,
    rubric_fallback: bool = True,
    names_only: bool = False,
) -> tuple[str, float, float]:
    """:func:`record_direction` with the weights it decided on: (direction, weight of the evidence
    worse for the user, weight of the evidence better for them)."""
    cues = deciding_cues(cues or [])  # a burden that went is no gain for the reader (removed_burdens.py)
    cues = deciding_controls(cues)  # nor is an opt-out added: the way out of a use (opt_out_controls.py)
    worse, better = balance(cues)
    if names_only and not worse and not better and not any(_confident_claim(c) for c in changes):
        return "neutral", 0.0, 0.0
    if worse + better < MIN_CUE_WEIGHT and not rubric_fallback:
        return "unclear", 0.0, 0.0  # a business user's rules: the rubric's consumer factors are no fallback
    if worse + better >= MIN_CUE_WEIGHT:
        claims = [c for c in changes if _confident_claim(c)]
        ups = sum(c.direction == "up" for c in claims)
        worse += rubric_weight * ups
        better += rubric_weight * sum(c.direction == "down" for c in claims)
        if worse and worse >= DIRECTION_RATIO * better:
            return "worse", worse, better
        burden = any(c.polarity > 0 and cue_weight(c) >= 1.0 for c in cues or [])
        taken = burden or bool(rubric_weight and ups)
        if better and better >= DIRECTION_RATIO * worse and not taken:
            return "better", worse, better
        if worse or better:
            return "mixed", worse, better
    up = down = 0
    for c in changes:
        if c.category == "contact_generic" or c.confidence not in ("high", "medium"):
            continue
        if _dropped(c) and c.direction == "down":
            continue  # a permissive passage gone is weak evidence: it often moved or was restated
        weight = max(1, _RANK.get(c.severity_after, 1))
        if c.direction == "up":
            up += weight
        elif c.direction == "down":
            down += weight
    if not up and not down:
        return "unclear", 0.0, 0.0
    if up >= DIRECTION_RATIO * down:
        return "worse", float(up), float(down)
    if down >= DIRECTION_RATIO * up and not up:
        return "better", float(up), float(down)
    return "mixed", float(up), float(down)


#: In a record read with clause cues, each confident rubric claim of a change weighs this much
#: (a cue weighs 1), in the consumer view only: the rubric's factors read text as a consumer's
#: terms or privacy notice; for a business user's rules they misread (a new prohibition on
#: advertisers is no protection for the advertiser).
RUBRIC_CLAIM_WEIGHT = 0.5


def _confident_claim(c: ChangeView) -> bool:
    """A change whose rubric direction counts in the record's balance: a substantive subject, high
    or medium confidence, and not a permissive passage that was only removed."""
    if c.category == "contact_generic" or c.confidence not in ("high", "medium"):
        return False
    return not (_dropped(c) and c.direction == "down") and c.direction in ("up", "down")


def _dropped(c: ChangeView) -> bool:
    """The change only took text out: a passage removed, or narrowed with nothing left on the new
    side."""
    return c.kind == "removed" or (c.kind == "narrowed" and not c.quotes_new)


#: Subjects on which a change for the worse can make a record high (issue 12's labelling scale:
#: new collection, sharing, sale, targeted ads or tracking, sensitive data, children, arbitration or
#: class waiver, a broad content licence, AI training, charges and indemnities, a lost opt-out).
HIGH_RISK = frozenset(
    {
        "data_collection",
        "third_party_sharing",
        "sale_targeted_ads",
        "tracking_tech",
        "sensitive_data",
        "children_audiences",
        "choice_consent",
        "dispute_resolution",
        "content_license_ip",
        "liability_warranty_payment",
        "ai_training",
    }
)


#: The high-risk subjects that are about the user's data: a protection or opt-out of theirs taken
#: away there makes a record high (a refund clause removed stays an ordinary change, as the golden
#: cases read it).
PRIVACY_HIGH_RISK = HIGH_RISK - {"dispute_resolution", "content_license_ip", "liability_warranty_payment"}


def record_severity(
    provisions: list[Provision],
    views: list[str] | None = None,
    direction: str = "",
    cues: list[list[Cue]] | None = None,
    minor: bool = False,
) -> Severity:
    """The record's severity: the rubric's highest change severity, and at least medium when a
    material change is on a substantive subject (an ordinary change to data practices or terms is
    medium on the labelling scale of issue 12; low is for contact and other generic text). High
    only when :func:`_high_change` finds a change that earns it (then also when the rubric saw no
    shift but the clauses read worse); otherwise a high rubric level is medium (on the labelled dev
    pairs most high records were a business user's new rules or a restatement of a high-risk
    subject, labelled medium). A *minor* record (:func:`minor_record`) that earns no high is low."""
    level = overall_severity([p.assessment for p in provisions if p.assessment is not None])
    views = views or ["consumer"] * len(provisions)
    cues = cues or [[] for _ in provisions]
    high = _high_change(provisions, views, direction, cues)
    if level is Severity.high and not high:
        level = Severity.medium
    elif high:
        level = Severity.high
    if minor and not high:
        return Severity.low
    if any(p.category != "contact_generic" and is_material(p) for p in provisions):
        return max(level, Severity.medium)
    if direction == "worse" and any(c.polarity > 0 and cue_weight(c) >= 1.0 for mine in cues for c in mine):
        return max(level, Severity.medium)  # a new burden on the user is no generic text, however filed
    if direction in ("worse", "mixed") and any(
        i.polarity > 0 and not scope_item(i) for p in provisions for i in p.list_items
    ):
        return max(level, Severity.medium)  # a new ban or measure joins a list (list_items.py)
    return max(level, Severity.low)


def _high_change(
    provisions: list[Provision], views: list[str], direction: str, cues: list[list[Cue]]
) -> bool:
    """Does the record carry a change that the labelling scale of issue 12 rates high: a change
    for the worse (by the rubric, or by its clauses: a protection removed, a licence widened) that
    reaches a high level on a high-risk subject (new sharing, sale or targeted ads, sensitive data,
    children, arbitration or class waiver, a broad content licence, AI training, charges), read for
    a consumer (a business user's new ad or listing rules are an ordinary change for that user), in
    a record that is not better overall (severity follows direction: a record that is better or
    unclear, or mixed but leaning to the user, :func:`RulesAnalyzer._material` passing "better"
    then, is at most medium). AI training on the reader's data unless they opt out
    (``training_default`` cue) is high in the business view too: it is the customer's own data."""
    if direction in ("better", "unclear"):
        return False
    for p, view, mine in zip(provisions, views, cues):
        if (
            direction == "worse"
            and is_material(p)
            and any(c.kind == "training_default" and c.polarity > 0 for c in mine)
        ):
            return True  # AI training on the reader's own data unless they opt out: high in every view
        if view == "business" or not is_material(p):
            continue
        if (
            direction == "worse"
            and view == "consumer"
            and any(c.kind == "ai_training" and c.polarity > 0 for c in mine)
        ):
            return True  # "AI training on user content", whatever subject the passage was filed under
        if p.category not in HIGH_RISK:
            continue
        if p.category == "content_license_ip" and not licence_widened(p, mine):
            continue  # IP text with no wider licence from the user is an ordinary change (licence_grant.py)
        if p.direction == "up" and p.after is Severity.high:
            return True
        # a charge at the price the user signed up for ("you will be charged the then-current
        # price") tells the direction, not a high level: the rubric's charge factors rate money
        worse, better = balance([c for c in mine if c.kind != "charge"])
        if worse >= MIN_CUE_WEIGHT and worse > better and max(p.before, p.after) is Severity.high:
            return True
        if (
            direction == "worse"
            and view == "consumer"
            and p.category in PRIVACY_HIGH_RISK
            and worse > better
            and any(protection_lost(c) for c in mine)
        ):
            return True  # "removing a protection or opt-out" of the user's data
    return False


def record_categories(provisions: list[Provision], diff: DiffResult) -> list[str]:
    """The taxonomy ids a record files itself under: the subjects of what changed, not every id a
    keyword touched (issue 12).

    An id counts when a material provision of that subject shifted (worse or better, with more
    than low confidence), was added or removed, or grew by a list item or a party (:func:`_widened`);
    in a notice about personal data (:data:`_PRIVACY_NOTICE`), a material change that puts words in
    on a data practice (added, expanded or reworded) counts even when its effect is unclear;
    a restatement whose rating did not move
    (``same``) does not file the record under its subject. ``ai_training`` counts whenever a
    material provision is about it. A change of rules of conduct (an acceptable use policy, community
    guidelines) counts under ``account_termination``. ``contact_generic`` only when nothing else is left, and
    ``policy_change_notice`` is added when the document's effective or updated date changed too,
    and ``contact_generic`` beside the others when contact details were replaced (``contacts.py``;
    not in rules of conduct, whose mailboxes are for reports on other users).
    """
    material = [p for p in provisions if is_material(p)]
    out: list[str] = []
    notice = bool(_PRIVACY_NOTICE.search(f"{diff.new.title or ''} {diff.old.title or ''}"))
    for p in material:
        if p.category == "contact_generic":
            continue
        confident = p.assessment is not None and p.assessment.confidence != "low"
        shifted = p.direction in ("up", "down") or p.kind in ("added", "removed")
        shifted = shifted or (p.kind == "expanded" and _widened(p))
        if _headings_only(p):
            continue  # a heading or navigation line names a subject, it states no practice
        if p.category == "children_audiences" and not speaks_of_children(p.old_text, p.new_text):
            continue  # a regional section (GDPR, U.S. states): not a change about children (audience.py)
        disclosed = notice and p.kind in _PUT_IN and p.category in _NOTICE_IDS
        if (confident and shifted) or disclosed or p.category == "ai_training" or p.companion:
            out.append(p.category)
        elif p.category == "children_audiences" and child_ban_added(p.old_text, p.new_text):
            out.append(p.category)  # a new ban that protects children: a rule about them, not worse
    conduct = conduct_document(diff.new.title or diff.old.title, diff.new.text)
    if material and conduct:
        out.insert(0, "account_termination")  # rules of conduct are enforced on the account (audience.py)
    if (
        "ai_training" in out
        and "data_use_purpose" not in out
        and not conduct
        and _ai_use_of_data(material, diff)
    ):
        out.append("data_use_purpose")  # not in rules of conduct: their AI is a feature or a rule (own_ai.py)
    if "account_termination" not in out and any(p.category == "account_termination" for p in material):
        if business_audience(diff.new.text):  # any rule change for a business user (audience.py)
            out.append("account_termination")
    if not out:
        out = [_fallback_id(p) for p in material if p.category != "contact_generic"][:1]
    if dated(diff) and "policy_change_notice" not in out:
        out.append("policy_change_notice")
    if out and material and not conduct:
        changed = ("\n".join(h.old_text for h in diff.hunks), "\n".join(h.new_text for h in diff.hunks))
        if contact_details_replaced(diff.old.text, diff.new.text, changed):
            out.append("contact_generic")  # where to write or call changed, beside the other subjects
    if (
        out
        and "liability_warranty_payment" not in out
        and any(money_changed(p) for p in material if not _headings_only(p))
    ):
        out.append("liability_warranty_payment")  # money paid or owed changed (money_terms.py)
    if out and material and not conduct and entity_renamed(material):
        out.append("contact_generic")  # the company the reader deals with is named differently (names.py)
    if material and not conduct:
        for category, says_so in (
            (
                "third_party_sharing",
                sharing_changed,
            ),  # the reader's data goes to a named recipient (sharing_terms.py)
            ("sale_targeted_ads", ads_added),  # a new sentence aims advertising at the reader (ads_terms.py)
            (
                "data_retention",
                retention_added,
            ),  # a new sentence says how long things are kept (retention_terms.py)
        ):
            if category not in out and any(says_so(p) for p in material if not _headings_only(p)):
                out.append(category)
    if (
        out
        and not conduct
        and "contact_generic" not in out
        and any(point_of_contact_added(p) for p in material if not _headings_only(p))
    ):
        out.append("contact_generic")  # a new point of contact for the reader (contact_routes.py)
    return list(dict.fromkeys(out)) or ["contact_generic"]


#: Titles of notices about personal data: a privacy policy, cookie or tracker policy, data
#: processing agreement. A material change that puts words in on a data practice in one of them
#: is a change on that practice even when the rubric cannot tell which way it cuts or rates it
#: the same (issue 12, round 5).
#: A line that holds no sentence: a Markdown heading, a bold title, a short line without sentence
#: punctuation that is not a list item or table row, or a 'Back to top' link (with the heading the
#: capture glued to it).
_HEADING_LINE = lazy(
    r"^\s*(?:#{1,6}\s.*|\*\*[^*]{1,80}\*\*\.?|(?![*+\u2022|-]|\d+[.)]\s)[^.!?;:|]{1,80}|back to top.*)\s*$",
    re.I,
)
#: Words a heading line may have.
HEADING_WORDS = 8


def _headings_only(p: Provision) -> bool:
    """Every changed line of the provision, on both sides, is a heading or navigation line (a word in
    a heading names a subject; it states no practice). A list that gained or lost items is not."""
    if p.list_items or p.category == "ai_training" or p.companion:
        return False
    lines = [ln for side in (p.old_text, p.new_text) for ln in side.splitlines() if ln.strip()]
    return bool(lines) and all(len(ln.split()) <= HEADING_WORDS and _HEADING_LINE.match(ln) for ln in lines)


def _fallback_id(p: Provision) -> str:
    """The id a record falls back on for a provision: its category, except that a regional section
    that says nothing of children is filed under its passages' next subject (``user_rights`` for a
    right granted to residents of some states), if they have one."""
    if p.category != "children_audiences" or speaks_of_children(p.old_text, p.new_text):
        return p.category
    others = [
        lab for u in p.units for lab in u.labels[:2] if lab not in ("children_audiences", "contact_generic")
    ]
    return others[0] if others else p.category


#: Subjects of such a notice: data practices, and children (a passage that speaks of them).
_NOTICE_IDS = PRIVACY_IDS | {"children_audiences"}
#: Kinds of change that put words in (taking text out or narrowing it keeps round 4's rule).
_PUT_IN = ("added", "expanded", "reworded")
_PRIVACY_NOTICE = lazy(
    r"\b(?:privacy|cookies?|trackers?|data process\w*|data protection|personal (?:data|information))\b", re.I
)


#: A sentence that states a purpose: to train, improve, develop, personalise, power or generate
#: something, 'for marketing purposes', 'personalized'.
_USE_FOR = lazy(
    r"\b(?:to|for|in order to)\s+(?:\w+\s+){0,3}?"
    r"(?:train\w*|improv\w*|develop\w*|personali[sz]\w*|power\w*|build\w*|fine-tun\w*|generat\w*)\b|"
    r"\bfor (?:\w+ ){0,2}purposes\b|\bpersonali[sz]ed\b",
    re.I,
)


def _ai_use_of_data(material: list[Provision], diff: DiffResult) -> bool:
    """An AI change of a consumer's or data subject's document says the data is used for something
    (to train or improve models, to personalise, to generate): on the labelling scale of issue 12
    that is a purpose of use as well (``data_use_purpose``). A business user's rules about AI are not."""
    if business_audience(diff.new.text):
        return False
    from summarizer.analyzers.rules.ai import ai_score  # noqa: PLC0415 (it imports provisions)
    from summarizer.rubric.classifier import THRESHOLD  # noqa: PLC0415

    for p in material:
        if p.category != "ai_training":
            continue
        for side in (p.new_text, p.old_text):
            for sent in sentences(side):
                piece = side[sent.start : sent.end]
                if _USE_FOR.search(piece) and ai_score(piece) >= THRESHOLD:
                    return True
    return False


def _widened(p: Provision) -> bool:
    """A passage that grew (``expanded``) because its list gained an item or a party ("data types
    such as A, B and C", a recipient named): a change on its subject even when the rubric's level
    did not move (issue 12: new data types added to a list are a real change)."""
    s = p.signals
    return bool(s.parties_added or any(e.added for e in s.enumerations))


_DATE_WORDS = lazy(
    r"\b(?:last\s+(?:updat\w*|modifi\w*|revis\w*|chang\w*)|effective|updated|revised|revision|published|"
    r"version\s+(?:date|\d+)|as\s+of)\b",
    re.I,
)


def dated(diff: DiffResult) -> bool:
    """True when a changed passage gives the document a new effective or updated date: a date next
    to 'effective', 'last updated', 'last update', 'published', 'Version 10' ... ('Last Updated:
    March 2026' too; the label may stand just before the passage, in unchanged text) that is in the
    new text and not in the old, or a new date heading the document (a date line under the title,
    without a label, where the old version had another date), a bare date line put where the old
    version lost a labelled date ('Published Date: January 27, 2025' -> '2026-07-22') or another
    bare date line, a line whose only change is its date ('The Team, Dec 17, 2018' -> 'The Team,
    June 27, 2022': a sign-off's date), or a new date in a sentence announcing an update of the
    document ('On November 3, 2025, we are updating this notice')."""
    bare = labelled_gone = False
    bare_gone: set[str] = set()
    bare_put: set[str] = set()
    for h in diff.hunks:
        old = _EMPHASIS.sub(" ", (h.old_text or "")[:5000])
        new = _EMPHASIS.sub(" ", (h.new_text or "")[:5000])  # a date line stands at the start of its passage
        if not new.strip() and _labelled_date(old):
            labelled_gone = True  # a labelled date line taken out
        elif not new.strip() and DATE_ONLY.match(old.strip(" \n.")):
            bare_gone.add(_WS.sub(" ", old.strip(" \n.").lower()))  # a bare date line taken out
        if not DATE.search(new) and not MONTH_YEAR.search(new):
            continue
        old_dates = {m.group(0).lower() for m in DATE.finditer(old)}
        old_dates |= {m.group(0).lower() for m in MONTH_YEAR.finditer(old)}
        before = _EMPHASIS.sub(" ", diff.new.text[max(0, h.new_start - 80) : h.new_start])
        for m in (*DATE.finditer(new), *MONTH_YEAR.finditer(new)):
            if m.group(0).lower() in old_dates or any(m.group(0).lower() in d for d in old_dates):
                continue
            if _DATE_WORDS.search((before + new[: m.start()])[-80:]):
                return True
            if h.new_start + m.start() < TOP_CHARS and old_dates:
                return True  # the document's own date, under its title
            if _UPDATE_NOTE.search(new[max(0, m.start() - 40) : m.end() + 120]):
                return True  # "On <date>, we are updating this notice ..."
            if not old.strip() and DATE_ONLY.match(new.strip(" \n.")):
                bare = True  # a line that is only a date put in
                bare_put.add(_WS.sub(" ", new.strip(" \n.").lower()))
        if _whole_line(diff.new.text, h.new_start, h.new_end) and _date_swapped_line(old, new):
            return True
    return bare and (labelled_gone or bool(bare_gone and bare_put - bare_gone))


#: "we are updating this notice", "we updated these Terms", "changes to this Privacy Policy"
_UPDATE_NOTE = lazy(
    r"\b(?:updat\w*|amend\w*|revis\w*|chang\w*)\s+(?:to\s+)?(?:this|these|our)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:notice|policy|terms|statement|agreement|guidelines)\b",
    re.I,
)
_WS = lazy(r"\s+")
#: Words a date line may carry besides its dates (a sign-off: "The Flickr Team, ").
_SIGN_OFF_WORDS = 6


def _whole_line(text: str, start: int, end: int) -> bool:
    """Does the span ``text[start:end]`` hold whole lines (not a few words inside a sentence)?"""
    return (start == 0 or text[start - 1] == "\n") and (end >= len(text) or text[end] in "\r\n")


def _date_swapped_line(old: str, new: str) -> bool:
    """A one-line passage whose only change is its date, with few other words (a sign-off or a
    version line: 'The Example Team, Dec 17, 2018' -> 'The Example Team, June 27, 2022')."""
    if "\n" in old.strip() or "\n" in new.strip():
        return False
    dates_old = {m.group(0).lower() for m in (*DATE.finditer(old), *MONTH_YEAR.finditer(old))}
    dates_new = {m.group(0).lower() for m in (*DATE.finditer(new), *MONTH_YEAR.finditer(new))}
    if not dates_old or not dates_new - dates_old:
        return False  # no date, or the same date (only the line's layout changed)
    rest_old = _WS.sub(" ", MONTH_YEAR.sub(" ", DATE.sub(" ", old))).strip(" ,.-").lower()
    rest_new = _WS.sub(" ", MONTH_YEAR.sub(" ", DATE.sub(" ", new))).strip(" ,.-").lower()
    if rest_old != rest_new or len(rest_new.split()) > _SIGN_OFF_WORDS:
        return False
    return bool(_SIGN_OFF.search(new.strip()))


#: A line that ends with its date set off by a comma, dash or colon ('The Team, June 27, 2022'),
#: not a sentence that runs into it ('The offer ran until July 1, 2024').
_SIGN_OFF = lazy(rf"[,:\u2013\u2014-]\s*(?:{DATE.pattern}|\b{MONTH}\s+\d{{4}})\W*$", re.I)


def _labelled_date(text: str) -> bool:
    """A date with a date label before it ('Published Date: January 27, 2025')."""
    return any(_DATE_WORDS.search(text[max(0, m.start() - 80) : m.start()]) for m in DATE.finditer(text))


#: Emphasis marks around a date ('_17 February 2026_') hide its word boundaries.
_EMPHASIS = lazy(r"[_*]")
#: A changed date this close to the start of the new text is the document's own date.
TOP_CHARS = 300
MONTH_YEAR = lazy(rf"\b(?:{MONTH})\s+\d{{4}}\b", re.I)


def _unclear_flag(changes: list[Change], direction: str = "") -> Flag | None:
    """A flag naming the changes whose direction could not be told from the text, or saying that
    the record as a whole makes no claim of direction."""
    unclear = [c for c in changes if c.direction == "unclear"]
    if not unclear:
        if direction == "unclear":
            return Flag(
                code="direction_unclear",
                message="The changes need review: the text does not show clearly whether they are "
                "better or worse for you.",
            )
        return None
    names = ", ".join(dict.fromkeys(c.category for c in unclear))
    return Flag(
        code="direction_unclear",
        message=f"{len(unclear)} change(s) need review: the text does not show clearly whether they are "
        f"better or worse for you ({names}).",
    )


def _flag_truncation(record: RecordData, cut: Truncation) -> None:
    """Say in the record that one version looks cut short and what was left out because of it."""
    message = cut.message()
    record.flags.append(Flag(code="capture_truncated", message=message))
    advice = f"{message} Check the capture of the {cut.side} version before relying on this record."
    note = record.interpretive_note or ""
    record.interpretive_note = advice if not note else f"{advice} {note}"


def _set_aside_instructions(provisions: list[Provision]) -> tuple[list[Provision], list[str]]:
    """Drop provisions whose changed text is nothing but instructions addressed to an AI system
    (every sentence of it matches the screen and none speaks in the service's voice), and list
    every suspicious sentence. A provision with any other words is kept whole and rated on its
    own words: screening never hides a change."""
    from summarizer.rubric.injection import injection_spans, planted_sentences

    kept: list[Provision] = []
    planted: list[str] = []
    for prov in provisions:
        changed = prov.new_text if prov.kind != "removed" else prov.old_text
        found = [changed[s:e].strip() for s, e in injection_spans(changed)]
        if not found:
            kept.append(prov)
            continue
        planted.extend(found)
        rest = changed
        for sentence in planted_sentences(changed):
            rest = rest.replace(sentence, " ")
        if not re.search(r"[^\W\d_]{3}", rest):
            continue  # only instructions: not a term of the policy
        kept.append(prov)
    return kept, planted


def is_material(prov: Provision) -> bool:
    """A provision is material unless it only moved, or was reworded without any change in what
    it allows, promises or names (the rubric's direction is 'same' and no list, party or number
    changed), or only touches contact details and other general text without a shift, or only
    renames or renumbers headings."""
    if prov.kind == "moved" or prov.restated:
        return False  # moved, or every changed sentence still stands in the other version (restated.py)
    if listing_only(prov.units):
        return False  # only a trademark list or published statistics changed (listings.py)
    s = prov.signals
    if _only_headings(prov) and not (s.negation or s.modality):
        return False  # a heading names a section; the section's text says what it allows
    if prov.direction not in ("same", "unclear"):
        return True
    if names_changed(prov):
        return True  # another law cited, or another company named as a party (names.py)
    if cell_items_changed(prov.units):
        return True  # a table row lists other items (listings.py)
    if prov.renames_only:
        return False  # a term renamed throughout the document (renames.py)
    if prov.list_items:
        return True  # a list of bans, measures, data or rights gained or lost an item (list_items.py)
    if entry_came_or_went(prov):
        return True  # a short entry of a lead-in list came or went: 'Ohio' off the eligible states (entry_text.py)
    if whole_new_clause(prov.old_text, prov.new_text):
        return True  # a whole sentence that says who may do what came or went (rubric/clauses.py)
    if prov.category == "ai_training" and _ai_phrase_came_or_went(prov):
        return True  # AI language put in or taken out: "... on your behalf", "to train our models"
    if prov.category == "contact_generic":
        return False
    if prov.direction == "unclear":  # changed, and the rubric cannot tell which way: a reader should look
        return True
    if s.numbers or s.parties_added or s.negation or s.modality:
        return True
    if (s.parties_removed or s.enumerations) and not (_example_dropped(prov) or own_product_swapped(prov)):
        return True
    if prov.kind in ("added", "removed"):
        return True
    if prov.category in RIGHTS_CATEGORIES and channels(prov.old_text) != channels(prov.new_text):
        return True  # how to exercise a right changed (an email or phone line dropped, a form added)
    old, new = readable(prov.old_text), readable(prov.new_text)
    if figures(old) != figures(new):
        return True  # a figure changed (in any language); dates were already filtered as cosmetic
    if policy_words_edited(prov):
        return True  # a clause that speaks of a term of the policy was put in or taken out
    return (
        _readable_changed_words(prov) >= REWRITE_WORDS
    )  # a long rewrite may change what the rubric cannot see


def _ai_phrase_came_or_went(prov: Provision) -> bool:
    """Some unit of the provision speaks of AI on one side only (a rewording such as 'chatbots' ->
    'chat bots' keeps AI language on both sides and does not count)."""
    from summarizer.analyzers.rules.ai import ai_phrases  # noqa: PLC0415 (it imports provisions)

    return any(
        (ai_phrases(u.old_text) > 0) != (ai_phrases(u.new_text) > 0) for u in prov.units if u.kind != "moved"
    )


#: An edit this long (in words) that speaks of a substantive subject makes a provision material.
CLAUSE_WORDS = 6


def policy_words_edited(prov: Provision) -> bool:
    """Some single edit of the provision puts in or takes out a clause of at least
    :data:`CLAUSE_WORDS` words whose own words name a substantive subject of the taxonomy
    ("... and this may be decided by automated decision-making without human review"): the rubric
    may rate such a clause the same, but it changes what the text says (issue 12). An edit that
    puts in or takes out AI language (:func:`summarizer.analyzers.rules.ai.ai_phrases`: "used to
    fine-tune our models", "an autonomous agent acting for you") counts too: the frozen lexicon
    does not know most of it."""
    from summarizer.analyzers.rules.ai import ai_phrases  # noqa: PLC0415 (it imports provisions)
    from summarizer.rubric.classifier import THRESHOLD, score_all  # noqa: PLC0415

    for u in prov.units:
        if u.kind != "modified" or not u.edits:
            continue
        old, new = readable(u.hunk.old_text), readable(u.hunk.new_text)
        for e in word_edits(old, new):
            for piece in (old[e.old[0] : e.old[1]], new[e.new[0] : e.new[1]]):
                if word_count(piece) < CLAUSE_WORDS:
                    continue
                if ai_phrases(piece):
                    return True
                hits = score_all(piece)
                if any(c != "contact_generic" and h.score >= THRESHOLD for c, h in hits.items()):
                    return True
    return False


_NAME_BEFORE = lazy(r"(?:^|[^.!?:;\s])\s+[A-Z][a-z][\w-]*\s+$")


def figures(text: str) -> list[str]:
    """The numbers of a text that state a quantity: a number that is part of a name ('Google
    Analytics 4', 'Section 12', 'Windows 10': after a capitalised word inside a sentence) is not one."""
    return [
        m.group(0)
        for m in _DIGITS.finditer(text)
        if not _NAME_BEFORE.search(text[max(0, m.start() - 60) : m.start()])
    ]


_EXAMPLES = lazy(r"\b(?:such as|e\.g\.|for example|for instance|including)\s", re.I)
_OPEN_END = lazy(r"\b(?:and (?:many )?others|among others|and more|etc\.?|and so on|and the like)\b", re.I)


def _example_dropped(prov: Provision) -> bool:
    """Only examples were taken out of a list that says it is open on both ends ('sites such as
    A, B, C and others'): the list never limited anything, so dropping an example changes nothing.
    Adding an example is not covered: it can disclose a practice."""
    s = prov.signals
    if any(e.added for e in s.enumerations) or s.parties_added or prov.kind not in ("reworded", "narrowed"):
        return False
    old, new = prov.old_text, prov.new_text
    return bool(
        _EXAMPLES.search(old) and _OPEN_END.search(old) and _EXAMPLES.search(new) and _OPEN_END.search(new)
    )


def _only_headings(prov: Provision) -> bool:
    """Every changed unit is a heading on both sides (renamed, renumbered, reformatted)."""
    return all(u.heading for u in prov.units)


def _readable_changed_words(prov: Provision) -> int:
    """Words taken out plus words put in, as a reader sees them: a link target or an image that
    changed is not a changed word."""
    total = 0
    for u in prov.units:
        if u.kind in ("modified", "moved") and u.edits:
            old, new = readable(u.hunk.old_text), readable(u.hunk.new_text)
            total += sum(
                word_count(old[a:b]) + word_count(new[c:d])
                for (a, b), (c, d) in ((e.old, e.new) for e in word_edits(old, new))
            )
        else:
            total += u.changed_words
    return total


#: A version with at most this share of the other's words ...
SMALL_PAGE_SHARE = 0.2
#: ... when the other has at least this many words ...
SMALL_PAGE_MIN_WORDS = 300
#: ... and that shares less than this share of its own paragraphs with it, is another page.
SMALL_PAGE_SHARED = 0.3


def different_document(diff: DiffResult, min_blocks: int = 20, max_shared: float = 0.1) -> str | None:
    """A sentence when the two versions share almost no text (a capture of another page), or when
    one is a small page that shares almost nothing with a long document (a sign-in, error or
    cookie page captured instead of it)."""
    old_norms = {b.norm for b in diff.old.blocks if b.norm.count(" ") >= 3}
    new_norms = {b.norm for b in diff.new.blocks if b.norm.count(" ") >= 3}
    small = _small_other_page(diff, old_norms, new_norms)
    if small:
        return small
    if min(len(old_norms), len(new_norms)) < min_blocks:
        return None
    shared = len(old_norms & new_norms) / min(len(old_norms), len(new_norms))
    if shared >= max_shared or _same_kind_of_title(diff.old.title, diff.new.title):
        return None  # a real wholesale rewrite keeps the document's title or kind
    if same_document_renamed(diff.old.text, diff.new.text):
        return None  # both openings name the same kind of document, much vocabulary shared (rewrites.py)
    title = f" ({diff.new.title!r})" if diff.new.title and diff.new.title != diff.old.title else ""
    return (
        f"The two versions share only {round(100 * shared)}% of their paragraphs, so the new capture"
        f"{title} is probably another page, not a new version of this document."
    )


def _small_other_page(diff: DiffResult, old_norms: set[str], new_norms: set[str]) -> str | None:
    old_len, new_len = len(diff.old.text), len(diff.new.text)
    if min(old_len, new_len) > 0.3 * max(old_len, new_len):
        return None  # the versions are of comparable length (cheap check before counting words)
    old_words, new_words = len(diff.old.text.split()), len(diff.new.text.split())
    side, short_words, long_words = ("new", new_words, old_words)
    short_norms, long_norms = new_norms, old_norms
    if old_words < new_words:
        side, short_words, long_words = ("old", old_words, new_words)
        short_norms, long_norms = old_norms, new_norms
    if long_words < SMALL_PAGE_MIN_WORDS or short_words > SMALL_PAGE_SHARE * long_words:
        return None
    shared = len(short_norms & long_norms) / len(short_norms) if short_norms else 0.0
    if shared >= SMALL_PAGE_SHARED:
        return None  # a short excerpt of the same text: a cut-short capture, not another page
    return (
        f"The {side} version is a short page ({short_words:,} words against {long_words:,}) that "
        f"shares {round(100 * shared)}% of its paragraphs with the other, so it is probably another "
        "page (a sign-in, error or notice page), not a version of this document."
    )


_DOC_WORDS = (
    "privacy",
    "terms",
    "policy",
    "conditions",
    "agreement",
    "notice",
    "statement",
    "cookie",
    "legal",
    "data protection",
    "use",
)


def _same_kind_of_title(old: str | None, new: str | None) -> bool:
    """True when the new title is the old one or names the same kind of legal document (or either
    version has no title, so nothing speaks against it)."""
    if not old or not new:
        return True
    o, n = old.lower(), new.lower()
    if " ".join(o.split()) == " ".join(n.split()):
        return True  # the same title ('Discord Community Guidelines'): a rewrite, not another page
    return any(w in o and w in n for w in _DOC_WORDS)


def _fold_repeats(provisions: list[Provision]) -> list[Provision]:
    """One entry for a change repeated word for word in several places (an address, a product
    name): the first keeps the others as ``repeats``."""
    out: list[Provision] = []
    first: dict[tuple, Provision] = {}
    for prov in provisions:
        key = (prov.category, prov.kind, prov.before, prov.after, prov.direction, text.change_summary(prov))
        if key in first:
            first[key].repeats.append(prov)
        else:
            first[key] = prov
            out.append(prov)
    return out


def _quotes(prov: Provision, side: str, doc: Document, limit: int = 2) -> list[str]:
    spans: list[Span] = []
    for unit in sorted(prov.units, key=lambda u: -u.changed_words):
        spans += unit.quotes_old if side == "old" else unit.quotes_new
    out: list[str] = []
    for span in spans:
        if doc.text[span.start : span.end] != span.text:
            continue
        start, end = clean_span(doc.text, span.start, span.end)
        quote = doc.text[start:end]
        if word_count(quote) < 2 and (out or len(spans) > 1):
            continue  # a stray letter or mark is no evidence
        if quote and quote not in out:
            out.append(quote)
        if len(out) == limit:
            break
    return out


_EDGE = " \t\n|#>`~\u00a0"
MAX_QUOTE_LENGTH = 400  # a quote is never extended past this many characters
_LINK_REACH = 300  # how far a quote is extended to close a link target it stops inside
_EMPHASIS_REACH = 80  # ... or an emphasis it opened


def clean_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The offsets of a cleaner verbatim quote inside or around ``text[start:end]`` (issue 12): one
    table cell instead of a row with its ``|`` bars, no spaces, bars or stray emphasis marks at its
    edges, never starting or stopping inside a word, and not stopping inside a link target or an
    emphasis it opened (extended to close it when that is near, else cut before it). It is still a
    substring of the source at the returned offsets; when cleaning would leave less than two words
    the original offsets are kept."""
    s, e = start, end
    segment = text[s:e]
    if segment.lstrip().startswith("|") and segment.count("|") >= 2:
        s, e = _widest_cell(text, s, e)
    s, e = _strip_edges(text, s, e)
    if 0 < s < e and text[s - 1].isalnum() and text[s].isalnum():  # starts inside a word
        space = text.find(" ", s, e)
        s = space + 1 if space != -1 else s
    closed = _close_link(text, s, e)
    if closed == e and e < len(text) and e > s and text[e].isalnum() and text[e - 1].isalnum():
        space = text.rfind(" ", s, e)  # stops inside a word
        e = space if space > s else e
        closed = _close_link(text, s, e)
    e = closed
    s, e = _strip_edges(text, s, e)
    e = _close_emphasis(text, s, e)
    while e > s and text[e - 1] in _EDGE + ",;:":
        e -= 1
    if word_count(text[s:e]) < 2:
        return start, end
    return s, e


_EMPTY_EMPHASIS = lazy(r"(\*\*|__)[^\w*]{0,3}\1$")


def _strip_edges(text: str, s: int, e: int) -> tuple[int, int]:
    """Drop spaces, bars and heading marks at both ends, and an emphasis mark that opens or closes
    nothing inside the quote."""
    while True:
        before = (s, e)
        while s < e and text[s] in _EDGE:
            s += 1
        while e > s and text[e - 1] in _EDGE:
            e -= 1
        quote = text[s:e]
        for mark in ("**", "__", "*", "_"):
            if quote.startswith(mark) and quote.count(mark) % 2 == 1:
                s += len(mark)
                break
        quote = text[s:e]
        for mark in ("**", "__", "*", "_"):
            if quote.endswith(mark) and quote.count(mark) % 2 == 1:
                e -= len(mark)
                break
        empty = _EMPTY_EMPHASIS.search(text[s:e])
        if empty is not None and empty.start() > 0:
            e = s + empty.start()  # '**.**': an emphasis of punctuation only
        if (s, e) == before:
            return s, e


def _close_link(text: str, s: int, e: int) -> int:
    """Move the end of a quote out of a link target it stops inside."""
    quote = text[s:e]
    open_link = quote.rfind("](")
    if open_link == -1 or ")" in quote[open_link:]:
        return e
    close = text.find(")", e, e + _LINK_REACH)
    if close != -1 and close + 1 - s <= MAX_QUOTE_LENGTH:
        return close + 1
    bracket = quote.rfind("[", 0, open_link)
    return s + bracket if bracket > 0 else e


def _close_emphasis(text: str, s: int, e: int) -> int:
    """Close a ``**`` emphasis left open at the end of a quote when its words follow closely,
    else end the quote before it (an emphasis of punctuation only is dropped)."""
    quote = text[s:e]
    if quote.count("**") % 2 == 0:
        return e
    opened = s + quote.rfind("**")
    close = text.find("**", e, e + _EMPHASIS_REACH)
    if (
        close != -1
        and "\n\n" not in text[e:close]
        and any(ch.isalpha() for ch in text[opened + 2 : close])
        and close + 2 - s <= MAX_QUOTE_LENGTH
    ):
        return close + 2
    return opened if opened > s else e


def _widest_cell(text: str, s: int, e: int) -> tuple[int, int]:
    """The table cell of ``text[s:e]`` with the most letters (a row quote names one value)."""
    best, best_letters, pos = (s, e), -1, s
    for cell in text[s:e].split("|"):
        letters = sum(ch.isalpha() for ch in cell)
        if letters > best_letters:
            best, best_letters = (pos, pos + len(cell)), letters
        pos += len(cell) + 1
    return best


def _verify(changes: list[Change], diff: DiffResult) -> list[Flag]:
    """Every quote must stand verbatim in its document (true by construction; checked anyway).

    A quote is looked for first around its change's hunks (:data:`VERIFY_SLACK` characters either
    side, a bounded ``str.find``), then in the whole version: the same answer (found near its
    hunk, it is in the document), without scanning a long version up to every quote."""
    flags = []
    hunks = {h.id: h for h in diff.hunks}
    for c in changes:
        own = [hunks[i] for i in c.hunk_ids if i in hunks]
        old_near = [(h.old_start - VERIFY_SLACK, h.old_end + VERIFY_SLACK) for h in own]
        new_near = [(h.new_start - VERIFY_SLACK, h.new_end + VERIFY_SLACK) for h in own]
        for q in c.quotes_old:
            if not _stands(q, diff.old.text, old_near):
                flags.append(Flag(code="quote_not_found", message=f"old quote not found: {q[:60]}"))
        for q in c.quotes_new:
            if not _stands(q, diff.new.text, new_near):
                flags.append(Flag(code="quote_not_found", message=f"new quote not found: {q[:60]}"))
    return flags


#: How far around its hunks :func:`_verify` first looks for a quote (a quote's sentence may run
#: past the hunk).
VERIFY_SLACK = 2000


def _stands(quote: str, text: str, near: list[tuple[int, int]]) -> bool:
    """``quote in text``, asked first of the ranges *near* (bounded finds, no copies)."""
    find = text.find
    return any(find(quote, max(0, a), b) >= 0 for a, b in near) or quote in text
