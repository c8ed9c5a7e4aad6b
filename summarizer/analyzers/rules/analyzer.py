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
from summarizer.analyzers.rules.crumbs import breadcrumb
from summarizer.analyzers.rules.provisions import (
    CONTEXT_SEARCH_BLOCKS,
    RIGHTS_CATEGORIES,
    Provision,
    channels,
    provisions_of,
    readable,
)
from summarizer.model.diff import DiffResult
from summarizer.model.document import Document
from summarizer.model.record_data import ChangeData as Change
from summarizer.model.record_data import FlagData as Flag
from summarizer.model.record_data import ProvenanceData as Provenance
from summarizer.model.record_data import RecordData
from summarizer.rubric.severity import overall_severity
from summarizer.rubric.truncation import Truncation, truncated_capture
from summarizer.text.extract import Span, word_count, word_edits
from summarizer.text.lazy_re import lazy

if TYPE_CHECKING:  # pragma: no cover
    from summarizer.model.record import ChangeRecord

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
        triage = provisions_of(diff)
        provisions, planted = _set_aside_instructions(_fold_repeats(triage.provisions))
        assessed = time.perf_counter()
        kinds = text.cosmetic_kinds(diff.hunks, triage.furniture, triage.link_only)
        substantive = [p for p in provisions if is_material(p)]
        mismatch = different_document(diff)
        if mismatch or not substantive:
            record = self._not_material(diff, provisions, kinds, mismatch, cut)
        else:
            record = self._material(diff, provisions, kinds)
        if cut is not None and not mismatch:
            _flag_truncation(record, cut)
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
        rewordings = [p for p in provisions if p.kind != "moved"]
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
        categories: list[str] = []
        for p in provisions:
            if p.category not in categories:
                categories.append(p.category)
        severity = overall_severity([p.assessment for p in provisions if p.assessment is not None])
        flags = _verify(changes, diff)
        unclear = _unclear_flag(changes)
        if unclear is not None:
            flags.append(unclear)
        return RecordData(
            material=True,
            severity=severity.value if severity.value != "none" else "low",
            direction=record_direction(changes),
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


def record_direction(changes: list[Change]) -> str:
    """The record's direction for the user from its changes' confident claims: worse, better,
    mixed, neutral, or unclear when no change makes a confident claim either way (issue 12).

    A change that only restates (``same``) counts as neutral; ``unclear`` changes claim nothing."""
    claims = {c.direction for c in changes if c.direction in ("up", "down", "same")}
    if not claims:
        return "unclear"
    if {"up", "down"} <= claims:
        return "mixed"
    if "up" in claims:
        return "worse"
    if "down" in claims:
        return "better"
    return "neutral"


def _unclear_flag(changes: list[Change]) -> Flag | None:
    """A flag naming the changes whose direction could not be told from the text."""
    unclear = [c for c in changes if c.direction == "unclear"]
    if not unclear:
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
    if prov.kind == "moved":
        return False
    s = prov.signals
    if _only_headings(prov) and not (s.negation or s.modality):
        return False  # a heading names a section; the section's text says what it allows
    if prov.direction not in ("same", "unclear"):
        return True
    if prov.category == "contact_generic":
        return False
    if prov.direction == "unclear":  # changed, and the rubric cannot tell which way: a reader should look
        return True
    if s.numbers or s.parties_added or s.negation or s.modality:
        return True
    if (s.parties_removed or s.enumerations) and not _example_dropped(prov):
        return True
    if prov.kind in ("added", "removed"):
        return True
    if prov.category in RIGHTS_CATEGORIES and channels(prov.old_text) != channels(prov.new_text):
        return True  # how to exercise a right changed (an email or phone line dropped, a form added)
    old, new = readable(prov.old_text), readable(prov.new_text)
    if figures(old) != figures(new):
        return True  # a figure changed (in any language); dates were already filtered as cosmetic
    return (
        _readable_changed_words(prov) >= REWRITE_WORDS
    )  # a long rewrite may change what the rubric cannot see


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


def different_document(diff: DiffResult, min_blocks: int = 20, max_shared: float = 0.1) -> str | None:
    """A sentence when the two versions share almost no text (a capture of another page)."""
    old_norms = {b.norm for b in diff.old.blocks if b.norm.count(" ") >= 3}
    new_norms = {b.norm for b in diff.new.blocks if b.norm.count(" ") >= 3}
    if min(len(old_norms), len(new_norms)) < min_blocks:
        return None
    shared = len(old_norms & new_norms) / min(len(old_norms), len(new_norms))
    if shared >= max_shared or _same_kind_of_title(diff.old.title, diff.new.title):
        return None  # a real wholesale rewrite keeps the document's title or kind
    title = f" ({diff.new.title!r})" if diff.new.title and diff.new.title != diff.old.title else ""
    return (
        f"The two versions share only {round(100 * shared)}% of their paragraphs, so the new capture"
        f"{title} is probably another page, not a new version of this document."
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
    """True when the new title names the same kind of legal document as the old one (or either
    version has no title, so nothing speaks against it)."""
    if not old or not new:
        return True
    o, n = old.lower(), new.lower()
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
        if doc.text[span.start : span.end] == span.text and span.text not in out:
            out.append(span.text)
        if len(out) == limit:
            break
    return out


def _verify(changes: list[Change], diff: DiffResult) -> list[Flag]:
    """Every quote must stand verbatim in its document (true by construction; checked anyway)."""
    flags = []
    for c in changes:
        for q in c.quotes_old:
            if q not in diff.old.text:
                flags.append(Flag(code="quote_not_found", message=f"old quote not found: {q[:60]}"))
        for q in c.quotes_new:
            if q not in diff.new.text:
                flags.append(Flag(code="quote_not_found", message=f"new quote not found: {q[:60]}"))
    return flags
