"""Targeted advertising said by a sentence that came in (issue 12, round 9).

Cookie and privacy notices rewritten around advertising ("Advertising Cookies ... may be used to
build a profile of your interests", "Targeting Cookies - used by us and our partners to track the
effectiveness of specific ads", "This hashed identifier is designed to enable targeted advertising")
have these sentences in passages the classifier files under tracking or data use, so the record
missed ``sale_targeted_ads`` (fresh5 bumble-trackers, fresh grok-trackers, fresh4 viber-trackers,
fresh3 zoom-privacy, held-out aliexpress-privacy). :func:`ads_added` says when a material
provision gained such a sentence, so the record files itself under ``sale_targeted_ads`` beside its
other subjects.

Not: a denial ("We do not use any advertising trackers": qwant, upscrolled label no ads change), a
rule for the reader ("Don't use the App Set ID for personalized ads": a developer policy), a pointer
to another page or section ("For more information on how to opt out of behavioral advertising ... click
here", "You can opt out ... as described in the ... section"),
a sentence that went (a removed note), a restatement of a sentence that went.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from summarizer.analyzers.rules.sharing_terms import restated
from summarizer.text.extract import sentences
from summarizer.text.lazy_re import lazy

if TYPE_CHECKING:  # pragma: no cover
    from summarizer.analyzers.rules.provisions import Provision

#: Advertising aimed at the reader: ad cookies and trackers, ads chosen from their interests.
_ADS = lazy(
    r"\b(?:advertising|targeting|marketing) (?:cookies|pixels|trackers|technologies|SDKs)\b|"
    r"\b(?:targeted|interest-based|personali[sz]ed|behaviou?ral|cross-context(?:ual)? behaviou?ral|tailored) "
    r"(?:ads|advertising|advertisements|adverts)\b|"
    r"\bprofile of (?:your|their|the user's) interests\b",
    re.I,
)
#: A denial, a rule for the reader, or a pointer to another page.
_NOT_A_PRACTICE = lazy(
    r"\b(?:do|does|did|will|shall|would)\s+not\b|\bdon't\b|\bnever\b|\bno longer\b|"
    r"\bnot (?:be )?used\b|\bclick here\b|\blearn more\b|\bfor more information\b|\bas described\b|"
    r"\bdescribed (?:above|below)\b|\bsee (?:the|our|above|below)\b",
    re.I,
)


def names_ads(sentence: str) -> bool:
    """*sentence* says advertising is aimed at the reader (:data:`_ADS`), and is no denial, rule or
    pointer (:data:`_NOT_A_PRACTICE`)."""
    return bool(_ADS.search(sentence)) and not _NOT_A_PRACTICE.search(sentence)


def ads_added(prov: Provision) -> bool:
    """A sentence that came in *prov* (not a restatement of one that went) names targeted
    advertising (:func:`names_ads`). Moved units are skipped."""
    for u in prov.units:
        if u.kind == "moved":
            continue
        old = {" ".join(s.text.split()) for s in sentences(u.old_text)}
        new = {" ".join(s.text.split()) for s in sentences(u.new_text)}
        went = old - new
        if any(names_ads(sent) and not restated(sent, went) for sent in new - old):
            return True
    return False
