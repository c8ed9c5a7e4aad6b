"""Talking to chat models: an OpenAI-compatible client with retries, a response cache, cost
accounting and rate limiting (``client``), offline token counting (``tokens``), prices and the
budget (``pricing``), the request limiter (``ratelimit``) and the call log (``cache``)."""

from summarizer.llm.client import ChatRequest, ChatResult, LLMClient, is_local_url
from summarizer.llm.pricing import BudgetExceeded, Price, load_prices, price_for
from summarizer.llm.tokens import count_message_tokens, count_tokens, encoding_for_model, get_encoding

__all__ = [
    "BudgetExceeded",
    "ChatRequest",
    "ChatResult",
    "LLMClient",
    "Price",
    "count_message_tokens",
    "count_tokens",
    "encoding_for_model",
    "get_encoding",
    "is_local_url",
    "load_prices",
    "price_for",
]
