"""Packing ``<change>`` blocks into token-budgeted chunks (one chunk, one model call). Blocks are packed
in document order into chunks whose rendered text stays under the budget; a block too large alone is
split with langchain-text-splitters' ``RecursiveCharacterTextSplitter`` measuring length in tiktoken
tokens, each part carrying the breadcrumb and ``part k/n``."""

from __future__ import annotations

from dataclasses import dataclass, field

from summarizer.analyzers.llm.change_blocks import SECTION_LINE, breadcrumb, render_change
from summarizer.analyzers.llm.excerpts import Redact, excerpt_sides
from summarizer.analyzers.llm.inline_marks import (
    DEL_CLOSE,
    DEL_OPEN,
    INS_CLOSE,
    INS_OPEN,
    escape_marks,
    inline_diff,
)
from summarizer.analyzers.llm.layouts import VERBOSE, Layout
from summarizer.errors import InputError
from summarizer.llm.tokens import count_tokens
from summarizer.model.diff import Hunk

MIN_BUDGET = 100  # tokens: below this a block's framing leaves no room for text


_SEPARATOR = "\n\n"


@dataclass(frozen=True, slots=True)
class Piece:
    """One rendered ``<change>`` block (or one part of an oversize hunk)."""

    hunk_id: int
    kind: str
    section: tuple[str, ...]
    text: str
    tokens: int
    part: int = 1
    parts: int = 1


@dataclass
class Chunk:
    """Pieces sent together in one model call; ``tokens`` counts the rendered text exactly."""

    index: int
    pieces: list[Piece] = field(default_factory=list)
    tokens: int = 0
    section_once: bool = False  # a block in the same section as the one before has no section line

    @property
    def text(self) -> str:
        if not self.section_once:
            return _SEPARATOR.join(p.text for p in self.pieces)
        out, last = [], None
        for p in self.pieces:
            head, line, rest = (p.text.split("\n", 2) + ["", ""])[:3]
            if line.startswith(SECTION_LINE) and line == last:
                out.append(f"{head}\n{rest}")
            else:
                out.append(p.text)
            last = line if line.startswith(SECTION_LINE) else None
        return _SEPARATOR.join(out)

    @property
    def hunk_ids(self) -> list[int]:
        return list(dict.fromkeys(p.hunk_id for p in self.pieces))


def split_text(text: str, max_tokens: int, model: str | None = None) -> list[str]:
    """Split *text* into pieces of at most *max_tokens* tokens at paragraph, line, sentence or
    word boundaries (langchain-text-splitters with a tiktoken length function). Pieces are
    verbatim slices of *text* (a little overlap between neighbours)."""
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(
        chunk_size=max_tokens,
        chunk_overlap=min(40, max_tokens // 10),
        length_function=lambda s: count_tokens(s, model),
        separators=["\n\n", "\n", ". ", "; ", ", ", " ", ""],
        keep_separator="end",
    )
    return [p for p in splitter.split_text(text) if p.strip()]


def pieces_for(
    h: Hunk,
    budget: int,
    *,
    model: str | None = None,
    context: int = 1,
    redact: Redact | None = None,
    layout: Layout = VERBOSE,
) -> list[Piece]:
    """The rendered block(s) of one hunk, each at most *budget* tokens (an inline diff too large
    for the budget is split as separate old and new excerpts)."""
    if layout.inline:
        old_text, new_text = (redact(h.old_text), redact(h.new_text)) if redact else (h.old_text, h.new_text)
        if h.kind == "added":
            body = INS_OPEN + escape_marks(new_text.strip()) + INS_CLOSE
        elif h.kind == "removed":
            body = DEL_OPEN + escape_marks(old_text.strip()) + DEL_CLOSE
        else:
            body = inline_diff(old_text, new_text, layout.clip_words)
        text = render_change(h, "", "", layout=layout, diff=body)
        tokens = count_tokens(text, model)
        if tokens <= budget:
            return [Piece(h.id, h.kind, h.section, text, tokens)]
    old, new = excerpt_sides(h, context, redact, layout.clip_words)
    text = render_change(h, old, new, layout=layout)
    tokens = count_tokens(text, model)
    if tokens <= budget:
        return [Piece(h.id, h.kind, h.section, text, tokens)]
    framing = count_tokens(render_change(h, "", "", part=(99, 99), layout=layout), model) + 8
    sides = [s for s in (old, new) if s]
    size = (budget - framing) // max(1, len(sides))
    while size >= 20:
        old_parts = split_text(old, size, model) if old else []
        new_parts = split_text(new, size, model) if new else []
        n = max(len(old_parts), len(new_parts))
        rendered = [
            render_change(
                h,
                old_parts[k] if k < len(old_parts) else "",
                new_parts[k] if k < len(new_parts) else "",
                part=(k + 1, n),
                layout=layout,
            )
            for k in range(n)
        ]
        counts = [count_tokens(r, model) for r in rendered]
        if max(counts) <= budget:
            return [
                Piece(h.id, h.kind, h.section, r, c, k + 1, n)
                for k, (r, c) in enumerate(zip(rendered, counts))
            ]
        size = int(size * 0.8)
    raise InputError(
        f"chunk budget of {budget} tokens is too small for change {h.id} of section {breadcrumb(h.section)!r}"
    )


def pack(
    pieces: list[Piece], budget: int, model: str | None = None, section_once: bool = False
) -> list[Chunk]:
    """Greedy packing in order: a chunk takes pieces until the next would pass the budget
    (*section_once*: a section line is written only where the section changes)."""
    sep = count_tokens(_SEPARATOR, model)
    chunks: list[Chunk] = []
    current: list[Piece] = []
    used = 0
    for piece in pieces:
        add = piece.tokens + (sep if current else 0)
        if current and used + add > budget:
            chunks.append(Chunk(len(chunks), current, used, section_once))
            current, used = [], 0
            add = piece.tokens
        current.append(piece)
        used += add
    if current:
        chunks.append(Chunk(len(chunks), current, used, section_once))
    # Token counts are not quite additive across a join: confirm each chunk exactly.
    exact: list[Chunk] = []
    for chunk in chunks:
        exact.extend(_confirm(chunk, budget, model))
    for i, chunk in enumerate(exact):
        chunk.index = i
    return exact


def _confirm(chunk: Chunk, budget: int, model: str | None) -> list[Chunk]:
    chunk.tokens = count_tokens(chunk.text, model)
    if chunk.tokens <= budget or len(chunk.pieces) == 1:
        return [chunk]
    head = Chunk(0, chunk.pieces[:-1], section_once=chunk.section_once)
    tail = Chunk(0, chunk.pieces[-1:], section_once=chunk.section_once)
    return _confirm(head, budget, model) + _confirm(tail, budget, model)


def plan_chunks(
    hunks: list[Hunk],
    budget: int,
    *,
    model: str | None = None,
    context: int = 1,
    redact: Redact | None = None,
    layout: Layout = VERBOSE,
) -> list[Chunk]:
    """Render *hunks* (in document order) and pack them into chunks of at most *budget* tokens.
    One chunk means one model call; more mean map (one call per chunk) then reduce."""
    if budget < MIN_BUDGET:
        raise InputError(f"chunk budget must be at least {MIN_BUDGET} tokens, got {budget}")
    ordered = sorted(hunks, key=lambda h: (h.new_start, h.old_start, h.id))
    pieces = [
        p
        for h in ordered
        for p in pieces_for(h, budget, model=model, context=context, redact=redact, layout=layout)
    ]
    return pack(pieces, budget, model, section_once=layout.inline)
