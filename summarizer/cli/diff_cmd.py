"""``summarizer diff``: the section-aware diff itself."""

from __future__ import annotations

from summarizer.cli.app import app  # noqa: F401
