"""SHA-256 hex digests without loading OpenSSL.

``import hashlib`` loads OpenSSL's libcrypto (a few milliseconds, more than some whole commands
spend on their work); CPython also ships its own SHA-256 (``_sha2`` from 3.12, ``_sha256`` before),
which gives the same digest. Falls back to hashlib on interpreters without it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def _constructor() -> Callable[[bytes], Any]:
    try:
        from _sha2 import sha256  # type: ignore[import-not-found]  # CPython 3.12+
    except ImportError:
        try:
            from _sha256 import sha256  # type: ignore[import-not-found,no-redef]  # CPython 3.11
        except ImportError:  # pragma: no cover - other interpreters
            from hashlib import sha256  # type: ignore[assignment]
    return sha256  # type: ignore[no-any-return]


_SHA256 = _constructor()


def sha256_hex(data: bytes) -> str:
    """The SHA-256 digest of *data* as 64 hex digits (what ``hashlib.sha256(data).hexdigest()`` gives)."""
    return _SHA256(data).hexdigest()
