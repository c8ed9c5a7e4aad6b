"""Fixtures for the LLM client tests: a loopback fake OpenAI server and clients pointed at it."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from summarizer.llm import ChatRequest, LLMClient
from summarizer.store.model_calls import ModelCallStore
from summarizer.testing.fake_openai import FakeOpenAIServer

# A key that must never show up in logs, rows or errors (distinctive, so a leak is unmistakable).
SECRET_KEY = "sk-proj-SECRETKEY0123456789abcdefNEVERLOG"


@pytest.fixture
def fake_openai() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as server:
        yield server


@pytest.fixture
def db_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'calls.db'}"


@pytest.fixture
def sleeps() -> list[float]:
    """Backoff waits the client asked for (the injected sleep records instead of waiting)."""
    return []


@pytest.fixture
def make_client(
    fake_openai: FakeOpenAIServer, db_url: str, sleeps: list[float]
) -> Iterator[Callable[..., LLMClient]]:
    made: list[LLMClient] = []

    def make(**overrides: Any) -> LLMClient:
        options: dict[str, Any] = {
            "model": "gpt-4o-mini",
            "base_url": fake_openai.base_url,
            "api_key": SECRET_KEY,
            "call_log": ModelCallStore(db_url),
            "sleep": sleeps.append,
            "timeout": 5.0,
            "max_retries": 3,
        }
        options.update(overrides)
        client = LLMClient(**options)
        made.append(client)
        return client

    yield make
    for client in made:
        client.close()


@pytest.fixture
def secret_key() -> str:
    return SECRET_KEY


@pytest.fixture
def make_request() -> Callable[..., ChatRequest]:
    """``make_request(text, **ChatRequest fields)``: a two-message request for gpt-4o-mini."""

    def make(text: str = "Summarise the change.", **kwargs: Any) -> ChatRequest:
        kwargs.setdefault("model", "gpt-4o-mini")
        messages = [{"role": "system", "content": "Answer in JSON."}, {"role": "user", "content": text}]
        return ChatRequest(messages=messages, **kwargs)

    return make


@pytest.fixture
def rows(db_url: str) -> Callable[[], list[Any]]:
    """``rows()``: every ModelCall row written so far, oldest first."""

    def read() -> list[Any]:
        from sqlmodel import Session, select

        from summarizer.store.db import get_engine
        from summarizer.store.models import ModelCall

        with Session(get_engine(db_url)) as session:
            return list(session.exec(select(ModelCall).order_by(ModelCall.id)).all())

    return read


@pytest.fixture
def parse_answer() -> Callable[[str], dict]:
    """A strict parser in the style callers use: a JSON object with a string 'answer'."""

    def parse(text: str) -> dict:
        value = json.loads(text)
        if not isinstance(value, dict) or not isinstance(value.get("answer"), str):
            raise ValueError("expected an object with a string 'answer'")
        return value

    return parse
