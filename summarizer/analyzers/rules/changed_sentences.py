"""The sentences that came or went in a provision, each with the other side's changed sentences."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from summarizer.text.extract import sentences

if TYPE_CHECKING:  # pragma: no cover
    from summarizer.analyzers.rules.provisions import Provision


def changed_sentences(prov: Provision) -> Iterator[tuple[str, set[str]]]:
    """Each sentence (white space collapsed) on one side of a unit of *prov* and not on the other,
    with the sentences the other side has that this side lacks (what it may be a rewording of).
    Moved units are skipped: their words stand on both sides."""
    for u in prov.units:
        if u.kind == "moved":
            continue
        old = {" ".join(s.text.split()) for s in sentences(u.old_text)}
        new = {" ".join(s.text.split()) for s in sentences(u.new_text)}
        came, went = new - old, old - new
        for sent in old ^ new:
            yield sent, (came if sent in old else went)
