"""Laws a document names for the first time: a US state's privacy act added to a policy's list of the
laws it describes rights under ("Indiana Consumer Data Protection Act (INCDPA)").

The record may list such a line as one change among several, or not at all (a bulleted list that grows by
three acts can be one change quoting the first); the compliance reader needs each state, so the two texts
are read directly. Each newly named act becomes a provisional change with the ``law_named`` signal, which
only that state's entries carry: a reviewer checks that the rights the document now describes to those
residents match the law.
"""

from __future__ import annotations

import re
from functools import lru_cache

from summarizer.compliance.regions import REGIONS, US_STATES
from summarizer.compliance.signals import ChangeSignals
from summarizer.model.record import Change

# California's law is the CCPA, read by the ordinary signals (its sections are many entries, not one).
STATES = tuple(code for code in US_STATES if code != "US-CA")


@lru_cache(maxsize=64)
def _act(name: str) -> re.Pattern[str]:
    """The state's name followed, within a few capitalised words, by Act, Code or Regulations."""
    return re.compile(
        rf"{re.escape(name)}(?:['’]s)?(?:\s+(?:[A-Z][\w-]*|and|of|on|for)){{0,8}}\s+(?:Act|Code|Regulations?)\b"
    )


def _find_act(name: str, text: str) -> re.Match[str] | None:
    """The first place *text* names the state's act: the name is found with ``str.find`` (fast on long
    documents), the pattern is matched only there (and compiled only then: compiling all seventeen took
    ~20-40 ms of a one-shot CLI run, for documents that name none of them)."""
    at = text.find(name)
    while at >= 0:
        if at == 0 or not text[at - 1].isalnum():
            m = _act(name).match(text, at)
            if m:
                return m
        at = text.find(name, at + 1)
    return None


def _line(text: str, start: int, end: int) -> str:
    """The line around a match, without list or emphasis markup."""
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    return text[left : right if right >= 0 else len(text)].strip().lstrip("*-•· ").strip()


def named_laws(old_text: str, new_text: str) -> list[ChangeSignals]:
    """One provisional change per US state whose privacy act the new text names and the old one does not."""
    out = []
    for code in STATES:
        name = REGIONS[code][0]
        m = _find_act(name, new_text)
        if m is None or _find_act(name, old_text):
            continue
        line = _line(new_text, m.start(), m.end())
        change = Change(
            category="user_rights",
            kind="added",
            summary=f"The document now names {m.group(0)}.",
            severity_before="none",
            severity_after="low",
            shift_reason="a law named for the first time: read from the raw texts",
            direction=None,
            section="",
            quotes_old=[],
            quotes_new=[line],
        )
        out.append(ChangeSignals(change, signals={"law_named": f"names '{m.group(0)}'"}))
    return out
