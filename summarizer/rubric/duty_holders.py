"""Whose duty a sentence states, in a consumer's document (issue 12, round 7).

The clause reader (:mod:`summarizer.rubric.clauses`) reads "you", "customer" and business roles
("advertisers", "sellers", "developers") as the reader, so that a seller's or an advertiser's own
rules read their duties as theirs. In a document read for a consumer (community guidelines, a
privacy notice, a service's terms) a duty on advertisers or sellers ("Advertisers must comply with
our Advertising Policies", "Advertiser must be authorized by the Commodity Futures Trading
Commission") is a duty on someone else: it takes nothing from the reader, so it is no cue of a
worse change for them (nor, read alone, of a better one: it abstains).
"""

from __future__ import annotations

import re

from summarizer.text.lazy_re import lazy

#: A sentence whose subject is a business party other than the consumer reading it, under a duty.
_OTHERS_DUTY = lazy(
    r"^\W*(?:(?:the|all|any|each|every|eligible|such|third[- ]party|these|those)\s+)?"
    r"(?:advertisers?|sellers?|merchants?|developers?|affiliates?|creators?|publishers?|vendors?|partners?)\b"
    r"(?:\s+[\w'’,()-]+){0,8}?\s+"
    r"(?:must|shall|are required to|is required to|need to|have to|are obligated to|may not|cannot|"
    r"are not (?:allowed|permitted)|is not (?:allowed|permitted)|are prohibited|is prohibited|agree)\b",
    re.I,
)


def others_duty(sentence: str) -> bool:
    """The sentence puts a duty on a business party (advertisers, sellers, developers ...), not on
    "you"; meaningful only in the consumer view."""
    return bool(_OTHERS_DUTY.search(sentence)) and not re.search(
        r"\byou\b", sentence.split(" must ")[0], re.I
    )
