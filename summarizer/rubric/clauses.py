"""Who gains a right and who takes on a duty in a clause (issue 12: direction from what the
clause does to the reader, not from nearby keywords).

A sentence is read for *cues*: a duty or prohibition placed on the reader ("you must", "you may
not", "it is your responsibility", "you agree to indemnify"), a right the company takes ("we may
remove / suspend / charge / share"), a penalty ("may lead to removal"), a disclaimer ("we are not
responsible"), a licence the reader grants, a right given to the reader ("you can opt out",
"users may be able to cancel ... and receive a refund"), a commitment or protection the company
gives ("we will notify you", "we do not sell"), and an impersonal rule ("ads must ...", "... is not
allowed").

What a cue means depends on whose view the document takes (:func:`reader_view`, following the
labelling rules of ``evals/vlops/README.md``):

- ``consumer``: the reader is the person using the service;
- ``business``: the document binds a business user (seller, developer, advertiser, affiliate,
  creator); every new rule, duty or penalty is worse for that reader, a new permission better;
- ``data``: a user-data policy addressed to the businesses that handle people's data (Google
  Play's User Data policy): it is judged for the person whose data it is, so duties placed on the
  reader protect that person (better) and permissions given to the reader are worse.

Each sentence counts once: its strongest cue gives it +1 (worse for the user), -1 (better) or 0.
An added sentence counts as it reads, a removed one the other way round, and a sentence found on
both sides counts nothing (see :func:`clause_balance`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

from summarizer.rubric.duty_holders import others_duty
from summarizer.rubric.qualifiers import only_qualifiers
from summarizer.rubric.relative_clauses import main_clause
from summarizer.text.extract import sentences
from summarizer.text.lazy_re import lazy
from summarizer.text.regex_needs import folded, holds, needs

View = str  # "consumer" | "business" | "data"

_W = r"(?:[\w'’-]+ )"  # one word and its space
_W_NOT = r"(?:(?!not\b|never\b|no longer\b)[\w'’-]+ )"  # one word, not a negation ("we will not close")
_WE = (
    r"(?:we|google|apple|microsoft|snap(?:chat)?|temu|shein|aliexpress|amazon|meta|bing|ebay|"
    r"the (?:company|platform|foundation)|wikimedia(?: foundation)?)"
)
#: A company named as the subject of its own promise ("Examplesoft does not use advertising
#: cookies", "xAI does not ..."): a capitalised name (case-sensitive; "xAI", "eBay" too) that is
#: not a pronoun or a party of the service.
_ORG = (
    r"(?-i:(?!(?:You|Your|Users?|They|It|This|These|Those|Customers?|Sellers?|Developers?|Advertisers?|"
    r"Partners?|Please|Do|Don|Licensees?|Subscribers?|Recipients?|Members?|Buyers?|Merchants?|Publishers?|"
    r"Affiliates?|Creators?|Participants?|Contractors?|Suppliers?|Vendors?|Each|Either|Neither|Party|Parties|"
    r"Administrators?|Admins?|Operators?|Providers?)\b)(?:[A-Z]|[a-z][A-Z])[\w&.'’-]+(?: [A-Z][\w&.'’-]+){0,2})"
)
_YOU = r"(?:you|customer|the customer|sellers?|merchants?|developers?|advertisers?|affiliates?|creators?|publishers?)"

_RIGHT = (
    rf"(?:{_W}{{0,3}}?(?:can|may|have the right to|has the right to|are entitled to|is entitled to|will be able to|"
    rf"are able to|may be able to) {_W}{{0,3}}?(?:opt[- ]?out|request|access|delete|object|withdraw|cancel|"
    r"correct|download|export|appeal|ask (?:us |google )?to|turn off|disable|decline|refuse|unsubscribe|receive a (?:\w+ )?refund|"
    r"get a (?:\w+ )?refund|return|limit|restrict|contest|dispute|choose)\b"
    rf"|(?:also )?(?:has|have) (?!no\b|not\b){_W}{{0,3}}?rights?\b(?! to (?:use|share|sell|collect)))"
)

#: Training on the reader's data that runs unless they opt out (on by default): a sentence that
#: speaks of training and makes an opt-out the way out ("except ... where Customer has not
#: opted-out of training", "may use your chats to train our models unless you turn it off"), or
#: says an opt-out does not apply. Read before "protection": the promise it qualifies ("will not
#: use ... to train ... except") is what it takes back (issue 12: high, whoever's data it is).
_TRAINING_DEFAULT = lazy(
    r"^(?=.*\b(?:train(?:s|ed|ing)?|fine-tun\w*)\b)"
    r"(?=.*\b(?:models?|AI|artificial intelligence|machine learning|algorithms?|LLMs?)\b)"
    r"(?=.*\bunless (?:\w+ ){0,4}?(?:opts?|opted|opting)[- ]?out\b"
    r"|.*\b(?:where|if|when|provided|as long as) (?:\w+ ){0,3}?(?:has|have|did|do|does) not (?:\w+ )?"
    r"(?:opted|opt)[- ]?out\b"
    r"|.*\bunless (?:\w+ ){0,4}?(?:turn\w* (?:it |this |that )?off|disabl\w*|deactivat\w*|"
    r"(?:activat\w*|enabl\w*) zero data retention)\b"
    r"|.*\bopt[- ]?out (?:\w+ ){0,6}?(?:does|do|will|shall) not apply\b"
    r"|.*\b(?:is|are) (?:on|enabled|turned on|switched on) by default\b)",
    re.I | re.S,
)

#: (kind, pattern): the first kind whose pattern matches names the sentence.
_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("training_default", _TRAINING_DEFAULT),
    (
        "protection",
        lazy(
            rf"\b(?:{_WE} (?:will |do |does |shall |would )?|{_ORG} (?:will|does|shall|would) )(?:not|never) {_W}{{0,2}}?"
            r"(?:sell|rent|share|disclose|use your|track|train|charge you|read your"
            r"|use (?:any )?(?:[\w-]+ (?:or |and )?){0,3}?(?:cookies|trackers|tracking technolog(?:y|ies)))\b"
            r"|\bonly with your (?:\w+ )?(?:consent|permission)\b|\bwithout your (?:\w+ )?(?:consent|permission)\b"
            r"|\b(?:better )?protects? (?:your|people['’]s|users['’]?|their) privacy\b"
            r"|\b(?:data|information|conversations?|chats?|prompts?|inputs?|files|messages|recordings?)\b "
            r"(?:[\w'’-]+ ){0,4}?(?:is|are|will|shall) (?:be )?(?:not|never) (?:be )?"
            r"(?:used|shared|sold|disclosed|reviewed|retained|stored|seen)\b",
            re.I,
        ),
    ),
    (
        "disclaimer",
        lazy(
            rf"\b{_WE} {_W}?(?:are|is|will|shall|can)? ?(?:not|never) (?:be )?(?:held )?(?:responsible|liable)\b"
            r"|\bno responsibility\b|\bdisclaims?\b|\bat your (?:own|sole) risk\b"
            rf"|\b{_WE} (?:do|does|can|will) not (?:\w+ )?(?:guarantee|warrant|promise)\b|\b{_WE} cannot (?:guarantee|warrant|promise)\b"
            rf"|\b{_WE} (?:make|makes|give|gives) no (?:\w+ )?(?:warrant(?:y|ies)|representations?|guarantees?)\b",
            re.I,
        ),
    ),
    (
        "indemnity",
        lazy(
            r"\bindemnif|\bmake (?:us|\w+) whole\b|\bhold (?:us|\w+) harmless\b|\bwaive\b|\bclass action",
            re.I,
        ),
    ),
    (
        "licence",
        lazy(r"\byou (?:hereby )?grant\b|\b(?:perpetual|irrevocable)\b", re.I),
    ),
    (
        "ai_training",
        lazy(
            r"^(?!.*\b(?:not|never|no longer|without)\b|.*n['’]t\b)"
            r"(?=.*\b(?:your|users?['’]?|people['’]s|public|members['’]?)\s+(?:[\w'’-]+\s+){0,2}?"
            r"(?:content|data|information|posts?|conversations?|chats?|prompts?|inputs?|interactions?|messages|"
            r"photos|videos|voice|recordings?|activity)\b|.*\b(?:conversations?|chats?|prompts?|inputs?)\b)"
            r"(?=.*\b(?:train\w*|fine-tun\w*|improv\w*|develop\w*)\b[^.]{0,60}\b(?:AI|artificial intelligence|"
            r"(?:language |foundation |generative |AI |machine[- ]learning )?models?|machine learning"
            r"|(?:virtual|AI|digital|chat|shopping|smart) assistants?|chatbots?)\b"
            r"|.*\b(?:be|been|are|is)\s+trained\s+on\b)",
            re.I | re.S,
        ),
    ),
    (
        "lost_option",
        lazy(
            r"\bno longer (?:offer|provide|give|allow|let|support|honou?r|be able to)\b"
            r"|\b(?:removed|discontinued|eliminated|retired) (?:the |your |this )?(?:option|ability|setting|choice|"
            r"control|opt[- ]?out)\b",
            re.I,
        ),
    ),
    (
        "charge",
        lazy(
            r"\byou (?:will|may|shall|would) (?:also |then |automatically |now )?be (?:automatically )?"
            r"(?:charged|billed|debited)\b"
            r"|\b(?:subscriptions?|plans?|memberships?|trials?) (?:will|shall) (?:automatically )?"
            r"(?:renew|convert|roll over|continue)\b(?! only\b)",
            re.I,
        ),
    ),
    ("reader_right", lazy(rf"\byou {_RIGHT}", re.I)),
    (
        "end_user_right",
        lazy(rf"\b(?:users?|customers?|buyers?|consumers?|people|individuals) {_RIGHT}", re.I),
    ),
    (
        "commitment",
        lazy(
            rf"\b{_WE} (?:will|shall|must|commit to|promise to|are required to|always) {_W}{{0,2}}?"
            r"(?:notify|tell|inform|let you know|give you|provide you|refund|ask (?:for )?your|obtain your|"
            r"protect|encrypt|delete|honou?r|respect)\b"
            rf"|\b{_WE} will [^.]{{0,60}}\b(?:refund|replace|repair|compensate|provide (?:a |an )?(?:\w+ )?"
            r"(?:solution|remedy|refund))\b"
            # handling what the user sends: "we will review your request and be in touch"
            rf"|\b{_WE} will (?:promptly |carefully )?(?:review|consider|investigate|assess|process|respond to) "
            r"(?:your|the|every|each|any|all|such) (?:[\w'’-]+ ){0,2}?(?:requests?|counter[- ]?notices?|"
            r"counter[- ]?notifications?|appeals?|complaints?|reports?|notices?|notifications?|claims?|"
            r"inquir(?:y|ies)|questions?|disputes?|objections?)\b",
            re.I,
        ),
    ),
    (
        "reader_duty",
        lazy(
            rf"\b{_YOU} {_W}{{0,2}}?(?:must|shall|are required to|is required to|need to|have to|are obligated to|"
            r"may not(?! be able)|cannot|can ?not|can't|are not (?:allowed|permitted)|is not (?:allowed|permitted)|"
            r"are prohibited|is prohibited|agree not to|agree to)\b"
            r"|\b(?:it is|it's|is|are) (?:\w+ )?your (?:sole |own )?responsibility\b"
            r"|\byou(?: are| remain| will be)? (?:solely |fully |also |entirely )?(?:responsible|liable) for\b"
            r"|\byou(?:'re| are) (?:solely |fully )?responsible\b"
            r"|\byou (?:have|has) no (?:\w+ )?rights?\b",
            re.I,
        ),
    ),
    (
        "company_right",
        lazy(
            rf"\b{_WE} {_W}{{0,2}}?(?:may|might|can|could|reserves? the right to|ha(?:ve|s) the right to|"
            r"(?:are|is|will be) entitled to|will)"
            rf" {_W_NOT}{{0,2}}?(?:remove|suspend|terminate|charge|bill|share|sell|disclose|license|train|"
            r"collect|change|modify|withhold|deduct|limit|restrict|disable|delete your|close|ban|reject|"
            r"refuse|block|cancel|withdraw|recover|offset|demote|penali[sz]e|audit|monitor|retain|keep|"
            r"transfer|combine|attempt to charge|get a refund|claim back|reclaim|take (?:action|down)|contact you|call you|text you|"
            r"send you|show you|profile|infer|link|associate|analy[sz]e|scan|record|access|review)\b"
            r"|\b(?:your |the |this |such |personal |usage |request )?(?:data|information|content|messages|"
            r"recordings?) (?:will|may|can|could) (?:also )?be (?:retained|kept|stored|shared|disclosed|"
            r"sold|used|combined|transferred|processed|reviewed|analy[sz]ed)\b"
            # people named as the readers: "human reviewers may read your conversations"
            r"|\b(?:human|trained|authori[sz]ed)? ?(?:reviewers?|annotators?|moderators?|trainers?|employees|staff|"
            r"personnel|contractors) (?:[\w'’-]+ ){0,2}?(?:may|might|can|could|will) (?:also )?(?:read|review|see|"
            r"access|listen to|look at|label|annotate) (?:some of )?(?:your|users['’]?|the) (?:[\w'’-]+ ){0,2}?"
            r"(?:conversations?|chats?|prompts?|messages|content|inputs?|recordings?|data|information|files)\b"
            r"|\b(?:conversations?|chats?|chat history|prompts?|inputs?|outputs?|files|uploads|transcripts?|"
            r"interactions?) (?:[\w'’-]+ ){0,3}?(?:will|may|can|could) (?:also )?be (?:retained|kept|stored|"
            r"shared|disclosed|sold|used|combined|transferred|processed|reviewed|read|analy[sz]ed|saved)\b",
            re.I,
        ),
    ),
    (
        "automation",
        lazy(
            r"\bautomated (?:decision[- ]making|decisions|means|processing)\b|\bwithout human (?:review|intervention)\b"
            r"|\b(?:ai|agents?|assistants?) (?:\w+ ){0,2}?(?:can|may|will) (?:\w+ ){0,2}?(?:act|take actions?|use your)\b",
            re.I,
        ),
    ),
    (
        "condition",
        lazy(
            r"\b(?:is|are) (?:also |now )?subject to (?:our |the |a |an |any |applicable )?(?:[\w'’-]+ ){0,5}?"
            r"(?:polic(?:y|ies)|limits?|restrictions?|fees?|conditions|approval|review|verification)\b",
            re.I,
        ),
    ),
    (
        "penalty",
        lazy(
            rf"\b(?:may|will|can|could|might) (?:also )?(?:lead to|result in) {_W}{{0,3}}?"
            r"(?:removal|suspension|termination|rejection|penalt\w+|bans?|deactivation|forfeiture|fines?)\b"
            r"|\byour (?:account|app|apps|listings?|ads?|store|shop|content|channel|earnings|payouts?|commissions?)"
            rf" {_W}{{0,3}}?(?:may|will|can|could|might) (?:also )?be {_W}{{0,1}}?(?:removed|suspended|terminated|"
            r"rejected|banned|disabled|deactivated|forfeited|withheld|fined|deducted|reduced)\b"
            r"|\bpenalt(?:y|ies) points?\b"
            r"|\b(?:apps?|content|accounts?|listings?|products?|ads?|posts?|videos?|items?|offers?|stores?|"
            r"channels?|submissions?)\b[^.;]{0,300}?\b(?:may|will|can|could) (?:also )?be (?:immediately )?"
            r"(?:removed|suspended|terminated|rejected|banned|disabled|deactivated|delisted|taken down)\b"
            r"|\b(?:commissions?|bonus(?:es)?|rewards?|credits?|earnings|payouts?|payments?|balances?|funds)\b"
            r"[^.;]{0,200}?\b(?:may|will|can|could|shall) (?:also )?be (?:\w+ )?(?:and )?"
            r"(?:forfeited|withheld|clawed back|reversed|offset|deducted)\b",
            re.I,
        ),
    ),
    (
        "reader_permission",
        lazy(
            rf"\b(?:you|customer|the customer|sellers?|developers?|advertisers?|affiliates?|creators?) "
            rf"{_W}{{0,1}}?(?:may|can|are (?:now )?(?:allowed|permitted) to|is (?:now )?permitted to) "
            r"(?!not\b)(?!only\b)\w+",
            re.I,
        ),
    ),
    (
        "rule",
        lazy(
            r"\b(?:must|shall not|is required|are required|not allowed|not permitted|prohibited|"
            r"is forbidden|are forbidden|should not)\b|^\W*(?:don['’]t|do not|never|avoid)\b"
            r"|\brequires? (?:that|you|all|sellers|developers|advertisers|merchants)\b"
            r"|^\W*(?:add|ensure|make sure|include|label|disclose|obtain|submit|comply|follow|seek|verify)\b"
            r"|\bonly (?:\w+ ){1,4}(?:is|are) (?:allowed|permitted)\b",
            re.I,
        ),
    ),
)

#: What each kind of cue means for the user in each view: +1 worse, -1 better, 0 nothing.
POLARITY: dict[str, dict[View, int]] = {
    "protection": {"consumer": -1, "business": -1, "data": -1},
    "ai_training": {"consumer": 1, "business": 1, "data": 0},
    "training_default": {"consumer": 1, "business": 1, "data": 0},
    "lost_option": {"consumer": 1, "business": 1, "data": 0},
    "charge": {"consumer": 1, "business": 1, "data": 0},
    "disclaimer": {"consumer": 1, "business": 1, "data": 0},
    "indemnity": {"consumer": 1, "business": 1, "data": 0},
    "licence": {"consumer": 1, "business": 1, "data": 0},
    "reader_right": {"consumer": -1, "business": -1, "data": -1},
    "end_user_right": {"consumer": -1, "business": 1, "data": -1},
    "commitment": {"consumer": -1, "business": -1, "data": -1},
    "reader_duty": {"consumer": 1, "business": 1, "data": -1},
    "company_right": {"consumer": 1, "business": 1, "data": 0},
    "penalty": {"consumer": 1, "business": 1, "data": 0},
    "condition": {"consumer": 1, "business": 1, "data": 0},
    "automation": {"consumer": 1, "business": 1, "data": 0},
    "reader_permission": {"consumer": 0, "business": -1, "data": 1},
    "rule": {"consumer": 0, "business": 1, "data": -1},
}

LABELS = {
    "protection": "a protection for you",
    "disclaimer": "the company takes on less responsibility",
    "indemnity": "an indemnity or waiver you give",
    "licence": "a licence you grant",
    "reader_right": "a right you have",
    "end_user_right": "a right of the service's users",
    "commitment": "a commitment the company makes",
    "reader_duty": "a duty or prohibition on you",
    "company_right": "a right the company keeps",
    "penalty": "a penalty",
    "condition": "a new condition or limit",
    "reader_permission": "something you are allowed to do",
    "rule": "a rule you must follow",
    "widened": "reworded to reach further",
    "narrowed": "reworded to reach less far",
    "basis_widened": "reworded so your consent is no longer the only basis",
    "basis_narrowed": "reworded so your consent is the only basis",
    "automation": "decisions or actions by automated systems",
    "ai_training": "your content or data used to train or improve AI models",
    "training_default": "AI training on your data unless you opt out",
    "lost_option": "an option or control taken away",
    "charge": "a charge that falls on you",
}


@dataclass(frozen=True)
class Cue:
    """One sentence's reading: its kind of cue, what it means for the user (+1 worse, -1 better)
    on the side it was found, and the sentence."""

    kind: str
    polarity: int
    side: str  # "added" | "removed"
    sentence: str

    def evidence(self) -> str:
        verb = "new" if self.side == "added" else "removed"
        quote = self.sentence if len(self.sentence) <= 120 else self.sentence[:117].rstrip() + "..."
        sign = "+1" if self.polarity > 0 else "-1"
        return f"{sign} {verb}: {LABELS[self.kind]} ('{quote}')"


@lru_cache(maxsize=8192)
def sentence_kind(sentence: str) -> str | None:
    """The first kind of cue the sentence carries, or None (contractions read in full: "we don't
    sell" as "we do not sell")."""
    # "things that you may not normally reveal" is no duty: the main clause decides (relative_clauses.py)
    text = main_clause(_expand(sentence))
    low = folded(text)
    for i, (kind, pattern) in enumerate(_CUES):
        need = _CUE_NEEDS[i]
        if need is None:
            need = _CUE_NEEDS[i] = _needs_of(pattern)
        if holds(need, low) and pattern.search(text):  # (a pattern whose literals are absent cannot match)
            return kind
    return None


#: The literal text each cue pattern's every match holds (text/regex_needs.py), read the first time
#: the pattern is reached: most sentences lack it for most patterns, and ``in`` tests are far cheaper
#: than the searches (the first kind whose pattern matches is the same). Read from the pattern's
#: source, so a pattern whose literals are absent is never compiled (start-up).
_CUE_NEEDS: list[tuple[frozenset[str], ...] | None] = [None] * len(_CUES)


def _needs_of(pattern: re.Pattern[str]) -> tuple[frozenset[str], ...]:
    flags = getattr(pattern, "_flags", None)  # a lazy pattern's flags, without compiling it
    return needs(pattern.pattern, pattern.flags if flags is None else flags)


_CONTRACTIONS = (
    ("won't", "will not"),
    ("can't", "cannot"),
    ("shan't", "shall not"),
    ("n't", " not"),
    ("'re", " are"),
    ("'ll", " will"),
)
_APOSTROPHE = lazy(r"['’]")


def _expand(sentence: str) -> str:
    """*sentence* with its contractions written out ("don't" -> "do not", "we'll" -> "we will")."""
    if not _APOSTROPHE.search(sentence):
        return sentence
    text = sentence.replace("’", "'")
    for short, full in _CONTRACTIONS:
        text = re.sub(re.escape(short), full, text, flags=re.I)
    return text


_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " "})
_FOLD_PAIRS = tuple((chr(code), folded) for code, folded in _FOLD.items())
_MARKUP = lazy(r"!\[[^\]]*\]\([^)]*\)|\]\([^)]*\)|[*_`#|>\[\]]+")
#: :data:`_MARKUP` for whole documents, written to start with one of its first characters (each
#: branch starts with '!', ']' or one of the class) so the regex engine skips to the next such
#: character in C instead of trying the three branches at every position: the same matches
#: (tests/rubric/test_clauses_markup_scan.py holds it to :data:`_MARKUP`).
_MARKUP_SCAN = lazy(
    r"[!*_`#|>\[\]](?:(?<=!)\[[^\]]*\]\([^)]*\)|(?<=\])\([^)]*\)|(?<=[*_`#|>\[\]])[*_`#|>\[\]]*)"
)
_SPACE = lazy(r"\s+")


def _clean(sentence: str) -> str:
    """Quotes and no-break spaces folded, markup dropped, spacing collapsed to single spaces.

    The same as ``_SPACE.sub(" ", _MARKUP.sub(" ", sentence.translate(_FOLD))).strip()``, faster
    on a whole document: the folded characters are all non-ASCII, so an ASCII text skips the fold,
    and the others take five ``str.replace`` (``str.translate`` with a dict reads a non-ASCII text
    character by character, 0.4 s on 2.8 MB); ``\\s`` is exactly what ``str.split`` and ``str.strip``
    take for white space (both use ``str.isspace``), so splitting and joining collapses it. Split
    line by line (every line break is white space, so no word spans two lines): a whole document's
    words are never all held at once (a list of 450k words is ~27 MB)."""
    if not sentence.isascii():
        for char, folded in _FOLD_PAIRS:
            sentence = sentence.replace(char, folded)
    return " ".join(
        filter(None, [" ".join(line.split()) for line in _MARKUP_SCAN.sub(" ", sentence).splitlines()])
    )


@lru_cache(maxsize=4096)
def _sentence_set(text: str) -> Mapping[str, str]:
    """The text's sentences by lower-case key; a short line without closing punctuation is a
    heading ("No Responsibility for LLMs"), not a clause, and is left out. Cached (read-only): a
    record reads the same passages for its materiality and for its cues."""
    out: dict[str, str] = {}
    for span in sentences(text):
        raw = _clean(span.text)
        if len(raw) < 12 or (len(raw.split()) < 8 and raw[-1] not in ".!?;:)\"'"):
            continue
        out.setdefault(raw.lower(), raw)
    return MappingProxyType(out)


#: Texts at least this long are whole documents: their keys are kept (:func:`_whole_key`).
_WHOLE = 20_000


def document_key(text: str) -> str:
    """A whole document as :func:`clause_cues` compares sentences with it (markup and spacing
    folded, lower case). A long text's key is computed once: every material provision of a record
    asks for the two documents' keys (:mod:`pointers`, :func:`provision_cues`)."""
    return _whole_key(text) if len(text) >= _WHOLE else _clean(text).lower()


@lru_cache(maxsize=4)
def _whole_key(text: str) -> str:
    return _clean(text).lower()


def clause_cues(old_text: str, new_text: str, view: View, old_doc: str = "", new_doc: str = "") -> list[Cue]:
    """The cues of the sentences added (in *new_text* only) and removed (in *old_text* only).

    A removed sentence's cue counts the other way round (a duty gone is better for the user). With
    the documents' keys (:func:`document_key`), a sentence still found in the other version (it
    moved, or the change's passages were cut differently on each side) is neither."""
    old, new = _sentence_set(old_text), _sentence_set(new_text)
    cues, paired = _latitude_cues(old, new)
    for side, mine, other, sign, elsewhere in (
        ("added", new, old, 1, old_doc),
        ("removed", old, new, -1, new_doc),
    ):
        for key, raw in mine.items():
            if key in other or key in paired:
                continue
            kind = sentence_kind(raw)
            if kind is None:
                continue
            if kind == "reader_duty" and view == "consumer" and others_duty(raw):
                continue  # a duty on advertisers or sellers takes nothing from a consumer (duty_holders.py)
            pol = POLARITY[kind][view]
            # Asked last, of cue-bearing sentences only: the search of the whole other version.
            if pol and not (elsewhere and key in elsewhere):
                cues.append(Cue(kind, sign * pol, side, raw))
    return cues


_WORD = lazy(r"[a-z0-9]+")
#: Words too common to say whether two sentences are the same clause.
_COMMON = frozenset(
    "a an and are as at be by can for from in is it may of on or our that the their this to us we will with "
    "you your".split()
)


def _content_words(key: str) -> set[str]:
    """The words of a lower-case sentence key that can tell two clauses apart (:data:`_COMMON` left out)."""
    return set(_WORD.findall(key)) - _COMMON


#: A sentence on one side is new only when no sentence on the other shares this much of its words
#: (so a reworded sentence is not counted as a new clause).
NEW_SENTENCE_OVERLAP = 0.5


@lru_cache(maxsize=4096)
def whole_new_clause(old_text: str, new_text: str) -> str | None:
    """A sentence added or removed whole (no sentence on the other side shares half its content
    words) that says who owes or may do what (any cue kind but a mere permission for the reader),
    or None: such a change says something new even when the rubric's rating of the passage did not
    move. Cached: a provision's materiality is asked several times per record."""
    old, new = _sentence_set(old_text), _sentence_set(new_text)
    for mine, other in ((new, old), (old, new)):
        others: list[set[str]] | None = None  # built only when a one-sided sentence has a cue
        for key, raw in mine.items():
            if key in other or sentence_kind(raw) in (
                None,
                "reader_permission",
            ):  # "you can view the prior terms"
                continue
            words = _content_words(key)
            if others is None:
                others = [_content_words(k) for k in other]
            if words and not any(len(words & o) / len(words) >= NEW_SENTENCE_OVERLAP for o in others):
                return raw
    return None


#: A sentence that cites a law: a section sign, a code of federal regulations, a named statute
#: ("Nigerian Data Protection Act 2023", "CA Bus & Prof Code", "Regulation (EU) 2016/679"; not a
#: "QR Code") or a
#: privacy law's short name.
_CITATION = lazy(
    r"§|\bC\.\s?F\.\s?R\b|\bU\.\s?S\.\s?C\b|\bRev\. Stat\b"
    r"|\b(?:[A-Z][\w&.'’-]*\s+){1,8}?(?:Act|Regulations?|Directive|Law|Ordinance|Decree|Statutes?)\b"
    r"|\b(?:Civil|Penal|Criminal|Commercial|Business|Bus|Prof|Labou?r|Government|Consumer|Tax) (?:[\w&.]+ ){0,3}?Code\b"
    r"|\b(?:GDPR|CCPA|CPRA|LGPD|PIPEDA|PIPL|NDPA|PDPA|APPI|POPIA|KVKK|DPDPA?|VCDPA|CPA)\b"
)
#: A sentence that defines a term of the document ('"NDPA" means ...', '(aa) "You" means ...').
_DEFINITION = lazy(
    r"^\W*(?:\(?[a-z0-9]{1,3}[.)]\s*)?[\"“][^\"“”]{1,80}[\"”]\s*(?:\([^)]{1,40}\)\s*)?"
    r"(?:means|refers to|has the meaning|shall mean|includes)\b",
    re.I,
)


def citations_only(passages: list[tuple[str, str]]) -> bool:
    """Every sentence put in or taken out of these (old, new) passages only cites a law or
    defines a term, says nothing about who owes or may do what (no cue), at least one of them cites
    a law, and no law cited on the old side is missing from the new side (a law dropped takes its
    rights away): a change "neither better nor worse, for example a new applicable law" on the
    labelling scale of issue 12 (``neutral``)."""
    cited = False
    old_laws: set[str] = set()
    new_laws: set[str] = set()
    for old_text, new_text in passages:
        old, new = _sentence_set(old_text), _sentence_set(new_text)
        new_laws |= {_law_key(m) for m in _CITATION.findall(new_text)}
        for mine, other, laws in ((new, old, None), (old, new, old_laws)):
            for run in _one_sided_runs(mine, other):
                if any(sentence_kind(raw) is not None for raw in run):
                    return False
                found = _CITATION.findall(" ".join(run))
                if not found and not all(_DEFINITION.search(raw) for raw in run):
                    return False
                cited = cited or bool(found)
                if laws is not None:
                    laws |= {_law_key(m) for m in found}
    return cited and old_laws <= new_laws


def _one_sided_runs(mine: Mapping[str, str], other: Mapping[str, str]) -> list[list[str]]:
    """The sentences of *mine* not in *other*, in runs of neighbours (a sentence cut at an
    abbreviation, "pursuant to Tex. Bus. & Com. Code § 509.101", stays one run)."""
    runs: list[list[str]] = [[]]
    for key, raw in mine.items():
        if key in other:
            if runs[-1]:
                runs.append([])
            continue
        runs[-1].append(raw)
    return [r for r in runs if r]


def _law_key(citation: str) -> str:
    return " ".join(citation.lower().split())


#: A removed sentence that put a duty on the reader or gave the company a right weighs this much
#: of an added one: on the labelled dev pairs such sentences had mostly been restructured or moved,
#: not dropped. A removed protection, commitment or right of the reader weighs in full (removing a
#: protection is worse for the user).
REMOVED_BURDEN_WEIGHT = 0.25
_USER_SIDE = frozenset({"protection", "commitment", "reader_right"})


def protection_lost(cue: Cue) -> bool:
    """The cue takes a protection away from the user: a protection, commitment or right of theirs
    removed, an option taken away, or consent no longer the only basis ("removing a protection or
    opt-out" is high on the labelling scale of issue 12)."""
    if cue.polarity <= 0:
        return False
    return (cue.side == "removed" and cue.kind in _USER_SIDE) or cue.kind in ("lost_option", "basis_widened")


def cue_weight(cue: Cue) -> float:
    """How much one cue weighs in a record's balance."""
    if cue.side == "removed" and cue.kind not in _USER_SIDE:
        return REMOVED_BURDEN_WEIGHT
    return 1.0


def record_cues(groups: list[list[Cue]]) -> list[list[Cue]]:
    """The cues of a whole record, one list per change: a sentence counts once in the record (the
    same sentence in two changes counts in the first), and an added and a removed sentence of the
    same kind cancel out, within one change first, then anywhere in the record (most often one
    passage reworded or moved)."""
    seen: set[tuple[str, str]] = set()
    kept: list[list[Cue]] = []
    for group in groups:
        mine = []
        for c in group:
            key = (c.side, c.sentence.lower())
            if key not in seen:
                seen.add(key)
                mine.append(c)
        kept.append(mine)
    dropped: set[int] = set()
    for scope in [*kept, [c for g in kept for c in g]]:  # within each change first, then the record
        removed = [c for c in scope if c.side == "removed"]
        for a in scope:
            if a.side != "added" or id(a) in dropped:
                continue
            twin = next((r for r in removed if r.kind == a.kind and id(r) not in dropped), None)
            if twin is not None:
                dropped.update((id(a), id(twin)))
                widened = _widening(twin.sentence, a.sentence)
                if widened:
                    home = next(g for g in kept if any(c is a for c in g))
                    home.append(Cue(widened, POLARITY_OF_SHIFT[widened] * _sign(a), "added", a.sentence))
    return [[c for c in g if id(c) not in dropped] for g in kept]


#: Words that give the company a further legal basis for what a clause allows ("or as otherwise
#: permitted by law", "where permitted under applicable law"): gaining them is worse for the user.
_LATITUDE = lazy(
    r"\b(?:as|where|when) (?:otherwise )?(?:permitted|allowed|authori[sz]ed) (?:by|under) (?:the |any |all )?"
    r"(?:applicable |relevant |local |these |such |this )?(?:laws?|legislation|regulations?)\b",
    re.I,
)
#: Consent as the only basis ("only with your consent"): losing "only" is worse for the user.
_ONLY_CONSENT = lazy(
    r"\bonly (?:[\w'’-]+ ){0,3}?(?:with|upon|after|on|if you (?:give|provide))\b[^.]{0,30}?\b(?:consent|permission)",
    re.I,
)


def _latitude_cues(old: Mapping[str, str], new: Mapping[str, str]) -> tuple[list[Cue], set[str]]:
    """A clause reworded to give the company a further legal basis or to drop consent as the only
    one ("Google only processes it with your consent" -> "Google processes it with your consent,
    which you may withdraw, or as otherwise permitted by these laws") counts as that shift (worse for
    the user; better when the clause is a duty of the reader), whatever else its words say; the two
    sentences are then read for nothing else (their keys are returned)."""
    cues: list[Cue] = []
    paired: set[str] = set()
    gone = [(k, raw) for k, raw in old.items() if k not in new]
    if not gone:
        return cues, paired
    for key, raw in new.items():
        if key in old or len(raw) > LATITUDE_SENTENCE_CHARS or not _LATITUDE_HINT.search(raw):
            continue  # a run of table cells is no clause
        for old_key, old_raw in gone:
            if old_key in paired or not _same_clause(old_key, key):
                continue
            shift = _latitude(old_raw, raw)
            if shift:
                # latitude in a duty of the reader ("you may not copy it except as permitted by law") is theirs
                sign = -1 if sentence_kind(raw) == "reader_duty" else 1
                cues.append(Cue(f"basis_{shift}", sign * POLARITY_OF_SHIFT[shift], "added", raw))
                paired.update((key, old_key))
                break
    return cues, paired


#: A "sentence" longer than this is a run of text the splitter could not cut (table cells).
LATITUDE_SENTENCE_CHARS = 600
#: A new sentence worth comparing with the old one for latitude (it speaks of consent or a legal basis).
_LATITUDE_HINT = lazy(r"\b(?:consent|permission|permitted|allowed|authori[sz]ed)\b", re.I)


def _same_clause(old: str, new: str) -> bool:
    """Two sentences (their lower-case keys) share at least half the content words of the shorter one."""
    a, b = _content_words(old), _content_words(new)
    return bool(a and b) and len(a & b) >= NEW_SENTENCE_OVERLAP * min(len(a), len(b))


def _latitude(old: str, new: str) -> str | None:
    """'widened' when the reworded clause gains a further legal basis for the company or loses
    consent as its only basis, 'narrowed' the other way round, None otherwise."""
    gained = bool(_LATITUDE.search(new)) and not _LATITUDE.search(old)
    gained = gained or (bool(_ONLY_CONSENT.search(old)) and not _ONLY_CONSENT.search(new))
    lost = bool(_LATITUDE.search(old)) and not _LATITUDE.search(new)
    lost = lost or (bool(_ONLY_CONSENT.search(new)) and not _ONLY_CONSENT.search(old))
    if gained and not lost:
        return "widened"
    if lost and not gained:
        return "narrowed"
    return None


#: Words that widen what a clause lets the company do (or what it costs the user) when a reworded
#: sentence gains them: "perpetual", "train ... artificial intelligence", "sell", "at any time".
_WIDENERS = lazy(
    r"\b(?:perpetual|irrevocable|sub-?licensable|train(?:ing)?|artificial intelligence|machine learning|"
    r"sell|sale|any purpose|at any time|sole discretion|without (?:prior )?(?:notice|consent)|"
    r"third[- ]part(?:y|ies)|advertis\w+|indefinitely|any and all|backup payment|automated)\b",
    re.I,
)
POLARITY_OF_SHIFT = {"widened": 1, "narrowed": -1}


def _sign(cue: Cue) -> int:
    """+1 when the cue's kind burdens the reader in its view (duty, company right, ...), -1 when it
    benefits the reader; a widening of the first is worse, of the second better."""
    return 1 if cue.polarity > 0 else -1


_TOKEN = lazy(r"[a-z0-9]+(?:['’][a-z]+)?")
#: A limiter counts only in an edit of at most this many words ("only", "unless you ask"): in a longer
#: one (new items in a list of bans, "products whose images do not match the item") it belongs to
#: the new text, and the clause simply reaches further (or less far).
LIMITER_EDIT_WORDS = 8
#: Words that limit a clause: gaining one narrows it, losing one widens it.
_LIMITERS = frozenset({"only", "solely", "not", "never", "unless", "except", "limited", "strictly", "no"})


def _widening(old: str, new: str) -> str | None:
    """'widened' when the reworded sentence reaches further, 'narrowed' when less far: it gains
    (loses) a widening word, or only gains (only loses) words, such as a list that grows ("standard
    or express shipping" -> "standard, express shipping or Click & Collect"), a limiter ("only",
    "unless") counting the other way."""
    gained = {m.lower() for m in _WIDENERS.findall(new)} - {m.lower() for m in _WIDENERS.findall(old)}
    lost = {m.lower() for m in _WIDENERS.findall(old)} - {m.lower() for m in _WIDENERS.findall(new)}
    if gained and not lost:
        return "widened"
    if lost and not gained:
        return "narrowed"
    old_words, new_words = set(_TOKEN.findall(old.lower())), set(_TOKEN.findall(new.lower()))
    added, removed = new_words - old_words, old_words - new_words
    if added and not removed:
        if added & _LIMITERS and len(added) <= LIMITER_EDIT_WORDS:
            return "narrowed"
        # a word that qualifies or names what was there ("a paid plan") reaches no further (qualifiers.py)
        return None if only_qualifiers(old, new) else "widened"
    if removed and not added:
        return "widened" if removed & _LIMITERS and len(removed) <= LIMITER_EDIT_WORDS else "narrowed"
    return None


def balance(cues: list[Cue]) -> tuple[float, float]:
    """(weight of the cues worse for the user, weight of those better)."""
    worse = sum(cue_weight(c) for c in cues if c.polarity > 0)
    better = sum(cue_weight(c) for c in cues if c.polarity < 0)
    return worse, better


#: Business users a document may be written for (not "advertisers" or "partners": a consumer's
#: privacy notice names those as recipients of data).
_BUSINESS = lazy(r"\b(?:sellers?|merchants?|developers?|affiliates|publishers?|creators?)\b", re.I)
_YOUR_BUSINESS = lazy(
    r"\byour (?:apps?|ads?|ad text|listings?|stores?|shops?|products?|campaigns?|business|channels?|"
    r"offers?|users|customers|buyers|website|landing pages?|creatives?|submissions?|storefront|"
    r"earnings|payouts?|commissions?)\b|\bcustomer(?:'s)? (?:application|may|must|will|shall|agrees)\b",
    re.I,
)
_DATA_TITLE = lazy(r"\b(?:privacy|user data|personal data|data protection|data policy|data safety)\b", re.I)
_BUSINESS_TITLE = lazy(
    r"\b(?:sellers?|merchants?|developers?|advertis\w+|publishers?|creators?|monetis\w+|monetiz\w+|"
    r"(?:affiliate|partner) (?:program\w*|polic\w+|agreement|terms)|review guidelines|ad requirements|"
    r"editorial|brand guidelines|api)\b",
    re.I,
)


_CONSUMER_TITLE = lazy(
    r"\b(?:terms of (?:service|use|sale)|conditions of (?:use|sale)|user agreement|return policy|"
    r"refund policy|cookie|community guidelines)\b",
    re.I,
)


_ADDRESSES_BUSINESS = lazy(r"\byour (?:users|app|apps|app's|customers|buyers|listings?|ads)\b", re.I)


def local_view(view: View, passage: str) -> View:
    """The view for one passage: a consumer document's passage that twice speaks to a business
    ("your users", "your app", "your listings") is read for that business (a capture that bundles a
    developer policy with consumer terms)."""
    if view == "consumer" and len(_ADDRESSES_BUSINESS.findall(passage)) >= 2:
        return "business"
    return view


@lru_cache(maxsize=4)
def reader_view(document_text: str) -> View:
    """Whose view the document takes: ``data`` for a user-data policy addressed to businesses,
    ``business`` for rules that bind a business user, else ``consumer``. Cached (a few documents):
    a record asks it of the new version twice (the record's view, :mod:`audience`), and each ask
    reads the whole document.

    Read from the document's first lines (its title: "sellers", "developers", "affiliate", "ad
    requirements" ...; "terms of service", "conditions of sale" ...) and how often it speaks of
    business users and "your app / your ads / your listings" (per thousand words)."""
    head = " ".join([line for line in document_text[:2000].splitlines() if line.strip()][:3])[:300]
    words = max(1, len(document_text.split()))
    business = 1000 * len(_BUSINESS.findall(document_text)) / words
    yours = 1000 * len(_YOUR_BUSINESS.findall(document_text)) / words
    if _DATA_TITLE.search(head):
        return "data" if yours >= 5 else "consumer"
    if _BUSINESS_TITLE.search(head) or yours >= 5:
        return "business"
    if _CONSUMER_TITLE.search(head):
        return "consumer"
    return "business" if yours >= 2.5 or business >= 4 else "consumer"
