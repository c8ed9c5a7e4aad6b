"""``summarizer platforms SERVICE DOCUMENT CATEGORY``: how other services handle one provision."""

from __future__ import annotations

from enum import Enum
from typing import Optional

import typer

from summarizer.cli.app import app
from summarizer.cli.app import db_url as _db_url


class PlatformsFormat(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"


@app.command("platforms")
def platforms_command(
    service: str = typer.Argument(..., help="Service name as stored, e.g. 'AdSense'."),
    document: str = typer.Argument(..., help="Document type as stored, e.g. 'Privacy Policy'."),
    category: str = typer.Argument(..., help="Taxonomy id, e.g. data_retention."),
    n: int = typer.Option(3, "-n", help="How many other services to show."),
    format: PlatformsFormat = typer.Option(
        PlatformsFormat.text, "--format", "-f", help="text, json or markdown."
    ),
    db: Optional[str] = typer.Option(None, "--db", help="Database URL or SQLite path."),
) -> None:
    """How other services' current documents word the same provision, and where this one stands."""
    from summarizer.rendering.platforms import RENDERERS
    from summarizer.store.platforms import compare_provision

    result = compare_provision(_db_url(db), service, document, category, n=n)
    typer.echo(RENDERERS[format.value](result.to_dict()), nl=False)
