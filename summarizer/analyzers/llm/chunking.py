"""What the model sees of a diff: hunks rendered as delimited excerpts, packed into token-budgeted chunks.

Each substantive hunk becomes one ``<change>`` block: its id, kind and section breadcrumb, the
changed sentences of the old and new text inside excerpt tags with a little unchanged context
(``[…]`` marks what was left out), and the diff's signals as hints. A :class:`Layout` (named by the
prompt's manifest) fixes the tag names and how much unchanged text is kept: ``verbose`` (the v1
prompt: ``<document_excerpt version="old">``, whole changed sentences), ``compact`` (``<old>``,
``<new>``, ``<signals>``, and long sentences clipped to a window of words around the change) or
``inline`` (one word diff per change, ``[-removed-] {+added+}`` as in git's word diff, unchanged
words once, and a section line only where the section changes).
Document text is untrusted: any of our delimiter tags inside it is escaped (``<`` → ``&lt;``) so it
cannot close a block early. Excerpts are verbatim slices of the documents, so quotes the model
copies from them can be found again (:mod:`summarizer.analyzers.llm.verify`).

Blocks are packed in document order into chunks whose rendered text stays under the budget; a
block too large alone is split with langchain-text-splitters' ``RecursiveCharacterTextSplitter``
measuring length in tiktoken tokens, each part carrying the breadcrumb and ``part k/n``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from summarizer.errors import InputError
from summarizer.llm.tokens import count_tokens
from summarizer.model.diff import Hunk, Signals

ELISION = "[…]"
NO_SECTION = "(no heading)"
MIN_BUDGET = 100  # tokens: below this a block's framing leaves no room for text
# every tag that structures a prompt (ours, and the ones chat templates and prompt writers use),
# and the special-token opener ``<|`` (``<|im_start|>``): escaped wherever document text holds them
UNTRUSTED_TAGS = (
    "change",
    "changes",
    "document_excerpt",
    "diff_signals",
    "findings",
    "old",
    "new",
    "signals",
    "instructions",
    "instruction",
    "system",
    "user",
    "assistant",
    "prompt",
    "document",
    "documents",
    "excerpt",
    "context",
    "task",
    "rules",
    "message",
    "input",
    "output",
)
_NAMES = r"(?:" + "|".join(UNTRUSTED_TAGS) + r")\b|\|"
_TAG = re.compile(r"<(\s*/?\s*)(" + _NAMES + r")", re.IGNORECASE)
_ESCAPED_TAG = re.compile(r"&lt;(\s*/?\s*)(" + _NAMES + r")", re.IGNORECASE)
_SEPARATOR = "\n\n"
_SECTION_LINE = "section: "
Redact = Callable[[str], str]


def escape_untrusted(text: str) -> str:
    """Neutralise our delimiter tags inside document text: ``</document_excerpt`` → ``&lt;/document_excerpt``."""
    return _TAG.sub(lambda m: f"&lt;{m.group(1)}{m.group(2)}", text)


def unescape_untrusted(text: str) -> str:
    """Undo :func:`escape_untrusted` (for quotes the model copied from an escaped excerpt)."""
    return _ESCAPED_TAG.sub(lambda m: f"<{m.group(1)}{m.group(2)}", text)


@dataclass(frozen=True, slots=True)
class Layout:
    """How a ``<change>`` block is written: excerpt and signal tags, and the word window kept
    around a change inside a long sentence (``None``: whole sentences)."""

    name: str
    old_open: str
    old_close: str
    new_open: str
    new_close: str
    signals_open: str
    signals_close: str
    clip_words: int | None = None
    inline: bool = False  # one word-diff excerpt ([-removed-] {+added+}) instead of an old and a new one


VERBOSE = Layout(
    "verbose",
    '<document_excerpt version="old">',
    "</document_excerpt>",
    '<document_excerpt version="new">',
    "</document_excerpt>",
    "<diff_signals>",
    "</diff_signals>",
)
COMPACT = Layout("compact", "<old>", "</old>", "<new>", "</new>", "<signals>", "</signals>", clip_words=12)
INLINE = Layout("inline", "[-", "-]", "{+", "+}", "<signals>", "</signals>", clip_words=8, inline=True)
LAYOUTS = {layout.name: layout for layout in (VERBOSE, COMPACT, INLINE)}


def get_layout(name: str | None) -> Layout:
    """The layout called *name* (``None``: verbose, the v1 prompt's)."""
    if name is None:
        return VERBOSE
    if name not in LAYOUTS:
        raise InputError(f"unknown excerpt layout {name!r}: choose one of {', '.join(LAYOUTS)}")
    return LAYOUTS[name]


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
            if line.startswith(_SECTION_LINE) and line == last:
                out.append(f"{head}\n{rest}")
            else:
                out.append(p.text)
            last = line if line.startswith(_SECTION_LINE) else None
        return _SEPARATOR.join(out)

    @property
    def hunk_ids(self) -> list[int]:
        return list(dict.fromkeys(p.hunk_id for p in self.pieces))


# --- excerpts -------------------------------------------------------------------------------------


def _touches(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    return any((s < end and e > start) or (s == e and start <= s <= end) for s, e in ranges)


def trim_to_changes(text: str, ranges: list[tuple[int, int]], context: int = 1) -> str:
    """The sentences of *text* that a change touches, with *context* unchanged sentences either
    side; runs left out become ``[…]``. Every kept run is a verbatim slice of *text*."""
    from summarizer.text.extract import sentences

    sents = sentences(text)
    if len(sents) <= 1 + 2 * context:
        return text.strip()
    hit = [i for i, s in enumerate(sents) if _touches(s.start, s.end, ranges)] or [0]
    keep = {j for i in hit for j in range(max(0, i - context), min(len(sents), i + context + 1))}
    return _elide(len(sents), keep, lambda a, b: text[sents[a].start : sents[b].end])


def _elide(count: int, keep: set[int], run_text: Callable[[int, int], str]) -> str:
    """The *keep* units of *count* (sentences or words, in order), each run of neighbours ``a..b``
    written by ``run_text(a, b)``, with ``[…]`` wherever units were left out."""
    runs: list[tuple[int, int]] = []
    for i in sorted(keep):
        if runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    out = f" {ELISION} ".join(run_text(a, b) for a, b in runs)
    if runs[0][0] > 0:
        out = f"{ELISION} {out}"
    if runs[-1][1] < count - 1:
        out = f"{out} {ELISION}"
    return out


def _around(anchors: list[int], count: int, window: int, breaks_after: Callable[[int], bool]) -> set[int]:
    """The units within *window* of an anchor, never across a break (``breaks_after(j)``: a
    sentence ends between units ``j`` and ``j + 1``)."""
    keep: set[int] = set()
    for i in anchors:
        lo = i
        while lo > 0 and i - lo < window and not breaks_after(lo - 1):
            lo -= 1
        hi = i
        while hi + 1 < count and hi - i < window and not breaks_after(hi):
            hi += 1
        keep.update(range(lo, hi + 1))
    return keep


_WORD = re.compile(r"\S+")


def clip_to_changes(text: str, ranges: list[tuple[int, int]], window: int) -> str:
    """The words of *text* within *window* words of a change (never reaching past the changed
    sentence), runs left out becoming ``[…]``. Every kept run is a verbatim slice of *text*."""
    from summarizer.text.extract import sentences

    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    if not words:
        return text.strip()
    sentence_of: list[int] = []
    sents = sentences(text) or []
    k = 0
    for start, _ in words:
        while k + 1 < len(sents) and sents[k + 1].start <= start:
            k += 1
        sentence_of.append(k)
    hit = [i for i, (s, e) in enumerate(words) if _touches(s, e, ranges)]
    if not hit:
        return text.strip()
    keep = _around(hit, len(words), window, lambda j: sentence_of[j] != sentence_of[j + 1])
    return _elide(len(words), keep, lambda a, b: text[words[a][0] : words[b][1]])


# Inline marks, as in git's word diff: cheaper than tags (6 tokens a replacement against 10).
DEL_OPEN, DEL_CLOSE, INS_OPEN, INS_CLOSE = "[-", "-]", "{+", "+}"
_MARK = re.compile(r"\[-|-\]|\{\+|\+\}")
_OUR_MARK = re.compile(r"\[-|(?<!\\)-\]|\{\+|(?<!\\)\+\}")  # not the escaped ones: [\- \-] {\+ \+}
_ESCAPED_MARK = re.compile(r"\[\\-|\\-\]|\{\\\+|\\\+\}")
# a word that ends a sentence: . ! ? (then closing quotes or brackets), not an abbreviation
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
_ABBREVIATION = re.compile(r"^(?:e\.g|i\.e|etc|Inc|Ltd|Co|Corp|No|vs|[A-Z])\.$")


def escape_marks(text: str) -> str:
    """Document text for an inline excerpt: our tags escaped (:func:`escape_untrusted`) and any
    of the marks ``[-`` ``-]`` ``{+`` ``+}`` written with a backslash (``[\\-``)."""
    return _MARK.sub(
        lambda m: m.group()[0] + "\\" + m.group()[1] if m.group()[0] in "[{" else "\\" + m.group(),
        escape_untrusted(text),
    )


def unescape_marks(text: str) -> str:
    """Undo :func:`escape_marks` (for quotes the model copied from an inline excerpt)."""
    return unescape_untrusted(_ESCAPED_MARK.sub(lambda m: m.group().replace("\\", ""), text))


def has_marks(text: str) -> bool:
    """True when *text* carries inline marks (``[-`` ``-]`` ``{+`` ``+}``) of our own."""
    return bool(_OUR_MARK.search(text))


def side_of(text: str, side: str) -> str:
    """*text* (e.g. a quote the model copied from an inline excerpt, marks and all) as it reads in
    the *side* version: ``old`` keeps ``[-…-]`` runs and drops ``{+…+}`` ones, ``new`` the reverse."""
    drop = r"\{\+.*?(?<!\\)\+\}" if side == "old" else r"\[-.*?(?<!\\)-\]"
    # then every mark left (this side's, and any a model left unpaired) goes
    return " ".join(_OUR_MARK.sub("", re.sub(drop, " ", text, flags=re.S)).split())


@dataclass(slots=True)
class _Unit:
    """One word of an inline diff, or one run of removed and added words."""

    old: list[str]  # the words on each side (one shared word when unchanged)
    new: list[str]
    changed: bool = False  # a real edit (window anchor); case or punctuation alone is not one
    ends: bool = False  # a sentence or line ends after it: a window does not reach past it
    gap: str = " "  # whitespace after it

    @property
    def marked(self) -> bool:
        return self.old != self.new

    def render(self) -> str:
        """The unit as the model sees it: escaped document words, and our marks."""
        if not self.marked:
            return escape_marks(self.new[0])
        out = ""
        if self.old:
            out += DEL_OPEN + escape_marks(" ".join(self.old)) + DEL_CLOSE
        if self.new:
            out += INS_OPEN + escape_marks(" ".join(self.new)) + INS_CLOSE
        return out


def _ends(text: str, after: str) -> bool:
    return "\n" in after or (bool(_SENTENCE_END.search(text)) and not _ABBREVIATION.match(text))


def _word_units(old: str, new: str) -> list[_Unit]:
    """The words of an edited passage, aligned; neighbouring marked words merged into one run."""
    from summarizer.text.extract import word_opcodes

    ta, tb, opcodes = word_opcodes(old, new)

    def gap_after(k: int) -> str:
        between = new[tb[k][1] : tb[k + 1][0]] if k + 1 < len(tb) else ""
        return "\n" if "\n" in between else " "

    units: list[_Unit] = []
    for op, i1, i2, j1, j2 in opcodes:
        if op == "equal":
            for i, j in zip(range(i1, i2), range(j1, j2)):
                b, gap = new[slice(*tb[j])], gap_after(j)
                units.append(_Unit([old[slice(*ta[i])]], [b], False, _ends(b, gap), gap))
            continue
        news = [new[slice(*tb[j])] for j in range(j1, j2)]
        gap = gap_after(j2 - 1) if j2 > j1 else " "
        units.append(
            _Unit(
                [old[slice(*ta[i])] for i in range(i1, i2)],
                news,
                True,
                bool(news) and _ends(news[-1], gap),
                gap,
            )
        )
    merged: list[_Unit] = []
    for u in units:
        if merged and u.marked and merged[-1].marked:
            last = merged[-1]
            last.old, last.new = last.old + u.old, last.new + u.new
            last.changed, last.ends, last.gap = last.changed or u.changed, u.ends, u.gap
        else:
            merged.append(u)
    return merged


def inline_diff(old: str, new: str, window: int | None = None) -> str:
    """One excerpt for an edited passage: unchanged words once, removed words in ``[-…-]``, added
    words in ``{+…+}`` (git's word-diff marks). Reading it without the ``{+…+}`` runs gives the old
    text, without the ``[-…-]`` runs the new one, word for word. With *window*, only the words
    within *window* words of an edit are kept (never past the edited sentence), runs left out
    becoming ``[…]``. Document text is escaped; only the marks are ours."""
    units = _word_units(old, new)
    if not units:
        return ""
    anchors = [k for k, u in enumerate(units) if u.changed]
    if window is None or not anchors:
        keep = set(range(len(units)))
    else:
        keep = _around(anchors, len(units), window, lambda j: units[j].ends)

    def run_text(a: int, b: int) -> str:
        return "".join(units[k].render() + (units[k].gap if k < b else "") for k in range(a, b + 1))

    return _elide(len(units), keep, run_text)


def excerpt_sides(
    h: Hunk, context: int = 1, redact: Redact | None = None, clip_words: int | None = None
) -> tuple[str, str]:
    """(old, new) excerpt text of a hunk: a whole added/removed block, or the changed sentences
    of a modified (or moved-and-edited) one with *context* sentences around them (with
    *clip_words*: only the words within that many words of a change, inside the changed
    sentences). *redact*, when given, rewrites each side (e.g. to hide instruction-like sentences)."""
    old, new = _sides(h, context, clip_words)
    if redact is not None:
        old, new = (redact(old) if old else old), (redact(new) if new else new)
    return old, new


def _sides(h: Hunk, context: int, clip_words: int | None = None) -> tuple[str, str]:
    if h.kind == "added":
        return "", h.new_text.strip()
    if h.kind == "removed":
        return h.old_text.strip(), ""
    from summarizer.text.extract import word_edits

    edits = word_edits(h.old_text, h.new_text)
    if not edits:
        return h.old_text.strip(), h.new_text.strip()
    if clip_words is not None:
        return (
            clip_to_changes(h.old_text, [e.old for e in edits], clip_words),
            clip_to_changes(h.new_text, [e.new for e in edits], clip_words),
        )
    return (
        trim_to_changes(h.old_text, [e.old for e in edits], context),
        trim_to_changes(h.new_text, [e.new for e in edits], context),
    )


def describe_signals(sig: Signals, lists: bool = True) -> str:
    """The diff signals as one line of hints (quoted words come from the documents); *lists*:
    with the items added to or removed from enumerations."""
    out: list[str] = []
    for m in sig.modality:
        what = "a promise was hedged" if m.direction == "weaker" else "a promise got firmer"
        out.append(f'{what}: "{m.old}" became "{m.new}"')
    for n in sig.negation:
        out.append(f'negation {n.change}: "{n.phrase}"')
    for e in sig.enumerations if lists else ():
        bits = []
        if e.added:
            bits.append("added " + ", ".join(f'"{x}"' for x in e.added))
        if e.removed:
            bits.append("removed " + ", ".join(f'"{x}"' for x in e.removed))
        if bits:
            out.append(f'list after "{e.context}": ' + "; ".join(bits))
    if sig.parties_added:
        out.append("parties added: " + ", ".join(f'"{p}"' for p in sig.parties_added))
    if sig.parties_removed:
        out.append("parties removed: " + ", ".join(f'"{p}"' for p in sig.parties_removed))
    for num in sig.numbers:
        out.append(f'number changed: "{num.old}" became "{num.new}"')
    if sig.reserve_right_added:
        out.append("the company now reserves a right")
    if sig.reserve_right_removed:
        out.append("a right the company reserved was removed")
    return "; ".join(out)


def breadcrumb(section: tuple[str, ...]) -> str:
    return " › ".join(section) if section else NO_SECTION


def render_change(
    h: Hunk,
    old: str,
    new: str,
    *,
    part: tuple[int, int] | None = None,
    layout: Layout = VERBOSE,
    diff: str | None = None,
) -> str:
    """One ``<change>`` block. Only our own values go into the tag attributes. *diff* (an
    :func:`inline_diff`, or a whole added or removed text in ``{+…+}`` or ``[-…-]``; already
    escaped) stands for *old* and *new* in the inline layout, whose blocks carry no ``kind`` (the
    marks show it)."""
    attrs = f'id="{h.id}"' if layout.inline else f'id="{h.id}" kind="{h.kind}"'
    if part is not None and part[1] > 1:
        attrs += f' part="{part[0]}/{part[1]}"'
    escape = escape_marks if layout.inline else escape_untrusted
    # the inline layout names a section by its own heading, not the whole breadcrumb
    section, section_old = (
        (h.section[-1:], h.section_old[-1:]) if layout.inline else (h.section, h.section_old)
    )
    lines = [f"<change {attrs}>", f"{_SECTION_LINE}{escape_untrusted(breadcrumb(section))}"]
    if h.kind == "moved" and h.section_old and h.section_old != h.section_new:
        lines[-1] += f" (moved from: {escape_untrusted(breadcrumb(section_old))})"
    if diff is not None:
        lines.append(diff)
    if old:
        lines += [layout.old_open, escape(old), layout.old_close]
    if new:
        lines += [layout.new_open, escape(new), layout.new_close]
    # the inline marks already show what joined or left a list
    signals = describe_signals(h.signals, lists=not layout.inline)
    if signals:
        lines.append(f"{layout.signals_open}{escape_untrusted(signals)}{layout.signals_close}")
    lines.append("</change>")
    return "\n".join(lines)


# --- splitting and packing ------------------------------------------------------------------------


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
