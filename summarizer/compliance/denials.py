"""Words inside a denial state no practice (issue #15, round 6).

"Information shared with ChatGPT for Teachers is not used to train our models", "Mistral AI has not
“sold,” “shared,” or engaged in “targeted advertising” ... including of any consumer that we know is under
18", "We will not obtain your precise geolocation information ... without your explicit consent": each
names a practice only to say it does not happen. A keyword signal that fires on those words cites the
rules of a practice the document denies.

Two readings, the second for long lists: a practice word a few words after a negation
(:func:`summarizer.compliance.practices.denied`), or a practice word later in the clause of a negated verb
of data handling ("has not sold", "is not used", "will not obtain"), up to a clause break.
"""

from __future__ import annotations

import re

from summarizer.compliance.practices import denied

_I = re.IGNORECASE

# A negation followed closely by a verb that handles data: the clause it opens denies what it lists.
_NEGATED_VERB = re.compile(
    r"(?:\b(?:not|never|neither|nor)\b|n['’]t\b)\W+(?:\w+\W+){0,2}?[“\"']?"
    r"(?:sell|sold|shar(?:e|ed|ing)|rent(?:ed)?|disclos\w*|us(?:e|ed|ing)|collect\w*|obtain\w*|process\w*|"
    r"train\w*|engag\w*|transfer\w*|stor(?:e|ed))\b",
    _I,
)
# What ends a denial's reach: a sentence or clause break (not the dot of "U.S. state laws"), or a word
# that turns the clause around.
_BREAK = re.compile(
    r"[;:!?\n]|\.(?=\s+(?-i:[A-Z\[*#])|\s*$)|\b(?:but|however|except|unless|other than|instead|although|though|whereas|only)\b|"
    r",?\s+and\s+(?:we|they|our|it|may|will)\b",
    _I,
)
# How far back a denying verb is looked for (about forty words: a list and a parenthesis).
CLAUSE_REACH = 240


def in_denial(text: str, at: int) -> bool:
    """The word of *text* starting at *at* is denied: just after a negation, or later in a clause whose
    verb of data handling is negated, with no clause break between."""
    if denied(text, at):
        return True
    before = text[max(0, at - CLAUSE_REACH) : at]
    ends = [m.end() for m in _NEGATED_VERB.finditer(before)]
    return bool(ends) and not _BREAK.search(before[ends[-1] :])


def asserted(rx: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The first words of *rx* in *text* that are not inside a denial, or None."""
    for m in rx.finditer(text):
        if not in_denial(text, m.start()):
            return m
    return None
