"""change-summarizer: explain how terms of service and privacy policies change.

The public API (importing the package stays cheap: each name loads its layer on first use)::

    from pathlib import Path
    import summarizer

    record = summarizer.compare(Path("old.md"), Path("new.md"))   # files: pathlib.Path
    record = summarizer.compare(old_text, new_text)               # text: str
    print(summarizer.render(record, "markdown"))

- :func:`compare` (old, new, *, analyzer="rules", ...) -> :class:`ChangeRecord`
- :func:`diff` (old, new) -> :class:`DiffResult`, the section-aware diff without analysis
- :func:`load` (source, ...) -> :class:`Document`
- :func:`render` (record, fmt="text") -> str ('text', 'json', 'markdown', 'html')
- :func:`schema` () -> the ChangeRecord JSON Schema
- types: ChangeRecord, Change, DiffResult, Document, Severity, CATEGORY_IDS
- errors: SummarizerError, InputError, NoChange, UpstreamError, GateFailed

A ``str`` is always the document's text; a ``pathlib.Path`` (any ``os.PathLike``) is a file.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from summarizer.about import DISCLAIMER, __version__

if TYPE_CHECKING:  # for type checkers and editors; at run time the names load on first use
    from summarizer.api import compare, diff, load, render, schema
    from summarizer.errors import GateFailed, InputError, NoChange, SummarizerError, UpstreamError
    from summarizer.model.diff import DiffResult
    from summarizer.model.document import Document
    from summarizer.model.record import Change, ChangeRecord
    from summarizer.model.taxonomy import CATEGORY_IDS, Severity

# name -> the module that defines it
_EXPORTS: dict[str, str] = {
    "compare": "summarizer.api",
    "diff": "summarizer.api",
    "load": "summarizer.api",
    "render": "summarizer.api",
    "schema": "summarizer.api",
    "ChangeRecord": "summarizer.model.record",
    "Change": "summarizer.model.record",
    "DiffResult": "summarizer.model.diff",
    "Document": "summarizer.model.document",
    "Severity": "summarizer.model.taxonomy",
    "CATEGORY_IDS": "summarizer.model.taxonomy",
    "SummarizerError": "summarizer.errors",
    "InputError": "summarizer.errors",
    "NoChange": "summarizer.errors",
    "UpstreamError": "summarizer.errors",
    "GateFailed": "summarizer.errors",
}

__all__ = [
    "CATEGORY_IDS",
    "DISCLAIMER",
    "Change",
    "ChangeRecord",
    "DiffResult",
    "Document",
    "GateFailed",
    "InputError",
    "NoChange",
    "Severity",
    "SummarizerError",
    "UpstreamError",
    "__version__",
    "compare",
    "diff",
    "load",
    "render",
    "schema",
]


def __getattr__(name: str) -> Any:
    """Load a public name's module on first use (PEP 562)."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
