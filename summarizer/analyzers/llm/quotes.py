"""Finding a quote the model copied in a document: verbatim modulo whitespace, typographic quotes,
Markdown emphasis and elisions (the stored quote is then the document's own text)."""

from __future__ import annotations

import re

from summarizer.analyzers.llm.inline_marks import unescape_marks
from summarizer.analyzers.llm.untrusted import unescape_untrusted

MAX_QUOTE_CHARS = 1200  # a "quote" longer than this is a copy of the excerpt, not a quote


_SINGLE = "'‘’‚‛`´′"
_DOUBLE = '"“”„‟″«»'
_ELLIPSIS = re.compile(r"\s*(?:\.{3,}|…|\[…\]|\[\.\.\.\])\s*")
_EMPHASIS = "*_"


def _token_pattern(token: str) -> str:
    out = []
    for ch in token:
        if ch in _SINGLE:
            out.append(f"[{re.escape(_SINGLE)}]")
        elif ch in _DOUBLE:
            out.append(f"[{re.escape(_DOUBLE)}]")
        elif ch in _EMPHASIS:
            out.append(f"{re.escape(ch)}?")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def quote_pattern(quote: str) -> re.Pattern[str] | None:
    """A regex that finds *quote* in a document modulo whitespace, typographic quotes and
    Markdown emphasis markers between words; None for an empty quote."""
    tokens = [t.strip(_EMPHASIS) for t in quote.split()]
    tokens = [t for t in tokens if t]
    if not tokens:
        return None
    sep = rf"[\s{re.escape(_EMPHASIS)}]+"
    return re.compile(sep.join(_token_pattern(t) for t in tokens))


def find_quote(quote: str, text: str) -> tuple[int, int] | None:
    """Where *quote* stands in *text* (see :func:`quote_pattern`), or None."""
    for candidate in dict.fromkeys((quote, unescape_untrusted(quote), unescape_marks(quote))):
        pattern = quote_pattern(candidate)
        if pattern is None:
            return None
        m = pattern.search(text)
        if m:
            return m.start(), m.end()
    return None


def quote_fragments(quote: str) -> list[str]:
    """A quote cut at ellipses (``...``, ``…``, ``[…]``): each fragment must stand on its own."""
    return [f.strip() for f in _ELLIPSIS.split(quote) if f.strip()]
