"""What the diff allows an answer to cite: the two texts, the hunks that were sent and the sections
they touched, and locating a quote (with or without inline marks) on either side."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from summarizer.analyzers.llm.change_blocks import NO_SECTION
from summarizer.analyzers.llm.inline_marks import has_marks, side_of
from summarizer.analyzers.llm.quotes import MAX_QUOTE_CHARS, find_quote, quote_fragments
from summarizer.model.diff import DiffResult, Hunk


def _norm_heading(text: str) -> str:
    text = re.sub(r"[#*_`>\[\]()]+", " ", text).casefold()
    text = re.sub(r"^\s*(?:\d+(?:\.\d+)*|[ivx]+|[a-z])[.)]\s+", "", text.strip())
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


_SECTION_SPLIT = re.compile(r"\s*(?:›|»|>|/|\||→)\s*")


@dataclass
class Grounding:
    """The texts and hunks an answer must stay within."""

    old_text: str
    new_text: str
    hunks: dict[int, Hunk]  # the hunks that were sent to the model, by id
    _sections: set[str] = field(default_factory=set, repr=False)
    _crumbs: list[tuple[str, ...]] = field(default_factory=list, repr=False)

    @classmethod
    def of(cls, diff: DiffResult, hunks: list[Hunk]) -> "Grounding":
        g = cls(diff.old.text, diff.new.text, {h.id: h for h in hunks})
        for h in hunks:
            for crumb in (h.section_old, h.section_new):
                g._crumbs.append(crumb)
                g._sections.update(_norm_heading(part) for part in crumb)
                if not crumb:
                    g._sections.add(_norm_heading(NO_SECTION))
        g._sections.discard("")
        return g

    def section_touched(self, section: str) -> bool:
        """True when *section* names a section (or a part of a breadcrumb) the diff touched."""
        if not section.strip():
            return True
        whole = _norm_heading(section)
        if whole in self._sections or any(whole == _norm_heading(" ".join(c)) for c in self._crumbs):
            return True
        parts = [_norm_heading(p) for p in _SECTION_SPLIT.split(section) if p.strip()]
        return bool(parts) and parts[-1] in self._sections

    def hunks_at(self, side: str, start: int, end: int) -> list[int]:
        """Ids of sent hunks whose span on *side* overlaps [start, end)."""
        out = []
        for h in self.hunks.values():
            s, e = (h.old_start, h.old_end) if side == "old" else (h.new_start, h.new_end)
            if s < end and e > start:
                out.append(h.id)
        return out


def locate_quote(quote: str, g: Grounding, prefer: str = "old") -> list[tuple[str, int, int]] | None:
    """Each fragment of *quote* located as (side, start, end), looking in the *prefer* version
    first; None if a fragment is in neither."""
    if has_marks(quote):  # copied from an inline excerpt, [-…-]/{+…+} marks and all
        for side in (prefer, "new" if prefer == "old" else "old"):
            found = _locate_plain(side_of(quote, side), g, prefer=side)
            if found:
                return found
        return None
    return _locate_plain(quote, g, prefer)


def _locate_plain(quote: str, g: Grounding, prefer: str) -> list[tuple[str, int, int]] | None:
    if len(quote) > MAX_QUOTE_CHARS:
        return None
    sides = [("old", g.old_text), ("new", g.new_text)]
    if prefer == "new":
        sides.reverse()
    out = []
    for frag in quote_fragments(quote):
        for side, text in sides:
            where = find_quote(frag, text)
            if where:
                out.append((side, *where))
                break
        else:
            return None
    return out
