"""Terminal view of a :class:`~summarizer.model.diff.DiffResult`: sections, kinds, inline word changes."""

from __future__ import annotations

import difflib
import re

from rich.console import Console
from rich.text import Text

from summarizer.model.diff import DiffResult, Hunk

_KIND_STYLE = {"added": "green", "removed": "red", "modified": "yellow", "moved": "cyan"}
_TOKEN = re.compile(r"\S+|\s+")


def inline_diff(old: str, new: str) -> Text:
    """Old and new text merged: deletions red and struck through, insertions green and underlined."""
    ta, tb = _TOKEN.findall(old), _TOKEN.findall(new)
    out = Text()
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ta, tb, autojunk=False).get_opcodes():
        if op == "equal":
            out.append("".join(tb[j1:j2]))
            continue
        if i2 > i1:
            out.append("".join(ta[i1:i2]), style="red strike")
        if j2 > j1:
            out.append("".join(tb[j1:j2]), style="green underline")
    return out


def _hunk_view(h: Hunk) -> Text:
    head = Text()
    head.append(f"#{h.id} ", style="bold")
    head.append(h.kind.upper(), style=f"bold {_KIND_STYLE[h.kind]}")
    if h.cosmetic:
        head.append(f"  cosmetic: {h.cosmetic_reason}", style="dim")
    if h.kind == "moved" and h.section_old != h.section_new:
        head.append(f"  from: {' › '.join(h.section_old) or '(top)'}", style="cyan")
    body = Text()
    if h.kind == "added":
        body.append(h.new_text, style="green")
    elif h.kind == "removed":
        body.append(h.old_text, style="red strike")
    elif len(h.old_text) + len(h.new_text) < 20_000:
        body = inline_diff(h.old_text, h.new_text)
    else:
        body.append(h.old_text, style="red strike")
        body.append("\n")
        body.append(h.new_text, style="green")
    signals = []
    s = h.signals
    signals += [f"modality {m.old!r} → {m.new!r} ({m.direction})" for m in s.modality]
    signals += [f"negation {n.change}: {n.phrase!r}" for n in s.negation]
    signals += [f"list +{e.added} -{e.removed}" for e in s.enumerations]
    if s.parties_added:
        signals.append(f"parties added: {', '.join(s.parties_added)}")
    if s.parties_removed:
        signals.append(f"parties removed: {', '.join(s.parties_removed)}")
    signals += [f"number {n.old} → {n.new}" for n in s.numbers]
    text = Text.assemble(head, "\n", body)
    if signals:
        text.append("\n  signals: " + "; ".join(signals), style="magenta")
    return text


def print_diff(
    diff: DiffResult, console: Console, *, show_cosmetic: bool = True, width_limit: int = 1200
) -> None:
    """Print the diff grouped by section breadcrumb."""
    subst = len(diff.substantive)
    cos = len(diff.hunks) - subst
    console.print(
        Text.assemble(
            (f"{diff.old.source} → {diff.new.source}: ", "bold"),
            f"{len(diff.hunks)} hunks ({subst} substantive, {cos} cosmetic); ",
            (
                "material change" if diff.material else "no material change",
                "bold red" if diff.material else "bold green",
            ),
        )
    )
    current = None
    for h in diff.hunks:
        if h.cosmetic and not show_cosmetic:
            continue
        crumb = h.breadcrumb or "(top of document)"
        if crumb != current:
            console.print()
            console.print(Text(f"§ {crumb}", style="bold blue"))
            current = crumb
        view = _hunk_view(h)
        if len(view.plain) > width_limit:
            view.truncate(width_limit)
            view.append(" …", style="dim")
        console.print(view)
