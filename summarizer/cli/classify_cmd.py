"""Commands of this group register on the shared app (filled in by their issue)."""

from __future__ import annotations

from summarizer.cli.app import app  # noqa: F401
