"""Changes that only move an address or name another contracting company (issue 12, round 6).

A record whose every material edit swaps a postal or registered address, a contact channel (an
e-mail or web address, a phone number) or the company the user contracts with, with or without an
"as of <date> this provision is amended as follows" preamble, changes no right or duty of the
user. On issue 12's scale it is material (the user must know whom to sue and where to write),
``neutral`` and low, filed under ``contact_generic``. Without this reading such a record abstains:
its edits carry no cue, and a business-user document has no rubric fallback.

The test is on words, not phrases: every word the provision adds or removes is a name, a number,
an e-mail or web address, or one of a closed list of words that identify a party or its address,
and at least one is a number, an address or an identifying word (a capitalised word alone is not
enough: "iCloud and Maps" or a product rename would pass otherwise).
"""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING

from summarizer.model.taxonomy import Severity
from summarizer.text.lazy_re import lazy

if TYPE_CHECKING:  # pragma: no cover
    from summarizer.analyzers.rules.provisions import Provision
    from summarizer.model.record_data import ChangeData

#: Words that identify a party or say where to reach it, beside names and numbers.
_CONTACT_WORDS = frozenset(
    "a an the of in at to by with under and or is are its whose which who this these provision amended as follows "
    "from on company registered address office offices incorporated registration number vat located established "
    "principal place business street road avenue suite floor building postal mailing email e-mail phone telephone "
    "fax contact attn attention legal department laws law offered provided operated entered into between "
    "we us our you".split()
)
_TOKEN = lazy(r"[\w'’@./:+-]+")
#: A changed word that shows an address or a party moved: a number (street, postcode, registration
#: or phone number), an e-mail or web address, or a word that identifies a company or its address.
_SIGNAL = lazy(
    r"\d|@|https?:|www\.|\.(?:com|org|net|eu|ai|io)\b|^(?:registered|address|incorporated|company|office)$",
    re.I,
)
_NAME = lazy(r"^[(“\"'*]*[A-Z]")
_STRIP = ".,;:()'’\"“”*"
NOTE = "neutral: only an address, contact channel or contracting company changed"


def _contact_token(tok: str) -> bool:
    word = tok.strip(_STRIP).lower()
    return not word or word in _CONTACT_WORDS or bool(_SIGNAL.search(word) or _NAME.search(tok))


def contact_only(prov: Provision) -> bool:
    """Every word the provision adds or removes (moved passages aside) is a name, a number, an
    e-mail or web address or a word that identifies a party or an address, and at least one is a
    number, an address or an identifying word."""
    signal = False
    for u in prov.units:
        if u.kind == "moved":
            continue
        old, new = _TOKEN.findall(u.old_text or ""), _TOKEN.findall(u.new_text or "")
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
            if op == "equal":
                continue
            for tok in (*old[i1:i2], *new[j1:j2]):
                if not _contact_token(tok):
                    return False
                signal = signal or bool(_SIGNAL.search(tok.strip(_STRIP)))
    return signal


def contact_record(material: list[Provision]) -> bool:
    """The record has material provisions and each only moves an address, a contact channel or the
    contracting company (:func:`contact_only`)."""
    return bool(material) and all(contact_only(p) for p in material)


def note_contact(material: list[tuple[Provision, ChangeData]], severity: Severity) -> Severity:
    """Give each material change of a contact-only record the evidence of its neutral claim; such a
    record is at most low on issue 12's scale (returns the capped severity)."""
    for _, change in material:
        change.evidence.append(NOTE)
        if change.direction == "unclear":
            change.direction = "same"
    return Severity.low if severity in (Severity.medium, Severity.high) else severity
