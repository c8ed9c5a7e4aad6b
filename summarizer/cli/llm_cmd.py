"""``summarizer prompts list|show``: the versioned prompt templates of ``--analyzer llm``."""

from __future__ import annotations

import json

import typer

from summarizer.cli.app import app

prompts_app = typer.Typer(
    name="prompts",
    help="See the versioned prompt templates used by --analyzer llm.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
app.add_typer(prompts_app, name="prompts")


def _summary(prompt) -> dict:  # type: ignore[no-untyped-def]
    return {
        "identity": prompt.identity,
        "name": prompt.name,
        "version": prompt.version,
        "description": prompt.description,
        "status": "opt-in" if prompt.opt_in else "gated",
        "default_model": prompt.default_model,
        "defaults": prompt.defaults,
        "output_schema": prompt.output_schemas,
        "folder": str(prompt.folder),
    }


@prompts_app.command("list")
def prompts_list(
    as_json: bool = typer.Option(False, "--json", help="One JSON object per prompt version."),
) -> None:
    """List every prompt version with its identity (name@version#content-hash)."""
    from summarizer.analyzers.llm.prompts import list_prompts
    from summarizer.config import prompts_dir

    prompts = list_prompts()
    if as_json:
        for prompt in prompts:
            typer.echo(json.dumps(_summary(prompt), ensure_ascii=False))
        return
    if not prompts:
        typer.echo(f"no prompts under {prompts_dir()}")
        return
    for prompt in prompts:
        status = "  [opt-in: name its version]" if prompt.opt_in else ""
        typer.echo(f"{prompt.identity}  model {prompt.default_model or '-'}{status}  {prompt.folder}")


@prompts_app.command("show")
def prompts_show(
    spec: str = typer.Argument(
        None,
        metavar="NAME[@VERSION]",
        help="A prompt (default: change_record@v3, the version that passed the eval gate) or its folder.",
    ),
    template: str = typer.Option(
        None, "--template", "-t", help="Show only this template: system, map or reduce."
    ),
    rendered: bool = typer.Option(
        False, "--rendered", help="Render the system template (taxonomy filled in)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Manifest and templates as one JSON object."),
) -> None:
    """Show a prompt version: identity, manifest defaults and its templates."""
    from summarizer.analyzers.llm.prompts import load_prompt
    from summarizer.errors import InputError

    prompt = load_prompt(spec)
    parts = list(prompt.templates)
    if template is not None:
        if template not in prompt.templates:
            raise InputError(
                f"prompt {prompt.identity} has no template {template!r} (it has {', '.join(parts)})"
            )
        parts = [template]
    texts = {part: prompt.templates[part] for part in parts}
    if rendered and "system" in texts:
        from summarizer.model.taxonomy import CATEGORIES

        texts["system"] = prompt.render("system", categories=list(CATEGORIES.values()))
    if as_json:
        typer.echo(json.dumps({**_summary(prompt), "templates": texts}, ensure_ascii=False, indent=2))
        return
    typer.echo(prompt.identity)
    if prompt.description:
        typer.echo(prompt.description)
    typer.echo(f"folder: {prompt.folder}")
    if prompt.defaults:
        typer.echo("defaults: " + ", ".join(f"{k}={v}" for k, v in prompt.defaults.items()))
    if prompt.output_schemas:
        typer.echo("output schemas: " + ", ".join(f"{k}={v}" for k, v in prompt.output_schemas.items()))
    for part, text in texts.items():
        typer.echo(f"\n--- {part} ({prompt.manifest['templates'][part]}) ---")
        typer.echo(text.rstrip("\n"))
