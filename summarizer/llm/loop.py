"""Running the client's async core for sync callers: one event loop in a daemon thread.

The loop lives as long as the client (its HTTP connections are reused from call to call) and
works whether or not the caller already runs an event loop of its own.
"""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


class LoopThread:
    """An event loop in a daemon thread, started on first use and again after a fork."""

    def __init__(self, name: str = "summarizer-llm") -> None:
        self._name = name
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._pid = 0

    def run(self, factory: Callable[[], Coroutine[Any, Any, T]]) -> T:
        """Run the coroutine *factory* makes to completion on the loop and return its result."""
        loop = self._started()
        if threading.current_thread() is self._thread:  # called from our own loop: do not block it
            with ThreadPoolExecutor(max_workers=1) as pool:
                return pool.submit(lambda: asyncio.run(factory())).result()
        future = asyncio.run_coroutine_threadsafe(factory(), loop)
        try:
            return future.result()
        except BaseException:
            future.cancel()  # Ctrl-C in the caller: stop the work it was waiting for
            raise

    @property
    def loop(self) -> asyncio.AbstractEventLoop | None:
        """The loop, when it is running in this process."""
        return self._loop if self._pid == os.getpid() else None

    def stop(self) -> None:
        """Stop the loop and wait for its thread (a later :meth:`run` starts a new one)."""
        with self._lock:
            loop, thread = self.loop, self._thread
            self._loop = self._thread = None
        if loop is None or thread is None:
            return
        loop.call_soon_threadsafe(loop.stop)
        if thread is not threading.current_thread():
            thread.join()
            loop.run_until_complete(loop.shutdown_default_executor())
            loop.close()

    def _started(self) -> asyncio.AbstractEventLoop:
        with self._lock:
            if self._loop is None or self._pid != os.getpid():
                loop = asyncio.new_event_loop()
                thread = threading.Thread(target=loop.run_forever, name=self._name, daemon=True)
                thread.start()
                self._loop, self._thread, self._pid = loop, thread, os.getpid()
            return self._loop
