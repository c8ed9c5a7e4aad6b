"""The rubric's factors as data: one rule per permission, hedge or protection, with its weight, label,
pattern and the literal hints that every match contains."""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.text.lazy_re import lazy


@dataclass(frozen=True, slots=True)
class Rule:
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
    negation_words: int = 4  # how many words before the match a negation may stand
    protective_ban: bool = False  # skip a match inside a ban on harming others (protective_bans.py)


def _r(key: str, weight: int, label: str, pattern: str, **kw: object) -> Rule:
    return Rule(key, weight, label, lazy(pattern), hints=_HINTS[key], **kw)  # type: ignore[arg-type]


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
    "training_default": ("opted", "unless", "by default"),
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


DATA_VERBS = (
    r"collect|collects|collected|collecting|use|uses|used|using|track|tracks|tracked|tracking|store|stores"
    r"|stored|storing|retain|retains|retained|keep|keeps|kept|combine|combines|combined|access|monitor"
    r"|monitors|read|scan|scans|profile|process|processes|processed|train|record|records|analy[sz]e|link|match"
)
SHARE_VERBS = (
    r"share|shares|shared|sharing|disclose|discloses|disclosed|disclosing|transfer|transfers|transferred"
    r"|transferring|provide|provides|provided|providing|make available|made available|release|releases"
    r"|released|pass on|passes on|passed on"
)
# what follows a promise not to share/use for it to be about data, not about warranties or the service
DATA_OBJECT = (
    r"(?=[^.;\n]{0,80}?\b(?:data|information|details|content|messages|communications|contacts|location"
    r"|cookies|it|them|third|partners?|affiliates|advertisers|anyone|others|profiles?)\b)"
)

RULES: tuple[Rule, ...] = (
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
        # "we do not use your conversations to train our models": the negation stands further back
        if_negated=("no_ai_training", -1, "a promise not to train AI on your data"),
        negation_words=7,
    ),
    _r(
        "training_default",
        2,
        "AI training on your data unless you opt out",
        # training that runs unless the user opts out is on by default (issue 12: high); the
        # opt-out is the way out of it, not a separate gain
        r"\b(?:has|have|did|do|does) not (?:\w+ )?opted[- ]?out of (?:\w+ ){0,2}?training\b"
        r"|\btrain(?:s|ed|ing)?\b[^.;\n]{0,150}?\bunless (?:\w+ ){0,4}?(?:opts?|opted|opting)[- ]?out\b"
        r"|\btrain(?:s|ed|ing)?\b[^.;\n]{0,150}?\bunless (?:\w+ ){0,4}?(?:activat\w*|enabl\w*) zero data retention\b"
        r"|\btraining\b[^.;\n]{0,40}?\b(?:is|are) (?:on|enabled|turned on|switched on) by default\b",
        guard=False,
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
        protective_ban=True,
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
        rf"\b(?:(?:do|does|will|shall|would|did|can|may) )?(?:not|never) (?:\w+ ){{0,2}}?(?:{SHARE_VERBS})\b{DATA_OBJECT}",
        guard=False,
        not_user=True,
    ),
    _r(
        "no_data_use",
        -1,
        "a promise not to collect or use data",
        rf"\b(?:(?:do|does|will|shall|would|did) )?(?:not|never) (?:\w+ ){{0,2}}?(?:{DATA_VERBS})\b{DATA_OBJECT}",
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
        r" (?:\w+ )?\(?\d+\)? (?:days?|weeks?|months?|years?)\b"
        # not a period that runs after you deleted the data or closed the account: that keeps it longer
        r"(?! after (?:you (?:have )?|the |your |its )?(?:delet|clos|deactivat|cancel|terminat|account))",
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
    _r(  # not a refund the user owes ("we are entitled to get a refund of that amount from you")
        "refund",
        -1,
        "a refund",
        r"(?<!non-)(?<!you must )(?<!you shall )(?<!you will )(?<!agree to )\brefund(?:s|ed)?\b"
        r"(?![^.;\n]{0,40}\bfrom you\b)",
        if_negated=("no_refund", 1, "no refunds"),
    ),
)
