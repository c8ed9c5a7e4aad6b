"""What the offline compliance analysis adds to a ``compare``, now and with the round-4 code as the peer.

For every bundled pair (evals/data/ota and examples/), in one process, interleaved and repeated
(each figure the fastest of ``--repeat`` runs, so another process's burst does not count):

- ``compare`` alone, as the CLI runs it (``compare_files(..., plain=True)``);
- ``compare --compliance`` with this checkout's code, and with the round-4 versions of the functions
  round 5 replaced (``bench/compliance_peer.py``): added time = that minus ``compare`` alone;
- the compliance analysis alone (``analyze_compliance`` on the compare's record and diff: round 6 reads
  the diff's hunks too), new and peer: the same quantity without the compare's noise.

Both versions must give the same section on every pair (checked; the bench stops otherwise). Printed:
median, p95 and max of each, the slowest pair, and the ratios peer / new. The once-per-process costs
of ``--compliance`` (importing the package, parsing the regulation table) are measured in fresh
interpreters and printed apart: a one-shot CLI compare pays them once; and ``--cli N`` times one-shot
CLI runs (fresh interpreters, fastest of N) on three pairs, small to largest, with and without it.

    python bench/compliance_bench.py [--repeat 3] [--only NAME]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the checkout's code, whatever is installed
sys.path.insert(0, str(ROOT / "bench"))

from compliance_peer import round4_code  # noqa: E402
from output_snapshot import pairs  # noqa: E402

from summarizer.api import analyze, compare_files, load_pair  # noqa: E402
from summarizer.compliance import analyze_compliance, load_table  # noqa: E402
from summarizer.diffing.engine import diff_documents  # noqa: E402

# CPU time by default: the work is single-threaded, so on a quiet machine it is the wall time, and on a
# shared one it leaves out the waits for a core (``--clock wall`` to time the wall clock instead).
CLOCK = {"cpu": time.process_time, "wall": time.perf_counter}
clock = CLOCK["cpu"]


def _best(fn: Callable[[], object], timings: list[float]) -> object:
    """Run *fn*, append its time (ms) to *timings*, return its result."""
    t0 = clock()
    out = fn()
    timings.append((clock() - t0) * 1000)
    return out


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _once_per_process(runs: int = 5) -> tuple[float, float, float]:
    """Fastest (import of summarizer.compliance, first table load, round-4 table load: the YAML parsed,
    the yaml import included) in ms, each in a fresh interpreter."""
    code = (
        "import time, summarizer.api\n"
        "t0 = time.perf_counter()\n"
        "from summarizer.compliance import load_table, table\n"
        "t1 = time.perf_counter(); load_table(); t2 = time.perf_counter()\n"
        "print((t1 - t0) * 1000, (t2 - t1) * 1000)\n"
    )
    old_code = (
        "import time, summarizer.api\n"
        "from importlib import resources\n"
        "from summarizer.compliance import table\n"
        "text = resources.files('summarizer').joinpath('data/regulations.yaml').read_text(encoding='utf-8')\n"
        "t0 = time.perf_counter(); table.parse_table(text); print((time.perf_counter() - t0) * 1000)\n"
    )
    imports, tables, old_tables = [], [], []
    for _ in range(runs):
        a, b = map(float, _python(code).split())
        imports.append(a)
        tables.append(b)
        old_tables.append(float(_python(old_code)))
    return min(imports), min(tables), min(old_tables)


# One-shot CLI runs, each in a fresh interpreter: what a user typing ``compare --compliance`` waits for.
_CLI = (
    "import sys\n"
    "sys.path.insert(0, 'bench')\n"
    "from summarizer.cli import main\n"
    "argv = sys.argv[1:]\n"
    "if argv[0] == 'peer':\n"
    "    from compliance_peer import round4_code\n"
    "    from summarizer.compliance import table\n"
    "    table._from_sidecar = lambda text: None  # round 4 parsed the YAML\n"
    "    with round4_code():\n"
    "        main(argv[1:])\n"
    "else:\n"
    "    main(argv[1:])\n"
)
CLI_PAIRS = (
    "adsense-privacy-policy-2023-09-11-2023-09-28",
    "spotify-terms-of-service-2021-02-23-2021-09-01",
    "tousanticovid-privacy-policy-2025-10-20-2025-11-05",
)


def _cli(runs: int) -> None:
    """Fastest of *runs* one-shot ``compare`` runs without and with ``--compliance`` (new and round 4)."""
    import tempfile

    home = tempfile.mkdtemp(prefix="bench-home-")  # the user's state is not touched
    for name in CLI_PAIRS:
        d = ROOT / "evals" / "data" / "ota" / name
        base = ["compare", str(d / "old.md"), str(d / "new.md"), "--format", "json"]
        variants = {
            "compare": ["new", *base],
            "new": ["new", *base, "--compliance"],
            "round 4": ["peer", *base, "--compliance"],
        }
        best = dict.fromkeys(variants, float("inf"))
        for i in range(runs):
            order = list(variants)[i % 3 :] + list(variants)[: i % 3]
            for key in order:
                t0, c0 = time.perf_counter(), _children_cpu()
                subprocess.run(
                    [sys.executable, "-c", _CLI, *variants[key]],
                    check=True,
                    cwd=ROOT,
                    env={**_env(), "SUMMARIZER_HOME": home},
                    stdout=subprocess.DEVNULL,
                )
                took = _children_cpu() - c0 if clock is CLOCK["cpu"] else time.perf_counter() - t0
                best[key] = min(best[key], took * 1000)
        print(
            f"one-shot CLI ({'CPU' if clock is CLOCK['cpu'] else 'wall'}), {name}: compare {best['compare']:.0f} ms; "
            "--compliance adds "
            f"{best['new'] - best['compare']:.0f} ms (round 4: {best['round 4'] - best['compare']:.0f} ms)"
        )


def _children_cpu() -> float:
    """CPU seconds (user + system) of the finished child processes."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _python(code: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT, env=_env()
    ).stdout


def _env() -> dict[str, str]:
    import os

    return {**os.environ, "PYTHONPATH": str(ROOT)}


def _row(label: str, values: dict[str, float]) -> str:
    ms = list(values.values())
    slowest = max(values, key=values.__getitem__)
    return (
        f"{label:<34} median {statistics.median(ms):7.1f}  p95 {_p95(ms):7.1f}  max {max(ms):7.1f} ms"
        f"  (slowest: {slowest})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", help="only pairs whose name contains this")
    parser.add_argument("--cli", type=int, default=5, help="one-shot CLI runs per variant (0: none)")
    parser.add_argument(
        "--clock", choices=sorted(CLOCK), default="cpu", help="CPU time (default) or wall time"
    )
    args = parser.parse_args()
    global clock
    clock = CLOCK[args.clock]
    load_table()  # parsed once per process, as in a CLI run (measured apart below)
    todo = [p for p in pairs() if not args.only or args.only in p[0]]
    texts = {
        name: (old.read_text(encoding="utf-8"), new.read_text(encoding="utf-8")) for name, old, new in todo
    }
    t: dict[str, dict[str, list[float]]] = {
        k: {name: [] for name, _, _ in todo} for k in ("compare", "with_new", "with_peer", "new", "peer")
    }
    for round_ in range(-1, args.repeat):  # round -1 warms up (lazy patterns, caches), untimed
        for i, (name, old, new) in enumerate(todo if round_ >= 0 else todo[:1]):
            old_text, new_text = texts[name]
            cmp = partial(compare_files, old, new, plain=True)
            steps: list[tuple[str, Callable[[], object]]] = [
                ("compare", cmp),
                ("with_new", partial(cmp, compliance="offline")),
                ("with_peer", partial(_peer, partial(cmp, compliance="offline"))),
            ]
            shift = (round_ + i) % 3  # rotate the order: no variant always runs first
            sink = t if round_ >= 0 else {k: {name: []} for k in t}
            for key, fn in steps[shift:] + steps[:shift]:
                _best(fn, sink[key][name])
            diff = diff_documents(*load_pair(old, new))  # as compare_files builds it, kept for the reading
            analyse = partial(analyze_compliance, analyze(diff), old_text, new_text, diff=diff)
            new_section = _best(analyse, sink["new"][name])
            peer_section = _best(partial(_peer, analyse), sink["peer"][name])
            if new_section.model_dump_json() != peer_section.model_dump_json():  # type: ignore[attr-defined]
                sys.exit(f"{name}: the new code's compliance section differs from the round-4 code's")
    best = {k: {name: min(v) for name, v in per.items()} for k, per in t.items()}
    added_new = {n: best["with_new"][n] - best["compare"][n] for n in best["compare"]}
    added_peer = {n: best["with_peer"][n] - best["compare"][n] for n in best["compare"]}
    print(
        f"{len(todo)} pairs x {args.repeat} (fastest run of each, {args.clock} time); "
        "new and round-4 sections identical on all"
    )
    print(_row("compare alone", best["compare"]))
    print(_row("added by --compliance, new", added_new))
    print(_row("added by --compliance, round 4", added_peer))
    print(_row("analysis alone, new", best["new"]))
    print(_row("analysis alone, round 4", best["peer"]))
    for label, a, b in (("added", added_peer, added_new), ("analysis alone", best["peer"], best["new"])):
        old_ms, new_ms = list(a.values()), list(b.values())
        print(
            f"ratio round 4 / new, {label}: median {statistics.median(old_ms) / statistics.median(new_ms):.2f}"
            f"  p95 {_p95(old_ms) / _p95(new_ms):.2f}  max {max(old_ms) / max(new_ms):.2f}"
        )
    ratio = statistics.median([best["with_new"][n] / best["compare"][n] for n in best["compare"]])
    print(f"ratio (compare + compliance) / compare, new: median {ratio:.3f}")
    over = sorted(n for n, ms in added_new.items() if ms >= 50)
    print(f"pairs where --compliance adds 50 ms or more (new): {len(over)} {over if over else ''}")
    imports, table, old_table = _once_per_process()
    print(
        f"once per process (fresh interpreter, fastest of 5): import summarizer.compliance {imports:.1f} ms, "
        f"first regulation table load {table:.1f} ms (round 4, YAML: {old_table:.1f} ms, ratio "
        f"{old_table / table:.1f})"
    )
    if args.cli:
        _cli(args.cli)


def _peer(fn: Callable[[], object]) -> object:
    with round4_code():
        return fn()


if __name__ == "__main__":
    main()
