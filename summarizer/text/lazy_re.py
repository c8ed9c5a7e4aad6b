"""Regular expressions compiled on first use.

Compiling a pattern costs from a few microseconds to milliseconds (the long alternations of the
lexicons); the modules of the analysis hold about 200 of them, and a short ``compare`` uses a
quarter. A module writes ``NAME = lazy(r"...")`` instead of ``re.compile(...)``: the pattern is
compiled the first time any of its methods is looked up, after which the methods are plain
attributes of the object (no extra cost per call). ``.pattern`` is the source, without compiling,
so patterns can still be built from other patterns' sources.

A lazy pattern is not a :class:`re.Pattern`: call its methods (``NAME.search(text)``), do not pass it
to ``re.sub(NAME, ...)`` or ``isinstance`` checks.
"""

from __future__ import annotations

import re
from typing import Any, cast

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner")
_ATTRIBUTES = ("flags", "groups", "groupindex")


class LazyPattern:
    """Stands for ``re.compile(pattern, flags)`` until first used."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self._flags = flags

    def __getattr__(self, name: str) -> Any:  # only called for names not yet in __dict__
        if name.startswith("__") or name == "_flags":
            raise AttributeError(name)
        compiled = re.compile(self.pattern, self._flags)
        for attr in (*_METHODS, *_ATTRIBUTES):
            self.__dict__[attr] = getattr(compiled, attr)
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r}, {self._flags!r})"


def lazy(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern compiled the first time it is used (typed as the compiled pattern it stands for)."""
    return cast("re.Pattern[str]", LazyPattern(pattern, flags))
