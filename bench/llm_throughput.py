"""Throughput of the LLM client against a loopback OpenAI-compatible server.

Two figures, both measured in the same run against the same fake server (per-request latency,
no network):

1. Rate limit: ``complete_many`` with ``--rpm`` and more concurrency than the limit needs; the
   achieved request starts per minute against the limit (target: at least 90%, never above).
2. Concurrency: the same batch without a rate limit, sequential ``complete()`` calls (the peer)
   against ``complete_many`` with ``--concurrency``; the speed-up.

Every call goes through the full client: retries wrapper, call log in SQLite (cache reads off so
each request really reaches the server), token and cost accounting. The server runs in a child
process so it does not share the client's interpreter lock; request arrival times are the
server's own (``GET /_fake/stats``).

    python bench/llm_throughput.py                      # 200 requests, 600 rpm, 50 ms latency
    python bench/llm_throughput.py --requests 60 --rpm 1200 --latency 0.02
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from summarizer.llm import ChatRequest, LLMClient  # noqa: E402
from summarizer.store.model_calls import ModelCallStore  # noqa: E402
from summarizer.testing.fake_openai import FakeOpenAIServer, ScriptedResponse, chat_completion  # noqa: E402


def reply(body: dict) -> ScriptedResponse:
    return ScriptedResponse(200, chat_completion('{"answer": "ok"}', completion_tokens=5))


def batch(n: int, tag: str) -> list[ChatRequest]:
    return [
        ChatRequest(
            messages=[
                {"role": "system", "content": "Summarise the change in JSON."},
                {"role": "user", "content": f"[{tag} {i}] The company may now share data with partners."},
            ],
            model="gpt-4o-mini",
            max_tokens=200,
        )
        for i in range(n)
    ]


def serve(conn, latency: float) -> None:
    """Child process: run the fake server until the parent says stop."""
    with FakeOpenAIServer(responder=reply, latency=latency) as server:
        conn.send(server.base_url)
        conn.recv()


class RemoteServer:
    """The fake server in a child process, with its stats over HTTP."""

    def __init__(self, latency: float) -> None:
        self._conn, child = multiprocessing.Pipe()
        self._proc = multiprocessing.get_context("fork").Process(
            target=serve, args=(child, latency), daemon=True
        )
        self._proc.start()
        self.base_url: str = self._conn.recv()

    def stats(self) -> dict:
        import httpx

        return httpx.get(self.base_url + "/_fake/stats").json()

    def stop(self) -> None:
        if self._proc.is_alive():
            self._conn.send("stop")
            self._proc.join(timeout=10)


def client(server: RemoteServer, db_url: str, **kwargs) -> LLMClient:
    return LLMClient(
        model="gpt-4o-mini",
        base_url=server.base_url,
        api_key="sk-bench",
        call_log=ModelCallStore(db_url),
        use_cache=False,
        **kwargs,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--rpm", type=int, default=600)
    parser.add_argument("--latency", type=float, default=0.05, help="server latency per request, seconds")
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()

    home = tempfile.mkdtemp(prefix="summarizer-bench-")
    os.environ["SUMMARIZER_HOME"] = home
    db_url = f"sqlite:///{home}/bench.db"
    n = args.requests

    server = RemoteServer(args.latency)
    try:
        client(server, db_url).complete(batch(1, "warm-up")[0])  # imports, connection, tables

        # 1. Rate limit.
        before = len(server.stats()["chat_starts"])
        limited = client(server, db_url, rpm=args.rpm, concurrency=args.concurrency)
        t0 = time.perf_counter()
        limited.complete_many(batch(n, "rpm"))
        wall = time.perf_counter() - t0
        starts = sorted(server.stats()["chat_starts"][before:])
        span = starts[-1] - starts[0]
        achieved = (len(starts) - 1) / span * 60 if span > 0 else float("inf")
        gaps = [b - a for a, b in zip(starts, starts[1:])]
        window = 6.0  # the busiest 6 s, scaled to a minute: shows no burst above the limit
        busiest = max(sum(1 for s in starts[i:] if s < start + window) for i, start in enumerate(starts))

        # 2. Concurrency speed-up, no rate limit (a fresh server, so its peak concurrency is this phase's).
        server.stop()
        server = RemoteServer(args.latency)
        client(server, db_url).complete(batch(1, "warm-up-2")[0])
        sequential = client(server, db_url, concurrency=1)
        t0 = time.perf_counter()
        for req in batch(n, "seq"):
            sequential.complete(req)
        t_seq = time.perf_counter() - t0
        concurrent = client(server, db_url, concurrency=args.concurrency)
        t0 = time.perf_counter()
        concurrent.complete_many(batch(n, "conc"))
        t_conc = time.perf_counter() - t0
        in_flight = server.stats()["max_in_flight"]
    finally:
        server.stop()

    print(
        f"fake server: 127.0.0.1 (child process), latency {args.latency * 1000:.0f} ms/request; {n} requests per phase"
    )
    print()
    print(f"rate limit   {args.rpm} rpm, concurrency {args.concurrency}")
    print(
        f"  achieved   {achieved:.1f} requests/minute between first and last start = {achieved / args.rpm:.1%} of the limit"
    )
    print(f"  wall clock {n / wall * 60:.1f} requests/minute over {wall:.2f} s (includes the last response)")
    print(
        f"  spacing    median {statistics.median(gaps) * 1000:.1f} ms, min {min(gaps) * 1000:.1f} ms (limit interval {60000 / args.rpm:.1f} ms)"
    )
    if span > window:
        print(f"  busiest {window:.0f} s window: {busiest} starts = {busiest * 60 / window:.0f} rpm")
    print()
    print("concurrency  no rate limit")
    print(
        f"  sequential complete()          {t_seq:.2f} s  ({n / t_seq:.1f} req/s; client overhead {(t_seq / n - args.latency) * 1000:.1f} ms/call)"
    )
    print(
        f"  complete_many concurrency {args.concurrency:<3} {t_conc:.2f} s  ({n / t_conc:.1f} req/s), max {in_flight} in flight"
    )
    print(f"  speed-up   {t_seq / t_conc:.2f}x (ideal {min(args.concurrency, n)}x)")


if __name__ == "__main__":
    main()
