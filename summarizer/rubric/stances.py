"""Stances a provision takes, read from its passages: a number (retention period, minimum age, notice
before changes, liability cap) or a recognised practice (sells data, trains AI on user content,
requires arbitration, waives class actions, allows opt-out).

Pure, explainable patterns over one passage at a time; every finding keeps the sentence it came from
so the figures built on it can be backed by excerpts. Negated practices ("we do not sell your
personal information") are findings too, with ``value=False``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.text.extract import sentences


@dataclass(frozen=True, slots=True)
class StanceKind:
    id: str
    label: str  # "retention period"
    kind: str  # "number" | "practice"
    unit: str = ""  # days | years | USD


@dataclass(frozen=True, slots=True)
class Finding:
    """One stance stated by one sentence: a number (in the kind's unit) or a practice (True/False)."""

    kind: str
    value: float | bool
    shown: str  # the number as written ("30 days", "$100"), or "states"/"denies"
    sentence: str


KINDS: dict[str, StanceKind] = {
    k.id: k
    for k in (
        StanceKind("retention_period", "retention period", "number", "days"),
        StanceKind("minimum_age", "minimum age", "number", "years"),
        StanceKind("notice_period", "notice before changes", "number", "days"),
        StanceKind("liability_cap", "liability cap", "number", "USD"),
        StanceKind("sells_data", "sells personal data", "practice"),
        StanceKind("trains_ai", "trains AI on user content", "practice"),
        StanceKind("requires_arbitration", "requires arbitration", "practice"),
        StanceKind("waives_class_actions", "waives class actions", "practice"),
        StanceKind("allows_opt_out", "allows opt-out", "practice"),
    )
}

#: Which stances are read for a provision of each category.
BY_CATEGORY: dict[str, tuple[str, ...]] = {
    "data_retention": ("retention_period",),
    "children_audiences": ("minimum_age",),
    "policy_change_notice": ("notice_period",),
    "liability_warranty_payment": ("liability_cap",),
    "sale_targeted_ads": ("sells_data", "allows_opt_out"),
    "third_party_sharing": ("sells_data",),
    "ai_training": ("trains_ai",),
    "data_use_purpose": ("trains_ai",),
    "dispute_resolution": ("requires_arbitration", "waives_class_actions"),
    "choice_consent": ("allows_opt_out",),
    "tracking_tech": ("allows_opt_out",),
}

_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "eighteen": 18, "twenty": 20, "thirty": 30, "sixty": 60, "ninety": 90,
}  # fmt: skip
_NUM = r"(\d{1,4}|" + "|".join(_NUMBERS) + r")"
_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
_PERIOD = re.compile(
    _NUM + r"(?:\s*\(\d+\))?[\s-]+(?:calendar\s+|business\s+)?(day|week|month|year)s?\b", re.I
)
_RETAIN = re.compile(
    r"\b(retain|retention|keep|kept|store|stored|delete|deleted|deletion|erase|anonymi[sz]|purge|hold|held)",
    re.I,
)
_NOTICE = re.compile(r"\b(notice|notif|inform|advance|prior|before)", re.I)
_CHANGE = re.compile(r"\b(change|modif|amend|update|revis)", re.I)
_AGE = re.compile(
    r"(?:under|below|younger than|at least|over|older than|minimum age of|age of|aged)\s+(?:the\s+age\s+of\s+)?(\d{1,2})\b"
    r"|\b(\d{1,2})\s+years?\s+(?:of\s+age|old|or\s+older)",
    re.I,
)
_MONEY = re.compile(
    r"(?:US\s?\$|\$|USD\s?)\s?(\d[\d,]*(?:\.\d\d)?)|(\d[\d,]*)\s?(?:US dollars|dollars|USD)\b", re.I
)
_LIABLE = re.compile(r"\bliab", re.I)
#: A sentence that names selling without saying the service sells personal data: a merger or sale of
#: the business, products or items sold, what users may not sell, the law's rights and links
#: ("right to opt out of the sale", "Do Not Sell My Personal Information"), "whether we sell".
_NOT_SELLING = re.compile(
    r"\b(merger|acquisition|acquired|bankruptcy|reorgani[sz]ation|change\s+(of|in)\s+(control|ownership))\b"
    r"|\bsale\s+of\s+(all\s+|some\s+|part\s+|a\s+portion\s+|substantially\s+)?(of\s+)?(our\s+|the\s+|its\s+|a\s+)?"
    r"(business|assets|company|products?|goods|items?)\b|\bsale\s+and\s+purchase\b|\bpurchase[\s-]+sale\b"
    r"|\bsuch\s+(a\s+)?sale\b|\btransferee\b"
    r"|\bsells?\s+(PMI\s+|our\s+|your\s+)?(products?|items?|goods|devices|them)\b"
    r"|\b(items?|products?|goods|merchandise)\s+(is\s+|was\s+|are\s+|were\s+)?(sold|for\s+sale)\b"
    r"|\bdisclos(e|ure)\s+(of\s+)?(to\s+you\s+)?(what|which|the\s+categories|the\s+identity)\b"
    r"|\b(you|users?|those|sellers?)\s+(are\s+)?selling\b|\bselling\s+on\b"
    r"|\byou\b[^.]{0,60}\b(not|never)\b[^.]{0,120}\b(sell|resell)\b"
    r"|\brights?\b[^.]{0,400}\b(sale|sell|sold|selling)\b|\bopt(ed|ing|s)?[\s-]?outs?\b|\bdo\s+not\s+sell\s+(or\s+share\s+)?my\b"
    r"|\b(whether|if|where)\b[^.,;]{0,40}\b(sell|sells|selling|sold)\b|\bbuy\w*,?\s+(or\s+)?sell"
    r"|\bdefines\b|\bdefined\s+(as|in|by|under)\b|\bmeans\b|\bmeanings?\b|\btax(es)?\b"
    r"|\bpurposes?\s+for\s+(collecting\s+(or|and)\s+)?selling\b",
    re.I,
)
#: A list's lead-in that negates every item ("Windstream does not:"), read from the section title.
_NEGATED_LEAD = re.compile(r"\b(not|never)\s*:?\s*$", re.I)
_NEGATION = re.compile(r"\b(not|never|no|neither|nor|prohibit\w*)\b|n[’']t\b", re.I)

_PRACTICES: dict[str, tuple[re.Pattern[str], bool]] = {
    # pattern, whether a negation in the sentence turns it into a denial
    # selling *personal data*: a form of "sell" near data/information (either order); a sale of the
    # business, a user's own sales, rights boilerplate and "whether we sell" are set aside (_NOT_SELLING)
    # selling *personal data*: "sell/sold" near data or information (either order), "sale of ...
    # data", or the CCPA's quoted "sale"; a sale of the business, goods sold, users' own selling,
    # rights boilerplate, the law's definitions and "whether we sell" are set aside (_NOT_SELLING)
    "sells_data": (
        re.compile(
            r"\b(sell|sells|selling|sold)\b[\"'’”]?[^.;]{0,80}?\b(data|information|PII)\b"
            r"|\b(data|information|PII)\b[^.;]{0,60}?\b(sell|sold)\b"
            r"|\bsale\b[\"'’”]?[^.;]{0,100}?\b(data|information|PII)\b"
            r"|[\"'‘“]sale[\"'’”][^.;]{0,80}?\b(data|information|PII)\b"
            r"|\b(data|information|PII)\b[^.;]{0,60}?[\"'‘“]sale[\"'’”]",
            re.I,
        ),
        True,
    ),
    "trains_ai": (
        re.compile(
            r"\b(train|training|improve|develop)\b[^.]{0,80}\b(models?|artificial intelligence|AI|machine learning)\b"
            r"|\b(models?|artificial intelligence|AI|machine learning)\b[^.]{0,60}\b(train|trained|training)\b",
            re.I,
        ),
        True,
    ),
    "requires_arbitration": (
        re.compile(r"\bbinding\s+(individual\s+)?arbitration|\bresolved\s+(exclusively\s+)?(by|through)\s+(final\s+and\s+binding\s+)?arbitration|\bagree\s+to\s+arbitrate|\bsubmitted\s+to\s+(final\s+and\s+binding\s+)?arbitration", re.I),
        False,
    ),
    "waives_class_actions": (
        re.compile(r"class[\s-]action\s+waiver|waive[^.]{0,80}class|class[^.]{0,80}waive|not\s+as\s+a\s+plaintiff\s+or\s+class\s+member|only\s+on\s+an\s+individual\s+basis\s+and\s+not|(won't|will\s+not|not)\s+(commence|bring|participate)[^.]{0,60}class\s+(action|arbitration)", re.I),
        False,
    ),
    "allows_opt_out": (re.compile(r"\bopt(ing)?[\s-]?out\b|\bunsubscribe\b", re.I), False),
}  # fmt: skip


_PREFILTER: dict[str, re.Pattern[str]] = {
    "retention_period": _PERIOD,
    "notice_period": _PERIOD,
    "minimum_age": _AGE,
    "liability_cap": _MONEY,
    **{k: pattern for k, (pattern, _) in _PRACTICES.items()},
}


def _number(token: str) -> int:
    return int(token) if token.isdigit() else _NUMBERS[token.lower()]


def _numbers(kind: str, sentence: str) -> list[tuple[float, str]]:
    if kind in ("retention_period", "notice_period"):
        if kind == "retention_period" and not _RETAIN.search(sentence):
            return []
        if kind == "notice_period" and not (_NOTICE.search(sentence) and _CHANGE.search(sentence)):
            return []
        out = []
        for m in _PERIOD.finditer(sentence):
            n = _number(m.group(1))
            if n > 0:
                out.append((float(n * _DAYS[m.group(2).lower()]), m.group(0)))
        return out
    if kind == "minimum_age":
        out = []
        for m in _AGE.finditer(sentence):
            n = int(m.group(1) or m.group(2))
            if 10 <= n <= 21:
                out.append((float(n), f"{n} years"))
        return out
    if kind == "liability_cap":
        if not _LIABLE.search(sentence):
            return []
        out = []
        for m in _MONEY.finditer(sentence):
            raw = (m.group(1) or m.group(2)).replace(",", "")
            out.append((float(raw), m.group(0).strip()))
        return out
    return []


def findings(kind: str, text: str, heading: str = "") -> list[Finding]:
    """Every statement of stance *kind* in a passage, in order (one per number, or per sentence).
    *heading* is the passage's section title: a negated lead-in ("We do not:") negates a practice."""
    out: list[Finding] = []
    if not _PREFILTER[kind].search(text):  # most passages: one regex, no sentence split
        return out
    for span in sentences(text):
        s = span.text
        if KINDS[kind].kind == "number":
            out.extend(Finding(kind, v, shown, s) for v, shown in _numbers(kind, s))
            continue
        pattern, negatable = _PRACTICES[kind]
        if pattern.search(s) and not (kind == "sells_data" and _NOT_SELLING.search(s)):
            denied = negatable and bool(_NEGATION.search(s) or _NEGATED_LEAD.search(heading))
            out.append(Finding(kind, not denied, "denies" if denied else "states", s))
    return out


def stance(kind: str, texts: list[str], heading: str = "") -> Finding | None:
    """The stance a provision takes, from its passages in order of relevance: the first number found;
    for a practice, a statement of it wins over a denial (a policy may deny selling to one party and
    admit it to another)."""
    found = [f for t in texts for f in findings(kind, t, heading)]
    if not found:
        return None
    if KINDS[kind].kind == "practice":
        return next((f for f in found if f.value is True), found[0])
    return found[0]


def fmt_value(kind: str, value: float) -> str:
    """A number in words a reader expects: '90 days', '2 years', '13 years', '$100'."""
    unit = KINDS[kind].unit
    if unit == "USD":
        return f"${value:,.0f}"
    if unit == "years":
        return f"{value:g} years"
    if value >= 365 and value % 365 == 0:
        n = int(value // 365)
        return f"{n} year" + ("s" if n > 1 else "")
    if value >= 30 and value % 30 == 0 and value < 365:
        n = int(value // 30)
        return f"{n} month" + ("s" if n > 1 else "")
    return f"{value:g} day" + ("s" if value != 1 else "")
