"""Passages with the same term vector get one dot product per comparison (#14, round 4): the scores
are still each row's own, to the last bit, whatever its strength and wherever the repeats fall."""

from __future__ import annotations

import random
from collections import Counter

from summarizer.store.passage_index import term_norm, term_vector
from summarizer.store.platforms import _FACTORS, _score, _scores, _weights, similarity


def test_repeated_vectors_score_like_each_row_alone():
    rng = random.Random(41)
    words = [f"w{i}" for i in range(40)]
    q = _weights(Counter(rng.choices(words, k=70)))
    qnorm = sum(w * w for w in q.values()) ** 0.5
    pool = [rng.choices(words, k=rng.randint(1, 50)) for _ in range(25)]
    rows, expected = [], []
    for pid in range(400):  # 400 rows over 25 distinct passages: most vectors repeat, in any order
        passage = rng.choice(pool)
        strength = rng.randrange(len(_FACTORS))
        vocab, blob = term_vector(passage)
        rows.append((pid, pid % 9, vocab, blob, term_norm(passage), strength))
        plain = similarity(q, " ".join(passage), qnorm)
        assert plain == _score(q, qnorm, vocab, blob, term_norm(passage))
        dot_based = _scores(q, qnorm, [(pid, 0, vocab, blob, term_norm(passage), strength)])[0]
        expected.append(dot_based)
    assert len({r[2] for r in rows}) <= 25
    assert _scores(q, qnorm, rows) == expected


def test_same_terms_in_another_order_are_another_vector():
    """Vectors are keyed by their stored terms and weights as they are: the same words in another
    first-occurrence order sum in another order, so they are scored apart (never share a float)."""
    q = _weights(Counter("a b c a".split()))
    qnorm = sum(w * w for w in q.values()) ** 0.5
    one = term_vector("a b c".split())
    other = term_vector("c b a".split())
    rows = [
        (1, 0, *one, term_norm("abc"), 0),
        (2, 0, *other, term_norm("cba"), 0),
        (3, 0, *one, term_norm("abc"), 2),
    ]
    got = _scores(q, qnorm, rows)
    assert got[0] == _score(q, qnorm, *one, term_norm("abc"))
    assert got[1] == _score(q, qnorm, *other, term_norm("cba"))
    assert got[2] == _scores(q, qnorm, [rows[2]])[0] > got[0]
