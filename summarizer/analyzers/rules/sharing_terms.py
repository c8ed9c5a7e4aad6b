"""The reader's data going to someone outside the company, named by a changed sentence's own words
(issue 12, round 8).

A sentence saying the company shares or discloses the reader's data with partners, vendors,
providers or other third parties (or that such a recipient receives it, or that a sub-processor was
added) is about sharing whatever subject the classifier filed its passage under: a new "we might
share your email address ... with our trusted third party marketing vendors" in a passage on
advertising use, "you consent to sharing data ... with our AI Providers" in a section on AI,
"Before sharing the chat with our partners" in a new assistant's section. :func:`sharing_changed`
says when a material provision's changed sentences say so, so the record files itself under
``third_party_sharing`` beside its other subjects. The heading or a nearby keyword does not count:
the verb, the data and the recipient must stand in one sentence.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from summarizer.analyzers.rules.changed_sentences import changed_sentences
from summarizer.text.lazy_re import lazy

if TYPE_CHECKING:  # pragma: no cover
    from summarizer.analyzers.rules.provisions import Provision

#: Who receives data from outside the company.
_RECIPIENT = (
    r"(?:third[- ]part(?:y|ies)(?:'s)?(?:\s+\w+){0,3}|(?:\w+\s+){0,3}(?:partners?|vendors?|"
    r"(?:service |AI )?providers?|(?:sub-?)?processors?|advertisers?))\b"
)
#: ... given the data: "share / disclose ... with / to <recipient>".
_GIVEN = lazy(
    r"\b(?:share[sd]?|sharing|disclos(?:e|es|ed|ing))\b[^.;]{0,120}?\b(?:with|to)\s+(?:\w+\s+){0,3}?"
    r"(?:our|its|their|these|such|certain|selected|trusted|other|any|the)?\s*" + _RECIPIENT,
    re.I,
)
#: ... or receiving it: "<recipient> may receive / have access to".
_RECEIVES = lazy(
    r"\b(?:third[- ]part(?:y|ies)|partners|vendors|providers|processors)\b(?:\s+\w+){0,3}?\s+"
    r"(?:(?:may|will|might|can|could)\s+(?:also\s+)?(?:receive|have access to|access)|receive)\b",
    re.I,
)
#: ... or a sub-processor added to the list.
_SUBPROCESSOR_ADDED = lazy(r"\b(?:added|adds|new)\b[^.;]{0,60}\bsub-?processors?\b", re.I)
#: The reader's data, said in the sentence.
_DATA = lazy(
    r"\b(?:your|personal|data|information|identifiers?|e-?mail address(?:es)?|chats?|content|"
    r"credit card|phone numbers?)\b",
    re.I,
)
#: A denial ("we do not share ... with third parties") is the promise labellers file under sale or
#: ads, and the reader as the one who shares ("avoid sharing", "you may share") is advice on use.
_NOT_THE_COMPANY = lazy(
    r"\b(?:do|does|did|will|shall|would|may|must)\s+not\s+(?:\w+\s+){0,6}?(?:share|disclose|sell)|"
    r"\bnever\s+(?:\w+\s+){0,2}?(?:share|disclose|sell)|\bnot\s+(?:be\s+)?(?:shared|disclosed)\b|"
    r"\bavoid\s+(?:sharing|disclosing)\b|\byou\s+(?:may\s+|can\s+|choose to\s+|should\s+|might\s+)?"
    r"(?:share|disclose)\b",
    re.I,
)
_WORD = lazy(r"\w+")
#: A sentence of examples ('such as', 'e.g.') names kinds, not a practice.
_EXAMPLES = lazy(r"\b(?:such as|e\.g\.|for example|for instance)\b", re.I)


def names_sharing(sentence: str) -> bool:
    """*sentence* says the reader's data goes to a recipient outside the company."""
    if _SUBPROCESSOR_ADDED.search(sentence):
        return True
    if not _DATA.search(sentence) or _EXAMPLES.search(sentence) or _NOT_THE_COMPANY.search(sentence):
        return False
    return bool(_GIVEN.search(sentence) or _RECEIVES.search(sentence))


#: A sentence whose words are this much the same as one on the other side is a restatement of it.
RESTATED = 0.85


def _words(sentence: str) -> list[str]:
    return _WORD.findall(sentence.lower())


def restated(sentence: str, others: set[str]) -> bool:
    """*sentence* says again what one of *others* said (most words the same, in order)."""
    from difflib import SequenceMatcher

    mine = _words(sentence)
    return any(SequenceMatcher(None, mine, _words(o), autojunk=False).ratio() >= RESTATED for o in others)


def sharing_changed(prov: Provision) -> bool:
    """A sentence that came or went in *prov* says the reader's data goes to a recipient outside the
    company (:func:`names_sharing`), and is not a restatement of a sentence on the other side
    (:data:`RESTATED`: "we must ... share and transfer this information ... to partners" reworded)."""
    return any(
        names_sharing(sent) and not restated(sent, counterparts)
        for sent, counterparts in changed_sentences(prov)
    )
