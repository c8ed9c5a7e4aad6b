"""The CLI's executor for the diff's heaviest step: on a very large diff the engine computes half
the hunks' signals on it, in a second process forked from the CLI's own (the library never starts
one itself). ``SUMMARIZER_NO_FORK`` keeps the diff on one core."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:  # pragma: no cover
    from concurrent.futures import Executor, Future


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
    pool = _PoolOnFirstUse()
    try:
        # Not an Executor subclass (importing concurrent.futures costs start-up time), but it has the
        # one method the diff calls: submit.
        yield cast("Executor", pool)
    finally:
        pool.shutdown()


class _PoolOnFirstUse:
    """A one-worker fork pool whose modules (multiprocessing, concurrent.futures: ~9 ms) are
    imported by the first :meth:`submit`, so a diff too small to use it never pays for them."""

    def __init__(self) -> None:
        self._pool: Executor | None = None

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        if self._pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
        return self._pool.submit(fn, *args, **kwargs)

    def shutdown(self) -> None:
        """Wait for the worker to finish and stop it (as leaving the pool's ``with`` block did)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True)
