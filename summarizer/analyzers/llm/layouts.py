"""How a ``<change>`` block is written. A :class:`Layout` (named by the prompt's manifest) fixes the tag
names and how much unchanged text is kept: ``verbose`` (the v1 prompt: ``<document_excerpt
version="old">``, whole changed sentences), ``compact`` (``<old>``, ``<new>``, ``<signals>``, and long
sentences clipped to a window of words around the change) or ``inline`` (one word diff per change,
``[-removed-] {+added+}`` as in git's word diff, unchanged words once, and a section line only where
the section changes)."""

from __future__ import annotations

from dataclasses import dataclass

from summarizer.errors import InputError


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
