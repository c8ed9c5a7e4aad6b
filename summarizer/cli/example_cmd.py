"""``summarizer example``: where the bundled example is, so an installed package can show itself."""

from __future__ import annotations

import typer

from summarizer.cli.app import app

EXAMPLE = ("privacy-v1.md", "privacy-v2.md")


@app.command("example")
def example_command() -> None:
    """Print the paths of the bundled example, OLD then NEW (two versions of a made-up privacy policy).

    Try: summarizer compare $(summarizer example)
    """
    from summarizer.config import examples_dir
    from summarizer.errors import InputError

    folder = examples_dir()
    paths = [folder / name for name in EXAMPLE]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise InputError(f"the bundled example is missing ({', '.join(missing)}): reinstall the package")
    for path in paths:
        typer.echo(str(path))
