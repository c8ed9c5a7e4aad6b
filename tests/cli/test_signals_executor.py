"""The CLI's signals executor: a forked one-worker pool the diff may use, or none when switched off."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from summarizer.cli.executor import signals_executor


def test_no_fork_setting_gives_no_executor(monkeypatch) -> None:
    monkeypatch.setenv("SUMMARIZER_NO_FORK", "1")
    with signals_executor() as executor:
        assert executor is None


_IN_A_FRESH_PROCESS = """
import os
from summarizer.cli.executor import signals_executor
from summarizer.diffing.engine import signals_batch

pairs = [("We will not sell your data.", "We may sell your data to partners.")]
with signals_executor() as executor:
    assert executor is not None, "no executor in a fresh single-threaded process"
    assert executor.submit(os.getpid).result() != os.getpid()
    assert executor.submit(signals_batch, pairs).result() == signals_batch(pairs)
print("ok")
"""


@pytest.mark.skipif(not hasattr(os, "fork") or (os.cpu_count() or 1) == 1, reason="needs fork and two cores")
def test_the_executor_computes_signals_in_a_second_process() -> None:
    """Run in a fresh interpreter: the executor rightly declines to fork a process that runs other
    threads, and earlier tests in this one (a served site, a model client) may have left some."""
    env = {k: v for k, v in os.environ.items() if k != "SUMMARIZER_NO_FORK"}
    done = subprocess.run(
        [sys.executable, "-c", _IN_A_FRESH_PROCESS], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_running_threads_give_no_executor(monkeypatch) -> None:
    """Forking a process that runs other threads is unsafe, so the executor is not offered then."""
    import threading

    monkeypatch.delenv("SUMMARIZER_NO_FORK", raising=False)
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait, daemon=True)
    worker.start()
    try:
        with signals_executor() as executor:
            assert executor is None
    finally:
        stop.set()
        worker.join()
