"""Command-line face of the library. Thin: parse options, call library functions, print.

Each command group lives in its own module and registers itself on :data:`app`. Heavy libraries
(openai, langchain, sqlalchemy) are imported inside the commands that need them, so that
``summarizer --help`` stays fast.
"""

from __future__ import annotations

import signal
import sys

from summarizer.errors import SummarizerError

__all__ = ["app", "main"]


def _load_app():
    """The Typer app with every command registered (imported on demand: Typer brings pydantic)."""
    from summarizer.cli import (  # noqa: F401  (registration side effects)
        classify_cmd,
        compare_cmd,
        config_cmd,
        diff_cmd,
        eval_cmd,
        llm_cmd,
        platforms_cmd,
        store_cmd,
    )
    from summarizer.cli.app import app

    globals()["app"] = app  # importing the submodule bound the name to the module: rebind it
    return app


def __getattr__(name: str):
    if name == "app":
        return _load_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
    try:
        _run(argv)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _run(argv: list[str] | None) -> None:
    try:
        from summarizer.cli.diff_fast import run_fast_diff

        if run_fast_diff(sys.argv[1:] if argv is None else argv):  # `diff --format json` without Typer
            return
        result = _load_app()(args=argv, standalone_mode=False)
        # Typer turns Ctrl-C and typer.Exit(n) into a returned exit code when not standalone.
        if isinstance(result, int) and not isinstance(result, bool) and result != 0:
            if result == 130:
                _stopped()
            sys.exit(result)
    except SummarizerError as exc:
        if exc.exit_code == 0:
            print(str(exc), file=sys.stdout)
        else:
            print(f"error: {exc}", file=sys.stderr)
        sys.exit(exc.exit_code)
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
