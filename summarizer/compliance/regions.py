"""Which regions a document addresses, read from its own words (with the words as evidence)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_I = re.IGNORECASE

# code -> (name, pattern). Codes follow the table's `jurisdiction` field; some have no entries.
REGIONS: dict[str, tuple[str, str]] = {
    "EU": (
        "European Union",
        r"European Union|\bEU\b|\bGDPR\b|General Data Protection Regulation|Member States?",
    ),
    "EEA": ("European Economic Area", r"European Economic Area|\bEEA\b"),
    "UK": ("United Kingdom", r"United Kingdom|\bUK\b|\bU\.K\.|Information Commissioner|England and Wales"),
    "US": (
        "United States (federal)",
        r"United States|\bU\.S\.|\bUSA\b|Federal Trade Commission|\bFTC\b|\bCOPPA\b",
    ),
    "US-CA": ("California", r"California|\bCCPA\b|\bCPRA\b"),
    "US-VA": ("Virginia", r"\bVirginia\b"),
    "US-CO": ("Colorado", r"\bColorado\b"),
    "US-CT": ("Connecticut", r"\bConnecticut\b"),
    "US-UT": ("Utah", r"\bUtah\b"),
    "US-TX": ("Texas", r"\bTexas\b"),
    "US-OR": ("Oregon", r"\bOregon\b"),
    "US-MT": ("Montana", r"\bMontana\b"),
    "US-IA": ("Iowa", r"\bIowa\b"),
    "US-DE": ("Delaware", r"\bDelaware\b"),
    "US-NH": ("New Hampshire", r"New Hampshire"),
    "US-NJ": ("New Jersey", r"New Jersey"),
    "US-TN": ("Tennessee", r"\bTennessee\b"),
    "US-MN": ("Minnesota", r"\bMinnesota\b"),
    "US-MD": ("Maryland", r"\bMaryland\b"),
    "US-IN": ("Indiana", r"\bIndiana\b"),
    "US-KY": ("Kentucky", r"\bKentucky\b"),
    "US-RI": ("Rhode Island", r"Rhode Island"),
    "BR": ("Brazil", r"\bBrazil|\bBrasil|\bLGPD\b"),
    "DE": ("Germany", r"\bGermany\b|\bDeutschland\b"),
    "CN": ("China (mainland)", r"People's Republic of China|mainland China|\bPRC\b"),
    "HK": ("Hong Kong", r"Hong Kong"),
    "JP": ("Japan", r"\bJapan\b|\bJapanese\b"),
    "KR": ("South Korea", r"\bKorea\b|\bKorean\b"),
    "MX": ("Mexico", r"\bMexico\b|\bMéxico\b|\bMexican\b"),
    "IN": ("India", r"\bIndia\b|\bIndian\b"),
    "RU": ("Russia", r"\bRussia\b|Russian Federation"),
}
_CASE_SENSITIVE = ("EU", "UK", "US")
_GROUP = {code: "r_" + code.replace("-", "_") for code in REGIONS}
# One pass over the text: a case-sensitive alternation for the acronyms, one case-insensitive for the rest.
_SENSITIVE_RX = re.compile("|".join(f"(?P<{_GROUP[c]}>{REGIONS[c][1]})" for c in _CASE_SENSITIVE))
_INSENSITIVE_SOURCE = "|".join(
    f"(?P<{_GROUP[c]}>{p})" for c, (_, p) in REGIONS.items() if c not in _CASE_SENSITIVE
)
_INSENSITIVE_RX = re.compile(_INSENSITIVE_SOURCE, _I)
# Much faster: the same patterns, lower-cased, run over the lower-cased text (when lower() keeps offsets).
_UPPER = re.compile(r"(?<!\\)[A-Z]")


def _lowered(pattern: str) -> str:
    return _UPPER.sub(lambda m: m.group(0).lower(), pattern)


_LOWER_RX = re.compile(
    "|".join(f"(?P<{_GROUP[c]}>{_lowered(p)})" for c, (_, p) in REGIONS.items() if c not in _CASE_SENSITIVE)
)
_CODE_OF = {g: c for c, g in _GROUP.items()}
US_STATES = tuple(code for code in REGIONS if code.startswith("US-"))


@dataclass(frozen=True)
class RegionMention:
    code: str
    name: str
    count: int
    quote: str  # the sentence (or line) that names it, verbatim from the document


def _sentence_around(text: str, start: int, end: int, limit: int = 200) -> str:
    left = max(
        text.rfind("\n", 0, start), text.rfind(". ", 0, start) + 1 if text.rfind(". ", 0, start) >= 0 else -1
    )
    right_candidates = [i for i in (text.find("\n", end), text.find(". ", end)) if i >= 0]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    quote = text[left + 1 : right].strip()
    if len(quote) > limit:  # keep a verbatim window around the match
        a = max(0, start - limit // 2)
        quote = text[a : a + limit].strip()
    return quote


def mentioned_regions(text: str) -> dict[str, RegionMention]:
    """Every region of :data:`REGIONS` the text names, with how often and one verbatim sentence."""
    counts: dict[str, int] = {}
    firsts: dict[str, re.Match[str]] = {}
    lower = text.lower()
    scans = [(_SENSITIVE_RX, text)]
    scans.append((_LOWER_RX, lower) if len(lower) == len(text) else (_INSENSITIVE_RX, text))
    for rx, haystack in scans:
        for m in rx.finditer(haystack):
            code = _CODE_OF[m.lastgroup or ""]
            counts[code] = counts.get(code, 0) + 1
            firsts.setdefault(code, m)
    found: dict[str, RegionMention] = {}
    for code in REGIONS:
        if code in counts:
            first = firsts[code]
            found[code] = RegionMention(
                code, REGIONS[code][0], counts[code], _sentence_around(text, first.start(), first.end())
            )
    if "EEA" in found and "EU" not in found:
        found["EU"] = RegionMention("EU", REGIONS["EU"][0], found["EEA"].count, found["EEA"].quote)
    if "EU" in found and "EEA" not in found:
        found["EEA"] = RegionMention("EEA", REGIONS["EEA"][0], found["EU"].count, found["EU"].quote)
    if any(code in found for code in US_STATES) and "US" not in found:
        first = next(found[c] for c in US_STATES if c in found)
        found["US"] = RegionMention("US", REGIONS["US"][0], first.count, first.quote)
    return found
