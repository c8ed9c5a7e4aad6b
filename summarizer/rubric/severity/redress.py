"""Arbitration the individual may invoke is redress, not a waiver (issue 12, round 7).

Privacy notices of companies certified under the EU-U.S. Data Privacy Framework (and Privacy Shield
before it) must tell individuals that, under Annex I, they have "the possibility, under certain
conditions, to invoke binding arbitration" before the framework's panel when no other mechanism
resolved their complaint. That arbitration is the individual's choice, binds the company, and takes
no remedy away: a right of redress. The rubric's ``arbitration`` factor (+1, "binding arbitration")
reads the word alone as a forced-arbitration clause; in a sentence where the individual invokes or
elects arbitration of such a complaint it gives way to :data:`REDRESS` (-1, "a way to seek redress"). A clause that makes the user
arbitrate ("you agree that any dispute will be resolved by binding arbitration") still counts.
"""

from __future__ import annotations

import re

from summarizer.rubric.severity.results import Factor
from summarizer.text.lazy_re import lazy

#: What such a sentence gives the individual: a way to seek redress (weighs like a new right).
REDRESS = Factor("redress", -1, "a way to seek redress", "invoke binding arbitration")

#: The individual invokes or elects arbitration ("may invoke binding arbitration", "the possibility
#: to invoke binding arbitration", "you may elect to arbitrate your Privacy Shield claims").
_INVOKED = lazy(
    r"\binvoke (?:binding )?arbitration\b"
    r"|\belect to arbitrate (?:your |their |any )?(?:privacy shield|data privacy framework|dpf)\b",
    re.I,
)


_SENTENCE_END = lazy(r"[.;!?](?:\s|$)|\n")


def _sentence(canon: str, start: int, end: int) -> str:
    """The sentence of the canonical text around ``canon[start:end]`` (at most 400 characters
    either side)."""
    lefts = [m.end() for m in _SENTENCE_END.finditer(canon, max(0, start - 400), start)]
    left = lefts[-1] if lefts else max(0, start - 400)
    right = _SENTENCE_END.search(canon, end, end + 400)
    return canon[left : right.start() if right else min(len(canon), end + 400)]


def invoked_redress(canon: str, start: int, end: int) -> bool:
    """The sentence around ``canon[start:end]`` gives the individual arbitration to invoke (DPF or
    Privacy Shield redress), not a duty to arbitrate."""
    return bool(_INVOKED.search(_sentence(canon, start, end)))
