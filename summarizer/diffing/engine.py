"""The section-aware diff: align blocks, pair modified blocks, find moves, diff words, flag noise.

Alignment works on blocks compared by their normalised text (so a curly quote or a link target
does not break alignment) and runs in roughly linear time: common prefix and suffix are trimmed,
then blocks that occur equally often on both sides (rarest first, as in patience/histogram diff)
anchor a longest increasing subsequence, and the gaps are solved recursively. What no anchor
explains is a replace region, where blocks are paired by word similarity (modified) or left as
removed/added; removed and added blocks with the same or nearly the same words are moves.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from summarizer.diffing import cosmetic
from summarizer.model.diff import DiffResult, Hunk, Signals, WordChange
from summarizer.model.document import Block, Document
from summarizer.text.align import opcodes as word_opcodes
from summarizer.text.normalise import _TYPO

if TYPE_CHECKING:  # pragma: no cover
    from concurrent.futures import Executor

PAIR_THRESHOLD = 0.5  # word similarity above which a removed+added pair in place is "modified"
SLOT_THRESHOLD = 0.25  # the same, for a single block replaced by a single block in place
MOVE_THRESHOLD = 0.8  # similarity above which a removed+added pair elsewhere is "moved"
_DP_LIMIT = 4_000  # replace regions up to m*n cells are paired optimally, larger ones greedily
_WORD = re.compile(r"\S+")


def diff_documents(old: Document, new: Document, *, executor: Executor | None = None) -> DiffResult:
    """Diff two loaded documents into hunks (see :mod:`summarizer.model.diff`).

    *executor* (optional, the caller's): on a very large diff, half the hunks' signals are computed
    on it; the output is the same with or without it.
    """
    a, b = old.blocks, new.blocks
    ka, kb = _keys(a, b)
    matches = align(ka, kb)
    pairs = _pair_gaps(a, b, matches)  # (i, j, equal) in both orders, monotone
    paired_a = {i for i, _, _ in pairs}
    paired_b = {j for _, j, _ in pairs}
    removed = [i for i in range(len(a)) if i not in paired_a]
    added = [j for j in range(len(b)) if j not in paired_b]
    moves = _find_moves(a, b, removed, added)
    return DiffResult(old=old, new=new, hunks=_build_hunks(old, new, pairs, removed, added, moves, executor))


def _keys(a: list[Block], b: list[Block]) -> tuple[list[int], list[int]]:
    """Integer keys for alignment: blocks with the same normalised text get the same key.

    Text that occurs verbatim on both sides is keyed by itself (identical text has identical
    normalised text), so normalisation runs only for the blocks that changed.
    """
    raw_a = [bl.text for bl in a]
    raw_b = [bl.text for bl in b]
    common = set(raw_a).intersection(raw_b)
    ids: dict[str, int] = {}
    norm_ids: dict[str, int] = {}
    norm_of: dict[tuple[bool, str], str] = {}  # a block repeated verbatim is normalised once

    def keys(blocks: list[Block], raws: list[str]) -> list[int]:
        out = []
        for bl, raw in zip(blocks, raws):
            if raw in common:
                k = ids.get(raw)
                if k is None:
                    k = ids[raw] = len(ids)
            else:
                if bl._norm is None:
                    known = norm_of.get((bl.kind == "heading", raw))
                    if known is None:
                        norm_of[(bl.kind == "heading", raw)] = bl.norm
                    else:
                        bl._norm = known
                k = norm_ids.setdefault(bl.norm, len(norm_ids) + 1_000_000_000)
            out.append(k)
        return out

    return keys(a, raw_a), keys(b, raw_b)


# --- alignment --------------------------------------------------------------------------------


def align(a: list[int], b: list[int]) -> list[tuple[int, int]]:
    """Matched index pairs (increasing in both) between two sequences of hashable ids."""
    out: list[tuple[int, int]] = []
    stack = [(0, len(a), 0, len(b))]
    while stack:
        a_lo, a_hi, b_lo, b_hi = stack.pop()
        while a_lo < a_hi and b_lo < b_hi and a[a_lo] == b[b_lo]:
            out.append((a_lo, b_lo))
            a_lo += 1
            b_lo += 1
        while a_lo < a_hi and b_lo < b_hi and a[a_hi - 1] == b[b_hi - 1]:
            a_hi -= 1
            b_hi -= 1
            out.append((a_hi, b_hi))
        if a_lo >= a_hi or b_lo >= b_hi:
            continue
        anchors = _anchors(a, b, a_lo, a_hi, b_lo, b_hi)
        if not anchors:
            continue
        prev_a, prev_b = a_lo, b_lo
        for i, j in anchors:
            out.append((i, j))
            if i > prev_a and j > prev_b:
                stack.append((prev_a, i, prev_b, j))
            prev_a, prev_b = i + 1, j + 1
        if prev_a < a_hi and prev_b < b_hi:
            stack.append((prev_a, a_hi, prev_b, b_hi))
    out.sort()
    return out


def _anchors(a: list[int], b: list[int], a_lo: int, a_hi: int, b_lo: int, b_hi: int) -> list[tuple[int, int]]:
    """Anchor pairs for a range: elements equally frequent on both sides, rarest first, then LIS."""
    count_a = Counter(a[a_lo:a_hi])
    count_b = Counter(b[b_lo:b_hi])
    best = None
    for key, n in count_a.items():
        if count_b.get(key) == n and (best is None or n < best):
            best = n
            if n == 1:
                break
    if best is None:
        return []
    chosen = {key for key, n in count_a.items() if n <= best and count_b.get(key) == n}
    pos_b: dict[int, list[int]] = {}
    for j in range(b_lo, b_hi):
        if b[j] in chosen:
            pos_b.setdefault(b[j], []).append(j)
    seen: Counter[int] = Counter()
    candidates: list[tuple[int, int]] = []
    for i in range(a_lo, a_hi):
        key = a[i]
        if key in chosen:
            candidates.append((i, pos_b[key][seen[key]]))
            seen[key] += 1
    return _lis(candidates)


def _lis(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Longest subsequence of *pairs* (sorted by first item) increasing in the second item."""
    tails: list[int] = []
    tail_idx: list[int] = []
    prev = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        pos = bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_idx.append(k)
        else:
            tails[pos] = j
            tail_idx[pos] = k
        prev[k] = tail_idx[pos - 1] if pos else -1
    out: list[tuple[int, int]] = []
    k = tail_idx[-1] if tail_idx else -1
    while k >= 0:
        out.append(pairs[k])
        k = prev[k]
    out.reverse()
    return out


# --- pairing inside replace regions -----------------------------------------------------------


class _Words:
    """Lazily computed word bags for similarity."""

    def __init__(self, blocks: list[Block]):
        self.blocks = blocks
        self.cache: dict[int, tuple[Counter[str], int]] = {}
        self.by_text: dict[str, tuple[Counter[str], int]] = {}  # read-only bags, shared by equal texts

    def get(self, i: int) -> tuple[Counter[str], int]:
        got = self.cache.get(i)
        if got is None:
            norm = self.blocks[i].norm
            got = self.by_text.get(norm)
            if got is None:
                words = norm.casefold().split()
                got = self.by_text[norm] = (Counter(words), len(words))
            self.cache[i] = got
        return got


def similarity(wa: tuple[Counter[str], int], wb: tuple[Counter[str], int]) -> float:
    """Dice coefficient over word multisets (0..1)."""
    total = wa[1] + wb[1]
    if total == 0:
        return 1.0
    ca, cb = wa[0], wb[0]
    common = 0
    for w in ca.keys() & cb.keys():  # shared words only (set intersection in C)
        x, y = ca[w], cb[w]
        common += x if x < y else y
    return 2.0 * common / total


def _pair_gaps(a: list[Block], b: list[Block], matches: list[tuple[int, int]]) -> list[tuple[int, int, bool]]:
    wa, wb = _Words(a), _Words(b)
    pairs: list[tuple[int, int, bool]] = []
    prev_i, prev_j = -1, -1
    for i, j in [*matches, (len(a), len(b))]:
        if i - prev_i > 1 and j - prev_j > 1:
            pairs.extend((x, y, False) for x, y in _pair_region(a, b, wa, wb, prev_i + 1, i, prev_j + 1, j))
        if i < len(a):
            pairs.append((i, j, True))
        prev_i, prev_j = i, j
    return pairs


def _kinds_compatible(x: Block, y: Block) -> bool:
    return (x.kind == "heading") == (y.kind == "heading")


def _pair_region(
    a, b, wa: _Words, wb: _Words, a_lo: int, a_hi: int, b_lo: int, b_hi: int
) -> list[tuple[int, int]]:
    m, n = a_hi - a_lo, b_hi - b_lo
    if m == n == 1:  # one block rewritten in place: a modification unless nearly nothing is shared
        x, y = a[a_lo], b[b_lo]
        if _kinds_compatible(x, y) and similarity(wa.get(a_lo), wb.get(b_lo)) >= SLOT_THRESHOLD:
            return [(a_lo, b_lo)]
        return []
    if m * n <= _DP_LIMIT:
        pairs = _pair_dp(a, b, wa, wb, a_lo, a_hi, b_lo, b_hi)
    else:
        pairs = _pair_greedy(a, b, wa, wb, a_lo, a_hi, b_lo, b_hi)
    # single blocks left between two pairs are the same slot rewritten
    out: list[tuple[int, int]] = []
    prev_i, prev_j = a_lo - 1, b_lo - 1
    for i, j in [*pairs, (a_hi, b_hi)]:
        if i - prev_i == 2 and j - prev_j == 2:
            x, y = prev_i + 1, prev_j + 1
            if _kinds_compatible(a[x], b[y]) and similarity(wa.get(x), wb.get(y)) >= SLOT_THRESHOLD:
                out.append((x, y))
        if i < a_hi:
            out.append((i, j))
        prev_i, prev_j = i, j
    return out


def _pair_dp(a, b, wa, wb, a_lo, a_hi, b_lo, b_hi) -> list[tuple[int, int]]:
    """Monotone pairing maximising total similarity (pairs below the threshold are not allowed)."""
    m, n = a_hi - a_lo, b_hi - b_lo
    sim = [[0.0] * n for _ in range(m)]
    for x in range(m):
        for y in range(n):
            if _kinds_compatible(a[a_lo + x], b[b_lo + y]):
                s = similarity(wa.get(a_lo + x), wb.get(b_lo + y))
                if s >= PAIR_THRESHOLD:
                    sim[x][y] = s
    score = [[0.0] * (n + 1) for _ in range(m + 1)]
    for x in range(m - 1, -1, -1):
        row, nxt = score[x], score[x + 1]
        for y in range(n - 1, -1, -1):
            best = nxt[y] if nxt[y] > row[y + 1] else row[y + 1]
            s = sim[x][y]
            if s and s + nxt[y + 1] > best:
                best = s + nxt[y + 1]
            row[y] = best
    out = []
    x = y = 0
    while x < m and y < n:
        s = sim[x][y]
        if s and abs(score[x][y] - (s + score[x + 1][y + 1])) < 1e-12:
            out.append((a_lo + x, b_lo + y))
            x += 1
            y += 1
        elif score[x][y] == score[x + 1][y]:
            x += 1
        else:
            y += 1
    return out


def _pair_greedy(a, b, wa, wb, a_lo, a_hi, b_lo, b_hi, window: int = 8) -> list[tuple[int, int]]:
    """Linear-time monotone pairing for large rewrites: look a few blocks ahead on either side."""
    out = []
    x, y = a_lo, b_lo
    while x < a_hi and y < b_hi:
        best = (0.0, 0, 0)
        for dx in range(min(window, a_hi - x)):
            for dy in range(min(window, b_hi - y)):
                if dx and dy:
                    continue  # only look ahead on one side at a time
                if not _kinds_compatible(a[x + dx], b[y + dy]):
                    continue
                s = similarity(wa.get(x + dx), wb.get(y + dy)) - 0.02 * (dx + dy)
                if s > best[0]:
                    best = (s, dx, dy)
        if best[0] >= PAIR_THRESHOLD:
            out.append((x + best[1], y + best[2]))
            x += best[1] + 1
            y += best[2] + 1
        else:
            x += 1
            y += 1
    return out


# --- moves ------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Move:
    i: int
    j: int


def _find_moves(a: list[Block], b: list[Block], removed: list[int], added: list[int]) -> list[_Move]:
    """Pair removed and added blocks that carry the same (or nearly the same) words."""
    moves: list[_Move] = []
    by_norm: dict[str, list[int]] = {}
    for i in removed:
        if a[i].norm.count(" ") >= 2:
            by_norm.setdefault(a[i].norm, []).append(i)
    used_a: set[int] = set()
    rest_b: list[int] = []
    for j in added:
        cands = by_norm.get(b[j].norm)
        if cands:
            i = cands.pop(0)
            used_a.add(i)
            moves.append(_Move(i, j))
        else:
            rest_b.append(j)
    # near moves: index removed blocks by their rarest long words
    rest_a = [i for i in removed if i not in used_a and a[i].norm.count(" ") >= 7]
    rest_b = [j for j in rest_b if b[j].norm.count(" ") >= 7]
    if rest_a and rest_b and len(rest_a) * len(rest_b) <= 4_000_000:
        wa, wb = _Words(a), _Words(b)
        index: dict[str, list[int]] = {}
        for i in rest_a:
            for w in _signature(wa.get(i)[0]):
                index.setdefault(w, []).append(i)
        for j in rest_b:
            bag = wb.get(j)
            best, best_i = 0.0, -1
            seen: set[int] = set()
            for w in _signature(bag[0]):
                for i in index.get(w, ()):
                    if i in used_a or i in seen:
                        continue
                    seen.add(i)
                    s = similarity(wa.get(i), bag)
                    if s > best:
                        best, best_i = s, i
            if best >= MOVE_THRESHOLD:
                used_a.add(best_i)
                moves.append(_Move(best_i, j))
    return moves


def _signature(bag: Counter[str], k: int = 4) -> list[str]:
    """A few long words of a block, used to find move candidates."""
    return sorted(bag, key=lambda w: (-len(w), w))[:k]


# --- hunks ------------------------------------------------------------------------------------


def _token_key(token: str) -> str:
    return token.translate(_TYPO).strip("*_`~") or token


def _token_keys(tokens: list[str]) -> list[str]:
    """:func:`_token_key` of every token; an ASCII token without a backtick has nothing to fold,
    so it skips the translate."""
    return [t.strip("*_`~") or t if t.isascii() and "`" not in t else _token_key(t) for t in tokens]


def word_changes(old: str, new: str) -> list[WordChange]:
    """Inline word-level changes between two block texts (typography-insensitive comparison)."""
    ta, tb = _WORD.findall(old), _WORD.findall(new)
    ca, cb = _token_keys(ta), _token_keys(tb)
    out: list[WordChange] = []
    for op, i1, i2, j1, j2 in word_opcodes(ca, cb, autojunk=len(ca) > 2000):
        if op == "equal":
            continue
        out.append(WordChange(op=op, old=" ".join(ta[i1:i2]), new=" ".join(tb[j1:j2])))  # type: ignore[arg-type]
    return out


def _anchors_after(n: int, pair_of: dict[int, int], other: list[Block]) -> list[int]:
    """For each of *n* blocks, the end offset of the last paired block of the *other* side so far."""
    out = [0] * (n + 1)
    last = 0
    for k in range(n):
        partner = pair_of.get(k)
        if partner is not None:
            last = other[partner].end
        out[k] = last
    return out


def _build_hunks(
    old: Document,
    new: Document,
    pairs: list[tuple[int, int, bool]],
    removed: list[int],
    added: list[int],
    moves: list[_Move],
    executor: Executor | None = None,
) -> list[Hunk]:
    a, b = old.blocks, new.blocks
    moved_a = {m.i for m in moves}
    moved_b = {m.j: m.i for m in moves}
    removed = [i for i in removed if i not in moved_a]
    added_set = {j for j in added if j not in moved_b}

    # For every new block: the old offset after which its text stands; for every old block, the
    # new offset after which it stood (both from the in-place pairs).
    anchor_after_b = _anchors_after(len(b), {j: i for i, j, _ in pairs}, a)
    anchor_after_a = _anchors_after(len(a), {i: j for i, j, _ in pairs}, b)

    items: list[tuple[int, int, Hunk]] = []  # (new position, tiebreak, hunk)
    norms: dict[int, tuple[str, str]] = {}  # normalised old/new text per hunk, for the signals

    def new_anchor(j: int) -> int:
        return anchor_after_b[j - 1] if j > 0 else 0

    # a block pair that recurs verbatim (repeated boilerplate) is judged and word-diffed once
    reasons: dict[tuple[str, str, str, str], str | None] = {}
    changes: dict[tuple[str, str], list[WordChange]] = {}
    for i, j, equal in pairs:
        x, y = a[i], b[j]
        if equal and x.text == y.text:
            continue
        key = (x.text, y.text, x.norm, y.norm)
        if key in reasons:
            reason = reasons[key]
        else:
            reason = reasons[key] = cosmetic.pair_reason(x.text, y.text, x.norm, y.norm)
        if equal and reason == "whitespace only":
            continue
        done = changes.get((x.text, y.text))
        if done is None:
            inline = changes[(x.text, y.text)] = word_changes(x.text, y.text)
        else:
            inline = [WordChange(c.op, c.old, c.new) for c in done]
        h = Hunk(
            id=0,
            kind="modified",
            section_old=x.section,
            section_new=y.section,
            old_text=x.text,
            new_text=y.text,
            old_start=x.start,
            old_end=x.end,
            new_start=y.start,
            new_end=y.end,
            changes=inline,
            cosmetic=reason is not None,
            cosmetic_reason=reason,
        )
        items.append((y.start, 1, h))
        norms[id(h)] = (x.norm, y.norm)

    for run in _runs(removed, a):
        first, last_ = a[run[0]], a[run[-1]]
        text = old.text[first.start : last_.end]
        at = anchor_after_a[run[0] - 1] if run[0] > 0 else 0
        reason = _run_reason(a, run)
        h = Hunk(
            id=0,
            kind="removed",
            section_old=first.section,
            section_new=(),
            old_text=text,
            new_text="",
            old_start=first.start,
            old_end=last_.end,
            new_start=at,
            new_end=at,
            cosmetic=reason is not None,
            cosmetic_reason=reason,
        )
        items.append((at, 0, h))
        norms[id(h)] = ("\n\n".join(a[k].norm for k in run), "")

    for run in _runs(sorted(added_set), b):
        first, last_ = b[run[0]], b[run[-1]]
        text = new.text[first.start : last_.end]
        at = new_anchor(run[0])
        reason = _run_reason(b, run)
        h = Hunk(
            id=0,
            kind="added",
            section_old=(),
            section_new=first.section,
            old_text="",
            new_text=text,
            old_start=at,
            old_end=at,
            new_start=first.start,
            new_end=last_.end,
            cosmetic=reason is not None,
            cosmetic_reason=reason,
        )
        items.append((first.start, 1, h))
        norms[id(h)] = ("", "\n\n".join(b[k].norm for k in run))

    for mv in moves:
        x, y = a[mv.i], b[mv.j]
        same_section = x.section == y.section
        exact = x.norm == y.norm
        reason = "reordered within the same section" if exact and same_section else None
        h = Hunk(
            id=0,
            kind="moved",
            section_old=x.section,
            section_new=y.section,
            old_text=x.text,
            new_text=y.text,
            old_start=x.start,
            old_end=x.end,
            new_start=y.start,
            new_end=y.end,
            changes=[] if exact else word_changes(x.text, y.text),
            cosmetic=reason is not None,
            cosmetic_reason=reason,
            moved_to_old=new_anchor(mv.j),
        )
        items.append((y.start, 1, h))
        norms[id(h)] = (x.norm, y.norm)

    items.sort(key=lambda t: (t[0], t[1], t[2].old_start))
    hunks = [h for _, _, h in items]
    _attach_signals(hunks, norms, executor)
    for n, h in enumerate(hunks, 1):
        h.id = n
    return hunks


def _runs(indices: list[int], blocks: list[Block]) -> list[list[int]]:
    """Group consecutive block indices of the same section into runs."""
    runs: list[list[int]] = []
    for k in indices:
        if runs and runs[-1][-1] == k - 1 and blocks[k].section == blocks[k - 1].section:
            runs[-1].append(k)
        elif runs and runs[-1][-1] == k - 1 and blocks[k].kind == "heading":
            runs.append([k])
        elif (
            runs
            and runs[-1][-1] == k - 1
            and blocks[runs[-1][0]].kind == "heading"
            and blocks[k].section[: len(blocks[runs[-1][0]].section)] == blocks[runs[-1][0]].section
        ):
            runs[-1].append(k)  # a new section: its heading and its body form one hunk
        else:
            runs.append([k])
    return runs


def _run_reason(blocks: list[Block], run: list[int]) -> str | None:
    if all(blocks[k].kind == "heading" for k in run):
        return "heading without text (the section's content did not change)"
    first = None
    for k in run:
        reason = cosmetic.block_reason(blocks[k].text, blocks[k].norm)
        if reason is None:
            return None
        first = first or reason
    return first


PARALLEL_SIGNALS_CHARS = (
    1_000_000  # above this much changed text, an injected executor takes half the signals
)


def _attach_signals(
    hunks: list[Hunk], norms: dict[int, tuple[str, str]], executor: Executor | None = None
) -> None:
    """Signals of every substantive hunk, computed on the blocks' normalised text (already at hand).

    Signals depend only on the two texts, so a change repeated verbatim (boilerplate rewritten the
    same way in several places) is analysed once; every hunk still gets its own Signals object.
    The library never starts a process: only a caller's *executor* (the CLI's, see
    :mod:`summarizer.cli.executor`) computes every other pair, and only on a very large diff.
    """
    from summarizer.diffing.signals import compute_signals

    slot: dict[tuple[str, str], int] = {}
    unique: list[tuple[str, str]] = []
    owners: list[tuple[Hunk, int]] = []
    for h in hunks:
        if h.cosmetic:
            continue
        texts = norms.get(id(h), (h.old_text, h.new_text))
        k = slot.get(texts)
        if k is None:
            k = slot[texts] = len(unique)
            unique.append(texts)
        owners.append((h, k))
    size = sum(len(o) + len(n) for o, n in unique)
    if executor is not None and len(unique) > 1 and size >= PARALLEL_SIGNALS_CHARS:
        results = _signals_shared(unique, executor)
    else:
        results = [compute_signals(o, n, None) for o, n in unique]
    given = [False] * len(results)
    for h, k in owners:
        h.signals = _copy_signals(results[k]) if given[k] else results[k]
        given[k] = True


def _copy_signals(s: Signals) -> Signals:
    return Signals(
        modality=list(s.modality),
        negation=list(s.negation),
        enumerations=list(s.enumerations),
        parties_added=list(s.parties_added),
        parties_removed=list(s.parties_removed),
        parties=list(s.parties),
        numbers=list(s.numbers),
        reserve_right_added=s.reserve_right_added,
        reserve_right_removed=s.reserve_right_removed,
    )


def _signals_shared(pairs: list[tuple[str, str]], executor: Executor) -> list[Signals]:
    """Signals of every (old, new) pair: every other pair on the *executor*, the rest here."""
    from summarizer.diffing.signals import compute_signals

    out: list[Signals | None] = [None] * len(pairs)
    future = executor.submit(signals_batch, pairs[1::2])
    out[0::2] = [compute_signals(o, n, None) for o, n in pairs[0::2]]
    out[1::2] = future.result()
    return out  # type: ignore[return-value]


def signals_batch(pairs: list[tuple[str, str]]) -> list[Signals]:
    """Signals of each (old, new) pair (what an executor runs; a module-level function, so it pickles)."""
    from summarizer.diffing.signals import compute_signals

    return [compute_signals(o, n, None) for o, n in pairs]


# --- applying hunks (used by tests and by anyone who wants to check a diff) -------------------


def apply_hunks(old_text: str, hunks: list[Hunk]) -> str:
    """Rebuild the new text from the old one and the hunks (equal up to whitespace)."""
    deletions: list[tuple[int, int]] = []
    insertions: list[tuple[int, int, str]] = []  # (old offset, new position, text)
    for h in hunks:
        if h.kind in ("modified", "removed", "moved") and h.old_end > h.old_start:
            deletions.append((h.old_start, h.old_end))
        if h.kind == "modified":
            insertions.append((h.old_start, h.new_start, h.new_text))
        elif h.kind == "added":
            insertions.append((h.old_start, h.new_start, h.new_text))
        elif h.kind == "moved":
            insertions.append((h.moved_to_old or 0, h.new_start, h.new_text))
    insertions.sort(key=lambda t: (t[0], t[1]))
    deletions.sort()
    out: list[str] = []
    pos = 0
    k = 0
    events = sorted(
        {
            0,
            len(old_text),
            *(d[0] for d in deletions),
            *(d[1] for d in deletions),
            *(t[0] for t in insertions),
        }
    )
    del_at = {s: e for s, e in deletions}
    for point in events:
        if point < pos:
            # inside a deletion: still emit insertions anchored here
            while k < len(insertions) and insertions[k][0] <= point:
                out.append("\n\n" + insertions[k][2] + "\n\n")
                k += 1
            continue
        out.append(old_text[pos:point])
        pos = point
        while k < len(insertions) and insertions[k][0] <= point:
            out.append("\n\n" + insertions[k][2] + "\n\n")
            k += 1
        if point in del_at:
            pos = max(pos, del_at[point])
    out.append(old_text[pos:])
    return "".join(out)
