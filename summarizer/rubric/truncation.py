"""Captures cut short: one version is an incomplete copy of the same page, not a new version.

A web capture sometimes stops early (the page was still loading, a "show more" section was never
expanded) or starts late (the title and introduction are missing). Diffed naively, such a pair
reads as a mass removal (or addition) of provisions. :func:`truncated_capture` recognises it from
the shape of the two documents alone:

* the short version adds (almost) nothing: its paragraphs are found in the complete one;
* what it lacks sits mostly at its ends: a leading run (the document's title and first passages)
  and/or a trailing run of the complete version;
* and the cut is visible: the short version starts without the complete one's title, or it lacks
  a large trailing part (several sections), or it stops mid-sentence.

The rules analyzer then does not report passages missing from the short version as removed (or
passages missing from the short *old* version as added): an incomplete capture is no evidence
that a passage was taken out. Changes seen on both sides are still analysed, and the record
carries a ``capture_truncated`` flag.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from summarizer.model.diff import DiffResult, Hunk
from summarizer.model.document import Block, Document
from summarizer.text.dates import DATE_LINE
from summarizer.text.lazy_re import lazy
from summarizer.text.normalise import normalise

MIN_BLOCK_WORDS = 4  # shorter blocks (empty table cells, headings, buttons) do not anchor the alignment
MIN_FULL_BLOCKS = 5  # the complete version needs some substance for the comparison to mean anything
MAX_EXTRA_SHARE = 0.01  # the short version may add at most this share of its words (or EXTRA_WORDS) ...
EXTRA_WORDS = 10
MIN_EDGE_SHARE = 0.6  # ... and at least this share of what it lacks sits at its start or end
LARGE_TAIL_SHARE = 0.15  # a trailing run this large (share of the complete version's words) ...
LARGE_TAIL_WORDS = 60  # ... and at least this many words is a cut, even when it ends cleanly
MID_SENTENCE_TAIL_WORDS = 50  # a smaller trailing run counts when the short version stops mid-sentence
_ENDS_SENTENCE = lazy(r"[.!?:;)\"'”’*_|\]]\s*$")


@dataclass(frozen=True)
class Truncation:
    """One version looks like a cut-short capture of the other."""

    side: Literal["old", "new"]  # the version that looks cut short
    ends: tuple[str, ...]  # where it was cut: "start", "end" (or both)
    missing_words: int  # words of the complete version the short one lacks
    complete_words: int
    extra_words: int  # words of the short version not found in the complete one
    cut: str = ""  # the normalised passage the short version stops inside, when it does

    @property
    def share(self) -> float:
        return self.missing_words / max(1, self.complete_words)

    def drops(self, hunk: Hunk) -> bool:
        """True for a hunk that only reflects the missing text: a removal when the new version is
        short, an addition when the old one is."""
        if self.cut and hunk.kind == ("added" if self.side == "new" else "removed"):
            text = hunk.new_text if self.side == "new" else hunk.old_text
            if normalise(text).strip() == self.cut:  # the passage the capture stops inside
                return True
        if hunk.kind == "modified":  # the passage the capture was cut inside
            short, full = (
                (hunk.new_text, hunk.old_text) if self.side == "new" else (hunk.old_text, hunk.new_text)
            )
            short, full = " ".join(short.split()), " ".join(full.split())
            return bool(short) and len(short) < len(full) and (full.startswith(short) or full.endswith(short))
        return hunk.kind == ("removed" if self.side == "new" else "added")

    def message(self) -> str:
        where = " and ".join({"start": "its start", "end": "its end"}[e] for e in self.ends)
        other = "old" if self.side == "new" else "new"
        lacks = "removed" if self.side == "new" else "added"
        return (
            f"The {self.side} version looks cut short: it lacks {self.missing_words:,} words "
            f"({round(100 * self.share)}%) of the {other} version, mostly at {where}, and adds almost "
            f"nothing. Passages missing from it are not reported as {lacks}."
        )


def truncated_capture(diff: DiffResult) -> Truncation | None:
    """The :class:`Truncation` when one version looks like a cut-short capture of the other."""
    return _cut_short("new", diff.new, diff.old) or _cut_short("old", diff.old, diff.new)


def _words(block: Block) -> int:
    return block.norm.count(" ") + 1 if block.norm else 0


def _cut_short(side: Literal["old", "new"], short: Document, full: Document) -> Truncation | None:
    full_long = [b for b in full.blocks if _words(b) >= MIN_BLOCK_WORDS]
    short_long = [b for b in short.blocks if _words(b) >= MIN_BLOCK_WORDS]
    if len(full_long) < MIN_FULL_BLOCKS or not short_long:
        return None
    short_norms = {b.norm for b in short.blocks}
    full_norms = {b.norm for b in full.blocks}
    short_words = sum(_words(b) for b in short_long)
    extra_blocks = [b for b in short.blocks if b.norm and b.norm not in full_norms]
    texts = _first_and_last(short)  # once per side: a scan per extra passage is quadratic
    extra_blocks = [b for b in extra_blocks if not _cut_block(b, texts, full_long)]
    extra = sum(_words(b) for b in extra_blocks if _words(b) >= MIN_BLOCK_WORDS)
    if extra > max(EXTRA_WORDS, MAX_EXTRA_SHARE * short_words):
        return None  # the short version has text of its own: a revision, not a partial copy
    dated = [b for b in extra_blocks if DATE_LINE.match(b.norm)]
    if dated:  # the complete version's dates are read only when the short one has a date of its own
        full_dates = {_date_of(b.norm) for b in full.blocks if DATE_LINE.match(b.norm)}
        if any(_date_of(b.norm) not in full_dates for b in dated):
            return None  # a new 'Last updated' date: a revision, not a partial copy
    kept = [b.norm in short_norms for b in full_long]
    visibly_cut = _stops_mid_sentence(short) or _cut_inside(short, full_long)
    if visibly_cut:  # visibly cut: match passages in order, so that a passage
        kept = _kept_in_order(full_long, short_long, short_norms)  # repeated later is no kept tail
    if not any(kept):
        return None  # nothing shared: another page (rules.different_document), not a cut
    first = kept.index(True)
    last = len(kept) - 1 - kept[::-1].index(True)
    lead = sum(_words(b) for b in full_long[:first])
    trail = sum(_words(b) for b in full_long[last + 1 :])
    middle = sum(_words(b) for b, k in zip(full_long[first : last + 1], kept[first : last + 1]) if not k)
    missing = lead + trail + middle
    if not missing or (lead + trail) / missing < MIN_EDGE_SHARE:
        return None
    full_words = sum(_words(b) for b in full_long)
    ends: list[str] = []
    if lead and _title_missing(short, full, short_norms):
        ends.append("start")
    if trail and (
        trail >= max(LARGE_TAIL_WORDS, LARGE_TAIL_SHARE * full_words)
        or (trail >= MID_SENTENCE_TAIL_WORDS and visibly_cut)
    ):
        ends.append("end")
    if not ends:
        return None
    last_block = next((b for b in reversed(short.blocks) if b.norm), None)
    return Truncation(
        side=side,
        ends=tuple(ends),
        missing_words=missing,
        complete_words=full_words,
        extra_words=extra,
        cut=last_block.norm if last_block is not None and _cut_inside(short, full_long) else "",
    )


def _kept_in_order(full_long: list[Block], short_long: list[Block], short_norms: set[str]) -> list[bool]:
    """Which passages of the complete version the short one keeps, matched in document order, so
    that a passage repeated later in the page (a footer, a repeated heading line) does not make a
    cut-off tail look kept."""
    from difflib import SequenceMatcher  # noqa: PLC0415

    a = [b.norm for b in full_long]
    b = [x.norm for x in short_long]
    kept = [False] * len(a)
    for i, _, size in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks():
        for k in range(i, i + size):
            kept[k] = True
    if not any(kept):  # nothing in order: fall back to membership
        return [x.norm in short_norms for x in full_long]
    return kept


def _cut_inside(short: Document, full_long: list[Block]) -> bool:
    """The short version's last passage is a strict start of one of the complete version's
    passages: the capture stops inside it."""
    last = next((b for b in reversed(short.blocks) if b.norm), None)
    if last is None or len(last.norm) < 20:
        return False
    return any(len(b.norm) > len(last.norm) and b.norm.startswith(last.norm) for b in full_long)


def _first_and_last(short: Document) -> tuple[Block, Block] | None:
    """The short version's first and last passages with text (None when it has none)."""
    first = next((b for b in short.blocks if b.norm), None)
    if first is None:
        return None
    return first, next(b for b in reversed(short.blocks) if b.norm)


def _cut_block(block: Block, texts: tuple[Block, Block] | None, full_long: list[Block]) -> bool:
    """The short version's last (or first) passage (*texts*: its first and last) is the start (or
    end) of one of the complete version's passages: the capture was cut inside it, it is not text
    of its own."""
    if not texts or block not in texts or len(block.norm) < 20:
        return False
    if block is texts[-1]:
        return any(b.norm.startswith(block.norm) for b in full_long)
    return any(b.norm.endswith(block.norm) for b in full_long)


_DATE_PART = lazy(r"\d+|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.I)


def _date_of(line: str) -> tuple[str, ...]:
    """The date a 'Last updated' line gives (its figures and month names)."""
    return tuple(m.group(0).lower()[:3] for m in _DATE_PART.finditer(line))


def _title_missing(short: Document, full: Document, short_norms: set[str]) -> bool:
    """The complete version opens with a heading (its title) that the short one lacks, and the
    short one does not open with a heading of that rank: it starts part-way through the page."""
    title = next((b for b in full.blocks[:5] if b.kind == "heading"), None)
    if title is None or not title.norm or title.norm in short_norms:
        return False
    opening = next((b for b in short.blocks if b.norm), None)
    return opening is None or opening.kind != "heading" or opening.level > title.level


def _stops_mid_sentence(short: Document) -> bool:
    last = next((b for b in reversed(short.blocks) if b.norm), None)
    return (
        last is not None
        and last.kind in ("paragraph", "list_item")
        and not _ENDS_SENTENCE.search(last.text.rstrip())
    )
