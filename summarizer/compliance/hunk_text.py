"""What each changed provision actually adds: the sentences of its diff hunks beyond the record's quotes.

A record quotes a long new or rewritten section only in part (its first sentence, a heading), and may
rate a modified clause "same" from the part it quotes. A compliance reader needs what the section now
says: the consent inferred from use in the last sentence of a new cookie paragraph, the advertising
partners' cookies in the middle of a new cookie category, the legitimate interests a new table row rests
on. For each change this reads the hunks it was built from (``Change.hunk_ids`` into the
:class:`~summarizer.model.diff.DiffResult`), sentence by sentence, and keeps the sentences its new side
adds: wholly new (no sentence of the old side rewords it: a rewording is the record's to rate), quoted
by no change of the record, not anywhere in the old document (a moved or renumbered sentence adds
nothing), each located by its offset in the new document as it is now (so every quote is verified).

Precision must not pay for the extra text read, so a sentence counts only when
- it states a practice: no denial or limit ("we do not sell", "you may only use", "without collecting"),
  nor an item of a list whose introduction denies or limits ("You are strictly prohibited from using this
  data for the following purposes:");
- its own words name a clause or a practice (:data:`CLAUSE_SIGNALS`; a party, data or topic word, or
  "from time to time", names none), which the change's old side did not already state (for a wholly
  added hunk, round 8: its own old side, which is empty; :data:`OWN_HUNK_SIGNALS`);
- the signal passes the gates every change passes (:func:`summarizer.compliance.signals.change_signals`,
  on a sentence-sized change filed by its own words) and is one its parent change lacks;
- the sentence states that clause, not only names it in an aside, a heading, a document's name, a means
  or a technology (round 7: :func:`summarizer.compliance.hunk_gate.states_clause`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.compliance.fallback import _category, _norm, _words
from summarizer.compliance.hunk_gate import states_clause
from summarizer.compliance.practices import new_ai_interaction, new_legal_basis, new_transfer_mechanism
from summarizer.compliance.signals import _RESTRICTS, ADDED_WORDS, ChangeSignals, change_signals
from summarizer.model.diff import DiffResult, Hunk
from summarizer.model.record import Change
from summarizer.text.lazy_re import lazy

# A sentence ends at . ! ? ; (then a capital or an opening quote or bracket), or at a line end.
_SPLIT = lazy(r"(?<=[.!?;])[ \t]+(?=[A-Z(“\"])|\n+")
# A sentence that denies or limits ("we do not sell", "you may only use", "without collecting") states no
# practice: a sentence read beyond the record's quotes is kept only if it states one outright (the
# boilerplate "not limited to", "whether or not" denies nothing).
_DENIES = lazy(r"\b(not|never|no longer|without|nor)\b|n['’]t\b")
_NOT_A_DENIAL = lazy(r"\bnot\s+(be\s+)?limited\s+to\b|\bwhether\s+or\s+not\b")
# The reasons :func:`change_signals` gives for a signal the sentence's own words state (not its
# category or rating, nor a protection the old side lost: those are the record's to read).
_STATED = ("adds ", "names ", "states ", "gives data", "age ")
# The signals a sentence's own words name: a clause (arbitration, consent inferred from use, a renewal,
# a limit of liability), an authority's request, a lawful basis or a transfer mechanism, or a practice
# named outright (cookies, targeted ads, training, sale). A party word, a data word, a topic word
# (health, minors) or "from time to time" names no practice on its own: read beyond the record's
# quotes they would cite whatever a long section mentions, so they stay the record's to read.
# Round 7 (crec7b): ``sensitive_data`` only through a biometric or facial word (:data:`CLAUSE_KEYS`): a face
# scan or a biometric names the processing of special-category data, where "health" or "precise location"
# is a topic word a long section mentions (read for every such word, it over-cited on three cases).
CLAUSE_SIGNALS = frozenset(
    "consent_implied_by_use arbitration_clause class_action_waiver auto_renewal liability_limited "
    "indemnity_added withdrawal_right government_access legal_basis_changed transfer_mechanism_changed "
    "targeted_advertising tracking_technology training_on_user_content sale_of_data ai_interaction "
    "sensitive_data".split()
)
# Round 8 (crec8): a wholly added hunk (its old side empty) is read against itself, not against the old
# sides of every hunk its change spans: a new paragraph that says "advertising partners" states that clause
# even where a sibling hunk's old text already used the words (Viber's UID2 paragraph, in a change that also
# rewrites an ads-and-cookies section). Not for tracking words: a cookie word in a new cookie section names
# the section's topic (read for it, Bluesky's new cookie section cited ePrivacy and PECR, both over).
OWN_HUNK_SIGNALS = CLAUSE_SIGNALS - {"tracking_technology"}
# A list item ("*   Advertising ... purposes") says what its introduction says of it ("You are strictly
# prohibited from using this data for the following purposes:").
_BULLET = lazy(r"^(?:[*•-]|\d+[.)]|\(?[a-z]{1,4}[.)])\s")
# The tail of a sentence this long that the old document has verbatim: the sentence moved or was
# renumbered ("iv." → "v."), it adds nothing.
_TAIL = 40
# Shorter than this is a heading, a table label or a list item, not a provision.
MIN_WORDS = 6
# A sentence this similar (word Jaccard) to one of the old side rewrites it; less, and it is new.
SIMILAR = 0.5


@dataclass(frozen=True, slots=True)
class AddedSentence:
    """One sentence a hunk's new side adds, verbatim, at ``start`` in the new document."""

    text: str
    start: int
    old: str | None  # the old sentence it rewrites (None: wholly new)


def _pieces(text: str, base: int) -> list[tuple[str, int]]:
    """The sentences of *text* with their offsets (*base* + position), stripped of table bars and spaces."""
    out, at = [], 0
    for m in [*_SPLIT.finditer(text), None]:
        end = m.start() if m else len(text)
        raw = text[at:end]
        stripped = raw.strip().strip("|").strip()
        if stripped:
            out.append((stripped, base + at + raw.find(stripped)))
        at = m.end() if m else end
    return out


def _restated(sentence: str, old_text: str) -> bool:
    """The old document has the sentence, or its second half (a renumbered or re-marked item)."""
    tail = sentence[len(sentence) // 2 :]
    return sentence in old_text or (len(tail) >= _TAIL and tail in old_text)


def states_practice(sentence: str) -> bool:
    """The sentence neither denies nor limits what it speaks of (see :data:`_DENIES`)."""
    text = _NOT_A_DENIAL.sub(" ", sentence)
    return not _DENIES.search(text) and not _RESTRICTS.search(text)


def _introduction(text: str, at: int) -> str:
    """The line that introduces the list item at *at* in *text*: the nearest line before it that is
    not itself a list item ("" when there is none)."""
    end = text.rfind("\n", 0, at)
    while end > 0:
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end].strip()
        if line and not _BULLET.match(line):
            return line
        end = start - 1
    return ""


# Round 8 (crec8): a "not" inside a relative clause describes a noun, it denies nothing the introduction
# says of its items ("to ... other countries which have not been determined ... to provide an adequate level
# of data protection, we use legal mechanisms ..., including:").
_QUALIFYING_NOT = lazy(r"\b(?:which|that|who|whose|where)\s+(?:\w+\s+){0,2}?(?:not|never)\b")


def in_context(sentence: str, at: int, text: str) -> bool:
    """The sentence states a practice, and so does the introduction of the list it is an item of (a "not"
    that only qualifies a noun of the introduction denies nothing: :data:`_QUALIFYING_NOT`)."""
    if not states_practice(sentence):
        return False
    if _BULLET.match(sentence):
        intro = _introduction(text, at)
        return not intro.endswith(":") or states_practice(_QUALIFYING_NOT.sub(" ", intro))
    return True


def about_transfers(sentence: str, at: int, text: str) -> bool:
    """Round 8 (crec8): the sentence is an item of a list whose introduction speaks of transfers ("When we
    transfer personal data ... we use legal mechanisms ..., including:" / "*   Standard Contractual
    Clauses approved by the European Commission"): a list item says what its introduction says of it."""
    return bool(_BULLET.match(sentence)) and "transfer" in _introduction(text, at).lower()


def _readable(h: Hunk, new_text: str) -> bool:
    """A hunk whose new side is text (not a move or markup) at its offsets in *new_text*: offsets into
    another text could not be verified."""
    return (
        h.kind != "moved"
        and not h.cosmetic
        and bool(h.new_text)
        and new_text[h.new_start : h.new_end] == h.new_text
    )


def _new_sentence(sentence: str, start: int, old_text: str, new_text: str, quoted: str) -> bool:
    """A provision (long enough), not quoted by the record, not restated from the old document, that
    states a practice in its context."""
    return (  # the cheap tests first
        sentence not in quoted
        and len(sentence.split()) >= MIN_WORDS  # (markup only adds words: a quick lower bound)
        and in_context(sentence, start, new_text)
        and not _restated(sentence, old_text)
        and len(_norm(sentence).split()) >= MIN_WORDS
    )


def _rewords(sentence: str, olds: list[tuple[set[str], str]]) -> str | None:
    """The old sentence *sentence* rewords (word Jaccard at least :data:`SIMILAR`), if any."""
    words = _words(_norm(sentence))
    best, best_sim = None, 0.0
    for other_words, other in olds:
        sim = len(words & other_words) / (len(words | other_words) or 1)
        if sim > best_sim:
            best, best_sim = other, sim
    return best if best_sim >= SIMILAR else None


def _old_sentences(hunks: list[Hunk]) -> list[tuple[set[str], str]]:
    return [(_words(_norm(s)), s) for h in hunks for s, _ in _pieces(h.old_text, 0)]


def added_sentences(
    change: Change, hunks: list[Hunk], old_text: str, new_text: str, quoted: str | None = None
) -> list[AddedSentence]:
    """The sentences *change*'s *hunks* add to the new document that state a practice, each with the old
    sentence it rewords (see the module docstring); *old_text* and *new_text* are the documents the
    hunks' offsets point into; *quoted*: the record's new quotes, joined (by default the change's own)."""
    quoted = " ".join(change.quotes_new) if quoted is None else quoted
    olds = _old_sentences(hunks)
    return [
        AddedSentence(sentence, start, _rewords(sentence, olds))
        for h in hunks
        if _readable(h, new_text)
        for sentence, start in _pieces(h.new_text, h.new_start)
        if _new_sentence(sentence, start, old_text, new_text, quoted)
    ]


_CLAUSE_WORDS = {name: rx for name, rx in ADDED_WORDS.items() if name in CLAUSE_SIGNALS}
# What every match of a clause signal's pattern contains, lower-cased: a text with none of these cannot
# match, found by ``str.find`` (the case-insensitive alternations scan a large rewritten document slowly).
# A word missing here could only lose a citation, never add one; the test suite checks each pattern's
# examples against it.
CLAUSE_KEYS: dict[str, tuple[str, ...]] = {
    "sale_of_data": ("sell", "sold", "sale", "rent"),
    "targeted_advertising": ("ad", "cross", "retarget"),
    "consent_implied_by_use": ("continu", "by using", "by accessing", "by utili", "deemed"),
    "tracking_technology": ("cookie", "pixel", "sdk", "beacon", "fingerprint", "track"),
    "arbitration_clause": ("arbitrat",),
    "class_action_waiver": ("class", "representative action"),
    "auto_renewal": ("renew", "recurring", "until", "trial"),
    "liability_limited": ("liab", "disclaim", "as is", "obligation", "responsible"),
    "indemnity_added": ("indemnif", "whole", "harmless"),
    "withdrawal_right": ("withdraw", "cooling"),
    "government_access": ("law enforcement", "government", "authorit", "subpoena"),
    "training_on_user_content": ("train", "machine learning", "improv", "develop", "enhanc"),
    "sensitive_data": ("biometric", "facial"),
}


# The same patterns, lower-cased, for lower-cased text: Python's ``re`` scans a case-insensitive
# alternation several times slower. Only a pattern without an upper-case escape (``\S``, ``\W`` ...) can be
# lower-cased; another keeps its case-insensitive form. (Only the choice of candidate sentences uses these:
# what a sentence signals is decided by :func:`change_signals` with the patterns themselves.)
_LOWER_WORDS = {
    name: rx if re.search(r"\\[A-Z]", rx.pattern) else re.compile(rx.pattern.lower())
    for name, rx in _CLAUSE_WORDS.items()
}


def _named(text: str) -> frozenset[str]:
    """The clause signals whose words *text* has (:data:`ADDED_WORDS`, after :data:`CLAUSE_KEYS`)."""
    low = text.lower()
    return frozenset(
        name
        for name, rx in _LOWER_WORDS.items()
        if any(key in low for key in CLAUSE_KEYS[name]) and rx.search(low)
    )


def _names_a_practice(sentence: str, transfers: bool = False) -> bool:
    """The sentence names a lawful basis, a transfer mechanism or an AI system speaking to people (read
    against its own old counterpart by :func:`change_signals`, not against the whole old side);
    *transfers*: it is about transfers (:func:`about_transfers`), so a bare mechanism counts."""
    return bool(
        new_legal_basis("", sentence)
        or new_transfer_mechanism("", sentence, transfers)
        or new_ai_interaction("", sentence)
    )


def _candidates(h: Hunk, old_text: str, new_text: str, quoted: str) -> list[tuple[str, int, frozenset[str]]]:
    """The hunk's new sentences that could add a signal, each with the clause signals its words name that
    the hunk's old side does not (any change's old side includes it). A hunk whose new side names no such
    signal and no practice is not cut into sentences at all (most of a rewritten document)."""
    if not _readable(h, new_text):
        return []
    fresh = _named(h.new_text) - _named(h.old_text)
    practice = _names_a_practice(h.new_text, "transfer" in h.new_text.lower())
    if not fresh and not practice:
        return []
    out = []
    for sentence, start in _pieces(h.new_text, h.new_start):
        names = _named(sentence) & fresh
        if (
            names or (practice and _names_a_practice(sentence, about_transfers(sentence, start, new_text)))
        ) and _new_sentence(sentence, start, old_text, new_text, quoted):
            out.append((sentence, start, names))
    return out


def sentence_change(parent: Change, sentence: AddedSentence) -> Change:
    """A sentence-sized change: filed by its own words (the parent's category when they say nothing
    substantive), new as a whole or a rewording of its old sentence, rated as the parent is."""
    category = _category(_norm(sentence.text)) or parent.category
    return parent.model_copy(
        update={
            "category": category,
            "kind": "added" if sentence.old is None else "reworded",
            "quotes_old": [sentence.old] if sentence.old is not None else [],
            "quotes_new": [sentence.text],
        }
    )


def hunk_signals(
    parents: list[ChangeSignals], diff: DiffResult, old_text: str, new_text: str
) -> list[ChangeSignals]:
    """The signals the record's changes' hunks add beyond their quotes, one :class:`ChangeSignals` per
    sentence that adds a signal its parent change lacks (see the module docstring).

    Each hunk's sentences are cut and tested once (many changes share a large rewritten hunk), and the
    words each change's old side states are searched for once per set of hunks."""
    if diff.new.text != new_text:
        return []  # the hunks' offsets point into another text
    by_id = {h.id: h for h in diff.hunks}
    quoted = "\n".join(q for cs in parents for q in cs.change.quotes_new)  # what the record already reads
    # Per hunk: its new sentences that name some signal, with the names (before any change's old side).
    candidates: dict[int, list[tuple[str, int, frozenset[str]]]] = {}
    stated_before: dict[tuple[int, ...], frozenset[str]] = {}  # per set of hunks: names its old side has
    seen: set[int] = set()  # a sentence two changes' hunks share is read once, for the first
    out: list[ChangeSignals] = []
    for parent in parents:
        hunks = [by_id[i] for i in parent.change.hunk_ids if i in by_id]
        key = tuple(h.id for h in hunks)
        olds: list[tuple[set[str], str]] | None = None
        for h in hunks:
            if h.id not in candidates:
                candidates[h.id] = _candidates(h, old_text, new_text, quoted)
            for sentence, start, names in candidates[h.id]:
                if start in seen:
                    continue
                if key not in stated_before:
                    stated_before[key] = _named(" ".join(x.old_text for x in hunks))
                before = stated_before[key]
                if not h.old_text.strip():
                    before = before - OWN_HUNK_SIGNALS  # a wholly added hunk: read against itself
                transfers = about_transfers(sentence, start, new_text)
                if not names - before and not _names_a_practice(sentence, transfers):
                    continue  # every clause word here, the passage's old side had already
                seen.add(start)
                if olds is None:
                    olds = _old_sentences(hunks)
                if _rewords(sentence, olds) is not None:
                    continue  # a rewording of an old sentence is the record's to rate
                cs = change_signals(sentence_change(parent.change, AddedSentence(sentence, start, None)))
                fresh = {
                    name
                    for name, why in cs.signals.items()
                    if name in CLAUSE_SIGNALS
                    and name not in parent.signals
                    and why.startswith(_STATED)
                    and name not in before
                    and states_clause(
                        name, sentence, transfers
                    )  # round 7: not only in an aside, a heading ...
                }
                if not fresh:
                    continue
                cs.signals = {name: why for name, why in cs.signals.items() if name in fresh}
                cs.added &= fresh
                out.append(cs)
    return out
