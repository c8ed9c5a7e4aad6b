"""Terminal view of a change record (rich): severity badge, shift arrows, sections, quotes."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.text import Text

from summarizer.rendering.common import (
    category_title,
    material_label,
    provenance_line,
    shift_direction,
    shift_label,
    sources_line,
)

if TYPE_CHECKING:  # pragma: no cover
    from summarizer.model.record import Change, ChangeRecord

BADGE_STYLES = {
    "none": "bold white on grey37",
    "low": "bold white on green4",
    "medium": "bold black on dark_orange",
    "high": "bold white on red3",
}
SHIFT_STYLES = {
    "up": "bold red",
    "down": "bold green",
    "same": "bold",
    "new": "bold cyan",
    "gone": "bold magenta",
}


def badge(severity: str) -> Text:
    """' HIGH ' on a coloured background."""
    return Text(f" {severity.upper()} ", style=BADGE_STYLES.get(severity, "bold"))


def _heading(title: str) -> Text:
    return Text(title, style="bold underline")


def _change_view(number: int, change: "Change") -> Group:
    head = Text.assemble(
        (f"{number}. ", "bold"),
        (category_title(change.category), "bold"),
        (f" · {change.kind} · ", "dim"),
        (shift_label(change), SHIFT_STYLES[shift_direction(change)]),
    )
    rows: list[Text | Padding] = [head]
    if change.section:
        rows.append(Text(f"§ {change.section}", style="blue"))
    rows.append(Text(change.summary))
    if change.shift_reason:
        rows.append(Text.assemble(("Why: ", "italic"), change.shift_reason))
    for label, quotes, style in (("before", change.quotes_old, "red"), ("now", change.quotes_new, "green")):
        for quote in quotes:
            rows.append(
                Padding(
                    Text.assemble((f"{label}: ", f"bold {style}"), (f"“{quote}”", style)),
                    (0, 0, 0, 2),
                    expand=False,
                )
            )
    return Group(*rows)


def record_renderable(record: "ChangeRecord") -> Group:
    """The whole record as one rich renderable."""
    top = Text.assemble(badge(record.severity), "  ", (material_label(record), "bold"))
    if record.categories:
        top.append("  ·  " + ", ".join(category_title(c) for c in record.categories), style="dim")
    parts: list = [Panel(Text(record.headline, style="bold"), expand=True), top]
    src = sources_line(record)
    if src:
        parts.append(Text(src, style="dim"))
    parts += [Text(""), Text(record.summary)]
    if record.impact:
        parts += [Text(""), _heading("What it means for you"), Text(record.impact)]
    if record.actions:
        parts += [Text(""), _heading("What you can do")]
        parts += [Text(f"• {a}") for a in record.actions]
    if record.interpretive_note:
        parts += [Text(""), _heading("Note"), Text(record.interpretive_note, style="italic")]
    if record.changes:
        parts += [Text(""), _heading("Changes")]
        for n, change in enumerate(record.changes, 1):
            parts += [Text(""), _change_view(n, change)]
    for flag in record.flags:
        parts.append(Text(f"⚠ {flag.code}: {flag.message}", style="yellow"))
    if record.compliance is not None:
        from summarizer.rendering.compliance import compliance_lines

        parts += [Text("")] + [Text(line) for line in compliance_lines(record.compliance)]
    parts += [
        Text(""),
        Text(record.disclaimer, style="dim italic"),
        Text(provenance_line(record), style="dim"),
    ]
    return Group(*parts)


def print_record(record: "ChangeRecord", console: Console) -> None:
    """Print the record to a rich console (colours follow the console)."""
    console.print(record_renderable(record))


def render_text(record: "ChangeRecord", *, color: bool = False, width: int = 100) -> str:
    """The record as terminal text; ANSI colours only when *color*."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        highlight=False,
        soft_wrap=False,
    )
    print_record(record, console)
    return buffer.getvalue()
