"""Hand-built provisions for the rules' unit tests: one changed passage as the analyzer would see it."""

from __future__ import annotations

from summarizer.analyzers.rules.provisions import Provision, Unit
from summarizer.model.diff import Hunk, HunkKind


def single_unit_provision(old: str, new: str, *, category: str, kind: HunkKind = "modified") -> Provision:
    """A provision of *category* made of one unit of *kind* whose hunk turns *old* into *new*."""
    hunk = Hunk(
        id=0,
        kind=kind,
        section_old=(),
        section_new=(),
        old_text=old,
        new_text=new,
        old_start=0,
        old_end=len(old),
        new_start=0,
        new_end=len(new),
    )
    unit = Unit(hunk=hunk, kind=kind, section=(), old_text=old, new_text=new, pos=0)
    return Provision(category=category, section=(), units=[unit])
