"""Model transport: talking to chat models, and nothing else (no database, no settings).

:class:`LLMClient` (``client``) sends requests to any OpenAI-compatible endpoint through one async
path (``loop`` runs it for sync callers) with retries (``retries``, ``failures``), response-format
negotiation (``negotiation``), JSON repair (``repair``), what each call comes to (``outcomes``),
cost accounting and the budget (``accounting``, ``pricing``), a request limiter (``ratelimit``) and offline token counting
(``tokens``). The response cache and call log are injected (``cache``: the :class:`CallLog`
protocol and an in-memory log; the database keeps one in :mod:`summarizer.store.model_calls`).
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from summarizer.llm.cache import (
        CachedAnswer,
        CallLog,
        CallRecord,
        MemoryCallLog,
        cache_key,
        canonical_json,
    )
    from summarizer.llm.client import LLMClient
    from summarizer.llm.endpoint import is_local_url
    from summarizer.llm.pricing import BudgetExceeded, Price, load_prices, price_for
    from summarizer.llm.request import ChatRequest, ChatResult
    from summarizer.llm.tokens import count_message_tokens, count_tokens, encoding_for_model, get_encoding

# Loaded on first use (PEP 562): the response cache alone (``summarizer.llm.cache``, which every
# analysis builds a call log with) must not bring the HTTP client and asyncio into the offline path.
_EXPORTS = {
    "cache": ("CachedAnswer", "CallLog", "CallRecord", "MemoryCallLog", "cache_key", "canonical_json"),
    "client": ("LLMClient",),
    "endpoint": ("is_local_url",),
    "pricing": ("BudgetExceeded", "Price", "load_prices", "price_for"),
    "request": ("ChatRequest", "ChatResult"),
    "tokens": ("count_message_tokens", "count_tokens", "encoding_for_model", "get_encoding"),
}
_MODULE_OF = {name: module for module, names in _EXPORTS.items() for name in names}


def __getattr__(name: str):
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"summarizer.llm.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "BudgetExceeded",
    "CachedAnswer",
    "CallLog",
    "CallRecord",
    "ChatRequest",
    "ChatResult",
    "LLMClient",
    "MemoryCallLog",
    "Price",
    "cache_key",
    "canonical_json",
    "count_message_tokens",
    "count_tokens",
    "encoding_for_model",
    "get_encoding",
    "is_local_url",
    "load_prices",
    "price_for",
]
