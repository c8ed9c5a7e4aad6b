"""The service's own AI in rules of conduct (issue 12, round 9).

In community guidelines and acceptable use policies, most sentences about AI are rules for what
users may do with it ("do not post AI-generated abuse material"): ``ai.conduct_ai_rules`` files them
as rules of conduct and makes no ``ai_training`` companion. A sentence in which the service itself
offers, provides or runs an AI feature ("We now offer generative AI tools", "our virtual coach
helps detect bullying") is different: it is an AI feature acting on the user, which the taxonomy
files under ``ai_training`` (labels of fresh5 snapchat and fresh2 match community guidelines).
"""

from __future__ import annotations

import re

from summarizer.text.lazy_re import lazy

#: The AI part of an own-feature phrase: AI words, or a virtual / digital helper.
_AI_THING = (
    r"(?i:(?:(?:generative |gen )?(?:AI|artificial intelligence)(?:[- ](?:powered|enhanced|based))?|virtual|digital)"
    r"(?: \w+)? (?:features?|tools?|assistants?|coach(?:es)?|chatbots?|agents?|companions?|models?))\b"
)
#: Who speaks of the feature as their own: "our ... AI tools", or the service (we, or a capitalised
#: name that is not one of the reader's roles; case matters there) offering / providing / launching one.
_OWN_AI = lazy(
    rf"\b(?i:our) (?:own )?(?:[\w-]+ ){{0,2}}?{_AI_THING}|"
    r"(?:\b(?i:we)|\b(?!(?:You|Users?|Members?|Creators?|Advertisers?|Sellers?|Developers?|People|Anyone|They)\b)"
    r"[A-Z][\w&-]+) (?i:(?:now |also )?(?:offers?|provides?|deploys?|makes? available|introduces?|launch(?:es)?)) "
    rf"(?:\w+ ){{0,2}}?{_AI_THING}",
)
#: A rule for the reader about such a feature ("Do not offer unauthorised AI tools") is a rule of
#: conduct, not the service's own AI.
_RULE = lazy(r"\b(?:do not|don't|must not|may not|not to|never)\b", re.I)
_SENTENCES = lazy(r"(?<=[.!?])\s+|\n+")


def own_ai(text: str) -> bool:
    """A sentence of *text* speaks of an AI feature the service itself offers or runs (:data:`_OWN_AI`),
    outside a rule that forbids the reader something."""
    if not text or not _OWN_AI.search(text):
        return False
    return any(_OWN_AI.search(s) and not _RULE.search(s) for s in _SENTENCES.split(text))
