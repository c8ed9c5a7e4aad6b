"""Round 7 (#15): does a sentence read beyond the record's quotes state the clause its words name?

:mod:`summarizer.compliance.hunk_text` reads sentences no change quotes; there a clause word is often not
the sentence's statement but a side part of it, and on unseen text (round 6's blind fold) such words cited
rules the sentence does not engage. A signal read from such a sentence is kept only if its words are still
there once the side parts are taken out:

- an aside in brackets (examples, "including ...", "like ...", a reference or a section's title):
  "provisions intended to survive (including ... limitations of liability ...)";
- a heading in bold or italics at the sentence's start ("**Legal bases.**", "_Limitation of Liability_");
- the name of a document or of an identity document: "the privacy and cookie policies / notices of those
  third parties" refers the reader elsewhere; "government identifiers" are a kind of data, not a
  government's access;

and, for two clauses whose words also have an everyday use, only if the sentence says what the clause is:

- consent inferred from use needs a word of agreeing ("by using the unsubscribe link" is the means of
  opting out, "By using the website, you ... consent thereto" is consent by use);
- training on user content needs training or the improving of a model ("used to estimate age via machine
  learning technology" applies a technology to content; it does not train on it).
"""

from __future__ import annotations

from summarizer.compliance.practices import new_ai_interaction, new_legal_basis, new_transfer_mechanism
from summarizer.compliance.signals import ADDED_WORDS
from summarizer.text.lazy_re import lazy

# An aside in brackets: examples or a reference ("(including ...)", "(like ...)", "(see ...)"), or the
# title of a section ("(Limitation on Amount of Liability)"). A bracket that qualifies the statement
# ("(either one-time or recurring/subscription)") is part of it.
_ASIDE = lazy(
    r"\((?:including|like|e\.g\.?|such as|for example|i\.e\.?|see|as defined)\b[^()]*\)|"
    r"\([A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|of|on|and|the|to|for|in|a|an|or))*\)"
)
# A leading heading: optional numbering, then a bold (**...**) or italic (_..._) run.
_HEADING = lazy(r"^\s*(?:\d+(?:\.\d+)*[.)]?\s*)?(?:\*\*[^*]+\*\*|_[^_]+_)\s*\.?")
# The name of a document ("cookie policy", "privacy and cookie policies / notices") or of an identity
# document ("government identifiers", "government-issued ID").
_NAME = lazy(
    r"\b[\w-]+\s+(?:polic(?:y|ies)|notices?|statements?|banners?)\b|"
    r"\bgovernment(?:[- ]issued)?\s+(?:id\b|ids\b|identif\w*|identity|documents?|photo)"
)
# What the sentence must also say for a clause whose words have an everyday use.
_MUST_SAY = {
    "consent_implied_by_use": lazy(r"\b(consent\w*|agree\w*|accept\w*|acknowledg\w*|deemed|bound by)\b"),
    "training_on_user_content": lazy(
        r"\btrain\w*|\b(improv|develop|enhanc)\w*\s+(our\s+|the\s+|its\s+)?(\w+\s+){0,3}?"
        r"(models?|ai|artificial intelligence|assistants?|chat ?bots?|algorithms?)\b"
    ),
}
# The practice readers of the signals that are not word lists.
_READERS = {  # (text, about transfers) -> what the reader finds
    "legal_basis_changed": lambda text, _transfers: new_legal_basis("", text),
    "transfer_mechanism_changed": lambda text, transfers: new_transfer_mechanism("", text, transfers),
    "ai_interaction": lambda text, _transfers: new_ai_interaction("", text),
}


def main_text(sentence: str) -> str:
    """The sentence without its asides, leading heading and names of documents (see the module docstring)."""
    text = _ASIDE.sub(" ", sentence)
    text = _HEADING.sub(" ", text, count=1)
    return _NAME.sub(" ", text)


def states_clause(signal: str, sentence: str, transfers: bool = False) -> bool:
    """The sentence states the clause *signal* names outside its side parts (see the module docstring);
    *transfers*: the sentence is an item of a list about transfers, so a bare transfer mechanism is stated."""
    text = main_text(sentence)
    must = _MUST_SAY.get(signal)
    if must is not None and not must.search(text):
        return False
    if signal in ADDED_WORDS:
        return bool(ADDED_WORDS[signal].search(text))
    reader = _READERS.get(signal)
    return bool(reader(text, transfers)) if reader is not None else True
