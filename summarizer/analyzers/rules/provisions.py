"""From hunks to provisions: the offline analyzer's middle stage.

A *unit* is the change-bearing part of one hunk (the sentences a modified block changed, one
paragraph of an added or removed run, a moved block), classified into taxonomy ids. A *provision*
is a category within the document: nearby units of the same category in the same section, each
provision assessed once with the severity rubric (before → after, direction, reason).
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

from summarizer.analyzers.rules.audience import (
    business_audience,
    business_labels,
    conduct_document,
    conduct_labels,
)
from summarizer.analyzers.rules.entry_text import entry_run, plain_entry
from summarizer.analyzers.rules.list_items import ListItem, entry_of_list
from summarizer.analyzers.rules.names import laws, privacy_law_named
from summarizer.model.diff import DiffResult, Hunk, Signals
from summarizer.model.document import Block
from summarizer.model.taxonomy import CATEGORIES, Severity
from summarizer.rubric.classifier import classify, score_all
from summarizer.rubric.severity import Assessment, assess_change, change_severity
from summarizer.text.dates import DATE
from summarizer.text.extract import (
    Edit,
    RangeIndex,
    Span,
    quote_from,
    sentences,
    sentences_touching,
    word_count,
    word_count_upto,
    word_edits,
)
from summarizer.text.lazy_re import lazy
from summarizer.text.normalise import loose_key, normalise

GAP_CHARS = 3000  # units of one category and section further apart than this are separate provisions
MIN_SPLIT_WORDS = 4  # a whole sentence added to (or cut from) a changed paragraph is its own unit
MAX_QUOTES = 2
_PARA_SPLIT = lazy(r"\n[ \t]*\n")
_MD_IMAGE = lazy(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = lazy(r"\[([^\]]*)\]\([^)]*\)")
_HTML_TAG = lazy(r"</?[a-zA-Z][^>]*>")
_LINK_TARGET = lazy(r"\]\([^)]*\)")
_URL = lazy(r"https?://[^\s<>]+|www\.[^\s<>]+|[^\s<>]+@[^\s<>]+\.\w+")  # a URL ends at an HTML tag ('<br>')
_FURNITURE = lazy(
    r"^(?:skip to (?:main )?content|back to top|go back to top(?: of this page)?|print(?: this (?:page|policy))?|"
    r"open all|close all|manage preferences|cookie settings|accept(?: all)?(?: cookies)?|reject all|"
    r"table of contents|contents|menu|home|sitemap|share|tweet|advertisement|\W*|"
    r"this page was last (?:edited|modified|updated) .*|text is available under .*|(?:copyright )?© .*|"
    r"all rights reserved\.?|(?:log in|sign in|sign up)(?: .{0,20})?)$",
    re.I,
)


@dataclass
class Unit:
    """The change-bearing part of one hunk."""

    hunk: Hunk
    kind: str  # added | removed | modified | moved
    section: tuple[str, ...]
    old_text: str  # the sentences that carry the change (old side), '' when none
    new_text: str
    pos: int  # position in the new text (insertion point for removals)
    quotes_old: list[Span] = field(default_factory=list)  # in old-document offsets
    quotes_new: list[Span] = field(default_factory=list)  # in new-document offsets
    edits: list[Edit] = field(default_factory=list)  # word edits, offsets local to hunk.old_text/new_text
    labels: list[str] = field(default_factory=list)
    changed_words: int = 0
    heading: bool = False  # both sides are a heading (renamed or renumbered), not provision text
    entry: bool = False  # a short entry of a lead-in list that reads like a button (entry_text.py)

    @property
    def category(self) -> str:
        return self.labels[0] if self.labels else "contact_generic"


@dataclass
class Provision:
    """A category within the document, with its units and severity assessment."""

    category: str
    section: tuple[str, ...]
    units: list[Unit] = field(default_factory=list)
    old_context: str = ""  # unchanged text of the same provision (for one-sided changes)
    new_context: str = ""
    assessment: Assessment | None = None
    kind: str = "reworded"
    signals: Signals = field(default_factory=Signals)
    repeats: list["Provision"] = field(default_factory=list)  # the same change elsewhere in the document
    companion: bool = False  # a second reading of another provision's units (ai.py: AI, age checks)
    renames_only: bool = False  # every edit renames a term the document renames everywhere (renames.py)
    restated: bool = False  # every changed sentence still stands in the other version (restated.py)
    list_items: list[ListItem] = field(default_factory=list)  # items a list gained or lost (list_items.py)

    @property
    def start(self) -> int:
        return self.units[0].pos

    @property
    def end(self) -> int:
        return self.units[-1].pos

    @property
    def old_text(self) -> str:
        return "\n".join(u.old_text for u in self.units if u.old_text)

    @property
    def new_text(self) -> str:
        return "\n".join(u.new_text for u in self.units if u.new_text)

    @property
    def changed_words(self) -> int:
        return sum(u.changed_words for u in self.units)

    @property
    def labels(self) -> set[str]:
        return {lab for u in self.units for lab in u.labels[:2]}

    @property
    def before(self) -> Severity:
        return self.assessment.before if self.assessment else Severity.none

    @property
    def after(self) -> Severity:
        return self.assessment.after if self.assessment else Severity.none

    @property
    def direction(self) -> str:
        return self.assessment.direction if self.assessment else "same"

    @property
    def importance(self) -> Severity:
        """How much this change matters to a user (the rubric's change severity)."""
        return change_severity(self.assessment) if self.assessment else Severity.none

    def rank_key(self) -> tuple:
        """Most severe first: how much it matters, worse before better, size of the shift, size."""
        shift = abs(self.after.rank - self.before.rank)
        return (
            self.category != "contact_generic",
            self.importance.rank,
            self.direction == "up",
            self.direction == "down",
            shift,
            CATEGORIES[self.category].tendency.rank,
            self.changed_words,
        )


# --- page furniture ------------------------------------------------------------------------------

#: A passage with this many words outside its links is no furniture (unless every line is).
FURNITURE_WORDS = 6


def is_furniture(text: str) -> bool:
    """Capture noise rather than policy text: navigation, images, bare links, ads, buttons."""
    # each substitution only where its pattern can match (every match holds that literal): the
    # same result, without scanning every paragraph five times
    clean = _HTML_TAG.sub(" ", text) if "<" in text else text
    had_tags = clean != text
    if "![" in clean:
        clean = _MD_IMAGE.sub(" ", clean)
    if "](" in clean:
        linked = word_count(" ".join(m.group(1) for m in _MD_LINK.finditer(clean)))
        outside_text = _strip_urls(_LINK_TARGET.sub(" ", _MD_LINK.sub(" ", clean)))
        readable = _strip_urls(_LINK_TARGET.sub(" ", _MD_LINK.sub(r"\1", clean)))
    else:
        linked = 0
        outside_text = readable = _strip_urls(clean)
    outside = word_count_upto(outside_text, FURNITURE_WORDS)  # only compared with FURNITURE_WORDS or less
    if had_tags and not re.search(r"[.!?]", outside_text):
        return True  # embedded markup (iframes, scripts) around a few menu words
    lines = [ln.strip(" \t*-•#>|_") for ln in readable.splitlines()]
    lines = [ln for ln in lines if ln]
    if not lines or all(_FURNITURE.match(ln) for ln in lines):
        return True
    if outside >= FURNITURE_WORDS:
        return False
    total = outside + linked
    if total == 0:
        return True
    # a list of links (a menu), or a button-like line of a few words
    return linked / total >= 0.6 or (total <= 3 and not re.search(r"[.!?]\s*$", readable.strip()))


def _strip_urls(text: str) -> str:
    """:data:`_URL` matches replaced by a space (only scanned for when one could be there)."""
    return _URL.sub(" ", text) if ("://" in text or "www." in text or "@" in text) else text


# --- units ---------------------------------------------------------------------------------------


def _rank_sentences(sents: list[Span], ranges: list[tuple[int, int]]) -> list[Span]:
    index = RangeIndex(ranges)
    return sorted(sents, key=lambda s: -index.covered(s.start, s.end))


def _quote_spans(text: str, base: int, sents: list[Span], ranges: list[tuple[int, int]]) -> list[Span]:
    out = []
    for sent in _rank_sentences(sents, ranges)[:MAX_QUOTES]:
        focus = next(((b, e) for b, e in ranges if b < sent.end and e >= sent.start), None)
        q = quote_from(text, sent, focus)
        out.append(Span(base + q.start, base + q.end, q.text))
    return sorted(out, key=lambda s: s.start)


def _whole_sentences(touched: list[Span], ranges: list[tuple[int, int]]) -> list[Span]:
    """The sentences among *touched* (those of a text that *ranges* touch) that are new (or gone)
    almost word for word (nine tenths of their characters inside the ranges), when another touched
    sentence remains."""
    index = RangeIndex(ranges)
    whole = [
        s
        for s in touched
        if word_count(s.text) >= MIN_SPLIT_WORDS and index.covered(s.start, s.end) >= 0.9 * (s.end - s.start)
    ]
    return whole if len(whole) < len(touched) else []


def _modified_units(h: Hunk) -> list[Unit]:
    """The unit of a modified hunk, and apart from it each whole sentence the edit adds or removes
    (an added sentence is an addition, rated on its own words, so an appended sentence on another
    subject never takes the paragraph's change over)."""
    edits = word_edits(h.old_text, h.new_text)
    # each side split into sentences once, for the whole sentences and for the unit
    touched = (
        sentences_touching(h.old_text, [e.old for e in edits]),
        sentences_touching(h.new_text, [e.new for e in edits]),
    )
    added = _whole_sentences(touched[1], [e.new for e in edits])
    removed = _whole_sentences(touched[0], [e.old for e in edits])
    unit = _modified_unit(h, edits, skip_old=removed, skip_new=added, touched=touched)
    if added or removed:  # only a sentence on another subject than the rest of the edit stands apart
        subject = _subject(_classify_text(unit)) if unit is not None else None
        kept_added = [s for s in added if _subject(s.text) != subject]
        kept_removed = [s for s in removed if _subject(s.text) != subject]
        if (kept_added, kept_removed) != (added, removed):  # some rejoin the paragraph's unit
            added, removed = kept_added, kept_removed
            unit = _modified_unit(h, edits, skip_old=removed, skip_new=added, touched=touched)
    units = [unit] if unit is not None else []
    for side, sents in (("new", added), ("old", removed)):
        base = h.new_start if side == "new" else h.old_start
        for sent in sents:
            quote = Span(base + sent.start, base + sent.end, sent.text)
            one = Unit(
                hunk=h,
                kind="added" if side == "new" else "removed",
                section=h.section,
                old_text=sent.text if side == "old" else "",
                new_text=sent.text if side == "new" else "",
                pos=h.new_start + (sent.start if side == "new" else 0),
                changed_words=word_count(sent.text),
            )
            if side == "new":
                one.quotes_new = [quote]
            else:
                one.quotes_old = [quote]
            units.append(one)
    return sorted(units, key=lambda u: u.pos)


def _subject(text: str) -> str:
    """The top category *text* is classified into (contact_generic when none)."""
    labels = classify(text)
    return labels[0] if labels else "contact_generic"


def _modified_unit(
    h: Hunk,
    edits: list[Edit],
    skip_old: Sequence[Span] = (),
    skip_new: Sequence[Span] = (),
    touched: tuple[list[Span], list[Span]] | None = None,
) -> Unit | None:
    """The unit of a modified (or moved and edited) hunk: the sentences its edits touch on each
    side (*touched*, when the caller has already split them), less the ones set apart."""
    ra, rb = [e.old for e in edits], [e.new for e in edits]
    if touched is None:
        touched = (sentences_touching(h.old_text, ra), sentences_touching(h.new_text, rb))
    skip_o, skip_n = {s.start for s in skip_old}, {s.start for s in skip_new}
    so = [s for s in touched[0] if s.start not in skip_o]
    sn = [s for s in touched[1] if s.start not in skip_n]
    if not so and not sn:
        return None
    old_text = " ".join(s.text for s in so)
    new_text = " ".join(s.text for s in sn)
    changed = sum(word_count(h.old_text[b:e]) for b, e in ra) + sum(
        word_count(h.new_text[b:e]) for b, e in rb
    )
    unit = Unit(
        hunk=h,
        kind=h.kind,
        section=h.section,
        old_text=old_text,
        new_text=new_text,
        pos=h.new_start,
        quotes_old=_quote_spans(h.old_text, h.old_start, so, ra),
        quotes_new=_quote_spans(h.new_text, h.new_start, sn, rb),
        changed_words=changed,
        edits=edits,
    )
    return unit


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans of a run of blocks; a heading-like short line joins the paragraph after it."""
    spans, pos = [], 0
    for m in _PARA_SPLIT.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    spans = [(s, e) for s, e in spans if text[s:e].strip()]
    merged: list[tuple[int, int]] = []
    open_heading = False  # the last span is a heading still waiting for its body
    for s, e in spans:
        piece = text[s:e].strip()
        if merged and open_heading and not _heading_like(piece):
            merged[-1] = (merged[-1][0], e)
            open_heading = False
        else:
            merged.append((s, e))
            open_heading = _heading_like(piece)
    return merged


def _heading_like(piece: str) -> bool:
    """One line that reads like a heading (Markdown, setext, or short without a full stop)."""
    lines = piece.strip().splitlines()
    if len(lines) == 2 and lines[1].strip() and set(lines[1].strip()) <= set("=-"):
        return True  # setext heading
    if len(lines) != 1:
        return False
    line = lines[0].strip()
    return line.startswith("#") or (len(line.split()) <= 12 and not re.search(r"[.!?:;]\s*$", line))


HEADING_WORDS = 20


def _blocks_in(doc_blocks: list[Block], start: int, end: int) -> list[Block]:
    i = max(0, bisect_left(doc_blocks, start, key=_block_start) - 1)
    out = []
    while i < len(doc_blocks) and doc_blocks[i].start < max(end, start + 1):
        if doc_blocks[i].end > start:
            out.append(doc_blocks[i])
        i += 1
    return out


def _block_start(block: Block) -> int:
    return block.start


def _block_index(block: Block) -> int:
    return block.index


def _heading_change(diff: DiffResult, h: Hunk) -> bool:
    """Both sides of a modified hunk are one heading: a heading block on at least one side, and
    on the other a heading or a lone short line without a full stop (never a list item or table
    row, which can carry a provision without punctuation)."""
    old = _blocks_in(diff.old.blocks, h.old_start, h.old_end)
    new = _blocks_in(diff.new.blocks, h.new_start, h.new_end)
    if len(old) != 1 or len(new) != 1:
        return False
    kinds = {old[0].kind, new[0].kind}
    if not kinds <= {"heading", "paragraph", "list_item"} or kinds == {"list_item"}:
        return False
    if "list_item" in kinds and "heading" not in kinds:
        return False  # a list item becomes a heading only when the new layout says so
    if "heading" not in kinds and kinds != {"paragraph"}:
        return False
    if not all(_short_line(b.text) for b in old + new):
        return False
    if kinds == {"paragraph"}:  # no heading markup: it must read as a title, not a broken sentence
        return not any(
            "," in b.text or _continues(blocks, b)
            for blocks, b in ((diff.old.blocks, old[0]), (diff.new.blocks, new[0]))
        )
    return True


def _continues(blocks: list[Block], block: Block) -> bool:
    """The next block starts in lower case: this one is the first half of a broken sentence."""
    nxt = blocks[block.index + 1] if block.index + 1 < len(blocks) else None
    return nxt is not None and bool(re.match(r"[\W_]*[a-z]", nxt.text))


def _short_line(text: str) -> bool:
    lines = [ln for ln in text.strip().splitlines() if ln.strip() and not set(ln.strip()) <= set("=-")]
    if len(lines) != 1:
        return False
    line = re.sub(r"^\s*(?:#{1,6}|[-*+•]|\d{1,3}(?:\.\d{1,3})*\.?)\s*", "", lines[0]).strip(" *_")
    return 0 < word_count(line) <= HEADING_WORDS and not re.search(r"[.!?;]\s*$", line)


_MARKER_ONLY = lazy(r"[-*+•]|\(?(?:\d{1,3}|[a-z]|[ivx]{1,5})[.)]", re.I)


def _one_sided_units(h: Hunk, doc: str = "", other: str = "") -> list[Unit]:
    old_side = h.kind == "removed"
    text = h.old_text if old_side else h.new_text
    base = h.old_start if old_side else h.new_start
    units = []
    for s, e in _paragraphs(text):
        piece = text[s:e]
        entry = False
        if _heading_like(piece) and not _law_item(piece):
            entry = entry_of_list(doc, base + s, piece)
        button = is_furniture(piece)
        kept_entry = (button and entry and plain_entry(piece)) or entry_run(doc, base + s, piece, other)
        if (button and not kept_entry) or (_heading_like(piece) and not _law_item(piece) and not entry):
            continue  # a bare heading is structure, not a provision (a list item naming a law is not one,
            # nor an entry of a list that a lead-in introduces: list_items.py)
        sents = [Span(s + x.start, s + x.end, x.text) for x in sentences(piece)]
        if entry:  # quote the entry, not its marker ('4.')
            sents = [x for x in sents if not _MARKER_ONLY.fullmatch(x.text.strip())] or sents
        if not sents:
            continue
        focus = [(sents[0].start, sents[0].end)]
        quotes = _quote_spans(text, base, sents[:1] if len(sents) == 1 else _substantive(sents), focus)
        body = piece.strip()
        unit = Unit(
            hunk=h,
            kind=h.kind,
            section=h.section,
            old_text=body if old_side else "",
            new_text="" if old_side else body,
            pos=h.new_start + (0 if old_side else s),
            changed_words=word_count(body),
            entry=kept_entry,
        )
        if old_side:
            unit.quotes_old = quotes
        else:
            unit.quotes_new = quotes
        units.append(unit)
    return units


def _law_item(piece: str) -> bool:
    """A list item that names a law ('*   Kentucky Consumer Data Protection Act (KCDPA)')."""
    return piece.lstrip().startswith(("*", "-", "+", "•")) and bool(laws(piece))


def _substantive(sents: list[Span]) -> list[Span]:
    """Prefer real sentences (several words, not a heading) for quotes."""
    real = next((s for s in sents if word_count(normalise(s.text)) >= 5 and not _heading_like(s.text)), None)
    return [real] if real is not None else sents[:1]


def _moved_unit(h: Hunk) -> Unit:
    if h.changes:
        unit = _modified_unit(h, word_edits(h.old_text, h.new_text))
        if unit is not None:
            return unit
    so, sn = _substantive(sentences(h.old_text)), _substantive(sentences(h.new_text))
    unit = Unit(
        hunk=h,
        kind="moved",
        section=h.section,
        old_text=h.old_text.strip(),
        new_text=h.new_text.strip(),
        pos=h.new_start,
        changed_words=0,
    )
    unit.quotes_old = [
        Span(h.old_start + s.start, h.old_start + s.end, s.text)
        for s in (quote_from(h.old_text, x) for x in so)
    ]
    unit.quotes_new = [
        Span(h.new_start + s.start, h.new_start + s.end, s.text)
        for s in (quote_from(h.new_text, x) for x in sn)
    ]
    return unit


def only_link_targets(old: str, new: str) -> bool:
    """True when two texts differ only inside Markdown link targets (even ones the loader's
    link pattern does not recognise, such as 'mailto: name@example.com')."""

    def key(text: str) -> str:
        return loose_key(_URL.sub(" ", _LINK_TARGET.sub("]", text)))

    return key(old) == key(new)


def readable(text: str) -> str:
    """The words a reader sees: images dropped, links reduced to their labels, bare URLs dropped."""
    return _URL.sub(" ", _LINK_TARGET.sub("]", _MD_IMAGE.sub(" ", text)))


def readable_key(text: str) -> str:
    """Comparison key of :func:`readable` text: words only, lower case."""
    return loose_key(readable(text))


_PLACEHOLDER = lazy(
    r"\\?\[(?:enter|insert|add|tbd|tbc|todo|xx+|date|name of)\b[^\]\n]{0,60}\]|\bTODO\b", re.I
)
PLACEHOLDER_SLACK = 5  # words besides the dates that may differ around a placeholder


def placeholder_for_dates(old: str, new: str) -> bool:
    """The new text put template placeholders ('[date of publication]') where the old one had
    dates, and otherwise differs by a few words at most: a template published unfilled, not a
    change of terms (whatever a placeholder says, e.g. '[enter date ~ 2 weeks later]')."""
    if not _PLACEHOLDER.search(new) or _PLACEHOLDER.search(old) or not DATE.search(old):
        return False
    a = readable(DATE.sub(" DATE ", old))
    b = readable(_PLACEHOLDER.sub(" DATE ", new))
    ka, kb = loose_key(a).split(), loose_key(b).split()
    if ka.count("date") != kb.count("date"):
        return False
    changed = sum(
        max(i2 - i1, j2 - j1)
        for op, i1, i2, j1, j2 in SequenceMatcher(None, ka, kb, autojunk=False).get_opcodes()
        if op != "equal"
    )
    return changed <= PLACEHOLDER_SLACK


REGION_GAP = 400  # hunks closer than this (in both versions) are read together


def resegmented(diff: DiffResult) -> set[int]:
    """Ids of substantive hunks that, read together with their neighbours, say the same words in
    both versions: a passage split or joined differently, an image taken out of a link. The diff
    sees removals and additions there; a reader sees the same text."""
    ordered = sorted((h for h in diff.hunks if h.kind != "moved"), key=lambda h: (h.old_start, h.new_start))
    regions: list[list[Hunk]] = []
    for h in ordered:
        last = regions[-1][-1] if regions else None
        if (
            last is not None
            and 0 <= h.old_start - last.old_end <= REGION_GAP
            and 0 <= h.new_start - last.new_end <= REGION_GAP
        ):
            regions[-1].append(h)
        else:
            regions.append([h])
    found: set[int] = set()
    # a passage repeated in the versions (a long document that holds a text several times) makes
    # the same region texts again: each text's key is worked out once
    keys: dict[str, str] = {}

    def key_of(text: str) -> str:
        key = keys.get(text)
        if key is None:
            key = keys[text] = readable_key(text)
        return key

    for region in regions:
        if all(h.cosmetic for h in region) or not any(h.kind in ("added", "removed") for h in region):
            continue  # a lone modified hunk is judged by the cosmetic filter and the rubric
        old = diff.old.text[region[0].old_start : max(h.old_end for h in region)]
        new = diff.new.text[region[0].new_start : max(h.new_end for h in region)]
        key = key_of(old)
        if key and key == key_of(new):
            found.update(h.id for h in region if not h.cosmetic)
    return found


def build_units(diff: DiffResult) -> tuple[list[Unit], list[Hunk], list[Hunk]]:
    """Units of every substantive hunk; the hunks set aside as page furniture (or as the same
    words split differently); and those whose only change is a link target."""
    units: list[Unit] = []
    furniture: list[Hunk] = []
    cosmetic_links: list[Hunk] = []
    same_words = resegmented(diff)
    for h in diff.hunks:
        if h.cosmetic:
            continue
        if h.id in same_words:
            furniture.append(h)
            continue
        if h.kind in ("added", "removed"):
            found = _one_sided_units(
                h,
                *((diff.old.text, diff.new.text) if h.kind == "removed" else (diff.new.text, diff.old.text)),
            )
        elif h.kind == "moved":
            found = [_moved_unit(h)]
        elif only_link_targets(h.old_text, h.new_text):
            cosmetic_links.append(h)
            continue
        elif placeholder_for_dates(h.old_text, h.new_text):
            furniture.append(h)  # a template published unfilled: capture_problems says so
            continue
        else:
            found = _modified_units(h)
            if found and is_furniture(h.old_text) and is_furniture(h.new_text):
                found = []
        if not found:
            furniture.append(h)
        for unit in found:
            unit.heading = unit.kind in ("modified", "moved") and _heading_change(diff, h)
        units.extend(found)
    section_labels: dict[tuple[str, ...], str | None] = {}
    from summarizer.analyzers.rules.ai import ai_score  # noqa: PLC0415 (it imports this module)

    for unit in units:
        labels = classify(_classify_text(unit)) or ["contact_generic"]
        if "ai_training" in labels and not ai_score(_classify_text(unit)):  # only an AI product's name
            labels = [lab for lab in labels if lab != "ai_training"] or ["contact_generic"]
        if unit.section not in section_labels:
            section_labels[unit.section] = _section_category(unit.section)
        hint = section_labels[unit.section]
        if hint is not None and hint != labels[0] and _fires(hint, _classify_text(unit)):
            labels = [hint] + [lab for lab in labels if lab != hint]
        if labels[0] == "contact_generic":
            right = rights_channel_change(unit.old_text, unit.new_text)
            if right is not None:  # how to exercise a right changed: not just contact details
                labels = [right] + [lab for lab in labels if lab != right]
            elif privacy_law_named(unit.old_text, unit.new_text):  # a privacy law gives users rights
                labels = ["user_rights"] + [lab for lab in labels if lab != "user_rights"]
        unit.labels = labels
    if units and business_audience(diff.new.text):  # rules for advertisers, sellers ... (audience.py)
        for unit in units:
            unit.labels = business_labels(unit.labels, _classify_text(unit))
    elif units and conduct_document(diff.new.title or diff.old.title, diff.new.text):
        for unit in units:  # rules of conduct for users (audience.py)
            unit.labels = conduct_labels(unit.labels, _classify_text(unit))
    return units, furniture, cosmetic_links


RIGHTS_CATEGORIES = ("user_rights", "choice_consent")
MIN_RIGHTS_SCORE = 0.5
_EMAIL_ADDR = lazy(r"mailto:|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.I)
_PHONE = lazy(r"(?<![\w/.])\+?\(?\d[\d\s().-]{6,}\d(?![\w/])")
_WEB = lazy(r"https?://|www\.|\b(?:online|web) form\b|\bwebform\b|\bportal\b", re.I)
_POSTAL = lazy(r"\b(?:write to us|by (?:post|mail)|postal address|mailing address)\b", re.I)


_RIGHT_ACTION = lazy(
    r"\b(?:request\w*|opt(?:ing)?[- ]?out|unsubscrib\w*|withdraw\w*|exercis\w*|delet\w*|"
    r"eras\w*|rectif\w*|correct\w*|object\w*|appeal\w*)\b",
    re.I,
)


def channels(text: str) -> frozenset[str]:
    """The kinds of channel a text offers for reaching the company: email, phone, web, post."""
    found = set()
    if _EMAIL_ADDR.search(text):
        found.add("email")
    if any(
        sum(ch.isdigit() for ch in m.group(0)) >= 7
        for m in _PHONE.finditer(DATE.sub(" ", _URL.sub(" ", text)))
    ):
        found.add("phone")
    if _WEB.search(text):
        found.add("web")
    if _POSTAL.search(text):
        found.add("post")
    return frozenset(found)


def rights_channel_change(old: str, new: str) -> str | None:
    """The right (``user_rights`` or ``choice_consent``) whose request channel changed: the
    passage is about exercising a right (requesting deletion or access, opting out ...) and the
    kinds of channel it offers (email, phone, web form, post) differ between the versions."""
    if channels(old) == channels(new) or not _RIGHT_ACTION.search(old + " " + new):
        return None
    hits = score_all(old + "\n" + new)
    best = max(RIGHTS_CATEGORIES, key=lambda c: hits[c].score if c in hits else 0.0)
    return best if best in hits and hits[best].score >= MIN_RIGHTS_SCORE else None


@lru_cache(maxsize=4096)
def _fires(category: str, text: str) -> bool:
    """True when any term of *category* fires in *text*: with the section heading naming the same
    category, that is enough to prefer it."""
    hit = score_all(text).get(category)
    return hit is not None and hit.score > 0


def _section_category(section: tuple[str, ...]) -> str | None:
    """The category the nearest informative heading names ('How long we keep your data' ->
    data_retention), used to break ties between a passage's labels."""
    for title in reversed(section):
        labels = classify(title)
        if labels and labels[0] != "contact_generic":
            return labels[0]
    return None


def _classify_text(unit: Unit) -> str:
    if unit.old_text and unit.new_text:
        return unit.old_text + "\n" + unit.new_text
    return unit.old_text or unit.new_text


# --- provisions ----------------------------------------------------------------------------------


def group_units(units: list[Unit]) -> list[Provision]:
    """Nearby units of the same category and section form one provision; a removal next to an
    addition that shares a category with it (a replaced passage) forms one provision too."""
    provisions: list[Provision] = []
    open_: dict[tuple[str, tuple[str, ...]], Provision] = {}
    for unit in sorted(units, key=lambda u: u.pos):
        key = (unit.category, unit.section)
        prov = open_.get(key)
        if prov is not None and unit.pos - prov.end <= GAP_CHARS:
            prov.units.append(unit)
            continue
        prov = Provision(category=unit.category, section=unit.section, units=[unit])
        provisions.append(prov)
        open_[key] = prov
    return _merge_replacements(provisions)


def _one_side(p: Provision) -> str | None:
    if all(u.kind == "removed" for u in p.units):
        return "old"
    if all(u.kind == "added" for u in p.units):
        return "new"
    return None


def _merge_replacements(provisions: list[Provision]) -> list[Provision]:
    out: list[Provision] = []
    for prov in provisions:
        prev = next((p for p in reversed(out) if p.section == prov.section), None)
        if (
            prev is not None
            and abs(prov.start - prev.end) <= GAP_CHARS
            and {_one_side(prev), _one_side(prov)} == {"old", "new"}
        ):
            shared = _shared_category(prev, prov)
            if shared is not None:
                prev.units = sorted(prev.units + prov.units, key=lambda u: (u.pos, u.kind != "removed"))
                prev.category = shared
                continue
        out.append(prov)
    return _pair_across_sections(out)


PAIR_SIMILARITY = 0.3  # word overlap above which a removed and an added passage are one provision


def _pair_across_sections(provisions: list[Provision]) -> list[Provision]:
    """A passage removed in one place and a similar one (same category) added elsewhere are one
    provision that moved and changed: a restructured document should not read as 'all new'."""
    olds = [p for p in provisions if _one_side(p) == "old"]
    news = [p for p in provisions if _one_side(p) == "new"]
    if not olds or not news:
        return provisions
    bags = {id(p): _bag(p.old_text or p.new_text) for p in olds + news}
    labels = {id(p): p.labels - {"contact_generic"} for p in olds + news}  # computed once, not per pair
    candidates = []
    for a in olds:
        for b in news:
            if a.category == b.category or labels[id(a)] & labels[id(b)]:
                sim = _overlap(bags[id(a)], bags[id(b)])
                if sim >= PAIR_SIMILARITY:
                    candidates.append((sim, a, b))
    used: set[int] = set()
    absorbed: set[int] = set()
    for _, a, b in sorted(candidates, key=lambda t: -t[0]):
        if id(a) in used or id(b) in used:
            continue
        used |= {id(a), id(b)}
        b.category = _shared_category(a, b) or b.category
        b.units = a.units + b.units
        absorbed.add(id(a))
    return [p for p in provisions if id(p) not in absorbed]


_BAG_WORD = lazy(r"[a-z0-9]{3,}")


def _bag(text: str) -> frozenset[str]:
    return frozenset(_BAG_WORD.findall(text.lower()))


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b)) if min(len(a), len(b)) >= 8 else len(a & b) / len(a | b)


def _shared_category(a: Provision, b: Provision) -> str | None:
    if a.category == b.category:
        return a.category
    shared = (a.labels & b.labels) - {"contact_generic"}
    if not shared:
        return None
    if a.category in shared:
        return a.category
    if b.category in shared:
        return b.category
    return max(shared, key=lambda c: CATEGORIES[c].tendency.rank)


# --- context and assessment ----------------------------------------------------------------------


CONTEXT_BLOCKS = 12  # how far (in blocks) around a one-sided change to look for its provision
CONTEXT_SIMILARITY = 0.15  # elsewhere in the document, how alike a passage must be to count
# Elsewhere in a document with more untouched passages than this, only this many around the change
# are searched (every bundled pair has fewer than 5,000): bounded work per passage, flagged.
CONTEXT_SEARCH_BLOCKS = 5000


@dataclass
class Sides:
    """Per-analysis view of both documents: which spans changed, which blocks are untouched, and
    an index of the untouched blocks' word bags (each built once per side, on first use)."""

    diff: DiffResult
    old_changed: list[tuple[int, int]] = field(default_factory=list)
    new_changed: list[tuple[int, int]] = field(default_factory=list)
    _index: dict[str, tuple[list[Block], list[int], dict[str, list[int]]]] = field(default_factory=dict)
    _unchanged: dict[str, list[bool]] = field(default_factory=dict)  # per side, by block index
    bounded_searches: int = 0  # context searches limited to CONTEXT_SEARCH_BLOCKS blocks
    _alike: dict[tuple, list[Block]] = field(default_factory=dict)
    _bags: dict[str, frozenset[str]] = field(default_factory=dict)  # block text -> word bag, both sides

    @classmethod
    def of(cls, diff: DiffResult) -> "Sides":
        sides = cls(diff)
        for h in diff.hunks:
            if h.cosmetic:
                continue
            if h.old_end > h.old_start:
                sides.old_changed.append((h.old_start, h.old_end))
            if h.new_end > h.new_start:
                sides.new_changed.append((h.new_start, h.new_end))
        return sides

    def unchanged(self, side: str, block: Block) -> bool:
        """Whether no non-cosmetic change touches *block* (flags computed once per side)."""
        flags = self._unchanged.get(side)
        if flags is None:
            doc = self.diff.old if side == "old" else self.diff.new
            spans = self.old_changed if side == "old" else self.new_changed
            flags = self._unchanged[side] = _untouched(doc.blocks, spans)
        return flags[block.index]

    def most_alike(
        self, side: str, own: frozenset[str], threshold: float, top: int, near: int
    ) -> list[Block]:
        """The unchanged text blocks of *side* whose word bag overlaps *own* by at least
        *threshold* (:func:`_overlap`), most alike first (ties: document order), at most *top*.

        What scoring every block with :func:`_overlap` gives, but through an inverted index
        (word -> blocks, built once per side): shared words are counted in C by
        ``Counter.update`` and only blocks that share a word are scored. A side with more than
        :data:`CONTEXT_SEARCH_BLOCKS` such blocks is searched only among that many around block
        index *near* (bounded work per passage; :attr:`bounded_searches` counts these)."""
        index = self._index.get(side)
        if index is None:
            index = self._index[side] = self._build_index(side)
        blocks, sizes, postings = index
        lo, hi = 0, len(blocks)
        if hi > CONTEXT_SEARCH_BLOCKS:
            self.bounded_searches += 1
            centre = bisect_left(blocks, near, key=_block_index)
            lo = max(0, min(centre - CONTEXT_SEARCH_BLOCKS // 2, hi - CONTEXT_SEARCH_BLOCKS))
            hi = lo + CONTEXT_SEARCH_BLOCKS
        memo_key = (side, own, threshold, top, lo, hi)  # a passage repeated in the document is searched once
        found_before = self._alike.get(memo_key)
        if found_before is not None:
            return list(found_before)
        counts: Counter[int] = Counter()
        for word in own:
            found = postings.get(word)
            if found is not None:
                counts.update(
                    found
                    if lo == 0 and hi >= len(found)
                    else found[bisect_left(found, lo) : bisect_left(found, hi)]
                )
        na = len(own)
        scored = []
        for pos, shared in counts.items():
            nb = sizes[pos]
            least = na if na < nb else nb
            sim = shared / least if least >= 8 else shared / (na + nb - shared)
            if sim >= threshold:
                scored.append((-sim, pos))
        best = [blocks[pos] for _, pos in heapq.nsmallest(top, scored)]
        self._alike[memo_key] = best
        return list(best)

    def _build_index(self, side: str) -> tuple[list[Block], list[int], dict[str, list[int]]]:
        doc = self.diff.old if side == "old" else self.diff.new
        blocks = [b for b in doc.blocks if b.kind in _TEXT_BLOCKS and self.unchanged(side, b)]
        sizes: list[int] = []
        postings: defaultdict[str, list[int]] = defaultdict(list)
        bags = self._bags  # a passage repeated in the document, or untouched on both sides, is read once
        for pos, block in enumerate(blocks):
            bag = bags.get(block.text)
            if bag is None:
                bag = bags[block.text] = _bag(block.text)
            sizes.append(len(bag))
            for word in bag:
                postings[word].append(pos)
        return blocks, sizes, postings


def _untouched(blocks: list[Block], spans: list[tuple[int, int]]) -> list[bool]:
    """Per block index: True when no span (start, end) overlaps the block's [start, end).

    A block is touched when some span starts before the block ends and ends after it starts:
    among the spans sorted by start that begin before the block's end, the furthest end decides.
    O((blocks + spans) log spans) instead of scanning every span for every block."""
    ordered = sorted(spans)
    starts = [s for s, _ in ordered]
    reach: list[int] = []  # reach[i]: the furthest end among the first i + 1 spans
    furthest = -1
    for _, end in ordered:
        furthest = max(furthest, end)
        reach.append(furthest)
    flags = [True] * (max((b.index for b in blocks), default=-1) + 1)
    for block in blocks:
        before = bisect_left(starts, block.end)  # spans with start < block.end
        if before and reach[before - 1] > block.start:
            flags[block.index] = False
    return flags


def _context(sides: Sides, side: str, prov: Provision, at: int, limit: int = 4000) -> str:
    """Unchanged text of the other version that belongs to the same provision: same category in the
    same section near the change, else the most alike passages of that category anywhere."""
    doc = sides.diff.old if side == "old" else sides.diff.new
    centre = bisect_left(doc.blocks, at, key=_block_start)
    lo, hi = max(0, centre - CONTEXT_BLOCKS), min(len(doc.blocks), centre + CONTEXT_BLOCKS)
    parts: list[str] = []
    for block in doc.blocks[lo:hi]:
        if (
            block.section == prov.section
            and block.kind in _TEXT_BLOCKS
            and sides.unchanged(side, block)
            and prov.category in _block_labels(block)[:2]
        ):
            parts.append(block.text.strip())
    if not parts:  # elsewhere in the document: the passages most like this one
        own = _bag(prov.old_text or prov.new_text)
        near = doc.blocks[centre].index if centre < len(doc.blocks) else len(doc.blocks)
        for block in sides.most_alike(side, own, CONTEXT_SIMILARITY, 6, near):
            if prov.category in _block_labels(block)[:2]:
                parts.append(block.text.strip())
                if len(parts) == 3:
                    break
    out, size = [], 0
    for part in parts:
        out.append(part)
        size += len(part)
        if size >= limit:
            break
    return "\n".join(out)


_TEXT_BLOCKS = ("paragraph", "list_item", "table_row")
_LABEL_CACHE: dict[str, list[str]] = {}


def _block_labels(block: Block) -> list[str]:
    labels = _LABEL_CACHE.get(block.text)
    if labels is None:
        if len(_LABEL_CACHE) > 20_000:
            _LABEL_CACHE.clear()
        labels = _LABEL_CACHE[block.text] = classify(block.text)
    return labels


def merge_signals(hunks: list[Hunk]) -> Signals:
    out = Signals()
    seen: set[int] = set()
    for h in hunks:
        if h.id in seen:
            continue
        seen.add(h.id)
        s = h.signals
        out.modality += s.modality
        out.negation += s.negation
        out.enumerations += s.enumerations
        out.parties_added += [p for p in s.parties_added if p not in out.parties_added]
        out.parties_removed += [p for p in s.parties_removed if p not in out.parties_removed]
        out.parties += [p for p in s.parties if p not in out.parties]
        out.numbers += s.numbers
        out.reserve_right_added |= s.reserve_right_added
        out.reserve_right_removed |= s.reserve_right_removed
    return out


def assess(prov: Provision, sides: Sides) -> None:
    """Fill in the provision's context, signals, assessment and kind."""
    prov.signals = merge_signals([u.hunk for u in prov.units])
    old_text, new_text = prov.old_text, prov.new_text
    side = _one_side(prov)
    if side == "new":
        prov.old_context = _context(sides, "old", prov, prov.units[0].hunk.old_start)
    elif side == "old":
        prov.new_context = _context(sides, "new", prov, prov.units[0].hunk.new_start)
    if prov.old_context:  # an addition to a provision that existed: compare the whole provision
        old_text, new_text = prov.old_context, prov.old_context + "\n" + new_text
    elif prov.new_context:
        old_text, new_text = prov.new_context + "\n" + old_text, prov.new_context
    prov.assessment = assess_change(prov.category, old_text, new_text, prov.signals)
    prov.kind = _kind(prov)


def _kind(prov: Provision) -> str:
    """added / removed / moved by structure; otherwise *expanded* when the provision now lets the
    company do more (or protects the user less), *narrowed* for the reverse, and, when the rating
    does not move, by what the text itself gained or lost (list items, parties, words)."""
    if all(u.kind == "moved" and not u.edits for u in prov.units):
        return "moved"
    side = _one_side(prov)
    if (side == "new" and not prov.old_context) or prov.before is Severity.none:
        return "added"
    if (side == "old" and not prov.new_context) or prov.after is Severity.none:
        return "removed"
    if prov.direction == "up":
        return "expanded"
    if prov.direction == "down":
        return "narrowed"
    s = prov.signals
    grew = sum(len(e.added) for e in s.enumerations) + len(s.parties_added)
    shrank = sum(len(e.removed) for e in s.enumerations) + len(s.parties_removed)
    if grew != shrank:
        return "expanded" if grew > shrank else "narrowed"
    old_words, new_words = word_count(prov.old_text), word_count(prov.new_text)
    if new_words > old_words * 1.25 + 3:
        return "expanded"
    if old_words > new_words * 1.25 + 3:
        return "narrowed"
    return "reworded"


@dataclass
class Triage:
    """What the analyzer found in a diff: ranked provisions and the hunks set aside."""

    provisions: list[Provision]
    furniture: list[Hunk]  # page elements (menus, images, ads) and other capture noise
    link_only: list[Hunk]  # substantive per the diff, but only a link target changed
    bounded_searches: int = 0  # context searches limited to part of a very long document


def provisions_of(diff: DiffResult) -> Triage:
    """All provisions of a diff, assessed and ranked most severe first, and the hunks set aside."""
    units, furniture, link_only = build_units(diff)
    from summarizer.analyzers.rules.ai import (  # noqa: PLC0415 (it imports this module)
        age_companions,
        ai_companions,
        conduct_ai_rules,
    )

    ai_rules = conduct_ai_rules(units, diff)
    provisions = group_units(units)
    provisions += ai_companions(provisions, conduct=ai_rules)
    provisions += age_companions(provisions)
    from summarizer.analyzers.rules.renames import mark_renames  # noqa: PLC0415

    mark_renames(provisions)
    sides = Sides.of(diff)
    for prov in provisions:
        assess(prov, sides)
    from summarizer.analyzers.rules.restated import mark_restated  # noqa: PLC0415

    mark_restated(provisions, diff)
    from summarizer.analyzers.rules.repeated_entries import mark_repeats  # noqa: PLC0415

    mark_repeats(provisions, diff)  # a list de-duplicated: an entry said again in other words
    provisions.sort(key=lambda p: p.rank_key(), reverse=True)
    return Triage(provisions, furniture, link_only, sides.bounded_searches)
