"""Round 8 (#15, cprec8): does the document say the controller has no establishment in the EU?

GDPR Art. 56 (the lead authority) applies to a controller's *main establishment* in the Union. A controller
with no establishment there must name a representative in the Union instead (Art. 27): a document that
names one ("our EU Representative", "a representative in the Union under Article 27 GDPR") tells the
reader there is no main establishment for a lead authority to follow, so the lead authority is not named.
A UK representative (UK GDPR Art. 27) says nothing about the EU; a sales, customer-service or legal
representative is not one.
"""

from __future__ import annotations

import re

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
