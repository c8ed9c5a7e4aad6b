"""Shared builders for the compliance tests."""

from __future__ import annotations

from summarizer.model.record import Change


def make_change(
    category: str,
    kind: str,
    old: list[str],
    new: list[str],
    direction: str | None = "same",
    severity_after: str = "low",
) -> Change:
    """A change of a privacy policy with these quotes, as a record would carry it."""
    return Change(
        category=category,  # type: ignore[arg-type]
        kind=kind,  # type: ignore[arg-type]
        summary="s",
        severity_before="medium",
        severity_after=severity_after,  # type: ignore[arg-type]
        shift_reason="r",
        direction=direction,  # type: ignore[arg-type]
        section="Privacy Policy",
        quotes_old=old,
        quotes_new=new,
    )
