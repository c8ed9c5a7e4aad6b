"""The cosmetic filter: decide whether a change is noise (and say which kind) or substantive.

Cosmetic: whitespace, punctuation and case only; typography (curly vs straight quotes, dashes);
"Last updated"/"Effective date" lines; link targets and Markdown formatting; list renumbering.
"""

from __future__ import annotations

import re
import unicodedata

from summarizer.documents import DATE_LINE, _TYPO, loose_key, normalise

_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_DATE_TOKEN = re.compile(rf"^(?:\d{{1,4}}(?:st|nd|rd|th)?|{_MONTHS}|[\d./-]+)[.,:;)]*$", re.I)
_DATE_CONTEXT = re.compile(r"\b(updated|effective|revised|modified|version|dated|as of|last changed)\b", re.I)
_URL = re.compile(r"\]\(([^)]*)\)|https?://\S+|<[^>]+>")
_EMPH = re.compile(r"(\*\*|__|\*|~~|`|\\)")
_MARKER = re.compile(r"^\s*(?:[-*+•·]|\(?(?:\d{1,3}(?:\.\d{1,3})*|[a-zA-Z]|[ivxlcdm]{1,6})[.)]|\d{1,3}(?:\.\d{1,3})+\.?)\s+|^\s{0,3}#{1,6}\s*", re.I)
_WS = re.compile(r"\s+")


def _collapse(text: str) -> str:
    return _WS.sub(" ", text).strip()


def is_date_line(text: str, norm: str | None = None) -> bool:
    """A 'Last updated: ...' / 'Effective date: ...' line (short, starts with such words)."""
    if norm is None:
        if len(text) > 400:
            return False
        norm = normalise(text)
    return len(norm) <= 160 and bool(DATE_LINE.match(norm))


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
    return None


def block_reason(text: str, norm: str | None = None) -> str | None:
    """Why an added or removed block is cosmetic (no words, a date line), or None."""
    if not loose_key(text, norm):
        return "formatting only (no words)"
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
    if _MARKER.match(old) and _MARKER.match(new) and _MARKER.match(old).group(0).strip() != _MARKER.match(new).group(0).strip():
        reasons.append("list or section renumbering")
    if _EMPH.findall(old) != _EMPH.findall(new) or old.lstrip().startswith("#") != new.lstrip().startswith("#"):
        reasons.append("Markdown formatting")
    return " and ".join(reasons) if reasons else "formatting only"


def _only_date_tokens_changed(old_norm: str, new_norm: str) -> bool:
    import difflib

    a, b = old_norm.split(), new_norm.split()
    if not _DATE_CONTEXT.search(old_norm) or len(a) > 400:
        return False
    changed: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op != "equal":
            changed.extend(a[i1:i2])
            changed.extend(b[j1:j2])
    return bool(changed) and all(_DATE_TOKEN.match(t) for t in changed)
