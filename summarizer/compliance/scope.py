"""A document that declares whom it applies to ("This Privacy Policy only applies to residents of the
United States") addresses those readers only: regions it names elsewhere (a transfer destination,
affiliates abroad, a law named for a cookie banner) are not regions it speaks to."""

from __future__ import annotations

import re

from summarizer.compliance.regions import mentioned_regions

# The verb phrase, then the whole document as its subject just before it ("this policy", not "this
# section"), and the readers it names just after it. The verb phrases are found with ``str.find`` on the
# lower-cased text (a case-insensitive regular expression would try every position of a long document).
_PHRASES = ("only applies", "applies only", "is only applicable", "applies solely", "is intended only")
_TO = re.compile(r"\s+(?:to|for)\s+", re.IGNORECASE)
_SUBJECT = re.compile(
    r"\b(?:this|our)\s+(?:\w+\s+){0,2}?(?:policy|notice|statement|terms)\s+$", re.IGNORECASE
)
_WHO = re.compile(
    r"(?:\w+\s+){0,3}?(?:residents?|users?|consumers?|individuals?|people|persons?|customers?)[^.\n]{0,80}",
    re.IGNORECASE,
)


def declared_scope(text: str) -> set[str] | None:
    """The region codes the document declares it applies to, or None when it declares none."""
    codes: set[str] = set()
    lower = text.lower()
    if len(lower) != len(text):  # rare ('İ'): offsets would drift; read the text as it is
        lower = text
    for phrase in _PHRASES:
        at = lower.find(phrase)
        while at >= 0:
            to = _TO.match(text, at + len(phrase))
            if to and _SUBJECT.search(text[max(0, at - 60) : at]):
                who = _WHO.match(text, to.end())
                if who:
                    codes |= set(mentioned_regions(who.group(0)))
            at = lower.find(phrase, at + 1)
    return codes or None


def in_scope(code: str, scope: set[str] | None) -> bool:
    """Whether a region is one a scoped document speaks to (every region, when it declares no scope;
    the US states, when it applies to the United States)."""
    if scope is None:
        return True
    return code in scope or (code.startswith("US-") and "US" in scope)


_PRIVACY_TITLE = re.compile(
    r"\b(privacy|cookies?|trackers?|data protection)\s+(policy|notice|statement|summary)|"
    r"\bprivacy\s+(protection\s+)?(summary|policy|notice)|&\s+privacy\b|\bprivacy\b\s*\**\s*$",
    re.IGNORECASE,
)
_TERMS_TITLE = re.compile(r"\b(terms|agreement|conditions|contract)\b", re.IGNORECASE)
# The title is among the first few lines with words (a capture may open with a menu line or a date).
TITLE_LINES = 5
TITLE_CHARS = 4000


def document_kind(text: str) -> str | None:
    """``privacy`` for a privacy or cookie notice, ``terms`` for contract terms, else None: the first of the
    opening lines that names either decides (the title), and a title naming both ("Data Protection
    Terms") is a contract."""
    opening = text[:TITLE_CHARS].splitlines()
    lines = [line.strip()[:200] for line in opening if re.search(r"[A-Za-z]{3}", line)][:TITLE_LINES]
    for line in lines:
        if _TERMS_TITLE.search(line):
            return "terms"
        if _PRIVACY_TITLE.search(line):
            return "privacy"
    return None
