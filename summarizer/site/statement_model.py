"""The model-written provision statement: prompt ``provision_statement@v1`` writes one or two plain
sentences on what the current version says on a provision, from the passages the classifier placed
in it, with the quotes the statement rests on.

What the model sees is screened and delimited: instruction-like sentences planted in a passage are
withheld (and the provision flagged), each passage sits between ``<excerpt>`` tags inside
``<document>``, and our tags inside the text are escaped. What comes back is verified: every quote
must stand word for word in one passage as sent (not across a withheld sentence), the statement
must be short and must not itself read as an instruction. A statement that fails is rejected and
the extractive statement is shown, with a flag saying why. Answers are cached in the model-call
log (the database's ``model_calls``), so rebuilding the site does not pay twice.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from typing import Any

from summarizer.errors import SummarizerError
from summarizer.site.statement import ProvisionText

DEFAULT_PROMPT = "provision_statement@v1"
MAX_PASSAGES = 4  # the best-scoring passages of the category
MAX_PASSAGE_WORDS = 160
MAX_STATEMENT_WORDS = 70
MAX_QUOTES = 3
MIN_QUOTE_WORDS = 3
_WITHHELD = "\x00"  # where a planted sentence was cut out: no quote may span it

# flag code -> what the provision page says about it
FLAG_TEXT = {
    "suspected_prompt_injection": "The passages contain wording addressed to AI systems; it was withheld "
    "from the model, and it is still part of the document's text.",
    "statement_quote_not_found": "The model's statement was rejected: a quote it gave is not word for word "
    "in the current version. The extracted statement is shown instead.",
    "statement_without_quotes": "The model's statement was rejected: it gave no quote from the text to rest "
    "on. The extracted statement is shown instead.",
    "statement_too_long": "The model's statement was rejected: it was longer than two short sentences. "
    "The extracted statement is shown instead.",
    "statement_rejected_instruction": "The model's statement was rejected: it read as an instruction, not "
    "as a description of the text. The extracted statement is shown instead.",
    "model_failed": "The model could not be reached or gave no usable answer; the extracted statement "
    "is shown instead.",
}


@dataclass
class _Answer:
    statement: str
    quotes: list[str] = field(default_factory=list)


def _parse(content: str) -> _Answer:
    text = content.strip()
    if text.startswith("```"):
        text = text.strip("`").removeprefix("json").strip()
    try:
        raw = json.loads(text)
    except json.JSONDecodeError:
        raise ValueError("not JSON") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("statement"), str):
        raise ValueError('expected {"statement": "...", "quotes": [...]}')
    quotes = raw.get("quotes") or []
    if not isinstance(quotes, list):
        raise ValueError('"quotes" must be a list of strings')
    return _Answer(raw["statement"].strip(), [q.strip() for q in quotes if isinstance(q, str) and q.strip()])


def answer_schema() -> dict:
    """The JSON Schema the model is asked to follow (structured outputs where the server has them)."""
    return {
        "name": "provision_statement",
        "schema": {
            "type": "object",
            "properties": {
                "statement": {"type": "string"},
                "quotes": {"type": "array", "items": {"type": "string"}, "maxItems": MAX_QUOTES},
            },
            "required": ["statement", "quotes"],
            "additionalProperties": False,
        },
    }


def screened_passages(hits: list[tuple[float, int, str]]) -> tuple[list[str], list[str]]:
    """The passages sent to the model (best first, planted instructions cut out at ``_WITHHELD``,
    long ones clipped) and the withheld sentences."""
    from summarizer.rubric.injection import without_injections

    out, withheld = [], []
    for _score, _pos, passage in sorted(hits, key=lambda h: (-h[0], h[1]))[:MAX_PASSAGES]:
        words = passage.split()
        clipped = " ".join(words[:MAX_PASSAGE_WORDS]) + (" …" if len(words) > MAX_PASSAGE_WORDS else "")
        text, found = without_injections(clipped, placeholder=_WITHHELD)
        withheld += found
        out.append(text)
    return out, withheld


def verify(answer: _Answer, passages: list[str]) -> str | None:
    """None when the statement may be shown, else the flag code that rejects it."""
    from summarizer.analyzers.llm.quotes import find_quote
    from summarizer.rubric.injection import injection_spans

    if not answer.statement or len(answer.statement.split()) > MAX_STATEMENT_WORDS:
        return "statement_too_long" if answer.statement else "statement_without_quotes"
    if injection_spans(answer.statement):
        return "statement_rejected_instruction"
    quotes = answer.quotes[:MAX_QUOTES]
    if not any(len(q.split()) >= MIN_QUOTE_WORDS for q in quotes):
        return "statement_without_quotes"
    pieces = [piece for p in passages for piece in p.split(_WITHHELD) if piece.strip()]
    for quote in quotes:
        if not any(find_quote(quote, piece) for piece in pieces):
            return "statement_quote_not_found"
    return None


class StatementWriter:
    """Writes provision statements through the model; one client for the whole site build.

    *options* is an :class:`summarizer.analyzers.AnalysisOptions` (model, endpoint, key, call log,
    cache, response format, timeout); its ``prompt`` is used only when it names this prompt.
    """

    def __init__(self, options: Any) -> None:
        from summarizer.analyzers.llm.prompts import load_prompt

        spec = getattr(options, "prompt", None)
        prompt = load_prompt(spec) if spec and spec.split("@")[0] == "provision_statement" else None
        self.prompt = prompt or load_prompt(DEFAULT_PROMPT)
        self.options = options
        # none (no option, no default in the manifest): "", which LLMClient refuses with a clear error
        self.model: str = getattr(options, "model", None) or self.prompt.default_model or ""
        self._client: Any = None

    @property
    def identity(self) -> str:
        """The prompt's identity and the model: what the pages and the build state carry."""
        return f"{self.prompt.identity} {self.model}"

    def _chat(self) -> Any:
        if self._client is None:
            from summarizer.llm.client import LLMClient

            o = self.options
            retries = getattr(o, "max_retries", None)
            self._client = LLMClient(
                model=self.model,
                base_url=getattr(o, "base_url", None),
                api_key=getattr(o, "api_key", None),
                call_log=getattr(o, "call_log", None),
                use_cache=getattr(o, "use_cache", True),
                max_retries=retries if retries is not None else 2,
                timeout=getattr(o, "timeout", None) or 60.0,
                max_cost=getattr(o, "max_cost", None),
            )
        return self._client

    def messages(self, service: str, document: str, category: str, passages: list[str]) -> list[dict]:
        """The system and user messages for one provision (passages delimited and escaped)."""
        from summarizer.analyzers.llm.untrusted import escape_untrusted
        from summarizer.model.taxonomy import CATEGORIES

        cat = CATEGORIES[category]
        shown = "\n".join(
            f'<excerpt n="{i}">\n{escape_untrusted(p.replace(_WITHHELD, " [left out] "))}\n</excerpt>'
            for i, p in enumerate(passages, 1)
        )
        user = self.prompt.render(
            "map",
            service=escape_untrusted(service),
            document=escape_untrusted(document),
            topic=cat.title,
            covers=cat.covers,
            passages=shown,
        )
        return [
            {"role": "system", "content": self.prompt.render("system")},
            {"role": "user", "content": user},
        ]

    def write(
        self,
        service: str,
        document: str,
        category: str,
        hits: list[tuple[float, int, str]],
        offline: ProvisionText,
    ) -> tuple[ProvisionText, bool]:
        """The provision text with the model's statement, or *offline* with a flag; and whether
        the result may be kept for later builds (False when the model could not be reached)."""
        from summarizer.llm.client import ChatRequest

        base = replace(offline, prompt=self.prompt.identity, model=self.model, flags=[])
        if not hits:
            return base, True
        passages, withheld = screened_passages(hits)
        flags = ["suspected_prompt_injection"] if withheld else []
        schema = answer_schema()
        req = ChatRequest(
            messages=self.messages(service, document, category, passages),
            model=self.model,
            temperature=float(self.prompt.defaults.get("temperature", 0)),
            max_tokens=int(
                getattr(self.options, "max_output_tokens", None)
                or self.prompt.defaults.get("max_output_tokens", 400)
            ),
            prompt_id=self.prompt.identity,
            json_schema=schema,
        )
        if getattr(self.options, "response_format", None) == "json_object_schema":  # llama-cpp-python
            req.json_schema = None
            req.extra = {"response_format": {"type": "json_object", "schema": schema["schema"]}}
        try:
            answer, _ = self._chat().complete_json(req, _parse)
        except SummarizerError:
            return replace(base, flags=[*flags, "model_failed"]), False
        problem = verify(answer, passages)
        if problem is not None:
            return replace(base, flags=[*flags, problem]), True
        return replace(
            base, statement=[answer.statement], method="model", quotes=answer.quotes[:MAX_QUOTES], flags=flags
        ), True

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
