"""Token economy of ``--analyzer llm`` on the bundled real pairs (no model calls).

For every pair in ``evals/data/ota/`` this builds the requests the analyzer would send and counts
their prompt tokens (messages with chat framing, plus the JSON schema), against two peers measured
in the same run:

- **full**: both full documents in one prompt (the same system prompt and schema, the template's
  instructions, the old and the new text);
- **floor**: the fixed prompt (system prompt, the template's instructions, the schema) plus the
  changed words alone (added and removed words of every hunk worth sending: page furniture and
  link-target edits excluded, as the analyzer excludes them).

Map-reduce pairs also send a reduce request whose input is the map answers; without a model those
are stood in for by the offline analyzer's provisions of each chunk (same fields, same quotes).
Pairs whose diff is cosmetic only send nothing and are counted apart.

    python bench/token_economy.py [--model gpt-4o-mini] [--prompt change_record@v1] [--chunk-tokens N]
                                  [--pairs DIR] [--per-pair]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer.analyzers import AnalysisOptions  # noqa: E402
from summarizer.analyzers.llm.analyzer import LLMAnalyzer, Plan
from summarizer.analyzers.llm.output import ModelChange, ModelFindings
from summarizer.analyzers.rules.analyzer import RulesAnalyzer
from summarizer.api import diff_documents, load_pair
from summarizer.llm.cache import canonical_json  # noqa: E402
from summarizer.llm.client import ChatRequest  # noqa: E402
from summarizer.llm.tokens import count_message_tokens, count_tokens  # noqa: E402
from summarizer.model.diff import DiffResult, Hunk
from summarizer.text.extract import word_edits


def _schema_spec(req: ChatRequest) -> dict | None:
    """What the request sends about its output: ``{"name", "schema"}`` or a JSON-mode response format."""
    return req.json_schema or (req.extra or {}).get("response_format")


def schema_tokens(req: ChatRequest, model: str) -> int:
    """Tokens of the request's output schema, counted as its JSON text (0 when none is sent)."""
    spec = _schema_spec(req)
    return count_tokens(canonical_json(spec), model) if spec else 0


def _without_keys(node, keys=("required", "additionalProperties", "$schema")):
    if isinstance(node, dict):
        return {k: _without_keys(v, keys) for k, v in node.items() if k not in keys}
    if isinstance(node, list):
        return [_without_keys(v, keys) for v in node]
    return node


def schema_tokens_estimate(req: ChatRequest, model: str) -> int:
    """OpenAI's count of a structured-output schema as fitted to real usage by a user of its API
    (openai-cookbook issue #2140: the schema's JSON without "required", "additionalProperties" and
    "$schema", plus 9): a third-party estimate, not a published rule."""
    schema = (_schema_spec(req) or {}).get("schema")
    return count_tokens(json.dumps(_without_keys(schema), separators=(",", ":")), model) + 9 if schema else 0


def request_tokens(req: ChatRequest, model: str) -> int:
    """Prompt tokens of a request: messages with chat framing, plus the schema when one is sent."""
    return count_message_tokens(req.messages, model) + schema_tokens(req, model)


def changed_words(hunks: list[Hunk]) -> str:
    """The words that changed: added and removed words of *hunks*."""
    out: list[str] = []
    for h in hunks:
        if h.kind in ("added", "removed"):
            out.append(h.new_text if h.kind == "added" else h.old_text)
            continue
        for e in word_edits(h.old_text, h.new_text):
            out += [h.old_text[e.old[0] : e.old[1]], h.new_text[e.new[0] : e.new[1]]]
    return " ".join(w for w in out if w.strip())


def stand_in_findings(analyzer: LLMAnalyzer, plan: Plan, diff: DiffResult) -> list[ModelFindings]:
    """Per chunk, the offline analyzer's provisions of the chunk's hunks, shaped like map answers."""
    record = RulesAnalyzer(max_changes=10_000).analyze(diff)
    findings = []
    for chunk in plan.chunks:
        ids = set(chunk.hunk_ids)
        changes = [
            ModelChange(
                **{k: v for k, v in c.model_dump().items() if k in ModelChange.model_fields and v is not None}
            )
            for c in record.changes
            if ids & set(c.hunk_ids)
        ]
        findings.append(ModelFindings(changes=changes, interpretive_note=None))
    return findings


def measure(analyzer: LLMAnalyzer, diff: DiffResult) -> dict:
    model = analyzer.model
    plan = analyzer.plan(diff)
    fixed_user = analyzer.prompt.render(
        "map", final=True, part=1, parts=1, changes="", max_changes=analyzer.max_changes
    )
    final = analyzer.request(fixed_user, analyzer.final_schema)
    fixed, schema, schema_est = (
        request_tokens(final, model),
        schema_tokens(final, model),
        schema_tokens_estimate(final, model),
    )
    # The floor counts the hunks worth sending (page furniture and link-target edits excluded, as the
    # analyzer does), which makes it lower, and the ratio to it stricter, than counting every hunk.
    floor = fixed + count_tokens(changed_words(plan.hunks), model)
    full_user = analyzer.prompt.render(
        "map",
        final=True,
        part=1,
        parts=1,
        max_changes=analyzer.max_changes,
        changes=f'<document_excerpt version="old">\n{diff.old.text}\n</document_excerpt>\n'
        f'<document_excerpt version="new">\n{diff.new.text}\n</document_excerpt>',
    )
    full = request_tokens(analyzer.request(full_user, analyzer.final_schema), model)
    sent, calls, sent_schema, sent_schema_est = 0, 0, 0, 0
    if plan.mode != "none":
        reqs = analyzer.first_requests(plan)
        if plan.mode == "map_reduce":
            reqs.append(analyzer.reduce_request(stand_in_findings(analyzer, plan, diff)))
        sent, calls = sum(request_tokens(r, model) for r in reqs), len(reqs)
        sent_schema = sum(schema_tokens(r, model) for r in reqs)
        sent_schema_est = sum(schema_tokens_estimate(r, model) for r in reqs)
    return {
        "mode": plan.mode,
        "calls": calls,
        "sent": sent,
        "full": full,
        "floor": floor,
        "fixed": fixed,
        "schema": schema,
        "sent_schema": sent_schema,
        "schema_est": schema_est,
        "sent_schema_est": sent_schema_est,
        "chunks": len(plan.chunks),
    }


def schema_counted(row: dict, how: str) -> dict:
    """The same row with the schema counted another way: ``grammar`` (a server that enforces it
    as a grammar, llama.cpp, vLLM, Ollama: not in the prompt at all) or ``estimate`` (OpenAI, by
    :func:`schema_tokens_estimate`), on both sides of the comparison."""
    one, each = (0, 0) if how == "grammar" else (row["schema_est"], row["sent_schema_est"])
    return {
        **row,
        "sent": row["sent"] - row["sent_schema"] + each,
        "full": row["full"] - row["schema"] + one,
        "floor": row["floor"] - row["schema"] + one,
        "fixed": row["fixed"] - row["schema"] + one,
    }


def fixed_for_median(called: list[dict], target: float) -> int:
    """The largest fixed prompt (tokens per call) at which the median of full / sent would reach
    *target*, the excerpts staying as they are (every call and the full-document peer carry it)."""

    def median_at(fixed: int) -> float:
        return statistics.median(
            (r["full"] - r["fixed"] + fixed) / (r["sent"] - r["calls"] * (r["fixed"] - fixed)) for r in called
        )

    lo, hi = 0, called[0]["fixed"]
    if median_at(lo) < target:
        return 0
    while lo < hi:
        mid = (lo + hi + 1) // 2
        lo, hi = (mid, hi) if median_at(mid) >= target else (lo, mid - 1)
    return lo


def _q(values: list[float], q: float) -> float:
    values = sorted(values)
    k = (len(values) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def _dist(values: list[float]) -> str:
    return (
        f"min {min(values):,.0f}  p25 {_q(values, 0.25):,.0f}  median {statistics.median(values):,.0f}  "
        f"p75 {_q(values, 0.75):,.0f}  p90 {_q(values, 0.9):,.0f}  max {max(values):,.0f}"
    )


def _rdist(values: list[float]) -> str:
    return (
        f"min {min(values):.2f}  p25 {_q(values, 0.25):.2f}  median {statistics.median(values):.2f}  "
        f"p75 {_q(values, 0.75):.2f}  p90 {_q(values, 0.9):.2f}  max {max(values):.2f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=Path, default=ROOT / "evals" / "data" / "ota")
    parser.add_argument("--model", default="gpt-4o-mini")
    parser.add_argument(
        "--prompt", default=None, help="prompt NAME@VERSION (default: the newest change_record)"
    )
    parser.add_argument("--chunk-tokens", type=int, default=None)
    parser.add_argument("--context", type=int, default=None, help="unchanged sentences kept around a change")
    parser.add_argument("--per-pair", action="store_true", help="print one line per pair")
    args = parser.parse_args(argv)

    options = AnalysisOptions(
        model=args.model, prompt=args.prompt, chunk_tokens=args.chunk_tokens, context_sentences=args.context
    )
    analyzer = LLMAnalyzer(options)
    started = time.perf_counter()
    rows = []
    for folder in sorted(p for p in args.pairs.iterdir() if (p / "old.md").exists()):
        try:
            diff = diff_documents(*load_pair(folder / "old.md", folder / "new.md"))
        except Exception as exc:  # identical pair (NoChange) or unreadable: nothing to send
            print(f"skip {folder.name}: {exc}", file=sys.stderr)
            continue
        row = measure(analyzer, diff)
        row["pair"] = folder.name
        rows.append(row)
        if args.per_pair:
            ratio = (
                f"{row['full'] / row['sent']:6.1f}x  {row['sent'] / row['floor']:4.2f}"
                if row["sent"]
                else "     -      -"
            )
            print(
                f"{folder.name[:58]:58} {row['mode']:10} calls {row['calls']:2}  sent {row['sent']:7,}  "
                f"full {row['full']:7,}  floor {row['floor']:6,}  {ratio}"
            )
    called = [r for r in rows if r["sent"]]
    fewer = [r["full"] / r["sent"] for r in called]
    vs_floor = [r["sent"] / r["floor"] for r in called]
    print(
        f"\nToken economy of --analyzer llm ({args.model}, chunk budget {analyzer.chunk_tokens}, prompt "
        f"{analyzer.prompt.identity}) on {len(rows)} real pairs, {time.perf_counter() - started:.1f}s"
    )
    print(
        f"pairs sending nothing (cosmetic only): {len(rows) - len(called)}; one call: "
        f"{sum(r['mode'] == 'single' for r in called)}; map-reduce: {sum(r['mode'] == 'map_reduce' for r in called)}"
    )
    print(f"fixed prompt (system + instructions + schema): {called[0]['fixed']:,} tokens")
    print(f"tokens sent per record      {_dist([r['sent'] for r in called])}")
    print(f"both full documents         {_dist([r['full'] for r in called])}")
    print(f"floor (changed words+fixed) {_dist([r['floor'] for r in called])}")
    print(f"full / sent (x fewer)       {_rdist(fewer)}")
    print(f"full / floor (the ceiling)  {_rdist([r['full'] / r['floor'] for r in called])}")
    print(f"sent / floor                {_rdist(vs_floor)}")
    total_full, total_sent = sum(r["full"] for r in called), sum(r["sent"] for r in called)
    print(
        f"pairs that call the model, together: {total_sent:,} sent vs {total_full:,} full "
        f"({total_full / total_sent:.1f}x fewer)"
    )
    every_full = sum(r["full"] for r in rows)
    print(
        f"all {len(rows)} records (cosmetic ones send nothing): median sent {statistics.median(r['sent'] for r in rows):,.0f} "
        f"vs median full {statistics.median(r['full'] for r in rows):,.0f}; together {total_sent:,} vs {every_full:,} "
        f"({every_full / total_sent:.1f}x fewer)"
    )
    median_fewer, median_floor = statistics.median(fewer), statistics.median(vs_floor)
    within = sum(v <= 2 for v in vs_floor)
    print(
        f"target median >= 10x fewer than full documents, over records that call the model: {median_fewer:.1f}x "
        f"{'MET' if median_fewer >= 10 else 'NOT MET'} (the floor itself allows {statistics.median(r['full'] / r['floor'] for r in called):.1f}x)"
    )
    print(
        f"target within 2x of floor + fixed prompt: median {median_floor:.2f}x, {within}/{len(vs_floor)} pairs "
        f"{'MET' if median_floor <= 2 else 'NOT MET'}"
    )
    if median_fewer < 10:
        need = fixed_for_median(called, 10.0)
        print(
            f"with these excerpts, a median of 10x needs a fixed prompt of at most {need:,} tokens per call "
            f"(now {called[0]['fixed']:,}; the output schema alone is {called[0]['schema']:,})"
        )
    # The figures above count the schema as its JSON text. How OpenAI's structured outputs render it
    # into the prompt is not published (a user's fit to real usage is the estimate below); a server
    # that enforces the schema as a grammar (llama.cpp, vLLM, Ollama) puts none of it in the prompt.
    views = {}
    for how, label in (
        ("estimate", "OpenAI, schema estimated from real usage (openai-cookbook#2140)"),
        ("grammar", "schema as a grammar, not prompt text (llama.cpp, vLLM, Ollama)"),
    ):
        rows_ = [schema_counted(r, how) for r in called]
        v_fewer = statistics.median(r["full"] / r["sent"] for r in rows_)
        v_floor = statistics.median(r["sent"] / r["floor"] for r in rows_)
        views[how] = (round(v_fewer, 2), round(v_floor, 3))
        print(
            f"{label}: fixed prompt {rows_[0]['fixed']:,} tokens; median {v_fewer:.1f}x fewer than full documents "
            f"({'MET' if v_fewer >= 10 else 'NOT MET'}), {v_floor:.2f}x the floor ({'MET' if v_floor <= 2 else 'NOT MET'})"
        )
    if args.per_pair:
        print(
            json.dumps(
                {
                    "median_fewer": round(median_fewer, 2),
                    "median_vs_floor": round(median_floor, 3),
                    **{f"{how}_median_fewer_vs_floor": v for how, v in views.items()},
                }
            )
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
