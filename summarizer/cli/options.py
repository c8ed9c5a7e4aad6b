"""One definition of the options of ``diff`` and ``compare``, read two ways.

Typer builds a pydantic adapter for every parameter and imports pydantic, which costs more start-up
time than comparing a short policy. So each option is declared once here, as plain data
(:class:`Param`), and:

- :func:`parse` reads a command line with it directly, for the common case (long or short options,
  ``--opt value`` or ``--opt=value``, flags, positionals in any order). Anything it is not sure of
  (``--help``, an unknown, repeated or malformed option, a value Typer would refuse, ``--``,
  short-option clusters) returns None, and the command goes through Typer as usual, which also owns
  the usage errors and their messages;
- :func:`typer_command` gives Typer a command with the same parameters (names, flags, defaults,
  help, choices, bounds), so both paths accept the same options and call the same function.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, cast


@dataclass(frozen=True)
class Param:
    """One parameter of a command: a positional argument or an option."""

    name: str  # the Python keyword the command function receives
    flags: tuple[str, ...] = ()  # e.g. ("--format", "-f"); a flag pair is ("--color/--no-color",)
    type: type = str  # str, int, float or bool
    default: Any = None
    help: str = ""
    choices: tuple[str, ...] = ()  # the allowed values (passed on as plain strings)
    min: float | None = None
    metavar: str | None = None
    argument: bool = False  # positional and required

    @property
    def switch(self) -> tuple[str, str] | None:
        """(on, off) for a ``--x/--no-x`` pair, else None."""
        if len(self.flags) == 1 and "/" in self.flags[0]:
            on, off = self.flags[0].split("/")
            return on, off
        return None

    def convert(self, raw: str) -> Any:
        """The value as the command receives it; ValueError when Typer would refuse it."""
        if self.type is int:
            value: Any = int(raw)
        elif self.type is float:
            value = float(raw)
        else:
            value = raw
        if self.choices and value not in self.choices:
            raise ValueError(raw)
        if self.min is not None and value < self.min:
            raise ValueError(raw)
        return value


# --- the options ---------------------------------------------------------------------------------

OLD = Param(
    "old", argument=True, metavar="OLD", help="Old version: a .md, .txt or .html file, or '-' for stdin."
)
NEW = Param("new", argument=True, metavar="NEW", help="New version: a file, or '-' for stdin.")
ENCODING = Param("encoding", ("--encoding",), help="Decode inputs with this encoding instead of UTF-8.")

# Model-call tuning shared by every command that can run --analyzer llm: flags for load_settings,
# which falls back to the environment (SUMMARIZER_CHUNK_TOKENS, ...), then the prompt's manifest.
CHUNK_TOKENS = Param(
    "chunk_tokens",
    ("--chunk-tokens",),
    int,
    min=100,
    help="Token budget for the changes in one model call (llm; smaller for small context windows).",
)
MAX_OUTPUT_TOKENS = Param(
    "max_output_tokens", ("--max-output-tokens",), int, min=1, help="Answer tokens per model call (llm)."
)
TIMEOUT = Param(
    "timeout", ("--timeout",), float, min=1.0, help="Seconds per model request before retrying (llm)."
)
RESPONSE_FORMAT = Param(
    "response_format",
    ("--response-format",),
    help="json_schema (structured outputs, the default) or json_object_schema (schema inside JSON mode: llama-cpp-python).",
)

DIFF_PARAMS: tuple[Param, ...] = (
    OLD,
    NEW,
    Param(
        "format",
        ("--format", "-f"),
        default="text",
        choices=("text", "json"),
        help="text (coloured) or json (the hunk list).",
    ),
    ENCODING,
    Param("cosmetic", ("--cosmetic/--no-cosmetic",), bool, True, help="Show cosmetic hunks in text output."),
    Param(
        "color",
        ("--color/--no-color",),
        bool,
        None,
        help="Force colour on or off (default: when a terminal).",
    ),
)

COMPARE_PARAMS: tuple[Param, ...] = (
    OLD,
    NEW,
    Param(
        "format",
        ("--format", "-f"),
        default="text",
        choices=("text", "json", "markdown", "html"),
        help="text, json, markdown or html.",
    ),
    Param("analyzer", ("--analyzer", "-a"), help="rules (offline, the default) or llm."),
    Param("model", ("--model", "-m"), help="Model name for --analyzer llm."),
    Param("base_url", ("--base-url",), help="OpenAI-compatible endpoint for --analyzer llm."),
    Param("prompt", ("--prompt",), help="Prompt template NAME@VERSION for --analyzer llm."),
    Param("no_cache", ("--no-cache",), bool, False, help="Do not answer model calls from the cache."),
    Param("max_cost", ("--max-cost",), float, min=0.0, help="Stop before spending more than this many USD."),
    CHUNK_TOKENS,
    MAX_OUTPUT_TOKENS,
    TIMEOUT,
    RESPONSE_FORMAT,
    ENCODING,
    Param("output", ("--output", "-o"), help="Write the record to this file instead of stdout."),
    Param(
        "color",
        ("--color/--no-color",),
        bool,
        None,
        help="Colours in text output (default: when a terminal).",
    ),
    Param("service", ("--service",), help="The service, named in the record (e.g. Spotify)."),
    Param("document", ("--document",), help="The document, named in the record (e.g. 'Privacy Policy')."),
    Param("old_date", ("--old-date",), help="Date of the old version, kept in the record."),
    Param("new_date", ("--new-date",), help="Date of the new version, kept in the record."),
    Param(
        "compliance",
        ("--compliance",),
        bool,
        False,
        help="Add the compliance analysis (rules engaged, exposure, what to check).",
    ),
    Param(
        "compliance_method",
        ("--compliance-method",),
        default="offline",
        help="offline (the default) or llm (offline is the fallback).",
    ),
)


# --- reading a command line without Typer --------------------------------------------------------


def parse(params: Sequence[Param], args: Sequence[str]) -> dict[str, Any] | None:
    """The command's keyword arguments from *args* (the words after the command's name), or None
    when Typer should read them (help, anything unusual, anything it would refuse)."""
    by_flag: dict[str, tuple[Param, Any]] = {}  # flag -> (param, value a bare flag sets; ... = takes a value)
    for p in params:
        if p.argument:
            continue
        pair = p.switch
        if pair:
            by_flag[pair[0]], by_flag[pair[1]] = (p, True), (p, False)
        elif p.type is bool:
            by_flag[p.flags[0]] = (p, True)
        else:
            for flag in p.flags:
                by_flag[flag] = (p, ...)
    positional: list[str] = []
    values: dict[str, Any] = {}
    i = 0
    while i < len(args):
        token = args[i]
        i += 1
        if token == "-" or not token.startswith("-"):
            positional.append(token)
            continue
        flag, eq, inline = token.partition("=")
        if eq and not flag.startswith("--"):
            return None  # '-f=json' means something else to click
        known = by_flag.get(flag)
        if known is None:
            return None  # --help, '--', short-option clusters, unknown options: Typer decides
        param, fixed = known
        if param.name in values:
            return None  # repeated: Typer decides
        if fixed is not ...:
            if eq:
                return None
            values[param.name] = fixed
            continue
        if not eq:
            if i >= len(args):
                return None
            inline = args[i]
            i += 1
        try:
            values[param.name] = param.convert(inline)
        except ValueError:
            return None
    arguments = [p for p in params if p.argument]
    if len(positional) != len(arguments):
        return None
    out = {p.name: p.default for p in params if not p.argument}
    out.update(values)
    out.update({p.name: v for p, v in zip(arguments, positional, strict=True)})
    return out


# --- the same parameters for Typer ---------------------------------------------------------------


def typer_default(param: Param) -> Any:
    """The ``typer.Option``/``typer.Argument`` that declares *param* (imports Typer)."""
    import typer

    if param.argument:
        return typer.Argument(..., metavar=param.metavar, help=param.help)
    default = param.default
    if param.choices:
        default = _choice_enum(param)(default)
    return typer.Option(default, *param.flags, help=param.help, min=param.min)


def typer_command(name: str, params: Sequence[Param], run: Callable[..., Any]) -> Callable[..., Any]:
    """A function Typer can register, with *params* as its parameters, that calls *run* with plain
    values (a choice as its string)."""
    import inspect
    from enum import Enum

    def command(**kwargs: Any) -> Any:
        return run(**{k: v.value if isinstance(v, Enum) else v for k, v in kwargs.items()})

    annotations = {p.name: _choice_enum(p) if p.choices else p.type for p in params}
    command.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [
            inspect.Parameter(
                p.name,
                inspect.Parameter.POSITIONAL_OR_KEYWORD,
                default=typer_default(p),
                annotation=annotations[p.name],
            )
            for p in params
        ]
    )
    command.__annotations__ = {**annotations, "return": None}
    command.__name__ = f"{name.replace('-', '_')}_command"
    command.__doc__ = run.__doc__
    return command


_ENUMS: dict[tuple[str, tuple[str, ...]], type] = {}


def _choice_enum(param: Param) -> type:
    """A str Enum of the param's choices (how Typer shows and checks a fixed set of values)."""
    from enum import Enum

    key = (param.name, param.choices)
    if key not in _ENUMS:
        # mypy types Enum()'s functional form with a computed name as a member, not the class it makes
        _ENUMS[key] = cast(type, Enum(f"{param.name.title()}Choice", {c: c for c in param.choices}, type=str))
    return _ENUMS[key]
