"""Text a reader never sees is not document text.

A page can carry words that no reader sees: HTML comments, elements hidden by CSS
(``display:none``, ``visibility:hidden``, zero opacity or font size, pushed off-screen, white on
white) or by the ``hidden`` attribute, image alt text. Such text can hold instructions meant for a
machine reader, so it is dropped before a document is compared: :func:`hidden_style` judges an
inline style (used on parsed HTML), :func:`strip_hidden_markup` removes the same things from the
raw HTML inside a Markdown or plain-text document.
"""

from __future__ import annotations

import re

from summarizer.text.lazy_re import lazy

_WHITE = r"(?:white|#fff(?:fff)?\b|rgba?\(\s*255\s*,\s*255\s*,\s*255\s*(?:,\s*1(?:\.0*)?\s*)?\))"
_HIDDEN_RULES = lazy(
    r"(?:^|[;{\s])(?:"
    r"display\s*:\s*none"
    r"|visibility\s*:\s*(?:hidden|collapse)"
    r"|opacity\s*:\s*0*(?:\.0*)?\s*(?:[;!}]|$)"
    r"|font-size\s*:\s*0+(?:\.0*)?(?:px|pt|em|rem|%|vw|vh)?\s*(?:[;!}]|$)"
    r"|(?:text-indent|left|top|margin-left|margin-top)\s*:\s*-\s*\d{3,}"
    r"|clip\s*:\s*rect\(\s*0"
    r"|clip-path\s*:\s*inset\(\s*50%"
    r"|(?:max-)?(?:height|width)\s*:\s*0+(?:px)?\s*;[^\"']*overflow\s*:\s*hidden"
    r")",
    re.IGNORECASE,
)
_COLOR = lazy(r"(?:^|[;\s])color\s*:\s*([^;!]+)", re.IGNORECASE)
_BACKGROUND = lazy(r"background(?:-color)?\s*:\s*([^;!]+)", re.IGNORECASE)


def _same_colour(a: str, b: str) -> bool:
    a, b = (re.sub(r"\s+", "", x.lower()) for x in (a, b))
    return a == b or (bool(re.fullmatch(_WHITE, a)) and bool(re.fullmatch(_WHITE, b)))


def hidden_style(style: str) -> bool:
    """True when an inline *style* hides its element's text from a reader: not displayed, not
    visible, transparent, zero-sized, pushed off-screen, or written in the colour of its background
    (white text on a page without a background of its own counts as white on white)."""
    if _HIDDEN_RULES.search(style):
        return True
    colour = _COLOR.search(style)
    if not colour:
        return False
    background = _BACKGROUND.search(style)
    if background:
        return _same_colour(colour.group(1), background.group(1))
    return bool(re.fullmatch(_WHITE, re.sub(r"\s+", "", colour.group(1).lower())))


_COMMENT = lazy(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_STYLED = lazy(
    r"<([a-zA-Z][a-zA-Z0-9]*)\b([^<>]*?(?:style|hidden)[^<>]*)>(.*?)</\1\s*>",
    re.IGNORECASE | re.DOTALL,
)
_STYLE_ATTR = lazy(r"""\bstyle\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_HIDDEN_ATTR = lazy(
    r"""(?:^|\s)(?:hidden(?:\s*=\s*(?:"[^"]*"|'[^']*'|\w+))?|aria-hidden\s*=\s*["']?true)(?=[\s/]|$)""",
    re.IGNORECASE,
)
_ALT = lazy(r"""(<img\b[^<>]*?\balt\s*=\s*)(?:"[^"]*[^\W\d_][^"]*"|'[^']*[^\W\d_][^']*')""", re.IGNORECASE)
_LETTERS = lazy(r"[^\W\d_]")


def _hides(attrs: str) -> bool:
    if _HIDDEN_ATTR.search(attrs):
        return True
    m = _STYLE_ATTR.search(attrs)
    return m is not None and hidden_style(m.group(1) or m.group(2) or "")


def strip_hidden_markup(text: str) -> str:
    """*text* (Markdown or plain text, which may hold raw HTML) without HTML comments, without the
    elements that inline HTML hides and that hold words, and with image alt text emptied. Text
    without any of these is returned unchanged (the same string)."""
    if "<" not in text:
        return text
    out = _COMMENT.sub("", text) if "<!--" in text else text

    def drop(m: re.Match[str]) -> str:
        if _hides(m.group(2)) and _LETTERS.search(re.sub(r"<[^>]*>", "", m.group(3))):
            return ""
        return m.group(0)

    if re.search(r"style\s*=|hidden", out, re.IGNORECASE):
        previous = None
        while previous != out:  # nested hidden elements: innermost pairs first, then the rest
            previous = out
            out = _STYLED.sub(drop, out)
    return _ALT.sub(lambda m: f'{m.group(1)}""', out) if "alt" in out.lower() else out
