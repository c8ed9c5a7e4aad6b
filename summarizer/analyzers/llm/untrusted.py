"""Document text is untrusted: any tag that structures a prompt (ours, and the ones chat templates and
prompt writers use) is escaped inside it (``<`` → ``&lt;``), so it cannot close a block early."""

from __future__ import annotations

import re

# every tag that structures a prompt (ours, and the ones chat templates and prompt writers use),
# and the special-token opener ``<|`` (``<|im_start|>``): escaped wherever document text holds them
UNTRUSTED_TAGS = (
    "change",
    "changes",
    "document_excerpt",
    "diff_signals",
    "findings",
    "old",
    "new",
    "signals",
    "instructions",
    "instruction",
    "system",
    "user",
    "assistant",
    "prompt",
    "document",
    "documents",
    "excerpt",
    "context",
    "task",
    "rules",
    "message",
    "input",
    "output",
)
_NAMES = r"(?:" + "|".join(UNTRUSTED_TAGS) + r")\b|\|"
_TAG = re.compile(r"<(\s*/?\s*)(" + _NAMES + r")", re.IGNORECASE)
_ESCAPED_TAG = re.compile(r"&lt;(\s*/?\s*)(" + _NAMES + r")", re.IGNORECASE)


def escape_untrusted(text: str) -> str:
    """Neutralise our delimiter tags inside document text: ``</document_excerpt`` → ``&lt;/document_excerpt``."""
    return _TAG.sub(lambda m: f"&lt;{m.group(1)}{m.group(2)}", text)


def unescape_untrusted(text: str) -> str:
    """Undo :func:`escape_untrusted` (for quotes the model copied from an escaped excerpt)."""
    return _ESCAPED_TAG.sub(lambda m: f"<{m.group(1)}{m.group(2)}", text)
