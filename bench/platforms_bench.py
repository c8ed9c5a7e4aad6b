"""Passage index for "How other platforms handle this" (#14): index build time and query latency for
100 services x 3 documents, against a brute-force scan (every current passage scored in Python) in
the same run.

Documents: the bundled real texts (evals/data/ota new.md, Open Terms Archive contributors,
ODC-BY 1.0), three per synthetic service. Build linearity: the index is built for 25, 50 and 100
services and the time per passage compared. Usage: python bench/platforms_bench.py [--pg URL]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import text

from summarizer.store.db import open_engine
from summarizer.store.ingest import ingest_candidates
from summarizer.store.passage_index import index_pending, search
from summarizer.store.platforms import _weights, compare_provision, similarity
from summarizer.store.sources import Candidate, as_utc

QUERIES = [
    ("dispute_resolution", "Terms of Service"),
    ("data_retention", "Privacy Policy"),
    ("children_audiences", "Privacy Policy"),
    ("policy_change_notice", "Terms of Service"),
    ("tracking_tech", "Privacy Policy"),
]
DOCS = ("Privacy Policy", "Terms of Service", "Cookie Policy")


def texts() -> list[str]:
    return [(f / "new.md").read_text(encoding="utf-8") for f in sorted((ROOT / "evals/data/ota").iterdir())]


def build(url: str, services: int, corpus: list[str]) -> tuple[float, int]:
    """Ingest services x 3 documents without indexing, then time the index build alone."""
    from datetime import datetime

    import summarizer.store.ingest as ingest_mod

    saved = ingest_mod.index_pending
    ingest_mod.index_pending = lambda *a, **k: 0  # time the build separately from ingest
    try:
        cands = [
            Candidate(
                f"svc{i:03d}", doc, corpus[(i * 3 + j) % len(corpus)], as_utc(datetime(2024, 1, 1)), "bench"
            )
            for i in range(services)
            for j, doc in enumerate(DOCS)
        ]
        ingest_candidates(url, cands)
    finally:
        ingest_mod.index_pending = saved
    engine = open_engine(url)
    started = time.perf_counter()
    n = index_pending(engine)
    return time.perf_counter() - started, n


def brute_force(url: str, service: str, document: str, category: str, n: int = 3) -> list[str]:
    """The same answer without the engine: every current passage read and scored in Python."""
    engine = open_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT s.name, d.doc_type, p.terms, p.categories FROM passages p "
                "JOIN documents d ON d.id = p.document_id JOIN services s ON s.id = d.service_id WHERE p.is_current"
            )
        ).all()
    own = Counter()
    for s, d, terms, cats in rows:
        if s == service and d == document and category in cats.split():
            own.update(terms.split())
    for t in service.lower().split():
        own.pop(t, None)
    q = _weights(own)
    best: dict[str, float] = {}
    for s, _d, terms, cats in rows:
        if s != service and category in cats.split():
            best[s] = max(best.get(s, 0.0), similarity(q, terms))
    return [s for s, _ in sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]


def timed(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pg", help="a PostgreSQL URL to run on as well (an empty database)")
    ap.add_argument(
        "--pg-temp", action="store_true", help="start a throwaway PostgreSQL cluster and run on it too"
    )
    ap.add_argument("--sizes", default="25,50,100")
    args = ap.parse_args()
    if args.pg_temp:
        import psycopg

        from summarizer.testing.pgcluster import TempCluster

        with TempCluster() as cluster:
            with psycopg.connect(host=cluster.host, port=cluster.port, user=cluster.user, dbname="postgres",
                                 autocommit=True) as conn:  # fmt: skip
                conn.execute("CREATE DATABASE platforms_bench")
            args.pg = f"postgresql://{cluster.user}@{cluster.host}:{cluster.port}/platforms_bench"
            run(args)
        return
    run(args)


def run(args) -> None:
    corpus = texts()
    urls = []
    tmp = tempfile.mkdtemp()
    for size in [int(s) for s in args.sizes.split(",")]:
        url = f"sqlite:///{tmp}/bench{size}.db"
        secs, n = build(url, size, corpus)
        print(
            f"build sqlite {size:3d} services x 3 docs: {n:6d} passages in {secs:6.2f} s = {secs / n * 1e6:6.1f} us/passage"
        )
        urls.append(("sqlite", url))
    if args.pg:
        secs, n = build(args.pg, int(args.sizes.split(",")[-1]), corpus)
        print(f"build postgresql: {n} passages in {secs:.2f} s = {secs / n * 1e6:.1f} us/passage")
        urls = [urls[-1], ("postgresql", args.pg)]
    else:
        urls = [urls[-1]]
    for backend, url in urls:
        engine = open_engine(url)
        for category, doc in QUERIES:
            service = "svc001"
            full = timed(lambda: compare_provision(url, service, doc, category, catch_up=False))  # noqa: B023 (called at once)
            bare = timed(
                lambda: compare_provision(url, service, doc, category, catch_up=False, with_stances=False)  # noqa: B023 (called at once)
            )
            with engine.connect() as conn:
                own = conn.execute(
                    text(
                        "SELECT p.terms FROM passages p JOIN passage_categories pc ON pc.passage_id = p.id "
                        "JOIN documents d ON d.id = p.document_id JOIN services s ON s.id = d.service_id "
                        "WHERE s.name = :s AND d.doc_type = :d AND pc.category = :c AND p.is_current"
                    ),
                    {"s": service, "d": doc, "c": category},
                ).all()
                counts = Counter(t for (r,) in own for t in r.split())
                q = [t for t, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:24]]
                engine_ms = timed(
                    lambda conn=conn, q=q, c=category, s=service: search(
                        conn, c, q, exclude_service=s, per_service=1000
                    )
                )
            brute = timed(lambda: brute_force(url, service, doc, category), repeat=3)  # noqa: B023 (called at once)
            got = [e.service for e in compare_provision(url, service, doc, category).examples]
            same = got == brute_force(url, service, doc, category)
            print(
                f"query {backend:10s} {category:22s}: engine search {engine_ms:6.1f} ms, whole comparison "
                f"(examples only) {bare:6.1f} ms, with stances {full:6.1f} ms, brute-force scan {brute:7.1f} ms -> "
                f"{brute / bare:4.1f}x; "
                f"same services as brute force: {same}"
            )
    print(json.dumps({"note": "medians of 5 runs (brute force: 3); target: a query under 50 ms"}))


if __name__ == "__main__":
    main()
