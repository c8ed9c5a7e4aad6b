"""A point of contact named by a new sentence (issue 12, round 8).

The EU Digital Services Act makes a service name a single point of contact for its users and one for
the authorities; a document that adds them tells the reader whom to write to, a change the labels
file under ``contact_generic`` beside the record's other subjects ("The point of contact for Member
States' authorities ... is ...", "... via the 'Points of Contact' section below"). ``contacts.py``
does not see it: a mailbox only added is not a detail replaced. :func:`point_of_contact_added` reads
the sentence's own words, not a heading: a line that is only a heading states nothing.

Measured and not kept (it fires where the labels leave the id out): a new sentence naming a data
protection officer or a GDPR representative (8 right, 3 wrong of 11 labelled pairs).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from summarizer.analyzers.rules.sharing_terms import restated
from summarizer.text.extract import sentences
from summarizer.text.lazy_re import lazy

if TYPE_CHECKING:  # pragma: no cover
    from summarizer.analyzers.rules.provisions import Provision

#: A point of contact, named in a sentence (a verb or "is" after it; not a bare heading).
_POINT = lazy(r"\bpoints? of contact\b", re.I)
#: A sentence, not a title: a verb of being, contacting or naming outside the phrase itself.
_SAYS = lazy(r"\b(?:is|are|may|can|contact|reach|write|designated?|appointed)\b", re.I)


def point_of_contact_added(prov: Provision) -> bool:
    """A sentence that came in to *prov* names a point of contact (and is not a restatement of a
    sentence that went, :func:`sharing_terms.restated`)."""
    for u in prov.units:
        if u.kind == "moved":
            continue
        old = {" ".join(s.text.split()) for s in sentences(u.old_text)}
        new = {" ".join(s.text.split()) for s in sentences(u.new_text)}
        for sent in new - old:
            if _POINT.search(sent) and _SAYS.search(_POINT.sub(" ", sent)) and not restated(sent, old - new):
                return True
    return False
