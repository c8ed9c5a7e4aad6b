"""An optional LLM judge: how faithful is a record's prose to the diff it describes?

Advisory, off by default (``summarizer eval run --judge``): the deterministic metrics are the gate.
The judge reads the changed passages (old and new text of each substantive hunk, delimited and
declared untrusted) and the record's own prose, and answers with structured output at
temperature 0: the unsupported claims, a one-line reason and a score from 1 to 5, mapped to 0..1
(5 → 1.0, 4 → 0.75 ...). A case passes the judge when the mean score reaches ``threshold``.

``repeat`` asks N times per case to show the judge's spread: the first ask is the plain request,
the others add ``seed = i`` so each is its own (cached) call. A re-run with unchanged prompt and
cases is served from the cache and makes no model call.
"""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from summarizer.errors import InputError, UpstreamError
from summarizer.evals.cases import Case

if TYPE_CHECKING:  # pragma: no cover
    from summarizer.llm import CallLog, LLMClient
    from summarizer.model.record import ChangeRecord

DEFAULT_PROMPT = "judge@v1"
MAX_PASSAGE_CHARS = 24_000  # the diff sent to the judge is cut here (and says so)
SCORES = (1, 2, 3, 4, 5)

JUDGE_SCHEMA: dict[str, Any] = {
    "name": "faithfulness_verdict",
    "schema": {
        "type": "object",
        "properties": {
            "unsupported_claims": {"type": "array", "items": {"type": "string"}},
            "reason": {"type": "string"},
            "score": {"type": "integer", "enum": list(SCORES)},
        },
        "required": ["unsupported_claims", "reason", "score"],
        "additionalProperties": False,
    },
}


@dataclass
class JudgeOptions:
    model: str | None = None
    base_url: str | None = None
    api_key: str | None = None
    threshold: float = 0.7
    repeat: int = 1
    use_cache: bool = True
    call_log: CallLog | None = None  # the response cache and call log (None: in memory)
    prompt: str = DEFAULT_PROMPT


@dataclass
class JudgePrompt:
    """The judge's templates and identity (``judge@v1#<12 hex of the folder's sha256>``, computed like
    every prompt's by :func:`summarizer.analyzers.llm.prompts.folder_digest`). The folder holds ``system.md``
    and ``user.md`` (a ``str.format`` template with ``{passages}`` and ``{record}``)."""

    system: str
    user: str
    identity: str


def load_judge_prompt(spec: str = DEFAULT_PROMPT, root: Path | None = None) -> JudgePrompt:
    """``NAME@VERSION`` under the prompts folder, or a folder path holding system.md and user.md."""
    from summarizer.config import prompts_dir

    path = Path(spec)
    if path.is_dir():
        folder, name, version = path, path.parent.name or "judge", path.name
    else:
        name, _, version = spec.partition("@")
        if not name or not version:
            raise InputError(f"judge prompt {spec!r}: expected NAME@VERSION or a folder")
        folder = (root or prompts_dir()) / name / version
    try:
        system = (folder / "system.md").read_text(encoding="utf-8")
        user = (folder / "user.md").read_text(encoding="utf-8")
    except OSError:
        raise InputError(f"judge prompt {spec!r}: {folder} needs system.md and user.md") from None
    from summarizer.analyzers.llm.prompts import folder_digest

    return JudgePrompt(system=system, user=user, identity=f"{name}@{version}#{folder_digest(folder)[:12]}")


def passages(case: Case, max_chars: int = MAX_PASSAGE_CHARS) -> str:
    """The changed passages of the case's diff, old and new, with their sections."""
    from summarizer.api import diff_texts

    diff = diff_texts(case.old_text, case.new_text, old_source=case.old_source, new_source=case.new_source)
    parts = []
    for h in diff.hunks:
        if h.cosmetic:
            continue
        where = h.breadcrumb or "(no section)"
        parts.append(
            f"[{h.kind}] {where}\nOLD: {h.old_text.strip() or '(absent)'}\nNEW: {h.new_text.strip() or '(absent)'}"
        )
    text = "\n\n".join(parts) or "(no substantive change: only formatting, dates, links or numbering differ)"
    if len(text) > max_chars:
        text = text[:max_chars] + f"\n[... cut: {len(text) - max_chars} more characters of changes not shown]"
    return text


def record_prose(record: "ChangeRecord") -> str:
    """What the record claims, as the judge sees it (no quotes: those are checked verbatim elsewhere)."""
    data = {
        "material": record.material,
        "severity": record.severity,
        "headline": record.headline,
        "summary": record.summary,
        "impact": record.impact,
        "actions": record.actions,
        "interpretive_note": record.interpretive_note,
        "changes": [
            {
                "category": c.category,
                "kind": c.kind,
                "summary": c.summary,
                "severity": f"{c.severity_before} -> {c.severity_after}",
                "shift_reason": c.shift_reason,
            }
            for c in record.changes
        ],
    }
    return json.dumps(data, indent=1, ensure_ascii=False)


def parse_verdict(content: str) -> dict[str, Any]:
    """Validate the judge's JSON (raises ValueError, which makes the client ask for a repair)."""
    data = json.loads(content)
    if not isinstance(data, dict):
        raise ValueError("expected a JSON object")
    score = data.get("score")
    if isinstance(score, bool) or not isinstance(score, int) or score not in SCORES:
        raise ValueError(f"score must be an integer from 1 to 5, got {score!r}")
    claims = data.get("unsupported_claims", [])
    if not isinstance(claims, list) or not all(isinstance(c, str) for c in claims):
        raise ValueError("unsupported_claims must be a list of strings")
    return {"score": score, "unsupported_claims": claims, "reason": str(data.get("reason", ""))}


def normalise_score(score: int) -> float:
    return (score - 1) / 4


class Judge:
    """Callable as ``judge(case, record) -> verdict`` (the runner's JudgeFn)."""

    def __init__(self, options: JudgeOptions, client: "LLMClient | None" = None) -> None:
        if options.repeat < 1:
            raise InputError("repeat must be at least 1", setting="repeat")
        if not 0 <= options.threshold <= 1:
            raise InputError("the judge threshold must be between 0 and 1", setting="judge_threshold")
        self.options = options
        self.prompt = load_judge_prompt(options.prompt)
        self._client = client

    @property
    def client(self) -> "LLMClient":
        if self._client is None:
            from summarizer.llm import LLMClient

            self._client = LLMClient(
                model=self.options.model or "",
                base_url=self.options.base_url,
                api_key=self.options.api_key,
                call_log=self.options.call_log,
                use_cache=self.options.use_cache,
            )
        return self._client

    def requests(self, case: Case, record: "ChangeRecord") -> list[Any]:
        from summarizer.llm import ChatRequest

        user = self.prompt.user.format(passages=passages(case), record=record_prose(record))
        messages = [{"role": "system", "content": self.prompt.system}, {"role": "user", "content": user}]
        return [
            ChatRequest(
                messages=messages,
                model=self.client.model,
                temperature=0.0,
                max_tokens=600,
                json_schema=JUDGE_SCHEMA,
                prompt_id=self.prompt.identity,
                extra={"seed": i} if i else {},
            )
            for i in range(self.options.repeat)
        ]

    def __call__(self, case: Case, record: "ChangeRecord") -> dict[str, Any]:
        verdicts, calls, hits, tokens, cost = [], 0, 0, 0, 0.0
        try:
            for req in self.requests(case, record):
                verdict, result = self.client.complete_json(req, parse_verdict)
                verdicts.append(verdict)
                hits += int(result.cached)
                calls += int(not result.cached)
                tokens += result.prompt_tokens + result.completion_tokens
                cost += result.cost_usd
        except UpstreamError as exc:
            return {
                "mean": None,
                "error": str(exc),
                "prompt_id": self.prompt.identity,
                "model": self.client.model,
            }
        scores = [normalise_score(v["score"]) for v in verdicts]
        mean = statistics.fmean(scores)
        return {
            "scores": scores,
            "mean": mean,
            "stdev": statistics.pstdev(scores) if len(scores) > 1 else 0.0,
            "min": min(scores),
            "max": max(scores),
            "passed": mean >= self.options.threshold - 1e-9,
            "threshold": self.options.threshold,
            "unsupported_claims": verdicts[0]["unsupported_claims"],
            "reason": verdicts[0]["reason"],
            "prompt_id": self.prompt.identity,
            "model": self.client.model,
            "calls": calls,
            "cache_hits": hits,
            "tokens": tokens,
            "cost_usd": round(cost, 6),
        }
