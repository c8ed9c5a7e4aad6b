"""Contact details replaced by others: an email address, telephone number or street address that
the old version gave and the new one no longer gives, while the new one gives another of the same
kind (issue 12, round 7).

On the labelling scale of issue 12 a changed contact channel (where to write, call or send post)
files the record under ``contact_generic`` beside the subjects of the other changes. A detail only
added or only taken out is not counted: a new passage often brings a mailbox with its subject
(a law-enforcement address with a passage on government requests), which is that subject's change.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from summarizer.text.lazy_re import lazy

_EMAIL = lazy(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b", re.I)
#: An image or file name that looks like an email ('illustration_1@2x.png').
_FILE = lazy(r"\.(?:png|jpe?g|gif|svg|webp)$", re.I)
_PHONE = lazy(r"(?:\+\d[\d ()-]{7,}\d|\(\d{3}\)\s*\d{3}-\d{4}|\b\d{3}[-.]\d{3}[-.]\d{4}\b)")
#: :data:`_PHONE` for whole texts, written to start with its first character ('+', '(' or a digit: each
#: branch starts with one) so the regex engine skips to the next such character in C instead of
#: trying the three branches at every position: the same matches
#: (tests/analyzers/rules/test_contacts_phone_scan.py holds it to :data:`_PHONE`).
_PHONE_SCAN = lazy(
    r"[+(\d](?:(?<=\+)\d[\d ()-]{7,}\d|(?<=\()\d{3}\)\s*\d{3}-\d{4}|(?<=\b\d)\d{2}[-.]\d{3}[-.]\d{4}\b)"
)
_STREET = lazy(
    r"\b\d{1,5}\s+(?:[A-Z][\w.]*\s+){1,4}"
    r"(?:Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Boulevard|Blvd\.?|Way|Drive|Dr\.?|Lane|Place|Square|"
    r"Plaza|Quay|Court|Parkway)(?!\w)|"
    r"\b(?:rue|avenue|boulevard)\s+[\w' -]{2,30}\b|\bP\.?\s?O\.? Box\b"
)


KINDS = ("email", "phone", "street")


class _Details:
    """A text's contact details of each kind (:data:`KINDS`), each kind read on first ask. Holds
    the text and, while a pattern kind is still unread, its words joined by single spaces (no list
    of words outlives a read: two whole versions' lists would be ~50 MB)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._joined: str | None = None
        self._found: dict[str, set[str]] = {}

    def __getitem__(self, kind: str) -> set[str]:
        found = self._found.get(kind)
        if found is None:
            found = self._found[kind] = self._read(kind)
            if "phone" in self._found and "street" in self._found:
                self._joined = None
        return found

    def _read(self, kind: str) -> set[str]:
        if kind == "email":
            # an address holds no space and an '@': read only the words holding one (same matches: a
            # word starts and ends where the text has a space, which the pattern's \b reads as a
            # string's ends)
            emails = {m.group(0).lower() for w in _words_holding(self.text, "@") for m in _EMAIL.finditer(w)}
            return {e for e in emails if not _FILE.search(e)}
        if self._joined is None:  # line breaks and runs of spaces (non-breaking too) as one space
            self._joined = " ".join(self.text.split())
        if kind == "phone":
            return {re.sub(r"\D", "", m.group(0)) for m in _PHONE_SCAN.finditer(self._joined)}
        return {m.group(0).lower() for m in _STREET.finditer(self._joined)}


def _words_holding(text: str, char: str) -> Iterator[str]:
    """The words of ``text.split()`` that hold *char*, in order: each found from a *char* with
    str.find and widened to the white space around it (``str.isspace``, as ``str.split`` reads it),
    instead of splitting a whole version into its ~450k words for the few that hold one."""
    size = len(text)
    at = text.find(char)
    while at >= 0:
        start, end = at, at + 1
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        while end < size and not text[end].isspace():
            end += 1
        yield text[start:end]
        at = text.find(char, end)


def _details(text: str) -> dict[str, set[str]]:
    found = _Details(text)
    return {kind: found[kind] for kind in KINDS}


def contact_details_replaced(old_text: str, new_text: str, changed: tuple[str, str] | None = None) -> bool:
    """Does the new version give another email address, telephone number or street address in
    place of one the old version gave (one or two of a kind gone, one or two others of the same
    kind new)?

    *changed* (the old and the new text of the diff's hunks) lets a long document skip the
    whole-text scan: a detail gone from the document stands in the changed old text and a new one
    in the changed new text, so without a detail of one kind on both sides nothing was replaced.

    Each text's details are read one kind at a time, only as far as the answer needs (the shorter
    changed text first: a kind it lacks is not looked for in the longer; the first kind replaced
    settles it): the answers of reading every kind of every text."""
    if changed is not None:
        short, long = sorted((_Details(changed[0]), _Details(changed[1])), key=lambda d: len(d.text))
        if not any(short[kind] and long[kind] for kind in KINDS):
            return False
    old, new = _Details(old_text), _Details(new_text)
    for kind in KINDS:
        gone, put = old[kind] - new[kind], new[kind] - old[kind]
        if gone and put and len(gone) <= MAX_SWAPPED and len(put) <= MAX_SWAPPED:
            return True
    return False


#: More details of a kind swapped at once are a list of other parties rewritten (partners' privacy
#: mailboxes), not the service's own contact channel.
MAX_SWAPPED = 2
