"""Plain-language, template-based text for the offline change record.

Everything a reader sees comes either from short templates written here (aimed at a reading
grade of 9 or lower) or from the documents themselves (short quoted fragments, verbatim quotes,
what-you-can-do sentences). Nothing is invented: an action or a hedge is only reported when the
text says it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from difflib import SequenceMatcher

from summarizer.analyzers.rules.entry_text import entry_fact
from summarizer.analyzers.rules.list_items import list_sentence
from summarizer.analyzers.rules.provisions import RIGHTS_CATEGORIES, Provision, channels
from summarizer.model.diff import DiffResult, Hunk
from summarizer.model.document import Document
from summarizer.text.dates import DATE_ONLY
from summarizer.text.extract import (
    action_sentences,
    defines,
    hedges_in,
    plain,
    vague_parties_in,
    window,
    word_count,
)
from summarizer.text.lazy_re import lazy
from summarizer.text.normalise import loose_key

TOPICS: dict[str, str] = {
    "data_collection": "what data is collected",
    "data_use_purpose": "how your data is used",
    "third_party_sharing": "sharing data with other companies",
    "sale_targeted_ads": "selling data and targeted ads",
    "tracking_tech": "cookies and tracking",
    "sensitive_data": "sensitive data",
    "choice_consent": "your choices and consent",
    "user_rights": "your rights over your data",
    "data_retention": "how long data is kept",
    "security_breach": "security and data breaches",
    "international_transfer": "sending data to other countries",
    "children_audiences": "children and rules for some regions",
    "government_requests": "requests from police and government",
    "policy_change_notice": "how changes to the terms are announced",
    "content_license_ip": "rights over your content",
    "account_termination": "closing or suspending accounts",
    "dispute_resolution": "how disputes are settled",
    "liability_warranty_payment": "payments and the company's liability",
    "contact_generic": "general or contact details",
    "ai_training": "AI and automated decisions",
}

# What a rise (up) or a fall (down) of severity means for a user, per category.
IMPACT: dict[str, tuple[str, str]] = {
    "data_collection": ("More data about you may be collected.", "Less data about you is collected."),
    "data_use_purpose": ("Your data may be used for more things.", "Your data is used for fewer things."),
    "third_party_sharing": ("Your data may reach more companies.", "Your data goes to fewer companies."),
    "sale_targeted_ads": (
        "Your data may be used for ads or sold.",
        "Your data is less likely to be used for ads or sold.",
    ),
    "tracking_tech": (
        "You may be tracked more, for example by cookies.",
        "You are tracked less, or you get more control over it.",
    ),
    "sensitive_data": ("More sensitive data about you may be used.", "Sensitive data gets more care."),
    "choice_consent": (
        "You have fewer choices, or your consent is assumed more often.",
        "You get more say over how your data is used.",
    ),
    "user_rights": ("You may have fewer rights over your data.", "You get more rights over your data."),
    "data_retention": ("Your data may be kept for longer.", "Your data is kept for a shorter time."),
    "security_breach": ("The security promises are weaker.", "The security promises are stronger."),
    "international_transfer": (
        "Your data may be sent to more countries.",
        "Your data goes to fewer countries, or with more care.",
    ),
    "children_audiences": (  # a regional section that names no children has its own words (_impact)
        "Children get less protection.",
        "Children get more protection.",
    ),
    "government_requests": (
        "Your data may be given to the police or the government more easily.",
        "Your data is given to the police or the government less easily.",
    ),
    "policy_change_notice": (
        "The terms can change with less notice to you.",
        "You get more notice before the terms change.",
    ),
    "content_license_ip": (
        "The company gets more rights over what you post.",
        "The company gets fewer rights over what you post.",
    ),
    "account_termination": (
        "Your account can be closed or cut off more easily.",
        "Your account is harder to close or cut off.",
    ),
    "dispute_resolution": (
        "It is harder for you to go to court or join a group claim.",
        "It is easier for you to settle a dispute.",
    ),
    "liability_warranty_payment": (
        "The company takes on less blame, or you may pay more.",
        "The company takes on more blame, or you may pay less.",
    ),
    "contact_generic": ("Little changes for you.", "Little changes for you."),
    "ai_training": (
        "Your content or data may be used more for AI, or AI may decide or act more for you.",
        "Your content or data is used less for AI, or you get more say over it.",
    ),
}

FURNITURE_PHRASE = "page elements around the text (menus, images, ads)"
COSMETIC_PHRASES: list[tuple[str, str]] = [  # first match wins, per part of a reason
    ("navigation", FURNITURE_PHRASE),
    ("menu", FURNITURE_PHRASE),
    ("image", FURNITURE_PHRASE),
    ("date", "the 'Last updated' date"),
    ("link", "link targets"),
    ("typography", "quote marks and dashes"),
    ("whitespace", "spacing"),
    ("punctuation", "punctuation or capital letters"),
    ("renumbering", "numbering"),
    ("markdown", "text formatting"),
    ("formatting", "text formatting"),
    ("reordered", "the order of some passages"),
]
_REGION_WORDS = {
    "California": "California",
    "CCPA": "California",
    "CPRA": "California",
    "European": "the EU",
    "EEA": "the EU",
    "GDPR": "the EU",
    "EU": "the EU",
    "UK": "the UK",
    "Kingdom": "the UK",
    "Canada": "Canada",
    "Canadian": "Canada",
    "PIPEDA": "Canada",
    "Brazil": "Brazil",
    "Brazilian": "Brazil",
    "LGPD": "Brazil",
    "India": "India",
    "Indian": "India",
    "Japan": "Japan",
    "Japanese": "Japan",
    "Korea": "Korea",
    "Korean": "Korea",
    "China": "China",
    "Chinese": "China",
    "PRC": "China",
    "PIPL": "China",
    "Australia": "Australia",
    "Australian": "Australia",
}
_CAPITALISED = lazy(r"\b[A-Z][A-Za-z]{1,10}\b")
# each region word (all letters, 2 to 11 of them, so a capitalised word when bounded), ending a word
# An unfilled placeholder: '[enter ...]', TODO, Lorem ipsum. Two patterns, because the first starts
# with a literal '[' that the regex engine finds fast, while the other two scan every position of a
# long document; they run only when the text holds their letters (see _placeholder).
_PLACEHOLDER_SLOT = lazy(r"\[(?:enter|insert|add|tbd|tbc|todo|xx+|date|name of)\b[^\]\n]{0,60}\]", re.I)
_PLACEHOLDER_WORDS = lazy(r"\bTODO\b|\bLorem ipsum\b", re.I)
_ENDS_SENTENCE = lazy(r"[.!?:;)\"'”’*_|\]]\s*$")


# --- names ---------------------------------------------------------------------------------------


_NOT_A_TITLE = lazy(r"(?:in|please|these|this|by|read|if|when|for|welcome|the following)\b", re.I)


def doc_noun(doc: Document) -> str:
    """'privacy policy', 'terms' or 'document' from the title."""
    title = (doc.title or "").lower()
    if re.search(r"privacy|cookie|data (?:policy|protection)|personal", title):
        return "privacy policy"
    if re.search(r"terms|conditions|agreement|contract|rules", title):
        return "terms"
    if re.search(r"policy|notice|statement", title):
        return "policy"
    return "document"


def doc_name(doc: Document) -> str:
    """The document's own title when short and clean, else 'The <noun>'."""
    title = plain(doc.title or "").strip(" :.-!")
    if (
        title
        and 2 <= len(title.split()) <= 7
        and not _NOT_A_TITLE.match(title)
        and re.search(r"polic|terms|notice|statement|agreement|conditions", title, re.I)
    ):
        if title.isupper():  # 'ZIFF DAVIS, LLC PRIVACY POLICY' -> 'Ziff Davis, LLC Privacy Policy'
            title = " ".join(w if len(w.strip(",.")) <= 3 else w.capitalize() for w in title.split())
        return title
    return "The " + doc_noun(doc)


def topic(category: str) -> str:
    return TOPICS.get(category, category.replace("_", " "))


def join_words(items: list[str], conj: str = "and") -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {conj} " + items[-1]


def _q(text: str) -> str:
    """Quoted words of a document in prose: without Markdown or table syntax (the change's quotes
    keep the verbatim text)."""
    clean = " ".join(plain(text).replace("|", " ").split())
    return f"\u201c{clean or text}\u201d"


# --- per change ----------------------------------------------------------------------------------


_NO_TARGETS = lazy(r"\]\([^)]*\)?|\(?https?://\S+|www\.\S+")
_STOP = frozenset(
    "a an the and or of to in on for with by at as is are be been this that these those it its "
    "our your we you us from any all such".split()
)
_WORD_RX = lazy(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)


def _content_words(text: str) -> int:
    return sum(1 for w in _WORD_RX.findall(text.lower()) if w not in _STOP)


def edit_phrases(prov: Provision, limit: int = 2) -> list[str]:
    """Plain sentences for the most significant word edits of the provision's modified passages:
    'Where it said “within 30 days”, it now says “within 180 days”.'"""
    scored = []
    for unit in prov.units:
        old, new = unit.hunk.old_text, unit.hunk.new_text
        for e in unit.edits:
            removed, added = old[e.old[0] : e.old[1]], new[e.new[0] : e.new[1]]
            weight = _content_words(_NO_TARGETS.sub(" ", removed)) + _content_words(
                _NO_TARGETS.sub(" ", added)
            )
            if weight:
                scored.append((weight, unit.pos + e.new[0], e, old, new))
    phrases: list[str] = []
    seen: set[tuple[str, str]] = set()
    unique = []
    for item in sorted(scored, key=lambda t: -t[0]):
        e, old, new = item[2], item[3], item[4]
        key = (loose_key(old[e.old[0] : e.old[1]]), loose_key(new[e.new[0] : e.new[1]]))
        if key not in seen:
            seen.add(key)
            unique.append(item)
    for _, _, e, old, new in sorted(unique[:limit], key=lambda t: t[1]):
        removed, added = (
            plain(old[e.old[0] : e.old[1]]).rstrip("."),
            plain(new[e.new[0] : e.new[1]]).rstrip("."),
        )
        if e.op == "replace":
            before = _clip(window(old, e.old, after=3, max_words=10))
            after = _clip(window(new, e.new, after=3, max_words=10))
            phrases.append(f"Where it said {_q(before)}, it now says {_q(after)}.")
        elif e.op == "insert":
            shown = added if word_count(added) >= 3 else window(new, e.new, max_words=10)
            phrases.append(f"It now adds {_q(_clip(shown))}.")
        else:
            shown = removed if word_count(removed) >= 3 else window(old, e.old, max_words=10)
            phrases.append(f"It no longer says {_q(_clip(shown))}.")
    return phrases


def _clip(text: str, max_words: int = 14) -> str:
    words = text.split()
    text = text if len(words) <= max_words else " ".join(words[:max_words]) + " …"
    return text.strip(" ,;:")


def lead_fragment(prov: Provision, side: str) -> str:
    """A short fragment of the provision's added (side 'new') or removed ('old') passages."""
    for unit in sorted(prov.units, key=lambda u: -u.changed_words):
        text = unit.new_text if side == "new" else unit.old_text
        quotes = unit.quotes_new if side == "new" else unit.quotes_old
        if not text:
            continue
        source = quotes[0].text if quotes else text
        frag = _clip(plain(source).rstrip("."), 16)
        if word_count(frag) >= 2:
            return frag
    return ""


_ENTRY_MEANING = "The list now covers more or less; the text does not say if that is better or worse for you."


def change_summary(prov: Provision) -> str:
    """Two or three sentences: what the text says now, what it said, what it means."""
    name = topic(prov.category)
    entries = entry_fact(prov)
    if entries is not None:  # a short entry of a lead-in list came or went (entry_text.py)
        return f"{entries[0].upper()}{entries[1:]}. {_ENTRY_MEANING}"
    modified = any(u.edits for u in prov.units)
    new, old = lead_fragment(prov, "new"), lead_fragment(prov, "old")
    if prov.kind == "moved":
        src = prov.units[0].hunk.section_old[-1:] or ("the top",)
        dst = prov.units[0].hunk.section_new[-1:] or ("the top",)
        first = f"A passage on {name} moved from {_q(src[0])} to {_q(dst[0])}. Its words did not change."
    elif prov.kind == "added":
        first = f"New text on {name}. It says {_q(new)}." if new else f"New text on {name}."
    elif prov.kind == "removed":
        first = f"Text on {name} was removed. It said {_q(old)}." if old else f"Text on {name} was removed."
    elif modified:
        phrases = edit_phrases(prov)
        first = (
            f"The text on {name} changed. " + " ".join(phrases) if phrases else f"The text on {name} changed."
        )
    elif new and old:
        first = f"The text on {name} now says {_q(new)}. Before, it said {_q(old)}."
    elif new:
        first = f"The text on {name} now adds {_q(new)}."
    elif old:
        first = f"The text on {name} no longer says {_q(old)}."
    else:
        first = f"The text on {name} changed."
    moved = next(
        (u.hunk for u in prov.units if u.hunk.kind == "moved" and u.hunk.section_old != u.hunk.section_new),
        None,
    )
    if moved is not None and prov.kind != "moved":
        src, dst = moved.section_old[-1:] or ("the top",), moved.section_new[-1:] or ("the top",)
        first += f" It also moved from {_q(src[0])} to {_q(dst[0])}."
    return f"{first} {meaning(prov)}"


_CHANNEL_NAMES = {"email": "by email", "phone": "by phone", "web": "through a web page", "post": "by post"}


def channel_shift(prov: Provision) -> tuple[str, str] | None:
    """(before, now) in words when a provision on exercising a right changed the kinds of channel
    it offers ("by email or by phone", "through a web page"); None otherwise."""
    if prov.category not in RIGHTS_CATEGORIES:
        return None
    before, now = channels(prov.old_text), channels(prov.new_text)
    if before == now or not before or not now:
        return None

    def words(kinds: frozenset[str]) -> str:
        names = [_CHANNEL_NAMES[k] for k in ("email", "phone", "web", "post") if k in kinds]
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]

    return words(before), words(now)


_CHILD_WORDS = lazy(
    r"\b(?:child|children|minors?|teens?|teenagers?|kids?|under (?:the age of )?1[3-8])\b", re.I
)


def _impact(prov: Provision) -> tuple[str, str]:
    """The category's plain-words effect; a regional section that says nothing of children is not
    about children."""
    if prov.category == "children_audiences" and not _CHILD_WORDS.search(prov.old_text + " " + prov.new_text):
        return (
            "People in the places this section covers get less protection.",
            "People in the places this section covers get more protection.",
        )
    if (
        prov.category == "liability_warranty_payment"
        and prov.assessment is not None
        and any("something you must pay or cover" in f for f in prov.assessment.factors)
    ):  # an indemnity or a charge you owe: say so, not "the company takes on less blame"
        return ("You may have to pay more, or cover the company's losses.", IMPACT[prov.category][1])
    return IMPACT[prov.category]


def meaning(prov: Provision) -> str:
    up, down = _impact(prov)
    if prov.direction == "up":
        return up
    if prov.direction == "down":
        return down
    if prov.direction == "unclear":
        return "The text does not make clear whether this is better or worse for you: read the quotes."
    shift = channel_shift(prov)
    if shift is not None:
        return f"You now send these requests {shift[1]}; before, you sent them {shift[0]}."
    if prov.kind in ("moved", "reworded"):
        return "The meaning looks the same."
    if prov.kind in ("added", "removed"):
        return "This does not change what the company may do."
    return "The severity rating did not change."


def shift_reason(prov: Provision) -> str:
    shift = channel_shift(prov)
    if shift is not None and prov.direction == "same":
        return f"unchanged ({prov.after.value}): requests go {shift[1]} instead of {shift[0]}"
    reason = (prov.assessment.reason if prov.assessment else "").strip()
    reason = " ".join(reason.split())
    if not reason:
        arrow = f"{prov.before.value} → {prov.after.value}"
        reason = f"{arrow}: no change in what the text allows" if prov.direction == "same" else arrow
    return reason


# --- record-level text ---------------------------------------------------------------------------


def cosmetic_kinds(hunks: list[Hunk], furniture: list[Hunk], link_only: Sequence[Hunk] = ()) -> list[str]:
    """Plain names of the kinds of cosmetic change, most frequent first."""
    counts: Counter[str] = Counter()
    if link_only:
        counts["link targets"] += len(link_only)
    for h in hunks:
        if not h.cosmetic:
            continue
        for part in re.split(r"\band\b", (h.cosmetic_reason or "formatting").lower()):
            if not part.strip():
                continue
            phrase = next((p for key, p in COSMETIC_PHRASES if key in part), "text formatting")
            counts[phrase] += 1
    for h in furniture:
        counts["a date" if DATE_ONLY.match(plain(h.old_text + " " + h.new_text)) else FURNITURE_PHRASE] += 1
    return [k for k, _ in counts.most_common()]


def cosmetic_sentence(kinds: list[str]) -> str:
    if not kinds:
        return "No words changed in a way that matters."
    return f"Only {join_words(kinds)} changed."


def headline(diff: DiffResult, shown: list[Provision], total: int) -> str:
    name = doc_name(diff.new)
    top = shown[0]
    fact = headline_fact(top)
    more = total - 1
    tail = f", plus {more} more {'change' if more == 1 else 'changes'}" if more > 0 else ""
    return f"{name}: {fact}{tail}."


def headline_fact(prov: Provision) -> str:
    for neg in prov.signals.negation:
        phrase = _negation_phrase(prov, plain(neg.phrase).strip())
        if neg.change == "removed" and 4 <= len(phrase.split()) <= 8 and _PROMISE.match(phrase):
            return f"the promise {_q(phrase)} was removed"
    up, down = _impact(prov)
    entries = entry_fact(prov)
    if entries is not None:  # a short entry of a lead-in list came or went (entry_text.py)
        return entries
    if prov.list_items and (prov.direction in ("same", "unclear") or prov.category == "contact_generic"):
        sentence = list_sentence(prov.list_items)  # a list grew or shrank (list_items.py)
    elif prov.kind == "added" and prov.direction != "down":
        sentence = up if prov.direction == "up" else f"new text on {topic(prov.category)}"
    elif prov.kind == "removed" and prov.direction != "up":
        sentence = down if prov.direction == "down" else f"text on {topic(prov.category)} was removed"
    elif prov.direction == "up":
        sentence = up
    elif prov.direction == "down":
        sentence = down
    elif prov.kind == "moved":
        sentence = f"a passage on {topic(prov.category)} moved"
    else:
        sentence = f"the wording on {topic(prov.category)} changed"
    sentence = sentence.rstrip(".")
    return sentence[0].lower() + sentence[1:]


_PROMISE = lazy(
    r"(?:will|do|does|shall|would|can)? ?(?:not|never|n't) (?:ever )?(?:sell|share|rent|disclose|use|track|collect|"
    r"transfer|store|keep|retain|read|scan|access|monitor|give|provide|trade|combine|license|send|publish|"
    r"charge|change|require)\b|never\b",
    re.I,
)


def _negation_phrase(prov: Provision, phrase: str, max_words: int = 6) -> str:
    """Extend a signal's short phrase ('do not use') to the words that follow it in the old text
    ('do not use advertising cookies')."""
    if not phrase:
        return phrase
    for unit in prov.units:
        text = plain(unit.old_text)
        at = text.lower().find(phrase.lower())
        if at != -1:
            words = text[at:].split()[:max_words]
            out = " ".join(words)
            cut = re.search(r"[.;:,]", out)
            return (out[: cut.start()] if cut else out).strip()
    return phrase


def summary(diff: DiffResult, provisions: list[Provision], shown: list[Provision], kinds: list[str]) -> str:
    n = len(provisions)
    noun = doc_noun(diff.new)
    parts = [f"This update changes {n} {'part' if n == 1 else 'parts'} of the {noun}."]
    ups = sum(p.direction == "up" for p in provisions)
    downs = sum(p.direction == "down" for p in provisions)
    unclear = sum(p.direction == "unclear" for p in provisions)
    same = n - ups - downs - unclear
    counts = []
    if ups:
        counts.append(f"{ups} {'makes' if ups == 1 else 'make'} it worse for you")
    if downs:
        counts.append(f"{downs} {'makes' if downs == 1 else 'make'} it better for you")
    if same:
        counts.append(f"{same} {'does' if same == 1 else 'do'} not change the rating")
    if unclear:
        counts.append(f"{unclear} {'needs' if unclear == 1 else 'need'} a closer look")
    if n > 1 and counts:
        parts.append(join_words(counts).capitalize() + ".")
    topics = []
    for p in shown:
        t = topic(p.category)
        if t not in topics:
            topics.append(t)
    if len(shown) > 1:
        parts.append(f"The main ones are about {join_words(topics[:4])}.")
    folded = provisions[len(shown) :]
    if folded:
        lesser = []
        for p in folded:
            t = topic(p.category)
            if t not in lesser:
                lesser.append(t)
        extra = f", on {join_words(lesser[:3])}" + (" and more" if len(lesser) > 3 else "") if lesser else ""
        parts.append(
            f"{len(folded)} smaller {'change is' if len(folded) == 1 else 'changes are'} folded together here{extra}."
        )
    if kinds:
        parts.append(f"Cosmetic edits were left out: {join_words(kinds)}.")
    return " ".join(parts)


def impact(shown: list[Provision]) -> str:
    sentences: list[str] = []
    for prov in shown:
        listed = entry_fact(prov) is not None  # an entry of a lead-in list came or went (entry_text.py)
        if not listed and (
            (prov.direction == "same" and channel_shift(prov) is None) or prov.category == "contact_generic"
        ):
            continue
        sentence = _ENTRY_MEANING if listed else meaning(prov)
        if sentence not in sentences:
            sentences.append(sentence)
        if len(sentences) == 3:
            break
    if not sentences:
        return "The changes reword the text. What it allows you and the company to do looks the same."
    return " ".join(sentences)


def actions(diff: DiffResult, shown: list[Provision], limit: int = 4) -> list[str]:
    """What a user can do, only when the new text says so: sentences from the changed passages
    first, then from the sections those changes are in."""
    found: list[str] = []
    seen: set[str] = set()

    from summarizer.analyzers.rules.voice import reader_voice

    def add(sentence: str) -> None:
        sentence = reader_voice(sentence) or ""  # addressed to you, never the company's own sentence
        key = loose_key(sentence)
        if key and key not in seen and len(found) < limit:
            seen.add(key)
            found.append(sentence)

    for prov in shown:
        if prov.category == "contact_generic":
            continue
        for unit in prov.units:
            for s in action_sentences(unit.new_text):
                add(s)
    for prov in shown:
        if prov.category == "contact_generic" or prov.direction != "up" or len(found) >= limit:
            continue
        for block in _blocks_near(diff.new, prov):
            if block.section == prov.section and block.kind != "heading":
                for s in action_sentences(block.text):
                    add(s)
    return found


def _blocks_near(doc: Document, prov: Provision, reach: int = 15) -> list:
    """Blocks of *doc* within *reach* blocks of the provision's first change."""
    starts = [b.start for b in doc.blocks]
    centre = bisect_left(starts, prov.start)
    return doc.blocks[max(0, centre - reach) : centre + reach]


def interpretive_note(diff: DiffResult, shown: list[Provision]) -> str | None:
    notes = capture_problems(diff)
    hedge_counts: Counter[str] = Counter()
    vague: list[str] = []
    for prov in shown:
        if prov.category == "contact_generic":
            continue
        for unit in prov.units:
            if not unit.new_text:
                continue
            hedge_counts.update(hedges_in(unit.new_text))
            for party in vague_parties_in(unit.new_text):
                if party not in vague and not defines(diff.new.text, party):
                    vague.append(party)
    if hedge_counts:
        words = [_q(h) for h, _ in hedge_counts.most_common(3)]
        notes.append(
            f"The new text is hedged. It uses {join_words(words)}, so it does not say exactly what will happen or how far it goes."
        )
    if vague:
        notes.append(f"It names {join_words([_q(v) for v in vague[:3]])} but does not say who they are.")
    return " ".join(notes) or None


def capture_problems(diff: DiffResult) -> list[str]:
    """Signs that a version was captured badly: cut short, another page, another regional edition."""
    old, new = diff.old, diff.new
    notes: list[str] = []
    ow, nw = max(1, old.word_count), max(1, new.word_count)
    old_title, new_title = plain(old.title or ""), plain(new.title or "")
    if (
        old_title
        and new_title
        and SequenceMatcher(None, loose_key(old_title), loose_key(new_title)).ratio() < 0.5
    ):
        notes.append(
            f"The two versions have different titles ({_q(old_title)} and {_q(new_title)}). "
            "The new one may be a different page, so treat this record with care."
        )
    if nw < 0.6 * ow and ow >= 300:
        ends_mid = not _ENDS_SENTENCE.search(new.text.rstrip()[-200:])
        detail = f"{round(100 * nw / ow)}% of the old length" + (
            ", and it ends mid-sentence" if ends_mid else ""
        )
        notes.append(
            f"The new version is much shorter ({detail}). "
            "It may have been cut short, so some removals may not be real."
        )
    elif ow < 0.6 * nw and nw >= 300:
        notes.append(
            f"The old version is much shorter ({round(100 * ow / nw)}% of the new length). "
            "It may have been captured only in part, so some additions may not be new."
        )
    swap = _region_swap(old.text, new.text)
    if swap:
        notes.append(swap)
    placeholder = _placeholder(new.text)
    if placeholder and not _placeholder(old.text):
        notes.append(
            f"The new text contains what looks like an unfilled placeholder ({_q(plain(placeholder.group(0)))}). "
            "It may have been published by mistake."
        )
    return notes


def _placeholder(text: str) -> re.Match[str] | None:
    """The first unfilled placeholder in *text* (the leftmost match of either pattern: they never
    start at the same character)."""
    found = _PLACEHOLDER_SLOT.search(text)
    # 'todo' and 'lorem' have no letters the case-insensitive match equates with non-ASCII ones, so
    # the ASCII lower case of the UTF-8 bytes holds them wherever the pattern could match
    ascii_lower = text.encode("utf-8", "surrogatepass").lower()
    if b"todo" in ascii_lower or b"lorem" in ascii_lower:
        other = _PLACEHOLDER_WORDS.search(text)
        if other is not None and (found is None or other.start() < found.start()):
            found = other
    return found


def _region_mentions(text: str) -> Counter[str]:
    """How often each region is named: the capitalised words of *text* (:data:`_CAPITALISED`) that
    are region words. Each region word is looked for on its own with str.find (a fast literal
    search; a regex scans a long document several times slower), with the word boundaries before
    and after it checked by hand as ``\b`` checks them: the same count as reading every capitalised
    word of a long document (tests/analyzers/rules/test_fast_paths.py)."""
    found: Counter[str] = Counter()
    find = text.find
    for word, region in _REGION_WORDS.items():
        at = find(word)
        size = len(word)
        while at >= 0:  # the matches of word + r'\b', found by str.find (faster)
            after = text[at + size : at + size + 1]
            if after and (after.isalnum() or after == "_"):  # no word boundary after it: \b fails
                at = find(word, at + 1)
                continue
            if not (at and (text[at - 1].isalnum() or text[at - 1] == "_")):  # boundary before it
                found[region] += 1
            at = find(word, at + size)
    return found


def _region_swap(old: str, new: str) -> str | None:
    counts = _region_mentions

    a, b = counts(old), counts(new)
    names = list(dict.fromkeys(_REGION_WORDS.values()))
    gone = [r for r in names if a[r] >= 3 and b[r] == 0]
    came = [r for r in names if b[r] >= 3 and a[r] == 0]
    if not gone and not came:
        return None
    parts = []
    if gone:
        parts.append(f"the old one mentions {join_words(gone)} and the new one does not")
    if came:
        parts.append(f"the new one mentions {join_words(came)} and the old one does not")
    return (
        f"The two versions may be different regional editions: {join_words(parts)}. "
        "Check that both are the same edition before relying on this record."
    )
