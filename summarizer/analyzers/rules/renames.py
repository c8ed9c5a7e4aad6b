"""A term renamed throughout a document (issue 12).

Help-centre pages rename a product term everywhere at once: "feed" becomes "data source", "Go to"
becomes "In your" in every menu path, "Monetization Program" becomes "Program". Each edit is
tiny, but a provision that gathers forty of them passes the long-rewrite test of
:func:`~summarizer.analyzers.rules.analyzer.is_material`. A word edit that the diff makes the same
way in at least :data:`MIN_REPEATS` places, between short phrases without figures, negations or
modal verbs, is a renaming; a provision whose every edit is a renaming (and whose rating did not
move) is not material.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from summarizer.text.extract import word_edits
from summarizer.text.lazy_re import lazy
from summarizer.text.normalise import loose_key

if TYPE_CHECKING:  # pragma: no cover
    from summarizer.analyzers.rules.provisions import Provision, Unit

#: The same edit in at least this many places of the document is a renaming.
MIN_REPEATS = 3
#: A renamed phrase has at most this many words on either side.
MAX_WORDS = 4

_MEANING = lazy(
    r"\d|\b(?:not|no|never|only|may|must|shall|will|can|cannot|should|might|would|could|all|any|none|"
    r"without|unless|except|always)\b",
    re.I,
)


def _pairs(unit: Unit) -> list[tuple[str, str]] | None:
    """The unit's word edits as (old phrase, new phrase) keys; None when one cannot be a renaming."""
    from summarizer.analyzers.rules.provisions import readable  # noqa: PLC0415 (it imports this module)

    if unit.kind != "modified" or not unit.edits:
        return None
    old, new = readable(unit.hunk.old_text), readable(unit.hunk.new_text)
    out = []
    for e in word_edits(old, new):
        a, b = old[e.old[0] : e.old[1]], new[e.new[0] : e.new[1]]
        if len(a.split()) > MAX_WORDS or len(b.split()) > MAX_WORDS or _MEANING.search(a + " " + b):
            return None
        pair = _singular(loose_key(a), loose_key(b))
        if pair[0] != pair[1]:
            out.append(pair)
    return out


def _singular(a: str, b: str) -> tuple[str, str]:
    """'tweets' -> 'posts' is the renaming 'tweet' -> 'post' in the plural (and 'Alibaba’s' ->
    'Qwen’s' in the possessive): both sides lose a final 's'."""
    if len(a) > 3 and len(b) > 3 and a.endswith("s") and b.endswith("s") and " " not in a + b:
        return a[:-1], b[:-1]
    return a, b


_OWN_EXAMPLES = lazy(
    r"\bour (?:own )?(?:services?|products?|apps?|applications?|websites?|sites?|platforms?|offerings?|tools?)"
    r",? (?:such as|e\.g\.,?|for example|for instance|including|like)\s*$",
    re.I,
)


def own_product_swapped(prov: Provision) -> bool:
    """Every list change of the provision swaps one example of the company's own products for
    another ('our services such as Le Chat or Mistral AI Studio' -> 'such as Vibe or Mistral AI
    Studio'): a product renamed or named instead of another, which changes nothing the text allows.
    A list of partners, recipients or data types is not covered."""
    enums = prov.signals.enumerations
    if not enums or prov.signals.parties_added or prov.signals.parties_removed:
        return False
    return all(
        len(e.added) == len(e.removed) == 1 and _OWN_EXAMPLES.search(" ".join(e.context.split()))
        for e in enums
    )


def mark_renames(provisions: list[Provision]) -> None:
    """Set ``renames_only`` on every provision whose edits are all renamings (see module doc)."""
    per_unit: dict[int, list[tuple[str, str]] | None] = {}
    counts: Counter[tuple[str, str]] = Counter()
    for prov in provisions:
        if prov.companion:
            continue
        for u in prov.units:
            if id(u) in per_unit:
                continue
            pairs = _pairs(u)
            per_unit[id(u)] = pairs
            counts.update(pairs or [])
    common = {pair for pair, n in counts.items() if n >= MIN_REPEATS}
    if not common:
        return
    for prov in provisions:
        found = [per_unit.get(id(u)) for u in prov.units]
        prov.renames_only = all(p is not None and p and set(p) <= common for p in found)
