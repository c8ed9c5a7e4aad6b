"""The passage index: every version's passages, classified once, searchable by the database's own
full-text engine.

- SQLite: an FTS5 table ``passage_fts`` (rowid = passage id) holds the *current* passages, with
  two columns: the search terms and the category tokens, so one ``MATCH`` selects a category and
  ranks by ``bm25``.
- PostgreSQL: a stored ``tsvector`` column (``passage_fts_tsv``) with a GIN index on current
  passages; ranked by ``ts_rank``.

Both engines see the same pre-stemmed terms (:func:`summarizer.rubric.passages.terms`), so both
match the same passages. :func:`index_pending` is called by ``ingest`` and ``track`` (and by a
query, for versions stored before the index existed); it never re-indexes a version.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import bindparam, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from summarizer.rubric.passages import passages
from summarizer.store.models import utcnow


def category_token(category: str) -> str:
    """A category id as one FTS5 token ('data_retention' -> 'catdataretention')."""
    return "cat" + category.replace("_", "")


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
    found = passages(body)
    if conn.execute(text("SELECT 1 FROM indexed_versions WHERE version_id = :v"), {"v": version_id}).first():
        return 0  # another process indexed it meanwhile
    if found:
        conn.execute(
            text(
                'INSERT INTO passages (version_id, document_id, ordinal, start, "end", section, text, terms, '
                "categories, is_current) VALUES (:v, :d, :o, :s, :e, :sec, :t, :terms, :cats, :cur)"
            ),
            [
                {
                    "v": version_id,
                    "d": document_id,
                    "o": p.ordinal,
                    "s": p.start,
                    "e": p.end,
                    "sec": p.section,
                    "t": p.text,
                    "terms": " ".join(p.terms),
                    "cats": " ".join(p.categories),
                    "cur": False,
                }
                for p in found
            ],
        )
        ids = dict(
            conn.execute(
                text("SELECT ordinal, id FROM passages WHERE version_id = :v"), {"v": version_id}
            ).all()
        )
        cats = [{"p": ids[p.ordinal], "c": c} for p in found for c in p.categories]
        if cats:
            conn.execute(text("INSERT INTO passage_categories (passage_id, category) VALUES (:p, :c)"), cats)
    conn.execute(
        text("INSERT INTO indexed_versions (version_id, passages, created_at) VALUES (:v, :n, :t)"),
        {"v": version_id, "n": len(found), "t": utcnow()},
    )
    return len(found)


def refresh_current(conn: Connection, document_ids: list[int]) -> None:
    """Mark the passages of each document's latest version current (and only those)."""
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
    engine_rank: int  # 1 = the engine's best passage for this service


_SELECT = (
    "SELECT p.id, s.name, d.doc_type, p.version_id, v.captured_at, v.effective_date, p.section, '', "
    "p.terms"
)  # the text is left out (thousands of candidates): passage_texts() fetches the few shown
_JOIN = (
    "JOIN passages p ON p.id = h.pid JOIN documents d ON d.id = p.document_id "
    "JOIN services s ON s.id = d.service_id JOIN versions v ON v.id = p.version_id"
)


def search(
    conn: Connection, category: str, query_terms: list[str], *, exclude_service: str, per_service: int
) -> list[Hit]:
    """The engine's best *per_service* current passages in *category* of every other service that
    share a query term, best first within each service (``text`` left empty: see passage_texts)."""
    if not query_terms:
        return []
    if conn.dialect.name == "sqlite":
        match = (
            f"cats : {category_token(category)} AND terms : ("
            + " OR ".join(f'"{t}"' for t in query_terms)
            + ")"
        )
        hits = "SELECT rowid AS pid, bm25(passage_fts, 1.0, 0.0) AS score FROM passage_fts WHERE passage_fts MATCH :q"
        params: dict = {"q": match}
        order = "h.score ASC"  # bm25() is lower for better matches
    elif conn.dialect.name == "postgresql":
        hits = (
            "SELECT p.id AS pid, ts_rank(p.passage_fts_tsv, q) AS score "
            "FROM passages p JOIN passage_categories pc ON pc.passage_id = p.id AND pc.category = :c, "
            "to_tsquery('simple', :q) q WHERE p.is_current AND p.passage_fts_tsv @@ q"
        )
        params = {"q": " | ".join(query_terms), "c": category}
        order = "h.score DESC"
    else:  # pragma: no cover - other databases have no passage search
        raise NotImplementedError(f"no passage search on {conn.dialect.name}")
    rn = f"ROW_NUMBER() OVER (PARTITION BY s.id ORDER BY {order}, p.id) AS rn"
    sql = (
        f"SELECT * FROM ({_SELECT}, {rn} FROM ({hits}) h {_JOIN} WHERE s.name != :svc) ranked "
        "WHERE ranked.rn <= :k"
    )
    rows = conn.execute(text(sql), {**params, "svc": exclude_service, "k": per_service}).all()
    return [_hit(r) for r in rows]


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
    conn: Connection, category: str, *, service: str | None = None, document: str | None = None
) -> list[Hit]:
    """Current passages in *category* (of one service or document, when given), in document order."""
    sql = (
        "SELECT p.id, s.name, d.doc_type, p.version_id, v.captured_at, v.effective_date, p.section, p.text, "
        "p.terms, p.ordinal FROM passage_categories pc JOIN passages p ON p.id = pc.passage_id "
        "JOIN documents d ON d.id = p.document_id JOIN services s ON s.id = d.service_id "
        "JOIN versions v ON v.id = p.version_id WHERE pc.category = :c AND p.is_current"
    )
    params: dict = {"c": category}
    if service is not None:
        sql += " AND s.name = :s"
        params["s"] = service
    if document is not None:
        sql += " AND d.doc_type = :d"
        params["d"] = document
    rows = conn.execute(text(sql + " ORDER BY s.name, d.doc_type, p.ordinal"), params).all()
    return [_hit(r) for r in rows]
