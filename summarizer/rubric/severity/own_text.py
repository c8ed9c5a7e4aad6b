"""A phrase signal counts for a provision only where the phrase stands in that provision's own text
(issue 12, round 7).

The diff's phrase signals ("at our discretion" added, "reserves the right" removed) are found per
hunk, and a hunk can hold several provisions: a re-paragraphed passage that drops a sentence with
"reserves the right ... at our discretion" in one place and puts it back in another gives every
provision of the hunk both "'reserve the right' was added" and "... was removed", even a provision
whose own words never held the phrase (fresh2 eharmony-terms: the same sentence, moved, voted
worse on one provision and better on three). A removal counts only where the provision's old text
held the phrase, an addition only where its new text holds it.
"""

from __future__ import annotations

import re

from summarizer.text.lazy_re import lazy

_NON_WORD = lazy(r"[\W_]+")
_RESERVE = lazy(r"\breserves? (?:all |any )?(?:the |its |our )?rights?\b", re.I)


def _fold(text: str) -> str:
    return f" {_NON_WORD.sub(' ', text.lower()).strip()} "


def stands_in(phrase: str, text: str) -> bool:
    """*phrase* stands in *text* as whole words (case, punctuation and spacing folded)."""
    key = _fold(phrase)
    return key.strip() != "" and key in _fold(text)


def reserves_right(text: str) -> bool:
    """*text* holds "reserve(s) the right" (or "reserves all rights", "reserve its right")."""
    return bool(_RESERVE.search(text))
