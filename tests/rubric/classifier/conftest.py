"""Shared helpers for the classifier tests: the committed ToS;DR development set and its scorer."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[3]
TOSDR = ROOT / "evals" / "tosdr"


def load_devset() -> list[dict]:
    lines = (TOSDR / "devset.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def micro_f1(gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]]) -> float:
    """Micro-averaged F1 over multi-label predictions (the figure bench/classifier_eval.py prints)."""
    tp = fp = fn = 0
    for g, p in zip(gold, pred, strict=True):
        gs, ps = set(g), set(p)
        tp += len(gs & ps)
        fp += len(ps - gs)
        fn += len(gs - ps)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@pytest.fixture(scope="session")
def devset() -> list[dict]:
    return load_devset()


@pytest.fixture(scope="session")
def tosdr_dir() -> Path:
    return TOSDR


@pytest.fixture(scope="session")
def scorer():
    return micro_f1


@pytest.fixture(scope="session")
def learner() -> ModuleType:
    """``evals/tosdr/learn_weights.py`` (the trainer of the classifier's learned weights)."""
    spec = importlib.util.spec_from_file_location("tosdr_learn_weights", TOSDR / "learn_weights.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module
