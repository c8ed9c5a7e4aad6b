"""Plain data types shared by the diff engine and everything downstream.

A :class:`DiffResult` is the product of the first pipeline stage: the two loaded documents and
the list of :class:`Hunk` between them, each carrying its section breadcrumbs, offsets, inline
word changes, cosmetic verdict and :class:`Signals`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from summarizer.model.document import Document

HunkKind = Literal["added", "removed", "modified", "moved"]


@dataclass(slots=True)
class WordChange:
    """One inline change inside a modified block: ``old`` words replaced by ``new`` words."""

    op: Literal["insert", "delete", "replace"]
    old: str
    new: str


@dataclass(slots=True)
class ModalityShift:
    old: str  # e.g. "will"
    new: str  # e.g. "may"
    direction: Literal["weaker", "stronger"]  # weaker = the promise got hedged


@dataclass(slots=True)
class NegationChange:
    change: Literal["added", "removed"]
    phrase: str  # the negated phrase, e.g. "do not sell"


@dataclass(slots=True)
class EnumerationChange:
    added: list[str]
    removed: list[str]
    context: str  # the words before the list, e.g. "share your data with"


@dataclass(slots=True)
class NumberChange:
    old: str  # "30 days"
    new: str  # "180 days"
    unit: str | None = None  # days, months, years, age, currency ...


@dataclass(slots=True)
class Signals:
    """Hints the analyzers use: what kind of semantic change a hunk carries."""

    modality: list[ModalityShift] = field(default_factory=list)
    negation: list[NegationChange] = field(default_factory=list)
    enumerations: list[EnumerationChange] = field(default_factory=list)
    parties_added: list[str] = field(default_factory=list)
    parties_removed: list[str] = field(default_factory=list)
    parties: list[str] = field(default_factory=list)  # parties named anywhere in the new (or old) text
    numbers: list[NumberChange] = field(default_factory=list)
    reserve_right_added: bool = False
    reserve_right_removed: bool = False

    def is_empty(self) -> bool:
        return not (
            self.modality
            or self.negation
            or self.enumerations
            or self.parties_added
            or self.parties_removed
            or self.numbers
            or self.reserve_right_added
            or self.reserve_right_removed
        )


@dataclass(slots=True)
class Hunk:
    """One change between the versions."""

    id: int
    kind: HunkKind
    section_old: tuple[str, ...]
    section_new: tuple[str, ...]
    old_text: str
    new_text: str
    # Character offsets into DiffResult.old.text / DiffResult.new.text. An added hunk has an
    # empty old span (old_start == old_end) at the point where it was inserted; a removed hunk
    # an empty new span at the point where it was taken out.
    old_start: int
    old_end: int
    new_start: int
    new_end: int
    changes: list[WordChange] = field(default_factory=list)
    cosmetic: bool = False
    cosmetic_reason: str | None = None
    signals: Signals = field(default_factory=Signals)
    moved_to_old: int | None = None  # moved hunks: where the text now stands, in old-text offsets

    @property
    def section(self) -> tuple[str, ...]:
        """The most informative breadcrumb: the new one, else the old one."""
        return self.section_new or self.section_old

    @property
    def breadcrumb(self) -> str:
        return " › ".join(self.section)

    @property
    def text(self) -> str:
        """The text to classify: the new text when there is one, else the old."""
        return self.new_text or self.old_text


@dataclass(slots=True)
class DiffResult:
    old: Document
    new: Document
    hunks: list[Hunk]

    @property
    def substantive(self) -> list[Hunk]:
        return [h for h in self.hunks if not h.cosmetic]

    @property
    def material(self) -> bool:
        """False when every hunk is cosmetic (or there is none)."""
        return any(not h.cosmetic for h in self.hunks)

    def to_dict(self) -> dict[str, Any]:
        return {
            "material": self.material,
            "old": {"source": self.old.source, "words": self.old.word_count, "blocks": len(self.old.blocks)},
            "new": {"source": self.new.source, "words": self.new.word_count, "blocks": len(self.new.blocks)},
            "hunks": [hunk_to_dict(h) for h in self.hunks],
        }


def hunk_to_dict(h: Hunk) -> dict[str, Any]:
    """JSON-ready form of a hunk (hand-written: ``asdict`` is slow on large diffs)."""
    return {
        "id": h.id,
        "kind": h.kind,
        "section_old": list(h.section_old),
        "section_new": list(h.section_new),
        "old_text": h.old_text,
        "new_text": h.new_text,
        "old_start": h.old_start,
        "old_end": h.old_end,
        "new_start": h.new_start,
        "new_end": h.new_end,
        "changes": [{"op": c.op, "old": c.old, "new": c.new} for c in h.changes],
        "cosmetic": h.cosmetic,
        "cosmetic_reason": h.cosmetic_reason,
        "signals": signals_to_dict(h.signals) if not h.signals.is_empty() or h.signals.parties else {},
        "moved_to_old": h.moved_to_old,
    }


def signals_to_dict(s: Signals) -> dict[str, Any]:
    """``dataclasses.asdict(s)``, written out (asdict deep-copies generically and is slow)."""
    return {
        "modality": [{"old": m.old, "new": m.new, "direction": m.direction} for m in s.modality],
        "negation": [{"change": n.change, "phrase": n.phrase} for n in s.negation],
        "enumerations": [
            {"added": list(e.added), "removed": list(e.removed), "context": e.context} for e in s.enumerations
        ],
        "parties_added": list(s.parties_added),
        "parties_removed": list(s.parties_removed),
        "parties": list(s.parties),
        "numbers": [{"old": n.old, "new": n.new, "unit": n.unit} for n in s.numbers],
        "reserve_right_added": s.reserve_right_added,
        "reserve_right_removed": s.reserve_right_removed,
    }
