"""Lazily compiled patterns behave as the compiled ones, and compile only when used."""

from __future__ import annotations

import re

from summarizer.text.lazy_re import LazyPattern, lazy


def test_same_results_as_the_compiled_pattern():
    source, flags = r"\b(we|us)\s+(\w+)", re.I
    eager, late = re.compile(source, flags), lazy(source, flags)
    text = "We sell. us keep. They don't."
    assert late.search(text).group(0) == eager.search(text).group(0)  # type: ignore[union-attr]
    assert late.findall(text) == eager.findall(text)
    assert [m.span() for m in late.finditer(text)] == [m.span() for m in eager.finditer(text)]
    assert late.sub("X", text) == eager.sub("X", text)
    assert late.split(text) == eager.split(text)
    assert late.match(text) is not None and late.fullmatch(text) is None
    assert (late.flags, late.groups, late.pattern) == (eager.flags, eager.groups, eager.pattern)


def test_compiled_on_first_use_only():
    late = lazy(r"[a-z]+")
    assert isinstance(late, LazyPattern)
    assert late.pattern == "[a-z]+"  # the source, without compiling
    assert "search" not in vars(late)
    assert late.search("abc")
    assert "search" in vars(late) and "sub" in vars(late)  # plain attributes from now on


def test_a_bad_pattern_fails_when_used():
    late = lazy(r"(unclosed")
    try:
        late.search("x")
    except re.error:
        pass
    else:  # pragma: no cover
        raise AssertionError("expected re.error")
