"""Reading grade of generated prose (Flesch-Kincaid grade level, computed with textstat).

textstat 0.7.13 looks English words up in NLTK's CMU dictionary and *downloads it* on first use.
This tool never touches the network at run time, so we ask textstat for the ``en-US`` spelling
of the language: its language root is then not ``en`` and textstat counts syllables with its
offline pyphen (hyphenation-dictionary) path instead. The formula is textstat's own.

textstat imports NLTK and takes about two seconds to load: it is imported lazily, and nothing on
the ``summarizer compare`` path calls this module.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from summarizer.model.record import ChangeRecord

_LANG = "en-US"  # see the module docstring: keeps textstat on its offline syllable counter
_QUOTED = re.compile(r"[\"“”]")


@lru_cache(maxsize=1)
def _stats() -> Any:
    import warnings

    from textstat.textstat import textstatistics

    ts = textstatistics()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ts.set_lang(_LANG)
    return ts


def reading_grade(text: str) -> float:
    """Flesch-Kincaid grade level of *text* (0.0 for empty text)."""
    text = _QUOTED.sub("", text or "").strip()
    if not text:
        return 0.0
    return float(_stats().flesch_kincaid_grade(text))


def record_prose(record: "ChangeRecord") -> str:
    """The prose a record adds in its own words: headline, summary, impact, actions, note and
    per-change summaries and shift reasons (verbatim quotes are the documents', not ours)."""
    parts = [record.headline, record.summary, record.impact, *record.actions]
    if record.interpretive_note:
        parts.append(record.interpretive_note)
    for change in record.changes:
        parts += [change.summary, change.shift_reason]
    return "\n".join(_as_sentence(p) for p in parts if p and p.strip())


def record_reading_grade(record: "ChangeRecord") -> float:
    """Reading grade of :func:`record_prose`."""
    return reading_grade(record_prose(record))


def _as_sentence(text: str) -> str:
    text = text.strip()
    return text if text[-1:] in ".!?" else text + "."
