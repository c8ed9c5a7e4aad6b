"""A change to how a platform moderates content (round 9, crec9).

The DSA's terms-and-conditions article (Art. 14(1)-(2)) asks an intermediary service to state in its terms
the restrictions it imposes on content and how it moderates it (including algorithmic decision-making and
human review), and to inform users of significant changes. A moderation step that goes ("a team of human
moderators reviews the content" → "it is rejected and not made visible") or new moderation tools in a list of
restrictions ("Use of algorithmic tools to restrict the visibility of search results") change those rules.
The record files such passages under many categories (content licence, AI, account termination) and often
rates a rewording the same, so no category signal reads them: the moderation words the change adds or loses do.

A passage reworded around the same moderation words ("Take Down Request" → "report") changes nothing here.
The signal ``moderation_changed`` is carried by ``dsa-art14-terms-and-conditions`` (terms only) and names its
own subject (no category match needed).
"""

from __future__ import annotations

import re

from summarizer.compliance.signals import ChangeSignals, FlatTexts
from summarizer.text.lazy_re import lazy

SIGNAL = "moderation_changed"

# Words of a moderation process or of a content restriction's enforcement.
_MODERATION = lazy(
    r"\bmoderat\w*|"
    r"\bhuman\s+(?:review\w*|moderators?|reviewers?)|"
    r"\b(?:technological|automated|algorithmic|proprietary)\s+(?:\w+\s+){0,2}?(?:review|tools?|systems?|technology)\b|"
    # Content hidden from others, not a user's own visibility setting ("always visible from your profile").
    r"\b(?:not|never|no\s+longer)\s+(?:be\s+)?(?:made\s+)?visible\b|\b(?:restrict|limit|reduc)\w*\s+(?:the\s+)?visibility\b|"
    r"\bstatements?\s+of\s+reasons\b|"
    r"\b(?:remov\w*|tak\w*\s+down|disabl\w*|restrict\w*|reject\w*|hid\w*)\s+(?:\w+\s+){0,3}?"
    r"(?:content|posts?|reviews?|comments?|uploads?)\b",
    re.IGNORECASE,
)
_SPACE = re.compile(r"\s+")


def _terms(quotes: list[str]) -> set[str]:
    return {_SPACE.sub(" ", m.group(0).lower()) for q in quotes for m in _MODERATION.finditer(q)}


def moderation_change(cs: ChangeSignals, docs: FlatTexts) -> str | None:
    """The moderation words the change adds or loses (a short reason), or None. *docs*: the whole texts,
    flattened: words the change adds that the old document already says elsewhere, or loses that the
    new document still says, moved (a quote cut at another place)."""
    old, new = _terms(cs.change.quotes_old), _terms(cs.change.quotes_new)
    gained, gone = new - old, old - new
    added = sorted(t for t in gained if t not in docs.old) if gained else []
    lost = sorted(t for t in gone if t not in docs.new) if gone else []
    if added:
        return f"adds '{added[0]}'"
    if lost:
        return f"drops '{lost[0]}'"
    return None


def mark_moderation_changes(
    changed: list[ChangeSignals], old_text: str, new_text: str, docs: FlatTexts | None = None
) -> None:
    """Add ``moderation_changed`` to each change whose moderation words change (see the module doc).
    *docs*: the analysis's flattened texts, when it has them (else made here, on first use)."""
    docs = docs or FlatTexts(old_text, new_text)
    for cs in changed:
        if not _MODERATION.search(" ".join((*cs.change.quotes_old, *cs.change.quotes_new))):
            continue  # the documents are flattened only for a change that has moderation words
        why = moderation_change(cs, docs)
        if why is not None:
            cs.signals.setdefault(SIGNAL, why)
