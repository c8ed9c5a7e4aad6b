"""How long the reader's data, content or account is kept, said by a sentence that came in (issue 12,
round 9).

A new sentence that says the company deletes or keeps the reader's data, content or account after or
for a period ("We delete the removed content after a period of time in accordance with ... our data
retention policy", "Your account may be deleted after three (3) years of continuous inactivity")
is about retention whatever its passage is filed under: a copyright policy's takedowns, a terms of
service's account rules (fresh5 tiktok-copyright-claims, fresh2 bereal-terms, whose records missed
``data_retention``). :func:`retention_added` says when a material provision gained such a sentence.

Not: a duty of the reader ("you must keep records for five years", a seller's obligation), a
sentence that went, a restatement of one that went (link targets aside: a vendor swapped in
"We use [Acoustic](...) to ... store records, which are retained for four years" is the same
retention).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from summarizer.analyzers.rules.sharing_terms import restated
from summarizer.text.extract import sentences
from summarizer.text.lazy_re import lazy

if TYPE_CHECKING:  # pragma: no cover
    from summarizer.analyzers.rules.provisions import Provision

#: Deleting or keeping something for or after a stated period, or a retention period named.
_KEPT_FOR = lazy(
    r"\b(?:retain\w*|delet\w*|eras(?:e|es|ed|ing)|purg\w*|stored|kept)\b[^.;]{0,100}\b"
    r"(?:after|for|within|until|up to|no longer than|at least|more than)\s+(?:a |an |the )?(?:\w+ ){0,2}?"
    r"(?:\(\d+\) )?(?:days?|weeks?|months?|years?|period)\b|"
    r"\bretention periods?\b",
    re.I,
)
#: ... of the reader's things.
_THEIRS = lazy(r"\b(?:your|personal|data|information|content|account|messages|records)\b", re.I)
#: ... and not a duty of the reader.
_READER_DUTY = lazy(r"\byou (?:must|shall|should|are required to|agree to|will need to)\b", re.I)
_LINK_TARGET = lazy(r"\]\([^)]*\)")


def names_retention(sentence: str) -> bool:
    """*sentence* says how long the reader's data, content or account is kept (:data:`_KEPT_FOR`)."""
    return bool(_KEPT_FOR.search(sentence) and _THEIRS.search(sentence)) and not _READER_DUTY.search(sentence)


def _plain(sentence: str) -> str:
    return _LINK_TARGET.sub("]", sentence)


def retention_added(prov: Provision) -> bool:
    """A sentence that came in *prov* (not a restatement of one that went, link targets aside) says
    how long the reader's data, content or account is kept (:func:`names_retention`)."""
    for u in prov.units:
        if u.kind == "moved":
            continue
        old = {" ".join(s.text.split()) for s in sentences(u.old_text)}
        new = {" ".join(s.text.split()) for s in sentences(u.new_text)}
        went = {_plain(s) for s in old - new}
        if any(names_retention(sent) and not restated(_plain(sent), went) for sent in new - old):
            return True
    return False
