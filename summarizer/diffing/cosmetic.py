"""The cosmetic filter: decide whether a change is noise (and say which kind) or substantive.

Cosmetic: whitespace, punctuation and case only; typography (curly vs straight quotes, dashes);
"Last updated"/"Effective date" lines; link targets and Markdown formatting; list renumbering.
"""

from __future__ import annotations

import re
import unicodedata

from summarizer.text.dates import DATE_LINE
from summarizer.text.lazy_re import lazy
from summarizer.text.normalise import _TYPO, loose_key, normalise

_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_ISO = r"\d{4}-\d{2}-\d{2}(?:t[\d:.]+z?)?"
_DATE_TOKEN = lazy(rf"^(?:\d{{1,4}}(?:st|nd|rd|th)?|{_MONTHS}|[\d./-]+|{_ISO})[.,:;)]*$", re.I)
_DATEISH = lazy(rf"^(?:(?:19|20)\d\d|{_MONTHS}|{_ISO}|\d{{1,4}}[./-]\d{{1,2}}[./-]\d{{1,4}})[.,:;)]*$", re.I)
_TIMESTAMP = lazy(r"\d{4}-\d{2}-\d{2}[tT ]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:[zZ]|[+-]\d{2}:?\d{2})?")
_DATE_FILLER = {
    "on",
    "as",
    "of",
    "from",
    "the",
    "date",
    "version",
    "at",
    "and",
    "is",
    "was",
    "last",
    "this",
    "policy",
    "notice",
    "terms",
    "updated",
    "effective",
    "revised",
    "modified",
    "in",
    "since",
    "-",
    "|",
    "/",
}
_VERSION = lazy(r"^v?\d+(?:\.\d+)*$", re.I)
_DATE_CONTEXT = lazy(r"\b(updated|effective|revised|modified|version|dated|as of|last changed)\b", re.I)
_URL = lazy(r"\]\(([^)]*)\)|https?://\S+|<[^>]+>")
_EMPH = lazy(r"(\*\*|__|\*|~~|`|\\)")
_MARKER = lazy(
    r"^\s*(?:[-*+•·]|\(?(?:\d{1,3}(?:\.\d{1,3})*|[a-zA-Z]|[ivxlcdm]{1,6})[.)]|\d{1,3}(?:\.\d{1,3})+\.?)\s+|^\s{0,3}#{1,6}\s*",
    re.I,
)
_WS = lazy(r"\s+")


def _collapse(text: str) -> str:
    return _WS.sub(" ", text).strip()


def is_date_line(text: str, norm: str | None = None) -> bool:
    """A 'Last updated: ...' / 'Effective date: ...' line (short, starts with such words)."""
    if norm is None:
        if len(text) > 400:
            return False
        norm = normalise(text)
    m = DATE_LINE.match(norm)
    if not m or len(norm) > 160:
        return False
    rest = [t.strip(".,:;()*_") for t in norm[m.end() :].split(" by ")[0].split()]
    rest = [t for t in rest if t and t.lower() not in _DATE_FILLER]
    return len(rest) <= 8 and all(_DATE_TOKEN.match(t) or _VERSION.match(t) for t in rest)


def pair_reason(old: str, new: str, old_norm: str | None = None, new_norm: str | None = None) -> str | None:
    """Why the change from *old* to *new* is cosmetic, or None when it is substantive."""
    if _collapse(old) == _collapse(new):
        return "whitespace only"
    old_norm = normalise(old) if old_norm is None else old_norm
    new_norm = normalise(new) if new_norm is None else new_norm
    if old_norm == new_norm:
        return _which_formatting(old, new)
    if loose_key(old, old_norm) == loose_key(new, new_norm):
        return "punctuation or case only"
    if is_date_line(old, old_norm) and is_date_line(new, new_norm):
        return "date line ('Last updated' / 'Effective') changed"
    if _only_date_tokens_changed(old_norm, new_norm):
        return "date changed"
    if ":" in old_norm and _TIMESTAMP.sub("<t>", old_norm) == _TIMESTAMP.sub("<t>", new_norm) != old_norm:
        return "page timestamp changed"
    if is_navigation(old, max_words=15) and is_navigation(new, max_words=15):
        return "navigation links"
    if _contact_key(old_norm) == _contact_key(new_norm):
        return "e-mail address shown or obfuscated differently"
    changed = _changed_tokens(old_norm, new_norm)
    if changed is not None:
        removed, added = changed
        if _spelling_variants(removed, added):
            return "spelling"
        if _widget_figures(removed, added, old_norm):
            return "figures in a page widget (prices, counters)"
        if removed and not added and " ".join(removed) in new_norm:
            return "duplicated text removed"
        if added and not removed and " ".join(added) in old_norm:
            return "text duplicated"
    return None


def block_reason(text: str, norm: str | None = None) -> str | None:
    """Why an added or removed block is cosmetic (no words, a date line), or None."""
    if not loose_key(text, norm):
        return "formatting only (no words)"
    if is_navigation(text):
        return "navigation links (menu, table of contents, buttons)"
    if len(text) < 60 and not loose_key(_NAV_WORDS.sub(" ", normalise(text))):
        return "navigation label"
    if is_date_line(text, norm):
        return "date line ('Last updated' / 'Effective') added or removed"
    return None


def _which_formatting(old: str, new: str) -> str:
    reasons = []
    o, n = unicodedata.normalize("NFKC", old), unicodedata.normalize("NFKC", new)
    if o.translate(_TYPO) != o or n.translate(_TYPO) != n:
        if _collapse(o.translate(_TYPO)) == _collapse(n.translate(_TYPO)):
            return "typography (quotes, dashes, spaces)"
        reasons.append("typography")
    if _URL.findall(old) != _URL.findall(new):
        reasons.append("link targets")
    marker_old, marker_new = _MARKER.match(old), _MARKER.match(new)
    if marker_old and marker_new and marker_old.group(0).strip() != marker_new.group(0).strip():
        reasons.append("list or section renumbering")
    if _EMPH.findall(old) != _EMPH.findall(new) or old.lstrip().startswith("#") != new.lstrip().startswith(
        "#"
    ):
        reasons.append("Markdown formatting")
    return " and ".join(reasons) if reasons else "formatting only"


def _only_date_tokens_changed(old_norm: str, new_norm: str) -> bool:
    import difflib

    a, b = old_norm.split(), new_norm.split()
    if len(a) > 400:
        return False
    bare_date = all(_DATE_TOKEN.match(t) for t in a + b) and any(_DATEISH.match(t) for t in a + b)
    if not bare_date and not _DATE_CONTEXT.search(old_norm):
        return False  # without 'updated'/'effective' words, only a block that is a bare date
    changed: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op != "equal":
            changed.extend(a[i1:i2])
            changed.extend(b[j1:j2])
    return (
        bool(changed)
        and all(_DATE_TOKEN.match(t) for t in changed)
        and (bare_date or any(_DATEISH.match(t) for t in changed))
    )


# --- navigation, spelling and widget noise ---------------------------------------------------

_NAV_WORDS = lazy(
    r"\b(table of contents|contents|on this page|back to top|skip to (main )?content|jump to|menu|"
    r"home|previous|next|print|share|find out more|learn more|read more|see more|more)\b",
    re.I,
)
# link texts that carry a user's choice or right: never treated as navigation noise
_SUBSTANTIVE_LINK = lazy(
    r"\b(opt|out|unsubscribe|delete|deletion|erase|consent|choices?|do not sell|sell|share|settings|"
    r"preferences|rights?|request|appeal|complain|complaint|withdraw|object|access|correct|cookie)\w*",
    re.I,
)
_LINK_PARTS = lazy(r"!?\[((?:\\.|[^\]\\])*)\]\(([^()]*(?:\([^()]*\)[^()]*)*)\)")


_EMAIL = lazy(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\[?email\s+protected\]?", re.I)
_A11Y = lazy(
    r"\(?\b(opens? (in )?(a )?new (window|tab)|opens email client|email client|external link)\b\)?", re.I
)


def _contact_key(norm: str) -> str:
    """Comparison key that ignores e-mail obfuscation and screen-reader link hints."""
    return loose_key("", _A11Y.sub(" ", _EMAIL.sub(" EMAIL ", norm)).replace("EMAILopens", "EMAIL"))


def is_navigation(text: str, max_words: int = 5) -> bool:
    """A block made only of links (menus, tables of contents, buttons, language pickers)."""
    if "](" not in text:
        return False
    links = _LINK_PARTS.findall(text)
    if not links:
        return False
    rest = _NAV_WORDS.sub(" ", _LINK_PARTS.sub(" ", text))
    if loose_key(rest):
        return False
    if all(target.strip().startswith("#") for _, target in links):
        return True  # in-page anchors: a table of contents
    for label, _target in links:
        words = normalise(label).split()
        if len(words) > max_words or _SUBSTANTIVE_LINK.search(" ".join(words)):
            return False
    return True


def _changed_tokens(old_norm: str, new_norm: str) -> tuple[list[str], list[str]] | None:
    """Words taken out and put in between two normalised texts (None for very long blocks)."""
    import difflib

    a, b = old_norm.split(), new_norm.split()
    if len(a) > 2000 or len(b) > 2000:
        return None
    removed: list[str] = []
    added: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op != "equal":
            removed.extend(a[i1:i2])
            added.extend(b[j1:j2])
    return removed, added


def _spelling_variants(removed: list[str], added: list[str]) -> bool:
    """Every changed word is a near-identical spelling of its counterpart ('canceling' -> 'cancelling')."""
    import difflib

    if not removed or len(removed) != len(added):
        return False
    for x, y in zip(removed, added):
        x, y = x.strip(".,;:()").lower(), y.strip(".,;:()").lower()
        if min(len(x), len(y)) < 6 or any(ch.isdigit() for ch in x + y):
            return False
        if difflib.SequenceMatcher(None, x, y).ratio() < 0.85:
            return False
    return True


_FIGURE = lazy(r"^[+\-]?[$€£¥]?\d[\d,.]*%?[kKmMbB]?$|^[+\-]?\d[\d,.]*%$|^[$€£¥][\d,.]+$")


def _widget_figures(removed: list[str], added: list[str], old_norm: str) -> bool:
    """Only figures changed in a block that is mostly figures (a price ticker, a counter)."""
    changed = [t.strip("()") for t in removed + added]
    if not changed or not all(_FIGURE.match(t) for t in changed):
        return False
    tokens = old_norm.split()
    figures = sum(1 for t in tokens if _FIGURE.match(t.strip("()")))
    return figures >= 3 and figures * 2 >= len(tokens)
