"""The public API: ``import summarizer`` stays cheap; compare/diff/load/render/schema take text as
``str`` and files as ``pathlib.Path``; the JSON matches the command line's."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import summarizer
from summarizer.testing.fake_openai import FakeOpenAIServer

ROOT = Path(__file__).resolve().parent.parent
OLD, NEW = ROOT / "examples" / "privacy-v1.md", ROOT / "examples" / "privacy-v2.md"


def _without_timings(record_json: str) -> dict:
    data = json.loads(record_json)
    data["provenance"].pop("timings_ms", None)
    return data


def test_import_loads_no_layer() -> None:
    code = "import sys, summarizer; print(sorted(m for m in sys.modules if m.startswith('summarizer')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "['summarizer', 'summarizer.about']"


def test_every_public_name_resolves() -> None:
    assert set(summarizer.__all__) == set(summarizer._EXPORTS) | {"DISCLAIMER", "__version__"}
    for name in summarizer.__all__:
        assert getattr(summarizer, name) is not None, name
    assert set(summarizer.__all__) <= set(dir(summarizer))
    with pytest.raises(AttributeError):
        summarizer.no_such_name  # noqa: B018
    assert summarizer.InputError is summarizer.errors.InputError
    assert issubclass(summarizer.InputError, summarizer.SummarizerError)
    assert "third_party_sharing" in summarizer.CATEGORY_IDS and summarizer.Severity("high").value == "high"


def test_compare_on_paths_gives_the_cli_record(invoke) -> None:
    record = summarizer.compare(OLD, NEW)
    assert isinstance(record, summarizer.ChangeRecord) and record.material and record.severity == "high"
    assert all(isinstance(c, summarizer.Change) for c in record.changes)
    code, out, err = invoke("compare", str(OLD), str(NEW), "--format", "json")
    assert code == 0, err
    assert _without_timings(summarizer.render(record, "json")) == _without_timings(out)


def test_str_is_text_never_a_file_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.md").write_text("# A\n\nWe will not sell your data.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("# A\n\nWe may sell your data.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    as_text = summarizer.compare("a.md", "b.md")  # the strings themselves, not the files
    assert as_text.provenance.old_source == "old" and as_text.provenance.new_source == "new"
    assert "sell" not in summarizer.render(as_text, "text")
    as_files = summarizer.compare(Path("a.md"), Path("b.md"))
    assert as_files.provenance.old_source == "a.md" and as_files.material


def test_text_and_files_give_the_same_findings() -> None:
    old_text, new_text = OLD.read_text(encoding="utf-8"), NEW.read_text(encoding="utf-8")
    from_text = summarizer.compare(old_text, new_text)
    from_files = summarizer.compare(OLD, NEW)
    assert from_text.model_dump(include={"severity", "categories", "changes"}) == from_files.model_dump(
        include={"severity", "categories", "changes"}
    )


def test_load_and_diff() -> None:
    doc = summarizer.load(OLD)
    assert isinstance(doc, summarizer.Document) and doc.source == str(OLD) and doc.title
    assert summarizer.load(doc) is doc
    text_doc = summarizer.load("<html><body><h1>T</h1><p>Hello</p></body></html>", name="page")
    assert text_doc.source == "page" and text_doc.format == "html" and "<p>" not in text_doc.text
    result = summarizer.diff(doc, NEW)
    assert isinstance(result, summarizer.DiffResult) and result.hunks
    assert not summarizer.diff("Same words.", "Same words.").hunks


def test_identical_versions_are_not_material() -> None:
    record = summarizer.compare("We keep data for 30 days.", "We keep data for 30 days.")
    assert record.material is False and record.severity == "none"


@pytest.mark.parametrize("bad", [b"bytes are not text", 42, None])
def test_other_types_are_refused(bad: object) -> None:
    with pytest.raises(summarizer.InputError, match="text \\(str\\), a file \\(pathlib.Path\\)"):
        summarizer.compare(bad, "text")  # type: ignore[arg-type]


def test_bad_input_raises_input_error(tmp_path: Path) -> None:
    with pytest.raises(summarizer.InputError, match="no such file"):
        summarizer.compare(tmp_path / "missing.md", NEW)
    with pytest.raises(summarizer.InputError, match="no text content"):
        summarizer.compare("   ", "text")
    with pytest.raises(summarizer.InputError) as unknown:
        summarizer.compare("a", "b", analyzer="magic")
    assert unknown.value.setting == "analyzer"
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 policy".encode("latin-1"))
    with pytest.raises(summarizer.InputError) as undecodable:
        summarizer.load(tmp_path / "latin.txt")
    assert undecodable.value.setting == "encoding" and "--" not in str(undecodable.value)
    assert "Café" in summarizer.load(tmp_path / "latin.txt", encoding="latin-1").text


def test_render_formats_and_schema(invoke) -> None:
    record = summarizer.compare(OLD, NEW)
    text = summarizer.render(record)
    assert record.headline[:20] in text and "\x1b[" not in text  # plain text by default
    assert summarizer.render(record, "markdown").startswith("# ")
    assert "<html" in summarizer.render(record, "html").lower()
    with pytest.raises(summarizer.InputError, match="unknown format"):
        summarizer.render(record, "pdf")
    code, out, _ = invoke("schema")
    assert code == 0 and json.loads(out) == summarizer.schema()


def test_compare_with_a_model_on_a_loopback_server() -> None:
    answer = {
        "changes": [],
        "material": False,
        "severity": "none",
        "categories": [],
        "headline": "Nothing of substance changed",
        "summary": "Only wording moved.",
        "impact": "None.",
        "actions": [],
        "interpretive_note": None,
    }
    with FakeOpenAIServer() as server:
        server.enqueue_reply(json.dumps(answer))
        record = summarizer.compare(
            "We keep data for 30 days.",
            "We keep data for 60 days.",
            analyzer="llm",
            model="gpt-4o-mini",
            base_url=server.base_url,
            api_key="sk-dummy-for-the-fake-server",
        )
        assert server.chat_requests[0].headers["authorization"] == "Bearer sk-dummy-for-the-fake-server"
    assert record.provenance.analyzer == "llm" and record.provenance.model == "gpt-4o-mini"
    assert record.headline  # whatever the checks made of the answer, a record came back
