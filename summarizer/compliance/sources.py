"""Data about people obtained from someone other than them (round 9, crec9).

GDPR Art. 14 governs what a notice must say when personal data comes from another source (partners,
analytics providers, data brokers, publicly available sources, datasets licensed from third parties). The
recipient reading rightly does not count "from our advertising partners" as a recipient, so a new source
had no signal of its own: Disqus's "We may obtain or receive personal data about you from analytics
providers such as Google" and "Third parties or publicly available sources", Le Chat's training data
"provided by third parties".

A change gets ``third_party_source`` when its new quotes name such a source that its old quotes do not and
the old document does not say anywhere (a source that only moved is not new). Carried by
``gdpr-art14-information-indirect``; a subject signal (no category match needed).
"""

from __future__ import annotations

import re

from summarizer.compliance.denials import in_denial
from summarizer.compliance.signals import ChangeSignals, FlatTexts
from summarizer.text.lazy_re import lazy

SIGNAL = "third_party_source"

_PARTY = (
    r"(?:(?:our|other|certain|various|the|these|such|trusted)\s+)?"
    r"(?:third[- ]part(?:y|ies)|(?:\w+\s+){0,2}?(?:partners?|providers?|brokers?|advertisers?|vendors?)|"
    r"publicly\s+available\s+sources?|social\s+(?:media|networks?))"
)
# A verb of obtaining with "from" a party, or data "provided by / obtained from" a third party, or public
# sources named as a heading or list item ("Third parties or publicly available sources"). Not a party word
# alone: "These third parties may include ... data brokers" names recipients.
_SOURCE = lazy(
    r"\b(?:obtain|receiv|collect|get|acquir|gather|purchas|licen[cs])\w*\s+(?:[\w,]+\s+){0,6}?from\s+"
    + _PARTY
    + r"\b|"
    r"\b(?:data|information|datasets?|content)\s+(?:\w+\s+){0,2}?(?:provided|obtained|received|acquired|licen[cs]ed|"
    r"purchased)\s+(?:by|from)\s+" + _PARTY + r"\b|"
    r"\bpublicly\s+available\s+sources\b",
    re.IGNORECASE,
)
_SPACE = re.compile(r"\s+")


def _sources(quotes: list[str]) -> set[str]:
    return {
        _SPACE.sub(" ", m.group(0).lower())
        for q in quotes
        for m in _SOURCE.finditer(q)
        if not in_denial(q, m.start())
    }


def source_change(cs: ChangeSignals, docs: FlatTexts) -> str | None:
    """The new source of data the change names (a short reason), or None. *docs*: the whole texts,
    flattened (only the old one is read)."""
    if cs.change.direction == "down" and cs.change.quotes_old:
        return None  # a passage rated better that keeps its old side narrows, it does not add a source
    new = _sources(cs.change.quotes_new) - _sources(cs.change.quotes_old)
    fresh = sorted(s for s in new if s not in docs.old) if new else []
    return f"names '{fresh[0]}'" if fresh else None


def mark_third_party_sources(
    changed: list[ChangeSignals], old_text: str, docs: FlatTexts | None = None
) -> None:
    """Add ``third_party_source`` to each change that names a new source of data (see the module doc).
    *docs*: the analysis's flattened texts, when it has them (else made here, on first use)."""
    docs = docs or FlatTexts(old_text, "")
    for cs in changed:
        if not _SOURCE.search(" ".join(cs.change.quotes_new)):
            continue  # the old document is flattened only for a change that names a source
        why = source_change(cs, docs)
        if why is not None:
            cs.signals.setdefault(SIGNAL, why)
