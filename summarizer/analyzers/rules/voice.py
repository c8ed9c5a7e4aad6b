"""Actions in the reader's voice (issue 12): what *you* can do, never the company's sentence.

The rules select action sentences from the new text (they never invent one). Copied as they are,
they speak in the company's voice ("It's important to us that you know you can ..."). Here the
part that tells the reader what they can do is kept, addressed to the reader, with the company's
"we/us/our" named as the company.
"""

from __future__ import annotations

import re

from summarizer.text.lazy_re import lazy

_ABLE = lazy(
    r"\byou (?:\w+ )?(?:can|may|could|are able to|have the (?:right|option|choice) to|will be able to)\b",
    re.I,
)
_IMPERATIVE = lazy(
    r"^(?:please )?(?:to [^,]{3,80}, )?(?:visit|go to|click|select|open|use|contact|e-?mail|call|submit|send|"
    r"adjust|change|update|manage|write to)\b",
    re.I,
)
# where the reader's part of a sentence ends: the company goes on about itself
_CLAUSE_END = lazy(r"[;:]|,? (?:and|but|while|whereas) (?:we|our|us)\b|\s[-–—]\s", re.I)
_PRONOUNS = (
    (lazy(r"\bwe are\b", re.I), "the company is"),
    (lazy(r"\bwe're\b", re.I), "the company is"),
    (lazy(r"\bwe've\b", re.I), "the company has"),
    (lazy(r"\bwe have\b", re.I), "the company has"),
    (lazy(r"\bwe\b", re.I), "the company"),
    (lazy(r"\bus\b"), "the company"),
    (lazy(r"\bours\b", re.I), "the company's"),
    (lazy(r"\bour\b", re.I), "the company's"),
)


def reader_voice(sentence: str) -> str | None:
    """*sentence* (plain text) as an action addressed to the reader, or None when it holds none."""
    text = " ".join(sentence.split()).strip()
    found = _ABLE.search(text)
    if found is not None:
        text = text[found.start() :]
    elif _IMPERATIVE.search(text) is None:
        return None
    end = _CLAUSE_END.search(text, 8)
    if end is not None:
        text = text[: end.start()]
    text = text.rstrip(" ,.;:")
    for rx, repl in _PRONOUNS:
        text = rx.sub(repl, text)
    if len(text.split()) < 4:
        return None
    return text[0].upper() + text[1:] + "."
