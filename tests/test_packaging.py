"""What an installed package needs: the bundled prompts and example are found inside the package
first (a wheel), else in the checkout; `eval run` without cases points at --cases. The wheel itself
is built, installed and exercised by .ci/check-wheel.sh."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer import config

ROOT = Path(__file__).resolve().parent.parent


def test_checkout_folders_when_nothing_is_packaged() -> None:
    assert not (config.PACKAGE_DIR / "prompts").exists()  # the checkout keeps them at the top level
    assert config.prompts_dir() == ROOT / "prompts" and config.examples_dir() == ROOT / "examples"


def test_packaged_copy_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "site-packages" / "summarizer"
    (package / "prompts").mkdir(parents=True)
    (package / "examples").mkdir()
    monkeypatch.setattr(config, "PACKAGE_DIR", package)
    assert config.prompts_dir() == package / "prompts" and config.examples_dir() == package / "examples"
    monkeypatch.setenv("SUMMARIZER_PROMPTS_DIR", str(tmp_path / "mine"))
    assert config.prompts_dir() == tmp_path / "mine"  # the environment still wins


def test_setup_copies_the_folders_config_reads() -> None:
    text = (ROOT / "setup.py").read_text(encoding="utf-8")
    assert 'BUNDLED = ("prompts", "examples")' in text
    for name in ("prompts", "examples"):
        assert (ROOT / name).is_dir()
        assert f"graft {name}" in (ROOT / "MANIFEST.in").read_text(encoding="utf-8")


def test_example_command_prints_both_versions(invoke) -> None:
    code, out, err = invoke("example")
    assert code == 0, err
    old, new = (Path(line) for line in out.splitlines())
    assert old.name == "privacy-v1.md" and new.name == "privacy-v2.md" and old.is_file() and new.is_file()
    code, out, _ = invoke("compare", str(old), str(new), "--format", "json")
    assert code == 0 and '"severity": "high"' in out


def test_eval_run_without_cases_points_at_the_option(
    invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("summarizer.evals.cases.PROJECT_ROOT", tmp_path / "site-packages")
    code, out, err = invoke("eval", "run")
    assert code == 2 and out == ""
    assert err.startswith("error: no eval cases here") and "--cases" in err and err.count("\n") == 1
