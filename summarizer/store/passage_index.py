"""The passage index: every version's passages, classified once, searchable by the database's own
full-text engine.

- SQLite: an FTS5 table ``passage_fts`` (rowid = passage id) holds the *current* passages, with
  two columns: the search terms and the category tokens, so one ``MATCH`` selects a category and
  the passages sharing a query term.
- PostgreSQL: a stored ``tsvector`` column (``passage_fts_tsv``: the category tokens with weight A,
  the search terms with weight D) with a GIN index on current passages.

Both engines see the same pre-stemmed terms (:func:`summarizer.rubric.passages.terms`), so both
match the same passages. :func:`index_pending` is called by ``ingest`` and ``track`` (and by a
query, for versions stored before the index existed); it never re-indexes a version.
"""

from __future__ import annotations

import math
import sys
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import bindparam, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from summarizer.rubric import stances
from summarizer.rubric.passages import passages
from summarizer.store.models import utcnow


def category_token(category: str) -> str:
    """A category id as one FTS5 token ('data_retention' -> 'catdataretention')."""
    return "cat" + category.replace("_", "")


def term_weight(count: int) -> float:
    """A term's weight in a passage (or query) that holds it *count* times: sublinear, 1 + ln(count)."""
    return 1.0 + math.log(count)


def term_norm(terms: Iterable[str]) -> float:
    """The Euclidean length of a passage's term weights, stored at index time so a query only sums
    the weights of the terms it shares (the cosine's denominator is not recomputed per query)."""
    norm = 0.0
    for n in Counter(terms).values():
        w = term_weight(n)
        norm += w * w
    return math.sqrt(norm)


def term_vector(terms: Iterable[str]) -> tuple[str, bytes]:
    """A passage's terms as a sparse vector, stored at index time: its distinct terms in
    first-occurrence order (space-separated) and their weights (:func:`term_weight` of each count)
    packed as little-endian float64. A query then sums over them in C without re-counting the
    passage (:func:`unpack_weights`)."""
    counts = Counter(terms)
    weights = array("d", (term_weight(n) for n in counts.values()))
    if sys.byteorder == "big":  # pragma: no cover - stored little-endian on every machine
        weights.byteswap()
    return " ".join(counts), weights.tobytes()


def unpack_weights(blob: bytes) -> array:
    """The weights :func:`term_vector` packed."""
    weights = array("d")
    weights.frombytes(blob)
    if sys.byteorder == "big":  # pragma: no cover
        weights.byteswap()
    return weights


def index_pending(engine: Engine, document_ids: Iterable[int] | None = None) -> int:
    """Index the latest version of every document (or of *document_ids*) not yet indexed; returns the
    passages added. A version is classified once; older versions are never shown, so they are only
    indexed if they were current when indexing ran. The documents touched get their current
    passages refreshed.
    """
    latest_sql = (
        "SELECT v.id, v.document_id, EXISTS (SELECT 1 FROM indexed_versions i WHERE i.version_id = v.id) "
        "FROM versions v WHERE v.id = (SELECT v2.id FROM versions v2 WHERE v2.document_id = v.document_id "
        "ORDER BY v2.captured_at DESC, v2.id DESC LIMIT 1) ORDER BY v.id"
    )
    with engine.connect() as conn:
        latest = conn.execute(text(latest_sql)).all()
        shown = set(
            conn.execute(text("SELECT DISTINCT document_id, version_id FROM passages WHERE is_current")).all()
        )
    wanted = None if document_ids is None else set(document_ids)
    rows = [(v, d) for v, d, done in latest if not done and (wanted is None or d in wanted)]
    latest_of = {int(d): int(v) for v, d, _ in latest}
    stale = {int(d) for d, v in shown if latest_of.get(int(d)) != int(v)}
    added = 0
    documents: set[int] = stale
    for version_id, document_id in rows:
        try:
            with engine.begin() as conn:
                added += _index_version(conn, int(version_id), int(document_id))
        except IntegrityError:  # another process indexed the same version at the same time
            pass
        documents.add(int(document_id))
    if documents:
        with engine.begin() as conn:
            refresh_current(conn, sorted(documents))
    return added


def _index_version(conn: Connection, version_id: int, document_id: int) -> int:
    body = conn.execute(text("SELECT text FROM versions WHERE id = :v"), {"v": version_id}).scalar_one()
    service_id = conn.execute(
        text("SELECT service_id FROM documents WHERE id = :d"), {"d": document_id}
    ).scalar_one()
    found = passages(body)
    if conn.execute(text("SELECT 1 FROM indexed_versions WHERE version_id = :v"), {"v": version_id}).first():
        return 0  # another process indexed it meanwhile
    if found:
        conn.execute(
            text(
                'INSERT INTO passages (version_id, document_id, service_id, ordinal, start, "end", section, text, '
                "terms, norm, vocab, weights, categories, is_current) "
                "VALUES (:v, :d, :sid, :o, :s, :e, :sec, :t, :terms, :norm, :vocab, :weights, :cats, :cur)"
            ),
            [
                {
                    "v": version_id,
                    "d": document_id,
                    "sid": service_id,
                    "o": p.ordinal,
                    "s": p.start,
                    "e": p.end,
                    "sec": p.section,
                    "t": p.text,
                    "terms": " ".join(p.terms),
                    "norm": term_norm(p.terms),
                    "vocab": vocab,
                    "weights": weights,
                    "cats": " ".join(p.categories),
                    "cur": False,
                }
                for p in found
                for vocab, weights in [term_vector(p.terms)]
            ],
        )
        ids: dict[int, int] = dict(
            conn.execute(
                text("SELECT ordinal, id FROM passages WHERE version_id = :v"), {"v": version_id}
            ).all()
        )
        cats = [
            {"p": ids[p.ordinal], "c": c, "s": strength}
            for p in found
            for c, strength in zip(p.categories, p.strengths, strict=True)
        ]
        if cats:
            conn.execute(
                text("INSERT INTO passage_categories (passage_id, category, strength) VALUES (:p, :c, :s)"),
                cats,
            )
        said = [
            {"p": ids[p.ordinal], "k": kind, "v": float(f.value), "sh": f.shown, "se": f.sentence}
            for p in found
            for kind in stances.KINDS
            if (f := stances.stance(kind, [p.text], p.section)) is not None
        ]
        if said:
            conn.execute(
                text(
                    "INSERT INTO passage_stances (passage_id, kind, value, shown, sentence) "
                    "VALUES (:p, :k, :v, :sh, :se)"
                ),
                said,
            )
    conn.execute(
        text("INSERT INTO indexed_versions (version_id, passages, created_at) VALUES (:v, :n, :t)"),
        {"v": version_id, "n": len(found), "t": utcnow()},
    )
    return len(found)


def refresh_current(conn: Connection, document_ids: list[int]) -> None:
    """Mark the passages of each document's latest version current (and only those), and refresh
    which categories the documents' services have current passages in (``category_services``)."""
    _refresh_current_passages(conn, document_ids)
    services = [
        int(r[0])
        for r in conn.execute(
            text("SELECT DISTINCT service_id FROM documents WHERE id IN :ids").bindparams(
                bindparam("ids", expanding=True)
            ),
            {"ids": document_ids},
        )
    ]
    if not services:
        return
    sids = {"ids": services}
    conn.execute(
        text("DELETE FROM category_services WHERE service_id IN :ids").bindparams(
            bindparam("ids", expanding=True)
        ),
        sids,
    )
    conn.execute(
        text(
            "INSERT INTO category_services (category, service_id) SELECT DISTINCT pc.category, p.service_id "
            "FROM passage_categories pc JOIN passages p ON p.id = pc.passage_id "
            "WHERE p.is_current AND p.service_id IN :ids"
        ).bindparams(bindparam("ids", expanding=True)),
        sids,
    )


def _refresh_current_passages(conn: Connection, document_ids: list[int]) -> None:
    for document_id in document_ids:
        latest = conn.execute(
            text("SELECT id FROM versions WHERE document_id = :d ORDER BY captured_at DESC, id DESC LIMIT 1"),
            {"d": document_id},
        ).scalar()
        stale = [
            r[0]
            for r in conn.execute(
                text("SELECT id FROM passages WHERE document_id = :d AND is_current AND version_id != :v"),
                {"d": document_id, "v": latest},
            )
        ]
        fresh = conn.execute(
            text("SELECT id, terms, categories FROM passages WHERE version_id = :v AND NOT is_current"),
            {"v": latest},
        ).all()
        if stale:
            conn.execute(
                text("UPDATE passages SET is_current = :f WHERE id IN :ids").bindparams(
                    bindparam("ids", expanding=True)
                ),
                {"f": False, "ids": stale},
            )
        if fresh:
            conn.execute(
                text("UPDATE passages SET is_current = :t WHERE version_id = :v"), {"t": True, "v": latest}
            )
        if conn.dialect.name == "sqlite":
            if stale:
                conn.execute(
                    text("DELETE FROM passage_fts WHERE rowid IN :ids").bindparams(
                        bindparam("ids", expanding=True)
                    ),
                    {"ids": stale},
                )
            if fresh:
                conn.execute(
                    text("INSERT INTO passage_fts (rowid, terms, cats) VALUES (:id, :terms, :cats)"),
                    [
                        {"id": i, "terms": t, "cats": " ".join(category_token(c) for c in cats.split())}
                        for i, t, cats in fresh
                    ],
                )


def _iso_date(value: date | datetime | str | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)[:10]  # SQLite hands raw SQL its stored text


def _hit(r) -> Hit:
    version_date = _iso_date(r[5]) or _iso_date(r[4]) or ""
    return Hit(int(r[0]), r[1], r[2], int(r[3]), version_date, r[6], r[7], r[8], int(r[9]))


@dataclass(frozen=True, slots=True)
class Hit:
    """A current passage the engine found, with what a comparison shows about it."""

    passage_id: int
    service: str
    document: str
    version_id: int
    version_date: str  # ISO date: the effective date the text states, else the capture date
    section: str
    text: str
    terms: str
    engine_rank: int  # the passage's place in its version (document order)


_SELECT = (
    "SELECT p.id, s.name, d.doc_type, p.version_id, v.captured_at, v.effective_date, p.section, p.text, "
    "p.terms"
)
_JOIN = (
    "FROM passages p JOIN documents d ON d.id = p.document_id "
    "JOIN services s ON s.id = d.service_id JOIN versions v ON v.id = p.version_id"
)


#: One engine match: (passage id, service id, vocab, weights, norm, strength), what the shared
#: scorer needs and nothing more (plain tuples: a query may match thousands). ``strength`` is the
#: passage's :func:`~summarizer.rubric.passages.topic_strength` in the category (never negative here).
Candidate = tuple[int, int, str, bytes, float, int]


def search(
    conn: Connection, category: str, query_terms: list[str], *, exclude_service_id: int
) -> Sequence[Candidate]:
    """Every current passage in *category* of another service that holds at least one query term and
    treats the category (strength >= 0: not in it by a passing word only),
    found by the engine's own index (FTS5 ``MATCH`` on SQLite, the GIN-indexed ``tsvector`` with
    ``@@`` on PostgreSQL). The engines only retrieve; they do not rank: the one shared scorer does
    (:func:`summarizer.store.platforms.similarity`), so both databases show the same passages. Each
    row carries its stored term vector (:func:`term_vector`) and norm, and nothing else (texts are fetched for the few shown)."""
    if not query_terms:
        return []
    if conn.dialect.name == "sqlite":
        match = (
            f"cats : {category_token(category)} AND terms : ("
            + " OR ".join(f'"{t}"' for t in query_terms)
            + ")"
        )
        sql = (
            "SELECT p.id, p.service_id, p.vocab, p.weights, p.norm, pc.strength FROM passage_fts "
            "JOIN passages p ON p.id = passage_fts.rowid "
            "JOIN passage_categories pc ON pc.passage_id = p.id AND pc.category = :cat "
            "WHERE passage_fts MATCH :q AND p.service_id <> :svc AND pc.strength >= 0"
        )
        params: dict = {"q": match}
    elif conn.dialect.name == "postgresql":
        sql = (
            "SELECT p.id, p.service_id, p.vocab, p.weights, p.norm, pc.strength FROM passages p "
            "JOIN passage_categories pc ON pc.passage_id = p.id AND pc.category = :cat "
            "WHERE p.is_current AND p.passage_fts_tsv @@ to_tsquery('simple', :q) AND p.service_id <> :svc "
            "AND pc.strength >= 0"
        )
        params = {"q": f"{category_token(category)}:A & ({' | '.join(query_terms)})"}
    else:  # pragma: no cover - other databases have no passage search
        raise NotImplementedError(f"no passage search on {conn.dialect.name}")
    # plain driver rows: a query may match thousands, and SQLAlchemy's Row objects cost as much as the search
    rows = conn.execute(text(sql), {**params, "svc": exclude_service_id, "cat": category}).cursor.fetchall()
    return rows


def passage_hits(conn: Connection, passage_ids: list[int]) -> dict[int, Hit]:
    """The shown passages, with their service, document, version date and verbatim text."""
    if not passage_ids:
        return {}
    rows = conn.execute(
        text(f"{_SELECT}, 0 {_JOIN} WHERE p.id IN :ids").bindparams(bindparam("ids", expanding=True)),
        {"ids": passage_ids},
    ).all()
    return {int(r[0]): _hit(r) for r in rows}


def passage_texts(conn: Connection, passage_ids: list[int]) -> dict[int, str]:
    """The verbatim text of the given passages."""
    if not passage_ids:
        return {}
    rows = conn.execute(
        text("SELECT id, text FROM passages WHERE id IN :ids").bindparams(bindparam("ids", expanding=True)),
        {"ids": passage_ids},
    ).all()
    return {int(i): t for i, t in rows}


def category_passages(
    conn: Connection,
    category: str,
    *,
    service: str | None = None,
    document: str | None = None,
    topical: bool = False,
) -> list[Hit]:
    """Current passages in *category* (of one service or document, when given), in document order;
    with *topical*, only those that treat it (strength >= 0, see ``passage_categories.strength``)."""
    sql = (
        "SELECT p.id, s.name, d.doc_type, p.version_id, v.captured_at, v.effective_date, p.section, p.text, "
        "p.terms, p.ordinal FROM passage_categories pc JOIN passages p ON p.id = pc.passage_id "
        "JOIN documents d ON d.id = p.document_id JOIN services s ON s.id = d.service_id "
        "JOIN versions v ON v.id = p.version_id WHERE pc.category = :c AND p.is_current"
    )
    params: dict = {"c": category}
    if topical:
        sql += " AND pc.strength >= 0"
    if service is not None:
        sql += " AND s.name = :s"
        params["s"] = service
    if document is not None:
        sql += " AND d.doc_type = :d"
        params["d"] = document
    rows = conn.execute(text(sql + " ORDER BY s.name, d.doc_type, p.ordinal"), params).all()
    return [_hit(r) for r in rows]


@dataclass(frozen=True, slots=True)
class StanceHit:
    """A stance a current passage states (read at index time), with the passage it is in."""

    hit: Hit  # ``text`` and ``version_date`` left empty: the stance's sentence is what is shown
    value: float
    shown: str
    sentence: str
    norm: float  # the passage's stored norm (passage_index.term_norm of its terms)
    vocab: str = ""  # the passage's stored term vector (term_vector)
    weights: bytes = b""


def category_stances(conn: Connection, category: str, kinds: Iterable[str]) -> dict[str, list[StanceHit]]:
    """For each stance kind, every current passage in *category* that states it (a number, or the
    practice stated or denied), in service, document and passage order: one query for all kinds."""
    out: dict[str, list[StanceHit]] = {kind: [] for kind in kinds}
    if not out:
        return out
    sql = (
        "SELECT p.id, s.name, d.doc_type, p.version_id, p.section, '', p.ordinal, ps.value, ps.shown, "
        "ps.sentence, ps.kind, p.norm, p.vocab, p.weights FROM passage_stances ps "
        "JOIN passage_categories pc ON pc.passage_id = ps.passage_id AND pc.category = :c "
        "JOIN passages p ON p.id = ps.passage_id JOIN documents d ON d.id = p.document_id "
        "JOIN services s ON s.id = d.service_id "
        "WHERE ps.kind IN :k AND p.is_current ORDER BY s.name, d.doc_type, p.ordinal"
    )
    stmt = text(sql).bindparams(bindparam("k", expanding=True))
    for (
        pid,
        name,
        doc,
        vid,
        section,
        terms,
        ordinal,
        value,
        shown,
        sentence,
        kind,
        norm,
        vocab,
        weights,
    ) in conn.execute(
        stmt, {"c": category, "k": list(out)}
    ).cursor.fetchall():  # plain rows: a common stance (opt-out) has hundreds; no date is shown for it
        hit = Hit(int(pid), name, doc, int(vid), "", section, "", terms, int(ordinal))
        out[kind].append(StanceHit(hit, float(value), shown, sentence, float(norm), vocab, bytes(weights)))
    return out


def category_services(conn: Connection, category: str, *, exclude_service: str) -> int:
    """How many services other than *exclude_service* have current passages in *category* (read
    from ``category_services``, kept by :func:`refresh_current`)."""
    sql = (
        "SELECT COUNT(*) FROM category_services cs JOIN services s ON s.id = cs.service_id "
        "WHERE cs.category = :c AND s.name <> :s"
    )
    return int(conn.execute(text(sql), {"c": category, "s": exclude_service}).scalar_one())


def category_service_names(conn: Connection, category: str) -> frozenset[str]:
    """The services with current passages in *category* (as :func:`category_services` counts
    them): ``category_services(conn, category, exclude_service=x)`` is the size of this set without
    *x*, for any *x*."""
    sql = (
        "SELECT s.name FROM category_services cs JOIN services s ON s.id = cs.service_id "
        "WHERE cs.category = :c"
    )
    return frozenset(name for (name,) in conn.execute(text(sql), {"c": category}).cursor.fetchall())


def service_names(conn: Connection) -> dict[int, str]:
    """Every service's name by id (a comparison's matches carry service ids)."""
    return {int(i): n for i, n in conn.execute(text("SELECT id, name FROM services")).cursor.fetchall()}
