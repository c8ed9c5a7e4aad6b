"""Numbers with units (periods, ages, amounts, percentages) and which of them changed."""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.model.diff import (
    NumberChange,
)
from summarizer.text.lazy_re import lazy

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
_NUMBER_RE = lazy(
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


_TIMESTAMP = lazy(r"\d{4}-\d{2}-\d{2}[t ]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:z|[+-]\d{2}:?\d{2})?", re.I)
_MAYBE_NUMBER = lazy(rf"\d|\b(?:{_NW})\b")
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


def number_changes(old_clauses: list[str], new_clauses: list[str]) -> list[NumberChange]:
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
