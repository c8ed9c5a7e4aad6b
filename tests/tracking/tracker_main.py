"""Run the real ``summarizer`` command line with test hooks, for the kill and concurrency tests.

- ``TRACK_TEST_DELAY``: seconds to sleep before analysing each pair, so that a run is reliably
  still going when a test interrupts it;
- ``TRACK_TEST_FAIL_AFTER``: analyse this many pairs, then fail as an unreachable model would;
- ``TRACK_TEST_READY`` / ``TRACK_TEST_GO``: touch the first file, then wait for the second to
  exist before starting (lines up concurrent trackers).

The hooks are installed at import time, so worker processes of ``--workers N`` (which re-import
this script) get them too. Everything else is the unmodified command.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import summarizer.api as _pipeline

_DELAY = float(os.environ.get("TRACK_TEST_DELAY") or 0)
_FAIL_AFTER = os.environ.get("TRACK_TEST_FAIL_AFTER")
_original = _pipeline.analyze
_calls = 0


def _hooked_analyze(*args, **kwargs):
    global _calls
    if _FAIL_AFTER is not None and _calls >= int(_FAIL_AFTER):
        from summarizer.errors import UpstreamError

        raise UpstreamError("model endpoint unreachable after 3 attempts (test)")
    _calls += 1
    if _DELAY:
        time.sleep(_DELAY)
    return _original(*args, **kwargs)


_pipeline.analyze = _hooked_analyze


def main() -> None:
    ready, go = os.environ.get("TRACK_TEST_READY"), os.environ.get("TRACK_TEST_GO")
    if ready and go:
        Path(ready).touch()
        deadline = time.monotonic() + 60
        while not Path(go).exists() and time.monotonic() < deadline:
            time.sleep(0.02)
    from summarizer.cli import main as cli_main

    cli_main(sys.argv[1:])


if __name__ == "__main__":
    main()
