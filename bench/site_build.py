"""Site build: a full build for a store of 1,000 versions, and the incremental rebuild after one new record.

Usage: python bench/site_build.py [--documents 10] [--versions 100] [--max-chars 30000] [--repeats 3] [--db URL]

The store: --documents bundled Open Terms Archive documents (evals/data/ota, old.md of each pair),
each evolved into --versions successive versions by small realistic edits
(summarizer.testing.synthetic.evolve), ingested and tracked with the offline rules analyzer.

Measured in this run, against each other:
- full: `build_site` into an empty folder (every page, feed and the sitemap), --repeats times;
- incremental: one new version of one document is ingested and tracked (one new record), then
  `build_site` brings the same folder up to date; --repeats times, a new version each time;
- no-op: `build_site` again with nothing new.
Printed: the medians, the pages written by each kind of build, and the ratio full / incremental
(the target is an incremental rebuild under 1 s and at least 20x faster than a full build).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OTA = ROOT / "evals" / "data" / "ota"
sys.path.insert(0, str(ROOT))


def make_store(url: str, documents: int, versions: int, max_chars: int) -> list[tuple[str, str, str]]:
    """Ingest and track the synthetic history; returns (service, document, last text) per document."""
    from summarizer.store.ingest import Candidate, ingest_candidates
    from summarizer.testing.synthetic import evolve
    from summarizer.tracking import track

    picked: list[tuple[str, str, str]] = []
    candidates = []
    for folder in sorted(OTA.iterdir()):
        if len(picked) == documents:
            break
        base = (folder / "old.md").read_text(encoding="utf-8")
        if len(base) > max_chars or len(base) < 3000:
            continue
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        service = f"{meta['service']} {len(picked) + 1}"
        start = datetime(2018, 1, 1, tzinfo=UTC) + timedelta(days=len(picked))
        texts = [(start, base)] + [
            (v.when, v.text) for v in evolve(base, versions - 1, seed=len(picked), start=start)
        ]
        candidates += [Candidate(service, meta["document_type"], t, w, "bench") for w, t in texts]
        picked.append((service, meta["document_type"], texts[-1][1]))
    started = time.perf_counter()
    summary = ingest_candidates(url, candidates)
    print(
        f"ingested {summary.added} versions of {len(picked)} documents in {time.perf_counter() - started:.1f}s"
    )
    started = time.perf_counter()
    made = track(url, workers=2).made
    print(f"tracked {made} records (rules analyzer, 2 workers) in {time.perf_counter() - started:.1f}s")
    return picked


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10)
    parser.add_argument("--versions", type=int, default=100)
    parser.add_argument("--max-chars", type=int, default=30_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--db", default=None, help="A database URL (default: a fresh SQLite file)")
    args = parser.parse_args()

    from summarizer.site.build import build_site
    from summarizer.store.ingest import ingest_text
    from summarizer.tracking import track

    work = Path(tempfile.mkdtemp(prefix="site-bench-"))
    try:
        url = args.db or f"sqlite:///{work / 'store.db'}"
        docs = make_store(url, args.documents, args.versions, args.max_chars)
        full_times, full_written = [], 0
        for i in range(args.repeats):
            out = work / f"full-{i}"
            summary = build_site(url, out, full=True)
            full_times.append(summary.seconds)
            full_written = len(summary.written)
        site = work / f"full-{args.repeats - 1}"
        inc_times, inc_written = [], []
        service, document, text = docs[0]
        when = datetime(2030, 1, 1, tzinfo=UTC)
        for i in range(args.repeats):
            text = text.replace("We ", "We also ", 1) if "We " in text else text + f"\n\nNew clause {i}.\n"
            ingest_text(url, service, document, text, captured_at=when + timedelta(days=i))
            assert track(url).made == 1
            summary = build_site(url, site)
            assert not summary.full and summary.rebuilt_documents == 1
            inc_times.append(summary.seconds)
            inc_written.append(len(summary.written))
        noop = build_site(url, site)
        full, inc = statistics.median(full_times), statistics.median(inc_times)
        print(
            f"store: {args.documents * args.versions} versions, {summary.pages} pages in the site "
            f"({summary.documents} documents)"
        )
        print(f"full build:        {full:7.3f} s median of {args.repeats} ({full_written} files written)")
        print(
            f"incremental build: {inc:7.3f} s median of {args.repeats} after one new record "
            f"({statistics.median(inc_written):.0f} files written)"
        )
        print(f"no-op rebuild:     {noop.seconds:7.3f} s ({len(noop.written)} files written)")
        print(f"full / incremental: {full / inc:.1f}x (target: incremental < 1 s and >= 20x)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
