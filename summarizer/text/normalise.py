"""Comparison form of text: typography folded, Markdown formatting and links reduced, whitespace collapsed.

These are pure string functions with no knowledge of documents; every stage that compares text
(sections, alignment, the cosmetic filter, quotes) uses the same ones.
"""

from __future__ import annotations

import re
import unicodedata

from summarizer.text.lazy_re import lazy

_TYPO = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u00b4": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u200b": "",
        "\u200c": "",
        "\u200d": "",
        "\ufeff": "",
        "\u2026": "...",
        "\u00ad": "",
    }
)
_TYPO_RE = lazy("[" + "".join(chr(c) for c in _TYPO) + "]")


def fold_typography(text: str) -> str:
    """Curly quotes, dashes, odd spaces and soft hyphens to their plain forms."""
    return _TYPO_RE.sub(lambda m: _TYPO[ord(m.group())] or "", text)


_MD_LINK = lazy(r"!?\[((?:\\.|[^\]\\])*)\]\((?:[^()]|\([^()]*\))*\)")
_MD_REF_LINK = lazy(r"\[([^\]]+)\]\[[^\]]*\]")
_INLINE_HTML = lazy(r"</?(?:em|i|b|strong|u|span|br|sup|sub|small|mark|font|a)\b[^>]*>", re.I)
_AUTOLINK = lazy(r"<(https?://[^>\s]+|[^>\s@]+@[^>\s]+)>")
_MD_EMPH = lazy(r"(\*\*|__|\*|~~)")
_LIST_MARKER = lazy(
    r"^\s*(?:[-*+•·]\s+|\(?(?:\d{1,3}(?:\.\d{1,3})*|[a-zA-Z]|[ivxlcdm]{1,6})[.)]\s+|\d{1,3}(?:\.\d{1,3})+\.?\s+)",
    re.I,
)
_HEADING_MARK = lazy(r"^\s{0,3}#{1,6}\s*|\s+#+\s*$")
_WS = lazy(r"\s+")


def normalise(text: str) -> str:
    """Comparison form: NFKC, straight quotes and dashes, no Markdown formatting, links reduced
    to their text, list markers and numbering removed, whitespace collapsed."""
    t = text if text.isascii() else fold_typography(unicodedata.normalize("NFKC", text))
    if "](" in t:
        for _ in range(3):  # nested: [![alt](img)](href)
            reduced = _MD_LINK.sub(r"\1", t)
            if reduced == t:
                break
            t = reduced
    if "][" in t:
        t = _MD_REF_LINK.sub(r"\1", t)
    if "<" in t:
        t = _AUTOLINK.sub(r"\1", t)
        t = _INLINE_HTML.sub(" " if "<br" in t else "", t)
    if "*" in t or "_" in t or "~" in t:
        t = _MD_EMPH.sub("", t)
    if "#" in t:
        t = _HEADING_MARK.sub("", t)
    if "\\" in t:
        t = t.replace("\\", "")
    head = t.lstrip()[:2]
    if head and (head[0] in "-*+•·(" or head[0].isdigit() or head[-1:] in ".)"):
        t = _LIST_MARKER.sub("", t, count=1)
    if "|" in t:
        t = t.replace("|", " ")
    return " ".join(t.split())


_LOOSE_TOKEN = lazy(r"\d+(?:[.,]\d+)*|[^\W_]+", re.UNICODE)


def loose_key(text: str, norm: str | None = None) -> str:
    """Words only, lower case: equal keys mean only whitespace, punctuation or case differ."""
    base = normalise(text) if norm is None else norm
    # only number tokens hold commas, and tokens are joined by spaces: drop the commas in one go
    return " ".join(_LOOSE_TOKEN.findall(base.casefold().replace("'", ""))).replace(",", "")
