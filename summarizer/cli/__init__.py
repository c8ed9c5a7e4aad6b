"""Command-line face of the library. Thin: parse options, call library functions, print.

Each command group lives in its own module and registers itself on :data:`app`. Heavy libraries
(openai, langchain, sqlalchemy) are imported inside the commands that need them, so that
``summarizer --help`` stays fast.
"""

from __future__ import annotations

import signal
import sys
from types import ModuleType

from summarizer.errors import SummarizerError

__all__ = ["app", "entry", "main"]


# The module that registers each command: a run imports only the one it needs (building every
# command's options costs start-up time). Commands not listed here load every module.
_COMMAND_MODULES = {
    "classify": "classify_cmd",
    "compare": "compare_cmd",
    "schema": "compare_cmd",
    "config": "config_cmd",
    "diff": "diff_cmd",
    "eval": "eval_cmd compliance_cmd",
    "prompts": "llm_cmd",
    "ingest": "store_cmd",
    "track": "store_cmd",
    "history": "store_cmd",
    "show": "store_cmd",
    "site": "site_cmd",
    "platforms": "platforms_cmd",
    "example": "example_cmd",
}


def _command_of(argv: list[str] | None) -> str | None:
    """The command named on the command line (the first word that is not an option), if any."""
    args = sys.argv[1:] if argv is None else argv
    return next((a for a in args if not a.startswith("-")), None)


def _load_app(command: str | None = None):
    """The Typer app with *command*'s module registered, or every command when *command* is None
    or not in :data:`_COMMAND_MODULES` (imported on demand: Typer brings pydantic)."""
    module = _COMMAND_MODULES.get(command or "")
    if module is not None:
        import importlib

        for name in module.split():  # a command's subcommands may live in several modules
            importlib.import_module(f"summarizer.cli.{name}")
        from summarizer.cli.app import app

        return app
    from summarizer.cli import (  # noqa: F401  (registration side effects)
        classify_cmd,
        compare_cmd,
        compliance_cmd,
        config_cmd,
        diff_cmd,
        eval_cmd,
        example_cmd,
        llm_cmd,
        platforms_cmd,
        site_cmd,
        store_cmd,
    )
    from summarizer.cli.app import app

    return app


class _Package(ModuleType):
    """This package's module type. The name ``app`` is both the Typer app (``from summarizer.cli
    import app``) and the submodule defining it: the import system binds the package's ``app`` to
    the submodule the first time anything imports it (a command module, a test importing one), and
    a plain module attribute would then shadow the app. A property on the type wins over that
    binding, so the package's ``app`` is the app with every command, whatever was imported first
    (the submodule stays ``sys.modules["summarizer.cli.app"]``)."""

    @property
    def app(self):  # noqa: ANN201  (typer.Typer, imported on demand)
        return _load_app()

    @app.setter
    def app(self, value: object) -> None:
        if not isinstance(value, ModuleType):  # the import system's binding of the submodule: ignore
            raise AttributeError("summarizer.cli.app is the Typer app and cannot be replaced")


sys.modules[__name__].__class__ = _Package


_terminated = False


def _on_sigterm(signum: int, frame: object) -> None:
    """SIGTERM (a service manager stopping us) unwinds like Ctrl-C, so every cleanup runs: a
    tracker hands its claims back, a run already stored stays stored."""
    global _terminated
    _terminated = True
    raise KeyboardInterrupt


def _stopped() -> None:
    """One line and the conventional exit code for a run stopped by Ctrl-C (130) or SIGTERM (143)."""
    what, code = ("terminated", 143) if _terminated else ("interrupted", 130)
    print(f"{what}: work done so far is saved; run the same command again to resume", file=sys.stderr)
    sys.exit(code)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app, turning library errors into one line and an exit code."""
    global _terminated
    _terminated = False
    try:
        previous = signal.signal(signal.SIGTERM, _on_sigterm)
    except ValueError:  # not the main thread: leave signals alone
        previous = None
    from summarizer.cli.safe_output import install

    streams = install()  # nothing printed can drive the terminal; a failed write is one line
    _quiet_logs()
    try:
        _run(argv)
        _flush()
    finally:
        _warn_readable_secrets()
        sys.stdout, sys.stderr = streams
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def entry() -> None:
    """The ``summarizer`` command and ``python -m summarizer``: :func:`main`, then leave without
    the interpreter's teardown (freeing every object one by one: about 15 ms of a short
    ``compare``) when nothing is left to close. Tests call :func:`main`, which always returns or
    raises."""
    try:
        main()
    except SystemExit as exc:
        _leave_now(exc.code)
        raise
    _leave_now(0)


# Loaded means something may still need closing at exit: handlers to flush, a connection to end
# politely, worker processes or threads to join.
_NEEDS_TEARDOWN = (
    "logging",
    "sqlalchemy",
    "sqlite3",
    "psycopg",
    "psycopg2",
    "multiprocessing",
    "concurrent.futures",
)


def _leave_now(code: object) -> None:
    """End the process with *code* at once when it is safe: an integer code, none of
    :data:`_NEEDS_TEARDOWN` loaded, one thread, and both streams flushed. The exit handlers run
    first, as at any exit; only the freeing of every module's objects is skipped. Otherwise
    return, and Python exits the usual way."""
    import atexit
    import os

    if code is not None and not isinstance(code, int):
        return  # a message as the exit code: Python prints it
    run_handlers = getattr(atexit, "_run_exitfuncs", None)
    if run_handlers is None or any(name in sys.modules for name in _NEEDS_TEARDOWN):
        return
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError, SummarizerError):
        return  # a closed pipe or stream: let Python report it as it always has
    run_handlers()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    os._exit(code or 0)


def _warn_readable_secrets() -> None:
    """One warning line per key or config file read that other users can read."""
    from summarizer.config import readable_by_others

    for message in readable_by_others():
        try:
            print(f"warning: {message}", file=sys.stderr)
        except (OSError, SummarizerError):
            pass


def _quiet_logs() -> None:
    """A failure is one line (``error: ...``), not the retry notices that led to it: the library's
    log goes to stderr only when ``SUMMARIZER_LOG`` names a level (``info``, ``warning``)."""
    from summarizer.config import log_level

    level = log_level()
    if not level and "logging" not in sys.modules:  # most runs never log: don't import it (~5 ms)
        if not any(isinstance(f, _WhenLoggingImported) for f in sys.meta_path):
            sys.meta_path.insert(0, _WhenLoggingImported())
        return
    import logging

    logger = logging.getLogger("summarizer")
    if level and isinstance(logging.getLevelName(level), int):
        if not logger.handlers:
            handler = logging.StreamHandler()
            handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
            logger.addHandler(handler)
        logger.setLevel(level)
        return
    if not logger.handlers:  # a handler of our own keeps Python's last-resort printer away
        logger.addHandler(logging.NullHandler())


def _null_handler(logging) -> None:  # noqa: ANN001  (the logging module)
    logger = logging.getLogger("summarizer")
    if not logger.handlers:  # a handler of our own keeps Python's last-resort printer away
        logger.addHandler(logging.NullHandler())


class _WhenLoggingImported:
    """An import hook that, once the first module that logs imports :mod:`logging`, gives the
    library's logger the handler :func:`_quiet_logs` would have given it up front (and then
    leaves the import system as it was)."""

    def find_spec(self, name: str, path=None, target=None):  # noqa: ANN001, ANN201
        if name != "logging":
            return None
        from importlib.machinery import PathFinder

        sys.meta_path.remove(self)
        spec = PathFinder.find_spec(name, path)
        loader = getattr(spec, "loader", None)
        run = getattr(loader, "exec_module", None)
        if run is None:  # not an ordinary source module: import it plainly, then add the handler
            return None

        def exec_module(module) -> None:  # noqa: ANN001
            run(module)
            _null_handler(module)

        loader.exec_module = exec_module  # type: ignore[union-attr]  # this spec's own loader
        return spec


def _flush() -> None:
    """Flush standard output now, so that a full disk or a closed pipe is one line and exit 2
    rather than a traceback when Python flushes it at exit."""
    try:
        sys.stdout.flush()
    except SummarizerError as exc:
        from summarizer.cli.errors import exit_code, message

        try:
            print(f"error: {message(exc)}", file=sys.stderr)
        except (OSError, SummarizerError):
            pass
        sys.exit(exit_code(exc))


def _run(argv: list[str] | None) -> None:
    try:
        from summarizer.cli.run_commands import run_fast

        if run_fast(sys.argv[1:] if argv is None else argv):  # `diff` and `compare` without Typer
            return
        result = _load_app(_command_of(argv))(args=argv, standalone_mode=False)
        # Typer turns Ctrl-C and typer.Exit(n) into a returned exit code when not standalone.
        if isinstance(result, int) and not isinstance(result, bool) and result != 0:
            if result == 130:
                _stopped()
            sys.exit(result)
    except SummarizerError as exc:
        from summarizer.cli.errors import exit_code, message

        code = exit_code(exc)
        try:
            if code == 0:
                print(message(exc), file=sys.stdout)
            else:
                print(f"error: {message(exc)}", file=sys.stderr)
        except (OSError, SummarizerError):
            pass
        sys.exit(code)
    except KeyboardInterrupt:
        _stopped()
    except _click_exceptions() as exc:  # usage errors from click/typer
        _handle_click(exc)


def _click_exceptions() -> tuple[type[BaseException], ...]:
    import typer

    return (typer.TyperException, typer.Exit, typer.Abort)


def _handle_click(exc: BaseException) -> None:
    import typer

    if isinstance(exc, typer.Exit):
        sys.exit(getattr(exc, "exit_code", getattr(exc, "code", 0)))
    if isinstance(exc, typer.Abort):
        if _terminated:
            _stopped()
        print("aborted", file=sys.stderr)
        sys.exit(130)
    format_message = getattr(exc, "format_message", None)
    message = format_message() if callable(format_message) else str(exc)
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        message = f"{message} (see '{ctx.command_path} --help')"
    print(f"error: {message}", file=sys.stderr)
    sys.exit(getattr(exc, "exit_code", 2) or 2)
