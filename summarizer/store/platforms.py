"""How other platforms handle a provision: the closest passages of other services' current documents,
and where this service stands among them on a number or a recognised practice.

:func:`compare_provision` is the one entry point (the ``summarizer platforms`` command and the
site's provision pages both call it). Retrieval is the database's full-text engine
(:mod:`summarizer.store.passage_index`): it returns the passages of the category that share a term
with the provision; one shared scorer (cosine of term weights, with each passage's norm stored at
index time) then picks one per service, so SQLite and PostgreSQL show the same passages (bm25 and
ts_rank rank differently, and a top-k cut by either made the two disagree). Stances are read from
what index time stored per passage (``passage_stances``).
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from itertools import islice, repeat
from operator import mul

from summarizer.about import DISCLAIMER
from summarizer.errors import InputError
from summarizer.model.slugs import provision_path
from summarizer.model.taxonomy import CATEGORIES
from summarizer.rubric import stances as st
from summarizer.rubric.passages import MAX_STRENGTH, seed_terms, terms, topic_strength
from summarizer.store.db import open_engine
from summarizer.store.passage_index import (
    Candidate,
    StanceHit,
    category_passages,
    category_service_names,
    category_services,
    category_stances,
    index_pending,
    passage_hits,
    search,
    service_names,
    unpack_weights,
)

#: Services shown by default.
DEFAULT_SERVICES = 3
#: Query terms the engine matches: the most frequent of the provision's own topical passages and the
#: category's seed words (the score uses them all). Round 2 took 24; with the seed words, 12 match
#: about a quarter fewer passages in the broad categories and were as precise on
#: evals/platforms/blind_labels.yaml (0.90 against 0.87 precision@3). Round 4 tried matching every
#: seed word as well: with the bar below it gave the same precision on both open blind sets (2 more
#: right picks of 35) for 7-55% more CPU in the broad categories (docs/platforms.md), so not kept.
QUERY_TERMS = 12
#: A candidate's similarity is multiplied by 1 + STRENGTH_BONUS x its topic strength (0 to
#: rubric.passages.MAX_STRENGTH): a passage that states the practice in several phrases outranks
#: one that names it once or only under its heading. Set on evals/platforms/blind_labels.yaml.
STRENGTH_BONUS = 0.5
#: Show fewer, not wrong: an other service's passage is shown only if it states the practice in
#: SHOW_STRENGTH distinct phrases or more (rubric.passages.topic_strength), or scores at least
#: SHOW_SHARE of the comparison's best match. Proposed in round 3 on the blind tuning set and
#: adopted in round 4 on both open blind sets (docs/platforms.md: 60/68 -> 57/59 precision@3).
SHOW_SHARE = 0.65
SHOW_STRENGTH = 2
_FACTORS = tuple(1.0 + STRENGTH_BONUS * s for s in range(MAX_STRENGTH + 1))


def query_counts(
    passage_terms: list[tuple[str, ...]], category: str, drop: tuple[str, ...] = ()
) -> Counter[str]:
    """The query's term counts: the provision's own topical passages' terms, plus the category's seed
    words once each (rubric.passages.SEEDS: a provision with few or noisy passages still asks in the
    category's words), without *drop* (the service's own name). Falls back to the category's title
    and description when both are empty."""
    counts: Counter[str] = Counter()
    for found in passage_terms:
        counts.update(found)
    counts.update(seed_terms(category))
    if not counts:
        cat = CATEGORIES[category]
        counts = Counter(terms(f"{cat.title} {cat.covers}"))
    for t in drop:
        counts.pop(t, None)
    return counts


@dataclass
class Example:
    """One other service's closest passage on the provision."""

    service: str
    document: str
    category: str
    version_date: str  # the version's effective date when the text states one, else its capture date
    section: str
    excerpt: str  # verbatim passage text (untrusted: escape it when rendering)
    link: str  # site-relative path of that service's provision page
    score: float


@dataclass
class StanceEntry:
    service: str
    document: str
    shown: str  # "30 days", "$100", "states", "denies"
    value: float | bool
    excerpt: str  # the sentence that says it, verbatim
    link: str


@dataclass
class Stance:
    """Where this service stands on one number or practice among the compared services."""

    kind: str
    label: str
    type: str  # "number" | "practice"
    this: StanceEntry | None
    compared: int  # other services with current passages in the category
    stating: list[StanceEntry] = field(
        default_factory=list
    )  # other services that state a number / the practice
    denying: list[StanceEntry] = field(default_factory=list)  # practice only: services saying they do not
    median: float | None = None
    lower: int = 0  # number: other services stating a smaller value
    higher: int = 0
    summary: str = ""


@dataclass
class PlatformComparison:
    service: str
    document: str
    category: str
    category_title: str
    link: str
    own_passages: (
        int  # passages of this provision the query was built from (0: from the category's description)
    )
    query_terms: list[str]
    compared: int  # other services with current passages in the category
    examples: list[Example]
    stances: list[Stance]
    disclaimer: str = DISCLAIMER

    def to_dict(self) -> dict:
        return asdict(self)


def _weights(counts: Counter[str]) -> dict[str, float]:
    return {t: 1.0 + math.log(n) for t, n in counts.items()}


def similarity(query: dict[str, float], passage_terms: str, query_norm: float | None = None) -> float:
    """Cosine of sublinear term weights: the shared final score (same on every database)."""
    if not query:
        return 0.0
    dot = norm = 0.0
    for t, n in Counter(passage_terms.split()).items():
        w = 1.0 + math.log(n)
        norm += w * w
        q = query.get(t)
        if q is not None:
            dot += q * w
    if dot == 0.0:
        return 0.0
    if query_norm is None:
        query_norm = math.sqrt(sum(w * w for w in query.values()))
    return round(dot / (query_norm * math.sqrt(norm)), 9)


def _score(query: dict[str, float], query_norm: float, vocab: str, weights: bytes, norm: float) -> float:
    """:func:`similarity` from the passage's term vector and norm stored at index time
    (:func:`~summarizer.store.passage_index.term_vector`): the hot loop of a comparison (thousands of
    candidates in the broad categories). The dot product runs in C (``map``/``sum``) over the
    passage's distinct terms in first-occurrence order, adding ``0.0`` for a term the query lacks
    and multiplying by ``1.0`` for a term said once: the same float additions in the same order as
    :func:`similarity`, so the same value to the last bit."""
    dot = sum(map(mul, map(query.get, vocab.split(), repeat(0.0)), unpack_weights(weights)), 0.0)
    return round(dot / (query_norm * norm), 9) if dot else 0.0


def _scores(query: dict[str, float], query_norm: float, rows: Sequence[Candidate]) -> list[float]:
    """:func:`_score` of every engine match (``(id, service, vocab, weights, norm, strength)`` rows),
    times the strength factor (1 + :data:`STRENGTH_BONUS` x strength), at once:
    one split and one unpack over the rows' distinct term vectors, then each vector's products
    summed in turn (the same additions in the same order, so the same values as :func:`_score`,
    without its per-row work). Passages with the same term vector (a heading or boilerplate
    sentence many documents share, a text two services publish) get one dot product: the
    bundled real documents repeat about a fifth of their passages."""
    if not rows:
        return []
    slot: dict[tuple[str, bytes], int] = {}
    distinct: list[tuple[str, bytes]] = []
    where = []
    for r in rows:
        key = (r[2], r[3])
        i = slot.get(key)
        if i is None:
            i = slot[key] = len(distinct)
            distinct.append(key)
        where.append(i)
    products = map(
        mul, map(query.get, " ".join([v for v, _ in distinct]).split(), repeat(0.0)),
        unpack_weights(b"".join([w for _, w in distinct])),
    )  # fmt: skip
    dots = [sum(islice(products, len(w) >> 3), 0.0) for _, w in distinct]
    out = []
    for r, i in zip(rows, where, strict=True):
        dot = dots[i]
        out.append(round(dot / (query_norm * r[4]) * _FACTORS[r[5]], 9) if dot else 0.0)
    return out


def compare_provision(
    db_url: str,
    service: str,
    document: str,
    category: str,
    *,
    n: int = DEFAULT_SERVICES,
    with_stances: bool = True,
    catch_up: bool = True,
    shared: dict | None = None,
) -> PlatformComparison:
    """How the *n* closest other services word the provision (service, document, category), and the
    stances on it (skipped when not *with_stances*). *catch_up* first indexes current versions stored
    without the index (by an older release); ``ingest`` and ``track`` already keep it current, so a
    caller making many comparisons (the site) can pass False after one :func:`catch_up_index`.
    *shared* (a dict the caller keeps while the store does not change) holds what every comparison
    in a category reads alike (its stated stances, the services with passages in it), read once.
    Raises InputError for an unknown category, document or a bad *n*."""
    if category not in CATEGORIES:
        raise InputError(f"unknown category {category!r} (one of: {', '.join(CATEGORIES)})")
    if n < 1:
        raise InputError("-n must be at least 1")
    engine = open_engine(db_url)
    if catch_up:
        index_pending(engine)  # versions stored before the index existed, or by an older release
    with engine.connect() as conn:
        known = conn.execute(_sql_document(), {"s": service, "d": document}).first()
        if known is None:
            raise InputError(f"no stored document {service}/{document} (ingest it first)")
        own = category_passages(conn, category, service=service, document=document)
        topical = [h for h in own if topic_strength(h.text, h.section, category) >= 0] or own
        name_terms = terms(f"{service} {service.replace('.', ' ')}")  # its own name says nothing shared
        own_terms = {h.passage_id: terms(h.text) for h in own}
        counts = query_counts([own_terms[h.passage_id] for h in topical], category, name_terms)
        query = [t for t, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:QUERY_TERMS]]
        qvec = _weights(counts)
        qnorm = math.sqrt(sum(w * w for w in qvec.values()))
        # stances rank each service's statements by closeness to the provision's own words, as before
        # topicality (their figures were hand-checked that way: evals/platforms/stances.yaml)
        own_counts = Counter(t for h in own for t in own_terms[h.passage_id])
        if not own_counts:
            cat = CATEGORIES[category]
            own_counts = Counter(terms(f"{cat.title} {cat.covers}"))
        for name_term in name_terms:
            own_counts.pop(name_term, None)
        svec = _weights(own_counts)
        snorm = math.sqrt(sum(w * w for w in svec.values()))
        best: dict[str, tuple[float, int]] = {}  # service -> (score, passage id)
        found = search(conn, category, query, exclude_service_id=int(known[1]))
        by_id: dict[int, tuple[float, int]] = {}  # service id -> (score, passage id)
        scored = _scores(qvec, qnorm, found)
        bar = SHOW_SHARE * max(scored, default=0.0)
        for (pid, other, *_, strength), score in zip(found, scored, strict=True):
            if score < bar and strength < SHOW_STRENGTH:  # a weak, distant match: not shown
                continue
            cur = by_id.get(other)
            if cur is None or score > cur[0] or (score == cur[0] and pid < cur[1]):
                by_id[other] = (score, pid)
        id_names = service_names(conn) if by_id else {}
        best = {id_names[sid]: v for sid, v in by_id.items()}
        top = sorted(best.items(), key=lambda kv: (-kv[1][0], kv[0]))[:n]
        shown = passage_hits(conn, [pid for _, (_, pid) in top])
        ranked = [(score, shown[pid]) for _, (score, pid) in top]
        kinds = st.BY_CATEGORY.get(category, ()) if with_stances else ()
        if shared is None:
            said = category_stances(conn, category, kinds)
            compared = category_services(conn, category, exclude_service=service)
        else:
            key = ("stances", category, tuple(kinds))
            if key not in shared:
                shared[key] = category_stances(conn, category, kinds)
            said = shared[key]
            names = shared.get(("services", category))
            if names is None:
                names = shared[("services", category)] = category_service_names(conn, category)
            compared = len(names - {service})
    examples = [
        Example(
            h.service, h.document, category, h.version_date, h.section, h.text,
            provision_path(h.service, h.document, category), s,
        )
        for s, h in ranked
    ]  # fmt: skip
    scores = _stance_scores(said, kinds, svec, snorm)
    stance_list = [_stance(kind, service, document, category, said[kind], compared, scores) for kind in kinds]
    return PlatformComparison(
        service, document, category, CATEGORIES[category].title, provision_path(service, document, category),
        len(own), query, compared, examples, stance_list,
    )  # fmt: skip


def catch_up_index(db_url: str) -> int:
    """Index the current versions not yet indexed (returns passages added)."""
    return index_pending(open_engine(db_url))


def _sql_document():
    from sqlalchemy import text

    return text(
        "SELECT d.id, s.id FROM documents d JOIN services s ON s.id = d.service_id "
        "WHERE s.name = :s AND d.doc_type = :d"
    )


def _stance_scores(
    said: dict[str, list[StanceHit]], kinds, qvec: dict[str, float], qnorm: float
) -> dict[int, float]:
    """:func:`_score` of every passage stating a stance, once per passage and in one batch
    (:func:`_scores`: the same values; a common stance such as opt-out has hundreds), except those
    that are their service's only statement of the kind (nothing to rank them against)."""
    rows: dict[int, tuple] = {}
    for kind in kinds:
        per_service = Counter(x.hit.service for x in said[kind])
        for x in said[kind]:
            if per_service[x.hit.service] > 1:  # a service's only statement needs no ranking
                rows.setdefault(x.hit.passage_id, (x.hit.passage_id, 0, x.vocab, x.weights, x.norm, 0))
    batch = list(rows.values())
    return dict(zip(rows, _scores(qvec, qnorm, batch), strict=True)) if qvec else dict.fromkeys(rows, 0.0)


def _entry(kind: str, said: list[StanceHit], scores: dict[int, float], category: str) -> StanceEntry | None:
    """A service's stance, from the stances its passages state (read at index time): the passage
    closest to the provision first; a statement of the practice (or a number) wins over a denial."""
    if not said:
        return None
    ordered = sorted(
        said, key=lambda x: (-scores.get(x.hit.passage_id, 0.0), x.hit.document, x.hit.engine_rank)
    )
    number = st.KINDS[kind].kind == "number"
    pick = next((x for x in ordered if number or x.value == 1.0), ordered[0])
    h = pick.hit
    value: float | bool = pick.value if number else pick.value == 1.0
    return StanceEntry(
        h.service,
        h.document,
        pick.shown,
        value,
        pick.sentence,
        provision_path(h.service, h.document, category),
    )


def _stance(
    kind: str, service: str, document: str, category: str, said: list[StanceHit], compared: int,
    scores: dict[int, float],
) -> Stance:  # fmt: skip
    spec = st.KINDS[kind]
    by_service: dict[str, list[StanceHit]] = {}
    own: list[StanceHit] = []
    for x in said:
        if x.hit.service != service:
            by_service.setdefault(x.hit.service, []).append(x)
        elif x.hit.document == document:
            own.append(x)
    this = _entry(kind, own, scores, category)
    out = Stance(kind, spec.label, spec.kind, this, compared)
    for name in sorted(by_service):
        entry = _entry(kind, by_service[name], scores, category)
        if entry is None:
            continue
        if spec.kind == "number" or entry.value is True:
            out.stating.append(entry)
        else:
            out.denying.append(entry)
    if spec.kind == "number":
        values = [float(e.value) for e in out.stating]
        if values:
            out.median = float(statistics.median(values))
        if this is not None:
            out.lower = sum(1 for v in values if v < float(this.value))
            out.higher = sum(1 for v in values if v > float(this.value))
    out.summary = _summary(out, service)
    return out


def _summary(s: Stance, service: str) -> str:
    if s.type == "number":
        own = (
            f"{service} states a {s.label} of {s.this.shown}"
            if s.this
            else f"{service} states no {s.label} here"
        )
        if not s.stating:
            return (
                f"{own}; none of the {s.compared} other services with passages on this provision states one."
            )
        rest = f"of {len(s.stating)} other services that state one, the median is {st.fmt_value(s.kind, s.median or 0)}"
        if s.this:
            rest += f" ({s.lower} state less, {s.higher} more)"
        return f"{own}; {rest}."
    if s.this is None:
        own = f"{service} does not say"
    else:  # a practice's value is a bool (see _entry)
        own = f"{service} states it" if s.this.value else f"{service} says it does not"
    return (
        f"{s.label.capitalize()}: {own}; of {s.compared} other services with passages on this provision, "
        f"{len(s.stating)} state it and {len(s.denying)} say they do not."
    )
