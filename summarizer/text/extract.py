"""Extractive helpers for the offline summary: sentences with offsets, changed word ranges,
verbatim quotes, short plain fragments, what-you-can-do sentences and hedges.

Quotes returned here are always exact substrings of the text they were cut from (callers add the
text's offset in its document and can check ``document.text[start:end] == quote``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from summarizer.text import align
from summarizer.text.align import Opcode
from summarizer.text.lazy_re import lazy
from summarizer.text.normalise import normalise

MAX_QUOTE_CHARS = 320
_TOKEN = lazy(r"\S+")
# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) before whitespace,
# or at a line break that starts a new list item / paragraph line.
_SENT_END = lazy(
    r"(?<=[.!?])[\"'”’)\]]*(?=\s+(?:[\"“(\[*_]*[A-Z0-9]|$))|\n\s*\n|\n(?=\s*(?:[-*+•]|\d{1,3}[.)])\s)"
)
_LEAD = lazy(
    r"^(?:\s|#{1,6}\s|[-*+•·]\s|\(?(?:\d{1,3}(?:\.\d{1,3})*|[a-z]|[ivx]{1,5})[.)]\s|\*\*|__|>\s?)+", re.I
)
# the pieces of Markdown link syntax a word window may cut through: '](target "title")', '[', ']'
_LINK_BITS = lazy(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)?|(?<!\S)\[(?=\S)|(?<=\S)\](?!\()")
_PUNCT = lazy(r"[^\w]+", re.UNICODE)
_WORDS = lazy(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Span:
    """A span of a text: ``text == source[start:end]``."""

    start: int
    end: int
    text: str


_ABBREV = lazy(
    r"(?:\b(?:e\.g|i\.e|Dr|Mr|Mrs|Ms|St|No|Inc|Ltd|Co|Corp|vs|approx|cf|Art|Sec|para)\.|\b[A-Z]\.(?:[A-Z]\.)*)$"
)


def sentences(text: str) -> list[Span]:
    """Split *text* into sentence spans (offsets into *text*), skipping blank pieces."""
    out: list[Span] = []
    pos = 0
    for m in _SENT_END.finditer(text):
        if _ABBREV.search(text, pos, m.end()) and "\n" not in text[m.start() : m.end()]:
            continue  # 'e.g.', 'Inc.', 'U.S.' do not end a sentence
        _add_trimmed(text, pos, m.end(), out)
        pos = m.end()
    _add_trimmed(text, pos, len(text), out)
    return out


def _add_trimmed(text: str, start: int, end: int, out: list[Span]) -> None:
    piece = text[start:end]
    lead = _LEAD.match(piece)
    s = start + (lead.end() if lead else 0)
    e = _trail_start(text, s, end)
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s and _WORDS.search(text, s, e):
        out.append(Span(s, e, text[s:e]))


def _trail_start(text: str, s: int, end: int) -> int:
    r"""Where the trailing run of white space, ``**`` and ``__`` of ``text[s:end]`` starts (*end*
    if none): what ``(?:\s|\*\*|__)+$`` searched in ``text[s:end]`` finds, read backwards from the
    end instead of tried at every position of the piece. Each of the three tokens starts with its
    own character, so ``text[q:end]`` is a run exactly when ``text[q]`` is a space and
    ``text[q + 1:end]`` is a run or empty, or ``text[q:q + 2]`` is ``**``/``__`` and ``text[q + 2:end]``
    is one or empty; two positions in a row that start no run end the scan (``$`` before a final
    line break is the same place: the break is itself white space)."""
    ok1 = ok2 = True  # does text[q + 1:end] / text[q + 2:end] read as a run (or empty)?
    start = end
    q = end - 1
    while q >= s and (ok1 or ok2):
        ch = text[q]
        if ch.isspace():
            ok = ok1
        elif (ch == "*" or ch == "_") and q + 1 < end and text[q + 1] == ch:
            ok = ok2
        else:
            ok = False
        if ok:
            start = q
        ok1, ok2 = ok, ok1
        q -= 1
    return start


@dataclass(frozen=True, slots=True)
class Edit:
    """One word-level edit: ranges of *old* and *new* (an empty range marks an insertion point)."""

    op: str  # insert | delete | replace
    old: tuple[int, int]
    new: tuple[int, int]


def word_opcodes(old: str, new: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]], list[Opcode]]:
    """The word spans of *old* and *new* and difflib opcodes aligning them (typography- and
    case-insensitive: "equal" words may still differ in case or punctuation)."""
    ta = [(m.start(), m.end()) for m in _TOKEN.finditer(old)]
    tb = [(m.start(), m.end()) for m in _TOKEN.finditer(new)]
    ka = [_token_key(old[s:e]) for s, e in ta]
    kb = [_token_key(new[s:e]) for s, e in tb]
    return ta, tb, align.opcodes(ka, kb, autojunk=len(ka) > 2000)


def word_edits(old: str, new: str) -> list[Edit]:
    """Word-level edits between two texts (typography- and case-insensitive), with offsets."""
    ta, tb, opcodes = word_opcodes(old, new)
    out: list[Edit] = []
    for op, i1, i2, j1, j2 in opcodes:
        if op == "equal":
            continue
        ra = (ta[i1][0], ta[i2 - 1][1]) if i2 > i1 else _point(ta, i1, len(old))
        rb = (tb[j1][0], tb[j2 - 1][1]) if j2 > j1 else _point(tb, j1, len(new))
        out.append(Edit(op, ra, rb))
    return out


@lru_cache(maxsize=1 << 16)
def _token_key(token: str) -> str:
    key = normalise(token).casefold()
    return _PUNCT.sub("", key) or key


def _point(tokens: list[tuple[int, int]], k: int, size: int) -> tuple[int, int]:
    if not tokens:
        return (0, 0)
    if k < len(tokens):
        return (tokens[k][0], tokens[k][0])
    return (tokens[-1][1], tokens[-1][1]) if tokens else (size, size)


def window(text: str, focus: tuple[int, int], before: int = 2, after: int = 2, max_words: int = 12) -> str:
    """The changed words of *text* at *focus* with a few words of context, inside one sentence,
    in plain words (Markdown removed)."""
    sent = next((s for s in sentences(text) if s.start <= focus[0] <= s.end), None)
    lo, hi = (sent.start, sent.end) if sent else (0, len(text))
    words = [(m.start(), m.end()) for m in _TOKEN.finditer(text, lo, hi)]
    if not words:
        return ""
    first = next((k for k, (s, e) in enumerate(words) if e > focus[0]), len(words) - 1)
    last = max((k for k, (s, e) in enumerate(words) if s < focus[1]), default=first)
    last = max(last, first)
    if last - first + 1 > max_words:
        last = first + max_words - 1
    room = max(0, max_words - (last - first + 1))
    first = max(0, first - min(before, room))
    room = max(0, max_words - (last - first + 1))
    last = min(len(words) - 1, last + min(after, room))
    piece = normalise(_LINK_BITS.sub(" ", text[words[first][0] : words[last][1]]))
    return piece.strip(" ,;:-([]").rstrip(".")


class RangeIndex:
    """Character ranges (start, end) looked up by span: which touch it, how much of it they cover.

    Answers what checking every range against every span answers, in O(log n + k) per span (k the
    ranges inside it) when the ranges run in document order, as word edits do; other lists are
    checked range by range, as before."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        self.ranges = ranges
        spans = sorted((s, e) for s, e in ranges if e > s)
        self.monotone = all(a[1] <= b[1] for a, b in zip(spans, spans[1:])) and all(e >= s for s, e in ranges)
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]
        self.points = sorted(s for s, e in ranges if s == e)

    def _window(self, start: int, end: int) -> range:
        """Indices of the non-empty ranges with s < end and e > start (monotone case)."""
        return range(bisect_right(self.ends, start), bisect_left(self.starts, end))

    def _points_in(self, start: int, end: int) -> int:
        return bisect_right(self.points, end) - bisect_left(self.points, start)

    def touches(self, start: int, end: int) -> bool:
        """Some range overlaps [start, end), or an empty range (an insertion point) lies in it."""
        if not self.monotone:
            return any(s < end and e > start or (s == e and start <= s <= end) for s, e in self.ranges)
        return bool(self._window(start, end)) or self._points_in(start, end) > 0

    def covered(self, start: int, end: int) -> int:
        """Characters of [start, end) inside ranges (summed per range), plus one per insertion point."""
        if not self.monotone:
            return sum(
                max(0, min(e, end) - max(s, start)) + (1 if s == e and start <= s <= end else 0)
                for s, e in self.ranges
            )
        starts, ends = self.starts, self.ends
        inside = sum(min(ends[k], end) - max(starts[k], start) for k in self._window(start, end))
        return inside + self._points_in(start, end)


def sentences_touching(text: str, ranges: list[tuple[int, int]]) -> list[Span]:
    """The sentences of *text* that overlap (or contain the insertion point of) any range."""
    index = RangeIndex(ranges)
    return [sent for sent in sentences(text) if index.touches(sent.start, sent.end)]


def quote_from(
    text: str, span: Span, focus: tuple[int, int] | None = None, max_chars: int = MAX_QUOTE_CHARS
) -> Span:
    """A verbatim quote: *span* itself, or a word-aligned window of it around *focus* when long."""
    if span.end - span.start <= max_chars:
        return span
    f0, f1 = focus if focus else (span.start, span.start)
    f0, f1 = max(span.start, min(f0, span.end)), min(span.end, max(f1, f0))
    if f1 - f0 >= max_chars:
        s, e = f0, f0 + max_chars
    else:
        half = (max_chars - (f1 - f0)) // 2
        s = max(span.start, f0 - half)
        e = min(span.end, s + max_chars)
        s = max(span.start, e - max_chars)
    # align to word boundaries inside the window
    if s > span.start:
        nxt = text.find(" ", s, e)
        s = nxt + 1 if nxt != -1 else s
    if e < span.end:
        prev = text.rfind(" ", s, e)
        e = prev if prev > s else e
    while e > s and text[e - 1] in " ,;:":
        e -= 1
    return Span(s, e, text[s:e])


@lru_cache(maxsize=64)
def plain(text: str) -> str:
    """Text for prose: Markdown links, emphasis and markers removed, whitespace collapsed.
    (Cached: prose asks again about the same passage for each phrase it extends.)"""
    return normalise(text)


# --- what a user can do ------------------------------------------------------------------------

_ACTION = lazy(
    r"\b(?:opt[- ]?out|opt[- ]?in|unsubscribe|withdraw (?:your )?consent|privacy settings|"
    r"(?:account|ad|ads|cookie|privacy|notification|email) (?:settings|preferences)|settings\b|"
    r"manage (?:your )?(?:preferences|choices|cookies|settings)|do not sell|do not track|"
    r"(?:disable|block|delete|clear|reject|decline|turn off) (?:cookies|tracking|personali[sz]ed)|"
    r"(?:request|ask (?:us )?to|right to) (?:access|delete|deletion|erase|erasure|correct|a copy|port)|"
    r"delete your (?:account|data|information|personal)|download (?:a copy of )?your|"
    r"contact us (?:at|by|via)|email us at|write to us|cancel (?:your )?(?:subscription|account|membership))",
    re.I,
)
_ACTION_KEYS = (
    "opt",
    "unsubscribe",
    "consent",
    "setting",
    "preferenc",
    "do not",
    "disable",
    "block",
    "delete",
    "clear",
    "reject",
    "decline",
    "turn off",
    "request",
    "ask",
    "right to",
    "download",
    "contact",
    "email us",
    "write to",
    "cancel",
)
# the sentence tells the user they can act, or how to: "you can", "you have the right to", "to ..., visit"
_ABLE = lazy(
    r"\byou (?:\w+ )?(?:can|may|could|are able to|have the (?:right|option|choice)|will be able to)\b|"
    r"^(?:to|if you (?:want|wish|would like|prefer))\b.*\b(?:visit|go to|contact|e-?mail|write|click|select|open|use|"
    r"call|submit|send|adjust|change|update|manage)\b|\b(?:please )?(?:contact|e-?mail|write to|call) us\b|"
    r"^(?:visit|go to|click|select|open|use|contact|e-?mail|call|submit|send|adjust|change|update|manage)\b",
    re.I,
)
_YOU = lazy(r"\b(?:you|your)\b", re.I)
_NOT_ACTION = lazy(
    r"\b(?:we (?:may|will|can) (?:disable|delete|terminate|suspend)|if you do not|you (?:may|can)not|you must not|you agree)\b",
    re.I,
)


def action_sentences(text: str, max_words: int = 45) -> list[str]:
    """Sentences in *text* that tell the user how to act (settings, opt-outs, requests), in plain
    words; never invented, only selected."""
    out: list[str] = []
    low = text.lower()
    if not any(k in low for k in _ACTION_KEYS) or not _ACTION.search(text):
        return out
    for sent in sentences(text):
        words = sent.text.split()
        if len(words) < 4 or len(words) > max_words:
            continue
        if (
            _ACTION.search(sent.text)
            and _YOU.search(sent.text)
            and _ABLE.search(sent.text)
            and not _NOT_ACTION.search(sent.text)
        ):
            out.append(plain(sent.text))
    return out


# --- hedges -------------------------------------------------------------------------------------

HEDGES: dict[str, re.Pattern[str]] = {
    "including but not limited to": lazy(
        r"\bincluding,? (?:but|without) (?:not )?limit(?:ed|ation)(?: to)?\b", re.I
    ),
    "such as": lazy(r"\bsuch as\b", re.I),
    "may": lazy(r"\b(?:we|they|partners|companies|it|[A-Z][a-z]+) (?:may|might|could)\b"),
    "from time to time": lazy(r"\bfrom time to time\b", re.I),
    "for example": lazy(r"\b(?:for example|e\.g\.)", re.I),
    "and similar": lazy(r"\b(?:and|or) (?:other )?similar\b", re.I),
    "at our discretion": lazy(r"\b(?:at|in) (?:our|its) (?:sole )?discretion\b", re.I),
    "where appropriate": lazy(r"\b(?:where|as) (?:appropriate|necessary|needed)\b", re.I),
    "other purposes": lazy(r"\b(?:other|related|similar|legitimate business) purposes\b", re.I),
}
VAGUE_PARTIES = ("partners", "affiliates", "third parties", "vendors", "trusted companies")


def hedges_in(text: str) -> list[str]:
    """Names of the hedges that occur in *text* (in the order of :data:`HEDGES`)."""
    return [name for name, rx in HEDGES.items() if rx.search(text)]


def vague_parties_in(text: str) -> list[str]:
    low = text.lower()
    return [p for p in VAGUE_PARTIES if re.search(rf"\b{re.escape(p)}\b", low)]


def defines(document_text: str, party: str) -> bool:
    """True when the document appears to say who *party* are ('"Partners" means ...',
    'our partners include ...', 'partners, such as ...', a list after 'partners:')."""
    p = re.escape(party.rstrip("s"))
    rx = re.compile(
        rf"[\"“']{p}s?[\"”']\s+(?:means|refers|includes?)|\b{p}s?\s+(?:include|are|means|refers to)\b|"
        rf"\b{p}s?\s*(?:,|\()\s*(?:such as|including(?!,? (?:but|without))|e\.g\.|like)\b|\b{p}s?\s*:\s*\n",
        re.I,
    )
    return bool(rx.search(document_text))


def word_count(text: str) -> int:
    return len(_WORDS.findall(text))


def word_count_upto(text: str, limit: int) -> int:
    """``min(word_count(text), limit)``, reading *text* only as far as its *limit*-th word (for a
    caller that compares the count with *limit* or less)."""
    count = 0
    if limit <= 0:
        return 0
    for _ in _WORDS.finditer(text):
        count += 1
        if count >= limit:
            break
    return count
