"""What ``diff`` and ``compare`` do, without Typer: the functions both the Typer commands
(``diff_cmd``, ``compare_cmd``) and the fast path (:data:`FAST_COMMANDS`) call.

Their parameters are declared once, in :mod:`summarizer.cli.options`.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from summarizer.cli.options import COMPARE_PARAMS, DIFF_PARAMS

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Callable

    from summarizer.cli.options import Param


def run_diff(
    old: str,
    new: str,
    format: str = "text",
    encoding: str | None = None,
    cosmetic: bool = True,
    color: bool | None = None,
) -> None:
    """Show the section-aware diff: hunks with sections, word changes, cosmetic flags and signals."""
    from summarizer.api import diff_documents, load_pair
    from summarizer.cli.executor import signals_executor

    old_doc, new_doc = load_pair(old, new, encoding=encoding)
    with signals_executor() as executor:  # the library never forks: the CLI lends it a worker
        result = diff_documents(old_doc, new_doc, executor=executor)
    if format == "json":
        import json

        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False))
        sys.stdout.write("\n")
        return
    from rich.console import Console

    from summarizer.rendering.diff_view import print_diff

    console = Console(force_terminal=color, no_color=color is False, soft_wrap=False, highlight=False)
    print_diff(result, console, show_cosmetic=cosmetic)


def run_compare(
    old: str,
    new: str,
    format: str = "text",
    analyzer: str | None = None,
    model: str | None = None,
    base_url: str | None = None,
    prompt: str | None = None,
    no_cache: bool = False,
    max_cost: float | None = None,
    chunk_tokens: int | None = None,
    max_output_tokens: int | None = None,
    timeout: float | None = None,
    response_format: str | None = None,
    encoding: str | None = None,
    output: str | None = None,
    color: bool | None = None,
    service: str | None = None,
    document: str | None = None,
    old_date: str | None = None,
    new_date: str | None = None,
    compliance: bool = False,
    compliance_method: str = "offline",
) -> None:
    """Explain how a document changed: one change record (severity, shifts, quotes) for OLD → NEW."""
    from summarizer.analyzers import require_analyzer
    from summarizer.api import analysis_options, compare_files
    from summarizer.config import load_settings
    from summarizer.errors import InputError

    settings = load_settings(
        model=model,
        base_url=base_url,
        analyzer=analyzer,
        chunk_tokens=chunk_tokens,
        max_output_tokens=max_output_tokens,
        timeout=timeout,
        response_format=response_format,
    )
    require_analyzer(settings.analyzer)
    calls_model = settings.analyzer == "llm" or (compliance and compliance_method != "offline")
    options = analysis_options(
        settings, log_calls=calls_model, prompt=prompt, use_cache=not no_cache, max_cost=max_cost
    )
    from summarizer.cli.executor import signals_executor

    with signals_executor() as executor:
        record = compare_files(
            old,
            new,
            settings.analyzer,
            options,
            encoding=encoding,
            compliance=compliance_method if compliance else None,
            executor=executor,
            plain=True,  # the rules analyzer's record as plain data: the renderers only read it
        )
    if service or document or old_date or new_date:
        from summarizer.api import name_record

        name_record(record, service=service, document=document, old_date=old_date, new_date=new_date)

    if output is not None:
        from pathlib import Path

        from summarizer.rendering import render

        try:
            Path(output).write_text(render(record, format), encoding="utf-8")
        except OSError as exc:
            raise InputError(f"{output}: cannot write ({exc.strerror})") from None
        return
    if format == "text" and (color if color is not None else sys.stdout.isatty()):
        from rich.console import Console

        from summarizer.rendering.text import print_record

        print_record(record, Console(highlight=False))
        return
    from summarizer.rendering import render

    sys.stdout.write(render(record, format))


# command name -> (its parameters, the function that runs it)
FAST_COMMANDS: dict[str, tuple[tuple[Param, ...], Callable[..., None]]] = {
    "diff": (DIFF_PARAMS, run_diff),
    "compare": (COMPARE_PARAMS, run_compare),
}


def run_fast(argv: list[str]) -> bool:
    """Run ``diff`` or ``compare`` without Typer when :func:`~summarizer.cli.options.parse` reads
    the whole command line; False when Typer is needed."""
    from summarizer.cli.options import parse

    if not argv or argv[0] not in FAST_COMMANDS:
        return False
    params, run = FAST_COMMANDS[argv[0]]
    values = parse(params, argv[1:])
    if values is None:
        return False
    run(**values)
    return True
