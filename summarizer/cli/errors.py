"""How the CLI reports the library's errors: the one place that maps exception classes to exit codes
and names the command-line flag behind a setting.

The library raises :mod:`summarizer.errors` exceptions that carry neither exit codes nor flag names;
an error may say which setting is at fault (``exc.setting``, in the Python API's spelling), and
this module adds the flag a command-line user would change.
"""

from __future__ import annotations

from summarizer.errors import GateFailed, InputError, NoChange, SummarizerError, UpstreamError

# Most specific class first: the first match wins.
EXIT_CODES: tuple[tuple[type[SummarizerError], int], ...] = (
    (NoChange, 0),  # not a failure: the line goes to stdout
    (GateFailed, 1),  # an eval gate failed
    (InputError, 2),  # bad input or usage
    (UpstreamError, 3),  # the model server failed after retries
    (SummarizerError, 2),
)

# Setting (the library's name) -> how a command-line user changes it. A setting not listed here is
# spelled as a flag mechanically (max_cost -> --max-cost); None means the message already says it.
FLAG_HINTS: dict[str, str | None] = {
    "api_key": None,
    "model": "pass --model",
    "base_url": "see --base-url",
    "encoding": "pass --encoding, e.g. --encoding latin-1",
    "force": "pass --force to overwrite",
    "service": "pass --service and --document",
    "max_regression": "see --max-regression and --max-grade-rise",
    "case_id": "see --id",
    "max_cost": "see --max-cost",
}


def exit_code(exc: SummarizerError) -> int:
    """The exit code for a library error."""
    for cls, code in EXIT_CODES:
        if isinstance(exc, cls):
            return code
    return 2


def message(exc: SummarizerError) -> str:
    """The error's one line, with the flag behind its setting when there is one."""
    text = str(exc)
    setting = getattr(exc, "setting", None)
    if not setting:
        return text
    hint = FLAG_HINTS.get(setting, f"see --{setting.replace('_', '-')}")
    return f"{text} ({hint})" if hint else text
