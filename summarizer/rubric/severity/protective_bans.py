"""Who a ban protects (issue 12, round 6): a prohibition on the user's conduct that protects children
("We strictly prohibit child sexual abuse and exploitation", "Sexual content involving minors is
strictly forbidden") is a rule of conduct, not a practice with children's data, and not worse for
the reader. The rubric's ``children`` factor (+1, "children's data") reads the word "child" alone;
it is skipped in a sentence that bans a harm to children.

A sentence is such a ban when it holds a word of prohibition (prohibit, forbidden, not allowed or
tolerated, zero tolerance, banned, "do not" and "must not") and a word of harm (abuse, exploitation,
sexual, grooming, endangering, trafficking, nudity). A children's-data practice ("we do not
knowingly collect information from children under 13") has no word of harm and still counts.
"""

from __future__ import annotations

from summarizer.text.lazy_re import lazy

_BAN = lazy(
    r"\b(?:prohibit\w*|forbid\w*|(?:is|are) not (?:allowed|permitted|tolerated)|(?:do|does|will) not (?:allow|permit|"
    r"tolerate)|zero[- ]tolerance|bann?(?:ed|s)?|do not|must not|may not|never)\b"
)
_HARM = lazy(
    r"\b(?:abus\w*|exploit\w*|sexual\w*|groom\w*|endanger\w*|traffick\w*|csa[em]|nud(?:e|ity)|predat\w*)\b"
)
_SENTENCE_END = lazy(r"[.;!?](?:\s|$)|\n")


#: A sentence that lists what the previous one covers ("This includes child sexual abuse material").
_CONTINUES = lazy(
    r"\s*(?:(?:this|these|that|it|which|such content) (?:includes?|covers?|means?)\b|for example\b|e\.g\.)"
)


def _sentence(canon: str, start: int, end: int) -> str:
    """The sentence of the canonical text around ``canon[start:end]``, with the sentence before it
    when it only lists what that one covers ("This includes ...")."""
    lefts = [0] + [m.end() for m in _SENTENCE_END.finditer(canon, max(0, start - 800), start)]
    left = lefts[-1]
    if len(lefts) > 1 and _CONTINUES.match(canon, left) and canon[left - 1] != "\n":
        left = lefts[-2]
    right = _SENTENCE_END.search(canon, end, end + 400)
    return canon[left : right.start() if right else min(len(canon), end + 400)]


def protective_ban(canon: str, start: int, end: int) -> bool:
    """The sentence around the match bans a harm to children (or to others): a rule of conduct
    that protects them, not a practice with their data."""
    sentence = _sentence(canon, start, end)
    return bool(_BAN.search(sentence) and _HARM.search(sentence))


_CHILD = lazy(r"\b(?:children|child|minors?|kids|teens?|teenagers?)\b")


def _bans(canon: str) -> set[str]:
    """The sentences of *canon* that ban a harm to children."""
    return {
        _sentence(canon, m.start(), m.end())
        for m in _CHILD.finditer(canon)
        if protective_ban(canon, m.start(), m.end())
    }


def child_ban_added(old_text: str, new_text: str) -> bool:
    """The new text bans a harm to children in a sentence the old text does not have: a change of
    the rules that protect children (filed under ``children_audiences``, though not worse for the
    reader)."""
    from summarizer.diffing.signals import canonical

    return bool(_bans(canonical(new_text)) - _bans(canonical(old_text)))
