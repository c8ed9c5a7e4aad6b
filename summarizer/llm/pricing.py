"""Model prices (USD per 1M tokens) and the cost budget.

The table ships as package data (``summarizer/data/prices.toml``); a ``prices.toml`` in the state
directory merges over it, so users can add models or correct prices without editing the package.
"""

from __future__ import annotations

import logging
import threading
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from summarizer.errors import InputError

log = logging.getLogger("summarizer.llm")

PRICES_FILE = "prices.toml"


class BudgetExceeded(InputError):
    """The next model call would take the run past its cost limit; raised *before* the call.

    An ``InputError`` (exit 2), not an upstream failure: the endpoint is fine, the limit the user
    set stops the run. Everything already answered is in the cache, so re-running with a higher
    limit resumes where this run stopped at no extra cost.
    """


@dataclass(frozen=True)
class Price:
    """USD per 1M input (prompt) and output (completion) tokens."""

    input: float
    output: float

    def cost(self, prompt_tokens: int, completion_tokens: int) -> float:
        return (prompt_tokens * self.input + completion_tokens * self.output) / 1_000_000


def _parse(text: str, source: str) -> dict[str, Price]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"price table {source} is not valid TOML: {exc}") from None
    out: dict[str, Price] = {}
    for model, entry in (data.get("models") or {}).items():
        try:
            price = Price(input=float(entry["input"]), output=float(entry["output"]))
        except (KeyError, TypeError, ValueError):
            raise InputError(
                f"price table {source}: model {model!r} needs numeric 'input' and 'output' (USD per 1M tokens)"
            ) from None
        if price.input < 0 or price.output < 0:
            raise InputError(f"price table {source}: model {model!r} has a negative price")
        out[model] = price
    return out


def load_prices(user_file: Path | None = None) -> dict[str, Price]:
    """The shipped table with the user's ``prices.toml`` (state directory by default) merged over it."""
    shipped = resources.files("summarizer").joinpath("data", PRICES_FILE).read_text(encoding="utf-8")
    prices = _parse(shipped, "summarizer/data/prices.toml")
    if user_file is None:
        from summarizer.config import state_dir

        user_file = state_dir() / PRICES_FILE
    if user_file.exists():
        prices.update(_parse(user_file.read_text(encoding="utf-8"), str(user_file)))
    return prices


def price_for(model: str, prices: dict[str, Price]) -> Price | None:
    """The price of *model*: an exact entry, else the longest listed prefix followed by '-'
    (dated snapshots such as ``gpt-4o-mini-2024-07-18``); ``provider/`` prefixes are ignored."""
    for name in (model, model.rsplit("/", 1)[-1]):
        if name in prices:
            return prices[name]
        best = max((k for k in prices if name.startswith(k + "-")), key=len, default=None)
        if best is not None:
            return prices[best]
    return None


class Budget:
    """Running spend against an optional limit, safe to share between concurrent calls.

    A call first *reserves* its estimated cost (refused with :class:`BudgetExceeded` if spent plus
    reserved plus the estimate would pass the limit), then *settles* with the actual cost.
    """

    def __init__(self, limit: float | None) -> None:
        if limit is not None and limit < 0:
            raise InputError(f"the cost limit must be zero or more, got {limit}", setting="max_cost")
        self.limit = limit
        self.spent = 0.0
        self._reserved = 0.0
        self._lock = threading.Lock()

    def reserve(self, estimate: float) -> None:
        with self._lock:
            if self.limit is not None and self.spent + self._reserved + estimate > self.limit + 1e-12:
                raise BudgetExceeded(
                    f"cost limit reached: spent ${self.spent:.4f}"
                    + (f" (+${self._reserved:.4f} in flight)" if self._reserved else "")
                    + f", the next call is estimated at ${estimate:.4f} and the limit is ${self.limit:.4f}; "
                    "raise the limit to continue (answers so far are cached)",
                    setting="max_cost",
                )
            self._reserved += estimate

    def settle(self, estimate: float, actual: float) -> None:
        with self._lock:
            self._reserved = max(0.0, self._reserved - estimate)
            self.spent += actual
