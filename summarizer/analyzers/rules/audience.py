"""Documents written for business users: advertisers, sellers, affiliates, developers, creators (issue 12).

An ads policy says "Tracking URLs used for legitimate tracking purposes ..."; an affiliate
agreement says "You will not ... induce [end users] to click on a Referral Link". The privacy
lexicon files such rules under tracking or targeted ads, but they bind the business user, and the
labelling rule of ``evals/vlops/README.md`` files rules for business users (listing bans, penalty
points, app removal) under ``account_termination``: their consequence is enforcement against the
account.

So, in a document whose words address business users far more often than they speak of personal
data, a passage labelled with a privacy subject that does not itself speak of personal data is:

- ``account_termination`` when it states a rule (must, may not, not allowed, prohibited ...);
- otherwise filed under its next non-privacy label (``contact_generic`` when it has none).

A generic passage (``contact_generic``) that states a rule is filed under ``account_termination``
too, and the record names ``account_termination`` whenever a material change of it is found in
such a document, even one whose rating did not move: a new or reworded rule for a business user is
what the labelling rule files there.

A passage that speaks of personal data (Google Play's User Data policy) keeps its privacy label:
such documents are judged for the person whose data is processed.
"""

from __future__ import annotations

import re
from functools import lru_cache

from summarizer.text.lazy_re import lazy

#: Privacy subjects that need personal-data words in a business user's document.
PRIVACY_IDS = frozenset(
    {
        "data_collection",
        "data_use_purpose",
        "third_party_sharing",
        "sale_targeted_ads",
        "tracking_tech",
        "sensitive_data",
        "choice_consent",
        "user_rights",
        "data_retention",
        "international_transfer",
    }
)
#: Business-audience words per 1,000 words at or above which a document addresses business users ...
BUSINESS_RATE = 15.0
#: ... when personal-data words stay below this rate.
PERSONAL_RATE = 5.0
#: Only the start of a very long document is counted (the rate is stable long before).
SAMPLE_CHARS = 400_000

_BUSINESS = lazy(
    r"\b(?:ads?|monetiz\w*|monetis\w*|payouts?|advertisers?|sellers?|merchants?|affiliates?|developers?|"
    r"your apps?|ad groups?|your listings?|your products?|your store|creators?|publishers?|suppliers?|"
    r"vendors?|storefronts?|campaigns?)\b",
    re.I,
)
_PERSONAL = lazy(
    r"\b(?:personal (?:data|information)|your (?:data|information)|user data|privacy|personally)\b", re.I
)
_PERSONAL_PASSAGE = lazy(
    r"\b(?:personal|privacy|user data|users' data|data about|information about (?:you|users)|"
    r"consent|cookies?|location|contacts?|health|biometric|children|minors?)\b",
    re.I,
)
_RULE = lazy(
    r"\b(?:must|may not|cannot|can ?not|not (?:be )?(?:allowed|permitted|acceptable)|prohibit\w*|"
    r"required?|will not|won't|should not|shall not|do not|don't|violat\w*|suspend\w*|terminat\w*|"
    r"remov\w*|reject\w*|disapprov\w*|forbidden)\b",
    re.I,
)


def business_document(text: str) -> bool:
    """The document addresses business users (by the rates of audience and personal-data words)."""
    sample = text[:SAMPLE_CHARS]
    words = len(sample.split())
    if words < 50:
        return False
    business = 1000 * len(_BUSINESS.findall(sample)) / words
    personal = 1000 * len(_PERSONAL.findall(sample)) / words
    return business >= BUSINESS_RATE and personal < PERSONAL_RATE


@lru_cache(maxsize=8)
def business_audience(text: str) -> bool:
    """The document binds business users: by its rates of audience words (:func:`business_document`)
    or by its title and how it addresses its reader (:func:`summarizer.rubric.clauses.reader_view`:
    "Marketplace Sellers Conditions", "Developer Distribution Agreement", ...)."""
    if business_document(text):
        return True
    from summarizer.rubric.clauses import reader_view  # noqa: PLC0415

    return reader_view(text) == "business"


#: Where the labelling rule files rules enforced on the account.
RULES = "account_termination"


def rules_first(labels: list[str], drop: tuple[str, ...] = ()) -> list[str]:
    """*labels* filed first as a rule (:data:`RULES`), without the ids in *drop*."""
    return [RULES, *[lab for lab in labels if lab != RULES and lab not in drop]]


def business_labels(labels: list[str], text: str) -> list[str]:
    """A passage's labels in a business user's document (see the module docstring)."""
    if (
        labels
        and labels[0] == "contact_generic"
        and _RULE.search(text)
        and not _PERSONAL_PASSAGE.search(text)
    ):
        return ["account_termination", *labels[1:]]  # a rule for the business user on no other subject
    if not labels or labels[0] not in PRIVACY_IDS or _PERSONAL_PASSAGE.search(text):
        return labels
    if _RULE.search(text):
        return rules_first(labels)
    rest = [lab for lab in labels if lab not in PRIVACY_IDS]
    return rest or ["contact_generic"]


#: Titles of documents that set rules of conduct for the people who use a service (an acceptable
#: use policy, community guidelines, a content policy).
_CONDUCT = lazy(
    r"\b(?:prohibited uses?|acceptable use|usage polic(?:y|ies)|use polic(?:y|ies)|community (?:guidelines|"
    r"standards|rules)|codes? of conduct|rules of conduct|content polic(?:y|ies)|guidelines)\b",
    re.I,
)
#: How much of each of a document's first lines is read for its title (the capture's title is
#: sometimes a site menu's 'Policy Center' above the heading).
FIRST_LINE_CHARS = 400
#: How many of its first lines.
FIRST_LINES = 3
_MD_LINK = lazy(r"\[[^\]]*\]\([^)]*\)")


@lru_cache(maxsize=8)
def conduct_document(title: str | None, text: str) -> bool:
    """The document sets rules of conduct for its users (its title, or one of its first lines
    outside links, names an acceptable use policy, guidelines or a content policy). Its
    sentences about AI are mostly rules for what users may do with AI ('do not use any Output to
    develop models that compete with us'), not uses of their data by AI (issue 12, round 5).

    Cached: the analyzer, its provisions, list items and AI reading each ask it of the same
    document (1.7 times a record on the bundled pairs); the last few documents' answers are kept."""
    if _CONDUCT.search(title or ""):
        return True
    lines = [line for line in text[:20_000].splitlines() if line.strip(" #*=-_")][:FIRST_LINES]
    return any(_CONDUCT.search(_MD_LINK.sub(" ", line[:FIRST_LINE_CHARS])) for line in lines)


#: Subjects that a rule of conduct names without being about them ('Do not share anyone's private
#: information', 'Do not interfere with law enforcement'): in rules of conduct, a passage on one of
#: them that states a rule and does not speak of the user's own data is a rule of conduct.
CONDUCT_IDS = PRIVACY_IDS | {"government_requests", "liability_warranty_payment", "security_breach"}


def conduct_labels(labels: list[str], text: str) -> list[str]:
    """A passage's labels in rules of conduct: a rule on a privacy, law-enforcement, liability or
    security subject that does not speak of the user's data is filed under ``account_termination``
    (the labelling rule files rules enforced on the account there); other passages keep theirs."""
    if not labels or labels[0] not in CONDUCT_IDS or _OWN_DATA.search(text):
        return labels
    return rules_first(labels)


#: The user's own data: what the service does with it stays a privacy subject, even in rules of conduct.
_OWN_DATA = lazy(
    r"\b(?:your (?:personal )?(?:data|information|content|account information)|personal data we|"
    r"we (?:collect|use|share|process|retain|store|keep))\b",
    re.I,
)


#: Words about children, teens, age limits and the adults who answer for them. The taxonomy's
#: ``children_audiences`` also covers regional sections, but on the labelling scale of issue 12 a
#: record is filed there for what it says about children and ages, not for "If you live in
#: California" or "GDPR" (round 7).
_CHILDREN = lazy(
    r"\b(?:child\w*|minors?|kids?|teen\w*|youth|young (?:people|users)|under (?:the )?age|under \d{1,2}\b|"
    r"\d{1,2} years (?:old|of age)|years of age|age[- ](?:appropriate|verification|assurance|signals?|"
    r"requirements?|limits?|ratings?|restrict\w*|of consent|of majority|gat\w*|checks?)|minimum age|"
    r"verify your age|your age|parents?(?! compan)|parental (?:consent|controls?)|guardians?|coppa|"
    r"csa[em]|students?|schools?|famil(?:y|ies) (?:settings?|safety|group|link))\b",
    re.I,
)


def speaks_of_children(old_text: str, new_text: str) -> bool:
    """Does either side of a changed passage speak of children, teens, ages or parents?"""
    return bool(_CHILDREN.search(old_text) or _CHILDREN.search(new_text))
