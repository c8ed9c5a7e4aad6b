"""AI provisions that ride inside another provision's passage (issue 12).

A unit has one primary category: a licence clause that gains "to train our artificial intelligence
models" stays a ``content_license_ip`` unit, and the record would never name the AI change. When
the AI language itself changed (the ``ai_training`` lexicon scores differently on the two sides),
the same units also form an ``ai_training`` provision, assessed on its own.
"""

from __future__ import annotations

import re
from functools import lru_cache

from summarizer.analyzers.rules.audience import conduct_document, rules_first
from summarizer.analyzers.rules.automated_decisions import decisions_changed
from summarizer.analyzers.rules.own_ai import own_ai
from summarizer.analyzers.rules.provisions import Provision, Unit
from summarizer.model.diff import DiffResult
from summarizer.rubric.classifier import THRESHOLD, score_all
from summarizer.text.lazy_re import lazy

AI = "ai_training"


#: AI phrases beyond the lexicon's (it is frozen with the learned weights): AI that other
#: companies plug in, AI answers, agents, language models, training or improving models. Each
#: pattern runs only when one of its literal words is in the text (most passages have none).
_AI_PARTS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("third-party", "third party"), r"\bthird[- ]party (?:AI|artificial intelligence)\b"),
    (
        ("ai ",),
        r"\bAI (?:integrations?|responses?|overviews?|mode|agents?|assistants?|models?|systems?|features?|"
        r"chat(?:bot)?s?)\b",
    ),
    (("agentic",), r"\bagentic\b"),
    (("llm",), r"\bLLMs?\b"),
    (("language model",), r"\blarge language models?\b"),
    (("generative", "gen ai", "genai"), r"\b(?:gen ?AI|generative(?: AI)?)\b"),
    (("learning",), r"\b(?:machine[- ]|deep )learning\b"),
    (("neural",), r"\bneural networks?\b"),
    (("artificial intelligence",), r"\bartificial intelligence\b"),
    (("automated decision",), r"\bautomated decision"),
    (
        ("train", "fine-tun"),
        r"\b(?:train|training|trains|trained|fine-tun\w*)\b[^.]{0,40}\b(?:AI|models?|algorithms?)\b",
    ),
    (
        ("model",),
        r"\bimprov\w*\s+(?:our|the|its|their|these)\s+(?:(?:AI|machine[- ]learning|language|speech|voice|"
        r"recognition|recommendation|foundation|generative|predictive)\s+){0,2}models?\b",
    ),
    (("chatbot",), r"\bchatbots?\b"),
    (
        ("our ai", "the ai", "its ai"),
        r"\b(?:improv\w*|develop\w*|train\w*|power\w*)\b[^.]{0,40}\b(?:our|the|its) AI\b",
    ),
    (
        ("agent",),
        r"(?<!authorized )(?<!authorised )\bagents? (?:\w+ ){0,2}?(?:can|may|will|could) (?:\w+ ){0,2}?"
        r"(?:take actions?|act|complete tasks|make purchases|book|buy)\b",
    ),
    (
        ("assistant",),
        r"\bassistants? (?:\w+ ){0,2}?(?:can|may|will|could) (?:\w+ ){0,2}?"
        r"(?:take actions?|act on|complete tasks|make purchases|book|buy)\b",
    ),
    (("assistant",), r"\b(?:virtual|digital|voice|shopping|chat|smart)(?: \w+)? assistants?\b"),
    (("coach",), r"\b(?:virtual|digital|AI)(?: \w+)? coach(?:es)?\b"),
    (("assistant",), r"\bassistants?\b[^.]{0,60}\bon (?:your|the user's|their) behalf\b"),
    (("agent",), r"\b(?:virtual|intelligent|autonomous|conversational)(?: \w+)? agents?\b"),
    (
        ("autonomous",),
        r"\bautonomous(?:ly)? (?:\w+ ){0,3}?(?:agents?|acts?|acting|actions?|initiat\w*|execut\w*|perform\w*|"
        r"decid\w*|decisions?|tasks?)\b",
    ),
    (
        ("use ai", "uses ai", "using ai", "by ai", "on ai", "use artificial", "using artificial"),
        r"\b(?:us(?:e|es|ing)|powered by|driven by|rel(?:y|ies) on)\s+(?:AI|artificial intelligence)\b"
        r"(?![- ](?:labels?|content|disclosures?|generated|edited|created|tools? to (?:create|edit|make)))",
    ),
    (
        ("automated system", "automated means", "automated tool", "automated processing"),
        r"\bautomated (?:systems?|means|tools|processing)\b[^.]{0,80}\bdecisions?\b|"
        r"\bdecisions?\b[^.]{0,80}\bautomated (?:systems?|means|tools|processing)\b",
    ),
    (
        ("model training", "training of", "ai training"),
        r"\b(?:model|AI) training\b|\btraining (?:of )?(?:our |the )?(?:AI )?models\b",
    ),
)
#: AI products and companies by name, read both in prose and as a table cell (none is a prefix of
#: another, so their order in a pattern does not matter).
_NAMES = tuple(
    "ChatGPT|OpenAI|Anthropic|Claude|Grok|Gemini|Copilot|Mistral|Le Chat|Meta AI|Perplexity".split("|")
)
#: Read in prose only: the cell pattern (written for cookie tables, round 5) never read them.
_PROSE_ONLY_NAMES = ("Apple Intelligence", "Galaxy AI", "Bard", "My AI")
#: Read as a table cell only: xAI (Grok's company) names a cookie's party; prose never read it.
_CELL_ONLY_NAMES = ("xAI",)
#: A name counts only in a sentence that also speaks of what the AI does with the user's words or
#: data (prompts, chats, outputs, training ...): "You can cancel your ChatGPT Plus subscription" is a
#: billing term, not an AI practice.
_AI_NAMES = lazy(r"\b(?:" + "|".join(_NAMES + _PROSE_ONLY_NAMES) + r")\b", re.I)
#: A table cell that holds nothing but an AI company's or product's name (perhaps linked; link
#: targets are already taken out).
_NAME_CELL = lazy(r"\|[\s\[*_]*(?:" + "|".join(_NAMES + _CELL_ONLY_NAMES) + r")[\s\]*_]*(?=\|)", re.I)
#: A bare domain name ('chatgpt.com', 'ads.openai.com') in a table cell: where a cookie is set.
_DOMAIN = lazy(r"\b[\w-]+(?:\.[\w-]+)*\.(?:com|ai|org|net|io|co|app|dev)\b", re.I)
_NAME_CONTEXT = lazy(
    r"\b(?:prompts?|conversations?|chats?|chat history|inputs?|outputs?|responses?|answers?|messages?|"
    r"content|data|information|uploads?|files|train\w*|models?|generat\w*|memory|personali[sz]\w*|"
    r"improv\w*|review\w*|process\w*|agents?|actions?|on your behalf)\b",
    re.I,
)
_SENTENCES = lazy(r"(?<=[.!?])\s+|\n+")
_AI_PATTERNS = tuple((words, lazy(pattern, re.I)) for words, pattern in _AI_PARTS)
#: Link targets and bare URLs are not prose ('?utm_source=chatgpt.com' names no AI practice).
_LINKS = lazy(r"\]\([^)]*\)|https?://\S+|www\.\S+")
#: AI as the subject matter of content (an AI-generated image, an ad made with AI): not a use of
#: AI on the user (labelling rule of issue 12).
_AI_CONTENT = lazy(
    r"\bAI[- ](?:generated|edited|created|enhanced|based|altered)\b[^.;]*|"
    r"\b(?:made|created|edited|generated|enhanced) (?:with|by|using) (?:AI|artificial intelligence)\b[^.;]*",
    re.I,
)


#: AI in the sense of the ``ai_training`` id for the user: agents acting for the user, the user's
#: data or content used to train or improve models, or personal data sent to AI.
_USER_AI = lazy(
    r"\bagents?\b[^.]{0,60}\b(?:take|takes|taking|act|acts|acting|perform|performs|performing)\b|"
    r"\bon (?:your|the user's|their|a user's) behalf\b|"
    r"\b(?:train|improv|fine-tun|develop)\w*\b[^.]{0,60}\b(?:your|users?'?|user) (?:content|data|conversations|"
    r"prompts|inputs|chats|information)\b|"
    r"\b(?:your|users?'?|user) (?:content|data|conversations|prompts|inputs|chats|information)\b[^.]{0,60}"
    r"\b(?:train|improv|fine-tun)\w*|"
    r"\b(?:personal data|personal information|user data|your (?:data|content|information))\b[^.]{0,80}"
    r"\b(?:AI|artificial intelligence)\b",
    re.I,
)


def user_ai(text: str) -> bool:
    """The text speaks of AI acting for the user or using the user's data (:data:`_USER_AI`), not
    only of what users may do with AI."""
    return bool(text) and bool(_USER_AI.search(text))


def _count(text: str, parts: tuple) -> int:
    low = text.lower()
    return sum(len(pattern.findall(text)) for words, pattern in parts if any(w in low for w in words))


@lru_cache(maxsize=8192)
def ai_phrases(text: str) -> int:
    """How many AI phrases (:data:`_AI_PARTS`) a text has, AI-made content aside."""
    if not text:
        return 0
    low = text.lower()
    if "http" in low or "www." in low or "](" in low:
        text = _LINKS.sub(" ", text)
    if "ai" in low and ("ai-" in low or "ai " in low or "artificial" in low):
        text = _AI_CONTENT.sub(" ", text)
    return _count(text, _AI_PATTERNS) + _named(text)


def _named(text: str) -> int:
    """AI products or companies named in sentences that speak of what the AI does with the user's
    words or data (:data:`_AI_NAMES`). A name that fills a table cell on its own names the row's
    party (the company that sets a cookie), not an AI practice."""
    if not _AI_NAMES.search(text):
        return 0
    if "|" in text:
        text = _NAME_CELL.sub("|", _DOMAIN.sub(" ", text))
        if not _AI_NAMES.search(text):
            return 0
    return sum(
        len(_AI_NAMES.findall(sentence))
        for sentence in _SENTENCES.split(text)
        if _NAME_CONTEXT.search(_AI_NAMES.sub(" ", sentence))
    )


#: Lexicon terms that only name an AI product: alone they say nothing of an AI practice.
_NAME_TERMS = frozenset({"copilot", "gemini", "my ai", "meta ai", "chatbot", "ai"})


def ai_score(text: str) -> float:
    """The ``ai_training`` lexicon score of *text* (0 when no AI phrase fired), at least
    :data:`THRESHOLD` when it has one of the further AI phrases."""
    if not text:
        return 0.0
    hit = score_all(text).get(AI)
    score = hit.score if hit is not None else 0.0
    if ai_phrases(text):
        return max(score, THRESHOLD)
    if hit is not None and set(hit.terms) <= _NAME_TERMS and "ai" not in hit.terms:
        return 0.0  # only a product's name: no AI practice
    return score


def ai_changed(unit: Unit) -> bool:
    """The unit's AI language changed (an AI phrase appeared or disappeared), or a sentence that
    speaks of AI was reworded: "We do not use your conversations to train our models" becoming
    "We may use your conversations to train our models unless you opt out" keeps its AI phrase but
    is an AI change (a unit's text is the sentences that carry the change)."""
    old, new = ai_score(unit.old_text), ai_score(unit.new_text)
    if max(old, new) >= THRESHOLD and abs(new - old) >= THRESHOLD / 2:
        return True
    if (
        unit.kind == "modified"
        and min(old, new) >= THRESHOLD
        and ai_phrases(unit.old_text + " " + unit.new_text)
    ):
        return True
    return ai_phrases(unit.old_text) != ai_phrases(unit.new_text)


def conduct_ai_rules(units: list[Unit], diff: DiffResult) -> bool:
    """In rules of conduct (an acceptable use policy, community guidelines: :func:`~summarizer.
    analyzers.rules.audience.conduct_document`) where no changed passage speaks of AI acting for the
    user or using the user's data (:func:`user_ai`), AI passages are rules for what users may do
    with AI ('do not use any Output to develop competing models'): they are relabelled as rules of
    conduct (``account_termination``, as the labelling rule files rules enforced against the
    account), and True is returned so that no ``ai_training`` companion is made either."""
    if not units or not conduct_document(diff.new.title or diff.old.title, diff.new.text):
        return False
    if any(user_ai(f"{u.old_text} {u.new_text}") or own_ai(f"{u.old_text} {u.new_text}") for u in units):
        return False  # AI for the user, on the user's data, or the service's own AI feature (own_ai)
    if any(decisions_changed(u) for u in units):
        return False  # the company's automated (or human) decisions about users (automated_decisions)
    for unit in units:
        if unit.labels and unit.labels[0] == AI:
            unit.labels = rules_first(unit.labels, drop=(AI,))
        elif AI in unit.labels:
            unit.labels = [lab for lab in unit.labels if lab != AI]
    return True


def ai_companions(provisions: list[Provision], *, conduct: bool = False) -> list[Provision]:
    """One ``ai_training`` provision per provision of another category whose units changed their
    AI language (none when an ``ai_training`` provision of that section already holds them), and
    none in rules of conduct whose AI language is only about what users may do with AI
    (``conduct``, :func:`conduct_ai_rules`)."""
    covered = {(p.section, id(u)) for p in provisions if p.category == AI for u in p.units}
    out: list[Provision] = []
    for prov in provisions:
        if prov.category == AI:
            continue
        units = [u for u in prov.units if (prov.section, id(u)) not in covered]
        units = [u for u in units if ai_changed(u) or decisions_changed(u)] if not conduct else []
        if units:
            out.append(Provision(category=AI, section=prov.section, units=units, companion=True))
    return out


# --- age checks: the same companion mechanism for children_audiences --------------------------

AGE = "children_audiences"
#: Age checks, age ratings and age limits: a rule about who is old enough is a provision about
#: children and age-specific audiences, whatever the passage's main subject.
_AGE_PARTS: tuple[tuple[tuple[str, ...], str], ...] = (
    (
        ("age",),
        r"\bage[- ](?:verification|verif\w*|check\w*|assurance|estimation|signals?|rating\w*|restrict\w*|gat\w*|"
        r"appropriate|requirements?|limits?)\b|\bverif\w* (?:your |their |the user's )?age\b|"
        r"\b(?:minimum|legal|required) age\b|\b(?:aged?|years? old|age) (?:of )?(?:1[3-8]|2[01])\b",
    ),
    (("underage", "under age"), r"\bunder ?age\b"),
    (("teen",), r"\bteens?\b|\bteenagers?\b"),
    (("kids",), r"\bkids\b"),
    (("minor",), r"\bminors?\b"),
    (("or older", "years old", "years of age"), r"\b1[3-8] (?:years (?:of age|old)|or older)\b"),
)
_AGE_PATTERNS = tuple((words, lazy(pattern, re.I)) for words, pattern in _AGE_PARTS)


#: A sentence that only points a young reader elsewhere ("If you are under 18, you can find
#: additional resources in the Teen Privacy Guide") sets no rule about age: its age words don't count.
_RESOURCE_POINTER = lazy(
    r"\b(?:you (?:can|may|will) (?:find|learn|read|see|visit)|learn more|find (?:out )?more|"
    r"(?:additional|more) (?:resources|information))\b",
    re.I,
)
#: ... unless it also says what is done with data or what is allowed.
_AGE_RULE_WORDS = lazy(
    r"\b(?:collect\w*|us(?:e|es|ed|ing)|shar\w*|sell\w*|sold|process\w*|disclos\w*|must|may not|cannot|"
    r"required?|allow\w*|permit\w*|prohibit\w*|restrict\w*|verif\w*|consent\w*|not (?:eligible|allowed))\b",
    re.I,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


@lru_cache(maxsize=8192)
def age_phrases(text: str) -> int:
    """How many phrases about age checks or age limits a text has, outside sentences that only
    point young readers to resources elsewhere."""
    if not text:
        return 0
    count = _count(text, _AGE_PATTERNS)
    if not count or not _RESOURCE_POINTER.search(text):
        return count
    return sum(
        _count(sentence, _AGE_PATTERNS)
        for sentence in _SENTENCE_END.split(text)
        if not (_RESOURCE_POINTER.search(sentence) and not _AGE_RULE_WORDS.search(sentence))
    )


def age_changed(unit: Unit) -> bool:
    """An age phrase appeared or disappeared in the unit."""
    return age_phrases(unit.old_text) != age_phrases(unit.new_text)


def age_companions(provisions: list[Provision]) -> list[Provision]:
    """One ``children_audiences`` provision per provision of another category whose units changed
    their age language ('use an age restriction mechanism based on verified or declared age')."""
    covered = {(p.section, id(u)) for p in provisions if p.category == AGE for u in p.units}
    out: list[Provision] = []
    for prov in provisions:
        if prov.category in (AGE, AI):
            continue
        units = [u for u in prov.units if (prov.section, id(u)) not in covered and age_changed(u)]
        if units:
            out.append(Provision(category=AGE, section=prov.section, units=units, companion=True))
    return out
