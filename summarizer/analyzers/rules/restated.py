"""Passages that still stand, word for word, in the other version (issue 12).

Real captures change layout without changing a word: a list marker glued to its item ("(2)any"
becomes "(2) any"), a heading set in bold with an escaped dot ("6.Liability" becomes
"**6\\. Liability**"), footnote markers renumbered ("[Note 2]" becomes "[Note 3]"), a bullet that a
list repeated taken out while the same bullet stays elsewhere. The diff sees changed or removed
sentences; a reader sees the same text.

So every changed sentence is compared with the other version by its letters and digits only (link
targets, images and footnote markers left out): a provision whose every changed sentence on either
side is still found in the other version (:func:`restated`) says nothing new and is not material.
Sentences found only elsewhere in the other version must come to at least :data:`MIN_KEY`
characters (a table cell's "Yes" turned "No" is a change even if "no" occurs elsewhere).
Numbers are kept, so "30 days" turned "60 days" is never the same text.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from summarizer.text.lazy_re import lazy

if TYPE_CHECKING:  # pragma: no cover
    from summarizer.analyzers.rules.provisions import Provision, Unit
    from summarizer.model.diff import DiffResult

#: Text found only elsewhere in the other version must have at least this many letters and digits.
MIN_KEY = 24

_IMAGE = lazy(r"!\[[^\]]*\]\([^)]*\)")
#: A footnote reference: '[\[Note 2\]](#cite_note-x-2)', '[[3]](#cite_note-3)', '[^4]'.
_FOOTNOTE = lazy(r"\[\\?\[[^\]\n]{0,20}?\\?\]\]\(#[^)]*\)|\[\^\w{1,12}\]")
_LINK_TARGET = lazy(r"\]\([^)]*\)")
_URL = lazy(r"https?://[^\s<>)]+|www\.[^\s<>)]+")
_ALNUM = lazy(r"[^\W_]+")
_SENTENCE = lazy(r"(?<=[.!?;:])\s+|\n+|<br\s*/?>|\s\|\s")
#: The ASCII characters that are not letters or digits (``[^\W_]`` and ``str.isalnum`` agree).
_ASCII_DROP = bytes(c for c in range(128) if not chr(c).isalnum())
#: From this length on, :func:`_alnum` deletes in bytes rather than collecting matches.
_LONG = 4096
#: At most this many distinct non-ASCII symbols are deleted one ``str.replace`` each.
_FEW = 32


def _alnum(text: str) -> str:
    """``"".join(_ALNUM.findall(text))``: *text* without its characters that are not letters or
    digits. A long text (a whole version) has its ASCII ones deleted from its UTF-8 bytes at once
    (every byte of a non-ASCII character is 0x80 or more, so none is touched) and then each distinct
    non-ASCII one (up to :data:`_FEW` kinds) with a ``str.replace``: 0.21 s -> ~0.05 s on a 4 MB version."""
    if len(text) < _LONG:
        return "".join(_ALNUM.findall(text))
    kept = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_DROP).decode("utf-8", "surrogatepass")
    if kept.isascii():
        return kept
    odd = [c for c in set(kept) if not c.isalnum()]
    if len(odd) > _FEW:
        return "".join(_ALNUM.findall(kept))  # many kinds of symbol: one pass, not one per kind
    for char in odd:
        kept = kept.replace(char, "")
    return kept


def text_key(text: str) -> str:
    """The letters and digits of a text, lower case, without link targets, images or footnote markers."""
    if "](" in text or "[^" in text:
        text = _LINK_TARGET.sub("]", _FOOTNOTE.sub(" ", _IMAGE.sub(" ", text)))
    if "http" in text or "www." in text:
        text = _URL.sub(" ", text)
    return _alnum(text.lower())


@lru_cache(maxsize=8)
def version_key(text: str) -> str:
    """:func:`text_key` of a whole version (cached: every provision of a diff asks for it)."""
    return text_key(text)


def _pieces(text: str) -> list[str]:
    return [k for k in (text_key(p) for p in _SENTENCE.split(text)) if k]


def _unit_restated(unit: Unit, old_doc: str, new_doc: str) -> bool:
    old_key, new_key = text_key(unit.old_text), text_key(unit.new_text)
    if old_key == new_key:
        return True  # the same letters and digits: only layout, markup or link targets changed
    for side_text, own_other, other_doc in (
        (unit.old_text, new_key, new_doc),
        (unit.new_text, old_key, old_doc),
    ):
        elsewhere = 0  # characters found only elsewhere in the other version
        for piece in _pieces(side_text):
            if piece in own_other:
                continue
            if piece not in other_doc:
                return False
            elsewhere += len(piece)
        if 0 < elsewhere < MIN_KEY:
            return False  # a few words ('Yes', 'No') are found anywhere: no evidence of a restatement
    return True


def restated(prov: Provision, diff: DiffResult, seen: dict[tuple[str, str], bool] | None = None) -> bool:
    """Every changed sentence of the provision, on either side, still stands in the other version.

    *seen* keeps each unit's answer by its old and new text (all it depends on, the versions
    aside), for the provisions of one diff: a passage changed alike in many places of a long
    document is searched for once (each search reads the whole other version)."""
    if not prov.units or prov.kind == "moved":
        return False
    old_doc, new_doc = version_key(diff.old.text), version_key(diff.new.text)
    if seen is None:
        return all(_unit_restated(u, old_doc, new_doc) for u in prov.units)
    for u in prov.units:
        texts = (u.old_text, u.new_text)
        found = seen.get(texts)
        if found is None:
            found = seen[texts] = _unit_restated(u, old_doc, new_doc)
        if not found:
            return False
    return True


def mark_restated(provisions: list[Provision], diff: DiffResult) -> None:
    """Set ``restated`` on every provision whose changed sentences all stand in the other version."""
    seen: dict[tuple[str, str], bool] = {}
    for prov in provisions:
        prov.restated = restated(prov, diff, seen)


__all__ = ["MIN_KEY", "mark_restated", "restated", "text_key", "version_key"]
