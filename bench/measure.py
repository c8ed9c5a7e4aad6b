"""How the benchmarks time a command: the process itself, measured by the OS.

- Wall time is taken around the child: started just before ``fork``, stopped when ``os.wait4``
  returns, which blocks until the child exits (no polling: ``subprocess.run(timeout=...)`` sleeps
  in steps of up to 50 ms, so every time it reports is a poll point).
- CPU time (user + system) and peak memory (max resident set) come from the rusage ``wait4``
  returns for that one child.
- Our side runs the checkout's own code: ``sys.executable -m summarizer`` with PYTHONPATH set to
  this checkout, never whatever ``summarizer`` is first on PATH.
- Bytecode is cached (outside the checkout), as in an installed package, even where the shell sets
  PYTHONDONTWRITEBYTECODE.
- :func:`interleave` runs the commands round-robin, so machine load falls on ours and the peer's
  runs alike; :func:`machine` prints the load average beside the figures.
"""

from __future__ import annotations

import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OTA = ROOT / "evals" / "data" / "ota"
PYCACHE = os.path.join(tempfile.gettempdir(), "summarizer-bench-pycache")


# Peak memory: the kernel's max resident set for a child counts the memory it shared with the
# parent before exec (Python forks with vfork), so a bench holding large inputs would report its own
# size for every small command. GNU time, itself tiny, reports its child's peak; without it, the
# figure is the OS's and is at least the bench's own size.
GNU_TIME = "/usr/bin/time" if Path("/usr/bin/time").exists() else None


@dataclass
class Run:
    wall: float  # seconds
    cpu: float  # seconds, user + system
    peak_mb: float  # max resident set size
    code: int | None  # exit code; None when killed at the timeout


def ours(*args: str) -> list[str]:
    """The checkout's own command line (see :func:`checkout_env`)."""
    return [sys.executable, "-m", "summarizer", *args]


def checkout_env(home: str | None = None) -> dict[str, str]:
    """Environment for our runs: this checkout first on PYTHONPATH, a private state directory, no key."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    env["SUMMARIZER_HOME"] = home or tempfile.mkdtemp(prefix="bench-home-")
    env.pop("OPENAI_API_KEY", None)
    # Bytecode as an installed package has it: compiled once (by the warm-up run) and reused, in a
    # cache outside the checkout. With PYTHONDONTWRITEBYTECODE set (as in some CI and sandbox
    # shells) every run would recompile the checkout's sources, ~80 ms no user pays.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = PYCACHE
    return env


def run(
    cmd: list[str], env: dict[str, str] | None = None, timeout: float | None = None, cwd: Path = ROOT
) -> Run:
    """Run *cmd* once, output discarded; wall, CPU and peak memory of that process."""
    peak_file = None
    if GNU_TIME:  # the child's own peak, not the forking parent's (see GNU_TIME)
        fd, peak_file = tempfile.mkstemp(prefix="bench-peak-")
        os.close(fd)
        cmd = [GNU_TIME, "-f", "%M", "-o", peak_file, *cmd]
    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=cwd, start_new_session=True
    )
    killed = threading.Event()

    def kill() -> None:
        killed.set()
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # the command and GNU time around it
        except ProcessLookupError:
            pass

    timer = threading.Timer(timeout, kill) if timeout else None
    if timer:
        timer.start()
    try:
        _, status, usage = os.wait4(proc.pid, 0)
    finally:
        if timer:
            timer.cancel()
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here: keep Popen from waiting again
    peak = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    if peak_file:
        try:
            peak = int(Path(peak_file).read_text().split()[-1]) / 1024
        except (ValueError, IndexError):
            pass  # killed before it wrote: keep the OS figure
        os.unlink(peak_file)
    code = None if killed.is_set() else proc.returncode
    return Run(wall, usage.ru_utime + usage.ru_stime, peak, code)


def interleave(
    cmds: dict[str, list[str]],
    repeats: int,
    env: dict[str, str],
    timeout: float | None = None,
    ok: dict[str, tuple[int, ...]] | None = None,
    warmup: bool = True,
) -> dict[str, list[Run]]:
    """Each command *repeats* times, round-robin (A B C A B C ...), after one untimed warm-up each
    (bytecode and file cache; skipped for long runs with ``warmup=False``)."""
    ok = ok or {}
    for cmd in cmds.values() if warmup else ():
        run(cmd, env, timeout)
    out: dict[str, list[Run]] = {name: [] for name in cmds}
    for _ in range(repeats):
        for name, cmd in cmds.items():
            r = run(cmd, env, timeout)
            if r.code is not None and r.code not in ok.get(name, (0,)):
                sys.exit(f"{name}: {' '.join(cmd)} exited {r.code}")
            out[name].append(r)
    return out


def median(runs: list[Run], what: str = "wall") -> float:
    return statistics.median(getattr(r, what) for r in runs)


def machine() -> str:
    """CPU count and load average, to print beside the figures."""
    one, five, fifteen = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    return f"{os.cpu_count()} CPUs, load average {one:.2f} {five:.2f} {fifteen:.2f}"


def words(*paths: Path) -> int:
    return sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
