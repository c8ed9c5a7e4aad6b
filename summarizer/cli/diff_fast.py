"""``summarizer diff OLD NEW --format json`` without loading Typer.

Typer builds a pydantic adapter for every parameter, so going through it costs more start-up
time than diffing a typical policy. The JSON form of ``diff`` is what scripts and benchmarks call,
so :func:`run_fast_diff` recognises exactly that command line (the same options ``diff_cmd``
declares) and runs it directly; anything else (text output, ``--help``, unknown, repeated or
malformed options) returns False and goes through Typer as usual, which also owns the error
messages for bad usage.
"""

from __future__ import annotations

import sys

_VALUE_OPTIONS = {"--format": "format", "-f": "format", "--encoding": "encoding"}
_FLAGS = {"--cosmetic", "--no-cosmetic", "--color", "--no-color"}  # no effect on JSON output


def parse_json_diff_args(argv: list[str]) -> tuple[str, str, str | None] | None:
    """(old, new, encoding) when *argv* is a plain ``diff ... --format json`` call, else None."""
    if not argv or argv[0] != "diff":
        return None
    positional: list[str] = []
    values: dict[str, str] = {}
    seen: set[str] = set()
    i = 1
    while i < len(argv):
        token = argv[i]
        i += 1
        if token == "-" or not token.startswith("-"):
            positional.append(token)
            continue
        name, eq, inline = token.partition("=")
        if name in _FLAGS and not eq:
            key = name.replace("--no-", "--")
        elif name in _VALUE_OPTIONS and (eq or i < len(argv)) and not (eq and name == "-f"):
            key = _VALUE_OPTIONS[name]
            if eq:
                value = inline
            else:
                value = argv[i]
                i += 1
            values[key] = value
        else:
            return None  # --help, '--', short-option clusters, unknown options: Typer decides
        if key in seen:
            return None
        seen.add(key)
    if len(positional) != 2 or values.get("format") != "json":
        return None
    return positional[0], positional[1], values.get("encoding")


def write_json_diff(old: str, new: str, encoding: str | None = None) -> None:
    """Load, diff and write the hunk list as one line of JSON to standard output."""
    import json

    from summarizer.api import diff_documents, load_pair
    from summarizer.cli.executor import signals_executor

    old_doc, new_doc = load_pair(old, new, encoding=encoding)
    with signals_executor() as executor:
        result = diff_documents(old_doc, new_doc, executor=executor)
    sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False))
    sys.stdout.write("\n")


def run_fast_diff(argv: list[str]) -> bool:
    """Run ``diff --format json`` directly when *argv* is exactly that; False when Typer is needed."""
    parsed = parse_json_diff_args(argv)
    if parsed is None:
        return False
    write_json_diff(*parsed)
    return True
