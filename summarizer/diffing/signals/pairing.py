"""Which clauses changed (set apart the ones both sides have) and how the changed ones pair up."""

from __future__ import annotations

from collections import Counter

from summarizer.diffing.signals.canonical_text import WORD

_PAIR_LIMIT = 40_000  # above this many candidate comparisons, only compare nearby clauses
_WINDOW = 25


def changed_clauses(old: list[str], new: list[str]) -> tuple[list[str], list[str]]:
    """Clauses of each side that the other side lacks (multiset difference on word keys)."""
    if not old or not new:  # nothing to cancel against: every clause is changed
        return list(old), list(new)
    okeys = [" ".join(WORD.findall(c)) for c in old]
    nkeys = [" ".join(WORD.findall(c)) for c in new]
    pool = Counter(nkeys)
    pool.subtract(Counter(okeys))
    # keys still positive in pool exist more often in new; negative ones more often in old
    need_new = {k: v for k, v in pool.items() if v > 0}
    need_old = {k: -v for k, v in pool.items() if v < 0}
    out_old: list[str] = []
    for c, k in zip(old, okeys):
        if need_old.get(k, 0) > 0:
            need_old[k] -= 1
            out_old.append(c)
    out_new: list[str] = []
    for c, k in zip(new, nkeys):
        if need_new.get(k, 0) > 0:
            need_new[k] -= 1
            out_new.append(c)
    return out_old, out_new


def pair_clauses(old: list[str], new: list[str]) -> list[tuple[str, str]]:
    """Pair changed clauses by word overlap (greedy, best first)."""
    if not old or not new:
        return []
    osets = [set(WORD.findall(c)) for c in old]
    nsets = [set(WORD.findall(c)) for c in new]
    full = len(old) * len(new) <= _PAIR_LIMIT
    scored: list[tuple[float, int, int]] = []
    for i, a in enumerate(osets):
        if not a:
            continue
        if full:
            js: range = range(len(new))
        else:
            centre = int(i * len(new) / len(old))
            js = range(max(0, centre - _WINDOW), min(len(new), centre + _WINDOW + 1))
        for j in js:
            b = nsets[j]
            if not b:
                continue
            common = len(a & b)
            if not common:
                continue
            jac = common / (len(a) + len(b) - common)
            if jac >= 0.25 or common / min(len(a), len(b)) >= 0.6:
                scored.append((jac, i, j))
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_o: set[int] = set()
    used_n: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, i, j in scored:
        if i not in used_o and j not in used_n:
            used_o.add(i)
            used_n.add(j)
            pairs.append((i, j))
    pairs.sort()
    return [(old[i], new[j]) for i, j in pairs]
