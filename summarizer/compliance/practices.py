"""What a changed passage does, read from its own words rather than from the record's category or rating
(issue #15, round 5): it gives data to a kind of recipient it did not name, infers something about the
person, states a transfer mechanism or a lawful basis it did not state, or brings in an AI system that
speaks to people. Each read compares the passage's two sides; :mod:`summarizer.compliance.signals` turns
them into signals.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

# A word preceded by one of these (within a few words) is denied, not stated ("we will not sell").
NEGATED = re.compile(r"\b(not|never|no|nor|without)\b(\W+\w+){0,3}\W*$|n['’]t\W+(\w+\W+){0,3}$", _I)
#: How far before a word a denial is looked for.
DENIAL_REACH = 40


def denied(text: str, at: int) -> bool:
    """The word of *text* starting at *at* is denied, not stated (:data:`NEGATED` just before it)."""
    return bool(NEGATED.search(text[max(0, at - DENIAL_REACH) : at]))


def sentence_around(text: str, m: re.Match[str], *, from_start: bool = False, keep_stop: bool = False) -> str:
    """The sentence (or line) of *text* around the match *m*: from just after the last ". " or line break
    before the match to the next one after it.

    *from_start*: look for the sentence's end from the match's start, not its end (a match that runs over
    a line break stops at it). *keep_stop*: the sentence as a quote, its closing full stop kept and the
    spaces around it trimmed (by default the stop is left out and the leading space after the previous
    ". " is kept).
    """
    start = max(text.rfind(". ", 0, m.start()) + 1, text.rfind("\n", 0, m.start()) + 1, 0)
    at = m.start() if from_start else m.end()
    ends = [i for i in (text.find(". ", at), text.find("\n", at)) if i >= 0]
    if not ends:
        end = len(text)
    else:
        end = min(ends) + 1 if keep_stop else min(ends)
    return text[start:end].strip() if keep_stop else text[start:end]


# Who data goes to, one word per kind (singular, lower case), and the verbs that give it to them.
_RECIPIENT = re.compile(
    r"\b(partner|affiliate|advertiser|seller|vendor|merchant|marketer|broker|subsidiar(?:y|ies)|"
    r"third[- ]part(?:y|ies)|group compan(?:y|ies)|(?:service )?providers?|relying part(?:y|ies))s?\b",
    _I,
)
_SHARING_VERB = re.compile(
    r"\b(shar(e|es|ed|ing)|disclos\w*|transfer\w*|sell|sold|mak\w* (it |them |this )?available|"
    r"provid\w* (it |them |this |your )?(\w+ ){0,3}?to)\b",
    _I,
)


# A verb that makes new data about the person ("infer your gender", "estimate or infer your age",
# "derive your interests"): inference is collection of data the person never gave.
_INFERS = re.compile(
    r"\b(infer|inferr\w*|infers|deriv\w*|estimat\w*|predict\w*)\s+(or\s+\w+\s+)?(your|users['’]?|their|a user['’]s)\s+\w+",
    _I,
)


# The legal mechanism a transfer abroad rests on ("standard contractual clauses", "an appropriate
# contractual framework recognized as providing adequate protection", "the same level of protection as
# required by the GDPR"), one key per kind.
_TRANSFER_MECHANISM = re.compile(
    r"\b(standard contractual clauses|model (contract )?clauses|contractual (framework|clauses|safeguards)|"
    r"binding corporate rules|adequacy decisions?|data privacy framework|privacy shield|"
    r"(same|equivalent|adequate) (level of )?protection|appropriate safeguards)\b",
    _I,
)


def _mechanism_key(words: str) -> str:
    return " ".join(words.lower().split()[:2])


def new_transfer_mechanism(old: str, new: str, about_transfers: bool = False) -> str | None:
    """A transfer mechanism the new side of a passage states, in a sentence about transfers (or in a
    passage filed as one: *about_transfers*), that the old side did not: the mechanism's words, or None."""
    before = {_mechanism_key(m.group(0)) for m in _TRANSFER_MECHANISM.finditer(old)}
    for m in _TRANSFER_MECHANISM.finditer(new):
        if _mechanism_key(m.group(0)) in before:
            continue
        if about_transfers or re.search(r"transfer", sentence_around(new, m), _I):
            return m.group(0)
    return None


# An AI system that talks to people or makes what they see or hear ("an artificial/prerecorded voice, which
# may be generated using artificial intelligence", "AI-generated images"): the transparency duties' subject.
_AI_INTERACTION = re.compile(
    r"\b((generated|created|produced|synthesi[sz]ed)\s+(using|by|with)\s+(artificial intelligence|AI)\b|"
    r"AI[- ]generated|synthetic (voices?|media|content|images?|videos?)|deep ?fakes?|"
    r"(talk|speak|interact|chat)\w*\s+(to|with)\s+an?\s+(AI|bot|chat ?bot|automated (agent|system))\b)",
    _I,
)


# The lawful bases processing rests on, one key per basis ("legitimate interests, consent, contract
# necessity, and compliance with legal obligations").
_LEGAL_BASIS = re.compile(
    r"\b(legitimate interests?|contract(ual)? necessity|necessary (for|to perform|to enter into) (the |a |our )?contract|"
    r"legal obligations?|vital interests?|public interest|lawful bas(is|es)|legal bas(is|es))\b",
    _I,
)


# Round 8 (cprec8b): "legal basis" / "lawful basis" names the topic, not a basis; in a heading ("Legal
# bases.", "6. **Legal Bases for Processing.**") or a sentence sending the reader to another section
# ("see Section 15") it states no basis the processing now rests on.
_GENERIC_BASIS = re.compile(r"(lawful|legal) bas", _I)
_SEE_SECTION = re.compile(r"\bsee (section|part|clause|below|above)\b", _I)


def _heading_or_pointer(sentence: str) -> bool:
    words = re.findall(r"[A-Za-z]+", sentence)
    return len(words) <= 6 or bool(_SEE_SECTION.search(sentence))


def _basis_key(words: str) -> str:
    w = words.lower()
    return "contract" if "contract" in w else w.split()[0]


# Round 5, last hour (#15): "legal obligations", "public interest" and "vital interests" are also plain
# words of a contract ("remove content ... if necessary to comply with our legal obligations"); they name a
# lawful basis only in a sentence about processing data or about the basis itself.
_PLAIN_BASIS = re.compile(r"legal obligation|public interest|vital interest", _I)
_BASIS_CONTEXT = re.compile(
    r"\b(process\w*|personal (data|information)|lawful|legal bas(is|es)|bas(is|es)|grounds?|rel(y|ies|ying) on|"
    r"legitimate interests?|consent)\b",
    _I,
)


def new_legal_basis(old: str, new: str) -> str | None:
    """A lawful basis the new side names that the old side of the passage did not (not denied; a word
    that is also plain contract language only in a sentence about processing or a basis)."""
    before = {_basis_key(m.group(0)) for m in _LEGAL_BASIS.finditer(old)}
    for m in _LEGAL_BASIS.finditer(new):
        key = _basis_key(m.group(0))
        if key in before or denied(new, m.start()):
            continue
        if _GENERIC_BASIS.match(m.group(0)) and _heading_or_pointer(sentence_around(new, m)):
            continue  # "Legal bases." / "For ... our legal bases ..., see Section 15": names no basis
        if _PLAIN_BASIS.match(m.group(0)):
            sentence = sentence_around(new, m)
            rest = sentence.replace(m.group(0), " ")
            if not _BASIS_CONTEXT.search(rest):
                continue
        return m.group(0)
    return None


def _recipient_kind(word: str) -> str:
    w = word.lower().replace("-", " ")
    for stem in ("third part", "group compan", "relying part", "subsidiar"):
        if w.startswith(stem):
            return stem
    return w.removeprefix("service ").rstrip("s")


def gives_to_new_recipient(old: str, new: str) -> bool:
    """The new side names, in a sentence that shares data with it, a kind of recipient the old side of
    the passage never named ("to enable Sellers" -> "to enable Sellers, their respective affiliates
    and/or their third-party services provider")."""
    before = {_recipient_kind(m.group(0)) for m in _RECIPIENT.finditer(old)}
    for m in _RECIPIENT.finditer(new):
        if _recipient_kind(m.group(0)) in before:
            continue
        sentence = sentence_around(new, m)
        if any(  # a verb that gives data, not denied ("we do not share ... with advertisers")
            not denied(sentence, v.start()) for v in _SHARING_VERB.finditer(sentence)
        ):
            return True
    return False


def new_ai_interaction(old: str, new: str) -> str | None:
    """Words of an AI system speaking to people or making content for them that the new side states and
    the old side did not (not denied), or None."""
    if _AI_INTERACTION.search(old):
        return None
    m = _AI_INTERACTION.search(new)
    return m.group(0) if m and not denied(new, m.start()) else None


def new_inference(old: str, new: str) -> str | None:
    """Words of an inference about the person ("infer your gender") that the new side states and the
    old side did not (not denied), or None."""
    if _INFERS.search(old):
        return None
    m = _INFERS.search(new)
    return m.group(0) if m and not denied(new, m.start()) else None
