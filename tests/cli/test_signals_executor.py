"""The CLI's signals executor: a forked one-worker pool the diff may use, or none when switched off."""

from __future__ import annotations

from summarizer.cli.executor import signals_executor
from summarizer.diffing.engine import signals_batch


def test_no_fork_setting_gives_no_executor(monkeypatch) -> None:
    monkeypatch.setenv("SUMMARIZER_NO_FORK", "1")
    with signals_executor() as executor:
        assert executor is None


def test_the_executor_computes_signals_in_a_second_process(monkeypatch) -> None:
    import os

    monkeypatch.delenv("SUMMARIZER_NO_FORK", raising=False)
    pairs = [("We will not sell your data.", "We may sell your data to partners.")]
    with signals_executor() as executor:
        if executor is None:  # one core, no fork on this platform, or other threads running
            # (forking them is unsafe; e.g. tests/site's served_site server when run before): nothing to test
            import threading

            assert not hasattr(os, "fork") or (os.cpu_count() or 1) == 1 or threading.active_count() > 1
            return
        assert executor.submit(os.getpid).result() != os.getpid()
        assert executor.submit(signals_batch, pairs).result() == signals_batch(pairs)
