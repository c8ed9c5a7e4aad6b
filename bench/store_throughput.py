"""Store throughput: ingest and track a generated history of >= 1,000 versions, on SQLite and PostgreSQL.

Usage: python bench/store_throughput.py [--documents 10] [--versions 100] [--repeats 3] [--latency-ms 100]
                                        [--max-chars 30000] [--pg-url URL]

The history: --documents bundled Open Terms Archive documents (evals/data/ota, old.md of each
pair), each evolved into --versions successive versions by small realistic edits (a promise
hedged, partners added, a sentence dropped, a period changed, a clause added, a cosmetic
touch; see summarizer/store/synthetic.py), written as a git repository in OTA layout with one
commit per version.

Measured in this run, each against its peer:
- ingest: the git repository into an empty database (SQLite file, PostgreSQL), then again (the
  no-op re-ingest);
- track with the offline rules analyzer: one `summarizer track` process on SQLite, one on
  PostgreSQL, then two `summarizer track` processes at once on a fresh copy of the PostgreSQL
  database (as two machines would share it). The ratio one/two processes is the speed-up;
- the same one-versus-two comparison for one service's documents with --latency-ms of simulated
  model latency per pair (a sleep before the rules analyzer, as an llm run waits on its endpoint),
  which shows how the shared queue scales when the analysis does not saturate the CPUs.

Every run is checked: each consecutive pair has exactly one record. Each `summarizer track`
process runs this checkout's code with one worker (--workers 1: the processes are the parallelism
measured); the machine's load is printed beside each section, since figures taken on a loaded
machine understate both throughput and the two-process speed-up. The synthetic pairs are cheap
(small edits of short documents): a real pair costs several times more, so pairs/s here is an
upper bound; bench/track_workers.py measures track on a real 80-version history.

A throwaway PostgreSQL cluster is started (initdb/pg_ctl) unless --pg-url names a server.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OTA = ROOT / "evals" / "data" / "ota"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from measure import checkout_env, machine  # noqa: E402


def build_history(documents: int, versions: int, max_chars: int) -> list[tuple[str, str, datetime, str]]:
    from summarizer.testing.synthetic import evolve

    commits = []
    picked = 0
    for folder in sorted(OTA.iterdir()):
        base = (folder / "old.md").read_text(encoding="utf-8")
        if len(base) > max_chars or len(base) < 3000:
            continue
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        start = datetime(2018, 1, 1, tzinfo=UTC) + timedelta(days=picked)
        commits.append((meta["service"], meta["document_type"], start, base))
        for v in evolve(base, versions - 1, seed=picked, start=start):
            commits.append((meta["service"], meta["document_type"], v.when, v.text))
        picked += 1
        if picked == documents:
            break
    if picked < documents:
        raise SystemExit(f"only {picked} bundled documents are at most {max_chars} characters long")
    return commits


def timed_ingest(url: str, repo: Path) -> tuple[float, int]:
    from summarizer.store.db import open_engine
    from summarizer.store.ingest import ingest_path

    open_engine(url)  # schema creation is not part of the figure
    started = time.perf_counter()
    summary = ingest_path(url, repo)
    return time.perf_counter() - started, summary.added


LATENCY_RUNNER = """
import sys, time
import summarizer.api as pipeline
_analyze, _latency = pipeline.analyze, float(sys.argv.pop(1))
def analyze(*args, **kwargs):
    time.sleep(_latency)  # what waiting on a model endpoint costs, without using the CPU
    return _analyze(*args, **kwargs)
pipeline.analyze = analyze
from summarizer.cli import main
main(sys.argv[1:])
"""


def run_trackers(
    url: str, processes: int, *extra: str, latency: float = 0.0
) -> tuple[float, list[dict], float]:
    """*processes* independent `summarizer track` processes at once: wall time, their summaries, their CPU time.

    ``latency`` > 0 adds that many seconds of waiting per pair (a stand-in for a model endpoint).
    """
    env = checkout_env()  # this checkout's code (PYTHONPATH), not whatever is installed
    command = [sys.executable, "-m", "summarizer"]
    if latency:
        command = [sys.executable, "-c", LATENCY_RUNNER, str(latency)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    procs = [
        subprocess.Popen(
            [*command, "track", "--db", url, "--format", "json", "--no-progress", "--workers", "1", *extra],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(processes)
    ]
    summaries = []
    for proc in procs:
        out, err = proc.communicate()
        if proc.returncode != 0:
            raise SystemExit(f"summarizer track failed ({proc.returncode}): {err.strip()}")
        summaries.append(json.loads(out))
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, summaries, cpu


def check_exactly_one(url: str) -> tuple[int, int, int]:
    """(consecutive pairs, pairs without a record, pairs with more than one)."""
    from sqlalchemy import text

    from summarizer.store.db import get_engine

    with get_engine(url).connect() as conn:
        versions = conn.execute(
            text("SELECT id, document_id FROM versions ORDER BY document_id, captured_at, id")
        ).all()
        counts = dict(
            ((o, n), c)
            for o, n, c in conn.execute(
                text("SELECT old_version_id, new_version_id, count(*) FROM change_records GROUP BY 1, 2")
            ).all()
        )
    pairs = [(a[0], b[0]) for a, b in zip(versions, versions[1:]) if a[1] == b[1]]
    return len(pairs), sum(1 for p in pairs if p not in counts), sum(1 for c in counts.values() if c > 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=10)
    parser.add_argument("--versions", type=int, default=100, help="versions per document")
    parser.add_argument("--max-chars", type=int, default=30_000, help="largest bundled document to use")
    parser.add_argument(
        "--repeats", type=int, default=3, help="tracking runs per configuration (best and median shown)"
    )
    parser.add_argument(
        "--latency-ms",
        type=float,
        default=100.0,
        help="also track one service with this simulated model latency per pair (0: skip)",
    )
    parser.add_argument(
        "--pg-url", default=None, help="an existing PostgreSQL server (default: a throwaway cluster)"
    )
    args = parser.parse_args()

    from summarizer.testing.pgcluster import TempCluster
    from summarizer.testing.synthetic import write_ota_repo

    work = Path(tempfile.mkdtemp(prefix="store-bench-"))
    commits = build_history(args.documents, args.versions, args.max_chars)
    started = time.perf_counter()
    repo = work / "ota"
    write_ota_repo(repo, commits)
    chars = sum(len(c[3]) for c in commits)
    print(
        f"history: {len(commits)} versions of {args.documents} documents "
        f"({chars / len(commits) / 1000:.1f}k characters each on average), "
        f"git repository written in {time.perf_counter() - started:.1f}s"
    )
    print(
        f"machine: {os.cpu_count()} CPUs, load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} at start"
    )

    cluster = None
    if not args.pg_url:
        cluster = TempCluster()
        cluster.start()

    def admin(sql: str) -> None:
        if cluster is not None:
            cluster.admin(sql)
            return
        import psycopg

        with psycopg.connect(args.pg_url, autocommit=True) as conn:
            conn.execute(sql)

    def pg_url(name: str) -> str:
        return cluster.url(name) if cluster is not None else args.pg_url.rsplit("/", 1)[0] + f"/{name}"

    def pg_copy(template: str, name: str) -> str:
        from summarizer.store.db import get_engine

        get_engine(pg_url(template)).dispose()  # a template must have no open connections
        admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin(f"CREATE DATABASE {name} TEMPLATE {template}")
        return pg_url(name)

    try:
        sqlite_base = work / "base.db"
        admin("DROP DATABASE IF EXISTS bench_base WITH (FORCE)")
        admin("CREATE DATABASE bench_base")
        print(f"\ningest (git history -> store; re-ingest is the no-op second pass; {machine()})")
        speeds = {}
        for name, url in (("sqlite", f"sqlite:///{sqlite_base}"), ("postgresql", pg_url("bench_base"))):
            seconds, added = timed_ingest(url, repo)
            again, _ = timed_ingest(url, repo)
            speeds[name] = added / seconds
            print(
                f"  {name:<11} {added:5d} versions in {seconds:6.2f}s = {added / seconds:7.1f} versions/s;"
                f" re-ingest {again:5.2f}s = {len(commits) / again:7.1f} versions/s"
            )
        print(f"  sqlite/postgresql ingest speed: {speeds['sqlite'] / speeds['postgresql']:.2f}x")

        print(
            f"\ntrack (rules analyzer; whole `summarizer track` processes; {args.repeats} runs each, interleaved,"
            " every run on a fresh copy of the ingested database)"
        )
        configs = (
            ("sqlite, 1 process", "sqlite", 1),
            ("postgresql, 1 process", "postgresql", 1),
            ("postgresql, 2 processes", "postgresql", 2),
        )
        times: dict[str, list[float]] = {name: [] for name, _, _ in configs}
        pairs = 0
        for rep in range(args.repeats):
            for name, backend, processes in configs:
                if backend == "sqlite":
                    from summarizer.store.db import get_engine

                    get_engine(f"sqlite:///{sqlite_base}").dispose()  # the last close checkpoints the WAL
                    copy = work / f"run{rep}.db"
                    shutil.copyfile(sqlite_base, copy)
                    url = f"sqlite:///{copy}"
                else:
                    url = pg_copy("bench_base", f"bench_run_{rep}_{processes}")
                seconds, summaries, cpu = run_trackers(url, processes)
                made = sum(s["made"] for s in summaries)
                pairs, missing, duplicated = check_exactly_one(url)
                if not pairs or made != pairs or missing or duplicated:
                    raise SystemExit(
                        f"{name}: {made} records for {pairs} pairs, {missing} missing, {duplicated} duplicated"
                    )
                times[name].append(seconds)
                split = " + ".join(str(s["made"]) for s in summaries)
                print(
                    f"  run {rep + 1}  {name:<24} {made:5d} records ({split}) in {seconds:6.1f}s"
                    f" = {made / seconds:6.1f} pairs/s; tracker CPU {cpu:5.1f}s"
                    f" ({cpu / made * 1000:4.1f} ms/pair)  [every pair exactly one record]",
                    flush=True,
                )
        print(f"\n  summary over {pairs} pairs (best / median of {args.repeats}; {machine()}):")
        best = {k: min(v) for k, v in times.items()}
        median = {k: statistics.median(v) for k, v in times.items()}
        for name in times:
            print(f"    {name:<24} {pairs / best[name]:6.1f} / {pairs / median[name]:6.1f} pairs/s")
        one, two = "postgresql, 1 process", "postgresql, 2 processes"
        print(
            f"    speed-up of 2 processes over 1 on postgresql: {best[one] / best[two]:.2f}x best, "
            f"{median[one] / median[two]:.2f}x median"
        )
        print(f"    sqlite/postgresql, 1 process: {best[one] / best['sqlite, 1 process']:.2f}x best")
        print(
            "    (tracker CPU is the client processes only; the PostgreSQL server's CPU comes on top, on the same"
            " machine here)"
        )

        if args.latency_ms:
            service = commits[0][0]
            print(
                f"\ntrack with {args.latency_ms:.0f} ms of simulated model latency per pair (the rules analyzer plus a"
                f" sleep, as an llm run waits on its endpoint), documents of {service!r} only, on postgresql"
            )
            lat: dict[int, list[float]] = {1: [], 2: []}
            for rep in range(args.repeats):
                for processes in (1, 2):
                    url = pg_copy("bench_base", f"bench_lat_{rep}_{processes}")
                    seconds, summaries, cpu = run_trackers(
                        url, processes, "--service", service, latency=args.latency_ms / 1000
                    )
                    made = sum(s["made"] for s in summaries)
                    duplicated = check_exactly_one(url)[2]
                    if made != summaries[0]["pairs"] or duplicated:
                        raise SystemExit(
                            f"latency run: {made} records for {summaries[0]['pairs']} pairs, "
                            f"{duplicated} duplicated"
                        )
                    lat[processes].append(seconds)
                    print(
                        f"  run {rep + 1}  {processes} process{'es' if processes > 1 else '  '} {made:4d} records"
                        f" ({' + '.join(str(s['made']) for s in summaries)}) in {seconds:5.1f}s"
                        f" = {made / seconds:5.1f} pairs/s",
                        flush=True,
                    )
            print(
                f"    speed-up of 2 processes over 1: {min(lat[1]) / min(lat[2]):.2f}x best, "
                f"{statistics.median(lat[1]) / statistics.median(lat[2]):.2f}x median"
            )
        print(f"  load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    finally:
        if cluster is not None:
            cluster.stop()


if __name__ == "__main__":
    main()
