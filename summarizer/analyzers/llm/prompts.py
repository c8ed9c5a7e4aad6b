"""Versioned prompt templates: ``prompts/<name>/<version>/`` with a ``manifest.yaml`` and Jinja2 files.

A prompt's identity is ``name@version#<first 12 hex of sha256 over the folder's files>``: editing
any file of the folder (a template or the manifest) changes it, so every record's provenance says
exactly which text produced it, and the response cache never serves an answer to an older prompt.

A folder without a manifest (the eval judge's ``prompts/judge/v1/``) is a bare prompt: its ``*.md``
files are its templates. The manifest of a change-record prompt names the templates (``system``,
``map``, ``reduce``), the output schemas (names in
:data:`summarizer.analyzers.llm.output.OUTPUT_SCHEMAS`) and default model parameters::

    name: change_record
    version: v1
    templates: {system: system.md, map: map.md, reduce: reduce.md}
    output_schema: {final: change_record, map: change_findings}
    defaults: {model: gpt-4o-mini, temperature: 0, chunk_tokens: 6000, ...}
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from summarizer.errors import InputError

# The default is pinned, not the newest folder: a new version becomes the default only once it has
# passed the model-path eval gate against the current one (tests/evals/llm). ``change_record@v4``
# (ai_training, direction and confidence per change) has not: see test_eval_llm_gate_v4.py.
DEFAULT_PROMPT = "change_record@v3"
MANIFEST = "manifest.yaml"
REQUIRED_TEMPLATES = ("system", "map", "reduce")
_SPEC = re.compile(
    r"^(?P<name>[A-Za-z0-9_.-]+)(?:@(?P<version>[A-Za-z0-9_.-]+))?(?:#(?P<hash>[0-9a-f]{4,64}))?$"
)


def folder_digest(folder: Path) -> str:
    """sha256 (hex) over every file of *folder*: relative paths and bytes, in sorted order.
    Hidden files and ``__pycache__`` are skipped."""
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = path.relative_to(folder)
        if any(part.startswith(".") or part == "__pycache__" for part in rel.parts):
            continue
        h.update(rel.as_posix().encode("utf-8") + b"\0")
        h.update(path.read_bytes() + b"\0")
    return h.hexdigest()


@dataclass(frozen=True)
class Prompt:
    """One prompt version loaded from its folder."""

    name: str
    version: str
    folder: Path
    manifest: dict[str, Any] = field(repr=False)
    digest: str = field(repr=False)  # full sha256 hex over the folder's files
    templates: dict[str, str] = field(default_factory=dict, repr=False)  # part -> template source

    @property
    def identity(self) -> str:
        """``name@version#<12 hex>``: what provenance and the cache key carry."""
        return f"{self.name}@{self.version}#{self.digest[:12]}"

    @property
    def description(self) -> str:
        return str(self.manifest.get("description") or "").strip()

    @property
    def opt_in(self) -> bool:
        """True when the manifest says ``status: opt-in``: the version has not passed the eval gate
        against the default, so it is used only when named with its version (``NAME@VERSION``)."""
        return str(self.manifest.get("status") or "").strip().lower() == "opt-in"

    @property
    def defaults(self) -> dict[str, Any]:
        return dict(self.manifest.get("defaults") or {})

    @property
    def default_model(self) -> str | None:
        return self.defaults.get("model")

    @property
    def output_schemas(self) -> dict[str, str]:
        """Stage -> schema name, e.g. ``{"final": "change_record", "map": "change_findings"}``."""
        return dict(self.manifest.get("output_schema") or {})

    @cached_property
    def _compiled(self) -> dict[str, Any]:
        import jinja2

        env = jinja2.Environment(
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        out = {}
        for part, source in self.templates.items():
            try:
                out[part] = env.from_string(source)
            except jinja2.TemplateSyntaxError as exc:
                raise InputError(
                    f"prompt {self.identity}: template {part!r} line {exc.lineno}: {exc.message}"
                ) from None
        return out

    def render(self, template: str, /, **context: Any) -> str:
        """Render *template* (``system``, ``map`` or ``reduce``) with *context*; values are
        inserted as text, never evaluated as template code."""
        import jinja2

        if template not in self.templates:
            raise InputError(f"prompt {self.identity} has no {template!r} template")
        try:
            return self._compiled[template].render(**context).strip() + "\n"
        except jinja2.UndefinedError as exc:
            raise InputError(f"prompt {self.identity}: template {template!r} needs {exc.message}") from None


def parse_spec(spec: str) -> tuple[str, str | None, str | None]:
    """``NAME[@VERSION][#HASH]`` -> (name, version or None, hash prefix or None)."""
    m = _SPEC.match(spec.strip())
    if not m:
        raise InputError(f"bad prompt {spec!r}: expected NAME, NAME@VERSION or a prompt folder")
    return m.group("name"), m.group("version"), m.group("hash")


def _version_key(version: str) -> tuple:
    """Natural order: v2 < v10; non-numeric parts compare as text."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"(\d+)", version) if p)


def load_folder(folder: Path) -> Prompt:
    """Load one prompt version from its folder. A folder with a ``manifest.yaml`` names its
    templates there; one without (e.g. the eval judge's) is read as its ``*.md`` files."""
    import yaml

    manifest_path = folder / MANIFEST
    if not manifest_path.is_file():
        files = sorted(folder.glob("*.md")) if folder.is_dir() else []
        if not files:
            raise InputError(f"{folder}: not a prompt folder (no {MANIFEST} and no .md templates)")
        manifest = {
            "name": folder.parent.name,
            "version": folder.name,
            "templates": {f.stem: f.name for f in files},
        }
        return Prompt(
            name=folder.parent.name,
            version=folder.name,
            folder=folder,
            manifest=manifest,
            digest=folder_digest(folder),
            templates={f.stem: f.read_text(encoding="utf-8") for f in files},
        )
    try:
        manifest = yaml.safe_load(manifest_path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise InputError(f"{manifest_path}: not valid YAML ({type(exc).__name__})") from None
    if not isinstance(manifest, dict):
        raise InputError(f"{manifest_path}: expected a mapping")
    for key in ("name", "version", "templates"):
        if not manifest.get(key):
            raise InputError(f"{manifest_path}: missing {key!r}")
    names = manifest["templates"]
    if not isinstance(names, dict) or any(part not in names for part in REQUIRED_TEMPLATES):
        raise InputError(f"{manifest_path}: 'templates' must name {', '.join(REQUIRED_TEMPLATES)}")
    templates: dict[str, str] = {}
    for part, filename in names.items():
        path = folder / str(filename)
        if not path.is_file():
            raise InputError(f"{manifest_path}: template {part!r} file {filename} is missing")
        templates[str(part)] = path.read_text(encoding="utf-8")
    return Prompt(
        name=str(manifest["name"]),
        version=str(manifest["version"]),
        folder=folder,
        manifest=manifest,
        digest=folder_digest(folder),
        templates=templates,
    )


def list_prompts(root: Path | None = None) -> list[Prompt]:
    """Every prompt version under *root* (default :func:`summarizer.config.prompts_dir`), by name
    then version."""
    from summarizer.config import prompts_dir

    root = root or prompts_dir()
    if not root.is_dir():
        return []
    folders = sorted(
        {p.parent for p in root.glob("*/*/*") if p.is_file() and (p.name == MANIFEST or p.suffix == ".md")}
    )
    found = [load_folder(folder) for folder in folders]
    return sorted(found, key=lambda p: (p.name, _version_key(p.version)))


def load_prompt(spec: str | None = None, root: Path | None = None) -> Prompt:
    """The prompt named by *spec*: ``NAME`` (its newest version not marked ``status: opt-in``;
    the newest of all when every version is), ``NAME@VERSION``,
    ``NAME@VERSION#HASH`` (the hash must match the folder's), or a path to a prompt folder.
    ``None`` means :data:`DEFAULT_PROMPT`."""
    from summarizer.config import prompts_dir

    spec = (spec or DEFAULT_PROMPT).strip()
    as_path = Path(spec).expanduser()
    if _looks_like_path(spec) and as_path.is_dir():
        return load_folder(as_path)
    name, version, digest = parse_spec(spec)
    root = root or prompts_dir()
    base = root / name
    if not base.is_dir():
        known = sorted({p.name for p in list_prompts(root)})
        hint = f" (known: {', '.join(known)})" if known else f" (no prompts under {root})"
        raise InputError(f"unknown prompt {name!r}{hint}")
    if version is None:
        versions = sorted((d.name for d in base.iterdir() if _is_prompt_folder(d)), key=_version_key)
        if not versions:
            raise InputError(f"prompt {name!r} has no versions under {base}")
        gated = [v for v in versions if not load_folder(base / v).opt_in]
        version = (gated or versions)[-1]
    folder = base / version
    if not _is_prompt_folder(folder):
        versions = sorted((d.name for d in base.iterdir() if _is_prompt_folder(d)), key=_version_key)
        raise InputError(f"unknown prompt version {name}@{version} (known: {', '.join(versions) or 'none'})")
    prompt = load_folder(folder)
    if (prompt.name, prompt.version) != (name, version):
        raise InputError(
            f"{folder / MANIFEST}: says {prompt.name}@{prompt.version}, expected {name}@{version}"
        )
    if digest and not prompt.digest.startswith(digest):
        raise InputError(
            f"prompt {name}@{version} has changed: its hash is {prompt.digest[:12]}, not {digest}"
        )
    return prompt


def _is_prompt_folder(folder: Path) -> bool:
    return folder.is_dir() and ((folder / MANIFEST).is_file() or any(folder.glob("*.md")))


def _looks_like_path(spec: str) -> bool:
    return "/" in spec or "\\" in spec or spec.startswith(".") or spec.startswith("~")
