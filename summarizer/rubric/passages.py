"""A document's passages: paragraph blocks (long ones cut at sentence ends), each classified into
taxonomy categories and reduced to search terms, for comparing one provision across services.

Pure functions of the text: the store indexes their output once per version
(:mod:`summarizer.store.passage_index`). Offsets are into the version's text, so every excerpt shown
is verbatim.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from summarizer.diffing.sections import split_blocks
from summarizer.rubric.classifier import classify
from summarizer.text.extract import sentences
from summarizer.text.lazy_re import lazy

#: A passage has at least this many words (shorter blocks are menus, labels or list fragments).
MIN_WORDS = 8
#: Longer blocks are cut at sentence ends into pieces of about this many words.
MAX_WORDS = 110

_WORD = re.compile(r"[a-z0-9]+")
_LINK = re.compile(r"\]\([^)]*\)|https?://\S+")

# English function words and the words every policy uses, which say nothing about the provision.
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each either etc few for from
    further had has have having he her here hers herself him himself his how i if in into is it its
    itself just may me might more most must my myself no nor not now of off on once only or other our
    ours ourselves out over own per same shall she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up upon very via was we
    were what when where whether which while who whom why will with within without would you your
    yours yourself yourselves us e g ie eg inc ltd llc com www http https html
    information data personal service services use used using uses user users including include
    includes such other any certain applicable relevant related provide provided providing
    product products platform site website websites app apps policy policies term terms
    """.split()
)


@dataclass(frozen=True, slots=True)
class PassageText:
    """One passage of a version: ``text == version_text[start:end]``."""

    ordinal: int
    start: int
    end: int
    section: str
    text: str
    categories: tuple[str, ...]
    terms: tuple[str, ...]  # stemmed content words, in order (repeats kept: they are term frequencies)
    strengths: tuple[int, ...] = ()  # topic_strength of the passage in each of ``categories``, same order


_VOWELS = frozenset("aeiou")


def stem(word: str) -> str:
    """A light suffix stripper (plural, -ing, -ed): enough to match 'retain/retained/retains'.

    A final -ie, -ies and a -y after a consonant all become -i, as Porter's stemmer has them, so
    'cookie' and 'cookies' (and 'policy' and 'policies') meet in one term."""
    if len(word) <= 4 or word.isdigit():
        return word
    for suffix, repl in (("ies", "i"), ("sses", "ss"), ("ing", ""), ("ed", ""), ("es", "e"), ("s", "")):
        if word.endswith(suffix) and not word.endswith("ss") and len(word) - len(suffix) >= 3:
            word = word[: len(word) - len(suffix)] + repl
            break
    if word.endswith("ie"):
        return word[:-1]
    if word.endswith("y") and len(word) > 3 and word[-2] not in _VOWELS:
        return word[:-1] + "i"
    return word


def terms(text: str) -> tuple[str, ...]:
    """The stemmed content words of *text* (link targets dropped), the form both search engines index."""
    words = _WORD.findall(_LINK.sub(" ", text.lower()))
    return tuple(stem(w) for w in words if w not in STOPWORDS and len(w) > 1)


def term_counts(texts: list[str]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for t in texts:
        counts.update(terms(t))
    return counts


def _word_count(text: str) -> int:
    return len(_WORD.findall(_LINK.sub(" ", text.lower())))


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) spans of the block text[start:end], cut at sentence ends when it is long."""
    body = text[start:end]
    if _word_count(body) <= MAX_WORDS:
        return [(start, end)]
    out: list[tuple[int, int]] = []
    cur: tuple[int, int] | None = None
    words = 0
    for span in sentences(body):
        n = _word_count(span.text)
        if cur is not None and words + n > MAX_WORDS:
            out.append(cur)
            cur, words = None, 0
        cur = (start + span.start, start + span.end) if cur is None else (cur[0], start + span.end)
        words += n
    if cur is not None:
        out.append(cur)
    return out


def segment(text: str) -> list[tuple[int, int, str]]:
    """(start, end, section title) of every passage of *text*.

    Paragraph blocks are passages; list items continue the passage before them while it ends
    with a colon (or is such a list) and stays short; headings only give the section title.
    """
    spans: list[list] = []  # [start, end, section, words, open_list]
    for block in split_blocks(text):
        if block.kind == "heading":
            continue
        section = block.section[-1] if block.section else ""
        n = _word_count(block.text)
        last = spans[-1] if spans else None
        if (
            block.kind == "list_item"
            and last is not None
            and last[4]
            and last[2] == section
            and last[3] + n <= MAX_WORDS
        ):
            last[1], last[3] = block.end, last[3] + n
            continue
        for s, e in _pieces(text, block.start, block.end):
            words = _word_count(text[s:e])
            spans.append([s, e, section, words, text[s:e].rstrip().endswith(":")])
    return [(s, e, sec) for s, e, sec, words, _ in spans if words >= MIN_WORDS]


def passages(text: str) -> list[PassageText]:
    """The classified passages of a version's *text* (categories by the rubric classifier; the
    section title is read with the passage, so 'How long we keep data' informs its paragraphs)."""
    out: list[PassageText] = []
    for start, end, section in segment(text):
        body = text[start:end]
        context = f"{section}. {body}" if section else body
        cats = tuple(c for c in classify(context) if c != "contact_generic")
        strengths = tuple(topic_strength(body, section, c) for c in cats)
        out.append(PassageText(len(out), start, end, section, body, cats, terms(body), strengths))
    return out


# --- Topicality: does a passage classified into a category actually treat it? -------------------
#
# The classifier reads a passage with its section title and fires on single words, so about a third
# of the passages it puts in a category only mention it in passing (a product "sold", a "secure"
# link, a regulator's address under "For residents of Brazil"). For comparing one provision across
# services a passage must carry the category's own evidence: a phrase that states the practice, in
# its own text, or (weaker) its real section heading over a passage of some length. Patterns were set
# on evals/platforms/blind_labels.yaml and measured on blind_labels_heldout.yaml.

_E = r"[^.;:]{0,%d}"
#: Per category, phrases that state the practice (matched on the passage text, links removed).
EVIDENCE: dict[str, object] = {
    "data_collection": lazy(
        r"\b(we|they|partners?|providers?)\b" + _E % 60 + r"\b(collect\w*|gathers?|gathered|receive|obtain"
        r"|record(s|ed)?)\b|\bcollect(s|ed|ing)?\b" + _E % 80 + r"\b(information|data|address|name|ip"
        r"|identifiers?|details)\b|\b(information|data) (we|that we) (collect|receive|obtain)"
        r"|\b(log data|usage (data|logs|information)|device information|ip address)\b"
        r"|\bsources? (of|from which)\b",
        re.I,
    ),
    "data_use_purpose": lazy(
        r"\b(we|may) (use|process)\w*\b" + _E % 80 + r"\b(to|for)\b|\bpurposes?\b"
        r"|\b(legitimate interests?|legal bas[ie]s|lawful basis)\b"
        r"|\bused? (it|this information|your (personal )?(data|information))\b",
        re.I,
    ),
    "third_party_sharing": lazy(
        r"\b(share[sd]?|sharing|disclos\w+|transfer\w*|provides?|provided to|sell)\b"
        + _E % 80
        + r"\b(third[- ]part\w*|affiliates?|partners?|vendors?|service providers?|companies|processors?"
        r"|advertisers?)\b|\b(third[- ]part\w*|affiliates?|partners?|service providers?|processors?)\b"
        + _E % 60
        + r"\b(share[sd]?|disclos\w+|receive|access)\b|\b(merger|acquisition|bankruptcy)\b",
        re.I,
    ),
    "sale_targeted_ads": lazy(
        r"\b(sell|sells|sold|sale|selling)\b" + _E % 50 + r"\b(personal|data|information|pii)\b"
        r"|\b(personal|data|information)\b" + _E % 50 + r"\b(sell|sold|sale)\b"
        r"|\b(do not sell|sale of (your )?personal)\b|\b(interest[- ]based|targeted|personali[sz]ed"
        r"|behaviou?ral|tailored|relevant|customi[sz]ed|cross[- ]context)\b"
        + _E
        % 40
        + r"\b(ads?|advertis\w+)\b|\b(ad|advertising) (networks?|partners?|services|campaigns?)\b"
        r"|\bcustom audiences?\b",
        re.I,
    ),
    "tracking_tech": lazy(
        r"\bcookies?\b|\b(web )?beacons?\b|\bpixels?\b|\bsdks?\b|\btracking (technolog\w+|tools|pixels?)\b"
        r"|\bfingerprint\w*\b|\bdo[- ]not[- ]track\b|\bglobal privacy control\b|\bgoogle analytics\b"
        r"|\blocal storage\b|\bsimilar technologies\b|\baction tags\b|\bclear gifs?\b",
        re.I,
    ),
    "sensitive_data": lazy(
        r"\b(sensitive|special categor\w+)\b|\bbiometric\w*\b|\bhealth\b|\bmedical\b"
        r"|\b(precise|geo)[- ]?location\b|\bfinancial (information|data|account)\b|\b(racial|ethnic\w*"
        r"|religio\w+|sexual orientation|political (opinions|views)|genetic)\b|\bsocial security\b"
        r"|\bcredit card\b|\bbank account\b",
        re.I,
    ),
    "choice_consent": lazy(
        r"\bopt[- ]?(out|in)\b|\bconsent\w*\b|\bwithdraw\w*\b|\bunsubscrib\w+\b|\bchoices?\b"
        r"|\bpreferences?\b|\bobject to\b",
        re.I,
    ),
    "user_rights": lazy(
        r"\bright (to|of) (access|know|delet\w+|correct\w*|rectif\w+|portab\w+|erasure|object|restrict"
        r"|appeal)\b|\b(access|correct|delete|rectify|update|export|erase)\b"
        + _E
        % 40
        + r"\b(your|personal|the) (personal )?(data|information)\b|\bdata portability\b"
        r"|\bverif\w+ (your )?request\b|\bappeal\b|\bright to be forgotten\b",
        re.I,
    ),
    "data_retention": lazy(
        r"\b(retain\w*|retention|keep|kept|store[sd]?|storage)\b" + _E % 80 + r"\b(long|period|days?"
        r"|months?|years?|necessary|need|required|deleted?|until|indefinitely)\b|\b(delete|anonymi[sz]e"
        r"|de-identif\w+|aggregat\w+)\b" + _E % 40 + r"\b(after|when|once)\b|\bretain\w*\b|\bretention\b",
        re.I,
    ),
    "security_breach": lazy(
        r"\bsecur(e|ity)\b" + _E % 40 + r"\b(measures?|safeguards?|servers?|controls|incident|practices"
        r"|standards|technolog\w+|protocols?)\b|\b(no method|completely secure|absolute security"
        r"|perfect security|guarantee (the )?security)\b|\bencrypt\w*\b|\bbreach\w*\b"
        r"|\bunauthori[sz]ed (access|use|disclosure)\b|\bfirewalls?\b|\b(ssl|tls)\b|\bpasswords?\b"
        r"|\bprotect\w*\b" + _E % 40 + r"\b(your|personal) (personal )?(data|information|account)\b"
        r"|\bsafeguards?\b|\bhack(ed|ing|ers?)?\b",
        re.I,
    ),
    "international_transfer": lazy(
        r"\btransfer\w*\b" + _E % 80 + r"\b(countr\w+|outside|abroad|jurisdictions?|eea|eu|united states"
        r"|u\.s\.|international\w*|borders?)\b|\b(standard contractual clauses|privacy shield"
        r"|adequacy decision|binding corporate rules)\b|\b(processed|stored|store)\b"
        + _E % 60
        + r"\b(outside|other countries|united states|another country|abroad)\b",
        re.I,
    ),
    "children_audiences": lazy(
        r"\bchild(ren)?\b|\bminors?\b|\bkids?\b|\bteen\w*\b|\bparent\w*\b|\bguardian\b"
        r"|\b(under|over|at least) (the age of )?\d{1,2}\b|\b\d{1,2} years (of age|old)\b"
        r"|\bage of (majority|\d{1,2})\b|\bcoppa\b|\b(california|nevada|virginia|colorado|eea|european"
        r"|eu|uk|brazil\w*|canad\w+|australia\w*|japan\w*|swiss|switzerland|quebec) (residents?|users"
        r"|consumers|privacy rights|law)\b|\bresidents? of\b" + _E % 40 + r"\b(rights?|may|can|have)\b"
        r"|\b(ccpa|cpra|gdpr|lgpd|pipeda)\b",
        re.I,
    ),
    "government_requests": lazy(
        r"\blaw enforcement\b|\b(government\w*|public|regulatory) (authorit\w+|agenc\w+|requests?)\b"
        r"|\bsubpoena\w*\b|\bcourt orders?\b|\b(legal|lawful) (process|requests?)\b|\bwarrants?\b"
        r"|\bnational security\b|\b(disclos\w+|provid\w+|shar\w+|releas\w+|respond\w*)\b"
        + _E % 80
        + r"\b((required|compelled) by law|comply with (a |any |applicable )?(law|legal))\b",
        re.I,
    ),
    "policy_change_notice": lazy(
        r"\b(change|update|modif|amend|revis)\w*\b" + _E % 80 + r"\b(terms|policy|notice|agreement"
        r"|statement|conditions)\b|\b(terms|policy|notice|agreement|statement)\b"
        + _E
        % 60
        + r"\b(change|update|modif|amend|revis)\w*\b|\bcontinued use\b|\blast (updated|modified|revised)\b"
        r"|\beffective (date|as of)\b",
        re.I,
    ),
    "content_license_ip": lazy(
        r"\blicen[cs]\w*\b|\bintellectual property\b|\bcopyright\w*\b|\btrademark\w*\b|\bpatent\w*\b"
        r"|\bmoral rights\b|\broyalty[- ]free\b|\bsublicens\w+\b|\bderivative works?\b|\bown(s|ership)?\b"
        + _E % 40
        + r"\b(content|rights|materials?)\b|\bdmca\b|\binfring\w+\b",
        re.I,
    ),
    "account_termination": lazy(
        r"\b(suspend\w*|suspension|terminat\w+|disabl\w+|deactivat\w+|cancel\w*|close|closure|delete|ban"
        r"|block|restrict\w*|revok\w+|discontinu\w+)\b" + _E % 60 + r"\b(account\w*|access|service\w*"
        r"|agreement|membership|subscription|program|terms)\b|\b(account\w*|access|agreement)\b"
        + _E
        % 60
        + r"\b(suspend\w*|terminat\w+|disabl\w+|deactivat\w+)\b|\bsurviv\w+ (any )?termination\b"
        r"|\binactive\b",
        re.I,
    ),
    "dispute_resolution": lazy(
        r"\barbitrat\w+\b|\bclass[- ]action\b|\bjury\b|\bgoverned by\b|\bgoverning law\b|\blaws? of\b"
        r"|\bjurisdiction\b|\bvenue\b|\bcourts?\b|\bdisputes?\b|\bsmall claims\b|\blitigat\w+\b"
        r"|\bmediation\b",
        re.I,
    ),
    "liability_warranty_payment": lazy(
        r"\bliab\w+\b|\bwarrant\w*\b|\bindemni\w+\b|\b(as is|as available)\b|\bdisclaim\w*\b"
        r"|\bdamages\b|\bfees?\b|\brefund\w*\b|\bpayments?\b|\bbilling\b|\bsubscription\w*\b"
        r"|\bauto[- ]?renew\w*\b|\bprices?\b|\btaxes\b|\bcharges?\b",
        re.I,
    ),
    "ai_training": lazy(
        r"\b(artificial intelligence|ai|machine learning|models?|algorithm\w*|automated (decision|processing)"
        r"\w*|profiling|train\w*|generative|llms?|chatbot|agents?)\b",
        re.I,
    ),
}
#: Per category, phrases where an evidence word is used in another sense (a contract "breach", the
#: company's own "prior written consent", "selling on" a marketplace, "payment processing providers"):
#: an evidence match that overlaps one of these does not count. Read from the two open blind label
#: sets' wrong picks (round 4), each a kind of phrase, not a service's wording.
NOT_EVIDENCE: dict[str, object] = {
    category: lazy(pattern, re.I)
    for category, pattern in {
        "sale_targeted_ads": r"\b(sell|sells|selling|sold) (on|through|via|goods|products|items|tickets)\b",
        "sensitive_data": r"\b(distance|time|price|latency|case|context)[- ]sensitive\b",
        "choice_consent": r"\b(our|its) (prior )?(express )?(written )?consent\b|\bprior (express )?written consent\b"
        r"|\bconsent of (us|the company|(?-i:[A-Z]\w+))\b|\bconsent to (enter into )?(these|the|this) (terms|agreement)\b",
        "data_retention": r"\bretain\w* (editorial |all |full |sole )?(control|rights?|the right|ownership|title"
        r"|discretion)\b",
        "security_breach": r"\b(in )?breach\w* of (this|these|the|any|our|its|your) (agreement|terms|contract|duty|duties"
        r"|obligations?|warrant\w*|representations?|conditions|rules|policies|polic\w+)\b|\bin breach\b",
        "liability_warranty_payment": r"\b(payments?|subscriptions?|billing|invoicing)( [\w-]+){0,3} (providers?"
        r"|processors?)\b",
    }.items()
}
#: Per category, words of a section heading that names it (a heading alone is weaker evidence).
HEADINGS: dict[str, object] = {
    category: lazy(pattern, re.I)
    for category, pattern in {
        "data_collection": r"collect|information (we|you) (provide|gather)|what (information|data)|sources",
        "data_use_purpose": r"\buse|purpose|how we (use|process)|legal bas",
        "third_party_sharing": r"shar|disclos|third[- ]part|partners|service providers|recipients",
        "sale_targeted_ads": r"\bsell|\bsale|advertis|\bads\b|personali[sz]",
        "tracking_tech": r"cookie|tracking|beacon|pixel|similar technolog|analytics",
        "sensitive_data": r"sensitive|biometric|health|location|special categor",
        "choice_consent": r"choice|consent|opt[- ]?out|control|preferences",
        "user_rights": r"rights|access|delet|correct|portab|your choices",
        "data_retention": r"retention|retain|how long|storage|keep",
        "security_breach": r"secur|protect|breach|safeguard",
        "international_transfer": r"transfer|international|cross[- ]border|privacy shield|outside",
        "children_audiences": r"child|minor|kid|teen|age|residents|california|europe|eea|\buk\b|brazil|canada"
        r"|nevada|region|jurisdiction|your state",
        "government_requests": r"law enforcement|government|legal|authorit",
        "policy_change_notice": r"change|update|amend|modif|revis",
        "content_license_ip": r"licen|intellectual property|copyright|trademark|ownership|content",
        "account_termination": r"terminat|suspen|cancel|clos|block|ban|discontinu",
        "dispute_resolution": r"dispute|arbitrat|governing law|jurisdiction|class action|legal",
        "liability_warranty_payment": r"liab|warrant|indemn|disclaim|payment|fees|refund|billing|subscription|risk",
        "ai_training": r"\bai\b|artificial|automated|machine learning|model",
    }.items()
}
#: Words that, with the category's title, seed every comparison's query (a provision whose own
#: passages are few or noisy still asks in the category's words).
SEEDS: dict[str, str] = {
    "data_collection": "we collect information data you provide automatically collected sources log device ip address",
    "data_use_purpose": "we use information purposes process personalise improve research legitimate interests",
    "third_party_sharing": "we share disclose information third parties service providers affiliates partners",
    "sale_targeted_ads": "sell sale personal information targeted interest-based advertising ads advertisers opt out",
    "tracking_tech": "cookies web beacons pixels tracking technologies analytics browser do not track",
    "sensitive_data": "sensitive health biometric precise location financial racial religious genetic",
    "choice_consent": "consent opt out opt in choices withdraw preferences unsubscribe",
    "user_rights": "right access correct delete portability request your personal information rights",
    "data_retention": "retain retention keep delete period long necessary days months years",
    "security_breach": "security measures protect safeguards encryption unauthorized access breach secure",
    "international_transfer": "transfer countries outside international standard contractual clauses adequacy safeguards",
    "children_audiences": "children under age 13 16 minors parents parental consent residents",
    "government_requests": "law enforcement government authorities legal process subpoena court order disclose required by law",
    "policy_change_notice": "changes update terms policy notify notice continued use effective date",
    "content_license_ip": "license content intellectual property copyright trademark royalty-free rights",
    "account_termination": "suspend terminate account access termination discretion breach",
    "dispute_resolution": "disputes arbitration class action waiver governing law courts jurisdiction",
    "liability_warranty_payment": "liability warranties disclaimer damages indemnify fees payment refund subscription",
    "ai_training": "artificial intelligence ai models train machine learning automated decisions",
}
#: A passage that only points elsewhere ("For more information, see our Cookie Policy").
_POINTER = lazy(
    r"^\W*(for (more|additional|further) (information|details)|to learn more|(please )?(see|refer to|review"
    r"|visit|read) (our|the|this)|learn more|(the|this) [^.]{0,80}\bsections? (above|below))\b",
    re.I,
)
#: A definition ('"Brand Features" means ...'): it says what a word means, not what anyone does.
_DEFINITION = lazy(
    r"^\W*[\"“']?[A-Z][\w '’&/-]{0,60}[\"”']?(\s*\([^)]{0,60}\))?\s+(means|shall mean|refers to|is defined as)\b"
)
#: Markdown link texts ('[text](target)').
_LINK_TEXT = lazy(r"\[([^\]]*)\]\([^)]*\)")
#: A passage whose link texts are at least this share of its words is a list of links.
LINKED_SHARE = 0.6
#: Pointers (and definitions) longer than this many words say something themselves.
POINTER_WORDS = 45
#: A passage placed in a category by its heading alone needs at least this many words.
HEADING_WORDS = 15
#: The strength that counts as off-topic (the passage is in the category but does not treat it).
OFF_TOPIC = -1
#: The largest strength: two distinct phrases of evidence or more.
MAX_STRENGTH = 2


def topic_strength(body: str, section: str, category: str) -> int:
    """How well a passage classified into *category* treats it: :data:`OFF_TOPIC` (-1) when it
    does not (no evidence in its text or heading, or a short pointer to another document), 0 when
    only its section heading names the category, else the number of distinct evidence phrases in its
    own text, up to :data:`MAX_STRENGTH`."""
    evidence = EVIDENCE.get(category)
    if evidence is None:  # contact_generic and unknown ids: no topic to check
        return 0
    plain = _LINK.sub(" ", body)
    if _word_count(body) < POINTER_WORDS and (_POINTER.search(plain) or _DEFINITION.search(plain)):
        return OFF_TOPIC
    if _link_list(body):
        return OFF_TOPIC
    found = _evidence(plain, category)
    if found:
        return min(len(found), MAX_STRENGTH)
    if section and HEADINGS[category].search(section) and _word_count(body) >= HEADING_WORDS:  # type: ignore[attr-defined]
        return 0
    return OFF_TOPIC


def _evidence(plain: str, category: str) -> set[str]:
    """The distinct evidence phrases of *category* in *plain*, less those used in another sense
    (:data:`NOT_EVIDENCE`)."""
    spans = [m.span() for m in EVIDENCE[category].finditer(plain)]  # type: ignore[attr-defined]
    other = NOT_EVIDENCE.get(category)
    if other is not None and spans:
        wrong = [m.span() for m in other.finditer(plain)]  # type: ignore[attr-defined]
        spans = [(a, b) for a, b in spans if not any(a < y and x < b for x, y in wrong)]
    return {plain[a:b].lower() for a, b in spans}


def _link_list(body: str) -> bool:
    """A list of links or a table of contents: most of its words are link texts."""
    linked = sum(_word_count(m.group(1)) for m in _LINK_TEXT.finditer(body))
    return linked > 0 and linked >= LINKED_SHARE * _word_count(body)


def seed_terms(category: str) -> tuple[str, ...]:
    """The search terms of the category's seed words (:data:`SEEDS`)."""
    return terms(SEEDS.get(category, ""))
