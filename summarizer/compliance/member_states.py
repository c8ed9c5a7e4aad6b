"""A contract governed by an EU Member State's law, or sent to its courts, addresses EU consumers.

Round 7 (crec7b, #15): a trader's terms that choose "French law" or "the courts of Ireland" are a
contract made under a Member State's law; the EU consumer rules (the Unfair Contract Terms Directive,
the GDPR for the trader's processing) reach its users whether or not the text says "EU" anywhere (BeReal
SAS's terms name only "Paris, France", "French law" and "the courts of Paris"). Read only where the
document does not already address the EU, and only for the EU's consumer-contract rules.
"""

from __future__ import annotations

from summarizer.compliance.regions import RegionMention
from summarizer.text.lazy_re import lazy

#: The EU Member States' names and adjectives, as regex alternations (shared with establishment.py).
MEMBER_STATES = (
    "Austria|Belgium|Bulgaria|Croatia|Cyprus|Czechia|Czech Republic|Denmark|Estonia|Finland|France|Germany|"
    "Greece|Hungary|Ireland|Italy|Latvia|Lithuania|Luxembourg|Malta|the Netherlands|Netherlands|Poland|Portugal|"
    "Romania|Slovakia|Slovenia|Spain|Sweden"
)
MEMBER_STATE_ADJECTIVES = (
    "Austrian|Belgian|Bulgarian|Croatian|Cypriot|Czech|Danish|Estonian|Finnish|French|German|Greek|Hungarian|"
    "Irish|Italian|Latvian|Lithuanian|Luxembourg|Maltese|Dutch|Polish|Portuguese|Romanian|Slovak|Slovenian|"
    "Spanish|Swedish"
)
# "the laws of Ireland", "the courts of the Netherlands", "French law", "Irish courts". Case-sensitive on
# the place (a proper noun): "german law" in running text is not a choice of law.
_CHOICE = lazy(
    rf"\b(?:[Ll]aws?|[Cc]ourts?|[Tt]ribunals?) of (?:the Republic of |the Grand Duchy of |the Kingdom of )?"
    rf"(?:{MEMBER_STATES})\b|\b(?:{MEMBER_STATE_ADJECTIVES}) (?:law|laws|courts?)\b"
)


def member_state_choice(text: str) -> tuple[int, str] | None:
    """How often *text* chooses a Member State's law or courts, and the first such sentence (verbatim);
    None when it never does."""
    # Each choice has "law", "court" or "tribunal" in it: the pattern is tried only around those words
    # (a regex of 55 alternatives over a 700 kB policy took 20 ms).
    lower = text.lower()
    if len(lower) != len(text):  # rare: lower-casing moved the offsets
        lower = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    starts: dict[int, str] = {}
    for key in ("law", "court", "tribunal"):
        at = lower.find(key)
        while at >= 0:
            lo = max(0, at - 20)
            for m in _CHOICE.finditer(text, lo, at + len(key) + 50):
                if m.start() <= at < m.end():
                    starts.setdefault(m.start(), m.group(0))
            at = lower.find(key, at + 1)
    if not starts:
        return None
    hits = sorted(starts)
    at = hits[0]
    start = max(text.rfind("\n", 0, at), text.rfind(". ", 0, at) + 1) + 1
    ends = [i for i in (text.find("\n", at), text.find(". ", at)) if i >= 0]
    end = min(ends) + 1 if ends else len(text)
    quote = text[start:end].strip()
    if len(quote) > 300:
        quote = starts[at]
    return len(hits), quote


# The EU's consumer-contract rules, which a contract made under a Member State's law brings with it
# (by instrument): the Unfair Contract Terms Directive, the Consumer Rights Directive, the Digital
# Content Directive, and the DSA's rule on a platform's terms. Data-protection law does not follow the
# contract's law (the GDPR's reach is its Art. 3: establishment or targeting), nor does the P2B
# Regulation (business users, not consumers).
CONSUMER_CONTRACT_INSTRUMENTS = ("93/13/EEC", "2011/83/EU", "2019/770", "2022/2065")


def is_consumer_contract_rule(instrument: str, documents: tuple[str, ...]) -> bool:
    """An entry of the EU's consumer-contract rules for terms documents (see above)."""
    return "terms" in documents and any(code in instrument for code in CONSUMER_CONTRACT_INSTRUMENTS)


def contract_regions(regions: dict[str, RegionMention], new_text: str) -> dict[str, RegionMention]:
    """The EU and the EEA, addressed for the EU's consumer-contract rules only, where the new text chooses a
    Member State's law or courts and the document does not already address the EU (evidence > 0);
    empty otherwise."""
    eu = regions.get("EU")
    if eu is not None and eu.evidence > 0:
        return {}
    found = member_state_choice(new_text)
    if found is None:
        return {}
    count, quote = found
    return {
        code: RegionMention(
            code, f"{name}, through a Member State's law or courts", count, quote, evidence=count
        )
        for code, name in (("EU", "European Union"), ("EEA", "European Economic Area"))
    }
