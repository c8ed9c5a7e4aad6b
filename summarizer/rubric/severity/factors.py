"""Finding the rubric's factors in a canonical text: each rule's regex runs only near its hints, a
match negated by the words before it is skipped (or fires its negated form), and sharing with a named
party is its own factor."""

from __future__ import annotations

from functools import lru_cache

from summarizer.diffing.signals import (
    PARTY_RE,
    canonical,
)
from summarizer.rubric.severity.factor_rules import DATA_OBJECT, RULES, SHARE_VERBS, Rule
from summarizer.rubric.severity.protective_bans import protective_ban
from summarizer.rubric.severity.redress import REDRESS, invoked_redress
from summarizer.rubric.severity.results import Factor
from summarizer.text.lazy_re import lazy

_NEGATORS = frozenset({"not", "never", "no", "nor", "neither"})
_CLAUSE_END = lazy(r"[.;!?]\s|\n")
USER_SUBJECT = lazy(r"\b(?:you|please)\b(?! (?:can|may|have) (?:the right|a right))")


_MARGIN = 160  # characters around a hint that a match can reach


def _spans(canon: str, hints: tuple[str, ...]) -> list[tuple[int, int]]:
    """Merged windows of the text around every occurrence of the hints."""
    at: list[int] = []
    for h in hints:
        i = canon.find(h)
        while i >= 0:
            at.append(i)
            i = canon.find(h, i + 1)
    if not at:
        return []
    if len(canon) <= 4 * _MARGIN:
        return [(0, len(canon))]
    at.sort()
    out: list[tuple[int, int]] = []
    for p in at:
        start, end = max(0, p - _MARGIN), min(len(canon), p + _MARGIN)
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


DATA_OBJECT_RE = lazy(DATA_OBJECT)
_SHARE_RE = lazy(rf"\b(?:{SHARE_VERBS})\b")
FLOW_RE = lazy(rf"\b(?:{SHARE_VERBS}|sell|sells|selling|sold|rent|rents|rented|trade|trades|traded)\b")
NEG_WORDS = lazy(r"\b(?:not|never|no|nor|neither)\b")


def words_before(canon: str, start: int) -> str:
    """The words before *start* in the same clause (at most 60 characters)."""
    w = canon[max(0, start - 60) : start]
    cut = None
    for m in _CLAUSE_END.finditer(w):
        cut = m.end()
    return w[cut:] if cut is not None else w


def _imperative(window: str, match: str) -> bool:
    """The match opens its clause with "do not" or "never": a rule addressed to the reader ("Do not
    post or share content involving minors"), not the company's promise ("we do not share")."""
    return not window.strip(" *-•>#_()[]0123456789") and match.startswith(("do not ", "don't ", "never "))


def _negated(window: str, words: int = 4) -> bool:
    return any(x in _NEGATORS for x in window.split()[-words:])


def _trim(quote: str, limit: int = 70) -> str:
    quote = quote.strip(" ,;:.")
    if len(quote) <= limit:
        return quote
    return quote[:limit].rsplit(" ", 1)[0] + "…"


def text_factors(category: str, text: str) -> list[Factor]:
    """The rubric factors *text* contains (each key once, first occurrence quoted)."""
    canon = canonical(text)
    return factors_canon(category, canon)


def factors_canon(category: str, canon: str) -> list[Factor]:
    return list(_factors_cached(category, canon))


@lru_cache(maxsize=512)
def _factors_cached(category: str, canon: str) -> tuple[Factor, ...]:
    found: dict[str, Factor] = {}
    if not canon:
        return ()
    for rule in RULES:
        if rule.categories is not None and category not in rule.categories:
            continue
        for m in rule_matches(rule, canon):
            if rule.protective_ban and protective_ban(canon, m.start(), m.end()):
                continue  # a ban that protects children is a rule of conduct, not a data practice
            if rule.key == "arbitration" and invoked_redress(canon, m.start(), m.end()):
                found.setdefault(REDRESS.key, REDRESS)  # arbitration the individual may invoke is a right
                continue
            window = words_before(canon, m.start())
            if rule.not_user and (USER_SUBJECT.search(window[-30:]) or _imperative(window, m.group(0))):
                continue
            if rule.guard and _negated(window, rule.negation_words):
                if rule.if_negated and rule.if_negated[0] not in found:
                    key, weight, label = rule.if_negated
                    neg_words = window.split()[-rule.negation_words :]
                    at = max(i for i, w in enumerate(neg_words) if w in _NEGATORS)
                    quote = " ".join(neg_words[max(0, at - 1) :] + [m.group(0)])
                    found[key] = Factor(key, weight, label, _trim(quote))
                continue
            if rule.key not in found:
                lead = " ".join(window.rsplit(",", 1)[-1].split()[-rule.lead :]) if rule.lead else ""
                found[rule.key] = Factor(rule.key, rule.weight, rule.label, _trim(f"{lead} {m.group(0)}"))
            break
    share = _sharing_factor(canon)
    if share is not None:
        found[share.key] = share
    return tuple(found.values())


def rule_matches(rule: Rule, canon: str):  # -> Iterator[re.Match[str]]
    for start, end in _spans(canon, rule.hints):
        yield from rule.pattern.finditer(canon, start, end)


def _sharing_factor(canon: str) -> Factor | None:
    """'may share ... with partners': a sharing verb, not negated, with a party later in its clause."""
    for m in _SHARE_RE.finditer(canon):
        stops = (canon.find(".", m.end()), canon.find(";", m.end()), canon.find("\n", m.end()))
        stop = min(x for x in (*stops, m.end() + 200, len(canon)) if x >= 0)
        party = PARTY_RE.search(canon, m.end(), stop)
        if party is None:
            continue
        window = words_before(canon, m.start())
        if _negated(window) or NEG_WORDS.search(canon, m.end(), party.start()):
            continue
        return Factor(
            "share_parties", 1, "sharing with other parties", _trim(canon[m.start() : party.end()], 90)
        )
    return None
