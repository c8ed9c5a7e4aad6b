"""AI provisions that ride inside another provision's passage (issue 12).

A unit has one primary category: a licence clause that gains "to train our artificial intelligence
models" stays a ``content_license_ip`` unit, and the record would never name the AI change. When
the AI language itself changed (the ``ai_training`` lexicon scores differently on the two sides),
the same units also form an ``ai_training`` provision, assessed on its own.
"""

from __future__ import annotations

import re

from summarizer.analyzers.rules.provisions import Provision, Unit
from summarizer.rubric.classifier import THRESHOLD, score_all
from summarizer.text.lazy_re import lazy

AI = "ai_training"


#: AI phrases beyond the lexicon's (it is frozen with the learned weights): AI that other
#: companies plug in, AI answers, agents, language models, training or improving models.
_AI_PHRASES = lazy(
    r"\bthird[- ]party (?:AI|artificial intelligence)\b|"
    r"\bAI (?:integrations?|responses?|overviews?|mode|agents?|assistants?|models?|systems?|features?|chat(?:bot)?s?)\b|"
    r"\bagentic\b|\bLLMs?\b|\blarge language models?\b|\b(?:generative|gen) ?AI\b|\bmachine[- ]learning\b|"
    r"\bneural networks?\b|\bdeep learning\b|\bartificial intelligence\b|\bautomated decision|"
    r"\b(?:train|training|trains|trained|fine-tun\w*)\b[^.]{0,40}\b(?:AI|models?|algorithms?)\b|"
    r"\bimprov\w*\s+(?:our|the|its|their)\s+(?:AI\s+|machine[- ]learning\s+|language\s+)?models?\b|"
    r"\bgenerative\b|\bchatbots?\b|\b(?:virtual|digital|voice) assistants?\b|"
    r"\b(?:ChatGPT|OpenAI|Anthropic|Grok|Apple Intelligence|Galaxy AI|Bard|Perplexity)\b",
    re.I,
)
#: AI as the subject matter of content (an AI-generated image, an ad made with AI): not a use of
#: AI on the user (labelling rule of issue 12).
_AI_CONTENT = lazy(
    r"\bAI[- ](?:generated|edited|created|enhanced|based|altered)\b[^.;]*|"
    r"\b(?:made|created|edited|generated|enhanced) (?:with|by|using) (?:AI|artificial intelligence)\b[^.;]*",
    re.I,
)


def ai_phrases(text: str) -> int:
    """How many AI phrases (:data:`_AI_PHRASES`) a text has, AI-made content aside."""
    if not text or not _AI_HINT.search(text):
        return 0
    return len(_AI_PHRASES.findall(_AI_CONTENT.sub(" ", text)))


_AI_HINT = lazy(
    r"AI|artificial|learning|LLM|language model|agentic|neural|automated|train|fine-tun|model|generative|"
    r"chatbot|assistant|GPT|Anthropic|Grok|Bard|Perplexity",
    re.I,
)


def ai_score(text: str) -> float:
    """The ``ai_training`` lexicon score of *text* (0 when no AI phrase fired), at least
    :data:`THRESHOLD` when it has one of the further AI phrases."""
    if not text:
        return 0.0
    hit = score_all(text).get(AI)
    score = hit.score if hit is not None else 0.0
    return max(score, THRESHOLD) if ai_phrases(text) else score


def ai_changed(unit: Unit) -> bool:
    """The unit's AI language changed: an AI phrase appeared or disappeared."""
    old, new = ai_score(unit.old_text), ai_score(unit.new_text)
    if max(old, new) >= THRESHOLD and abs(new - old) >= THRESHOLD / 2:
        return True
    return ai_phrases(unit.old_text) != ai_phrases(unit.new_text)


def ai_companions(provisions: list[Provision]) -> list[Provision]:
    """One ``ai_training`` provision per provision of another category whose units changed their
    AI language (none when an ``ai_training`` provision of that section already holds them)."""
    covered = {(p.section, id(u)) for p in provisions if p.category == AI for u in p.units}
    out: list[Provision] = []
    for prov in provisions:
        if prov.category == AI:
            continue
        units = [u for u in prov.units if (prov.section, id(u)) not in covered]
        units = [u for u in units if ai_changed(u)]
        if units:
            out.append(Provision(category=AI, section=prov.section, units=units, companion=True))
    return out


# --- age checks: the same companion mechanism for children_audiences --------------------------

AGE = "children_audiences"
#: Age checks, age ratings and age limits: a rule about who is old enough is a provision about
#: children and age-specific audiences, whatever the passage's main subject.
_AGE_PHRASES = lazy(
    r"\bage[- ](?:verification|verif\w*|check\w*|assurance|estimation|signals?|rating\w*|restrict\w*|gat\w*|"
    r"appropriate|requirements?|limits?)\b|\bverif\w* (?:your |their |the user's )?age\b|"
    r"\b(?:minimum|legal|required) age\b|\bunder ?age\b|\bunderage\b|\bteens?\b|\bteenagers?\b|\bkids\b|"
    r"\bminors?\b|\b(?:aged?|years? old|age) (?:of )?(?:1[3-8]|2[01])\b|\b1[3-8] (?:years (?:of age|old)|or older)\b",
    re.I,
)


def age_phrases(text: str) -> int:
    """How many phrases about age checks or age limits a text has."""
    return len(_AGE_PHRASES.findall(text)) if text and _AGE_HINT.search(text) else 0


_AGE_HINT = lazy(r"age|teen|kid|minor|old", re.I)


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
