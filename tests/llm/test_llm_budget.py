"""max_cost stops before a call that would exceed it; cost comes from the price table."""

from __future__ import annotations

import pytest

from summarizer.errors import InputError
from summarizer.llm import BudgetExceeded


def test_budget_stops_before_the_call(fake_openai, make_client, make_request, rows) -> None:
    client = make_client(max_cost=0.000001)
    req = make_request("x" * 2000, max_tokens=1000)
    assert client.estimated_cost(req) > 0.000001
    with pytest.raises(
        BudgetExceeded, match=r"cost limit reached: spent \$0.0000, the next call is estimated at"
    ):
        client.complete(req)
    assert fake_openai.chat_requests == []  # never sent
    assert rows() == []
    assert isinstance(BudgetExceeded("x"), InputError)  # exit code 2


def test_budget_counts_actual_spend(fake_openai, make_client, make_request) -> None:
    # gpt-4o-mini: 0.15 / 0.60 per 1M. Each reply reports 10,000 + 1,000 tokens = $0.0021.
    for _ in range(3):
        fake_openai.enqueue_reply("ok", prompt_tokens=10_000, completion_tokens=1_000)
    client = make_client(max_cost=0.0045)
    client.complete(make_request("a", max_tokens=1_000))
    client.complete(make_request("b", max_tokens=1_000))
    assert client.cost_usd == pytest.approx(0.0042)
    with pytest.raises(BudgetExceeded):  # 0.0042 + estimate (~0.0006) > 0.0045
        client.complete(make_request("c", max_tokens=1_000))
    assert len(fake_openai.chat_requests) == 2
    assert fake_openai.pending == 1


def test_budget_in_a_batch_keeps_what_was_done(fake_openai, make_client, make_request) -> None:
    for _ in range(5):
        fake_openai.enqueue_reply("ok", prompt_tokens=10_000, completion_tokens=1_000)
    client = make_client(max_cost=0.0045, concurrency=1)
    reqs = [make_request(f"q{i}", max_tokens=1_000) for i in range(5)]
    with pytest.raises(BudgetExceeded):
        client.complete_many(reqs)
    assert len(fake_openai.chat_requests) == 2
    # Re-running with a larger budget resumes: the two answers come from the cache.
    resumed = make_client(max_cost=1.0, concurrency=1).complete_many(reqs)
    assert [r.cached for r in resumed] == [True, True, False, False, False]


def test_user_price_file_drives_cost(fake_openai, make_client, make_request, monkeypatch, tmp_path) -> None:
    import os
    from pathlib import Path

    home = Path(os.environ["SUMMARIZER_HOME"])
    (home / "prices.toml").write_text('[models."my-local"]\ninput = 1.0\noutput = 2.0\n', encoding="utf-8")
    fake_openai.enqueue_reply("ok", prompt_tokens=1_000_000, completion_tokens=500_000)
    result = make_client(model="my-local").complete(make_request(model="my-local"))
    assert result.cost_usd == pytest.approx(2.0)
