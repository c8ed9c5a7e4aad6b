"""Shortcuts in the rules analyzer must give what the plain computation they replace gives: each
is pinned here against that computation (kept as a reference)."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer.analyzers.rules import prose, provisions
from summarizer.text.extract import word_count

_PLACEHOLDER = re.compile(
    r"\[(?:enter|insert|add|tbd|tbc|todo|xx+|date|name of)\b[^\]\n]{0,60}\]|\bTODO\b|\bLorem ipsum\b", re.I
)

_PIECES = st.sampled_from(
    [
        *("[enter name]", "TODO", "ToDo", "todos", "_todo", "Lorem ipsum", "LOREM IPSUM", "[xx]", "[date of"),
        *(
            "[name of the company]",
            "[",
            "]",
            "(",
            ")",
            "](",
            "![",
            "<",
            ">",
            "<b>",
            "</div>",
            "<iframe src=x>",
        ),
        *("[Home](/)", "![logo](a.png)", "https://x.org/a", "www.x.com", "a@b.co", "@", "://"),
        *(" ", "\n", "\n\n", ".", "!", "We sell your data", "Menu", "Back to top", "*", "#", "|"),
        *("é", "İ", "ı", "ſ", "K"),
    ]
)
_TEXTS = st.lists(_PIECES, max_size=14).map("".join)
_FAST = settings(max_examples=1500, suppress_health_check=list(HealthCheck), deadline=None)


@_FAST
@given(_TEXTS)
def test_placeholder_is_the_single_patterns_leftmost_match(text):
    plain, fast = _PLACEHOLDER.search(text), prose._placeholder(text)
    assert (plain and (plain.span(), plain.group(0))) == (fast and (fast.span(), fast.group(0)))


def _is_furniture_reference(text: str) -> bool:
    """provisions.is_furniture before it skipped the substitutions that cannot match."""
    p = provisions
    clean = p._HTML_TAG.sub(" ", text)
    had_tags = clean != text
    clean = p._MD_IMAGE.sub(" ", clean)
    linked = word_count(" ".join(m.group(1) for m in p._MD_LINK.finditer(clean)))
    outside_text = p._URL.sub(" ", p._LINK_TARGET.sub(" ", p._MD_LINK.sub(" ", clean)))
    outside = word_count(outside_text)
    if had_tags and not re.search(r"[.!?]", outside_text):
        return True
    readable = p._URL.sub(" ", p._LINK_TARGET.sub(" ", p._MD_LINK.sub(r"\1", clean)))
    lines = [ln.strip(" \t*-•#>|_") for ln in readable.splitlines()]
    lines = [ln for ln in lines if ln]
    if not lines or all(p._FURNITURE.match(ln) for ln in lines):
        return True
    if outside >= 6:
        return False
    total = outside + linked
    if total == 0:
        return True
    return linked / total >= 0.6 or (total <= 3 and not re.search(r"[.!?]\s*$", readable.strip()))


@_FAST
@given(_TEXTS)
def test_is_furniture_matches_the_plain_computation(text):
    assert provisions.is_furniture(text) == _is_furniture_reference(text)


def test_is_furniture_on_bundled_paragraphs(ota_dir):
    for path in sorted(ota_dir.glob("*/new.md"))[:40]:
        for paragraph in path.read_text(encoding="utf-8").split("\n\n"):
            assert provisions.is_furniture(paragraph) == _is_furniture_reference(paragraph), paragraph[:200]


_REGION_PIECES = st.sampled_from(
    [
        *("EU", "European", "Europe", "UK", "UKs", "GDPR", "Canada", "Canadian", "Korea", "Korean", "India"),
        *(
            "California",
            "Californian",
            "Australian",
            "Brazil",
            "CCPA_",
            "_EU",
            "xEU",
            "EU2",
            "2EU",
            "é",
            "ÉU",
        ),
        *("Kingdom", "Japan", "Japanese", "PRC", "PIPL", "China", "Chinese", "LGPD", "PIPEDA", "EEA", "CPRA"),
        *(" ", "\n", ".", ",", "-", "'", "(", "a", "A", "Z", "ü", "1", "_"),
    ]
)


@_FAST
@given(st.lists(_REGION_PIECES, max_size=16).map("".join))
def test_region_mentions_are_the_capitalised_region_words(text):
    from collections import Counter

    reference = Counter(
        prose._REGION_WORDS[w]
        for w in re.findall(prose._CAPITALISED.pattern, text)
        if w in prose._REGION_WORDS
    )
    assert prose._region_mentions(text) == reference


def test_region_mentions_on_bundled_documents(ota_dir):
    from collections import Counter

    for path in sorted(ota_dir.glob("*/old.md"))[:30]:
        text = path.read_text(encoding="utf-8")
        reference = Counter(
            prose._REGION_WORDS[w]
            for w in re.findall(prose._CAPITALISED.pattern, text)
            if w in prose._REGION_WORDS
        )
        assert prose._region_mentions(text) == reference, path.parent.name
