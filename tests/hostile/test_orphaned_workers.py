"""A tracking worker stops when its parent is killed (issue 16, item 8)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from tests.hostile.conftest import ROOT

PARENT = """
import multiprocessing, os, time
from summarizer import tracking


class EndlessJob:
    def run(self, limit=None, on_progress=None, total=None):
        while True:
            time.sleep(0.2)


if __name__ == "__main__":
    ctx = multiprocessing.get_context("spawn")
    q = ctx.Queue()
    child = ctx.Process(target=tracking._child_main, args=(EndlessJob(), None, q, os.getpid()), daemon=True)
    child.start()
    print(child.pid, flush=True)
    child.join()
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie waiting for init to reap it is gone too
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split()[2] != "Z"
    except OSError:
        return False


def test_worker_exits_when_its_parent_is_killed(tmp_path) -> None:
    script = tmp_path / "parent.py"
    script.write_text(PARENT)
    parent = subprocess.Popen(
        [sys.executable, str(script)],
        stdout=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=str(ROOT),
    )
    child = int(parent.stdout.readline())
    try:
        assert _alive(child)
        parent.send_signal(signal.SIGKILL)
        parent.wait(timeout=30)
        for _ in range(600):  # wait until it is gone (a generous bound, not a timing claim)
            if not _alive(child):
                break
            time.sleep(0.1)
        assert not _alive(child), "the worker outlived its killed parent"
    finally:
        if _alive(child):
            os.kill(child, signal.SIGKILL)
