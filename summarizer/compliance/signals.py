"""Which kinds of change (the signal vocabulary of REGULATIONS.md) one change of a record shows.

A signal fires from the change's category and direction, or from words that the new quotes add
(or the old quotes lose). Plain regular expressions: cheap, explainable, testable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from summarizer.compliance.denials import in_denial
from summarizer.compliance.practices import (
    denied,
    gives_to_new_recipient,
    new_ai_interaction,
    new_inference,
    new_legal_basis,
    new_transfer_mechanism,
)
from summarizer.compliance.practices import sentence_around as _sentence
from summarizer.model.record import Change

_I = re.IGNORECASE


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, _I)


# Words whose appearance in the new text (and absence from the old) signals the change.
ADDED_WORDS: dict[str, re.Pattern[str]] = {
    "sale_of_data": _rx(r"\b(sell|sells|sold|sale of (your )?(personal )?(data|information)|rent)\b"),
    "targeted_advertising": _rx(
        r"personali[sz]ed ad|targeted ad|interest[- ]based ad|cross[- ]context|behaviou?ral advertising|"
        r"ads? (you see|across)|advertising partners|cross[- ]device|retarget|relevance of (the )?ads|"
        r"(ads|advertising) on other (websites|sites|apps|services)|"
        r"personali[sz]\w*(\s+\w+,?){0,5}\s+(and\s+)?(ads|advertising)\b"
    ),
    "new_recipient_class": _rx(
        r"\b(partners?|affiliates?|advertisers?|sellers?|relying part(y|ies)|third[- ]part(y|ies)|"
        r"group companies|subsidiaries)\b"
    ),
    "opt_out_added": _rx(r"opt[- ]out|do not sell|global privacy control|\bGPC\b"),
    "consent_implied_by_use": _rx(
        r"continu\w* (to )?us\w*|by (using|accessing|utili[sz]ing)|deemed (to )?(have )?(accept|agree|consent)"
    ),
    # "Parental control(s)" is a feature offered to adults (channel blocking), not data about children.
    "children_data": _rx(
        r"\b(child|children|minors?|teens?|under the age|under \d+|parent(al)?|guardian)\b(?!\s+controls?\b)"
    ),
    "sensitive_data": _rx(
        r"\b(health|biometric|genetic|precise (geo)?location|sexual|religio\w+|racial|ethnic|"
        r"financial account|social security|facial|face (data|geometry|recognition|grouping|detection)|"
        r"information about faces)\b"
    ),
    # Profiling, not a user's profile ("profile photo", "profile details" are account data; round 6).
    "automated_decisions": _rx(
        r"automat\w+ (decision|process)|algorithm|\bscor(e|es|ing)\b|profiling\b|"
        r"profil(e|es|ed) (you|users?|people|individuals|consumers|customers)\b|(build|creat)\w* (a )?profiles?\b"
    ),
    # Round 8 (cprec8): not "Do Not Track", a browser's preference signal (the reader's choice, read under
    # opt_out_removed when it goes), not a technology that reads the device.
    "tracking_technology": _rx(r"cookie|pixel|\bSDK|web beacon|fingerprint|tracking tech"),
    "arbitration_clause": _rx(r"arbitrat"),
    "class_action_waiver": _rx(r"class action|representative action|class[- ]wide"),
    "governing_law_changed": _rx(
        r"governing law|governed by (and construed in accordance with )?the laws?|exclusive jurisdiction|venue|courts of"
    ),
    "auto_renewal": _rx(
        r"auto(matic(ally)?)?[- ]renew|renews? automatically|recurring[ /](charge|payment|billing|subscription)|"  # "/": or
        r"until (you )?cancel|"
        # Round 6: a free trial that turns into a charge is a negative option too.
        r"(expiration|expiry|end) of (your|the|a|any) (free )?trial\b[^.]{0,80}\b(charg|bill)|"
        r"(free )?trial( period)? (ends|expires)\b[^.]{0,80}\b(charg|bill)|"
        r"free trials? (will )?(automatically )?(convert|become|roll)"
    ),
    # A refund the new text offers is in the user's favour (a lost refund is in LOST_WORDS).
    "fees_or_charges": _rx(r"\bfees?\b|charge|chargeback|payment|prepaid"),
    "liability_limited": _rx(r"liabilit|disclaim|as is|no obligation|not (be )?(liable|responsible)"),
    "indemnity_added": _rx(r"indemnif|make (us|\w+) whole|hold harmless"),
    "withdrawal_right": _rx(r"withdraw|cooling[- ]off"),
    "government_access": _rx(r"law enforcement|government|authorit(y|ies) request|subpoena"),
    "new_transfer_destination": _rx(
        r"transfer\w* (your )?(personal )?(data|information)|outside (of )?(the )?(EEA|European|country)|"
        r"standard contractual|adequacy|overseas|cross[- ]border"
    ),
    "training_on_user_content": _rx(
        r"train\w* (our |the )?(ai|models?|machine)|machine learning|"
        r"(improv|develop|enhanc)\w*\s+(our\s+|the\s+|its\s+)?(\w+\s+){0,3}?"
        r"(models?|ai|artificial intelligence|assistants?|chat ?bots?|algorithms?)\b"
    ),
    "unilateral_change": _rx(
        r"(change|modify|update|amend)\w* (these|this|the) (terms|policy|agreement)|from time to time|"
        r"changes? (will|shall) (be|become) effective"
    ),
    # A verb of collection with its object ("receive age-appropriate protections" collects nothing).
    "new_data_type": _rx(
        r"\b(collect|receiv|obtain|infer|gather|record|estimat)\w*\s+(\w+[,]?\s+){0,4}?"
        r"(data|information|details|content|identifiers?|location|recordings?|messages|"
        r"communications|history|records)\b"
    ),
}

# Round 9 (cprec9): "payment" names how one pays ("a third-party payment provider", "when payment is due"),
# not a cost; in a change the record does not rate worse only the words of a cost count.
_COST_WORDS = _rx(r"\bfees?\b|charge|chargeback|prepaid")

# Protections whose disappearance from the old text signals the change.
LOST_WORDS: dict[str, re.Pattern[str]] = {
    "sale_of_data": _rx(r"(will|do|does) not (sell|rent|share)|never (sell|rent)"),
    "opt_out_removed": _rx(r"opt[- ]out|do not track|global privacy control|right to (reject|opt|object)"),
    "consent_removed": _rx(r"\bconsent\b|opt[- ]in"),
    "notice_removed": _rx(r"notify|notice|tell you|inform you|\d+ days"),
    "rights_reduced": _rx(r"right to (know|access|delete|deletion|correct|portab|appeal|object)"),
    "fees_or_charges": _rx(r"\brefund"),
}

# A change's category alone, when it got worse for the user.
CATEGORY_WORSE: dict[str, tuple[str, ...]] = {
    "data_collection": ("new_data_type",),
    "data_use_purpose": ("purpose_broadened",),
    "third_party_sharing": ("new_recipient_class",),
    "sale_targeted_ads": (),
    "tracking_tech": ("tracking_technology",),
    "sensitive_data": ("sensitive_data",),
    "choice_consent": (),
    "user_rights": ("rights_reduced",),
    "data_retention": ("retention_extended",),
    "security_breach": ("breach_notice",),
    "international_transfer": ("new_transfer_destination",),
    "children_audiences": (),
    "government_requests": ("government_access",),
    "policy_change_notice": ("unilateral_change",),
    "content_license_ip": ("content_licence_broadened",),
    "account_termination": ("termination_without_notice",),
    "dispute_resolution": (),
    "liability_warranty_payment": (),
    "ai_training": ("training_on_user_content",),
    "contact_generic": (),
}

# Categories where a wholly new passage describes a new flow of data (not a new right or term).
FLOW_CATEGORIES = frozenset(
    "data_collection data_use_purpose third_party_sharing sale_targeted_ads tracking_tech sensitive_data "
    "ai_training international_transfer children_audiences data_retention".split()
)

# Category-derived signals that also need a word of their topic in the changed passage.
NEEDS_WORDS: dict[str, re.Pattern[str]] = {
    "rights_reduced": _rx(r"\bright|request|access|delet|correct|portab|object|appeal|opt[- ]out"),
    # A new purpose or a new kind of data is about someone's data: a passage misfiled under these
    # categories that names no data ("services may use the Internet", a law-enforcement contact
    # route) opens no new flow.
    # Round 5: and a use of it. A list of data items ("Location Information, MAC Address") or the tools
    # a purpose is served with ("a variety of tools ..., including ad and analytics services") states
    # no new use of anyone's data: the data words must be the object of a verb of use, or the subject
    # of "is used", or a stated purpose ("for the purpose of").
    "purpose_broadened": _rx(
        r"\b(us(e|es|ed|ing)|process(es|ed|ing)?|analy[sz]\w*|combin\w*|link(s|ed|ing)?|infer\w*|shar(e|es|ed|ing))\s+"
        r"(\w+[,]?\s+){0,4}?(data|information|info|content|activity|history|messages?|communications?|"
        r"profiles?|inputs?|location|identifiers?|recordings?|photos?|videos?|chats?|conversations?)\b|"
        r"\b(data|information|info|content|activity|history|messages?|chats?|conversations?)\s+"
        r"(\w+\s+){0,3}?(is|are|may be|will be|can be)\s+used\b|\bpurposes? of\b"
    ),
    # Training on user content needs a word of training: a passage filed under AI that says an AI
    # feature answers or resumes ("resume an AI Mode interaction", "AI responses personalized to
    # you") trains nothing.
    "training_on_user_content": _rx(
        r"\b(train\w*|machine learning|(improv|develop)\w*\s+(\w+\s+){0,4}?"
        r"(ai|artificial|assistants?|chat ?bots?|algorithms?|technolog\w+))\b"
    ),
    "new_data_type": _rx(
        r"\b(data|information|content|activity|history|messages?|communications?|profiles?|inputs?|"
        r"location|identifiers?|recordings?|photos?|videos?|chats?|records?)\b"
    ),
    # Retention is about keeping data for a time ("secure storage" of the user's files is the service).
    "retention_extended": _rx(
        r"\b(retain\w*|retention|kept|keep(s|ing)?\s+(your|the|this|these|it|them|such|personal|data|"
        r"information|records?|logs?|copies)|delet\w*|eras\w*|anonymi[sz]\w*|as long as|periods?|"
        r"extensions?|(short|long)[- ]term|"
        r"\d+\s+(days?|weeks?|months?|years?))\b"
    ),
    # Sharing needs someone to share with ("secure storage and sharing of your data" names no one).
    "new_recipient_class": _rx(
        r"\b(partners?|affiliates?|advertisers?|vendors?|providers?|sellers?|merchants?|recipients?|"
        r"third[- ]part(y|ies)|compan(y|ies)|subsidiar\w+|group|organi[sz]ations?|developers?|apps?|"
        r"relying part(y|ies)|contractors?|agents?|authorit\w+|disclos\w*|share[sd]? (it |them |this )?with)\b"
    ),
    # Round 6: tracking rules need a word of tracking ("financial plugins ... are for informational purposes
    # only", filed under tracking, reads nothing from a device).
    "tracking_technology": _rx(
        r"cookie|pixel|\bSDK|beacon|track\w*|fingerprint|local storage|device (data|information|identifiers?)|"
        r"identifiers?|\btags?\b|analytics|web storage|similar technolog"
    ),
    # Round 6: a breach-notice rule needs a passage about security ("end users can view their own
    # conversations", filed under security, concerns who sees what, not a breach).
    "breach_notice": _rx(
        r"\b(breach\w*|incidents?|unauthori[sz]ed|compromis\w*|hack\w*|leak\w*|encrypt\w*|secur\w*|"
        r"safeguard\w*|protect\w*|attack\w*|vulnerab\w*)\b"
    ),
    "termination_without_notice": _rx(
        r"terminat|suspen|clos(e|ing) (your )?account|disabl|revok|remov|ban\b"
    ),
    # Round 8 (cprec8): a new destination needs a word of data going abroad. A passage filed under
    # transfers that says nothing of it ("The application of the United Nations Convention on Contracts for
    # the International Sale of Goods (CISG) is excluded.") opens no transfer.
    "new_transfer_destination": _rx(
        r"\b(transfer\w*|abroad|overseas|outside|cross[- ]border|countr(y|ies)|jurisdictions?|adequa\w*|"
        r"standard contractual|binding corporate rules|data privacy framework)\b"
    ),
}

# A sentence that limits a practice ("you may only use data ... for", "solely", "must not") restricts
# it rather than stating it (read for a new passage the record rated better).
_RESTRICTS = re.compile(
    r"\b(may only|can only|only (be )?used?|solely|sole purpose|must not|may not|prohibit\w*)\b", _I
)


# Signals that only count when the change sits in a category where they make sense.
SIGNAL_CATEGORIES: dict[str, tuple[str, ...]] = {
    "sale_of_data": ("sale_targeted_ads", "third_party_sharing", "children_audiences", "choice_consent"),
    "targeted_advertising": (
        "sale_targeted_ads",
        "ai_training",
        "data_use_purpose",
        "tracking_tech",
        "children_audiences",
        "data_collection",
        "third_party_sharing",
        "choice_consent",
    ),
    "new_recipient_class": ("third_party_sharing", "sale_targeted_ads", "data_collection"),
    "new_data_type": ("data_collection",),
    "consent_implied_by_use": ("policy_change_notice", "choice_consent", "tracking_tech"),
    "automated_decisions": ("ai_training", "account_termination", "data_use_purpose"),
    "arbitration_clause": ("dispute_resolution",),
    "class_action_waiver": ("dispute_resolution",),
    "governing_law_changed": ("dispute_resolution",),
    "auto_renewal": ("liability_warranty_payment", "account_termination"),
    "fees_or_charges": ("liability_warranty_payment", "account_termination"),
    "liability_limited": ("liability_warranty_payment", "dispute_resolution", "account_termination"),
    "indemnity_added": ("liability_warranty_payment",),
    "withdrawal_right": ("liability_warranty_payment",),
    "unilateral_change": ("policy_change_notice",),
    "government_access": ("government_requests",),
    "new_transfer_destination": ("international_transfer",),
    "notice_removed": ("policy_change_notice", "data_collection", "security_breach", "children_audiences"),
    "rights_reduced": ("user_rights", "children_audiences", "choice_consent"),
    "opt_out_removed": (
        "choice_consent",
        "sale_targeted_ads",
        "tracking_tech",
        "children_audiences",
        "user_rights",
    ),
}

# A sale or advertising word that names what the reader may opt out of or limit ("opt out of the sale
# of your personal information", "you can limit personalised ads") describes the choice, not the practice.
_CHOICE_BEFORE = re.compile(
    r"\b(opt(ing)?[- ]?out|object(ing)? to|limit|turn(ing)? off|disabl\w*|stop|refuse|decline)\b(\W+\w+){0,5}\W*$",
    _I,
)
CHOICE_SIGNALS = frozenset({"sale_of_data", "targeted_advertising"})


# A sentence offering parental controls describes a feature adults use to keep children from content
# ("parental control or channel blocking to prevent children in the household from viewing"): it
# collects nothing from children.
_PARENTAL_CONTROL = re.compile(r"\bparental\s+controls?\b", _I)
# Round 7 (cprec7): a child word inside the name of abuse content ("child sexual abuse material", "sexual
# content involving minors", "child exploitation") is a rule of conduct about content, not data about a child
# who uses the service.
_ABUSE_AFTER = re.compile(
    r"^[ -]+(?:\w+[ -]+)?(?:sexual|abuse|exploit|pornograph|groom|traffick|endanger)", _I
)
_ABUSE_BEFORE = re.compile(r"\b(?:sexual\w*|abuse|exploit\w*|pornograph\w*)[ -]+(?:\w+[ -]+){0,3}$", _I)
# "We do not sell ..." is the company stating what it does not do, not the "Do Not Sell" link or choice.
_SUBJECT_BEFORE = re.compile(r"\b(?:we|they|it|who|which|that)\s+$", _I)


# Words naming where data comes from, just before a party ("from our advertising partners").
_FROM_SOURCE = re.compile(
    r"\bfrom\s+(?:(?:our|their|its|the|these|such|other|certain)\s+)?(?:[\w-]+\s+)?$", _I
)


# A denied sale or sharing is still the sale laws' subject: "has not sold or shared ... in the preceding 12
# months" is the disclosure those laws ask a privacy policy to make (CCPA 1798.130(a)(5)(C)), and a lost
# "we will not sell" is a signal of its own (LOST_WORDS). Other practices a passage denies are not stated.
DENIAL_DISCLOSES = frozenset({"sale_of_data", "targeted_advertising"})


# Round 8 (cprec8): the title of a section a sentence refers to ("Except as set forth in Section 19
# (Arbitration)", "see the section titled “Children's Privacy”") names a clause, it does not state it:
# the words up to a clause word, when it sits in such a title.
_CROSS_REFERENCE = re.compile(
    r"\b(?:sections?|clauses?|paragraphs?|articles?|parts?|§)\s*[\dIVXivx]+(?:\.\d+)*[a-z]?\s*\([^()]{0,60}$|"
    r"\b(?:sections?|clauses?|paragraphs?|parts?)\s+(?:[\w.]+\s+)?(?:titled|entitled|called|headed|named)\s*"
    r"[\"“'‘][^\"”'’]{0,60}$",
    _I,
)


# Round 8 (cprec8b): a sentence making parties "third party beneficiaries" of a clause says who may enforce
# it ("DeepSeek's affiliates, suppliers, licensors, and employees are intended third party beneficiaries of
# this section"): its party words name no recipient of anyone's data.
_BENEFICIARIES = re.compile(r"\bthird[- ]party\s+beneficiar(?:y|ies)\b", _I)


def in_cross_reference(text: str, pos: int) -> bool:
    """The word at *pos* is inside the title of a section the sentence refers to (see ``_CROSS_REFERENCE``)."""
    return bool(_CROSS_REFERENCE.search(text[max(0, pos - 90) : pos]))


def _stated(signal: str, rx: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The first place *text* states the signal's practice (not inside a denial, round 6; for sale and ads:
    not as an opt-out's object; for children: not in a sentence offering parental controls; not in the
    title of a section referred to, round 8)."""
    for m in rx.finditer(text):
        if in_cross_reference(text, m.start()):
            continue  # "as set forth in Section 19 (Arbitration)": names the clause, does not state it
        if signal not in DENIAL_DISCLOSES and in_denial(text, m.start()):
            continue  # "is not used to train our models", "has not “sold,” ... under 18": no practice
        if signal in CHOICE_SIGNALS and _CHOICE_BEFORE.search(text[max(0, m.start() - 60) : m.start()]):
            continue
        if signal == "children_data" and _PARENTAL_CONTROL.search(_sentence(text, m)):
            continue
        if signal == "children_data" and (
            _ABUSE_AFTER.match(text[m.end() : m.end() + 40])
            or _ABUSE_BEFORE.search(text[max(0, m.start() - 50) : m.start()])
        ):
            continue  # "child sexual abuse material": content, not a child's data
        if (
            signal == "opt_out_added"
            and m.group(0).lower() == "do not sell"
            and _SUBJECT_BEFORE.search(text[max(0, m.start() - 12) : m.start()])
        ):
            continue  # "we do not sell": a statement, not an opt-out offered
        if signal == "new_recipient_class" and _FROM_SOURCE.search(text[max(0, m.start() - 40) : m.start()]):
            continue  # "we receive information from our advertising partners": a source, not a recipient
        if signal == "new_recipient_class" and _BENEFICIARIES.search(_sentence(text, m)):
            continue  # "... are intended third party beneficiaries of this section": who enforces, not who receives
        return m
    return None


# Round 8 (cprec8b): a sentence that sends the reader to another page to learn about a topic ("If you would
# like to learn more about our model mechanism or training methods, please refer to the [Model Mechanism and
# Training Methods of DeepSeek](https://...)") names the topic, it states no practice of it: a link or web
# address, words of directions, and no "we" doing something to data.
_LINKED_PAGE = re.compile(r"\]\([^)]*\)|https?://|\bwww\.", _I)
_DIRECTIONS = re.compile(
    r"\b(?:learn more|find out more|read more|for (?:more|further|additional) (?:information|details)|"
    r"refer to|please (?:see|visit|read|consult|review))\b",
    _I,
)
_WE_DO = re.compile(
    r"\bwe\s+(?:\w+\s+){0,2}?(?:use|uses|collect|process|share|sell|disclose|transfer|train|keep|retain|"
    r"store|receive|obtain|combine|link|analy[sz]e)\b",
    _I,
)


def pointer_to_page(sentence: str) -> bool:
    """The sentence only points the reader to another page (see ``_LINKED_PAGE``)."""
    return bool(
        _LINKED_PAGE.search(sentence) and _DIRECTIONS.search(sentence) and not _WE_DO.search(sentence)
    )


def _topic_words(signal: str, text: str) -> re.Match[str] | None:
    """The first words of the signal's topic (:data:`NEEDS_WORDS`) in *text* that are not denied, nor, for
    a recipient, a party made a third-party beneficiary, nor inside a pointer to another page (round 8,
    cprec8b)."""
    for m in NEEDS_WORDS[signal].finditer(text):
        if in_denial(text, m.start()):
            continue
        if pointer_to_page(_sentence(text, m)):
            continue
        if signal == "new_recipient_class" and _BENEFICIARIES.search(_sentence(text, m)):
            continue
        return m
    return None


_AGE = re.compile(r"\b(?:age of|under|aged?|at least|older than|younger than)\s+(\d{1,2})\b", _I)


@dataclass
class ChangeSignals:
    """The signals one change shows, with the words that made each fire (for the prose)."""

    change: Change
    signals: dict[str, str] = field(default_factory=dict)  # signal -> short reason
    # Signals whose words the new text adds (not only the category or a lost protection), in a
    # change that is not rated better or is new as a whole: the text now states that practice.
    added: set[str] = field(default_factory=set)
    # Of those, the ones whose words the old document lacks everywhere: a topic new to the document
    # (a passage that only moved or repeats an existing statement does not open it).
    new_topics: set[str] = field(default_factory=set)

    # The change gives data to a recipient its old side did not name, in a sentence that shares or
    # discloses it (:func:`summarizer.compliance.practices.gives_to_new_recipient`): a sharing change whatever category the record filed it in.
    shares: bool = False
    # The change infers, estimates or derives something about the person the old side did not
    # (:func:`summarizer.compliance.practices.new_inference`): new data is made, a collection whatever category the record filed it in.
    infers: bool = False
    # Signals set by the record's category alone ("X got broader"), no word of the practice added (round 9,
    # cprec9): an entry about data obtained from others is not engaged by a sharing category's signal.
    categorical: set[str] = field(default_factory=set)

    @property
    def names(self) -> set[str]:
        return set(self.signals)


def _joined(quotes: list[str]) -> str:
    return " ".join(quotes)


def _ages(text: str) -> list[int]:
    return [int(m.group(1)) for m in _AGE.finditer(text)]


def change_signals(change: Change) -> ChangeSignals:
    """The signals of one change (empty for a change that makes nothing worse and adds nothing)."""
    old, new = _joined(change.quotes_old), _joined(change.quotes_new)
    found = ChangeSignals(change)
    worse = change.direction == "up" or (
        change.direction is None and change.kind in ("added", "expanded", "removed", "narrowed")
    )
    # A passage that is new as a whole adds its practice to the text, whatever the rating says.
    worse = worse or (
        not change.quotes_old
        and change.kind in ("added", "expanded")
        and change.direction != "down"
        and change.category in FLOW_CATEGORIES
    )
    better = change.direction == "down"

    def allowed(signal: str) -> bool:
        cats = SIGNAL_CATEGORIES.get(signal)
        return cats is None or change.category in cats

    # A reworded passage rated the same or better: its new words are a rename, not a new practice (a
    # rewording whose direction the record could not tell may state something new).
    renamed = change.kind == "reworded" and change.direction in ("same", "down")
    # A passage with no old side is new as a whole: what it states is added, whatever the rating
    # says (a new paragraph disclosing profiling can be rated "narrowed"), unless its words deny it.
    pure_addition = not old.strip() and bool(new.strip())
    for signal, rx in ADDED_WORDS.items():
        # The cheap tests first (round 5, #15): words that could not count are not searched for.
        if renamed or not allowed(signal):
            continue
        if better and not pure_addition and signal not in ("children_data", "sensitive_data"):
            continue  # nothing below records it
        m = _stated(signal, rx, new)
        if m and signal == "fees_or_charges" and change.direction != "up":
            m = _stated(signal, _COST_WORDS, new)
        if m and not rx.search(old):
            if pure_addition and better and (denied(new, m.start()) or _RESTRICTS.search(_sentence(new, m))):
                continue  # a new passage, rated better, that denies or restricts the practice
            if not better or pure_addition or signal in ("children_data", "sensitive_data"):
                found.signals[signal] = f"adds '{m.group(0)}'"
                if not better or pure_addition:
                    found.added.add(signal)
    # A passage that grows to give data to a recipient it did not name shares data with a new class of
    # recipient, even where the record filed it under consent (a recipient word already in the passage,
    # "Sellers", does not hide the new "affiliates").
    if old.strip() and not better and not renamed and "new_recipient_class" not in found.signals:
        if gives_to_new_recipient(old, new):
            found.signals["new_recipient_class"] = "gives data to a recipient the passage did not name"
            found.added.add("new_recipient_class")
            found.shares = True
    # The legal mechanism for transfers abroad changes (whatever the rating: a reviewer confirms the
    # mechanism now stated, as much as one that is dropped).
    mechanism = new_transfer_mechanism(old, new, change.category == "international_transfer")
    if mechanism:
        found.signals["transfer_mechanism_changed"] = f"states '{mechanism}'"
    # The lawful basis the processing rests on is stated anew (whatever the rating: a reviewer checks the
    # basis now claimed).
    basis = new_legal_basis(old, new)
    if basis:
        found.signals["legal_basis_changed"] = f"names '{basis}'"
    # An AI system now speaks to people or makes content for them (whatever the rating: a rewording that
    # brings in an AI voice is not a rename).
    ai_words = None if better else new_ai_interaction(old, new)
    if ai_words:
        found.signals["ai_interaction"] = f"adds '{ai_words}'"
    # A passage that now infers something about the person makes new data about them (the old side
    # inferred nothing): even in a rewording, a new inference is not a rename.
    inference = None if better else new_inference(old, new)
    if inference:
        found.signals.setdefault("new_data_type", f"adds '{inference}'")
        found.added.add("new_data_type")
        found.infers = True
    for signal, rx in LOST_WORDS.items():
        if better or not allowed(signal):
            continue
        m = rx.search(old)
        if m and not rx.search(new):
            found.signals[signal] = f"drops '{m.group(0)}'"
            if signal == "sale_of_data":  # a promise not to sell or share, gone: a more permissive practice
                found.signals["promise_dropped"] = f"drops '{m.group(0)}'"
    if worse:
        for signal in CATEGORY_WORSE.get(change.category, ()):
            if signal in NEEDS_WORDS and not _topic_words(signal, old + " " + new):
                continue  # the category alone, without a word of the topic (not denied), is a misfiled passage
            if signal not in found.signals:
                found.signals[signal] = f"{change.category.replace('_', ' ')} got broader"
                found.categorical.add(signal)
    # Present on both sides, in the changed passage of its own category: still engaged.
    for signal, cats in (
        ("children_data", ("children_audiences",)),
        ("sensitive_data", ("sensitive_data",)),
        ("targeted_advertising", ("sale_targeted_ads",)),
        ("tracking_technology", ("tracking_tech",)),
        ("arbitration_clause", ("dispute_resolution",)),
        ("class_action_waiver", ("dispute_resolution",)),
        ("automated_decisions", ("account_termination", "ai_training")),
    ):
        if change.category in cats and worse and _stated(signal, ADDED_WORDS[signal], new):
            found.signals.setdefault(signal, "the changed passage concerns it")
    old_ages, new_ages = _ages(old), _ages(new)
    if old_ages and new_ages and min(new_ages) < min(old_ages):
        found.signals["minimum_age_lowered"] = f"age {min(old_ages)} → {min(new_ages)}"
        found.signals.setdefault("children_data", "minimum age changed")
    # A vulnerable-data signal needs the words, not only the category (a "not a medical device"
    # disclaimer filed under sensitive data is not a new flow of sensitive data).
    for signal, cat in (("children_data", "children_audiences"), ("sensitive_data", "sensitive_data")):
        if change.category == cat and not ADDED_WORDS[signal].search(old + " " + new):
            found.signals.pop(signal, None)
    return found


def mark_new_topics(changed: list[ChangeSignals], old_text: str, names: frozenset[str]) -> None:
    """Set ``new_topics`` on each change: the added signals among *names* that are new to the
    document. A passage that grows (its old side lacks the words) adds them; a passage with no old
    side may only have moved, so it adds them only if the old document nowhere has their words
    (each pattern searched at most once per document)."""
    absent: dict[str, bool] = {}
    for cs in changed:
        topics = cs.added & names
        if cs.change.quotes_old:
            cs.new_topics = topics
            continue
        for signal in topics - set(absent):
            absent[signal] = not ADDED_WORDS[signal].search(old_text)
        cs.new_topics = {signal for signal in topics if absent[signal]}


_SPACE = re.compile(r"\s+")


def flat_lower(text: str) -> str:
    """*text* with each run of white space as one space, lower-cased: what the readings search for words
    that stand anywhere in a document (the same runs as ``\\s+``, split in C)."""
    return " ".join(text.split()).lower()


class FlatTexts:
    """The old and new documents of one analysis, flattened (:func:`flat_lower`) on first use and once:
    the readings that ask whether words already stood in the old document, or still stand in the new
    one, share them."""

    def __init__(self, old_text: str, new_text: str) -> None:
        self._old_text, self._new_text = old_text, new_text

    @cached_property
    def old(self) -> str:
        return flat_lower(self._old_text)

    @cached_property
    def new(self) -> str:
        return flat_lower(self._new_text)


def drop_restated(changed: list[ChangeSignals], new_text: str) -> None:
    """A passage the record saw removed whose words the new document still states (a duplicate that
    went, a paragraph that moved) removes nothing: its lost-protection signals are dropped, and all its
    signals when the change has no new side."""
    flat = None
    for cs in changed:
        olds = [q for q in cs.change.quotes_old if q.strip()]
        if not olds or not cs.signals:
            continue
        if not all(q in new_text for q in olds):  # verbatim is restated too: the flattened text only if not
            if flat is None:  # as _SPACE.sub(" ", new_text) for a stripped quote, without a regex
                flat = " ".join(new_text.split())
            if not all(_SPACE.sub(" ", q).strip() in flat for q in olds):
                continue
        if not any(q.strip() for q in cs.change.quotes_new):
            cs.signals.clear()
            cs.added.clear()
            cs.new_topics.clear()
        else:
            for name in [n for n, why in cs.signals.items() if why.startswith("drops ")]:
                del cs.signals[name]
