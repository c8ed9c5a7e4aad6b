"""Semantic signals of a hunk: what kind of change in meaning the edited words carry.

``compute_signals(old_text, new_text)`` compares the two texts clause by clause: clauses present
on both sides (in any order, any number of times) are set aside, the rest are paired by word
overlap, and only what differs between them is reported. That keeps unchanged or merely
reordered text from producing signals. Detected:

* modality shifts - will/shall/must/are required to <-> may/can/might/could, "at our
  discretion" added or removed, "reserve the right" added or removed;
* negation added or removed ("do not sell" -> "sell", "never" dropped), with the negated phrase;
* items added to or removed from enumerations ("affiliates, partners and advertisers");
* parties named (canonical names: third parties, partners, advertisers, service providers,
  law enforcement, ...), and which of them were added or removed;
* numbers with units that changed (periods, ages, amounts, percentages).

Everything is precompiled at import; one call costs a few regex scans of the hunk's text.
The helpers :func:`canonical`, :func:`split_clauses`, :func:`parties_in`, :func:`stem`,
:func:`find_numbers` and :data:`PARTY_RE` are shared with :mod:`summarizer.rubric.severity`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from summarizer.model.diff import (
    EnumerationChange,
    ModalityShift,
    NegationChange,
    NumberChange,
    Signals,
    WordChange,
)
from summarizer.text.normalise import normalise

__all__ = [
    "compute_signals",
    "parties_in",
    "canonical",
    "split_clauses",
    "stem",
    "find_numbers",
    "NumberMention",
    "PARTY_RE",
    "party_name",
]

# --- canonical text ----------------------------------------------------------------------------

_CONTRACTION = re.compile(r"\b(won't|can't|cannot|shan't)\b|(?<=[a-z])n't\b|(?<=[a-z])('ll)\b")
_CONTRACTION_MAP = {"won't": "will not", "can't": "can not", "cannot": "can not", "shan't": "shall not"}
# Boilerplate that contains "not" without negating anything.
_FALSE_NEGATION = re.compile(r"\b(?:but )?not (?:be )?limited to\b|\bnot only\b|\b(?:whether )?or not\b")
_SPACES = re.compile(r"\s+")


def _expand(m: re.Match[str]) -> str:
    word = m.group(1)
    if word:
        return _CONTRACTION_MAP[word]
    return " will" if m.group(2) else " not"


_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n(?=[ \t]*(?:[-*+\u2022|#>]|\d{1,3}[.)]\s|\([a-z0-9]{1,4}\)\s))")


@lru_cache(maxsize=256)
def canonical(text: str) -> str:
    """The analysis form of *text*: normalised (see :func:`summarizer.text.normalise.normalise`) per
    paragraph, paragraphs (and list items, headings, table rows) on lines of their own, case
    folded, contractions expanded ("won't" -> "will not") and "not limited to" dropped.
    (Cached: the diff engine, the classifier and the rubric all look at the same texts.)"""
    if not text:
        return ""
    parts = _PARAGRAPH_BREAK.split(text) if "\n" in text else [text]
    t = "\n".join(p for p in (normalise(part) for part in parts) if p).casefold()
    if not ("n't" in t or "cannot" in t or "'ll" in t or "not" in t):
        return t
    # Line by line (no pattern crosses a line), and only the lines that need it: every line is
    # already normalised, so a line without edits needs no re-spacing either.
    return "\n".join(
        _edit_line(line) if ("n't" in line or "cannot" in line or "'ll" in line or "not" in line) else line
        for line in t.split("\n")
    )


def _edit_line(line: str) -> str:
    edited = False
    if "n't" in line or "cannot" in line or "'ll" in line:
        line, edited = _CONTRACTION.sub(_expand, line), True
    if "not limited" in line or "not be limited" in line or "not only" in line or "or not" in line:
        line, edited = _FALSE_NEGATION.sub(" ", line), True
    return _SPACES.sub(" ", line).strip() if edited else line


_CLAUSE_END = re.compile(r"[.!?;] (?=\S)")
_WORD = re.compile(r"[a-z0-9]+")


def split_clauses(canon: str) -> list[str]:
    """Sentences and ';'-separated clauses of a canonical text (paragraphs never merge)."""
    out: list[str] = []
    for line in canon.split("\n") if canon else ():
        start = 0
        for m in _CLAUSE_END.finditer(line):
            out.append(line[start : m.start() + 1])
            start = m.end()
        out.append(line[start:])
    return [c for c in out if _WORD.search(c)]


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A crude, deterministic stem: share/shares/shared/sharing -> 'shar'."""
    w = word.lower()
    for suffix in ("ing", "ed", "es", "s", "e"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            if suffix == "s" and w.endswith("ss"):
                continue
            if suffix == "es" and not w[:-2].endswith(("s", "x", "z", "ch", "sh")):
                continue
            return w[: -len(suffix)]
    return w


# --- parties -----------------------------------------------------------------------------------

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
PARTY_RE = re.compile(rf"\b(?:(?P<third>{_THIRD})|{'|'.join(_PARTY_GROUPS)})\b")


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


_PARTY_HINT_RE = re.compile("(?=" + _trie_pattern(_PARTY_HINTS) + ")")


def _parties_canon(canon: str) -> list[str]:
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
    return _parties_canon(canonical(text))


# --- numbers -----------------------------------------------------------------------------------

_NUMWORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "eighteen": 18,
    "twenty": 20,
    "twenty-one": 21,
    "thirty": 30,
    "forty-five": 45,
    "forty": 40,
    "sixty": 60,
    "ninety": 90,
    "hundred": 100,
}
_NW = "|".join(sorted(map(re.escape, _NUMWORDS), key=len, reverse=True))
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_DAYS_PER = {"hour": 1 / 24, "day": 1, "week": 7, "month": 30.4375, "year": 365.25}
_NUMBER_RE = re.compile(
    # currency amounts: $100, us$ 1,000, eur 50, 100 dollars, 5 million euros
    rf"(?P<cur>(?:us|ca|au)?\$|€|£|¥|\b(?:usd|eur|gbp)\s?)\s?(?P<amt>{_NUM})(?:\s?(?P<mult>k\b|million|billion|thousand))?"
    rf"|\b(?P<amt2>{_NUM})\s?(?P<mult2>million|billion|thousand)?\s?(?P<cur2>(?:us |u\.s\. )?dollars|euros?|pounds|usd|eur|gbp)\b"
    # ages: under (the age of) 13, at least 18, aged 16, 13 years of age, 16 years old, 18+
    rf"|\b(?:under|over|below|above|at least|older than|younger than|aged?|age of|minimum age(?: of)?)\s+(?P<age>\d{{1,2}})\b"
    rf"(?!\s*(?:hours?|days?|weeks?|months?|%|percent|dollars)\b)(?!\s*years?\b(?!\s+(?:of age|old)))"
    rf"|\b(?P<age2>\d{{1,2}})(?:\s*\+(?![\d:])|\s+years?(?: of age| old)\b)"
    # durations: 30 days, thirty (30) days, 6 business days, 12-month
    rf"|\b(?:(?P<word>{_NW})(?:\s*\((?P<paren>\d+)\))?|(?P<num>{_NUM}))[\s-]+(?:(?:business|calendar|working)[\s-]+)?"
    rf"(?P<unit>hours?|days?|weeks?|months?|years?)\b"
    # percentages
    rf"|\b(?P<pct>{_NUM})\s?(?:%|percent\b|per cent\b)"
)
# "13 years of age" would also read as a duration: the age alternative above comes first.


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A number with its unit found in a text."""

    kind: str  # duration | age | currency | percent
    value: float  # days for durations, the amount otherwise
    display: str  # "30 days", "13", "$100", "10%"
    unit: str  # days/months/... for durations, "age", "currency", "percent"
    start: int


def _num(s: str) -> float:
    return float(s.replace(",", ""))


_TIMESTAMP = re.compile(
    r"\d{4}-\d{2}-\d{2}[t ]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:z|[+-]\d{2}:?\d{2})?", re.I
)
_MAYBE_NUMBER = re.compile(rf"\d|\b(?:{_NW})\b")
_MULT = {"k": 1e3, "thousand": 1e3, "million": 1e6, "billion": 1e9}


def find_numbers(canon: str) -> list[NumberMention]:
    """Numbers with units in a canonical text."""
    out: list[NumberMention] = []
    if not _MAYBE_NUMBER.search(canon):
        return out
    if ":" in canon:  # page timestamps (2026-03-20t13:00:15+01:00) are not ages or amounts
        canon = _TIMESTAMP.sub(lambda m: " " * len(m.group(0)), canon)
    for m in _NUMBER_RE.finditer(canon):
        g = m.groupdict()
        if g["amt"] is not None or g["amt2"] is not None:
            amt = g["amt"] or g["amt2"]
            mult = g["mult"] or g["mult2"]
            value = _num(amt) * _MULT.get(mult or "", 1)
            out.append(NumberMention("currency", value, m.group(0).strip(), "currency", m.start()))
        elif g["age"] is not None or g["age2"] is not None:
            age = g["age"] or g["age2"]
            out.append(NumberMention("age", float(age), age, "age", m.start()))
        elif g["unit"] is not None:
            if g["paren"]:
                n = _num(g["paren"])
            elif g["word"]:
                n = float(_NUMWORDS[g["word"]])
            else:
                n = _num(g["num"])
            unit = g["unit"]
            base = unit.rstrip("s")
            plural = base + ("s" if n != 1 else "")
            shown = f"{n:g} {plural}"
            out.append(NumberMention("duration", n * _DAYS_PER[base], shown, base + "s", m.start()))
        elif g["pct"] is not None:
            out.append(NumberMention("percent", _num(g["pct"]), f"{g['pct']}%", "percent", m.start()))
    return out


def _same_value(a: NumberMention, b: NumberMention) -> bool:
    if a.kind != b.kind:
        return False
    if a.kind == "duration":
        return abs(a.value - b.value) <= 0.02 * max(a.value, b.value)
    return a.value == b.value


def _number_changes(old_clauses: list[str], new_clauses: list[str]) -> list[NumberChange]:
    olds = [n for c in old_clauses for n in find_numbers(c)]
    news = [n for c in new_clauses for n in find_numbers(c)]
    if not olds and not news:
        return []
    rest_new = list(news)
    rest_old: list[NumberMention] = []
    for o in olds:
        twin = next((n for n in rest_new if _same_value(o, n)), None)
        if twin is None:
            rest_old.append(o)
        else:
            rest_new.remove(twin)
    out: list[NumberChange] = []
    for kind in ("duration", "age", "currency", "percent"):
        ko = [n for n in rest_old if n.kind == kind]
        kn = [n for n in rest_new if n.kind == kind]
        for i in range(max(len(ko), len(kn))):
            was = ko[i] if i < len(ko) else None
            now = kn[i] if i < len(kn) else None
            unit = (now or was).unit  # type: ignore[union-attr]  # one of the two always exists
            out.append(NumberChange(was.display if was else "", now.display if now else "", unit))
    return out


# --- negation ----------------------------------------------------------------------------------

_SKIP = r"(?:be|been|ever|always|currently|otherwise|directly|knowingly|intentionally|generally|also|now|necessarily|actively|to|a|an|the|in|any|yet)"
_NEG_RE = re.compile(
    r"\b(?:(?:will|shall|must|may|can|could|would|should|might|do|does|did|is|are|was|were|has|have|had|be)\s+)?"
    rf"(?:not|never|no longer)\s+(?:{_SKIP}\s+){{0,3}}(?P<head>[a-z][a-z'-]*)"
    r"|\bno\s+(?P<head2>(?!(?:longer|later|sooner|more|less|matter|such|event|case|circumstances)\b)[a-z][a-z'-]*)"
)


@dataclass(slots=True)
class _Neg:
    phrase: str
    head: str
    stem: str


_FUNCTION = frozenset(
    "for this that these those your our their its his her the a an to of in on at by with from as if when all "
    "only just so such any every each one it them us you we there here more very".split()
)
_WORDS_AFTER = re.compile(r"\s+([a-z][a-z'-]*)")


def _negations(clauses: list[str]) -> list[_Neg]:
    out: list[_Neg] = []
    for c in clauses:
        if "no" not in c and "never" not in c:
            continue
        for m in _NEG_RE.finditer(c):
            head = (m.group("head") or m.group("head2")).strip("'-")
            phrase, end = m.group(0).rstrip("'-"), m.end()
            extra = 0
            while head in _FUNCTION and extra < 3:  # "not for children", "not your data"
                nxt = _WORDS_AFTER.match(c, end)
                if nxt is None:
                    break
                head, end, extra = nxt.group(1).strip("'-"), nxt.end(), extra + 1
                phrase = f"{phrase} {head}"
            if head in _FUNCTION or not head:
                continue
            if m.group("head2"):  # "no personal information": keep the noun too
                nxt = _WORDS_AFTER.match(c, end)
                if nxt is not None and nxt.group(1) not in _FUNCTION and nxt.group(1) not in _BOUNDARY:
                    phrase = f"{phrase} {nxt.group(1).strip(chr(39) + '-')}"
            out.append(_Neg(phrase, head, stem(head)))
    return out


def _stem_counts(clauses: list[str]) -> Counter[str]:
    return Counter(stem(w) for c in clauses for w in _WORD.findall(c))


def _negation_changes(old_clauses: list[str], new_clauses: list[str]) -> list[NegationChange]:
    old_negs, new_negs = _negations(old_clauses), _negations(new_clauses)
    if not old_negs and not new_negs:
        return []
    unmatched_new = list(new_negs)
    uo: list[_Neg] = []
    for n in old_negs:
        twin = next((x for x in unmatched_new if x.stem == n.stem), None)
        if twin is None:
            uo.append(n)
        else:
            unmatched_new.remove(twin)
    un = unmatched_new
    if not uo and not un:
        return []

    def affirmed(items: list[_Neg], clauses: list[str], negs: list[_Neg]) -> list[_Neg]:
        """Items whose word still appears on the other side, outside a negation."""
        if not clauses or not items:
            return []
        counts = _stem_counts(clauses)
        counts.subtract(Counter(x.stem for x in negs))
        return [x for x in items if counts[x.stem] > 0]

    removed = affirmed(uo, new_clauses, new_negs)
    added = affirmed(un, old_clauses, old_negs)
    rest_o = [x for x in uo if x not in removed]
    rest_n = [x for x in un if x not in added]
    # What remains pairs off as rewording ("will not sell" -> "will never be sold"); the excess
    # on one side is a negation that really came or went.
    if len(rest_o) > len(rest_n):
        removed += rest_o[len(rest_n) :]
    elif len(rest_n) > len(rest_o):
        added += rest_n[len(rest_o) :]
    return [NegationChange("removed", x.phrase) for x in removed] + [
        NegationChange("added", x.phrase) for x in added
    ]


# --- modality ----------------------------------------------------------------------------------

_STRONG = {"will", "shall", "must", "required to", "obligated to", "agree to", "commit to", "undertake to"}
_MODAL_RE = re.compile(
    r"\b(?P<m>will|shall|must|may|might|can|could|(?:is|are|am|be) (?:required|obligated) to|(?:agree|commit|undertake)s? to)\b"
    r"(?P<rest>(?:\s+(?:not|never|also|only|still|then|now|always|generally|be|been|have|need to|continue to|to))*)"
    r"(?:\s+(?P<head>[a-z][a-z'-]*))?"
)
_NOT_MODAL_BEFORE = {
    "will": {"at", "your", "free", "own", "good", "ill"},
    "may": {"in", "of", "since", "until", "during", "early", "late", "mid", "from"},
    "can": {"a", "the", "tin", "trash", "garbage"},
}
_DISCRETION_RE = re.compile(
    r"\b(?:at|in) (?:our|its|their|the company's|[a-z]+'s) (?:(?:sole|absolute|complete|own|exclusive|reasonable)"
    r"(?: and (?:sole|absolute|complete|exclusive))? )?discretion\b"
)
_RESERVE_RE = re.compile(r"\breserves? (?:the|our|its|their) right\b")


@dataclass(slots=True)
class _Modal:
    word: str
    strong: bool
    head: str


def _modals(clause: str) -> list[_Modal]:
    out: list[_Modal] = []
    for m in _MODAL_RE.finditer(clause):
        word = m.group("m")
        key = (
            word.split(" ", 1)[-1]
            if " " in word and word.split(" ", 1)[0] in ("is", "are", "am", "be")
            else word
        )
        if key.endswith("s to"):
            key = key[:-4] + " to"
        before = clause[max(0, m.start() - 12) : m.start()].split()
        if before and before[-1] in _NOT_MODAL_BEFORE.get(key, ()):
            continue
        if key == "may" and re.match(r"\s*\d", clause[m.end("m") :]):
            continue
        head = m.group("head") or ""
        out.append(_Modal(key, key in _STRONG, stem(head)))
    return out


def _modality_shifts(old_clause: str, new_clause: str) -> list[ModalityShift]:
    mo, mn = _modals(old_clause), _modals(new_clause)
    if not mo or not mn:
        return []
    for same in (
        lambda a, b: a.word == b.word and a.head == b.head,
        lambda a, b: a.strong == b.strong and a.head == b.head,
    ):
        for a in list(mo):
            b = next((x for x in mn if same(a, x)), None)
            if b is not None:
                mo.remove(a)
                mn.remove(b)
    pairs: list[tuple[_Modal, _Modal]] = []
    for a in list(mo):
        b = next((x for x in mn if x.head and x.head == a.head), None)
        if b is not None:
            pairs.append((a, b))
            mo.remove(a)
            mn.remove(b)
    pairs += list(zip(mo, mn))
    return [
        ModalityShift(a.word, b.word, "weaker" if a.strong else "stronger")
        for a, b in pairs
        if a.strong != b.strong
    ]


# --- enumerations ------------------------------------------------------------------------------

_LIST_TOKEN = re.compile(r"[a-z0-9][a-z0-9'&/-]*|[,()]")
_CONJ = {"and", "or", "and/or"}
_BOUNDARY = frozenset(
    "with to for from by about under through that which who whom whose when where if unless as such like "
    "including include includes included is are was were be been being will may can could might must shall "
    "should would we you us they it he she in on at into upon without within after before during because so "
    "than then also e.g i.e etc not do does did has have had share shares disclose collect use".split()
)
_DETERMINERS = frozenset(
    "the a an your our their its his her any other all such certain some these those this that".split()
)
_MAX_ITEM = 5
_OBJECT_PRONOUNS = frozenset({"it", "them", "us", "you", "him", "her"})


@dataclass(slots=True)
class _List:
    items: list[str]  # display form (determiners stripped)
    keys: list[tuple[str, ...]]  # stemmed words per item
    context: str


def _item(words: list[str]) -> tuple[str, tuple[str, ...]] | None:
    while words and words[0] in _DETERMINERS:
        words = words[1:]
    if not words:
        return None
    # compare on content words: "our customer care team" ~ "customer care team"; numbers are
    # reported as number changes, not as list items
    key = tuple(stem(w) for w in words if not w[0].isdigit() and w not in _DETERMINERS) or tuple(words)
    return " ".join(words), key


def _segments(clause: str) -> tuple[list[list[str]], list[str]]:
    """Word runs of a clause and the separator after each (',', 'conj' or '|' for brackets)."""
    segs: list[list[str]] = [[]]
    seps: list[str] = []
    for t in _LIST_TOKEN.findall(clause):
        if t == "," or t in _CONJ:
            if seps and seps[-1] == "," and t in _CONJ and not segs[-1]:
                seps[-1] = "conj"  # ", and"
                continue
            seps.append("," if t == "," else "conj")
            segs.append([])
        elif t in "()":
            seps.append("|")
            segs.append([])
        else:
            segs[-1].append(t)
    return segs, seps


def _tail(words: list[str], bound: int) -> list[str]:
    """The last words of a run, stopping at a boundary word (at most *bound* words)."""
    out: list[str] = []
    for w in reversed(words):
        if w in _BOUNDARY or len(out) == bound:
            break
        out.insert(0, w)
    return out


def _lists(clause: str) -> list[_List]:
    """Enumerations "a, b and c" / "a or b" in a clause."""
    if " and " not in clause and " or " not in clause and "and/or" not in clause:
        return []
    segs, seps = _segments(clause)
    out: list[_List] = []
    i, n = 0, len(seps)
    while i < n:
        # a run of ',' separators ending in a conjunction: items segs[i] .. segs[j + 1]
        j = i
        while j < n and seps[j] == ",":
            j += 1
        if j >= n or seps[j] != "conj":
            i = j + 1
            continue
        start = i
        for k in range(j, i, -1):  # a boundary word inside a middle segment starts the list there
            if any(w in _BOUNDARY for w in segs[k]):
                start = k
                break
        inner = segs[start + 1 : j + 1]
        last: list[str] = []
        tail = segs[j + 1]
        for w in tail:
            if w in _BOUNDARY or len(last) == _MAX_ITEM:
                break
            last.append(w)
        after = tail[len(last)] if len(tail) > len(last) else ""
        if not last or after in _OBJECT_PRONOUNS or any(not s or len(s) > _MAX_ITEM for s in inner):
            # "... and encrypt it": verbs joined by "and", not a list of things
            i = j + 1
            continue
        bound = max(1, min(_MAX_ITEM, max(len(s) for s in [*inner, last])))
        first = _tail(segs[start], bound)
        if first:
            context = " ".join(segs[start][: len(segs[start]) - len(first)][-5:])
            good = [x for x in (_item(list(w)) for w in [first, *inner, last]) if x is not None]
            if len(good) >= 2:
                out.append(_List([x[0] for x in good], [x[1] for x in good], context))
        i = j + 1
    return out


def _same_item(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Equal items, or one a word-level prefix/suffix of the other (item boundaries are fuzzy)."""
    if a == b:
        return True
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return bool(short) and (long_[-len(short) :] == short or long_[: len(short)] == short)


def _contains(words: tuple[str, ...], key: tuple[str, ...]) -> bool:
    k = len(key)
    return any(words[i : i + k] == key for i in range(len(words) - k + 1))


def _clause_stems(clause: str) -> tuple[str, ...]:
    return tuple(stem(w) for w in _WORD.findall(clause) if not w[0].isdigit())


def _enumeration_changes(old_clause: str, new_clause: str) -> list[EnumerationChange]:
    lo, ln = _lists(old_clause), _lists(new_clause)
    if not lo and not ln:
        return []
    old_words, new_words = _clause_stems(old_clause), _clause_stems(new_clause)
    out: list[EnumerationChange] = []
    used: set[int] = set()
    for nl in ln:
        best, best_score = None, (0, 0)
        for k, ol in enumerate(lo):
            if k in used:
                continue
            exact = len(set(nl.keys) & set(ol.keys))
            fuzzy = sum(1 for a in nl.keys if any(_same_item(a, b) for b in ol.keys))
            if (exact, fuzzy) > best_score:
                best, best_score = k, (exact, fuzzy)
        if best is not None:
            used.add(best)
            ol = lo[best]
            added = [
                t
                for t, a in zip(nl.items, nl.keys)
                if not any(_same_item(a, b) for b in ol.keys) and not _contains(old_words, a)
            ]
            removed = [
                t
                for t, b in zip(ol.items, ol.keys)
                if not any(_same_item(b, a) for a in nl.keys) and not _contains(new_words, b)
            ]
        else:  # "share with affiliates" -> "share with affiliates and advertisers"
            kept = [_contains(old_words, a) for a in nl.keys]
            if not any(kept):
                continue
            added = [t for t, k in zip(nl.items, kept) if not k]
            removed = []
        if added or removed:
            out.append(EnumerationChange(added, removed, nl.context))
    for k, ol in enumerate(lo):  # "affiliates and advertisers" -> "affiliates"
        if k in used:
            continue
        kept = [_contains(new_words, b) for b in ol.keys]
        if any(kept) and not all(kept):
            out.append(EnumerationChange([], [t for t, k2 in zip(ol.items, kept) if not k2], ol.context))
    return out


# --- pairing changed clauses -------------------------------------------------------------------

_PAIR_LIMIT = 40_000  # above this many candidate comparisons, only compare nearby clauses
_WINDOW = 25


def _changed(old: list[str], new: list[str]) -> tuple[list[str], list[str]]:
    """Clauses of each side that the other side lacks (multiset difference on word keys)."""
    if not old or not new:  # nothing to cancel against: every clause is changed
        return list(old), list(new)
    okeys = [" ".join(_WORD.findall(c)) for c in old]
    nkeys = [" ".join(_WORD.findall(c)) for c in new]
    pool = Counter(nkeys)
    pool.subtract(Counter(okeys))
    # keys still positive in pool exist more often in new; negative ones more often in old
    need_new = {k: v for k, v in pool.items() if v > 0}
    need_old = {k: -v for k, v in pool.items() if v < 0}
    out_old: list[str] = []
    for c, k in zip(old, okeys):
        if need_old.get(k, 0) > 0:
            need_old[k] -= 1
            out_old.append(c)
    out_new: list[str] = []
    for c, k in zip(new, nkeys):
        if need_new.get(k, 0) > 0:
            need_new[k] -= 1
            out_new.append(c)
    return out_old, out_new


def _pairs(old: list[str], new: list[str]) -> list[tuple[str, str]]:
    """Pair changed clauses by word overlap (greedy, best first)."""
    if not old or not new:
        return []
    osets = [set(_WORD.findall(c)) for c in old]
    nsets = [set(_WORD.findall(c)) for c in new]
    full = len(old) * len(new) <= _PAIR_LIMIT
    scored: list[tuple[float, int, int]] = []
    for i, a in enumerate(osets):
        if not a:
            continue
        if full:
            js: range = range(len(new))
        else:
            centre = int(i * len(new) / len(old))
            js = range(max(0, centre - _WINDOW), min(len(new), centre + _WINDOW + 1))
        for j in js:
            b = nsets[j]
            if not b:
                continue
            common = len(a & b)
            if not common:
                continue
            jac = common / (len(a) + len(b) - common)
            if jac >= 0.25 or common / min(len(a), len(b)) >= 0.6:
                scored.append((jac, i, j))
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_o: set[int] = set()
    used_n: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, i, j in scored:
        if i not in used_o and j not in used_n:
            used_o.add(i)
            used_n.add(j)
            pairs.append((i, j))
    pairs.sort()
    return [(old[i], new[j]) for i, j in pairs]


# --- the entry point ---------------------------------------------------------------------------


def _count(rx: re.Pattern[str], clauses: list[str], needle: str) -> tuple[int, str]:
    """Matches of *rx* (every one of which contains *needle*) in the clauses, and the first."""
    joined = "\x00".join(clauses)  # one pass; \x00 ends a clause
    if needle not in joined:  # a plain substring search rules most texts out
        return 0, ""
    found = [m.group(0) for m in rx.finditer(joined)]
    return len(found), (found[0] if found else "")


def compute_signals(old_text: str, new_text: str, changes: list[WordChange] | None = None) -> Signals:
    """Signals of the change from *old_text* to *new_text* ("" on the missing side of an added or
    removed hunk). *changes* (the hunk's inline word changes) is accepted for the diff engine's
    convenience; the clause comparison here does not need it."""
    old_c, new_c = canonical(old_text), canonical(new_text)
    old_parties, new_parties = _parties_canon(old_c), _parties_canon(new_c)
    sig = Signals(parties=new_parties + [p for p in old_parties if p not in new_parties])
    if old_c == new_c:
        return sig
    sig.parties_added = [p for p in new_parties if p not in old_parties]
    sig.parties_removed = [p for p in old_parties if p not in new_parties]

    old_changed, new_changed = _changed(split_clauses(old_c), split_clauses(new_c))
    if not old_changed and not new_changed:  # same clauses, reordered
        return sig
    sig.negation = _negation_changes(old_changed, new_changed)

    ro, _ = _count(_RESERVE_RE, old_changed, "reserve")
    rn, _ = _count(_RESERVE_RE, new_changed, "reserve")
    sig.reserve_right_added = rn > ro
    sig.reserve_right_removed = ro > rn
    do, phrase_o = _count(_DISCRETION_RE, old_changed, "discretion")
    dn, phrase_n = _count(_DISCRETION_RE, new_changed, "discretion")
    if dn > do:
        sig.modality.append(ModalityShift("", phrase_n, "weaker"))
    elif do > dn:
        sig.modality.append(ModalityShift(phrase_o, "", "stronger"))

    if old_c and new_c:
        sig.numbers = _number_changes(old_changed, new_changed)
        for a, b in _pairs(old_changed, new_changed):
            sig.modality.extend(_modality_shifts(a, b))
            sig.enumerations.extend(_enumeration_changes(a, b))
    sig.negation = _unique(sig.negation)
    sig.modality = _unique(sig.modality)
    sig.numbers = _unique(sig.numbers)
    sig.enumerations = _unique(sig.enumerations)
    return sig


def _unique(items: list) -> list:
    """Drop repeats (the same change stated several times in one hunk), keeping order."""
    seen: set[str] = set()
    out = []
    for x in items:
        key = repr(x)
        if key not in seen:
            seen.add(key)
            out.append(x)
    return out
