"""Items added to or taken out of a list, read for what the list is about (issue 12, round 6).

A list that grows or shrinks is a real change even when every other word stays: a ban added to
"For example, do not:", a measure added to "Etsy may take actions such as ...", a row added to a
cookie table, a channel added to "You can report ... posts, accounts, or direct messages". The
rubric reads such a passage as a restatement (its level does not move), the clause reader finds no
whole sentence that says who may do what, and a short entry without a full stop even reads like a
heading, so the record abstained or called the pair cosmetic.

Each item that came or went is found in one of three shapes:

- a **list entry** (a bullet, a numbered or lettered entry, a table row) added or removed whole;
- a **new sentence inside an entry** ("Spam ... on Bluesky Social, or the Bluesky network. This
  includes operating multiple accounts that interact similarly.");
- an **item of a clause list** ("a, b, or c") that the enumeration signal reports
  (:mod:`summarizer.diffing.signals.enumerations`), with no item swapped for another;

and its list is read in a **frame**: a table's header row; the words before a clause item in its
own sentence; else the list's lead-in, the line above the entries that ends with a colon (a nested
list's parent entry included); else, in rules of conduct, a lead-in of examples ("Examples
include:") frames bans:

- ``bans`` (what the reader must not do: "do not", "you agree that you will not", "no:"),
  ``measures`` (what the company may do to the reader: suspend, remove, terminate, charge) and
  ``data`` (what is collected or shared, a cookie table): an item added is worse for the reader,
  an item removed better;
- ``rights`` (what the reader may do or is promised: "you can", "your right to", "we will not"):
  an item added is better, an item removed worse.

Not an item: an entry that stands elsewhere in the other version (moved, reformatted, or with
most of its words on one line there), an entry added and one removed that share most words (one
entry reworded), a heading set as an entry, a name, address or link alone, a paragraph set as an
entry (more than :data:`ITEM_WORDS` words), a clause item of a ban's own sentence ("do not post
sexual, abusive, or suggestive content": one rule's scope, not a new rule), and a row of a table
of what to do and what not to do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from summarizer.analyzers.rules.list_frames import MIN_NAME, business_frame, named_entries, stands_as_often
from summarizer.analyzers.rules.restated import text_key, version_key
from summarizer.text.lazy_re import lazy

if TYPE_CHECKING:  # pragma: no cover
    from summarizer.analyzers.rules.provisions import Provision, Unit
    from summarizer.model.diff import DiffResult

#: Frames in which an item added is worse for the reader.
BURDEN_FRAMES = frozenset({"bans", "measures", "data"})

#: An entry of a list: a bullet, '1.', '1)', 'a.', '(a)', '(iv)' at the start of a line.
_ENTRY = lazy(r"^\s*(?:[-*+•]\s+|\(?(?:\d{1,3}|[a-z]|[ivx]{1,5})[.)]\s+)", re.I)
_ROW = lazy(r"^\s*\|")
_BOLD_ONLY = lazy(r"^\*\*[^*]+\*\*[.:]?$")
_DO_DONT = lazy(r"\bdo\b.*\bdo(?:n['’]t| not)\b", re.I)
_LOWER_WORD = lazy(r"(?<![\w-])[a-z]{3,}")
_LINKS = lazy(r"\[([^\]]*)\]\([^)]*\)|https?://\S+")
_ROW_RULE = lazy(r"^[\s|:-]+$")
#: A bulleted entry that is one plain name ('Ohio', 'North Korea'), no link or address.
_NAME_ENTRY = lazy(r"^\s*[-*+•]\s+[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3}\s*$")
_SENTENCE_END = lazy(r"(?<=[.!?])\s+(?=[A-Z])")
#: An item of fewer letters and digits than this is not read (a marker, a stray word).
MIN_ITEM = 6
#: An entry of more words than this is a paragraph set as a list, not an item of one.
ITEM_WORDS = 25
#: An entry added and one removed that share this share of their words are one entry reworded.
REWORDED_SHARE = 0.5
#: How many lines above an entry its lead-in line is looked for (a long table's rows included).
LEAD_LINES = 400
#: A table row of more words than this is a passage set as a table.
ROW_WORDS = 80

#: "We do not allow ..." states a ban on the reader, not a promise of the company.
_WE_BAN = lazy(r"\bwe (?:do not|don['’]t|will not|won['’]t|never) (?:allow|permit|tolerate|accept)\b", re.I)
_PROMISE = lazy(r"\bwe (?:will|do|shall|may|would) not\b|\bwe never\b|\bwe (?:don['’]t|won['’]t)\b", re.I)
_BANS = lazy(
    r"(?:^|[.:;]\s+|\b(?:example|instance),?\s+)(?:do not|don['’]t|never|no)\b|"
    r"\b(?:you|users?|members?|sellers?|buyers?|creators?|developers?|people|anyone|one)\s+"
    r"(?:may not|must not|shall not|cannot|can['’]t|should not|will not|are not (?:allowed|permitted)|"
    r"agree (?:that you will )?not)\b|"
    r"\b(?:prohibit(?:s|ed)?|forbid\w*|not (?:allowed|permitted)|refrain from)\b",
    re.I,
)
#: A lead-in that lists examples ('Examples include:'): in rules of conduct, its entries are bans.
_EXAMPLES = lazy(r"\b(?:examples?|includ\w*|such as|the following)\b", re.I)
_MEASURES = lazy(
    r"\b(?:may|can|will|might|reserves? the right to|is entitled to)\s+(?:\w+\s+){0,4}?"
    r"(?:suspend\w*|terminat\w*|remov\w*|disabl\w*|restrict\w*|limit\w*|ban\w*|block\w*|delet\w*|"
    r"deactivat\w*|charg\w*|withh[oe]ld\w*|close\w*|take (?:\w+ )?(?:action|actions|measures|steps))\b",
    re.I,
)
_DATA = lazy(
    r"\b(?:we|us|our partners|third parties)\b[^.:]{0,60}?\b(?:collect\w*|receiv\w*|obtain\w*|gather\w*|"
    r"process\w*|shar\w*|disclos\w*|sell\w*|transfer\w*|stor\w*)\b|"
    r"\b(?:information|data) (?:that )?we (?:collect|receive|obtain|share|disclose)\b|"
    r"\bcategories of (?:personal )?(?:data|information)\b|\bcookies?\b|\btrackers?\b|"
    r"\b(?:personal )?(?:data|information) (?:processed|collected|shared|disclosed)\b",
    re.I,
)
_RIGHTS = lazy(
    r"\byou (?:have the right|have a right|may|can|are entitled|will be able|are able)\b|"
    r"\byour rights?\b|\bright to\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class ListItem:
    """One item that came into or went out of a list, and the list's frame."""

    side: str  # "added" | "removed"
    text: str
    frame: str  # "bans" | "measures" | "data" | "rights"
    lead: str  # the words the frame was read from

    @property
    def polarity(self) -> int:
        """+1 when the change is worse for the reader, -1 when better."""
        burden = self.frame in BURDEN_FRAMES
        return 1 if burden == (self.side == "added") else -1

    def evidence(self) -> str:
        sign = "+1" if self.polarity > 0 else "-1"
        verb = "added to" if self.side == "added" else "taken out of"
        item = self.text if len(self.text) <= 100 else self.text[:97].rstrip() + "..."
        what = {
            "bans": "what you must not do",
            "measures": "what the company may do to you",
            "data": "the data collected or shared",
            "rights": "your rights or the company's promises",
        }[self.frame]
        return f"{sign} list item {verb} {what}: '{item}'"


def frame_of(text: str) -> str | None:
    """The frame a lead-in or the words before an item state, or None."""
    if not text.strip():
        return None
    if _WE_BAN.search(text):
        return "bans"
    if _PROMISE.search(text):
        return "rights"
    if _BANS.search(text):
        return "bans"
    if _MEASURES.search(text):
        return "measures"
    if _DATA.search(text):
        return "data"
    if _RIGHTS.search(text):
        return "rights"
    return business_frame(text)  # a passive ban or an eligibility (list_frames.py)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _lead(doc: str, at: int) -> str:
    """The lead-in of the list an entry at offset *at* of *doc* belongs to: the last sentence of
    the line that introduces the list, when it ends with a colon ('For example, do not:'); else ''.

    Walking up from the entry (at most :data:`LEAD_LINES` lines), its sibling entries, their nested
    entries, table rows and blank lines are passed; the first other line decides: an entry less
    indented than ours (the parent entry of a nested list) or a plain line is the lead-in; a
    heading (also as an entry: '13. #### Requests', '1. **Do:**' is no heading) ends the search."""
    start = doc.rfind("\n", 0, at) + 1
    own = doc[start : doc.find("\n", at) if doc.find("\n", at) >= 0 else len(doc)]
    depth = _indent(own)
    for _ in range(LEAD_LINES):
        if start <= 0:
            break
        end = start - 1
        start = doc.rfind("\n", 0, end) + 1
        raw = doc[start:end]
        line = raw.strip()
        if not line or _ROW.match(line):
            continue
        body = _ENTRY.sub("", line, count=1).strip() if _ENTRY.match(line) else line
        if body.startswith("#") or set(body) <= set("=-"):
            return ""  # a heading ends the search: the list has no lead-in line
        if _ENTRY.match(line) and _indent(raw) >= depth and not line.rstrip("*_ ").endswith(":"):
            continue  # a sibling entry, or an entry nested under one
        said = _sentences(body)
        lead = said[-1] if said else ""
        return lead if lead.rstrip("*_ ").endswith(":") else ""
    return ""


def _header(doc: str, at: int) -> str:
    """A table row's header row (the first row of its table that has words), else ''."""
    start = doc.rfind("\n", 0, at) + 1
    header = ""
    while start > 0:
        end = start - 1
        prev = doc.rfind("\n", 0, end) + 1
        line = doc[prev:end]
        if not _ROW.match(line):
            break
        if not _ROW_RULE.match(line) and any(ch.isalpha() for ch in line):
            header = line
        start = prev
    return header


def _frame_at(doc: str, at: int, row: bool, default: str | None = None) -> tuple[str | None, str]:
    """The frame of the list an entry at *at* belongs to, and the words it was read from: a table's
    header row, else the list's lead-in, else *default* (in rules of conduct, ``bans`` under a
    lead-in of examples). A table of what to do and what not to do has no one frame."""
    lead = _header(doc, at) if row else ""
    if row and _DO_DONT.search(lead):
        return None, lead
    frame = frame_of(lead)
    if frame is None:
        lead = _lead(doc, at)
        frame = frame_of(lead)
    if frame is None and default is not None and not row and _EXAMPLES.search(_lead(doc, at)):
        return default, f"rules of conduct: {_lead(doc, at)}"
    return frame, lead


def _entry_body(line: str) -> str:
    return _ENTRY.sub("", line, count=1).strip()


#: An entry of at least this many words is the same entry as a line of the other version that
#: has :data:`ELSEWHERE_SHARE` of its words (reworded, reformatted or moved).
ELSEWHERE_WORDS = 4
ELSEWHERE_SHARE = 0.7


@lru_cache(maxsize=4)
def _line_words(doc: str) -> tuple[frozenset[str], ...]:
    # each line's :func:`_words` built straight into a frozenset (not a set copied), blank lines skipped
    find = _WORD.findall
    sets = (frozenset(find(line.lower())) for line in doc.splitlines() if line)
    return tuple(w for w in sets if len(w) >= 2)


def _elsewhere(entry: str, other_doc: str) -> bool:
    """Most words of a longer entry stand together on one line of the other version."""
    words = _words(_LINKS.sub(r"\1", entry))
    if len(words) < ELSEWHERE_WORDS:
        return False
    need = ELSEWHERE_SHARE * len(words)
    return any(len(words & line) >= need for line in _line_words(other_doc))


def _whole_entries(
    unit: Unit,
    doc: str,
    other_key: str,
    offset: int,
    default: str | None = None,
    other_doc: str = "",
) -> list[ListItem]:
    """Entries of an added (or removed) unit, each read in its list's frame."""
    side = "added" if unit.kind == "added" else "removed"
    text = unit.new_text if side == "added" else unit.old_text
    out = []
    base = doc.find(text[:80], max(0, offset - 200)) if text else -1
    for line in text.splitlines():
        row = bool(_ROW.match(line))
        if not (row or _ENTRY.match(line)) or (row and _ROW_RULE.match(line)):
            continue
        key = text_key(line)
        name = not _LOWER_WORD.search(_LINKS.sub(" ", line))  # a name, an address or a link alone
        if _BOLD_ONLY.match(_entry_body(line)) or (name and (row or not _NAME_ENTRY.match(line))):
            continue  # a heading set as an entry; a name etc., which states nothing by itself
        if name:  # a short name ('Ohio') is in the other version's key by chance: count its entries
            if len(key) < MIN_NAME or stands_as_often(line, other_doc, doc):
                continue
        elif (
            len(key) < MIN_ITEM or key in other_key or len(line.split()) > (ROW_WORDS if row else ITEM_WORDS)
        ):
            continue  # a marker only, or the entry stands elsewhere in the other version
        at = doc.find(line.strip(), max(0, base)) if base >= 0 else doc.find(line.strip())
        if at < 0:
            continue
        if name and not named_entries(_lead(doc, at)):
            continue  # a name is an item only of a list of places or things banned or eligible
        frame, lead = _frame_at(doc, at, row, default)
        if frame is not None and not _elsewhere(_entry_body(line), other_doc):  # (the costliest test last)
            out.append(ListItem(side, _entry_body(line).strip("| "), frame, lead))
    return out


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def _entry_sentences(
    unit: Unit, old_doc: str, new_doc: str, old_key: str, default: str | None = None
) -> list[ListItem]:
    """Whole sentences that came into one list entry, read in the entry's frame (a sentence gone
    from an entry is left to the clause reader: it often moved into another entry)."""
    text, other = unit.hunk.new_text, unit.hunk.old_text
    if not _ENTRY.match(text) or not _ENTRY.match(other) or len(text.split()) > 2 * ITEM_WORDS:
        return []
    out = []
    other_k = text_key(other)
    for sent in _sentences(_entry_body(text))[1:]:  # the entry's first sentence is its item
        key = text_key(sent)
        if len(key) < MIN_ITEM or key in other_k or key in old_key:
            continue  # the same sentence stands in the old version
        at = new_doc.find(text[:60])
        frame, lead = _frame_at(new_doc, at, False, default) if at >= 0 else (None, "")
        if frame is not None and not _elsewhere(sent, old_doc):  # reworded or reformatted, it stands there
            out.append(ListItem("added", sent, frame, lead))
    return out


def _clause_items(unit: Unit, new_doc: str) -> list[ListItem]:
    """Items of a clause list ('a, b, or c') that came or went, with no item swapped for another."""
    out: list[ListItem] = []
    for e in unit.hunk.signals.enumerations:
        if e.added and e.removed:
            continue  # one item swapped for another: a rewording or a narrowing, read elsewhere
        side, items = ("added", e.added) if e.added else ("removed", e.removed)
        text = unit.hunk.new_text if side == "added" else unit.hunk.old_text
        first = items[0].split()[0] if items[0].split() else ""
        cut = text.lower().find(first.lower()) if first else -1
        before = text[:cut] if cut > 0 else e.context
        sentence = _sentences(before)[-1] if _sentences(before) else before
        frame, lead = frame_of(sentence), sentence
        if frame == "bans":  # 'do not post sexual, abusive, or suggestive content': one rule's scope
            frame = None
        if frame is None and _ENTRY.match(text):
            at = new_doc.find(text[:60])
            frame, lead = _frame_at(new_doc, at, False) if at >= 0 else (None, "")
        if frame is not None:
            out.extend(ListItem(side, item, frame, lead[-120:]) for item in items)
    return out


def _rows(text: str) -> dict[str, str]:
    """The rows of a table passage by their first cell (lower case)."""
    out: dict[str, str] = {}
    for line in text.splitlines():
        if _ROW.match(line) and not _ROW_RULE.match(line):
            first = line.strip().strip("|").split("|")[0].strip().lower()
            if first:
                out.setdefault(first, line)
    return out


def _cell_items(unit: Unit, new_doc: str) -> list[ListItem]:
    """Items a changed table row gained or lost in its cells ('Device information' dropped from
    the data an SDK processes, 'Yahoo! Japan' added to who serves cookies), read in the table's
    header; a row whose cells swap one item for another is a rewording."""
    from summarizer.analyzers.rules.listings import row_items  # noqa: PLC0415

    old_rows, new_rows = _rows(unit.hunk.old_text), _rows(unit.hunk.new_text)
    out: list[ListItem] = []
    for first in old_rows.keys() & new_rows.keys():
        old, new = old_rows[first], new_rows[first]
        gained, lost = row_items(new) - row_items(old), row_items(old) - row_items(new)
        if (gained and lost) or not (gained or lost):
            continue
        at = new_doc.find(new.strip()[:60])
        frame, lead = _frame_at(new_doc, at, True) if at >= 0 else (None, "")
        if frame is not None:
            side = "added" if gained else "removed"
            out.extend(ListItem(side, item, frame, lead) for item in sorted(gained or lost))
    return out


def list_items(prov: Provision, diff: DiffResult, conduct: bool | None = None) -> list[ListItem]:
    """The list items the provision added or took out, each with its list's frame (*conduct*: the
    document sets rules of conduct; found from the document when not given)."""
    if prov.kind == "moved":
        return []
    if conduct is None:
        from summarizer.analyzers.rules.audience import conduct_document  # noqa: PLC0415

        conduct = conduct_document(diff.new.title or diff.old.title, diff.new.text)
    old_key, new_key = version_key(diff.old.text), version_key(diff.new.text)
    rules = "bans" if conduct else None
    out: list[ListItem] = []
    for u in prov.units:
        if u.kind == "added":
            out += _whole_entries(u, diff.new.text, old_key, u.hunk.new_start, rules, diff.old.text)
        elif u.kind == "removed":
            out += _whole_entries(u, diff.old.text, new_key, u.hunk.old_start, rules, diff.new.text)
        elif u.kind == "modified":
            out += _entry_sentences(u, diff.old.text, diff.new.text, old_key, rules)
            out += _clause_items(u, diff.new.text)
            out += _cell_items(u, diff.new.text)
    return _drop_reworded(out)


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


_WORD = lazy(r"[^\W_]{3,}")


def _drop_reworded(items: list[ListItem]) -> list[ListItem]:
    """Without the pairs of an entry added and an entry removed that share most of their words
    (:data:`REWORDED_SHARE`): one entry reworded, not a list that grew and shrank."""
    added = [i for i in items if i.side == "added"]
    removed = [i for i in items if i.side == "removed"]
    gone: set[int] = set()
    for a in added:
        wa = _words(a.text)
        for r in removed:
            if id(r) in gone:
                continue
            wr = _words(r.text)
            if wa and wr and len(wa & wr) >= REWORDED_SHARE * max(len(wa), len(wr)):
                gone.update((id(a), id(r)))
                break
    return [i for i in items if id(i) not in gone]


def lead_in(doc: str, at: int) -> str:
    """The lead-in line of the list whose entry is at offset *at* of *doc* ('' when none)."""
    return _lead(doc, at)


def entry_of_list(doc: str, at: int, piece: str) -> bool:
    """*piece*, at offset *at* of *doc*, is one entry of a list that a lead-in introduces ('For
    example, do not:'), not a heading: short entries without a full stop read like headings."""
    return bool(doc) and bool(_ENTRY.match(piece)) and "\n" not in piece.strip() and bool(_lead(doc, at))


def mark_list_items(provisions: list[Provision], diff: DiffResult) -> None:
    """Set ``list_items`` on every provision whose lists gained or lost items read in a frame."""
    from summarizer.analyzers.rules.audience import conduct_document  # noqa: PLC0415

    conduct = bool(provisions) and conduct_document(diff.new.title or diff.old.title, diff.new.text)
    for prov in provisions:
        prov.list_items = list_items(prov, diff, conduct)


def list_direction(items: list[ListItem]) -> str | None:
    """worse, better or mixed (items of both kinds), or None without items."""
    worse, better = balance_of(items)
    if worse and better:
        return "mixed"
    if worse:
        return "worse"
    return "better" if better else None


_LISTS = {
    "bans": "the list of what you must not do",
    "measures": "the list of what the company may do to you",
    "data": "the list of data collected or shared",
    "rights": "the list of your rights or the company's promises",
}


def list_sentence(items: list[ListItem]) -> str:
    """A headline fact for a provision whose lists changed ('a new entry joins the list of what you
    must not do'), from its first item's list."""
    first = items[0]
    same = [i for i in items if i.frame == first.frame]
    sides = {i.side for i in same}
    name = _LISTS[first.frame]
    if sides == {"added", "removed"}:
        return f"{name} gained and lost entries"
    if first.side == "added":
        return f"{'new entries join' if len(same) > 1 else 'a new entry joins'} {name}"
    return f"{'entries were' if len(same) > 1 else 'an entry was'} taken off {name}"


def balance_of(items: list[ListItem]) -> tuple[int, int]:
    """(items worse for the reader, items better)."""
    return sum(i.polarity > 0 for i in items), sum(i.polarity < 0 for i in items)


__all__ = [
    "BURDEN_FRAMES",
    "ListItem",
    "balance_of",
    "entry_of_list",
    "frame_of",
    "list_direction",
    "list_items",
    "list_sentence",
    "mark_list_items",
]
