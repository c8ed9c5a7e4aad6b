"""Which regions a document addresses, read from its own words (with the words as evidence)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate, compress
from typing import Literal

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


def _keywords(pattern: str, lower: bool) -> tuple[tuple[str, bool, bool], ...]:
    """Each alternative as (literal words, needs a word boundary before, needs one after)."""
    out = []
    for alt in pattern.split("|"):
        word = alt.replace("\\b", "").replace("\\.", ".").replace("s?", "").replace("?", "")
        out.append((word.lower() if lower else word, alt.startswith("\\b"), alt.endswith("\\b")))
    return tuple(out)


_KEYWORDS = {code: _keywords(p, code not in _CASE_SENSITIVE) for code, (_, p) in REGIONS.items()}


def _find_all(haystack: str, word: str, left: bool, right: bool) -> list[int]:
    """Start offsets of *word* in *haystack* (str.find: far faster than a regex over long documents)."""
    found: list[int] = []
    start, n = 0, len(word)
    while True:
        at = haystack.find(word, start)
        if at < 0:
            return found
        start = at + 1
        if left and at > 0 and (haystack[at - 1].isalnum() or haystack[at - 1] == "_"):
            continue
        end = at + n
        if right and end < len(haystack) and (haystack[end].isalnum() or haystack[end] == "_"):
            continue
        found.append(at)


US_STATES = tuple(code for code in REGIONS if code.startswith("US-"))


class TextScan:
    """Where each keyword of :data:`REGIONS` occurs in one text, each looked for at most once and
    shared by :func:`mentioned_regions` and :func:`addressing_evidence` (round 5: the region scan was
    most of what compliance added to a compare on long documents).

    With *peer*, the other version of the same document: a keyword with no hit in the peer has its
    hits only in lines the peer lacks (a hit inside a line both texts share would be a hit in the peer:
    no keyword spans a line, and a line's edges are word boundaries in both), so only those lines are
    searched, and the hits are mapped back to offsets in this text. Used only where lower-casing keeps
    every offset (the rare other texts take the per-function paths)."""

    def __init__(self, text: str, peer: TextScan | None = None) -> None:
        self.text = text
        self._lines = text.splitlines()
        # A text that repeats its lines (a table printed again and again) is first searched in its
        # distinct lines: a keyword absent there is absent from the text.
        distinct = "\n".join(dict.fromkeys(self._lines))
        self._lower: str | None = None
        self._distinct: tuple[str, str] | None = None
        if len(distinct) * 2 < len(text):
            self._distinct = (distinct, distinct.lower())
            # Every character of the text is in its distinct lines, but the line ends (which keep their length).
            self.same_offsets = len(self._distinct[1]) == len(distinct)
        else:
            self._lower = text.lower()
            self.same_offsets = len(self._lower) == len(text)
        self.peer = peer if peer is not None and peer.same_offsets and self.same_offsets else None
        self._hits: dict[tuple[str, bool, bool, bool], list[int]] = {}
        self._rest: tuple[str, str, list[int], list[int]] | Literal[False] | None = None

    @property
    def lower(self) -> str:
        """``text.lower()`` (computed when first needed)."""
        if self._lower is None:
            self._lower = self.text.lower()
        return self._lower

    def find_lower(self, word: str) -> int:
        """``self.lower.find(word)``, answered from the distinct lines when they lack it."""
        if self._distinct is not None and word not in self._distinct[1]:
            return -1
        return self.lower.find(word)

    def find(self, word: str, left: bool, right: bool, case_sensitive: bool) -> list[int]:
        """``_find_all`` of *word* in the text (or its lower-case form), memoised."""
        key = (word, left, right, case_sensitive)
        hits = self._hits.get(key)
        if hits is None:
            if self.peer is not None and not self.peer.find(*key):
                hits = self._find_in_rest(word, left, right, case_sensitive)
            elif self._distinct is not None and not _find_all(
                self._distinct[0 if case_sensitive else 1], word, left, right
            ):
                hits = []
            else:
                hits = _find_all(self.text if case_sensitive else self.lower, word, left, right)
            self._hits[key] = hits
        return hits

    def _find_in_rest(self, word: str, left: bool, right: bool, case_sensitive: bool) -> list[int]:
        found = self._rest_lines()
        if found is None:
            return _find_all(self.text if case_sensitive else self.lower, word, left, right)
        rest, rest_lower, rest_starts, starts = found
        hits = _find_all(rest if case_sensitive else rest_lower, word, left, right)
        return [starts[i] + at - rest_starts[i] for at in hits for i in (bisect_right(rest_starts, at) - 1,)]

    def _rest_lines(self) -> tuple[str, str, list[int], list[int]] | None:
        """The lines the peer lacks, joined by newlines (and lower-cased), with where each starts
        there and in the text; None when they are most of the text (searching it whole is as quick)."""
        if self._rest is None:
            assert self.peer is not None
            shared = set(self.peer._lines)
            lines = self._lines
            keep = [line not in shared for line in lines]
            kept = list(compress(lines, keep))
            if sum(map(len, kept)) * 2 > len(self.text):
                self._rest = False
            else:
                starts = list(
                    compress(accumulate(map(len, self.text.splitlines(keepends=True)), initial=0), keep)
                )
                rest_starts = [at + i for i, at in enumerate(accumulate(map(len, kept), initial=0))][:-1]
                rest = "\n".join(kept)
                self._rest = (rest, rest.lower(), rest_starts, starts)
        return self._rest or None


@dataclass(frozen=True)
class RegionMention:
    code: str
    name: str
    count: int
    quote: str  # the sentence (or line) that names it, verbatim from the document
    # How often the document addresses this region's readers (:func:`addressing_evidence`); -1 when
    # not measured. A region named but never addressed (0) is not one the document speaks to.
    evidence: int = -1


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


def mentioned_regions(
    text: str, codes: Iterable[str] | None = None, *, scan: TextScan | None = None
) -> dict[str, RegionMention]:
    """Every region of :data:`REGIONS` the text names (or only of *codes*: a region derived from
    another, such as the EU from the EEA, needs both asked for), with how often and one verbatim
    sentence. *scan*: the text's :class:`TextScan`, to share its keyword hits."""
    if scan is None or not scan.same_offsets:
        scan = None
        lower = text.lower()
        same_offsets = len(lower) == len(text)
    else:
        lower, same_offsets = scan.lower, True
    wanted = set(_KEYWORDS) if codes is None else set(codes)
    found: dict[str, RegionMention] = {}
    for code, keywords in _KEYWORDS.items():
        if code not in wanted:
            continue
        haystack = text if code in _CASE_SENSITIVE or not same_offsets else lower
        hits: list[tuple[int, int]] = []
        for word, left, right in keywords:
            at_all = (
                _find_all(haystack, word, left, right)
                if scan is None
                else scan.find(word, left, right, code in _CASE_SENSITIVE)
            )
            hits += [(at, at + len(word)) for at in at_all]
        if code not in _CASE_SENSITIVE and not same_offsets:  # rare: lower() changed the length
            rx = re.compile(REGIONS[code][1], _I)
            hits = [(m.start(), m.end()) for m in rx.finditer(text)]
        if hits:
            start, end = min(hits)
            found[code] = RegionMention(code, REGIONS[code][0], len(hits), _sentence_around(text, start, end))
    if "EEA" in found and "EU" not in found:
        found["EU"] = RegionMention("EU", REGIONS["EU"][0], found["EEA"].count, found["EEA"].quote)
    if "EU" in found and "EEA" not in found:
        found["EEA"] = RegionMention("EEA", REGIONS["EEA"][0], found["EU"].count, found["EU"].quote)
    if any(code in found for code in US_STATES) and "US" not in found:
        first = next(found[c] for c in US_STATES if c in found)
        found["US"] = RegionMention("US", REGIONS["US"][0], first.count, first.quote)
    return found


# Evidence that a document addresses a region's readers, not merely names it (round 4). A region can
# be named for many reasons: an office address, a transfer destination, a contract clause appended for
# business customers ("Regulation (EU) 2016/679" forty times in Snap's US policy). A document addresses
# the readers of a region where it speaks to them ("if you are in the EU", "residents of California",
# "EEA users"), gives them a heading of their own, or names a law or authority of theirs.
_READER_BEFORE = re.compile(
    r"\b(you|your|users?|residents?|consumers?|individuals|people|persons|customers?|visitors?|members?|"
    r"children|parents|data subjects)\b[^.;:\n]{0,40}\b(in|of|from|within|outside)\s+(the\s+)?([\w,]+\s+){0,2}$"
    r"|\bif you (live|are|reside|are located|are based)\b[^.\n]{0,100}$"
    r"|\b(country|region) version\W{0,2}(\([^)\s]*\))?\s*$",
    _I,
)
_READER_AFTER = re.compile(
    r"^[a-z]{0,3}\W{0,2}(-based\s+)?(residents?|users?|consumers?|individuals|customers?|visitors?|members?|"
    r"data subjects)\b(?!\s+states?\b)",
    _I,
)
# Round 7 (cprec7): between the readers and the region, a recipient the data goes to ("our Members ... with
# LinkedIn Corporation in the United States", "data of our users to our affiliates in the US"): the region is
# where the recipient is, not where the readers are.
_READER_WORD = re.compile(
    r"\b(you|your|users?|residents?|consumers?|individuals|people|persons|customers?|visitors?|members?|"
    r"children|parents|data subjects)\b",
    _I,
)
_READER_GAP = re.compile(r"([^.;:\n]{0,40})\b(in|of|from|within|outside)\s+(the\s+)?([\w,]+\s+){0,2}$", _I)
_READER_OTHER = re.compile(
    r"\bif you (live|are|reside|are located|are based)\b[^.\n]{0,100}$"
    r"|\b(country|region) version\W{0,2}(\([^)\s]*\))?\s*$",
    _I,
)
_TO_RECIPIENT = re.compile(r"\b(with|to)\s+(?!you\b)", _I)
# ... in a sentence that moves data or a dispute there ("Customers with billing accounts in India" still
# addresses Indian customers).
_MOVES = re.compile(
    r"\b(shar\w*|transfer\w*|disclos\w*|transmit\w*|send\w*|sent|provid\w*|stor(e|ed|ing)|process\w*|"
    r"host\w*|resolv\w*)\b",
    _I,
)


def _last_sentence(before: str) -> str:
    return before[max(before.rfind(". "), before.rfind("\n")) + 1 :]


def _reader_before(before: str) -> bool:
    """The text before a region's name addresses that region's readers (:data:`_READER_BEFORE`), unless
    the readers are only named as those whose data goes to a recipient in the region."""
    if not _READER_BEFORE.search(before):
        return False
    if _READER_OTHER.search(before):
        return True
    for word in _READER_WORD.finditer(before):
        gap = _READER_GAP.match(before, word.end())
        if gap is not None and not (
            _TO_RECIPIENT.search(gap.group(1)) and _MOVES.search(_last_sentence(before))
        ):
            return True
    return False


# A region's own law named after it ("Virginia's Consumer Data Protection Act", "California Civil Code").
_LAW_AFTER = re.compile(r"^(’s|'s)?(\s+([A-Z][\w-]*|and|of|on|for)){0,6}\s+(Act|Code|Regulations?)\b")
# Alternatives of REGIONS that name a law or an authority rather than a place.
_LAW_WORDS = frozenset(
    {
        "gdpr",
        "general data protection regulation",
        "ccpa",
        "cpra",
        "lgpd",
        "coppa",
        "ftc",
        "federal trade commission",
        "information commissioner",
    }
)


def _is_heading(text: str, at: int) -> bool:
    """The mention sits on a short Markdown heading line or inside a line's bold lead-in
    ("**L. VISITORS FROM BRAZIL**", "**For users located in South Korea**: ...")."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    raw = text[start : end if end >= 0 else len(text)]
    line = raw.lstrip()
    if line.startswith("**"):
        close = line.find("**", 2)
        return close >= 0 and at < start + (len(raw) - len(line)) + close
    return len(line.rstrip()) <= 100 and line.startswith("#")


def addressing_evidence(
    text: str, codes: Iterable[str] | None = None, *, scan: TextScan | None = None
) -> dict[str, int]:
    """How many times the text addresses each region's readers (see the note above this function),
    for every region or only for *codes*. *scan*: the text's :class:`TextScan`, to share its hits."""
    wanted = set(_KEYWORDS) if codes is None else set(codes)
    if scan is not None and scan.same_offsets:
        lower = scan.lower
    else:
        scan = None
        lower = text.lower()
        if len(lower) != len(text):  # rare ('İ'): lower-case character by character, keeping offsets
            lower = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    found: dict[str, int] = {}
    for code, keywords in _KEYWORDS.items():
        if code not in wanted:
            continue
        haystack = text if code in _CASE_SENSITIVE else lower
        n = 0
        for word, left, right in keywords:
            law = word.lower() in _LAW_WORDS
            at_all = (
                _find_all(haystack, word, left, right)
                if scan is None
                else scan.find(word, left, right, code in _CASE_SENSITIVE)
            )
            for at in at_all:
                end = at + len(word)
                if (
                    law
                    or _reader_before(text[max(0, at - 160) : at])
                    or _READER_AFTER.match(text[end : end + 30])
                    or _LAW_AFTER.match(text[end : end + 80])
                    or _is_heading(text, at)
                ):
                    n += 1
        if n:
            found[code] = n
    for a, b in (("EU", "EEA"), ("EEA", "EU")):
        if a in found:
            found.setdefault(b, found[a])
    if any(code in found for code in US_STATES):
        found.setdefault("US", sum(found.get(c, 0) for c in US_STATES))
    return found
