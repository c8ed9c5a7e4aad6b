"""What the current version says on one provision, extractively (offline): the passages of the
current text that the taxonomy classifier places in the category, the one or two sentences that
say it most plainly, a verbatim excerpt, the interpretive note and the user's options they name.

Every sentence shown is taken word for word from the document (only Markdown marks are removed),
so nothing here can misstate the text; the page says that the statement is extracted. The model
path (``site build --analyzer llm``) rewrites only the statement: see :mod:`summarizer.site.statement_model`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_MARKDOWN = re.compile(r"(\*\*|__|`|^#+\s*|^\s*[-*+]\s+|^\s*\d+\.\s+|^>\s*)", re.M)
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“(])")
_POINTER = re.compile(
    r"\b(see (?:our|the)|described in|set out in|as explained in|learn more|more information (?:is|can be)|"
    r"refer to|other (?:polic(?:y|ies)|terms)|privacy policy|help center|help centre)\b",
    re.I,
)
_HEDGE = re.compile(r"\b(may|might|such as|including but not limited to|from time to time|certain)\b", re.I)
_ACTION = re.compile(
    r"\b(you can|you may (?:opt|choose|request|delete|access|change|turn|withdraw|object|contact)|"
    r"opt[- ]out|unsubscribe|withdraw (?:your )?consent|your (?:account )?settings|contact us|"
    r"turn (?:off|on)|delete your)\b",
    re.I,
)
MAX_SENTENCE_WORDS = 60
MAX_EXCERPT_WORDS = 90


@dataclass
class ProvisionText:
    """The extract of one category from the current version."""

    category: str
    statement: list[str] = field(default_factory=list)  # one or two verbatim sentences
    excerpt: str | None = None  # one verbatim passage, trimmed at a sentence end
    note: str | None = None  # vague wording or pointers elsewhere
    actions: list[str] = field(default_factory=list)  # sentences naming the user's options
    passages: int = 0  # passages of the current version in the category
    method: str = "extractive"  # or "model": the statement was written by the model and verified
    prompt: str | None = None  # the model path's prompt identity (name@version#hash)
    model: str | None = None
    quotes: list[str] = field(default_factory=list)  # the verified quotes a model statement rests on
    flags: list[str] = field(default_factory=list)  # codes of summarizer.site.statement_model.FLAG_TEXT


def plain(block: str) -> str:
    """A Markdown block as plain text: link labels kept, marks dropped, whitespace folded."""
    text = _LINK.sub(r"\1", block)
    text = _MARKDOWN.sub("", text)
    return " ".join(text.split())


def passages(text: str) -> list[str]:
    """Prose passages of a document: blocks of at least eight words (headings and table rows skipped)."""
    out = []
    for block in re.split(r"\n\s*\n", text):
        stripped = block.strip()
        if not stripped or stripped.startswith(("#", "|")):
            continue
        line = plain(stripped)
        if len(line.split()) >= 8:
            out.append(line)
    return out


def classify_passages(
    text: str, cache: dict[str, list] | None = None
) -> tuple[dict[str, list[tuple[float, int, str]]], dict[str, list]]:
    """category -> [(score, position, passage)] for every prose passage of *text*, and the
    classifications by passage hash (pass them back as *cache*: an unchanged passage of the next
    version is not classified again)."""
    import hashlib

    from summarizer.rubric.classifier import explain

    cache = cache or {}
    seen: dict[str, list] = {}
    found: dict[str, list[tuple[float, int, str]]] = {}
    for position, passage in enumerate(passages(text)):
        key = hashlib.sha1(passage.encode("utf-8")).hexdigest()[:20]
        hits = seen.get(key) or cache.get(key)
        if hits is None:
            hits = [[hit.category, hit.score] for hit in explain(passage)]
        seen[key] = hits
        for category, score in hits:
            found.setdefault(category, []).append((score, position, passage))
    return found, seen


def _sentences(passage: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(passage) if 6 <= len(s.split()) <= MAX_SENTENCE_WORDS]


def _trim(passage: str, words: int) -> str:
    if len(passage.split()) <= words:
        return passage
    kept: list[str] = []
    for sentence in _SENTENCE.split(passage):
        if kept and len(" ".join([*kept, sentence]).split()) > words:
            break
        kept.append(sentence)
    out = " ".join(kept)
    return out if len(out.split()) <= words else " ".join(out.split()[:words]) + " …"


def extract(category: str, found: dict[str, list[tuple[float, int, str]]]) -> ProvisionText:
    """The extract of *category* from a classified version (see :func:`classify_passages`)."""
    hits = sorted(found.get(category, []), key=lambda h: (-h[0], h[1]))
    out = ProvisionText(category, passages=len(hits))
    if not hits:
        return out
    best = hits[:3]
    sentences = [s for _score, _pos, passage in best[:2] for s in _sentences(passage)[:1]]
    out.statement = list(dict.fromkeys(sentences))[:2] or [_trim(best[0][2], 40)]
    out.excerpt = _trim(best[0][2], MAX_EXCERPT_WORDS)
    top_text = " ".join(p for _s, _p, p in best)
    notes = []
    if _POINTER.search(top_text):
        notes.append(
            "Part of what governs this topic sits elsewhere: the text refers readers to another page "
            "or policy, which this page does not cover."
        )
    hedges = sorted({m.group(1).lower() for m in _HEDGE.finditer(top_text)})
    if hedges:
        quoted = ", ".join(f"“{h}”" for h in hedges[:3])
        notes.append(
            f"The wording is open-ended ({quoted}): it says what the service allows itself to do, "
            "not what it always does."
        )
    out.note = " ".join(notes) or None
    seen: list[str] = []
    for _score, _pos, passage in sorted(hits, key=lambda h: h[1]):
        for sentence in _SENTENCE.split(passage):
            if _ACTION.search(sentence) and 5 <= len(sentence.split()) <= MAX_SENTENCE_WORDS:
                if sentence not in seen:
                    seen.append(sentence.strip())
        if len(seen) >= 4:
            break
    out.actions = seen[:4]
    return out
