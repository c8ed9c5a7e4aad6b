"""Passage index for "How other platforms handle this" (#14): index build time and query latency for
100 services x 3 documents, per category (p50/p95 over several provisions), against a brute-force
scan (every current passage of the category scored in Python, the same ranking without the engine)
in the same run, with a check that both show the same services. For a before/after, run the same
script from the previous release's checkout on the same machine state (README figures do so).

Documents: the bundled real texts (evals/data/ota new.md, Open Terms Archive contributors,
ODC-BY 1.0), three per synthetic service. Build linearity: the index is built for 25, 50 and 100
services and the time per passage compared. Usage: python bench/platforms_bench.py [--pg URL | --pg-temp]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import text

from summarizer.model.taxonomy import CATEGORIES
from summarizer.rubric.passages import terms
from summarizer.store.db import open_engine
from summarizer.store.ingest import ingest_candidates
from summarizer.store.passage_index import index_pending
from summarizer.store.platforms import (
    SHOW_SHARE,
    SHOW_STRENGTH,
    STRENGTH_BONUS,
    _weights,
    compare_provision,
    query_counts,
)
from summarizer.store.sources import Candidate, as_utc

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
    took = time.perf_counter() - started
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        # planner statistics, as a store in use has them (PostgreSQL's autovacuum analyzes a table
        # after bulk inserts within a minute; the throwaway cluster is queried at once): without
        # them PostgreSQL planned the broad categories' search badly (p50 190-280 ms instead of 30-60)
        conn.execute(text("ANALYZE"))
    return took, n


def brute_force(url: str, service: str, document: str, category: str, n: int = 3) -> list[str]:
    """The same answer without the engine: every current passage read, and those of the category
    scored, in Python (the provision's topical passages and the category's seed words make the query; each
    other passage that treats the category scores its cosine times the strength factor; a service is
    shown only when its passage passes the same bar, SHOW_STRENGTH or SHOW_SHARE of the best score)."""
    engine = open_engine(url)
    with engine.connect() as conn:  # every current passage, as a store without the index would scan them
        rows = [
            (s, d, terms_, t, strength)
            for s, d, terms_, t, cats, strength in conn.execute(
                text(
                    "SELECT s.name, d.doc_type, p.terms, p.text, p.categories, pc.strength FROM passages p "
                    "LEFT JOIN passage_categories pc ON pc.passage_id = p.id AND pc.category = :c "
                    "JOIN documents d ON d.id = p.document_id JOIN services s ON s.id = d.service_id "
                    "WHERE p.is_current"
                ),
                {"c": category},
            ).all()
            if category in cats.split()
        ]
    own = [(t, strength) for s, d, _terms, t, strength in rows if s == service and d == document]
    texts = [t for t, strength in own if strength >= 0] or [t for t, _ in own]
    counts = query_counts(
        [terms(t) for t in texts], category, terms(f"{service} {service.replace('.', ' ')}")
    )
    q = _weights(counts)
    qnorm = math.sqrt(sum(w * w for w in q.values()))
    scored: list[tuple[str, float, int]] = []
    for s, _d, passage_terms, _t, strength in rows:
        if s == service or strength < 0:
            continue
        dot = norm = 0.0
        for t, c in Counter(passage_terms.split()).items():
            w = 1.0 + math.log(c)
            norm += w * w
            dot += q.get(t, 0.0) * w
        score = round(dot / (qnorm * math.sqrt(norm)) * (1.0 + STRENGTH_BONUS * strength), 9) if dot else 0.0
        if score > 0:
            scored.append((s, score, strength))
    bar = SHOW_SHARE * max((score for _, score, _ in scored), default=0.0)
    best: dict[str, float] = {}
    for s, score, strength in scored:
        if score >= bar or strength >= SHOW_STRENGTH:  # the comparison's bar for showing a service
            best[s] = max(best.get(s, 0.0), score)
    return [s for s, _ in sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pg", help="a PostgreSQL URL to run on as well (an empty database)")
    ap.add_argument(
        "--pg-temp", action="store_true", help="start a throwaway PostgreSQL cluster and run on it too"
    )
    ap.add_argument("--sizes", default="25,50,100")
    ap.add_argument("--queries", type=int, default=10, help="provisions timed per category")
    ap.add_argument("--brute", type=int, default=3, help="of which also scanned by brute force")
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


def pct(values: list[float], q: float) -> float:
    """The q-th percentile (nearest rank) of *values*."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


def provisions(url: str, category: str, count: int) -> list[tuple[str, str]]:
    """(service, document) of the first *count* services' documents with passages in *category*."""
    with open_engine(url).connect() as conn:
        rows = conn.execute(
            text(
                "SELECT DISTINCT s.name, d.doc_type FROM passage_categories pc JOIN passages p ON p.id = pc.passage_id "
                "JOIN documents d ON d.id = p.document_id JOIN services s ON s.id = d.service_id "
                "WHERE pc.category = :c AND p.is_current ORDER BY s.name, d.doc_type"
            ),
            {"c": category},
        ).all()
    seen: dict[str, str] = {}
    for service, doc in rows:
        seen.setdefault(service, doc)
    return list(seen.items())[:count]


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
    cats = [c for c in CATEGORIES if c != "contact_generic"]
    print(
        f"query latency, wall ms per `compare_provision` (examples and stances), {args.queries} provisions per "
        f"category (p50/p95), beside the brute-force scan on {args.brute} of them (load {os.getloadavg()[0]:.1f})"
    )
    for backend, url in urls:
        everything: list[float] = []
        cpu_all: list[float] = []
        brute_all: list[float] = []
        mismatches = checked = 0
        for category in cats:
            provs = provisions(url, category, args.queries)
            compare_provision(url, *provs[0], category, catch_up=False)  # warm the connection pool
            times, cpu = [], []
            for service, doc in provs:
                t, c = time.perf_counter(), time.process_time()
                got = compare_provision(url, service, doc, category, catch_up=False)
                times.append((time.perf_counter() - t) * 1000)
                cpu.append((time.process_time() - c) * 1000)
                if provs.index((service, doc)) < args.brute:
                    t = time.perf_counter()
                    brute = brute_force(url, service, doc, category)
                    brute_all.append((time.perf_counter() - t) * 1000)
                    checked += 1
                    mismatches += [e.service for e in got.examples] != brute
            everything += times
            cpu_all += cpu
            bt = brute_all[-min(args.brute, len(provs)) :]
            print(
                f"  {backend:10s} {category:27s} p50 {pct(times, 50):6.1f}  p95 {pct(times, 95):6.1f}  "
                f"(this process's CPU p50 {pct(cpu, 50):5.1f})   "
                f"brute force p50 {pct(bt, 50):7.1f}  p95 {pct(bt, 95):7.1f}"
            )
        print(
            f"{backend}: all {len(everything)} queries p50 {pct(everything, 50):.1f} ms, p95 {pct(everything, 95):.1f} ms, "
            f"max {max(everything):.1f} ms (this process's CPU: p50 {pct(cpu_all, 50):.1f}, p95 {pct(cpu_all, 95):.1f}); "
            f"brute force p50 {pct(brute_all, 50):.1f} ms "
            f"({pct(brute_all, 50) / pct(everything, 50):.1f}x the engine); "
            f"{checked - mismatches}/{checked} show the same services as the brute force"
        )
    print(json.dumps({"note": "wall times on a shared machine; target: a query under 50 ms"}))


if __name__ == "__main__":
    main()
