"""Running the client's async core for sync callers: one event loop in a daemon thread.

The loop lives as long as the client (its HTTP connections are reused from call to call), works
whether or not the caller already runs an event loop of its own, and may serve several caller
threads at once: closing it while calls are in flight waits for the last of them.
"""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
Cleanup = Callable[[], Coroutine[Any, Any, None]]


class LoopThread:
    """An event loop in a daemon thread, started on first use (and again after a fork)."""

    def __init__(self, name: str = "summarizer-llm") -> None:
        self._name = name
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._pid = 0
        self._active = 0  # run() calls in progress
        self._closing: Cleanup | None = None  # a close() waiting for them

    def run(self, factory: Callable[[], Coroutine[Any, Any, T]]) -> T:
        """Run the coroutine *factory* makes to completion on the loop and return its result."""
        with self._lock:
            loop = self._started()
            thread: threading.Thread | None = self._thread
            self._active += 1
        try:
            if threading.current_thread() is thread:  # called from our own loop: do not block it
                with ThreadPoolExecutor(max_workers=1) as pool:
                    return pool.submit(lambda: asyncio.run(factory())).result()
            future = asyncio.run_coroutine_threadsafe(factory(), loop)
            try:
                return future.result()
            except BaseException:
                future.cancel()  # Ctrl-C in the caller: stop the work it was waiting for
                raise
        finally:
            with self._lock:
                self._active -= 1
                cleanup, detached = self._closing, None
                if self._active == 0 and cleanup is not None:  # the last call out does a waiting close()
                    self._closing, detached = None, self._detach()
            if cleanup is not None and detached is not None:
                _shut_down(*detached, cleanup)

    def close(self, cleanup: Cleanup) -> None:
        """Run *cleanup* on the loop, then stop it: now, or after the last call in progress."""
        with self._lock:
            if self._loop is None or self._pid != os.getpid():
                return
            if self._active:
                self._closing = cleanup
                return
            detached = self._detach()
        _shut_down(*detached, cleanup)

    def _started(self) -> asyncio.AbstractEventLoop:
        if self._loop is None or self._pid != os.getpid():
            loop = asyncio.new_event_loop()
            thread = threading.Thread(target=loop.run_forever, name=self._name, daemon=True)
            thread.start()
            self._loop, self._thread, self._pid = loop, thread, os.getpid()
        return self._loop

    def _detach(self) -> tuple[asyncio.AbstractEventLoop, threading.Thread]:
        """Forget the running loop (a later run() starts a new one) and hand it over."""
        loop, thread = self._loop, self._thread
        assert loop is not None and thread is not None
        self._loop = self._thread = None
        return loop, thread


def _shut_down(loop: asyncio.AbstractEventLoop, thread: threading.Thread, cleanup: Cleanup) -> None:
    asyncio.run_coroutine_threadsafe(cleanup(), loop).result()
    loop.call_soon_threadsafe(loop.stop)
    if thread is not threading.current_thread():
        thread.join()
        loop.run_until_complete(loop.shutdown_default_executor())
        loop.close()
