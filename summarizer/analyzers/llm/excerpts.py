"""What the model sees of a hunk's text: the changed sentences of the old and new text with a little
unchanged context, or only the words within a window of a change; ``[…]`` marks what was left out.
Excerpts are verbatim slices of the documents, so quotes the model copies from them can be found
again (:mod:`summarizer.analyzers.llm.grounding`)."""

from __future__ import annotations

import re
from collections.abc import Callable

from summarizer.model.diff import Hunk

ELISION = "[…]"


Redact = Callable[[str], str]


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
    return elide(len(sents), keep, lambda a, b: text[sents[a].start : sents[b].end])


def elide(count: int, keep: set[int], run_text: Callable[[int, int], str]) -> str:
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


def units_around(
    anchors: list[int], count: int, window: int, breaks_after: Callable[[int], bool]
) -> set[int]:
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
    keep = units_around(hit, len(words), window, lambda j: sentence_of[j] != sentence_of[j + 1])
    return elide(len(words), keep, lambda a, b: text[words[a][0] : words[b][1]])


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
