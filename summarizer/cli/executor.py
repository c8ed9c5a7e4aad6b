"""The CLI's executor for the diff's heaviest step: on a very large diff the engine computes half
the hunks' signals on it, in a second process forked from the CLI's own (the library never starts
one itself). ``SUMMARIZER_NO_FORK`` keeps the diff on one core."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from concurrent.futures import Executor


@contextmanager
def signals_executor() -> Iterator[Executor | None]:
    """A one-worker process pool (forked on first use, so a small diff never starts it), or None
    where forking is unavailable, pointless (one core) or switched off."""
    import os
    import threading

    from summarizer.config import fork_allowed

    # forking a process that runs other threads is unsafe
    if not (
        hasattr(os, "fork") and (os.cpu_count() or 1) > 1 and threading.active_count() == 1 and fork_allowed()
    ):
        yield None
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork")) as pool:
        yield pool
