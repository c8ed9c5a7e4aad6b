"""What the model must answer, and checking its answer against the documents and the diff.

The output schemas (:data:`OUTPUT_SCHEMAS`) are strict-compatible JSON Schemas (every property
required, ``additionalProperties: false``, nullable fields as type unions, no ``$ref``, no
descriptions: the prompt explains the fields) derived from :class:`~summarizer.model.record.ChangeRecord`
(its categories are derived from the verified changes, not asked for); answers are parsed with lenient pydantic models so
that a bad category or a hallucinated quote reaches verification instead of failing the parse.

Verification never trusts the model:

- every quote must be found verbatim in the old or new text, modulo whitespace, typographic
  quotes and Markdown emphasis (the stored quote is then the document's own text);
- categories must be taxonomy ids, severities on the scale, kinds from the list;
- hunk ids must name changes that were sent; a change placed in a section the diff never touched
  is flagged (``section_not_in_diff``).

:func:`find_problems` lists what a repair request should name; :func:`clean_output` drops or
fixes what is still wrong and returns a :class:`~summarizer.model.record.Flag` for each fix.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from summarizer.analyzers.llm.chunking import (
    NO_SECTION,
    breadcrumb,
    has_marks,
    side_of,
    unescape_marks,
    unescape_untrusted,
)
from summarizer.model.diff import DiffResult, Hunk
from summarizer.model.record import Flag
from summarizer.model.taxonomy import CATEGORIES, PROMPT_V1_CATEGORY_IDS, SEVERITIES, Severity

KINDS = ("added", "removed", "expanded", "narrowed", "reworded", "moved")
DIRECTIONS = ("up", "down", "same")  # the effect on the user: up = worse
_KIND_SYNONYMS = {
    "modified": "reworded",
    "changed": "reworded",
    "updated": "reworded",
    "new": "added",
    "deleted": "removed",
    "broadened": "expanded",
    "reduced": "narrowed",
    "restricted": "narrowed",
}
_SEVERITY_SYNONYMS = {
    "critical": "high",
    "severe": "high",
    "moderate": "medium",
    "minor": "low",
    "info": "low",
    "negligible": "low",
    "no": "none",
    "n/a": "none",
}
MAX_QUOTE_CHARS = 1200  # a "quote" longer than this is a copy of the excerpt, not a quote


# --- the answer's shape ---------------------------------------------------------------------------


class ModelChange(BaseModel):
    """One change as the model reports it (lenient: verification checks the values)."""

    model_config = ConfigDict(extra="ignore")

    hunk_ids: list[int] = Field(default_factory=list)
    section: str = ""
    category: str = ""
    kind: str = "reworded"
    quotes_old: list[str] = Field(default_factory=list)
    quotes_new: list[str] = Field(default_factory=list)
    severity_before: str = "none"
    severity_after: str = "none"
    direction: str = ""
    shift_reason: str = ""
    summary: str = ""


class ModelFindings(BaseModel):
    """A map step's answer: the changes in one chunk."""

    model_config = ConfigDict(extra="ignore")

    changes: list[ModelChange] = Field(default_factory=list)
    interpretive_note: str | None = None


class ModelRecord(BaseModel):
    """A final answer (single call or reduce): the record without provenance, flags or disclaimer.
    ``categories`` is not asked for (the record's categories are those of its verified changes);
    a server in JSON mode may still send it, and its order is then kept."""

    model_config = ConfigDict(extra="ignore")

    changes: list[ModelChange] = Field(default_factory=list)
    material: bool
    severity: str
    categories: list[str] = Field(default_factory=list)
    headline: str = ""
    summary: str = ""
    impact: str = ""
    actions: list[str] = Field(default_factory=list)
    interpretive_note: str | None = None


def _strict(properties: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def _change_schema(with_section: bool = True) -> dict[str, Any]:
    strings = {"type": "array", "items": {"type": "string"}}
    return _strict(
        {
            "hunk_ids": {"type": "array", "items": {"type": "integer"}},
            **({"section": {"type": "string"}} if with_section else {}),
            "category": {"type": "string", "enum": list(PROMPT_V1_CATEGORY_IDS)},
            "kind": {"type": "string", "enum": list(KINDS)},
            "quotes_old": strings,
            "quotes_new": strings,
            "severity_before": {"type": "string", "enum": list(SEVERITIES)},
            "severity_after": {"type": "string", "enum": list(SEVERITIES)},
            "direction": {"type": "string", "enum": list(DIRECTIONS)},
            "shift_reason": {"type": "string"},
            "summary": {"type": "string"},
        }
    )


def findings_schema(with_section: bool = True) -> dict[str, Any]:
    return _strict(
        {
            "changes": {"type": "array", "items": _change_schema(with_section)},
            "interpretive_note": {"type": ["string", "null"]},
        }
    )


def record_schema(with_section: bool = True) -> dict[str, Any]:
    return _strict(
        {
            "changes": {"type": "array", "items": _change_schema(with_section)},
            "material": {"type": "boolean"},
            "severity": {"type": "string", "enum": list(SEVERITIES)},
            "headline": {"type": "string"},
            "summary": {"type": "string"},
            "impact": {"type": "string"},
            "actions": {"type": "array", "items": {"type": "string"}},
            "interpretive_note": {"type": ["string", "null"]},
        }
    )


# Size bounds for servers that compile the schema into a grammar (llama.cpp): they stop a small
# model that loops from running to max_tokens. Not sent in strict mode (outside OpenAI's subset).
_MAX_ITEMS = {"hunk_ids": 12, "quotes_old": 3, "quotes_new": 3, "actions": 4, "categories": 8}
_MAX_LENGTH = {
    "section": 200,
    "quotes_old": 320,
    "quotes_new": 320,
    "headline": 200,
    "shift_reason": 300,
    "summary": 800,
    "impact": 600,
    "actions": 300,
    "interpretive_note": 600,
}


def bounded_schema(schema: dict[str, Any], max_changes: int) -> dict[str, Any]:
    """A copy of *schema* with ``maxItems`` on arrays and ``maxLength`` on strings."""

    def walk(node: dict[str, Any], name: str | None) -> dict[str, Any]:
        node = dict(node)
        if "properties" in node:
            node["properties"] = {k: walk(v, k) for k, v in node["properties"].items()}
        if node.get("type") == "array":
            node["maxItems"] = max_changes if name == "changes" else _MAX_ITEMS.get(name or "", 8)
            node["items"] = walk(node["items"], name)
        elif (
            name in _MAX_LENGTH
            and "enum" not in node
            and "string" in (node.get("type") if isinstance(node.get("type"), list) else [node.get("type")])
        ):
            node["maxLength"] = _MAX_LENGTH[name]
        return node

    return walk(schema, None)


OUTPUT_SCHEMAS: dict[str, tuple[Any, type[BaseModel]]] = {
    "change_record": (record_schema, ModelRecord),
    "change_findings": (findings_schema, ModelFindings),
    # Without "section": each change's section is taken from its first hunk id (fewer tokens both
    # ways, and a section the model cannot get wrong).
    "change_record_compact": (lambda: record_schema(with_section=False), ModelRecord),
    "change_findings_compact": (lambda: findings_schema(with_section=False), ModelFindings),
}


def output_schema(name: str) -> dict[str, Any]:
    """``{"name": ..., "schema": ...}`` for :class:`~summarizer.llm.client.ChatRequest.json_schema`."""
    from summarizer.errors import InputError

    if name not in OUTPUT_SCHEMAS:
        raise InputError(f"unknown output schema {name!r} (known: {', '.join(OUTPUT_SCHEMAS)})")
    return {"name": name, "schema": OUTPUT_SCHEMAS[name][0]()}


_FENCE = re.compile(r"^\s*```(?:json)?\s*(.*?)\s*```\s*$", re.DOTALL)


def parse_output(name: str, text: str) -> BaseModel:
    """Parse an answer for schema *name*; ``ValueError`` (with a short reason) when unusable."""
    model = OUTPUT_SCHEMAS[name][1]
    fenced = _FENCE.match(text or "")
    raw = fenced.group(1) if fenced else (text or "")
    try:
        data = json.loads(raw, strict=False)  # raw newlines or tabs inside strings are tolerated
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})") from None
    if not isinstance(data, dict):
        raise ValueError("expected a JSON object")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "answer"
        raise ValueError(f"{where}: {first.get('msg')} ({exc.error_count()} problem(s))") from None


# --- finding quotes -------------------------------------------------------------------------------

_SINGLE = "'‘’‚‛`´′"
_DOUBLE = '"“”„‟″«»'
_ELLIPSIS = re.compile(r"\s*(?:\.{3,}|…|\[…\]|\[\.\.\.\])\s*")
_EMPHASIS = "*_"


def _token_pattern(token: str) -> str:
    out = []
    for ch in token:
        if ch in _SINGLE:
            out.append(f"[{re.escape(_SINGLE)}]")
        elif ch in _DOUBLE:
            out.append(f"[{re.escape(_DOUBLE)}]")
        elif ch in _EMPHASIS:
            out.append(f"{re.escape(ch)}?")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def quote_pattern(quote: str) -> re.Pattern[str] | None:
    """A regex that finds *quote* in a document modulo whitespace, typographic quotes and
    Markdown emphasis markers between words; None for an empty quote."""
    tokens = [t.strip(_EMPHASIS) for t in quote.split()]
    tokens = [t for t in tokens if t]
    if not tokens:
        return None
    sep = rf"[\s{re.escape(_EMPHASIS)}]+"
    return re.compile(sep.join(_token_pattern(t) for t in tokens))


def find_quote(quote: str, text: str) -> tuple[int, int] | None:
    """Where *quote* stands in *text* (see :func:`quote_pattern`), or None."""
    for candidate in dict.fromkeys((quote, unescape_untrusted(quote), unescape_marks(quote))):
        pattern = quote_pattern(candidate)
        if pattern is None:
            return None
        m = pattern.search(text)
        if m:
            return m.start(), m.end()
    return None


def quote_fragments(quote: str) -> list[str]:
    """A quote cut at ellipses (``...``, ``…``, ``[…]``): each fragment must stand on its own."""
    return [f.strip() for f in _ELLIPSIS.split(quote) if f.strip()]


# --- what the diff allows -------------------------------------------------------------------------


def _norm_heading(text: str) -> str:
    text = re.sub(r"[#*_`>\[\]()]+", " ", text).casefold()
    text = re.sub(r"^\s*(?:\d+(?:\.\d+)*|[ivx]+|[a-z])[.)]\s+", "", text.strip())
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


_SECTION_SPLIT = re.compile(r"\s*(?:›|»|>|/|\||→)\s*")


@dataclass
class Grounding:
    """The texts and hunks an answer must stay within."""

    old_text: str
    new_text: str
    hunks: dict[int, Hunk]  # the hunks that were sent to the model, by id
    _sections: set[str] = field(default_factory=set, repr=False)
    _crumbs: list[tuple[str, ...]] = field(default_factory=list, repr=False)

    @classmethod
    def of(cls, diff: DiffResult, hunks: list[Hunk]) -> "Grounding":
        g = cls(diff.old.text, diff.new.text, {h.id: h for h in hunks})
        for h in hunks:
            for crumb in (h.section_old, h.section_new):
                g._crumbs.append(crumb)
                g._sections.update(_norm_heading(part) for part in crumb)
                if not crumb:
                    g._sections.add(_norm_heading(NO_SECTION))
        g._sections.discard("")
        return g

    def section_touched(self, section: str) -> bool:
        """True when *section* names a section (or a part of a breadcrumb) the diff touched."""
        if not section.strip():
            return True
        whole = _norm_heading(section)
        if whole in self._sections or any(whole == _norm_heading(" ".join(c)) for c in self._crumbs):
            return True
        parts = [_norm_heading(p) for p in _SECTION_SPLIT.split(section) if p.strip()]
        return bool(parts) and parts[-1] in self._sections

    def hunks_at(self, side: str, start: int, end: int) -> list[int]:
        """Ids of sent hunks whose span on *side* overlaps [start, end)."""
        out = []
        for h in self.hunks.values():
            s, e = (h.old_start, h.old_end) if side == "old" else (h.new_start, h.new_end)
            if s < end and e > start:
                out.append(h.id)
        return out


# --- problems and clean-up ------------------------------------------------------------------------


@dataclass
class Problem:
    """Something a repair request should name."""

    code: str  # quote_not_found | invalid_category | invalid_severity | unknown_hunk
    change: int  # index of the change in the answer (1-based), 0 for the record itself
    detail: str

    def line(self) -> str:
        where = f"change {self.change}" if self.change else "the record"
        if self.code == "quote_not_found":
            return f'- {where}: this quote is not word for word in either version: "{self.detail}"'
        if self.code == "invalid_category":
            return f"- {where}: {self.detail!r} is not one of the category ids"
        if self.code == "invalid_severity":
            return f"- {where}: {self.detail!r} is not a severity (use none, low, medium or high)"
        if self.code == "unknown_hunk":
            return f"- {where}: there is no change with id {self.detail}"
        return f"- {where}: {self.detail}"


def _locate(quote: str, g: Grounding, prefer: str = "old") -> list[tuple[str, int, int]] | None:
    """Each fragment of *quote* located as (side, start, end), looking in the *prefer* version
    first; None if a fragment is in neither."""
    if has_marks(quote):  # copied from an inline excerpt, [-…-]/{+…+} marks and all
        for side in (prefer, "new" if prefer == "old" else "old"):
            found = _locate_plain(side_of(quote, side), g, prefer=side)
            if found:
                return found
        return None
    return _locate_plain(quote, g, prefer)


def _locate_plain(quote: str, g: Grounding, prefer: str) -> list[tuple[str, int, int]] | None:
    if len(quote) > MAX_QUOTE_CHARS:
        return None
    sides = [("old", g.old_text), ("new", g.new_text)]
    if prefer == "new":
        sides.reverse()
    out = []
    for frag in quote_fragments(quote):
        for side, text in sides:
            where = find_quote(frag, text)
            if where:
                out.append((side, *where))
                break
        else:
            return None
    return out


def _severity(value: str) -> str | None:
    v = (value or "").strip().lower()
    v = _SEVERITY_SYNONYMS.get(v, v)
    return v if v in SEVERITIES else None


def _category(value: str) -> str | None:
    v = (value or "").strip()
    if v in CATEGORIES:
        return v
    key = re.sub(r"[\s-]+", "_", v.lower())
    if key in CATEGORIES:
        return key
    for c in CATEGORIES.values():
        if v.lower() == c.title.lower():
            return c.id
    return None


def find_problems(answer: ModelRecord | ModelFindings, g: Grounding) -> list[Problem]:
    """Problems worth one repair request: quotes not in the documents, invalid categories or
    severities, unknown hunk ids."""
    problems: list[Problem] = []
    for i, change in enumerate(answer.changes, 1):
        for quote in [*change.quotes_old, *change.quotes_new]:
            if quote.strip() and _locate(quote, g) is None:
                problems.append(Problem("quote_not_found", i, quote[:300]))
        if _category(change.category) is None:
            problems.append(Problem("invalid_category", i, change.category))
        for sev in (change.severity_before, change.severity_after):
            if _severity(sev) is None:
                problems.append(Problem("invalid_severity", i, sev))
        for hid in change.hunk_ids:
            if hid not in g.hunks:
                problems.append(Problem("unknown_hunk", i, str(hid)))
    if isinstance(answer, ModelRecord):
        if _severity(answer.severity) is None:
            problems.append(Problem("invalid_severity", 0, answer.severity))
        for cat in answer.categories:
            if _category(cat) is None:
                problems.append(Problem("invalid_category", 0, cat))
    return problems


def problem_lines(problems: list[Problem]) -> str:
    """One line per problem (at most 40), for a repair request."""
    return "\n".join(p.line() for p in problems[:40])


def repair_instruction(problems: list[Problem]) -> str:
    """The follow-up message naming what was wrong (one repair round), for a prompt version
    without a ``repair`` template of its own."""
    lines = problem_lines(problems)
    return (
        "Your answer has problems:\n"
        f"{lines}\n"
        "Quotes must be copied word for word from the <document_excerpt> text (or from the findings); "
        "fix each quote or leave it out. Use only the listed category ids and severities, and only "
        "change ids that were shown. Reply again with the whole corrected JSON object and nothing else."
    )


def _clip(text: str, n: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def clean_change(change: ModelChange, index: int, g: Grounding, flags: list[Flag]) -> ModelChange | None:
    """A copy of *change* with verified quotes (the documents' own text, each on its own side),
    valid values and hunk ids; None when nothing ties it to the diff any more."""
    quotes: dict[str, list[str]] = {"old": [], "new": []}
    located_hunks: list[int] = []
    for side_given, given in (("old", change.quotes_old), ("new", change.quotes_new)):
        for quote in given:
            if not quote.strip():
                continue
            spots = _locate(quote, g, prefer=side_given)
            if spots is None:
                flags.append(
                    Flag(
                        code="quote_not_found",
                        message=f'change {index}: dropped a quote found in neither version: "{_clip(quote)}"',
                    )
                )
                continue
            for side, start, end in spots:
                text = (g.old_text if side == "old" else g.new_text)[start:end]
                if text not in quotes[side]:
                    quotes[side].append(text)
                located_hunks += g.hunks_at(side, start, end)
    category = _category(change.category)
    if category is None:
        category = _guess_category(change, quotes)
        flags.append(
            Flag(
                code="invalid_category",
                message=f"change {index}: {change.category!r} is not a taxonomy id; classified as {category}",
            )
        )
    sev = {}
    for name in ("severity_before", "severity_after"):
        value = _severity(getattr(change, name))
        if value is None:
            value = _default_severity(name, category, change.kind)
            flags.append(
                Flag(
                    code="invalid_severity",
                    message=f"change {index}: {name} {getattr(change, name)!r} is not on the scale; used {value}",
                )
            )
        sev[name] = value
    direction = change.direction.strip().lower()
    if direction not in DIRECTIONS:
        direction = _infer_direction(sev["severity_before"], sev["severity_after"], change.kind)
        if change.direction.strip():  # a wrong value is flagged; a missing one (JSON mode) is not
            flags.append(
                Flag(
                    code="invalid_direction",
                    message=f"change {index}: direction {change.direction!r} is not up, down or same; used {direction}",
                )
            )
    rated = _rated_direction(sev["severity_before"], sev["severity_after"])
    if {direction, rated} == {"up", "down"}:  # e.g. medium → high said to be better for the user
        flags.append(
            Flag(
                code="direction_contradicts_ratings",
                message=(
                    f"change {index}: direction {direction!r} contradicts its ratings "
                    f"{sev['severity_before']} → {sev['severity_after']}; used {rated}"
                ),
            )
        )
        direction = rated
    kind = change.kind.strip().lower()
    kind = _KIND_SYNONYMS.get(kind, kind)
    if kind not in KINDS:
        flags.append(
            Flag(
                code="invalid_kind",
                message=f"change {index}: kind {change.kind!r} is not one of {', '.join(KINDS)}",
            )
        )
        kind = "reworded"
    hunk_ids = [h for h in change.hunk_ids if h in g.hunks]
    unknown = [h for h in change.hunk_ids if h not in g.hunks]
    if unknown:
        flags.append(
            Flag(
                code="unknown_hunk",
                message=f"change {index}: no change with id {', '.join(map(str, unknown))} was shown",
            )
        )
    hunk_ids = sorted(set(hunk_ids) | set(located_hunks))
    section = change.section.strip()
    if not g.section_touched(section):
        where = f"; placed in {breadcrumb(g.hunks[hunk_ids[0]].section)}" if hunk_ids else ""
        flags.append(
            Flag(
                code="section_not_in_diff",
                message=f"change {index}: section {_clip(section, 60)!r} was not touched by the diff{where}",
            )
        )
        section = breadcrumb(g.hunks[hunk_ids[0]].section) if hunk_ids else section
    elif not section and hunk_ids:
        section = breadcrumb(g.hunks[hunk_ids[0]].section)
    if not hunk_ids and not quotes["old"] and not quotes["new"]:
        flags.append(
            Flag(
                code="change_not_grounded",
                message=f"change {index} ({category}) was dropped: no verified quote and no change id ties it to the diff",
            )
        )
        return None
    return ModelChange(
        hunk_ids=hunk_ids,
        section=section,
        category=category,
        kind=kind,
        quotes_old=quotes["old"],
        quotes_new=quotes["new"],
        severity_before=sev["severity_before"],
        severity_after=sev["severity_after"],
        direction=direction,
        shift_reason=change.shift_reason.strip(),
        summary=change.summary.strip(),
    )


def _rated_direction(before: str, after: str) -> str:
    """Which way two ratings on the scale went, whatever the kind; "" when a side is none (a
    provision that did not exist says nothing about the user's side)."""
    b, a = Severity(before).rank, Severity(after).rank
    if a == 0 or b == 0:
        return ""
    return "up" if a > b else "down" if a < b else "same"


def _infer_direction(before: str, after: str, kind: str) -> str:
    """The effect on the user read from the two ratings of an edited provision; "" (unknown) for
    an added or removed one, whose ratings cannot tell a protection from a permission."""
    return "" if kind in ("added", "removed") else _rated_direction(before, after)


def _default_severity(name: str, category: str, kind: str) -> str:
    if (name == "severity_before" and kind == "added") or (name == "severity_after" and kind == "removed"):
        return "none"
    return CATEGORIES[category].tendency.value


def _guess_category(change: ModelChange, quotes: dict[str, list[str]]) -> str:
    from summarizer.rubric.classifier import classify

    text = " ".join([*quotes["old"], *quotes["new"]]) or f"{change.section} {change.summary}"
    labels = classify(text)
    return labels[0] if labels else "contact_generic"


def clean_output(
    answer: ModelRecord | ModelFindings, g: Grounding
) -> tuple[ModelRecord | ModelFindings, list[Flag]]:
    """A verified copy of *answer* and the flags for everything dropped or fixed."""
    flags: list[Flag] = []
    changes = [
        c for i, ch in enumerate(answer.changes, 1) if (c := clean_change(ch, i, g, flags)) is not None
    ]
    if isinstance(answer, ModelFindings):
        return ModelFindings(changes=changes, interpretive_note=answer.interpretive_note), flags
    severity = _severity(answer.severity)
    if severity is None:
        severity = max((Severity(c.severity_after) for c in changes), default=Severity.none).value
        flags.append(
            Flag(
                code="invalid_severity",
                message=f"record severity {answer.severity!r} is not on the scale; used {severity}",
            )
        )
    # The record's categories are those of its verified changes (the model's order first).
    grounded = [c.category for c in changes]
    categories: list[str] = []
    for cat in answer.categories:
        valid = _category(cat)
        if valid is None:
            flags.append(
                Flag(
                    code="invalid_category", message=f"record category {cat!r} is not a taxonomy id; dropped"
                )
            )
        elif valid in grounded and valid not in categories:
            categories.append(valid)
    for cat in grounded:
        if cat not in categories:
            categories.append(cat)
    cleaned = answer.model_copy(update={"changes": changes, "severity": severity, "categories": categories})
    return cleaned, flags
