"""Model transport: talking to chat models, and nothing else (no database, no settings).

:class:`LLMClient` (``client``) sends requests to any OpenAI-compatible endpoint through one async
path (``loop`` runs it for sync callers) with retries (``retries``, ``failures``), response-format
negotiation (``negotiation``), JSON repair (``repair``), what each call comes to (``outcomes``),
cost accounting and the budget (``accounting``, ``pricing``), a request limiter (``ratelimit``) and offline token counting
(``tokens``). The response cache and call log are injected (``cache``: the :class:`CallLog`
protocol and an in-memory log; the database keeps one in :mod:`summarizer.store.model_calls`).
"""

from summarizer.llm.cache import CachedAnswer, CallLog, CallRecord, MemoryCallLog, cache_key, canonical_json
from summarizer.llm.client import LLMClient
from summarizer.llm.endpoint import is_local_url
from summarizer.llm.pricing import BudgetExceeded, Price, load_prices, price_for
from summarizer.llm.request import ChatRequest, ChatResult
from summarizer.llm.tokens import count_message_tokens, count_tokens, encoding_for_model, get_encoding

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
