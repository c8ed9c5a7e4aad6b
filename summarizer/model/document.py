"""A loaded document and its blocks: the input every stage of the pipeline reads."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Literal

BlockKind = Literal["heading", "paragraph", "list_item", "table_row", "code"]


@dataclass(slots=True)
class Block:
    """One unit of a document: a heading, paragraph, list item, table row or code block."""

    index: int
    kind: BlockKind
    text: str  # original text, exactly ``document.text[start:end]``
    start: int
    end: int
    section: tuple[str, ...]  # breadcrumb of the headings above (and including) this block
    level: int = 0  # heading level (1..9) for headings, 0 otherwise
    _norm: str | None = None

    @property
    def norm(self) -> str:
        """Normalised content used for comparison (computed on first use)."""
        if self._norm is None:
            source = self.text.split("\n", 1)[0] if self.kind == "heading" else self.text
            norm = _NORMS.get(source)
            if norm is None:
                from summarizer.text.normalise import normalise

                if len(_NORMS) >= _NORMS_MAX:
                    _NORMS.clear()
                norm = _NORMS[source] = normalise(source)
            self._norm = norm
        return self._norm


# Blocks with the same text have the same comparison form: repeated passages (list items, footers,
# a template's boilerplate) are normalised once. Bounded: cleared when full.
_NORMS: dict[str, str] = {}
_NORMS_MAX = 50_000


@dataclass(slots=True)
class Document:
    """A loaded document: its original text (HTML already converted) and its blocks."""

    text: str
    blocks: list[Block]
    source: str = "-"
    format: str = "md"  # md | txt | html
    title: str | None = None

    @property
    def word_count(self) -> int:
        """``len(text.split())``; no word spans a line, so each distinct line is split once
        (blank and repeated lines are common, and the big list of words is never built)."""
        return sum(len(line.split()) * n for line, n in Counter(self.text.split("\n")).items())
