"""One hunk rendered as a ``<change>`` block: its id, kind and section breadcrumb, the excerpts inside
the layout's tags, and the diff's signals as hints."""

from __future__ import annotations

from summarizer.analyzers.llm.inline_marks import escape_marks
from summarizer.analyzers.llm.layouts import VERBOSE, Layout
from summarizer.analyzers.llm.untrusted import escape_untrusted
from summarizer.model.diff import Hunk, Signals

NO_SECTION = "(no heading)"


SECTION_LINE = "section: "


def describe_signals(sig: Signals, lists: bool = True) -> str:
    """The diff signals as one line of hints (quoted words come from the documents); *lists*:
    with the items added to or removed from enumerations."""
    out: list[str] = []
    for m in sig.modality:
        what = "a promise was hedged" if m.direction == "weaker" else "a promise got firmer"
        out.append(f'{what}: "{m.old}" became "{m.new}"')
    for n in sig.negation:
        out.append(f'negation {n.change}: "{n.phrase}"')
    for e in sig.enumerations if lists else ():
        bits = []
        if e.added:
            bits.append("added " + ", ".join(f'"{x}"' for x in e.added))
        if e.removed:
            bits.append("removed " + ", ".join(f'"{x}"' for x in e.removed))
        if bits:
            out.append(f'list after "{e.context}": ' + "; ".join(bits))
    if sig.parties_added:
        out.append("parties added: " + ", ".join(f'"{p}"' for p in sig.parties_added))
    if sig.parties_removed:
        out.append("parties removed: " + ", ".join(f'"{p}"' for p in sig.parties_removed))
    for num in sig.numbers:
        out.append(f'number changed: "{num.old}" became "{num.new}"')
    if sig.reserve_right_added:
        out.append("the company now reserves a right")
    if sig.reserve_right_removed:
        out.append("a right the company reserved was removed")
    return "; ".join(out)


def breadcrumb(section: tuple[str, ...]) -> str:
    return " › ".join(section) if section else NO_SECTION


def render_change(
    h: Hunk,
    old: str,
    new: str,
    *,
    part: tuple[int, int] | None = None,
    layout: Layout = VERBOSE,
    diff: str | None = None,
) -> str:
    """One ``<change>`` block. Only our own values go into the tag attributes. *diff* (an
    :func:`inline_diff`, or a whole added or removed text in ``{+…+}`` or ``[-…-]``; already
    escaped) stands for *old* and *new* in the inline layout, whose blocks carry no ``kind`` (the
    marks show it)."""
    attrs = f'id="{h.id}"' if layout.inline else f'id="{h.id}" kind="{h.kind}"'
    if part is not None and part[1] > 1:
        attrs += f' part="{part[0]}/{part[1]}"'
    escape = escape_marks if layout.inline else escape_untrusted
    # the inline layout names a section by its own heading, not the whole breadcrumb
    section, section_old = (
        (h.section[-1:], h.section_old[-1:]) if layout.inline else (h.section, h.section_old)
    )
    lines = [f"<change {attrs}>", f"{SECTION_LINE}{escape_untrusted(breadcrumb(section))}"]
    if h.kind == "moved" and h.section_old and h.section_old != h.section_new:
        lines[-1] += f" (moved from: {escape_untrusted(breadcrumb(section_old))})"
    if diff is not None:
        lines.append(diff)
    if old:
        lines += [layout.old_open, escape(old), layout.old_close]
    if new:
        lines += [layout.new_open, escape(new), layout.new_close]
    # the inline marks already show what joined or left a list
    signals = describe_signals(h.signals, lists=not layout.inline)
    if signals:
        lines.append(f"{layout.signals_open}{escape_untrusted(signals)}{layout.signals_close}")
    lines.append("</change>")
    return "\n".join(lines)
