"""The severity rubric, in code (the prose version is docs/severity.md).

A provision's text is rated from its category's tendency (:mod:`summarizer.model.taxonomy`), moved by
the *factors* it contains: permissions and hedges push up ("may sell", "for any purpose",
"without notice", "perpetual, irrevocable", "class action"), protections push down ("we do not
sell", "you can opt out", "30 days' notice", "encrypt", "only with your consent").

A change is assessed by comparing the two texts: factors that appeared or disappeared, plus the
hunk signals (:mod:`summarizer.diffing.signals`: "will" became "may", negations, parties, list items,
numbers). Their weights add up to a direction; the reason quotes the words that changed.

``direction`` says what the change means *for the user*: "up" = worse (more permitted, less
protected), "down" = better, "same" = no change in what the text permits or protects. For an
edited provision it always agrees with before/after (a change that makes the text worse moves
the level at least one step, unless it is already at the top or bottom). For a provision that was
added (before = none) or removed (after = none) the levels alone would mislead, so direction
follows the content: a removed protection is "up" (worse for the user) although after is none.

Everything is deterministic: the same texts always give the same assessment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from summarizer.diffing.signals import (
    PARTY_RE,
    canonical,
    compute_signals,
    find_numbers,
    party_name,
    split_clauses,
    stem,
)
from summarizer.model.diff import NumberChange, Signals
from summarizer.model.taxonomy import CATEGORIES, Severity

__all__ = [
    "Assessment",
    "Factor",
    "rate_text",
    "text_factors",
    "assess_change",
    "overall_severity",
    "change_severity",
    "shift_phrase",
]

Direction = Literal["up", "down", "same", "unclear"]
Confidence = Literal["high", "medium", "low"]


@dataclass
class Assessment:
    """How one provision (a category within the document) changed."""

    category: str
    before: Severity  # none when the provision was absent in the old text
    after: Severity  # none when it was removed
    direction: Direction  # for the user: up = worse, down = better (see the module docstring)
    reason: str  # one line, e.g. "medium → high: 'will not sell' was removed"
    factors: list[str] = field(default_factory=list)  # rubric factors that fired, with weights
    #: how sure the direction is (issue 12): high = evidence one way only; medium = one way
    #: outweighs the other clearly; low = no evidence or conflicting evidence (direction unclear)
    confidence: Confidence = "high"
    evidence: list[str] = field(default_factory=list)  # the words behind the direction, signed


@dataclass(frozen=True, slots=True)
class Factor:
    """One rubric factor found in a text."""

    key: str
    weight: int  # > 0 pushes severity up (a permission or hedge), < 0 down (a protection)
    label: str  # a noun phrase: "an opt-out", "a promise not to sell"
    quote: str  # the words that fired it

    def __str__(self) -> str:
        return f"{self.weight:+d} {self.label}: '{self.quote}'"


# --- the factors -------------------------------------------------------------------------------

_NEGATORS = frozenset({"not", "never", "no", "nor", "neither"})
_CLAUSE_END = re.compile(r"[.;!?]\s|\n")
_USER_SUBJECT = re.compile(r"\b(?:you|please)\b(?! (?:can|may|have) (?:the right|a right))")


@dataclass(frozen=True, slots=True)
class _Rule:
    key: str
    weight: int
    label: str
    pattern: re.Pattern[str]
    guard: bool = True  # skip a match negated by the preceding words ("do not sell")
    if_negated: tuple[str, int, str] | None = None  # fire this (key, weight, label) instead
    not_user: bool = False  # skip when the user is the subject ("you may not use ...")
    lead: int = 0  # words before the match to include in the quote
    categories: frozenset[str] | None = None  # only rate these categories
    hints: tuple[str, ...] = ()  # every match contains one of these: the regex runs only near them


def _r(key: str, weight: int, label: str, pattern: str, **kw: object) -> _Rule:
    return _Rule(key, weight, label, re.compile(pattern), hints=_HINTS[key], **kw)  # type: ignore[arg-type]


# Literal fragments, one of which every match of a rule contains. Scanning a long text with ~40
# regexes is slow; finding these with str.find is not, so each regex only runs around them.
_HINTS: dict[str, tuple[str, ...]] = {
    "sale": ("sell", "sold", "rent", "sale"),
    "any_purpose": ("for any", "any purpose", "whatever purpose"),
    "without_notice": ("without",),
    "without_consent": ("without",),
    "without_legal_process": ("without",),
    "reserve_right": ("reserve",),
    "discretion": ("discretion",),
    "at_any_time": ("at any time",),
    "perpetual": ("perpetual", "irrevocable"),
    "broad_licence": ("licens", "royalty", "transferable"),
    "waiver": ("waiv",),
    "class_action": ("class", "representative", "individual basis"),
    "arbitration": ("arbitrat",),
    "consent_by_use": ("continu", "by using", "by accessing", "deemed"),
    "targeted_ads": ("ads", "advertis", "marketing"),
    "open_retention": ("indefinitely", "as long as", "until"),
    "ai_training": ("train",),
    "sensitive": ("location", "biometric", "health", "genetic", "sexual", "racial", "religious", "financial"),
    "children": ("child", "minor", "kid", "teen", "under"),
    "no_refund": ("refund",),
    "no_tracking": ("track", "monitor"),
    "user_obligation": (
        "indemnif",
        "harmless",
        "whole",
        "reimburse",
        "charge",
        "debit",
        "any and all amounts",
    ),
    "auto_renew": ("renew",),
    "liability_shield": (
        "as is",
        "as available",
        "in no event",
        "liable",
        "responsible",
        "indemnif",
        "harmless",
    ),
    "no_sale": ("sell", "rent", "trade"),
    "no_share": ("not ", "never "),
    "no_data_use": ("not ", "never "),
    "consent_required": ("consent", "permission", "opt in", "opt-in", "agree"),
    "opt_out": ("opt", "unsubscrib", "withdraw", "you can", "you may", "right to"),
    "user_right": ("right", "you can", "you may", "entitled"),
    "notice": ("notif", "inform", "tell", "alert", "email", "e-mail", "notice", "advance"),
    "safeguards": (
        "encrypt",
        "standard",
        "safeguard",
        "pseudonym",
        "anonym",
        "identif",
        "two-factor",
        "breach",
    ),
    "deletion": ("delet", "eras", "destroy", "anonym", "identif"),
    "retention_limit": ("retain", "keep", "store", "hold"),
    "limited_purpose": ("only", "solely", "strictly"),
    "legal_process": ("subpoena", "warrant", "court order", "legal process"),
    "gpc": ("do not track", "global privacy", "gpc", "preference signal"),
    "refund": ("refund",),
}
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


_DATA_VERBS = (
    r"collect|collects|collected|collecting|use|uses|used|using|track|tracks|tracked|tracking|store|stores"
    r"|stored|storing|retain|retains|retained|keep|keeps|kept|combine|combines|combined|access|monitor"
    r"|monitors|read|scan|scans|profile|process|processes|processed|train|record|records|analy[sz]e|link|match"
)
_SHARE_VERBS = (
    r"share|shares|shared|sharing|disclose|discloses|disclosed|disclosing|transfer|transfers|transferred"
    r"|transferring|provide|provides|provided|providing|make available|made available|release|releases"
    r"|released|pass on|passes on|passed on"
)
# what follows a promise not to share/use for it to be about data, not about warranties or the service
_DATA_OBJECT = (
    r"(?=[^.;\n]{0,80}?\b(?:data|information|details|content|messages|communications|contacts|location"
    r"|cookies|it|them|third|partners?|affiliates|advertisers|anyone|others|profiles?)\b)"
)

_RULES: tuple[_Rule, ...] = (
    # -- permissions and hedges (push up)
    _r(
        "sale",
        2,
        "permission to sell data",
        r"\b(?:sell|sells|selling|sold|rent|rents|renting|rented)\b(?=[^.;\n]{0,60}?\b(?:data|information|details|it|them|lists?)\b)"
        r"|(?<!opt out of )(?<!opt out of the )(?<!opt-out of )(?<!opt-out of the )"
        r"\bsale of (?:your |the )?(?:personal )?(?:data|information)\b",
        lead=1,
    ),
    _r(
        "any_purpose",
        2,
        "an open-ended purpose",
        r"\bfor any (?:other |lawful |business )?(?:purpose|reason)s?\b|\bany purpose whatsoever\b|\bfor whatever purposes?\b",
    ),
    _r(
        "without_notice",
        2,
        "action without notice",
        r"\bwithout (?:any |prior |advance |further |giving )*(?:notice|notification|notifying you|informing you|warning)\b",
        if_negated=("notice", -1, "the advance notice"),
    ),
    _r(
        "without_consent",
        1,
        "action without consent",
        r"\bwithout (?:your |prior |express |explicit |parental |verifiable )*(?:consent|permission|authori[sz]ation)\b",
        if_negated=("consent_required", -1, "the consent requirement"),
    ),
    _r(
        "without_legal_process",
        1,
        "disclosure without legal process",
        r"\bwithout (?:a |an )?(?:warrant|subpoena|court order)\b",
    ),
    _r("reserve_right", 1, "a reserved right", r"\breserves? (?:the|our|its|their) right\b"),
    _r(
        "discretion",
        1,
        "sole discretion",
        r"\b(?:at|in) (?:our|its|their|the company's|[a-z]+'s) (?:(?:sole|absolute|complete|own|exclusive)"
        r"(?: and (?:sole|absolute|complete|exclusive))? )?discretion\b",
    ),
    _r(
        "at_any_time",
        1,
        "changes at any time",
        r"\b(?:change|modify|amend|update|revise|suspend|terminate|discontinue|cancel|remove|disable|restrict)\w*\b"
        r"[^.;\n]{0,80}?\bat any time\b",
        not_user=True,
    ),
    _r("perpetual", 2, "a perpetual or irrevocable licence", r"\b(?:perpetual|irrevocable)\b"),
    _r(
        "broad_licence",
        1,
        "a broad licence",
        r"\bsub-?licens\w*|\broyalty[- ]free\b|(?<!non-)(?<!non)\btransferable\b",
    ),
    _r("waiver", 2, "a waiver of rights", r"\bwaive[sd]?\b|\bwaiving\b|\bwaiver of\b"),
    _r(
        "class_action",
        2,
        "a class-action waiver",
        r"\bclass[- ]actions?\b|\bclass[- ]wide\b|\brepresentative (?:action|proceeding)s?\b|\bon an individual basis\b",
        guard=False,
    ),
    _r("arbitration", 1, "binding arbitration", r"\barbitrat(?:ion|e|or|ed)\b"),
    _r(
        "consent_by_use",
        1,
        "consent by continued use",
        r"\b(?:continu(?:e|ed|ing) (?:to )?(?:use|access)|by (?:using|accessing))\b[^.;\n]{0,80}?"
        r"\b(?:constitutes?|means|signif(?:y|ies)|deemed|indicates?|you (?:accept|agree|consent))\b"
        r"|\bdeemed to (?:have )?(?:accept|agree|consent)\w*",
    ),
    _r(
        "targeted_ads",
        1,
        "targeted advertising",
        r"\b(?:targeted|personali[sz]ed|interest-based|behaviou?ral|tailored|cross-context(?:ual)?) "
        r"(?:ads|advertising|advertisements|marketing)\b",
    ),
    _r(
        "open_retention",
        1,
        "retention without a fixed limit",
        r"\bindefinitely\b|\b(?:retain|keep|store|hold|preserve)\w*\b[^.;\n]{0,60}?\b(?:as long as|until)\b",
    ),
    _r(
        "ai_training",
        1,
        "use for AI training",
        r"\btrain(?:ing)?\b[^.;\n]{0,40}?\b(?:models?|ai|artificial intelligence|machine learning|algorithms?)\b"
        r"|\b(?:ai|machine learning|models?)\b[^.;\n]{0,20}?\btraining\b",
    ),
    _r(
        "sensitive",
        1,
        "sensitive data",
        r"\bprecise (?:geo)?location\b|\bbiometric\w*|\bhealth (?:data|information)\b|\bgenetic\b"
        r"|\bsexual orientation\b|\bracial or ethnic\b|\breligious beliefs\b|\bfinancial account\b",
        categories=frozenset(
            {
                "data_collection",
                "data_use_purpose",
                "third_party_sharing",
                "sale_targeted_ads",
                "tracking_tech",
                "sensitive_data",
                "data_retention",
                "international_transfer",
                "children_audiences",
            }
        ),
    ),
    _r(
        "children",
        1,
        "children's data",
        r"\b(?:children|child|minors?|kids|teens?|teenagers?)\b|\bunder (?:the age of )?1[0-8]\b",
        guard=False,
        categories=frozenset({"children_audiences"}),
    ),
    _r("no_refund", 1, "no refunds", r"\bnon-?refundable\b|\bno refunds?\b", guard=False),
    # what the clause makes the user owe (issue 12): an indemnity, a right to charge the user
    _r(
        "user_obligation",
        2,
        "something you must pay or cover",
        r"\bmake (?:us|\w+) whole\b|\byou (?:agree to |will |shall |must )?(?:indemnify|reimburse)\b"
        r"|\b(?:charge|debit)\b[^.;\n]{0,40}?\b(?:your (?:saved |stored |default )?(?:payment method|card|credit card"
        r"|payment instrument|account)|payment method on file)\b|\bany and all amounts\b",
    ),
    _r("auto_renew", 1, "automatic renewal", r"\bauto(?:matic(?:ally)?)?[- ]?renew\w*"),
    _r(
        "liability_shield",
        1,
        "a liability disclaimer",
        r"\bas is\b|\bas available\b|\bin no event\b|\b(?:not|never) (?:be )?(?:liable|responsible)\b"
        r"|\bindemnif\w*|\bhold (?:us |\w+ )?harmless\b",
        guard=False,
    ),
    # -- protections (push down)
    _r(
        "no_sale",
        -2,
        "a promise not to sell",
        r"\b(?:(?:do|does|will|shall|would|did|can|may) )?(?:not|never) (?:\w+ ){0,2}?(?:sell|rent|trade)\b",
        guard=False,
        not_user=True,
    ),
    _r(
        "no_share",
        -2,
        "a promise not to share",
        rf"\b(?:(?:do|does|will|shall|would|did|can|may) )?(?:not|never) (?:\w+ ){{0,2}}?(?:{_SHARE_VERBS})\b{_DATA_OBJECT}",
        guard=False,
        not_user=True,
    ),
    _r(
        "no_data_use",
        -1,
        "a promise not to collect or use data",
        rf"\b(?:(?:do|does|will|shall|would|did) )?(?:not|never) (?:\w+ ){{0,2}}?(?:{_DATA_VERBS})\b{_DATA_OBJECT}",
        guard=False,
        not_user=True,
    ),
    _r(
        "no_tracking",
        -1,
        "a promise not to track you",
        r"\b(?:not|never) (?:\w+ ){0,4}?(?:track|tracks|tracking|monitor|monitoring)\b",
        guard=False,
        not_user=True,
    ),
    _r(
        "consent_required",
        -1,
        "the consent requirement",
        r"\b(?:only )?with your (?:\w+ )?(?:consent|permission)\b"
        r"|\b(?:ask|obtain|seek|request|get)\w* (?:for )?your (?:\w+ )?(?:consent|permission)\b"
        r"|\bunless you (?:\w+ )?(?:consent|opt in|agree)\b|\bopt[- ]in\b|(?<!without )(?<!without verifiable )\bparental (?:consent|permission)\b",
    ),
    _r(
        "opt_out",
        -1,
        "an opt-out",
        r"\bopt(?:ing)?[- ]?out\b|\bunsubscrib\w*|\bwithdraw (?:your )?consent\b"
        r"|\b(?:you can|you may|you have the right to) (?:choose|decline|refuse|limit|restrict|disable|turn off"
        r"|adjust|change your (?:settings|preferences))\b",
        if_negated=("no_opt_out", 1, "the loss of an opt-out"),
        lead=2,
    ),
    _r(
        "user_right",
        -1,
        "a user right",
        r"\b(?:you (?:can|may|have the right to|are entitled to|have a right to)|right to) "
        r"(?:request |ask (?:us )?to |make a request to )?(?:access|delete|erase|correct|rectify|port|download|export"
        r"|obtain a copy|object|restrict|know|appeal|be forgotten|data portability|deletion|erasure|correction"
        r"|rectification)\b|\bright of (?:access|erasure|rectification)\b",
        if_negated=("no_right", 1, "a right taken away"),
    ),
    _r(
        "notice",
        -1,
        "the advance notice",
        r"\b(?:will|shall|must) (?:\w+ ){0,3}?(?:notify|inform|tell|alert|email|e-mail) you\b"
        r"|\b(?:prior|advance|reasonable|written) notice\b|\bnotice (?:in advance|before)\b"
        r"|\b\d+ days'? (?:prior |advance )?(?:written )?notice\b|\bin advance\b",
        if_negated=("no_notice", 1, "no notice"),
    ),
    _r(
        "safeguards",
        -1,
        "a safeguard",
        r"\bencrypt\w*|\bindustry[- ]standard (?:security|safeguards)\b|\bsafeguards?\b|\bpseudonymi[sz]\w*"
        r"|\banonymi[sz]\w*|\bde-?identif\w*|\btwo-factor\b|\bbreach notification\b",
    ),
    _r(
        "deletion",
        -1,
        "a deletion commitment",
        r"\b(?:will|shall|must) (?:\w+ ){0,2}?(?:delete|erase|destroy|anonymi[sz]e|de-identify)\w*"
        r"|\b(?:deleted|erased|destroyed|anonymi[sz]ed|de-identified) (?:within|after)\b",
    ),
    _r(
        "retention_limit",
        -1,
        "a retention limit",
        r"\b(?:retain|keep|store|hold)\w* [^.;\n]{0,60}?\b(?:for|up to|no (?:more|longer) than|a maximum of|a period of)"
        r" (?:\w+ )?\(?\d+\)? (?:days?|weeks?|months?|years?)\b",
    ),
    _r(
        "limited_purpose",
        -1,
        "a purpose limit",
        r"\bonly (?:use|share|disclose|collect|process|retain|keep)\b"
        r"|\b(?:use|share|disclose|collect|process)\w* [^.;\n]{0,40}?\bonly (?:for|to|with|as)\b"
        r"|\bsolely (?:for|to)\b|\bonly to the extent\b|\bonly as (?:necessary|needed|required)\b|\bstrictly necessary\b",
    ),
    _r(
        "legal_process",
        -1,
        "a legal-process requirement",
        r"(?<!without )(?<!without a )\b(?:valid|lawful|legally binding) (?:subpoena|warrant|court order|legal process)s?\b",
    ),
    _r(
        "gpc",
        -1,
        "respect for browser privacy signals",
        r"\b(?:honou?r|respect|recogni[sz]e)\w* (?:\w+ ){0,3}?(?:do not track|global privacy control|gpc"
        r"|opt-out preference signals?)\b",
    ),
    _r("refund", -1, "a refund", r"(?<!non-)\brefund(?:s|ed)?\b", if_negated=("no_refund", 1, "no refunds")),
)

_DATA_OBJECT_RE = re.compile(_DATA_OBJECT)
_SHARE_RE = re.compile(rf"\b(?:{_SHARE_VERBS})\b")
_FLOW_RE = re.compile(
    rf"\b(?:{_SHARE_VERBS}|sell|sells|selling|sold|rent|rents|rented|trade|trades|traded)\b"
)
_NEG_WORDS = re.compile(r"\b(?:not|never|no|nor|neither)\b")


def _window(canon: str, start: int) -> str:
    """The words before *start* in the same clause (at most 60 characters)."""
    w = canon[max(0, start - 60) : start]
    cut = None
    for m in _CLAUSE_END.finditer(w):
        cut = m.end()
    return w[cut:] if cut is not None else w


def _negated(window: str) -> bool:
    return any(x in _NEGATORS for x in window.split()[-4:])


def _trim(quote: str, limit: int = 70) -> str:
    quote = quote.strip(" ,;:.")
    if len(quote) <= limit:
        return quote
    return quote[:limit].rsplit(" ", 1)[0] + "…"


def text_factors(category: str, text: str) -> list[Factor]:
    """The rubric factors *text* contains (each key once, first occurrence quoted)."""
    canon = canonical(text)
    return _factors_canon(category, canon)


def _factors_canon(category: str, canon: str) -> list[Factor]:
    return list(_factors_cached(category, canon))


@lru_cache(maxsize=512)
def _factors_cached(category: str, canon: str) -> tuple[Factor, ...]:
    found: dict[str, Factor] = {}
    if not canon:
        return ()
    for rule in _RULES:
        if rule.categories is not None and category not in rule.categories:
            continue
        for m in _matches(rule, canon):
            window = _window(canon, m.start())
            if rule.not_user and _USER_SUBJECT.search(window[-30:]):
                continue
            if rule.guard and _negated(window):
                if rule.if_negated and rule.if_negated[0] not in found:
                    key, weight, label = rule.if_negated
                    neg_words = window.split()[-4:]
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


def _matches(rule: _Rule, canon: str):  # -> Iterator[re.Match[str]]
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
        window = _window(canon, m.start())
        if _negated(window) or _NEG_WORDS.search(canon, m.end(), party.start()):
            continue
        return Factor(
            "share_parties", 1, "sharing with other parties", _trim(canon[m.start() : party.end()], 90)
        )
    return None


# --- rating a text -----------------------------------------------------------------------------


def _level(category: str, net: int) -> Severity:
    base = CATEGORIES[category].tendency.rank if category in CATEGORIES else Severity.medium.rank
    if net >= 3:
        adj = 2
    elif net >= 1:
        adj = 1
    elif net <= -3:
        adj = -2
    elif net <= -1:
        adj = -1
    else:
        adj = 0
    return Severity.from_rank(max(Severity.low.rank, min(Severity.high.rank, base + adj)))


def _rate(category: str, canon: str) -> tuple[Severity, list[Factor]]:
    if not any(ch.isalnum() for ch in canon):
        return Severity.none, []
    factors = _factors_canon(category, canon)
    return _level(category, sum(f.weight for f in factors)), factors


def _describe(category: str, factors: list[Factor]) -> list[str]:
    tendency = CATEGORIES[category].tendency.value if category in CATEGORIES else "medium"
    return [f"tendency of {category}: {tendency}"] + [str(f) for f in factors]


def rate_text(category: str, text: str) -> tuple[Severity, list[str]]:
    """Severity of a provision's text in *category*, and the factors that fired.

    The category's tendency moves one step up when the text's factor weights sum to 1 or 2,
    two steps at 3 or more; one step down at -1 or -2, two at -3 or less. Any text with words
    rates at least low; no text rates none.
    """
    level, factors = _rate(category, canonical(text))
    return level, (_describe(category, factors) if level is not Severity.none else [])


# --- assessing a change ------------------------------------------------------------------------


@dataclass(slots=True)
class _Evidence:
    key: str
    delta: int  # > 0: worse for the user
    text: str  # reason fragment


_NEG_HEAD_KEY = [
    (re.compile(r"^(?:sell|sold|rent|trade)"), "no_sale"),
    (re.compile(rf"^(?:{_SHARE_VERBS}|shar|disclos|transfer|provid|giv)"), "no_share"),
    (re.compile(rf"^(?:{_DATA_VERBS}|us|stor|retain|combin|analy|profil)"), "no_data_use"),
]
_NOTICE_CTX = re.compile(
    r"\bnotice\b|\bin advance\b|\badvance\b|\bprior to\b|\bbefore (?:the )?(?:change|it takes effect|they take effect|effective)"
)
_WINDOW_CTX = re.compile(
    r"\brefund|\bcancel|\breturn\b|\bopt[- ]?out|\bobject|\bdispute|\bclaim|\bappeal|\bwithdraw|\breject"
)
_RETENTION_CTX = re.compile(
    r"\bretain|\bretention|\bkeep|\bkept\b|\bstor(?:e|ed|age)\b|\bhold|\bpreserve|\bdelet|\berase|\brespond|\bresponse|\bprocess"
)
_LIABILITY_CTX = re.compile(r"\bliab|\bdamages\b|\baggregate\b|\bexceed")
_FEE_CTX = re.compile(r"\bfees?\b|\bprice|\bcharge|\bcost|\bsubscription|\bpay\b|\bpayment")
_CREDIT_CTX = re.compile(r"\brefund|\bcredit|\bcompensat|\breimburs")
_PROTECTIVE_LIST = re.compile(r"\bright|\byou can\b|\byou may\b|\bchoices?\b|\bopt\b|\boptions?\b")
_RIGHT_ITEM = re.compile(r"\baccess|\bdelet|\bcorrect|\brectif|\beras|\bportab|\bobject|\brestrict|\bopt")
_FLOW_LIST = re.compile(
    r"\bcollect|\bshar|\bdisclos|\bprocess|\bpurposes?\b|\bcombin|\btransfer|\bsell|\bsold\b|\btrack"
    r"|\bobtain|\bgather|\bretain|\bstore\b"
)
_SOFT_FLOW = re.compile(r"\b(?:use|uses|used|using|provide|receive|keep|such as|including|includes)\b")
_DATA_NOUN = re.compile(r"\b(?:data|information|details|content|identifiers?)\b")
_FLOW_CATEGORIES = frozenset(
    {
        "data_collection",
        "data_use_purpose",
        "third_party_sharing",
        "sale_targeted_ads",
        "tracking_tech",
        "sensitive_data",
        "international_transfer",
        "government_requests",
    }
)
_USER_CATEGORIES = frozenset({"user_rights", "choice_consent"})


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _items(items: list[str]) -> str:
    """ "'a' and 'b' were" / "'a' was"."""
    return _join([f"'{x}'" for x in items]) + (" was" if len(items) == 1 else " were")


def _clause_with(canon: str, display: str) -> str:
    """The clause of *canon* that mentions the number shown as *display*."""
    for clause in split_clauses(canon):
        if any(n.display == display for n in find_numbers(clause)):
            return clause
    return ""


def _fmt_pair(n: NumberChange) -> str:
    a, b = n.old.split(" ", 1), n.new.split(" ", 1)
    if len(a) == 2 and len(b) == 2 and a[1].rstrip("s") == b[1].rstrip("s"):
        return f"from {a[0]} to {b[0]} {b[1]}"
    return f"from {n.old} to {n.new}"


def _number_evidence(category: str, n: NumberChange, old_c: str, new_c: str) -> _Evidence | None:
    key = f"num:{n.old}>{n.new}"
    ctx = _clause_with(new_c, n.new) if n.new else _clause_with(old_c, n.old)
    if n.unit == "age":
        if not (n.old and n.new):
            return None
        up = float(n.new) < float(n.old)
        verb = "fell" if up else "rose"
        return _Evidence(key, 1 if up else -1, f"the age threshold {verb} from {n.old} to {n.new}")
    if n.unit == "currency":
        if not (n.old and n.new):
            return None
        a, b = find_numbers(n.old), find_numbers(n.new)
        if not a or not b or a[0].value == b[0].value:
            return None
        grew = b[0].value > a[0].value
        if _LIABILITY_CTX.search(ctx):
            return _Evidence(
                key,
                -1 if grew else 1,
                f"the liability cap {'rose' if grew else 'fell'} from {n.old} to {n.new}",
            )
        if _CREDIT_CTX.search(ctx):
            return _Evidence(
                key,
                -1 if grew else 1,
                f"the amount you get back {'rose' if grew else 'fell'} from {n.old} to {n.new}",
            )
        if _FEE_CTX.search(ctx):
            return _Evidence(
                key, 1 if grew else -1, f"the price {'rose' if grew else 'fell'} from {n.old} to {n.new}"
            )
        return _Evidence(key, 0, f"'{n.old}' became '{n.new}'")
    if n.unit == "percent":
        return _Evidence(key, 0, f"'{n.old}' became '{n.new}'") if n.old and n.new else None
    # durations: which way is worse depends on what the period is for
    if _NOTICE_CTX.search(ctx) or (category == "policy_change_notice" and not _RETENTION_CTX.search(ctx)):
        kind, longer_is_worse, what = "notice", False, "the notice period"
    elif _WINDOW_CTX.search(ctx):
        kind, longer_is_worse, what = "window", False, "the time you have"
    elif _RETENTION_CTX.search(ctx) or category == "data_retention":
        kind, longer_is_worse, what = "retention", True, "retention"
    else:
        kind, longer_is_worse, what = "other", None, "the period"
    if n.old and n.new:
        a, b = find_numbers(n.old), find_numbers(n.new)
        if not a or not b or a[0].value == b[0].value:
            return None
        grew = b[0].value > a[0].value
        delta = 0 if longer_is_worse is None else (1 if grew == longer_is_worse else -1)
        return _Evidence(key, delta, f"{what} {'grew' if grew else 'shrank'} {_fmt_pair(n)}")
    if kind == "notice":
        if n.old:
            return _Evidence(
                key,
                1,
                f"the {n.old}' notice was removed"
                if n.old.endswith("s")
                else f"the {n.old} notice was removed",
            )
        return _Evidence(key, -1, f"a notice period of {n.new} was added")
    if kind == "retention":
        if n.old:
            return _Evidence(key, 1, f"the {n.old} retention limit was removed")
        return _Evidence(key, -1, f"a retention limit of {n.new} was added")
    return None


def _about_user_data(canon: str, phrase: str) -> bool:
    """True when the negated *phrase* is a promise about data ("we do not share your data"), not
    a rule for the user ("you may not use the services") or about something else."""
    at = canon.find(phrase)
    if at < 0 or _USER_SUBJECT.search(_window(canon, at)[-30:]):
        return False
    return _DATA_OBJECT_RE.match(canon, at + len(phrase)) is not None


def _party_permitted(canon: str, party: str) -> tuple[bool, bool]:
    """(named in a sharing clause, named only in negated clauses) for a canonical party name."""
    return _party_mentions(canon).get(party, (False, True))


@lru_cache(maxsize=64)
def _party_mentions(canon: str) -> dict[str, tuple[bool, bool]]:
    """:func:`_party_permitted` for every party named in *canon*, in one pass over the text
    (asked once per party, a long provision was otherwise read again for each)."""
    found: dict[str, tuple[bool, bool]] = {}
    for clause in split_clauses(canon):
        flow = neg = None  # where the clause's first sharing verb and negation end (searched once)
        for m in PARTY_RE.finditer(clause):
            if flow is None:
                first = _FLOW_RE.search(clause)
                flow = first.end() if first else len(clause) + 1
                first = _NEG_WORDS.search(clause)
                neg = first.end() if first else len(clause) + 1
            party = party_name(m)
            shared, negated_only = found.get(party, (False, True))
            # a party starts a word, so the text before it ends between words: a verb found
            # there is a verb of the whole clause that ends before the party
            if flow <= m.start():
                shared = True
            if not neg <= m.start():
                negated_only = False
            found[party] = (shared, negated_only)
    return found


def _signal_evidence(category: str, sig: Signals, old_c: str, new_c: str) -> list[_Evidence]:
    ev: list[_Evidence] = []
    for s in sig.modality:
        if s.old and s.new:
            if s.direction == "weaker":
                ev.append(_Evidence(f"modal:{s.old}>{s.new}", 1, f"'{s.old}' became '{s.new}'"))
            else:
                ev.append(_Evidence(f"modal:{s.old}>{s.new}", -1, f"'{s.old}' became '{s.new}'"))
        elif s.new:
            ev.append(_Evidence("discretion", 1, f"'{s.new}' was added"))
        elif s.old:
            ev.append(_Evidence("discretion", -1, f"'{s.old}' was removed"))
    for neg in sig.negation:
        head = neg.phrase.split()[-1]
        key = next((k for rx, k in _NEG_HEAD_KEY if rx.match(head)), None)
        if (
            key is None
            or neg.phrase.startswith("no ")
            or not _about_user_data(old_c if neg.change == "removed" else new_c, neg.phrase)
        ):
            continue
        if neg.change == "removed":
            ev.append(
                _Evidence(key, 2 if key in ("no_sale", "no_share") else 1, f"'{neg.phrase}' was removed")
            )
        else:
            ev.append(
                _Evidence(
                    key, -2 if key in ("no_sale", "no_share") else -1, f"a promise was added ('{neg.phrase}')"
                )
            )
    if sig.reserve_right_added:
        ev.append(_Evidence("reserve_right", 1, "'reserve the right' was added"))
    if sig.reserve_right_removed:
        ev.append(_Evidence("reserve_right", -1, "'reserve the right' was removed"))
    # parties count where data flows to them: a sharing clause, or a data-flow provision
    flow_category = category in _FLOW_CATEGORIES
    added = [(p, *_party_permitted(new_c, p)) for p in sig.parties_added]
    added = [
        (p, shared) for p, shared, negated_only in added if not negated_only and (shared or flow_category)
    ]
    if added:
        shared = any(s for _, s in added)
        tail = "were added to the parties data is shared with" if shared else "are now named"
        ev.append(_Evidence("parties", 1, f"{_join([p for p, _ in added])} {tail}"))
    removed = [(p, *_party_permitted(old_c, p)) for p in sig.parties_removed]
    removed = [
        (p, shared) for p, shared, negated_only in removed if not negated_only and (shared or flow_category)
    ]
    if removed:
        shared = any(s for _, s in removed)
        tail = "are no longer among the parties data is shared with" if shared else "are no longer named"
        ev.append(_Evidence("parties-", -1, f"{_join([p for p, _ in removed])} {tail}"))
    party_words = {stem(w) for p in sig.parties_added + sig.parties_removed for w in p.split()}
    for e in sig.enumerations:
        items = [i for i in e.added + e.removed if len(max(i.split(), key=len)) <= 24]  # no run-together junk
        if not items or all(any(stem(w) in party_words for w in it.split()) for it in items):
            continue  # nothing readable, or already told as parties
        # a list of rights or choices: more items is better for the user; a list of data, purposes
        # or recipients after a data verb: more items is worse; anything else says nothing
        if _PROTECTIVE_LIST.search(e.context) or (
            category in _USER_CATEGORIES and any(_RIGHT_ITEM.search(i) for i in items)
        ):
            sign = -1
        elif (
            _FLOW_LIST.search(e.context) and (category in _FLOW_CATEGORIES or _DATA_NOUN.search(e.context))
        ) or (_SOFT_FLOW.search(e.context) and _DATA_NOUN.search(e.context)):
            sign = 1
        else:
            continue
        where = f" after '{e.context}'" if e.context else ""
        added = [i for i in e.added if i in items]
        removed = [i for i in e.removed if i in items]
        if added:
            ev.append(
                _Evidence(f"enum+:{e.context}:{added}", sign, f"{_items(added)} added to the list{where}")
            )
        if removed:
            ev.append(
                _Evidence(
                    f"enum-:{e.context}:{removed}", -sign, f"{_items(removed)} removed from the list{where}"
                )
            )
    for n in sig.numbers:
        found = _number_evidence(category, n, old_c, new_c)
        if found is not None:
            ev.append(found)
    return ev


def _factor_evidence(old: list[Factor], new: list[Factor]) -> list[_Evidence]:
    ev: list[_Evidence] = []
    old_keys = {f.key for f in old}
    new_keys = {f.key for f in new}
    for f in old:  # what was lost first: "'will not sell' was removed"
        if f.key not in new_keys:
            ev.append(_Evidence(f.key, -f.weight, f"'{f.quote}' was removed"))
    for f in new:
        if f.key not in old_keys:
            text = f"'{f.quote}' was added" if f.weight > 0 else f"{f.label} was added ('{f.quote}')"
            ev.append(_Evidence(f.key, f.weight, text))
    return ev


def shift_phrase(before: Severity, after: Severity) -> str:
    """'medium → high', or 'unchanged (medium)' when the level did not move."""
    if before == after:
        return f"unchanged ({before.value})"
    return f"{before.value} → {after.value}"


def _head(before: Severity, after: Severity, direction: Direction) -> str:
    if before == after and direction != "same":
        return f"stays {before.value}, but {'worse' if direction == 'up' else 'better'} for you"
    return shift_phrase(before, after)


def _reason(head: str, agree: list[_Evidence], against: list[_Evidence], joiner: str = ", although ") -> str:
    agree = sorted(agree, key=lambda e: -abs(e.delta))
    against = sorted(against, key=lambda e: -abs(e.delta))
    text = "; ".join(e.text for e in agree[:3])
    if against:
        text = f"{text}{joiner}{against[0].text}" if text else against[0].text
    return f"{head}: {text}" if text else head


def assess_change(category: str, old_text: str, new_text: str, signals: Signals | None = None) -> Assessment:
    """Before/after severity of a provision in *category*, the direction for the user and why."""
    old_c, new_c = canonical(old_text), canonical(new_text)
    before, old_f = _rate(category, old_c)
    if old_c == new_c:
        return Assessment(
            category,
            before,
            before,
            "same",
            f"{shift_phrase(before, before)}: no change in what the text says",
            _describe(category, old_f) if before is not Severity.none else [],
        )
    after, new_f = _rate(category, new_c)
    factors = _describe(category, []) + [f"before: {f}" for f in old_f] + [f"after: {f}" for f in new_f]

    if before is Severity.none:  # an added provision
        return _added(category, after, new_f, factors)
    if after is Severity.none:  # a removed provision
        return _removed(category, before, old_f, factors)

    sig = signals if signals is not None else compute_signals(old_text, new_text)
    evidence: dict[str, _Evidence] = {}
    for e in _factor_evidence(old_f, new_f) + _signal_evidence(category, sig, old_c, new_c):
        evidence.setdefault(e.key, e)
    items = list(evidence.values())
    factors += [f"change {e.delta:+d}: {e.text}" for e in items]
    total = sum(e.delta for e in items)
    up = [e for e in items if e.delta > 0]
    down = [e for e in items if e.delta < 0]
    neutral = [e for e in items if e.delta == 0]

    evidence_lines = [f"{e.delta:+d} {e.text}" for e in items if e.delta]
    weight_up, weight_down = sum(e.delta for e in up), -sum(e.delta for e in down)
    if up and down and 2 * min(weight_up, weight_down) > max(weight_up, weight_down):
        # evidence both ways and neither clearly outweighs the other: say so instead of guessing
        reason = _reason(f"{shift_phrase(before, before)}, direction unclear", up, down, joiner="; but ")
        return Assessment(category, before, before, "unclear", reason, factors, "low", evidence_lines)
    confidence: Confidence = "medium" if (up and down) else "high"
    if total > 0:
        direction: Direction = "up"
        if after <= before:
            after = Severity.from_rank(min(Severity.high.rank, before.rank + 1))
        reason = _reason(_head(before, after, direction), up, down)
    elif total < 0:
        direction = "down"
        if after >= before:
            after = Severity.from_rank(max(Severity.low.rank, before.rank - 1))
        reason = _reason(_head(before, after, direction), down, up)
    else:
        direction = "same"
        after = before
        if up or down:
            reason = _reason(shift_phrase(before, after), up, down, joiner=", but ")
        elif neutral:
            reason = _reason(shift_phrase(before, after), neutral, [])
        else:
            reason = f"{shift_phrase(before, after)}: reworded without a change in what it permits"
    return Assessment(category, before, after, direction, reason, factors, confidence, evidence_lines)


def _added(category: str, after: Severity, new_f: list[Factor], factors: list[str]) -> Assessment:
    """A provision that is new. New protective text lowers the provision's level: before it, the
    silent text allowed what the category usually allows (its tendency), so ``before`` is that
    level (at least one step above ``after``); other new text rates from none."""
    perms = [f for f in new_f if f.weight > 0]
    prots = [f for f in new_f if f.weight < 0]
    net = sum(f.weight for f in new_f)
    quotes = lambda fs: ", ".join(f"'{f.quote}'" for f in fs[:3])  # noqa: E731
    before = Severity.none
    if net < 0:
        before = max(_tendency(category), Severity.from_rank(min(3, after.rank + 1)))
        reason = f"{shift_phrase(before, after)}: new text that protects you ({quotes(prots)})"
        direction: Direction = "down"
    elif net > 0:
        reason = f"{shift_phrase(before, after)}: new text with {quotes(perms)}"
        if prots:
            reason += f", although it also adds {quotes(prots[:1])}"
        direction = "up"
    elif perms:
        reason = f"{shift_phrase(before, after)}, direction unclear: new text with {quotes(perms)}, balanced by {quotes(prots)}"
        direction = "unclear"
    else:  # nothing in the new text says which way it cuts: no guess from the category
        reason = f"{shift_phrase(before, after)}: new text on {_title(category)}; whether it is better or worse for you is unclear"
        return Assessment(category, before, after, "unclear", reason, factors, "low", [])
    evidence = [f"{f.weight:+d} {f.label} ('{f.quote}')" for f in new_f]
    confidence: Confidence = "low" if direction == "unclear" else "medium" if (perms and prots) else "high"
    return Assessment(category, before, after, direction, reason, factors, confidence, evidence)


def _removed(category: str, before: Severity, old_f: list[Factor], factors: list[str]) -> Assessment:
    """A provision that is gone. When what it took away was a protection, the provision now allows
    more: ``after`` is one step above ``before`` and at least the category's tendency (the design's
    "removing a protection pushes severity up"); otherwise it rates none."""
    perms = [f for f in old_f if f.weight > 0]
    prots = [f for f in old_f if f.weight < 0]
    lost_protection = -sum(f.weight for f in prots)
    lost_permission = sum(f.weight for f in perms)
    quotes = lambda fs: ", ".join(f"'{f.quote}'" for f in fs[:3])  # noqa: E731
    after = Severity.none
    if lost_protection > lost_permission:
        direction: Direction = "up"
        after = max(Severity.from_rank(min(3, before.rank + 1)), _tendency(category))
        noun = "the protection" if len(prots) == 1 else "the protections"
        reason = (
            f"{shift_phrase(before, after)}: {noun} {quotes(prots)} "
            f"{'was' if len(prots) == 1 else 'were'} removed, which is worse for you"
        )
    elif lost_permission > lost_protection:
        direction = "down"
        reason = f"{shift_phrase(before, after)}: the text was removed; it no longer says {quotes(perms)}"
    elif perms:
        reason = f"{shift_phrase(before, after)}, direction unclear: the text was removed, both {quotes(perms)} and {quotes(prots)}"
        direction = "unclear"
    else:  # nothing in the old text says what its removal takes away: no guess from the category
        reason = f"{shift_phrase(before, after)}: the text on {_title(category)} was removed; whether that is better or worse for you is unclear"
        return Assessment(category, before, after, "unclear", reason, factors, "low", [])
    evidence = [f"{-f.weight:+d} removed: {f.label} ('{f.quote}')" for f in old_f]
    confidence: Confidence = "low" if direction == "unclear" else "medium" if (perms and prots) else "high"
    return Assessment(category, before, after, direction, reason, factors, confidence, evidence)


def _tendency(category: str) -> Severity:
    found = CATEGORIES.get(category)
    return found.tendency if found else Severity.medium


def _title(category: str) -> str:
    found = CATEGORIES.get(category)
    return found.title.lower() if found else category.replace("_", " ")


# --- the record's overall severity -------------------------------------------------------------


def change_severity(a: Assessment) -> Severity:
    """How much this change matters to the user (used to rank changes and for the overall level).

    Worse for the user: the level it leads to; for a removed protection, one step above the old
    level and at least the category's tendency (what the provision allows without the promise).
    Better or unchanged in meaning: low. No text on either side: none.
    """
    if a.before is Severity.none and a.after is Severity.none:
        return Severity.none
    if a.direction == "up":
        return a.after
    if a.direction == "unclear":  # it changed and needs review: its level, but never high on no evidence
        return min(max(a.before, a.after), Severity.medium)
    return Severity.low


def overall_severity(assessments: list[Assessment]) -> Severity:
    """The record's severity: the highest :func:`change_severity` (none when nothing changed)."""
    return max((change_severity(a) for a in assessments), default=Severity.none)
