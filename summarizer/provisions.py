"""From hunks to provisions: the offline analyzer's middle stage.

A *unit* is the change-bearing part of one hunk (the sentences a modified block changed, one
paragraph of an added or removed run, a moved block), classified into taxonomy ids. A *provision*
is a category within the document: nearby units of the same category in the same section, each
provision assessed once with the severity rubric (before → after, direction, reason).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from summarizer.classifier import classify, score_all
from summarizer.documents import loose_key, normalise
from summarizer.extract import Edit, Span, quote_from, sentences, sentences_touching, word_count, word_edits
from summarizer.hunks import Block, DiffResult, Hunk, Signals
from summarizer.severity import Assessment, assess_change, change_severity
from summarizer.taxonomy import CATEGORIES, Severity

GAP_CHARS = 3000  # units of one category and section further apart than this are separate provisions
MAX_QUOTES = 2
_PARA_SPLIT = re.compile(r"\n[ \t]*\n")
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_URL = re.compile(r"https?://\S+|www\.\S+|\S+@\S+\.\w+")
_FURNITURE = re.compile(
    r"^(?:skip to (?:main )?content|back to top|go back to top(?: of this page)?|print(?: this (?:page|policy))?|"
    r"open all|close all|manage preferences|cookie settings|accept(?: all)?(?: cookies)?|reject all|"
    r"table of contents|contents|menu|home|sitemap|share|tweet|advertisement|\W*|"
    r"this page was last (?:edited|modified|updated) .*|text is available under .*|(?:copyright )?© .*|"
    r"all rights reserved\.?|(?:log in|sign in|sign up)(?: .{0,20})?)$", re.I)


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
        return (self.category != "contact_generic", self.importance.rank, self.direction == "up",
                self.direction == "down", shift, CATEGORIES[self.category].tendency.rank, self.changed_words)


# --- page furniture ------------------------------------------------------------------------------


def is_furniture(text: str) -> bool:
    """Capture noise rather than policy text: navigation, images, bare links, ads, buttons."""
    clean = _HTML_TAG.sub(" ", text)
    had_tags = clean != text
    clean = _MD_IMAGE.sub(" ", clean)
    linked = word_count(" ".join(m.group(1) for m in _MD_LINK.finditer(clean)))
    outside_text = _URL.sub(" ", _LINK_TARGET.sub(" ", _MD_LINK.sub(" ", clean)))
    outside = word_count(outside_text)
    if had_tags and not re.search(r"[.!?]", outside_text):
        return True  # embedded markup (iframes, scripts) around a few menu words
    readable = _URL.sub(" ", _LINK_TARGET.sub(" ", _MD_LINK.sub(r"\1", clean)))
    lines = [ln.strip(" \t*-•#>|_") for ln in readable.splitlines()]
    lines = [ln for ln in lines if ln]
    if not lines or all(_FURNITURE.match(ln) for ln in lines):
        return True
    if outside >= 6:
        return False
    total = outside + linked
    if total == 0:
        return True
    # a list of links (a menu), or a button-like line of a few words
    return linked / total >= 0.6 or (total <= 3 and not re.search(r"[.!?]\s*$", readable.strip()))


# --- units ---------------------------------------------------------------------------------------


def _rank_sentences(sents: list[Span], ranges: list[tuple[int, int]]) -> list[Span]:
    def overlap(s: Span) -> int:
        return sum(max(0, min(e, s.end) - max(b, s.start)) + (1 if b == e and s.start <= b <= s.end else 0)
                   for b, e in ranges)
    return sorted(sents, key=lambda s: -overlap(s))


def _quote_spans(text: str, base: int, sents: list[Span], ranges: list[tuple[int, int]]) -> list[Span]:
    out = []
    for sent in _rank_sentences(sents, ranges)[:MAX_QUOTES]:
        focus = next(((b, e) for b, e in ranges if b < sent.end and e >= sent.start), None)
        q = quote_from(text, sent, focus)
        out.append(Span(base + q.start, base + q.end, q.text))
    return sorted(out, key=lambda s: s.start)


def _modified_unit(h: Hunk) -> Unit | None:
    edits = word_edits(h.old_text, h.new_text)
    ra, rb = [e.old for e in edits], [e.new for e in edits]
    so, sn = sentences_touching(h.old_text, ra), sentences_touching(h.new_text, rb)
    if not so and not sn:
        return None
    old_text = " ".join(s.text for s in so)
    new_text = " ".join(s.text for s in sn)
    changed = sum(word_count(h.old_text[b:e]) for b, e in ra) + sum(word_count(h.new_text[b:e]) for b, e in rb)
    unit = Unit(hunk=h, kind=h.kind, section=h.section, old_text=old_text, new_text=new_text, pos=h.new_start,
                quotes_old=_quote_spans(h.old_text, h.old_start, so, ra),
                quotes_new=_quote_spans(h.new_text, h.new_start, sn, rb), changed_words=changed, edits=edits)
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


def _one_sided_units(h: Hunk) -> list[Unit]:
    old_side = h.kind == "removed"
    text = h.old_text if old_side else h.new_text
    base = h.old_start if old_side else h.new_start
    units = []
    for s, e in _paragraphs(text):
        piece = text[s:e]
        if is_furniture(piece) or _heading_like(piece):  # a bare heading is structure, not a provision
            continue
        sents = [Span(s + x.start, s + x.end, x.text) for x in sentences(piece)]
        if not sents:
            continue
        focus = [(sents[0].start, sents[0].end)]
        quotes = _quote_spans(text, base, sents[:1] if len(sents) == 1 else _substantive(sents), focus)
        body = piece.strip()
        unit = Unit(hunk=h, kind=h.kind, section=h.section, old_text=body if old_side else "",
                    new_text="" if old_side else body, pos=h.new_start + (0 if old_side else s),
                    changed_words=word_count(body))
        if old_side:
            unit.quotes_old = quotes
        else:
            unit.quotes_new = quotes
        units.append(unit)
    return units


def _substantive(sents: list[Span]) -> list[Span]:
    """Prefer real sentences (several words, not a heading) for quotes."""
    real = [s for s in sents if word_count(normalise(s.text)) >= 5 and not _heading_like(s.text)]
    return real[:1] or sents[:1]


def _moved_unit(h: Hunk) -> Unit:
    if h.changes:
        unit = _modified_unit(h)
        if unit is not None:
            return unit
    so, sn = _substantive(sentences(h.old_text)), _substantive(sentences(h.new_text))
    unit = Unit(hunk=h, kind="moved", section=h.section, old_text=h.old_text.strip(), new_text=h.new_text.strip(),
                pos=h.new_start, changed_words=0)
    unit.quotes_old = [Span(h.old_start + s.start, h.old_start + s.end, s.text) for s in
                       (quote_from(h.old_text, x) for x in so)]
    unit.quotes_new = [Span(h.new_start + s.start, h.new_start + s.end, s.text) for s in
                       (quote_from(h.new_text, x) for x in sn)]
    return unit


def only_link_targets(old: str, new: str) -> bool:
    """True when two texts differ only inside Markdown link targets (even ones the loader's
    link pattern does not recognise, such as 'mailto: name@example.com')."""
    def key(text: str) -> str:
        return loose_key(_URL.sub(" ", _LINK_TARGET.sub("]", text)))
    return key(old) == key(new)


def build_units(diff: DiffResult) -> tuple[list[Unit], list[Hunk], list[Hunk]]:
    """Units of every substantive hunk; the hunks set aside as page furniture; and those whose
    only change is a link target."""
    units: list[Unit] = []
    furniture: list[Hunk] = []
    cosmetic_links: list[Hunk] = []
    for h in diff.hunks:
        if h.cosmetic:
            continue
        if h.kind in ("added", "removed"):
            found = _one_sided_units(h)
        elif h.kind == "moved":
            found = [_moved_unit(h)]
        elif only_link_targets(h.old_text, h.new_text):
            cosmetic_links.append(h)
            continue
        else:
            unit = _modified_unit(h)
            found = [unit] if unit is not None else []
            if found and is_furniture(h.old_text) and is_furniture(h.new_text):
                found = []
        if not found:
            furniture.append(h)
        units.extend(found)
    section_labels: dict[tuple[str, ...], str | None] = {}
    for unit in units:
        labels = classify(_classify_text(unit)) or ["contact_generic"]
        if unit.section not in section_labels:
            section_labels[unit.section] = _section_category(unit.section)
        hint = section_labels[unit.section]
        if hint is not None and hint != labels[0] and _fires(hint, _classify_text(unit)):
            labels = [hint] + [lab for lab in labels if lab != hint]
        unit.labels = labels
    return units, furniture, cosmetic_links


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
        if (prev is not None and abs(prov.start - prev.end) <= GAP_CHARS
                and {_one_side(prev), _one_side(prov)} == {"old", "new"}):
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
    candidates = []
    for a in olds:
        for b in news:
            if a.category == b.category or _shared_category(a, b):
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


_BAG_WORD = re.compile(r"[a-z0-9]{3,}")


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


@dataclass
class Sides:
    """Per-analysis view of both documents: which spans changed, block word bags (lazily)."""

    diff: DiffResult
    old_changed: list[tuple[int, int]] = field(default_factory=list)
    new_changed: list[tuple[int, int]] = field(default_factory=list)
    _bags: dict[tuple[str, int], frozenset[str]] = field(default_factory=dict)

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
        spans = self.old_changed if side == "old" else self.new_changed
        return not any(block.start < e and block.end > s for s, e in spans)

    def bag(self, side: str, block: Block) -> frozenset[str]:
        key = (side, block.index)
        found = self._bags.get(key)
        if found is None:
            found = self._bags[key] = _bag(block.text)
        return found


def _context(sides: Sides, side: str, prov: Provision, at: int, limit: int = 4000) -> str:
    """Unchanged text of the other version that belongs to the same provision: same category in the
    same section near the change, else the most alike passages of that category anywhere."""
    doc = sides.diff.old if side == "old" else sides.diff.new
    starts = [b.start for b in doc.blocks]
    centre = bisect_left(starts, at)
    lo, hi = max(0, centre - CONTEXT_BLOCKS), min(len(doc.blocks), centre + CONTEXT_BLOCKS)
    parts: list[str] = []
    for block in doc.blocks[lo:hi]:
        if (block.section == prov.section and block.kind in _TEXT_BLOCKS and sides.unchanged(side, block)
                and prov.category in _block_labels(block)[:2]):
            parts.append(block.text.strip())
    if not parts:  # elsewhere in the document: the passages most like this one
        own = _bag(prov.old_text or prov.new_text)
        scored = []
        for block in doc.blocks:
            if block.kind in _TEXT_BLOCKS and sides.unchanged(side, block):
                sim = _overlap(own, sides.bag(side, block))
                if sim >= CONTEXT_SIMILARITY:
                    scored.append((sim, block.index, block))
        for _, _, block in sorted(scored, key=lambda t: (-t[0], t[1]))[:6]:
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


def provisions_of(diff: DiffResult) -> Triage:
    """All provisions of a diff, assessed and ranked most severe first, and the hunks set aside."""
    units, furniture, link_only = build_units(diff)
    provisions = group_units(units)
    sides = Sides.of(diff)
    for prov in provisions:
        assess(prov, sides)
    provisions.sort(key=lambda p: p.rank_key(), reverse=True)
    return Triage(provisions, furniture, link_only)
