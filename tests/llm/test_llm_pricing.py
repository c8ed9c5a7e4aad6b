"""Price table, user overrides, cost estimates and the budget."""

from __future__ import annotations

import pytest

from summarizer.errors import InputError
from summarizer.llm import BudgetExceeded, count_message_tokens, load_prices, price_for
from summarizer.llm.pricing import Budget, Price


def test_shipped_prices_and_snapshot_prefixes() -> None:
    prices = load_prices()
    assert price_for("gpt-4o-mini", prices) == Price(0.15, 0.60)
    assert price_for("gpt-4o-mini-2024-07-18", prices) == Price(0.15, 0.60)  # not gpt-4o's price
    assert price_for("gpt-4o-2024-08-06", prices) == Price(2.50, 10.00)
    assert price_for("o3-mini-2025-01-31", prices) == price_for("o3-mini", prices)
    assert price_for("openai/gpt-4.1-mini", prices) == Price(0.40, 1.60)
    assert price_for("llama3.2:1b", prices) is None


def test_user_file_merges_over_shipped(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("SUMMARIZER_HOME", str(home))
    (home / "prices.toml").write_text(
        '[models."gpt-4o-mini"]\ninput = 1.0\noutput = 2.0\n\n[models."my-local"]\ninput = 0.01\noutput = 0.02\n',
        encoding="utf-8",
    )
    prices = load_prices()
    assert prices["gpt-4o-mini"] == Price(1.0, 2.0)
    assert prices["my-local"] == Price(0.01, 0.02)
    assert prices["gpt-4o"] == Price(2.50, 10.00)  # untouched entries stay


def test_bad_user_file_is_one_clear_line(tmp_path) -> None:
    bad = tmp_path / "prices.toml"
    bad.write_text('[models."x"]\ninput = "cheap"\n', encoding="utf-8")
    with pytest.raises(InputError, match="needs numeric 'input' and 'output'"):
        load_prices(bad)
    bad.write_text("not = [toml", encoding="utf-8")
    with pytest.raises(InputError, match="not valid TOML"):
        load_prices(bad)


def test_price_cost_arithmetic() -> None:
    assert Price(2.5, 10.0).cost(1000, 500) == pytest.approx(0.0075)


def test_estimated_cost_counts_prompt_and_max_tokens(make_client, make_request) -> None:
    client = make_client()
    req = make_request("hello world", max_tokens=100)
    prompt = count_message_tokens(req.messages, "gpt-4o-mini")
    assert client.estimated_cost(req) == pytest.approx((prompt * 0.15 + 100 * 0.60) / 1e6)
    unpriced = make_request("hello", model="my-unlisted-model")
    assert client.estimated_cost(unpriced) == 0.0


def test_budget_reserves_and_settles() -> None:
    budget = Budget(1.0)
    budget.reserve(0.6)
    with pytest.raises(BudgetExceeded, match="in flight"):
        budget.reserve(0.5)  # 0.6 reserved + 0.5 > 1.0
    budget.settle(0.6, 0.2)
    budget.reserve(0.5)  # 0.2 spent + 0.5 fits
    assert budget.spent == pytest.approx(0.2)
    with pytest.raises(InputError):
        Budget(-1)
