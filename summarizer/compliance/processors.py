"""A change to the company's list of processors (round 9, crec9).

A privacy notice or a data processing agreement lists the providers that handle data on the company's
behalf (sub-processors, service providers, subcontractors), or says how customers hear of a new one. A
row of that list that changes ("User.com" → "Intercom.com", "Docker.io" dropped, "OVHCloud" added) is a
processor added, replaced or removed, which GDPR Art. 28 governs (a written contract on documented
instructions; for a processor, the controller's authorisation of sub-processors). The record usually
rates such a row a rename (the same) and its quotes name no recipient ("Docker.io | Hosting/Infrastructure"),
so no recipient signal reads it: the list's heading, or a sub-processor word in the changed sentence, does.

The signal ``processor_changed`` is carried by ``gdpr-art28-processors`` only, needs no category match
(it names the entry's own subject) and, alone, does not raise the exposure (a disclosed processor list
updated is low in the labelling protocol: :mod:`summarizer.compliance.exposure`).
"""

from __future__ import annotations

import re

from summarizer.compliance.signals import ChangeSignals
from summarizer.text.lazy_re import lazy

SIGNAL = "processor_changed"

# A heading naming a list of processors ("List of Sub-processors", "LIST OF THIRD-PARTY SERVICE PROVIDERS",
# "Use of Subcontractors.", "Authorized Subcontractors"). "Service providers" and "processors" in the plural
# only: "Service Provider" heads the clause naming the company a user contracts with ("These Terms are between
# you and Spotify USA Inc"), "Payment Processor" the one service that takes payments.
_HEADING = lazy(
    r"\b(?:sub-?processors?|sub-?contractors?|service\s+providers|data\s+processors)\b",
    re.IGNORECASE,
)
# A sentence about sub-processors themselves (not "our payment processor": a processor word alone is a
# business's everyday word for a payment service).
_SUB_PROCESSOR = lazy(r"\bsub-?(?:processors?|contractors?)\b", re.IGNORECASE)
_NOT_ALNUM = re.compile(r"[\W_]+")


def _substance(quotes: list[str]) -> str:
    """The quotes' letters and digits only: markup, spacing and punctuation are not a change of processor."""
    return _NOT_ALNUM.sub("", " ".join(quotes)).lower()


def processor_change(cs: ChangeSignals) -> str | None:
    """Why the change alters the list of processors (a short reason), or None."""
    change = cs.change
    if _substance(change.quotes_old) == _substance(change.quotes_new):
        return None
    heading = change.section.rsplit("›", 1)[-1]
    m = _HEADING.search(heading)
    if m:
        return f"a row of '{heading.strip()[:60]}' changes"
    for quote in (*change.quotes_new, *change.quotes_old):
        m = _SUB_PROCESSOR.search(quote)
        if m:
            return f"a sentence on '{m.group(0)}' changes"
    return None


def mark_processor_changes(changed: list[ChangeSignals]) -> None:
    """Add ``processor_changed`` to each change that alters the list of processors (see the module doc)."""
    for cs in changed:
        why = processor_change(cs)
        if why is not None:
            cs.signals.setdefault(SIGNAL, why)
