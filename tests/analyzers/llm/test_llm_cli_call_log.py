"""The command line wires the database call log into the model analyzer: every call is logged in
the configured database, an identical run is answered from it, and --no-cache calls again."""

from __future__ import annotations

import json
from pathlib import Path

from summarizer.testing.fake_openai import ScriptedResponse, chat_completion


def _model_calls(db: Path) -> list[tuple[bool, bool]]:
    from sqlmodel import Session, select

    from summarizer.store.db import get_engine
    from summarizer.store.models import ModelCall

    with Session(get_engine(f"sqlite:///{db}")) as session:
        return [(r.ok, r.cached) for r in session.exec(select(ModelCall).order_by(ModelCall.id)).all()]


def test_compare_logs_every_call_in_the_database_and_serves_repeats(
    kit, fake_openai, home_db: Path, tmp_path: Path, capsys, monkeypatch
) -> None:
    from summarizer.cli import main

    fake_openai.responder = lambda body: ScriptedResponse(200, chat_completion(kit.answer([kit.change()])))
    monkeypatch.setenv("SUMMARIZER_MAX_OUTPUT_TOKENS", "777")  # the environment reaches the request
    (tmp_path / "old.md").write_text(kit.OLD_TEXT)
    (tmp_path / "new.md").write_text(kit.NEW_TEXT)
    args = [
        "compare",
        str(tmp_path / "old.md"),
        str(tmp_path / "new.md"),
        "--analyzer",
        "llm",
        "--base-url",
        fake_openai.base_url,
        "--format",
        "json",
    ]

    def run(*more: str) -> dict:
        try:
            main([*args, *more])
        except SystemExit as exc:
            assert exc.code in (0, None)
        return json.loads(capsys.readouterr().out)

    first = run()
    assert len(fake_openai.chat_requests) == 1 and fake_openai.chat_requests[0].body["max_tokens"] == 777
    assert _model_calls(home_db) == [(True, False)]
    again = run()
    assert len(fake_openai.chat_requests) == 1 and again["provenance"]["tokens"]["cache_hits"] == 1
    assert again["changes"] == first["changes"]
    run("--no-cache")
    assert len(fake_openai.chat_requests) == 2
    assert _model_calls(home_db) == [(True, False), (True, True), (True, False)]
