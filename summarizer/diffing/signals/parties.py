"""Parties a text names (third parties, partners, advertisers, service providers, law enforcement, ...),
by canonical name in order of first mention."""

from __future__ import annotations

import re

from summarizer.diffing.signals.canonical_text import canonical
from summarizer.text.lazy_re import lazy

_PARTIES: tuple[tuple[str, str], ...] = (
    # canonical name, pattern (lower case text). Specific names come before general ones.
    ("advertising partners", r"(?:advertising|ad|ads|marketing|media) partners?"),
    ("business partners", r"(?:business|commercial|strategic|joint marketing) partners?"),
    (
        "researchers",
        r"research partners?|researchers|academic (?:institutions|researchers)|research institutions",
    ),
    ("analytics providers", r"analytics (?:providers?|partners?|companies|services|vendors)"),
    ("payment processors", r"payment (?:processors?|providers?|service providers?)"),
    ("social networks", r"social (?:media )?(?:networks?|platforms?|media (?:companies|services|sites))"),
    (
        "service providers",
        r"(?:third[- ]party )?(?:service|technology|cloud|hosting) providers?|vendors?|suppliers?"
        r"|(?:sub-?)?contractors|(?:sub-?|data )processors",
    ),
    ("data brokers", r"data (?:brokers?|resellers?|aggregators?)"),
    (
        "advertisers",
        r"advertisers?|ad(?:vertising)? (?:networks?|companies|exchanges?|tech(?:nology)? (?:companies|partners))",
    ),
    ("partners", r"partners?(?! ?ship)|partner (?:companies|organi[sz]ations)"),
    (
        "affiliates",
        r"(?<!non-)(?<!non )affiliates|affiliated (?:companies|entities|businesses)|group companies"
        r"|(?:corporate )?family of companies|companies in our group",
    ),
    ("subsidiaries", r"subsidiar(?:y|ies)|parent compan(?:y|ies)"),
    ("law enforcement", r"law enforcement(?: agencies| authorities| officials)?|police"),
    (
        "government authorities",
        r"(?:government(?:al)?|public|regulatory|tax|supervisory) (?:agencies|authorities|bodies|entities|officials)"
        r"|governments?|regulators",
    ),
    ("courts", r"courts?(?: of law)?|tribunals?"),
    (
        "successors or acquirers",
        r"successors?(?: in interest)?|acquirers?|(?:prospective |potential )?(?:buyers?|purchasers?)"
        r"|acquiring (?:company|entity|party)",
    ),
    (
        "other companies",
        r"(?:other|unaffiliated|non-affiliated|outside) (?:companies|organi[sz]ations|businesses|entities)",
    ),
    ("other users", r"other users|the public|other members"),
)
_PARTY_GROUPS = [f"(?P<p{i}>{pattern})" for i, (_, pattern) in enumerate(_PARTIES)]
_PARTY_NAMES = {f"p{i}": name for i, (name, _) in enumerate(_PARTIES)}
_OTHER_PARTIES = "|".join(pattern for _, pattern in _PARTIES)
# "third party" counts on its own unless it is the adjective of another party ("third-party vendors").
_THIRD = rf"(?:unaffiliated |non-affiliated )?third[- ]part(?:y|ies)\b(?![- ](?:{_OTHER_PARTIES}))"
PARTY_RE = lazy(rf"\b(?:(?P<third>{_THIRD})|{'|'.join(_PARTY_GROUPS)})\b")


def party_name(m: re.Match[str]) -> str:
    """Canonical name of a :data:`PARTY_RE` match."""
    return "third parties" if m.lastgroup == "third" else _PARTY_NAMES[m.lastgroup or ""]


# Literal fragments, one of which every party name contains: found with str.find (fast), and
# PARTY_RE only runs around them.
_PARTY_HINTS = (
    "part",
    "affil",
    "advert",
    "vendor",
    "provider",
    "supplier",
    "contractor",
    "processor",
    "broker",
    "reseller",
    "aggregator",
    "law enf",
    "police",
    "govern",
    "authorit",
    "regulat",
    "court",
    "tribunal",
    "successor",
    "acquir",
    "buyer",
    "purchaser",
    "subsidiar",
    "parent comp",
    "group comp",
    "family of",
    "other users",
    "other members",
    "other comp",
    "other org",
    "other bus",
    "other ent",
    "unaffiliated",
    "outside comp",
    "outside org",
    "outside bus",
    "outside ent",
    "the public",
    "researcher",
    "research inst",
    "academic",
    "analytics",
    "payment",
    "social",
    "in our group",
    "ad network",
    "ad exchange",
    "ad tech",
    "ad compan",
    "agencies",
    "bodies",
    "officials",
    "entities",
)


# every position where a hint starts (lookahead: overlapping hints are all found, in one pass)
def _trie_pattern(words: tuple[str, ...]) -> str:
    """A regex alternation factored as a trie, so each position is rejected after a char or two."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        ends = "" in node
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if ends else body

    return emit(trie)


_PARTY_HINT_RE = lazy("(?=" + _trie_pattern(_PARTY_HINTS) + ")")


def parties_canon(canon: str) -> list[str]:
    """Canonical party names in order of first mention."""
    at = [m.start() for m in _PARTY_HINT_RE.finditer(canon)]
    if not at:
        return []
    found: dict[int, str] = {}
    covered = -1
    for p in sorted(at):
        if p < covered:
            continue
        for m in PARTY_RE.finditer(canon, max(0, p - 40), min(len(canon), p + 80)):
            if m.start() <= p < m.end():
                found.setdefault(m.start(), party_name(m))
                covered = max(covered, m.end())
    seen: dict[str, None] = {}
    for _, name in sorted(found.items()):
        seen.setdefault(name, None)
    return list(seen)


def parties_in(text: str) -> list[str]:
    """Canonical names of the parties *text* mentions, in order of first mention."""
    return parties_canon(canonical(text))
