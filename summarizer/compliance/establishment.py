"""Round 8 (#15, cprec8): does the document say the controller has no establishment in the EU?

GDPR Art. 56 (the lead authority) applies to a controller's *main establishment* in the Union. A controller
with no establishment there must name a representative in the Union instead (Art. 27): a document that
names one ("our EU Representative", "a representative in the Union under Article 27 GDPR") tells the
reader there is no main establishment for a lead authority to follow, so the lead authority is not named.
A UK representative (UK GDPR Art. 27) says nothing about the EU; a sales, customer-service or legal
representative is not one.

The same holds where the document says its controller is established outside the Union ("X.AI LLC, which is
based in the USA, is the controller"; "the data controller ... is Alibaba.com Singapore ... (incorporated in
Singapore)") and names no controller in a Member State ("LinkedIn Ireland Unlimited Company ... is the data
controller" for EU users keeps the lead authority).
"""

from __future__ import annotations

import re

from summarizer.compliance.member_states import MEMBER_STATE_ADJECTIVES, MEMBER_STATES
from summarizer.text.lazy_re import lazy

_EU = r"(?:EU|EEA|European\s+Union|European\s+Economic\s+Area|Union)"
_ART27 = r"Art(?:icle|\.)?\s*27\b"
# Only searched where the text says "representative" (a ``str.find`` on the lower-cased text first).
_EU_REPRESENTATIVE = lazy(
    rf"\b(?:{_EU}|European)\s+(?:data\s+protection\s+|GDPR\s+)?representatives?\b|"
    rf"\brepresentatives?\s+(?:in|for|within)\s+the\s+{_EU}\b|"
    rf"\brepresentatives?\b[^.\n]{{0,80}}?\b{_ART27}(?!\s+(?:of\s+(?:the\s+)?)?UK\b)|"
    rf"\b{_ART27}\s+(?:of\s+the\s+)?(?:EU\s+)?GDPR\b[^.\n]{{0,80}}?\brepresentatives?\b",
    re.IGNORECASE,
)


def names_eu_representative(text: str) -> str | None:
    """The words naming a representative in the Union under GDPR Art. 27, if the text has any."""
    if "representative" not in text.lower():
        return None
    m = _EU_REPRESENTATIVE.search(text)
    return m.group(0) if m else None


# Where a controller is named: the words around "controller" / "controlled by" on the same line.
_CONTROLLER_KEYS = ("controller", "controlled by")
_WINDOW = 250
_READER_CONTROLLER = lazy(
    r"\byou\s+(?:are|act as|will be)\s+(?:the\s+|a\s+)?(?:data\s+)?controller", re.IGNORECASE
)
# A Member State by name or adjective (case-sensitive: proper nouns), or the Union's own words.
_MEMBER_STATE = lazy(rf"\b(?:{MEMBER_STATES}|{MEMBER_STATE_ADJECTIVES})\b")
_THIRD_COUNTRY = (
    r"(?:the\s+)?(?:USA|U\.S\.(?:A\.)?|United States(?: of America)?|People's Republic of China|China|PRC|"
    r"Hong Kong|Singapore|Japan|(?:South\s+)?Korea|India|Israel|Canada|Australia|Switzerland|United Kingdom|"
    r"England(?: and Wales)?|Delaware|California)\b"
)
_ESTABLISHED_OUTSIDE = lazy(
    r"\b(?:based|incorporated|registered|established|located|headquartered|organi[sz]ed)\b[^.\n]{0,40}?\bin\s+"
    + _THIRD_COUNTRY
)


def controller_outside_union(text: str) -> str | None:
    """The words saying the controller is established outside the Union, if the text says so and names no
    controller in a Member State (see the module docstring)."""
    lower = text.lower()
    if len(lower) != len(text):  # rare: lower-casing moved the offsets
        return None
    outside: str | None = None
    for key in _CONTROLLER_KEYS:
        at = lower.find(key)
        while at >= 0:
            line_start = text.rfind("\n", 0, at) + 1
            line_end = text.find("\n", at)
            line_end = len(text) if line_end < 0 else line_end
            window = text[max(line_start, at - _WINDOW) : min(line_end, at + _WINDOW)]
            if not _READER_CONTROLLER.search(window):
                if _MEMBER_STATE.search(window):
                    return None  # a controller in a Member State: a main establishment may be there
                m = _ESTABLISHED_OUTSIDE.search(window)
                if m and outside is None:
                    outside = m.group(0)
            at = lower.find(key, at + len(key))
    return outside
