"""Automated decisions about users (issue 12, round 9).

The ``ai_training`` id covers "automated decisions about users". Policies say it without AI words:
"a team of human moderators reviews the content" (a human step in the company's review of what
users post), "automated tools may assist with identifying content for review", "decisions based
solely on automated processing". When such a phrase comes or goes in a changed passage, the record
names an AI change (labels of fresh5 glassdoor, fresh2 upscrolled-privacy, fresh4 aol-yahoo-terms).

Not: a rule for the reader ("evade human review", "do not use the services to make automated
decisions", "no automated means to access the service"), and automated means that only collect
data (cookies "and other automated technologies").
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Protocol

from summarizer.text.lazy_re import lazy

_ACTS = (
    r"(?:detect\w*|review\w*|moderat\w*|remov\w*|reject\w*|flag\w*|restrict\w*|enforc\w*|decisions?|decid\w*|"
    r"identif(?:y|ies|ied|ying|ication)|suspend\w*|ban|bans|banned|block\w*)"
)
_MEANS = r"automated (?:filters?|tools?|systems?|technolog(?:y|ies)|processes|means|processing)"
_DECISION = lazy(
    # people in the company's review of users or their content
    r"\bhuman (?:moderators?|reviewers?|review|moderation|oversight|intervention|involvement|judge?ments?)\b|"
    r"\b(?:reviewed|checked|assessed|examined) by (?:a |our )?(?:humans?|persons?|people|(?:\w+ )?"
    r"(?:moderators?|reviewers?))\b|"
    # automated tools deciding about them
    r"\bautomated (?:moderation|content moderation|review|detection|enforcement|flagging|decision[- ]making|"
    r"individual decision)|"
    rf"\b{_MEANS}\b[^.;]{{0,80}}\b{_ACTS}\b|\b{_ACTS}\b[^.;]{{0,80}}\b{_MEANS}\b|"
    r"\bwithout (?:any )?human (?:review|intervention|involvement|oversight)\b|"
    r"\b(?:solely|only|exclusively) on automated\b",
    re.I,
)
#: A rule for the reader: what they must not do (with automated tools or to the human review). The
#: company's own denial ("we do not use automated decision-making") still speaks of its decisions.
_RULE = lazy(
    r"(?<!\bwe )\b(?:do not|don't|never)\b|"
    r"\b(?:must not|not to|circumvent\w*|evad\w*|bypass\w*|prohibit\w*|you (?:may|must|shall) not)\b",
    re.I,
)
_SENTENCES = lazy(r"(?<=[.!?])\s+|\n+")


class _Unit(Protocol):
    old_text: str
    new_text: str


@lru_cache(maxsize=4096)
def decision_phrases(text: str) -> int:
    """How many sentences of *text* speak of the company deciding about users or their content by
    automated means or by people (:data:`_DECISION`), rules for the reader aside."""
    if not text:
        return 0
    low = text.lower()
    if "human" not in low and "automat" not in low and " by " not in low:
        return 0  # no phrase can match: most passages (the pattern is long)
    if not _DECISION.search(text):
        return 0
    return sum(1 for s in _SENTENCES.split(text) if _DECISION.search(s) and not _RULE.search(s))


def decisions_changed(unit: _Unit) -> bool:
    """A sentence on automated or human decisions about users came or went in the unit."""
    return decision_phrases(unit.old_text) != decision_phrases(unit.new_text)
