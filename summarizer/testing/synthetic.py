"""Synthetic version histories for benchmarks and tests: small, realistic edits applied to real documents.

``evolve(text, n)`` derives *n* successive versions from a real policy by the kinds of edit
monitoring teams see: a promise hedged ("will" → "may"), partners added to a sharing clause, a
sentence dropped, a retention period changed, a new clause inserted, a date line bumped.
``write_ota_repo`` writes histories as a git repository in Open Terms Archive layout
(``<service>/<document type>.md``, one commit per version, committed at the version's date) with
one ``git fast-import`` stream, so thousands of commits take a second.
"""

from __future__ import annotations

import random
import re
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

_CLAUSES = [
    "We may share information about you with our advertising partners so that they can show you "
    "ads that are more relevant to you.",
    "We may use the content you provide to train and improve our machine learning models.",
    "We retain your personal information for as long as your account is active and for up to 24 "
    "months afterwards.",
    "Any dispute arising out of these terms will be resolved by binding individual arbitration, and "
    "you waive any right to participate in a class action.",
    "You can opt out of personalised advertising at any time in your account settings.",
    "We will notify you by email at least 30 days before any material change to this policy takes effect.",
    "We may collect your precise location when you use our mobile applications.",
    "We may disclose information to law enforcement agencies when we believe in good faith that the "
    "law requires it.",
    "We use cookies and similar technologies, including pixels and SDKs, to measure the performance "
    "of our services.",
    "We may suspend or terminate your account at any time, for any reason, without notice.",
]
_PARTIES = [
    "our advertising partners",
    "our affiliates",
    "data brokers",
    "analytics providers",
    "our corporate family of companies",
]
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_NUMBER_UNIT = re.compile(r"\b(\d{1,3})(\s+(?:days|months|years|hours))\b")


@dataclass(frozen=True)
class SyntheticVersion:
    when: datetime
    text: str
    edit: str  # what was done to the previous version


def _paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


def _prose(paras: list[str], rng: random.Random, min_words: int = 12) -> int | None:
    """Index of a random prose paragraph (not a heading, table or short line)."""
    idx = [
        i
        for i, p in enumerate(paras)
        if len(p.split()) >= min_words and not p.lstrip().startswith(("#", "|", "```"))
    ]
    return rng.choice(idx) if idx else None


def hedge(text: str, rng: random.Random) -> str | None:
    """A firm promise becomes a possibility: 'will' → 'may' (or 'will not' → 'may')."""
    paras = _paragraphs(text)
    idx = [i for i, p in enumerate(paras) if re.search(r"\b(will|shall)\b", p)]
    if not idx:
        return None
    i = rng.choice(idx)
    paras[i] = re.sub(r"\b(will not|shall not|will|shall)\b", "may", paras[i], count=1)
    return "\n\n".join(paras)


def add_party(text: str, rng: random.Random) -> str | None:
    """A sharing sentence gains a new recipient."""
    paras = _paragraphs(text)
    idx = [
        i
        for i, p in enumerate(paras)
        if re.search(r"\b(share|disclose|provide)\b", p, re.I) and re.search(r"[.]\s*$", p)
    ]
    if not idx:
        return None
    i = rng.choice(idx)
    paras[i] = re.sub(r"[.]\s*$", f", and with {rng.choice(_PARTIES)}.", paras[i])
    return "\n\n".join(paras)


def drop_sentence(text: str, rng: random.Random) -> str | None:
    """A sentence disappears from a paragraph."""
    paras = _paragraphs(text)
    idx = [i for i, p in enumerate(paras) if len(_SENTENCE.split(p)) >= 3 and not p.lstrip().startswith("#")]
    if not idx:
        return None
    i = rng.choice(idx)
    sentences = _SENTENCE.split(paras[i])
    del sentences[rng.randrange(1, len(sentences))]
    paras[i] = " ".join(sentences)
    return "\n\n".join(paras)


def change_number(text: str, rng: random.Random) -> str | None:
    """A period changes: '30 days' → '90 days'."""
    matches = list(_NUMBER_UNIT.finditer(text))
    if not matches:
        return None
    m = rng.choice(matches)
    new = str(int(m.group(1)) * rng.choice([2, 3]) or 1)
    return text[: m.start(1)] + new + text[m.end(1) :]


def add_clause(text: str, rng: random.Random) -> str | None:
    """A new clause appears after a prose paragraph."""
    paras = _paragraphs(text)
    i = _prose(paras, rng)
    if i is None:
        return None
    paras.insert(i + 1, rng.choice(_CLAUSES))
    return "\n\n".join(paras)


def reword(text: str, rng: random.Random) -> str | None:
    """Cosmetic: a double space, a curly quote, or 'e-mail' → 'email' somewhere."""
    for old, new in (("e-mail", "email"), ("'", "\u2019"), (" and ", " and  ")):
        if old in text:
            pos = [m.start() for m in re.finditer(re.escape(old), text)]
            at = rng.choice(pos)
            return text[:at] + new + text[at + len(old) :]
    return None


EDITS = {
    "hedge": hedge,
    "add_party": add_party,
    "drop_sentence": drop_sentence,
    "change_number": change_number,
    "add_clause": add_clause,
    "reword": reword,
}


def evolve(
    text: str, n: int, *, seed: int = 0, start: datetime | None = None, step: timedelta = timedelta(days=17)
) -> list[SyntheticVersion]:
    """*n* successive versions after *text*, each one or two edits away from the one before."""
    rng = random.Random(seed)
    when = start or datetime(2020, 1, 1, tzinfo=UTC)
    out: list[SyntheticVersion] = []
    current = text
    names = list(EDITS)
    while len(out) < n:
        applied = []
        for _ in range(rng.choice([1, 1, 2])):
            for name in rng.sample(names, len(names)):
                changed = EDITS[name](current, rng)
                if changed is not None and changed != current:
                    current = changed
                    applied.append(name)
                    break
        if not applied:  # nothing applies: append a clause at the end
            current = current.rstrip("\n") + "\n\n" + rng.choice(_CLAUSES) + "\n"
            applied.append("append_clause")
        when = when + step + timedelta(hours=rng.randrange(0, 240))
        out.append(SyntheticVersion(when, current, "+".join(applied)))
    return out


def write_ota_repo(repo: Path, commits: list[tuple[str, str, datetime, str]]) -> None:
    """A git repository in Open Terms Archive layout: one commit per (service, document, when, text).

    Commits are written in date order with the given committer dates.
    """
    repo.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    chunks: list[bytes] = []
    for n, (service, document, when, text) in enumerate(sorted(commits, key=lambda c: c[2]), start=1):
        stamp = f"{int(when.timestamp())} +0000"
        message = f"Record new changes of {service} {document}\n".encode()
        body = text.encode("utf-8")
        path = f"{service}/{document}.md"
        if "\n" in path or path.startswith('"'):
            raise ValueError(f"unsupported path {path!r}")
        chunks.append(b"commit refs/heads/main\n")
        chunks.append(f"mark :{n}\ncommitter OTA Bot <bot@example.org> {stamp}\n".encode())
        chunks.append(f"data {len(message)}\n".encode() + message)
        chunks.append(f"M 100644 inline {path}\n".encode())
        chunks.append(f"data {len(body)}\n".encode() + body + b"\n")
    subprocess.run(["git", "-C", str(repo), "fast-import", "--quiet"], input=b"".join(chunks), check=True)
    subprocess.run(["git", "-C", str(repo), "reset", "-q", "--hard", "main"], check=True)
