"""Word-sequence alignment that stays near-linear on very long blocks.

:func:`opcodes` answers exactly as ``difflib.SequenceMatcher(...).get_opcodes()`` whenever the two
sequences are small enough for difflib (the product of their lengths at most
:data:`DIRECT_LIMIT`, which every paragraph of a real policy is). Beyond that, difflib's longest-match
search grows with the product of the lengths (a one-line 400 KB document took 41 s), so the
sequences are first cut at anchors, as the block aligner (and git's histogram diff) does: the words
equally frequent on both sides, rarest first, kept in an order both sides agree on (longest
increasing subsequence). The stretches between
anchors are aligned the same way, recursively, and handed to difflib once they are small. A long
stretch with no anchor at all is reported as replaced: bounded work, never a wrong match.
"""

from __future__ import annotations

import difflib
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from typing import Literal

Opcode = tuple[Literal["replace", "delete", "insert", "equal"], int, int, int, int]

DIRECT_LIMIT = 250_000  # len(a) * len(b) up to which difflib aligns a stretch itself (500 x 500 words)


def opcodes(a: Sequence[str], b: Sequence[str], autojunk: bool = False) -> list[Opcode]:
    """difflib-style opcodes (equal, replace, delete, insert) turning *a* into *b*."""
    if len(a) * len(b) <= DIRECT_LIMIT:
        return difflib.SequenceMatcher(None, a, b, autojunk=autojunk).get_opcodes()
    return _to_opcodes(_matches(a, b, autojunk), len(a), len(b))


def _matches(a: Sequence[str], b: Sequence[str], autojunk: bool) -> list[tuple[int, int, int]]:
    """Matching runs (i, j, size), increasing in both i and j."""
    found: list[tuple[int, int, int]] = []
    stack = [(0, len(a), 0, len(b))]
    while stack:
        alo, ahi, blo, bhi = stack.pop()
        while alo < ahi and blo < bhi and a[alo] == b[blo]:  # common head
            found.append((alo, blo, 1))
            alo, blo = alo + 1, blo + 1
        while alo < ahi and blo < bhi and a[ahi - 1] == b[bhi - 1]:  # common tail
            ahi, bhi = ahi - 1, bhi - 1
            found.append((ahi, bhi, 1))
        if alo == ahi or blo == bhi:
            continue
        if (ahi - alo) * (bhi - blo) <= DIRECT_LIMIT:
            sm = difflib.SequenceMatcher(None, a[alo:ahi], b[blo:bhi], autojunk=autojunk)
            found.extend((alo + i, blo + j, n) for i, j, n in sm.get_matching_blocks() if n)
            continue
        anchors = _anchors(a, alo, ahi, b, blo, bhi)
        if not anchors:
            continue  # nothing both sides agree on: the stretch is replaced (bounded work)
        edges = [(alo - 1, blo - 1), *anchors, (ahi, bhi)]
        for (i0, j0), (i1, j1) in zip(edges, edges[1:]):
            if (i1, j1) != (ahi, bhi):
                found.append((i1, j1, 1))
            if i1 > i0 + 1 or j1 > j0 + 1:
                stack.append((i0 + 1, i1, j0 + 1, j1))
    found.sort()
    merged: list[tuple[int, int, int]] = []
    for i, j, n in found:  # join adjacent runs, as difflib reports them
        if merged and merged[-1][0] + merged[-1][2] == i and merged[-1][1] + merged[-1][2] == j:
            pi, pj, pn = merged[-1]
            merged[-1] = (pi, pj, pn + n)
        else:
            merged.append((i, j, n))
    return merged


def _anchors(
    a: Sequence[str], alo: int, ahi: int, b: Sequence[str], blo: int, bhi: int
) -> list[tuple[int, int]]:
    """Anchor pairs for a stretch, as the block aligner chooses them: the words equally frequent
    on both sides, the rarest such count first (unique words when there are any; the k-th
    occurrence paired with the k-th), kept in an order both sides share (longest increasing
    subsequence)."""
    count_a = Counter(a[alo:ahi])
    count_b = Counter(b[blo:bhi])
    best = min((n for word, n in count_a.items() if count_b.get(word) == n), default=0)
    if not best:
        return []
    chosen = {word for word, n in count_a.items() if n == best and count_b.get(word) == n}
    pos_b: dict[str, list[int]] = {}
    for j in range(blo, bhi):
        if b[j] in chosen:
            pos_b.setdefault(b[j], []).append(j)
    seen: Counter[str] = Counter()
    pairs: list[tuple[int, int]] = []
    for i in range(alo, ahi):
        word = a[i]
        if word in chosen:
            pairs.append((i, pos_b[word][seen[word]]))
            seen[word] += 1
    tails: list[int] = []  # tails[k]: j of the smallest tail of an increasing run of length k + 1
    tail_at: list[int] = []  # index into pairs of that tail
    back = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        at = bisect_left(tails, j)
        if at == len(tails):
            tails.append(j)
            tail_at.append(k)
        else:
            tails[at] = j
            tail_at[at] = k
        back[k] = tail_at[at - 1] if at else -1
    chain: list[tuple[int, int]] = []
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        chain.append(pairs[k])
        k = back[k]
    return chain[::-1]


def _to_opcodes(matches: list[tuple[int, int, int]], na: int, nb: int) -> list[Opcode]:
    """Opcodes from matching runs, the way ``SequenceMatcher.get_opcodes`` builds them."""
    out: list[Opcode] = []
    i = j = 0
    for ai, bj, size in [*matches, (na, nb, 0)]:
        if i < ai and j < bj:
            out.append(("replace", i, ai, j, bj))
        elif i < ai:
            out.append(("delete", i, ai, j, bj))
        elif j < bj:
            out.append(("insert", i, ai, j, bj))
        i, j = ai + size, bj + size
        if size:
            out.append(("equal", ai, i, bj, j))
    return out
