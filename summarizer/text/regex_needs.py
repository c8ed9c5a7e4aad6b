"""Literal text a regular expression's every match holds, to skip a costly search cheaply.

:func:`needs` reads a pattern's parse tree (the standard library's own parser) and returns
clauses: every match of the pattern holds, for each clause, at least one of its strings (lower
case, ASCII). A text for which :func:`holds` is false has no match, so the pattern need not be
searched; where it is true the pattern is searched as before. Only what is sure is kept: literal
runs of the pattern, the branches of an alternation when every branch has one, the body of a
positive lookaround and of a repeat taken at least once. Anything else (classes, negative
lookarounds, optional parts, parser nodes this module does not know) adds no clause, so a
pattern with no clause is always searched.

Case: the patterns may be case-insensitive, so both sides are compared in lower case, and
:func:`folded` lowers a text such that each character an ASCII letter of the pattern matches
under ``re.IGNORECASE`` becomes that letter: besides ASCII's own capitals these are 'İ' and 'ı'
(i), 'ſ' (s) and the Kelvin sign (k) (tests/text/test_regex_needs.py checks every code point).
"""

from __future__ import annotations

from typing import Any

try:  # Python 3.11+
    from re import _constants as _C  # type: ignore[attr-defined]
    from re import _parser as _P  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - an interpreter without them: no clauses, every search made
    _C = _P = None

Clause = frozenset[str]


def needs(pattern: str, flags: int = 0) -> tuple[Clause, ...]:
    """Clauses every match of *pattern* satisfies (see the module docstring); () when unsure."""
    if _P is None:
        return ()
    try:
        return tuple(_seq(_P.parse(pattern, flags)))
    except Exception:  # noqa: BLE001 - an unreadable tree only costs the shortcut
        return ()


def folded(text: str) -> str:
    """*text* in the lower case :func:`holds` compares with (one character for each of *text*'s)."""
    if text.isascii():
        return text.lower()
    # 'İ'.lower() is two characters ('i' and a combining dot): written as 'i' first
    return text.replace("\u0130", "i").lower().replace("\u0131", "i").replace("\u017f", "s")


def holds(clauses: tuple[Clause, ...], low: str) -> bool:
    """Does the folded text *low* satisfy every clause (could the pattern match it)?"""
    return all(any(s in low for s in clause) for clause in clauses)


def _best(clauses: list[Clause]) -> Clause | None:
    """The most telling clause: the longest shortest string, then the fewest strings."""
    return max(clauses, key=lambda c: (min(map(len, c)), -len(c))) if clauses else None


def _seq(items: Any) -> list[Clause]:
    clauses: list[Clause] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            clauses.append(frozenset({"".join(run)}))
            run.clear()

    for op, av in items:
        if op is _C.LITERAL and chr(av).isascii():
            run.append(chr(av).lower())
            continue
        flush()
        if op is not _C.LITERAL:  # (a non-ASCII literal only ends the run)
            clauses.extend(_node(op, av))
    flush()
    return clauses


def _node(op: Any, av: Any) -> list[Clause]:
    if op is _C.SUBPATTERN:
        return _seq(av[-1])
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT):
        low, _high, item = av
        return _seq(item) if low >= 1 else []
    if op is _C.ASSERT:  # a positive lookahead or lookbehind: its text is in the string too
        return _seq(av[1])
    if op is _C.BRANCH:
        union: set[str] = set()
        for alternative in av[1]:
            best = _best(_seq(alternative))
            if best is None:
                return []
            union |= best
        return [frozenset(union)]
    return []
