"""Lexicons of the taxonomy classifier: cue phrases, verbs, objects and parties per category.

Every entry is a plain phrase with a weight. The classifier maps every inflected form of a lexicon
word to the word itself (:func:`inflections`: "collects", "collected", "collecting" -> "collect"), but
not derivations: "collection" is its own entry where it matters, so "government" never matches
"governed" and "personal" never matches "personalize". Weights here are hand-set; a negative weight
marks a phrase that points *away* from a category ("court of competent jurisdiction" is severability
boilerplate, not a venue clause). The phrases are also the vocabulary of the learned weights
(``summarizer/data/classifier_weights.json``, ``evals/tosdr/learn_weights.py``): after any change
here, run that script again (a test checks the weights match this lexicon's fingerprint).

A category scores the weights of the distinct phrases found, plus a pair bonus when one of its
verbs and one of its objects or parties occur within a few words of each other ("share ... with
third parties"). Negation and modals never block a match: "we do not sell your data" is still about
the sale of data; the severity rubric, not the category, cares about polarity.

Verbs marked in :data:`PPEVO_VERBS` come from the ppevo annotation of privacy-policy verbs
(University of Denver ``crisp-du/ppevo``, CC BY 4.0; subset in ``summarizer/data/ppevo_verbs.json``),
which ties each verb to OPP-115 practice categories.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

# Phrase weights by slot. "cues" are standalone evidence; verbs/objects/parties also count alone
# (usually lightly) and earn the pair bonus together.
Weights = dict[str, float]


@dataclass(frozen=True)
class CategoryLexicon:
    """The phrases that signal one taxonomy category."""

    cues: Weights = field(default_factory=dict)
    verbs: Weights = field(default_factory=dict)
    objects: Weights = field(default_factory=dict)
    parties: Weights = field(default_factory=dict)
    verb_object_bonus: float = 0.0
    verb_party_bonus: float = 0.0


# --- shared vocabularies --------------------------------------------------------------------

#: What privacy provisions act on (no standalone weight: they only count through pairs).
PERSONAL_DATA: Weights = {
    "personal data": 0.0, "personal information": 0.0, "information": 0.0, "data": 0.0,
    "user information": 0.0, "details": 0.0, "info": 0.0, "user data": 0.0,
}

#: The legal documents themselves (for change-notice pairs).
AGREEMENT: Weights = {
    "terms": 0.0, "agreement": 0.0, "policy": 0.0, "privacy policy": 0.0, "statement": 0.0,
    "privacy statement": 0.0, "privacy notice": 0.0, "contract": 0.0, "terms of service": 0.0,
    "terms of use": 0.0, "conditions": 0.0, "user agreement": 0.0,
}

#: ppevo verbs used per category: (OPP-115 code the verb carries in ppevo, {verb: weight}).
PPEVO_VERBS: dict[str, tuple[str, Weights]] = {
    "data_collection": ("FPCU", {"collect": 0.9, "gather": 0.8, "capture": 0.6, "obtain": 0.5,
                                 "receive": 0.4, "record": 0.4, "log": 0.4, "compile": 0.4}),
    "data_use_purpose": ("FPCU", {"aggregate": 0.5, "combine": 0.8, "correlate": 0.6, "merge": 0.3,
                                  "supplement": 0.4, "match": 0.2, "reuse": 0.4}),
    "tracking_tech": ("FPCU", {"track": 0.8}),
    "third_party_sharing": ("TPSC", {"share": 0.6, "disclose": 0.6, "exchange": 0.3, "transfer": 0.2,
                                     "transmit": 0.1, "forward": 0.2, "subcontract": 0.5, "supply": 0.1,
                                     "hire": 0.3, "lease": 0.3,
                                     "lend": 0.3}),
    "sale_targeted_ads": ("TPSC", {"sell": 1.5, "rent": 0.6}),
    "choice_consent": ("UCC", {"opt": 1.0, "consent": 1.2, "unsubscribe": 1.5, "revoke": 0.6,
                               "decline": 0.5, "refuse": 0.6, "disable": 0.4, "disconnect": 0.3,
                               "disassociate": 0.4, "configure": 0.3, "manage": 0.3, "stop": 0.3}),
    "user_rights": ("UAED", {"correct": 0.6, "update": 0.2, "delete": 0.5, "modify": 0.1,
                             "edit": 0.2, "deactivate": 0.2}),
    "account_termination": ("UAED", {"close": 0.3, "deactivate": 0.6, "remove": 0.5}),
    "data_retention": ("DR", {"retain": 1.5, "keep": 0.6, "store": 0.5, "preserve": 0.6,
                              "persist": 0.8, "destroy": 0.6}),
}

# --- categories -----------------------------------------------------------------------------

LEXICONS: dict[str, CategoryLexicon] = {
    "data_collection": CategoryLexicon(
        cues={
            "ip address": 1.0, "internet protocol": 1.0, "device identifier": 0.8, "device id": 0.8,
            "device information": 0.8, "browser type": 0.8, "operating system": 0.6,
            "log data": 0.8, "log information": 0.8, "log files": 0.8, "usage data": 0.6,
            "usage information": 0.6, "contact information": 0.3, "email address": 0.3,
            "phone number": 0.4, "real name": 1.0, "legal name": 1.0, "your name": 0.4,
            "pseudonym": 1.2, "anonymous": 0.4, "registration information": 0.8,
            "accurate information": 0.6, "true accurate": 0.6, "address book": 0.8,
            "crash data": 0.5, "referring": 0.8, "referral": 0.6, "exit page": 0.8,
            "pages viewed": 0.6, "pages you visit": 0.6, "browsing history": 1.0,
            "search history": 0.6, "purchase history": 0.6, "transaction information": 0.5,
            "demographic": 0.4, "survey": 0.6, "contest": 0.8, "sweepstakes": 0.8,
            "competitions": 0.6, "promotions": 0.3, "categories of personal information": 1.0, "categories of information": 1.0,
            "types of information": 0.6, "from third parties": 1.0, "from other sources": 1.0,
            "from partners": 0.8, "sources": 0.3, "device settings": 0.8, "you provide": 0.6,
            "you give us": 0.6, "provide us": 0.4, "you submit": 0.2, "automatically": 0.4,
            "metadata": 0.6, "hardware model": 0.8, "mobile network": 0.6, "identifiers": 0.4,
            "information we collect": 0.5, "information about you": 0.3, "about you": 0.3,
            "messages": 0.2, "chat": 0.4, "calendar": 0.4, "photos": 0.2, "camera": 0.4,
            "identifies you": 0.6, "make public": 0.3, "social media profile": 0.6,
            "user agent": 0.6, "mac address": 0.8, "imei": 0.8,
            "technical data": 0.6, "information about your device": 0.8, "websites you visit": 0.6,
            "give us information": 0.6, "send us information": 0.6, "provide information about": 0.4,
            "receive information": 0.6, "receive personal data": 0.6,
        },
        verbs=dict(PPEVO_VERBS["data_collection"][1]),
        objects=PERSONAL_DATA,
        verb_object_bonus=0.6,
    ),
    "data_use_purpose": CategoryLexicon(
        cues={
            "purposes": 0.6, "purpose": 0.4, "how we use": 1.2, "use your information": 0.6,
            "use your personal": 0.6, "use the information": 0.6, "use data": 0.5,
            "use information": 0.5, "use of information": 0.6, "we use": 0.2,
            "personalize": 0.8, "personalise": 0.8, "customize": 0.6, "tailor": 0.6,
            "recommend": 0.5, "improve": 0.3, "develop": 0.2, "research": 0.7,
            "analyze": 0.5, "analyse": 0.5, "analysis": 0.5, "statistics": 0.9, "statistical": 0.9,
            "insights": 0.4, "measure": 0.2, "metrics": 0.5, "build profiles": 0.8, "infer": 0.6,
            "machine learning": 0.8, "artificial intelligence": 0.8, "train": 0.4,
            "legitimate interests": 0.6, "legal basis": 0.5, "marketing": 0.8, "market": 0.5,
            "promote": 0.3, "operate": 0.1, "provide improve": 0.5, "understand": 0.2,
            "across products": 0.8, "different contexts": 0.6, "why we collect": 1.0,
            "why google collects": 1.0, "habits": 0.5, "usage patterns": 0.6,
            "process content": 0.6, "automatically process": 0.5, "review your messages": 0.6,
            "read them": 0.4, "limited purposes": 1.0, "for the following": 0.4,
            "what we do with": 1.0, "do with your": 0.6, "do with the information": 0.8,
            "for the following reasons": 0.6, "scan": 0.4, "scanning": 0.5, "inferences": 0.6,
            "use the data": 0.5, "use your data": 0.6, "profiling": 0.8, "product development": 0.5,
            "send you marketing": 0.8, "communicate with you": 0.4, "prevent fraud": 0.3,
            "diagnostics": 0.3, "troubleshooting": 0.3,
        },
        verbs=dict(PPEVO_VERBS["data_use_purpose"][1]) | {"use": 0.1, "utilize": 0.1, "process": 0.1,
                                                           "connect": 0.3, "associate": 0.2},
        objects=PERSONAL_DATA,
        verb_object_bonus=0.4,
    ),
    "third_party_sharing": CategoryLexicon(
        cues={
            "merger": 1.5, "new owner": 1.2, "ownership or control": 0.8, "successor": 0.6, "acquisition": 1.2, "bankruptcy": 1.2, "reorganization": 0.8,
            "change of ownership": 1.2, "sale of assets": 1.0, "business transfer": 1.2,
            "acquirer": 1.0, "buyer": 0.6, "corporate transaction": 1.0, "dissolution": 0.6,
            "on our behalf": 0.8, "on your behalf": 0.4, "confidentiality": 0.6,
            "confidentiality obligations": 0.8, "contractual obligations": 0.6,
            "data protection agreements": 0.8, "their own privacy policies": 1.2,
            "their own terms": 1.0, "own terms and policies": 1.2, "privacy practices": 0.5,
            "respective privacy policies": 1.2, "their privacy policy": 1.0,
            "third-party websites": 0.2, "third party links": 0.4, "operate our services": 0.4,
            "help us": 0.3, "assist us": 0.5, "who we share": 1.0, "types of third parties": 1.0,
            "list of": 0.2, "aggregated": 0.3, "anonymization": 0.3, "with your consent": 0.3,
            "payment processor": 1.0, "data brokers": 0.5,
            "from third parties": -0.6, "from other sources": -0.3,
        },
        verbs=dict(PPEVO_VERBS["third_party_sharing"][1]) | {
            "make available": 0.3, "pass": 0.2, "rely on": 0.3, "work with": 0.4},
        objects=PERSONAL_DATA,
        parties={
            "third party": 0.5, "third parties": 0.5, "third-party providers": 0.8, "third-party services": 0.4,
            "network providers": 0.5, "providers": 0.3, "hosting": 0.3, "affiliates": 0.4, "affiliated": 0.3,
            "service providers": 0.8, "service provider": 0.8, "vendors": 0.7, "partners": 0.4,
            "processors": 0.8, "processor": 0.6, "subprocessors": 1.2, "sub-processors": 1.2,
            "contractors": 0.3, "business partners": 0.6, "other companies": 0.6,
            "companies": 0.2, "trusted businesses": 0.8, "advertisers": 0.3, "publishers": 0.3,
            "developers": 0.2, "family of companies": 0.5, "corporate family": 0.5,
            "subsidiaries": 0.4, "external": 0.3,
        },
        verb_object_bonus=0.4,
        verb_party_bonus=1.2,
    ),
    "sale_targeted_ads": CategoryLexicon(
        cues={
            "sale of personal": 1.2, "sale of your": 0.8,
            "advertising": 1.2, "advertisement": 1.2, "advertise": 1.0, "advertiser": 0.4,
            "ad": 1.0, "ads personalization": 0.5, "personalized ads": 0.5, "personalized advertising": 0.3,
            "targeted": 0.8, "targeting": 0.8, "target": 0.5, "interest-based": 1.2,
            "behavioral": 0.6, "behavioural": 0.6, "cross-context": 1.2, "relevant": 0.3,
            "more relevant": 0.4, "ad networks": 0.6, "ad exchanges": 0.6, "sponsored": 1.0,
            "your ad choices": 0.8, "youronlinechoices": 1.0, "aboutads": 1.0,
            "network advertising initiative": 0.8, "digital advertising alliance": 0.8,
            "retargeting": 1.0, "programmatic": 0.8, "ad campaigns": 0.4, "next to or in connection with ads": 0.5,
            "testimonials": 0.6, "promote the services": 0.2, "personalizes advertising": 0.6,
            "merger": -1.0, "acquisition": -0.8, "bankruptcy": -0.8, "sale of assets": -0.8,
            "sell or transfer": -0.3, "sale merger": -0.5, "reorganization": -0.5,
            "assets": -0.6, "sell transfer or": -0.3, "business transfer": -0.8,
            "licensed not sold": -1.5, "buy sell": -0.8, "sell or transfer your account": -1.5,
            "sell your account": -1.5, "sell our business": -1.5, "sale of our business": -1.5,
            "sold by": -0.8,
        },
        verbs=dict(PPEVO_VERBS["sale_targeted_ads"][1]) | {"monetize": 0.8, "show": 0.1, "serve": 0.2,
                                                            "deliver": 0.1},
        objects=PERSONAL_DATA,
        verb_object_bonus=0.4,
    ),
    "tracking_tech": CategoryLexicon(
        cues={
            "cookie": 1.5, "cookies": 1.5, "web beacon": 1.5, "web beacons": 1.5, "beacon": 1.0,
            "pixel": 1.2, "pixels": 1.2, "tracking pixel": 0.5, "local storage": 1.0,
            "local shared objects": 1.0, "flash": 0.4, "sdk": 1.0, "sdks": 1.0,
            "software development kit": 1.0, "fingerprinting": 1.2, "do not track": 2.0,
            "dnt": 2.0, "global privacy control": 2.0, "gpc": 1.5, "web tag": 1.0, "web tags": 1.0,
            "ad tags": 0.6, "tag": 0.3, "tracking technologies": 1.0, "similar technologies": 1.0,
            "other technologies": 0.5, "tracking": 0.3, "google analytics": 1.5, "analytics": 0.8,
            "social plugin": 1.2, "social plug-ins": 1.2, "like button": 1.0, "widget": 0.6,
            "save button": 0.6, "embed": 0.3, "session": 0.3, "persistent": 0.4, "browser": 0.5,
            "browser settings": 0.5, "other websites": 0.4, "across websites": 0.8,
            "third party sites": 0.5, "third-party sites": 0.5, "off our services": 0.5,
            "on and off": 0.6, "when you visit": 0.4, "visit those sites": 0.5,
            "opened an email": 1.0, "open our emails": 1.0, "whether you opened": 1.0, "open rates": 1.0,
            "site you came from": 0.8, "url": 0.3, "urls": 0.3, "tracking methods": 1.0,
            "email content": 0.6, "links clicked": 0.6, "clicked": 0.3, "unique identifier": 0.4,
            "advertising identifier": 0.5, "device identifiers": 0.3, "limit ad tracking": 1.0,
            "referring": 0.8, "referral": 0.6, "referring site": 0.3, "business tools": 0.8, "facebook login": 0.5, "plugins": 0.8,
            "browser signals": 0.6, "signals": 0.2, "identify your device": 0.6,
            "offsite": 0.6, "off-site": 0.6, "activity off": 0.5, "activities off": 0.5,
            "recognize your web browser": 0.8, "measure the effectiveness": 0.4,
        },
        verbs=dict(PPEVO_VERBS["tracking_tech"][1]),
    ),
    "sensitive_data": CategoryLexicon(
        cues={
            "biometric": 2.0, "face recognition": 2.0, "facial recognition": 2.0, "face-recognition": 2.0,
            "voice": 1.0, "voice data": 1.5, "audio": 0.6, "recordings": 0.4, "health": 1.5,
            "medical": 1.5, "genetic": 2.0, "precise location": 2.0, "precise geolocation": 2.0,
            "geolocation": 1.2, "gps": 1.5, "location": 0.8, "location data": 0.6, "current location": 0.6,
            "location information": 0.5, "geographic": 0.5, "geographical": 0.5, "latitude": 1.0, "bluetooth": 0.6,
            "wi-fi": 0.3, "sexual orientation": 2.0, "racial": 1.5, "ethnic origin": 1.5,
            "religious beliefs": 1.5, "political opinions": 1.5, "sensitive": 1.2,
            "special categories": 1.5, "special protections": 1.2, "social security": 1.5,
            "financial information": 0.8, "bank account": 0.5, "photo ids": 0.6,
            "government id": 0.6, "speech recognition": 0.8,
        },
    ),
    "choice_consent": CategoryLexicon(
        cues={
            "opt out": 1.5, "opt-out": 1.5, "opt in": 1.2, "withdraw": 0.6, "choose": 0.6,
            "choose not to": 1.0, "constitutes your acceptance": 1.0, "constitutes agreement": 1.0,
            "constitutes your agreement": 1.0, "you agree to the revised": 1.0,
            "choice": 0.7, "choices": 0.7, "settings": 0.5, "preferences": 0.5, "control": 0.5,
            "controls": 0.5, "turn off": 0.6, "turned on": 0.4, "turn on": 0.3,
            "stop receiving": 1.0, "stop getting": 1.0, "limit": 0.3, "permission": 0.5,
            "with your permission": 0.6, "continued use": 0.8, "continue to use": 0.6,
            "by using": 0.5, "reply stop": 1.0, "audience": 0.8,
            "unlisted": 0.8, "visible": 0.3, "according to your settings": 0.6,
            "you have control": 1.0, "decide": 0.4, "if you prefer": 0.4, "if you choose": 0.4,
            "can choose": 0.5, "you can": 0.1, "object": 0.3, "ad choices": 0.3,
            "account settings": 0.5, "newsletter": 0.6, "communication preferences": 0.6,
            "promotional communications": 0.6, "instructions": 0.2, "accept or reject": 1.0,
            "privacy settings": 0.6, "you control": 0.6, "reject": 0.3,
            "with your consent": 0.5, "acceptance": 0.6,
            "if you continue": 0.6,
        },
        verbs=dict(PPEVO_VERBS["choice_consent"][1]),
    ),
    "user_rights": CategoryLexicon(
        cues={
            "request access": 1.0, "access": 0.1, "access your": 0.5, "access to your personal": 0.6,
            "access and delete": 0.8, "access or delete": 0.8, "access the personal": 0.8, "rectify": 1.0, "rectification": 1.0,
            "erase": 0.8, "erasure": 0.8, "deletion": 0.5, "portability": 1.5, "export": 0.8,
            "a copy of your": 1.0, "copy of the personal": 1.0, "copy of your information": 1.0,
            "machine readable": 1.0, "download your information": 1.0, "restrict": 0.4,
            "object to": 0.5, "object to the processing": 1.0, "data subject": 1.0, "dsar": 1.0, "your rights": 1.0, "rights": 0.3,
            "exercise": 0.6, "appeal": 1.0, "complaint": 0.8, "complaints": 0.8,
            "supervisory authority": 1.2, "data protection authority": 1.2,
            "data protection office": 0.8, "lodge": 0.8, "privacy dashboard": 0.8,
            "verify your identity": 0.6, "delete your account": 0.8, "close your account": 0.5,
            "request that we": 0.6,
            "you can request": 0.6, "you can ask us": 0.6, "request deletion": 0.8,
            "request a copy": 1.0, "data deletion": 0.6, "right to request": 0.6,
            "access update": 0.6, "clear": 0.3, "afforded": 0.4, "right to": 0.4,
            "de-identification": 0.2, "questions about our privacy": 0.2,
        },
        verbs=dict(PPEVO_VERBS["user_rights"][1]) | {"erase": 0.1, "download": 0.3},
        objects=PERSONAL_DATA | {"account": 0.0, "content": 0.0},
        verb_object_bonus=0.5,
    ),
    "data_retention": CategoryLexicon(
        cues={
            "retention": 1.5, "as long as": 1.0, "so long as": 1.0, "no longer necessary": 1.0,
            "no longer needed": 1.0, "backup": 1.0, "back-up": 1.0, "backup copies": 0.5,
            "archive": 0.3, "remain": 0.3, "indefinitely": 1.0, "period of time": 0.4,
            "retention period": 0.5, "limited period": 0.6, "minimum period": 0.8,
            "de-identified": 0.4, "depersonalized": 0.8, "anonymized": 0.3, "aggregated form": 0.6,
            "months": 0.3, "days": 0.1, "years": 0.1, "still be visible": 0.8,
            "will remain": 0.6, "continue to be stored": 1.0, "after you close": 0.6,
            "after an account has been deleted": 0.8, "deleted account": 0.4,
            "prior to deleting": 0.6, "no longer our customer": 0.8, "when you are no longer": 0.6,
            "business records": 0.6, "legal obligations": 0.3, "legal, accounting": 0.8,
            "reporting requirements": 0.6, "need to keep": 0.8, "still need": 0.4,
            "case-by-case": 0.5, "operational": 0.2, "deleted after": 1.0, "delete it after": 1.0,
            "retain ownership": -1.5, "retain all rights": -1.5, "retain any ownership": -1.5,
            "retain any rights": -1.5, "keep you": -0.6,
        },
        verbs=dict(PPEVO_VERBS["data_retention"][1]) | {"hold": 0.3, "maintain": 0.1},
        objects=PERSONAL_DATA | {"content": 0.0, "logs": 0.2, "copies": 0.0, "records": 0.0},
        verb_object_bonus=0.6,
    ),
    "security_breach": CategoryLexicon(
        cues={
            "security": 1.0, "secure": 0.8, "securely": 0.6, "no longer secure": 1.0,
            "gained access to your account": 1.0, "encrypt": 1.5, "encrypted": 1.5,
            "encryption": 1.5, "end-to-end": 1.0, "safeguard": 1.2, "safeguards": 1.2,
            "protect": 0.4, "unauthorized access": 1.0, "unauthorised access": 1.0,
            "unauthorized use": 1.0, "data breach": 1.5, "security incident": 0.8, "breach": 0.4,
            "compromised": 1.0, "two-factor": 1.5, "two factor": 1.5, "2 step": 1.5,
            "2-step": 1.5, "multi-factor": 1.5, "authentication": 0.8, "password": 0.8,
            "log-in credentials": 0.8, "login credentials": 0.8, "credentials": 0.5,
            "confidentiality": 0.8, "ssl": 1.0, "tls": 1.0, "https": 0.5, "ssh": 0.8,
            "firewall": 1.0, "need to know": 0.8, "personnel": 0.4, "employees": 0.3,
            "access controls": 1.0, "technical and organizational measures": 1.2,
            "security measures": 0.5, "reasonable measures": 0.8, "reasonable efforts": 0.2,
            "phishing": 0.3, "malware": 0.3, "fraudulently": 0.6, "theft": 0.5,
            "breach of these terms": -0.8, "breach this contract": -0.8, "breach these terms": -0.8,
            "breach of this agreement": -0.8, "breach any terms": -0.8, "materially or repeatedly breach": -0.6,
            "do not access": 0.6, "view access": 0.4, "private repository": 0.6,
            "security features": 0.6, "security checkup": 0.8, "help center": 0.1,
        },
    ),
    "international_transfer": CategoryLexicon(
        cues={
            "outside": 0.4, "other countries": 1.5, "countries": 0.5, "country": 0.3,
            "international": 1.0, "internationally": 1.0, "abroad": 1.2,
            "anywhere in the world": 1.5, "around the world": 0.5, "united states": 0.6,
            "outside of the united states": 0.6, "standard contractual clauses": 2.0,
            "adequacy": 1.5, "european commission": 1.0, "privacy shield": 2.0,
            "cross-border": 1.5, "data centers": 0.6, "home country": 1.0, "different laws": 0.8,
            "data protection laws": 0.4, "located in": 0.2, "where you live": 0.4,
            "jurisdiction": 0.1,
        },
        verbs={"transfer": 0.4, "process": 0.2, "store": 0.2, "host": 0.2},
        objects={"countries": 0.0, "country": 0.0, "outside": 0.0, "world": 0.0, "united states": 0.0},
        verb_object_bonus=0.8,
    ),
    "children_audiences": CategoryLexicon(
        cues={
            "children": 1.5, "child": 1.5, "minor": 1.0, "minors": 1.0, "under the age": 1.5,
            "age of": 0.8, "years old": 1.0, "years of age": 1.0, "under 13": 1.5, "under 16": 1.5,
            "under 18": 1.5, "parental": 1.0, "parent or guardian": 1.0, "legal guardian": 1.0,
            "teen": 1.2, "teens": 1.2, "teenagers": 1.2, "coppa": 2.0, "students": 0.5,
            "student records": 0.6, "school": 0.5, "california": 0.6, "ccpa": 1.5, "cpra": 1.5,
            "gdpr": 1.0, "lgpd": 1.5, "brazil": 1.0, "brazilian": 1.0, "european": 0.4,
            "eea": 0.6, "designated countries": 1.2, "residents": 0.5, "resident": 0.5,
            "nevada": 0.8, "virginia": 0.8, "colorado": 0.8, "if you live in": 0.6,
            "if you are located": 0.5, "switzerland": 0.4, "other regions": 0.6,
            "regions": 0.3, "not for use by anyone": 0.8, "anyone under": 1.0,
        },
    ),
    "government_requests": CategoryLexicon(
        cues={
            "law enforcement": 2.0, "government": 1.2, "governments": 1.2, "subpoena": 1.5,
            "court order": 1.2, "search warrant": 1.2, "legal process": 1.2,
            "legal demands": 1.2, "legal request": 1.0, "required by law": 1.0,
            "legal obligation": 0.6, "comply with applicable law": 0.5, "respond to": 0.3,
            "regulators": 0.8, "authorities": 0.8, "public authorities": 0.8,
            "national security": 1.5, "transparency report": 1.5, "emergency": 0.5,
            "exigent": 1.0, "good faith": 0.8, "good-faith": 0.8, "protect the rights": 0.5,
            "legal claims": 0.3, "officials": 0.6, "inquiries": 0.4, "prior notice before disclosing": 0.8,
            "legal rights": 0.3, "valid legal": 0.6,
        },
        verbs={"disclose": 0.3, "respond": 0.3, "share": 0.0, "provide": 0.0, "preserve": 0.2,
               "notify": 0.1},
        parties={"law enforcement": 0.0, "government": 0.0, "authorities": 0.0, "court": 0.0,
                 "regulators": 0.0, "officials": 0.0},
        verb_party_bonus=0.8,
    ),
    "policy_change_notice": CategoryLexicon(
        cues={
            "amend": 0.8, "amended": 0.8, "amendment": 0.8, "amendments": 0.8, "revise": 0.5,
            "revised": 0.5, "revision": 0.3, "from time to time": 0.5, "material changes": 1.5,
            "material change": 1.5, "materially change": 1.5, "changes to the": 0.6,
            "changes to this": 0.8, "changes to these": 0.8, "changes to our": 0.6,
            "continued use": 0.8, "continue to use": 0.5, "effective date": 0.4,
            "advance notice": 0.8, "prior notice": 0.3, "notify you": 0.3, "notify users": 0.5,
            "days before": 0.5, "before the changes": 1.0, "take effect": 0.8,
            "periodically": 0.6, "review this": 0.3, "regularly review": 0.8, "on a regular basis": 0.5,
            "old versions": 1.2, "track changes": 1.0, "policy updates": 1.0, "updated date": 0.6,
            "any changes": 0.5, "the changes": 0.4, "modifications": 0.6, "modification": 0.6,
            "revised agreement": 0.8, "revised terms": 0.8, "up to date with": 0.3,
            "site policy repository": 1.0, "posting the revised": 1.0, "by posting": 0.6,
        },
        verbs={"change": 0.2, "modify": 0.2, "amend": 0.0, "revise": 0.0, "update": 0.2,
               "replace": 0.2, "notify": 0.2, "post": 0.1},
        objects=AGREEMENT,
        verb_object_bonus=1.0,
    ),
    "content_license_ip": CategoryLexicon(
        cues={
            "license": 0.8, "licence": 0.8, "licensed": 0.4, "sublicensable": 1.5,
            "sub-licensable": 1.5, "sublicense": 1.5, "royalty-free": 1.5, "royalty free": 1.5,
            "royalty": 0.5, "worldwide": 0.6, "non-exclusive": 1.2, "nonexclusive": 1.2,
            "perpetual": 1.0, "irrevocable": 0.6, "transferable": 0.6, "fully paid": 0.6,
            "derivative works": 1.5, "reproduce": 0.8, "publicly display": 0.6, "display": 0.2,
            "perform": 0.3, "distribute": 0.3, "publish": 0.2, "adapt": 0.4,
            "now known": 1.2, "hereafter developed": 1.2, "later developed": 1.2,
            "media formats": 0.8, "intellectual property": 1.0, "copyright": 1.2,
            "copyrights": 1.2, "trademark": 1.0, "moral rights": 2.0, "ownership": 1.0,
            "own all": 0.6, "you own": 0.8, "ownership rights": 0.5, "your content": 0.6,
            "user content": 0.6, "user generated": 0.5, "user engagement": 0.6, "content": 0.2,
            "feedback": 0.8, "suggestions": 0.8, "ideas": 0.4, "submissions": 0.6,
            "without compensation": 0.6, "compensate": 0.4, "infringe": 1.0, "infringes": 1.0,
            "infringing": 1.0, "infringement": 1.0, "infringers": 1.0, "dmca": 1.5,
            "counter notification": 1.5, "counter-notification": 1.5, "counter notice": 1.5,
            "designated agent": 1.0, "copyright agent": 0.5, "attribute": 0.6, "attribution": 0.8,
            "open source": 1.0, "free software": 1.0, "creative commons": 1.5,
            "allow re-use": 1.0, "fork": 0.6, "not sold": 0.4, "licensed not sold": 1.0,
            "name username voice or likeness": 0.6, "likeness": 0.6, "store archive parse": 0.6,
            "virtual goods": 0.4, "service materials": 0.6, "grant us": 0.6, "you grant": 0.6,
            "grant to us": 0.6, "non-infringement": -0.8, "merchantability": -0.6,
            "retain ownership": 1.0, "retain all rights": 1.0, "retain any ownership": 1.0,
            "retain any rights": 1.0,
        },
    ),
    "account_termination": CategoryLexicon(
        cues={
            "terminate": 1.0, "terminated": 1.0, "termination": 1.0, "suspend": 1.0,
            "suspended": 1.0, "suspension": 1.0, "disable": 0.3, "disabled": 0.4,
            "deactivate": 0.2, "discontinue": 1.2, "discontinuing": 1.2, "cease": 0.4,
            "restrict": 0.4, "block": 0.5, "reject": 0.4, "reclaim": 0.8, "banned": 1.0,
            "ban": 0.8, "re-register": 1.0, "another account": 0.8, "create another account": 0.6,
            "for any reason": 0.6, "any or no reason": 0.8, "without notice": 0.4,
            "without prior notice": 0.4, "sole discretion": 0.3, "sole judgment": 0.4,
            "survive": 1.0, "survives": 1.0, "repeat infringers": 0.8, "repeat infringer": 0.8,
            "repeat": 0.3, "violates": 0.3, "violate": 0.3, "violating": 0.3, "breach": 0.3,
            "username": 0.6, "remove any content": 0.8, "remove content": 0.8,
            "delete or remove": 0.6, "reserves the right to remove": 0.8, "monitor": 0.2,
            "edit": 0.3, "close your account": 1.0, "delete your account": 0.8,
            "deleting your account": 0.6, "leave": 0.2, "at any time": 0.2,
            "two months": 0.3, "prior notice": 0.3, "limit how you": 0.6, "temporarily": 0.4,
            "permanently": 0.4, "access to the content": 0.3, "cancel": 0.4,
            "close your": 0.4, "previously disabled": 1.0,
            "right to remove": 0.6, "change suspend": 0.6, "modify suspend": 0.6,
        },
        verbs=dict(PPEVO_VERBS["account_termination"][1]) | {"terminate": 0.0, "suspend": 0.0,
                                                            "delete": 0.2, "cancel": 0.1},
        objects={"account": 0.3, "accounts": 0.3, "content": 0.0, "services": 0.0},
        verb_object_bonus=0.6,
    ),
    "dispute_resolution": CategoryLexicon(
        cues={
            "arbitration": 2.0, "arbitrate": 2.0, "arbitrator": 2.0, "class action": 2.0,
            "class-wide": 1.5, "class proceeding": 1.5, "representative action": 1.0,
            "representative capacity": 1.0, "jury": 1.5, "governing law": 1.5, "governed by": 1.5,
            "laws of the state": 1.5, "law of the state": 1.5, "conflict of laws": 1.5,
            "conflicts of law": 1.5, "conflict of law": 1.5, "jurisdiction": 1.0, "venue": 1.5,
            "courts": 0.8, "court": 0.6, "federal or state": 0.8, "dispute": 1.0,
            "disputes": 1.0, "cause of action": 1.5, "legal action": 1.0, "legal proceeding": 1.0,
            "claim arising": 0.6, "claims arising": 0.6, "arising out of": 0.4,
            "within one year": 0.8, "within one 1 year": 0.8, "permanently barred": 1.0,
            "small claims": 1.5, "mediation": 1.5, "laws of": 0.6, "law will apply": 0.8,
            "will apply to any disputes": 0.8, "exclusively": 0.3, "brought": 0.5,
            "court order": -1.0, "court orders": -1.0, "dispute with one or more users": -1.5,
            "disputes between you and other users": -1.5, "dispute with another user": -1.5,
            "disputes with other users": -1.5, "interactions with other users": -0.5,
            "subject matter jurisdiction": 0.3, "personal jurisdiction": 0.8,
            "competent jurisdiction": -1.2,
            "made and executed": 0.8,
        },
    ),
    "liability_warranty_payment": CategoryLexicon(
        cues={
            "liable": 1.2, "liability": 1.2, "warranty": 1.2, "warranties": 1.2, "warrant": 0.8,
            "as is": 1.5, "as available": 1.5, "merchantability": 2.0,
            "fitness for a particular purpose": 2.0, "non-infringement": 1.0, "disclaim": 1.2,
            "disclaims": 1.2, "indemnify": 2.0, "indemnification": 2.0, "hold harmless": 2.0,
            "harmless": 1.5, "defend": 0.8, "damages": 1.0, "consequential": 1.0,
            "incidental": 0.8, "lost profits": 1.5, "losses": 0.6, "loss of data": 0.6,
            "not responsible": 1.2, "responsible": 0.5, "responsibility": 0.6,
            "you are responsible": 1.0, "solely responsible": 1.2, "accurate or reliable": 1.0,
            "you release": 1.5, "release us": 1.5, "sole risk": 1.5,
            "own risk": 1.5, "your own discretion and risk": 0.5, "guarantee": 1.0,
            "error-free": 1.2, "error free": 1.2, "uninterrupted": 1.2, "accurate": 0.3,
            "reliable": 0.4, "endorse": 1.0, "refund": 1.5, "refunds": 1.5, "refundable": 1.5,
            "non-refundable": 1.5, "fee": 1.0, "fees": 1.0, "charge": 0.8, "charged": 0.8,
            "payment": 0.8, "billed": 0.8, "billing": 0.6, "subscription": 0.6, "renew": 0.8,
            "renewal": 0.8, "recurring": 1.0, "taxes": 0.6, "price": 0.8, "credit card": 0.6,
            "purchase": 0.5, "purchases": 0.5, "free trial": 1.0, "release": 0.4,
            "any and all claims": 0.6, "no obligation": 0.4, "expectations": 0.6,
            "quality": 0.6, "defects": 0.8, "errors": 0.4, "corrected": 0.5, "viruses": 0.3,
            "links": 0.3, "external site": 0.5, "third-party websites": 0.5, "third party websites": 0.5,
            "not authored": 0.5, "reliance": 0.8, "we provide our service as is": 0.5,
            "risk": 0.4, "promises": 0.3, "attorney": 0.5, "reasonable skill and care": 0.8,
        },
    ),
    "contact_generic": CategoryLexicon(
        cues={
            "contact us": 1.2, "contact": 0.4, "email us": 0.8, "questions": 0.5,
            "write to us": 1.0, "mailing address": 1.0, "address": 0.2, "phone": 0.2,
            "help center": 0.8, "help desk": 1.0, "customer service": 1.0, "customer support": 0.6,
            "support": 0.2, "faq": 0.8, "faqs": 0.8, "about us": 0.8, "last updated": 1.5,
            "last modified": 1.5, "last revised": 1.5, "effective": 0.8, "effective as of": 1.0,
            "revision": 0.8, "version": 0.4, "definitions": 1.5, "means": 0.5, "refers to": 0.8,
            "refer to": 0.4, "the term": 0.5, "defined": 0.4, "welcome": 1.2, "thank you": 0.8,
            "summary": 1.2, "overview": 1.0, "introduction": 1.0, "simply put": 1.2,
            "in short": 0.8, "table of contents": 1.2, "explain": 0.6, "examples": 0.5,
            "who we are": 1.0, "subsidiary": 1.0, "family of companies": 0.5, "joined": 0.6,
            "this policy describes": 1.0, "this privacy policy applies": 0.8, "only applies": 0.8,
            "applies to": 0.4, "apply to": 0.3, "service-specific": 0.8, "additional terms": 0.8,
            "separate terms": 0.8, "their own terms": 0.3, "each have their own": 0.6,
            "unenforceable": 1.2, "invalid": 0.8, "remain in effect": 1.2, "full force": 1.2,
            "severability": 1.5, "severable": 1.5, "waiver": 1.0, "fail to enforce": 1.5,
            "failure to enforce": 1.5, "to enforce": 0.8, "not constitute a waiver": 1.0,
            "shall not waive": 0.8, "remaining provisions": 1.0, "competent jurisdiction": 0.8,
            "entire agreement": 1.5, "headings": 0.8, "language": 0.5,
            "languages": 0.8, "translation": 0.8, "titles": 0.5, "not legally binding": 0.5,
            "help": 0.2, "please read": 0.6, "learn more": 0.2, "privacy@": 0.0,
        },
    ),
}


#: Words that negate the verb that follows them ("we do not sell", "never share").
NEGATORS: frozenset[str] = frozenset({"not", "never", "no", "neither", "nor", "without", "none"})

#: Modal verbs (kept in explanations so a reader sees "may share" vs "will share").
MODALS: frozenset[str] = frozenset({"may", "might", "can", "could", "will", "would", "shall",
                                    "should", "must"})


@cache
def ppevo_roles() -> dict[str, dict]:
    """The bundled ppevo subset: verb -> {OPP-115 code: {argument role: semantic role}}."""
    raw = resources.files("summarizer").joinpath("data", "ppevo_verbs.json").read_text(encoding="utf-8")
    data = json.loads(raw)
    data.pop("_meta", None)
    return data


#: Irregular inflections of lexicon words (regular ones are generated by :func:`inflections`).
IRREGULAR: dict[str, tuple[str, ...]] = {
    "sell": ("sold",), "keep": ("kept",), "give": ("gave", "given"), "hold": ("held",),
    "send": ("sent",), "make": ("made",), "take": ("took", "taken"), "choose": ("chose", "chosen"),
    "withdraw": ("withdrew", "withdrawn"), "buy": ("bought",), "get": ("got", "gotten"),
    "know": ("knew", "known"), "show": ("shown",), "write": ("wrote", "written"),
    "child": ("children",), "shut": (), "set": (), "put": (), "read": (),
    "forbid": ("forbade", "forbidden"), "seek": ("sought",), "bring": ("brought",),
    "lend": ("lent",), "lease": ("leased",), "leave": ("left",), "ban": ("banned", "banning"),
}

_VOWELS = frozenset("aeiou")
#: Short function words are never inflected ("us" must not claim "using").
_NO_INFLECT = frozenset({"a", "an", "as", "at", "be", "by", "do", "if", "in", "is", "it", "no", "of",
                         "on", "or", "so", "to", "up", "we", "us", "the", "and", "any", "all", "our",
                         "you", "your", "for", "from", "with", "not", "per", "via", "its", "this",
                         "that", "these", "those", "who", "how", "why", "what"})


def inflections(word: str) -> set[str]:
    """Regular inflected forms of *word* (plural/3rd person, past, -ing) plus known irregulars.

    Over-generation is harmless: forms that are not English never occur in text. Derivations
    ("collection", "retention") are *not* produced; the lexicons list them where they matter.
    """
    forms = {word}
    forms.update(IRREGULAR.get(word, ()))
    if len(word) < 2 or not word.isalpha() or word in _NO_INFLECT:
        return forms
    last, before = word[-1], word[-2]
    if word.endswith(("s", "x", "z", "ch", "sh")):
        forms.add(word + "es")
    elif last == "y" and before not in _VOWELS:
        forms.add(word[:-1] + "ies")
    else:
        forms.add(word + "s")
    if last == "e":
        forms.add(word + "d")
        if not word.endswith("ee"):
            forms.add(word[:-1] + "ing")
        else:
            forms.add(word + "ing")
    elif last == "y" and before not in _VOWELS:
        forms.update({word[:-1] + "ied", word + "ing"})
    else:
        forms.update({word + "ed", word + "ing"})
        if last not in _VOWELS and last not in "wxy" and before in _VOWELS:
            forms.update({word + last + "ed", word + last + "ing"})  # stop -> stopped, log -> logged
    return forms
