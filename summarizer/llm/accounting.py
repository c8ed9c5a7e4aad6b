"""Tokens and money: prices, the budget checked before a call, and the usage of one client."""

from __future__ import annotations

import logging
import threading

from summarizer.llm.cache import canonical_json
from summarizer.llm.pricing import Budget, Price, load_prices, price_for
from summarizer.llm.repair import DEFAULT_COMPLETION_ESTIMATE
from summarizer.llm.request import ChatRequest
from summarizer.llm.tokens import count_message_tokens, count_tokens
from summarizer.model.record import Usage

log = logging.getLogger("summarizer.llm")


class Accounts:
    """Prices, the ``max_cost`` budget and the running usage of one client (thread-safe)."""

    def __init__(self, max_cost: float | None) -> None:
        self.budget = Budget(max_cost)
        self.prices: dict[str, Price] = load_prices()
        self.usage = Usage()
        self._lock = threading.Lock()
        self._warned_unpriced: set[str] = set()

    def price(self, model: str) -> Price | None:
        """The price of *model* (None, said once, for a model the table lacks)."""
        price = price_for(model, self.prices)
        if price is None and model not in self._warned_unpriced:
            self._warned_unpriced.add(model)
            log.info("no price for model %s: its cost counts as 0 (add it to prices.toml)", model)
        return price

    def estimate_prompt_tokens(self, req: ChatRequest, model: str) -> int:
        """Prompt tokens of *req* counted offline (the schema included)."""
        tokens = count_message_tokens(req.messages, model)
        if req.json_schema is not None:
            tokens += count_tokens(canonical_json(req.json_schema), model)
        return tokens

    def estimated_cost(self, req: ChatRequest, model: str) -> float:
        """USD a call would cost at most: counted prompt tokens plus ``max_tokens`` (or
        ``DEFAULT_COMPLETION_ESTIMATE``) of output. 0 for models without a price."""
        price = self.price(model)
        if price is None:
            return 0.0
        return price.cost(
            self.estimate_prompt_tokens(req, model), req.max_tokens or DEFAULT_COMPLETION_ESTIMATE
        )

    def count_call(self, prompt_tokens: int, completion_tokens: int) -> None:
        with self._lock:
            self.usage.calls += 1
            self.usage.prompt_tokens += prompt_tokens
            self.usage.completion_tokens += completion_tokens

    def count_hit(self) -> None:
        with self._lock:
            self.usage.cache_hits += 1
