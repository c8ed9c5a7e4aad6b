"""A sentence's kind comes from its main clause, not from a clause about what the reader may do
inside it (issue 12, round 8).

The clause reader (:func:`summarizer.rubric.clauses.sentence_kind`) finds the first cue anywhere in a
sentence, so a description whose relative clause speaks of the reader reads as the reader's right or
duty: "You reveal a lot of things through your online searches **that you may not normally reveal**
to your family" (read as a duty), "Information that is provided by you: includes ..., GPS location
data (**which you can withdraw** at any time ...)" (read as a right, though the sentence lists data
collected), "we index the contents of your OneDrive documents **so that you can search** for them
later" (read as a permission). Such a clause qualifies a noun of the main clause; it grants the
reader nothing and asks nothing of them, so it is left out before the sentence's kind is read.

Only clauses whose subject is the reader ("that you may ...", "which you can ...") are left out: a
relative clause of the company ("formulas, which we may modify from time to time in our sole
discretion") is a right it keeps. A "that" after a verb of agreeing or stating ("you agree that you
shall not ...", "If you decide to do that you will ...") and a "which" after a preposition ("for a trial
period, after which you will be charged") open the sentence's own clause and stay.
"""

from __future__ import annotations

import re

from summarizer.text.lazy_re import lazy

_READER_CLAUSE = lazy(
    r"\b(?P<word>\w+)\s*[(,]?\s*(?:that|which|who) you (?:may|can|might|could|must|will|would|shall|"
    r"need to|have to)(?: not)?\b[^,;)]*[,;)]?",
    re.I,
)
#: Words before "that" / "which" that open the sentence's own clause (a complement, or a clause led
#: by a preposition), not a relative clause describing a noun.
_COMPLEMENT = frozenset(
    "agree agrees agreed understand understands acknowledge acknowledges accept accepts consent consents "
    "confirm confirms represent represents warrant warrants ensure ensures certify certifies promise "
    "do does means mean is are was were be been "
    # "after which you will be charged": a clause led by a preposition carries the sentence's action
    "after before by in on upon under for to with at from during until through".split()
)


def main_clause(text: str) -> str:
    """*text* without the relative clauses whose subject is the reader ("that you may not ...",
    "which you can withdraw ...", "so that you can search ...")."""
    if " you " not in text:
        return text

    def drop(m: re.Match[str]) -> str:
        word = m.group("word")
        return m.group(0) if word.lower() in _COMPLEMENT else f"{word} "

    return _READER_CLAUSE.sub(drop, text)
