"""Verifying an answer, never trusting the model: every quote must be found in the old or new text
(and is replaced by the document's own words), categories must be taxonomy ids, severities on the
scale, kinds from the list, hunk ids must name changes that were sent, and a change placed in a
section the diff never touched is flagged (``section_not_in_diff``). :func:`clean_output` drops or
fixes what is still wrong and returns a :class:`~summarizer.model.record.Flag` for each fix."""

from __future__ import annotations

from summarizer.analyzers.llm.answer_values import (
    DIRECTIONS,
    KIND_SYNONYMS,
    KINDS,
    category_value,
    severity_value,
)
from summarizer.analyzers.llm.change_blocks import breadcrumb
from summarizer.analyzers.llm.grounding import Grounding, locate_quote
from summarizer.analyzers.llm.output import CONFIDENCES, ModelChange, ModelFindings, ModelRecord
from summarizer.model.record import Flag
from summarizer.model.taxonomy import CATEGORIES, Severity


def _clip(text: str, n: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def clean_change(change: ModelChange, index: int, g: Grounding, flags: list[Flag]) -> ModelChange | None:
    """A copy of *change* with verified quotes (the documents' own text, each on its own side),
    valid values and hunk ids; None when nothing ties it to the diff any more."""
    quotes: dict[str, list[str]] = {"old": [], "new": []}
    located_hunks: list[int] = []
    for side_given, given in (("old", change.quotes_old), ("new", change.quotes_new)):
        for quote in given:
            if not quote.strip():
                continue
            spots = locate_quote(quote, g, prefer=side_given)
            if spots is None:
                flags.append(
                    Flag(
                        code="quote_not_found",
                        message=f'change {index}: dropped a quote found in neither version: "{_clip(quote)}"',
                    )
                )
                continue
            for side, start, end in spots:
                text = (g.old_text if side == "old" else g.new_text)[start:end]
                if text not in quotes[side]:
                    quotes[side].append(text)
                located_hunks += g.hunks_at(side, start, end)
    category = category_value(change.category)
    if category is None:
        category = _guess_category(change, quotes)
        flags.append(
            Flag(
                code="invalid_category",
                message=f"change {index}: {change.category!r} is not a taxonomy id; classified as {category}",
            )
        )
    sev = {}
    for name in ("severity_before", "severity_after"):
        value = severity_value(getattr(change, name))
        if value is None:
            value = _default_severity(name, category, change.kind)
            flags.append(
                Flag(
                    code="invalid_severity",
                    message=f"change {index}: {name} {getattr(change, name)!r} is not on the scale; used {value}",
                )
            )
        sev[name] = value
    direction = change.direction.strip().lower()
    if direction not in DIRECTIONS:
        direction = _infer_direction(sev["severity_before"], sev["severity_after"], change.kind)
        if change.direction.strip():  # a wrong value is flagged; a missing one (JSON mode) is not
            flags.append(
                Flag(
                    code="invalid_direction",
                    message=f"change {index}: direction {change.direction!r} is not up, down or same; used {direction}",
                )
            )
    rated = _rated_direction(sev["severity_before"], sev["severity_after"])
    if {direction, rated} == {"up", "down"}:  # e.g. medium → high said to be better for the user
        flags.append(
            Flag(
                code="direction_contradicts_ratings",
                message=(
                    f"change {index}: direction {direction!r} contradicts its ratings "
                    f"{sev['severity_before']} → {sev['severity_after']}; used {rated}"
                ),
            )
        )
        direction = rated
        contradicted = True
    else:
        contradicted = False
    confidence = change.confidence.strip().lower()
    if confidence not in CONFIDENCES:
        confidence = ""
    if contradicted and confidence:  # the model's own ratings overrule it: not sure at all
        confidence = "low"
    kind = change.kind.strip().lower()
    kind = KIND_SYNONYMS.get(kind, kind)
    if kind not in KINDS:
        flags.append(
            Flag(
                code="invalid_kind",
                message=f"change {index}: kind {change.kind!r} is not one of {', '.join(KINDS)}",
            )
        )
        kind = "reworded"
    hunk_ids = [h for h in change.hunk_ids if h in g.hunks]
    unknown = [h for h in change.hunk_ids if h not in g.hunks]
    if unknown:
        flags.append(
            Flag(
                code="unknown_hunk",
                message=f"change {index}: no change with id {', '.join(map(str, unknown))} was shown",
            )
        )
    hunk_ids = sorted(set(hunk_ids) | set(located_hunks))
    section = change.section.strip()
    if not g.section_touched(section):
        where = f"; placed in {breadcrumb(g.hunks[hunk_ids[0]].section)}" if hunk_ids else ""
        flags.append(
            Flag(
                code="section_not_in_diff",
                message=f"change {index}: section {_clip(section, 60)!r} was not touched by the diff{where}",
            )
        )
        section = breadcrumb(g.hunks[hunk_ids[0]].section) if hunk_ids else section
    elif not section and hunk_ids:
        section = breadcrumb(g.hunks[hunk_ids[0]].section)
    if not hunk_ids and not quotes["old"] and not quotes["new"]:
        flags.append(
            Flag(
                code="change_not_grounded",
                message=f"change {index} ({category}) was dropped: no verified quote and no change id ties it to the diff",
            )
        )
        return None
    return ModelChange(
        hunk_ids=hunk_ids,
        section=section,
        category=category,
        kind=kind,
        quotes_old=quotes["old"],
        quotes_new=quotes["new"],
        severity_before=sev["severity_before"],
        severity_after=sev["severity_after"],
        direction=direction,
        confidence=confidence,
        shift_reason=change.shift_reason.strip(),
        summary=change.summary.strip(),
    )


def _rated_direction(before: str, after: str) -> str:
    """Which way two ratings on the scale went, whatever the kind; "" when a side is none (a
    provision that did not exist says nothing about the user's side)."""
    b, a = Severity(before).rank, Severity(after).rank
    if a == 0 or b == 0:
        return ""
    return "up" if a > b else "down" if a < b else "same"


def _infer_direction(before: str, after: str, kind: str) -> str:
    """The effect on the user read from the two ratings of an edited provision; "" (unknown) for
    an added or removed one, whose ratings cannot tell a protection from a permission."""
    return "" if kind in ("added", "removed") else _rated_direction(before, after)


def _default_severity(name: str, category: str, kind: str) -> str:
    if (name == "severity_before" and kind == "added") or (name == "severity_after" and kind == "removed"):
        return "none"
    return CATEGORIES[category].tendency.value


def _guess_category(change: ModelChange, quotes: dict[str, list[str]]) -> str:
    from summarizer.rubric.classifier import classify

    text = " ".join([*quotes["old"], *quotes["new"]]) or f"{change.section} {change.summary}"
    labels = classify(text)
    return labels[0] if labels else "contact_generic"


def clean_output(
    answer: ModelRecord | ModelFindings, g: Grounding
) -> tuple[ModelRecord | ModelFindings, list[Flag]]:
    """A verified copy of *answer* and the flags for everything dropped or fixed."""
    flags: list[Flag] = []
    changes = [
        c for i, ch in enumerate(answer.changes, 1) if (c := clean_change(ch, i, g, flags)) is not None
    ]
    if isinstance(answer, ModelFindings):
        return ModelFindings(changes=changes, interpretive_note=answer.interpretive_note), flags
    severity = severity_value(answer.severity)
    if severity is None:
        severity = max((Severity(c.severity_after) for c in changes), default=Severity.none).value
        flags.append(
            Flag(
                code="invalid_severity",
                message=f"record severity {answer.severity!r} is not on the scale; used {severity}",
            )
        )
    # The record's categories are those of its verified changes (the model's order first).
    grounded = [c.category for c in changes]
    categories: list[str] = []
    for cat in answer.categories:
        valid = category_value(cat)
        if valid is None:
            flags.append(
                Flag(
                    code="invalid_category", message=f"record category {cat!r} is not a taxonomy id; dropped"
                )
            )
        elif valid in grounded and valid not in categories:
            categories.append(valid)
    for cat in grounded:
        if cat not in categories:
            categories.append(cat)
    cleaned = answer.model_copy(update={"changes": changes, "severity": severity, "categories": categories})
    return cleaned, flags
