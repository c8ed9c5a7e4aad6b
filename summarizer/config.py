"""Settings resolved in order: explicit flags, then environment, then the config file, then defaults.

This module is the only reader of the environment (a test holds every other module to it); the
rest of the package takes typed values.

Environment: ``OPENAI_API_KEY``, ``OPENAI_BASE_URL``, ``SUMMARIZER_MODEL``, ``SUMMARIZER_DB``,
``SUMMARIZER_HOME`` (the state directory), ``SUMMARIZER_CONFIG`` (the config file),
``SUMMARIZER_ANALYZER``, ``SUMMARIZER_PROMPTS_DIR``; for the model analyzer
``SUMMARIZER_CHUNK_TOKENS``, ``SUMMARIZER_MAX_OUTPUT_TOKENS``, ``SUMMARIZER_RESPONSE_FORMAT`` and
``SUMMARIZER_LLM_TIMEOUT`` (seconds per request); ``SUMMARIZER_MAX_BYTES`` (the input size limit)
and ``SUMMARIZER_NO_FORK`` (diff on one core); ``SUMMARIZER_NOTIFY_URL`` and
``SUMMARIZER_NOTIFY_SECRET`` (alerts: the receiver and the HMAC signing secret), ``SUMMARIZER_SITE_URL``
(the published site's base URL, for links in alerts and feeds).
The config file is TOML (``config.toml`` in the state directory) with the same keys in lower case
without the prefix: ``model``, ``base_url``, ``db``, ``analyzer``, ``api_key`` (discouraged),
``chunk_tokens``, ``max_output_tokens``, ``response_format``, ``timeout``, ``notify_url``,
``notify_secret``, ``site_url``, ``compliance`` (``SUMMARIZER_COMPLIANCE``: ``offline`` or ``llm``, the
compliance analysis ``track`` adds to each record).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from summarizer.errors import InputError

DEFAULT_MODEL = "gpt-4o-mini"
PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent


def state_dir() -> Path:
    """Where the database, config and key file live (``SUMMARIZER_HOME`` moves it)."""
    env = os.environ.get("SUMMARIZER_HOME")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("change-summarizer", appauthor=False))


def config_path() -> Path:
    env = os.environ.get("SUMMARIZER_CONFIG")
    return Path(env).expanduser() if env else state_dir() / "config.toml"


def bundled_dir(name: str) -> Path:
    """A folder the package ships: the copy inside an installed wheel (``summarizer/<name>``, put
    there by setup.py), else the checkout's top-level ``<name>/`` (source tree, editable install)."""
    packaged = PACKAGE_DIR / name
    return packaged if packaged.is_dir() else PROJECT_ROOT / name


def prompts_dir() -> Path:
    """The prompt templates folder: ``SUMMARIZER_PROMPTS_DIR``, else the bundled ``prompts/``."""
    env = os.environ.get("SUMMARIZER_PROMPTS_DIR")
    return Path(env).expanduser() if env else bundled_dir("prompts")


def examples_dir() -> Path:
    """The bundled example (two versions of a made-up privacy policy)."""
    return bundled_dir("examples")


@dataclass
class Settings:
    """The settings in force, with where each one came from."""

    model: str = DEFAULT_MODEL
    base_url: str | None = None
    api_key: str | None = None
    db: str | None = None
    analyzer: str = "rules"
    chunk_tokens: int | None = None
    max_output_tokens: int | None = None
    response_format: str | None = None
    timeout: float | None = None  # seconds per model request
    notify_url: str | None = None
    notify_secret: str | None = None
    site_url: str | None = None
    compliance: str | None = None  # offline or llm: track adds the compliance analysis to records
    sources: dict[str, str] = field(default_factory=dict)

    @property
    def db_url(self) -> str:
        if self.db:
            return self.db if "://" in self.db else f"sqlite:///{Path(self.db).expanduser()}"
        return f"sqlite:///{state_dir() / 'summarizer.db'}"

    def masked(self) -> dict[str, Any]:
        """The settings for display: secrets masked, sources shown."""
        out: dict[str, Any] = {}
        for f in fields(self):
            if f.name == "sources":
                continue
            value = getattr(self, f.name)
            if f.name in ("api_key", "notify_secret"):
                value = mask_secret(value)
            elif f.name in ("db", "base_url") and value:
                value = mask_url(str(value))  # a password inside a URL is a secret too
            out[f.name] = {"value": value, "source": self.sources.get(f.name, "default")}
        out["db_url"] = {"value": mask_url(self.db_url), "source": self.sources.get("db", "default")}
        out["state_dir"] = {
            "value": str(state_dir()),
            "source": "SUMMARIZER_HOME" if os.environ.get("SUMMARIZER_HOME") else "default",
        }
        out["config_file"] = {
            "value": str(config_path()),
            "source": "exists" if config_path().exists() else "absent",
        }
        return out


_ENV = {
    "model": "SUMMARIZER_MODEL",
    "base_url": "OPENAI_BASE_URL",
    "api_key": "OPENAI_API_KEY",
    "db": "SUMMARIZER_DB",
    "analyzer": "SUMMARIZER_ANALYZER",
    "chunk_tokens": "SUMMARIZER_CHUNK_TOKENS",
    "max_output_tokens": "SUMMARIZER_MAX_OUTPUT_TOKENS",
    "response_format": "SUMMARIZER_RESPONSE_FORMAT",
    "timeout": "SUMMARIZER_LLM_TIMEOUT",
    "notify_url": "SUMMARIZER_NOTIFY_URL",
    "notify_secret": "SUMMARIZER_NOTIFY_SECRET",
    "site_url": "SUMMARIZER_SITE_URL",
    "compliance": "SUMMARIZER_COMPLIANCE",
}
# Settings that are numbers (the environment and the config file may give them as text).
_NUMBERS: dict[str, type] = {"chunk_tokens": int, "max_output_tokens": int, "timeout": float}


def load_settings(**flags: Any) -> Settings:
    """Resolve settings: flags (non-None) > environment > config file > stored key file > defaults."""
    settings = Settings()
    file_values = _read_config_file()
    key_file = state_dir() / "keys" / "openai"
    for name, env_name in _ENV.items():
        if flags.get(name) is not None:
            setattr(settings, name, flags[name])
            settings.sources[name] = "flag"
        elif os.environ.get(env_name):
            setattr(settings, name, os.environ[env_name])
            settings.sources[name] = f"env {env_name}"
        elif file_values.get(name) is not None:
            setattr(settings, name, file_values[name])
            settings.sources[name] = f"file {config_path()}"
        elif name == "api_key" and key_file.exists():
            _note_if_readable_by_others(key_file)
            settings.api_key = key_file.read_text(encoding="utf-8").strip() or None
            settings.sources[name] = f"key file {key_file}"
    for name, kind in _NUMBERS.items():
        value = getattr(settings, name)
        if value is not None:
            setattr(settings, name, _number(value, kind, f"{name} ({settings.sources[name]})"))
    return settings


def _number(value: Any, kind: type, what: str) -> Any:
    try:
        return kind(value)
    except (TypeError, ValueError):
        noun = "a whole number" if kind is int else "a number"
        raise InputError(f"{what} must be {noun}, got {value!r}") from None


def max_input_bytes(default: int) -> int:
    """The input size limit: ``SUMMARIZER_MAX_BYTES`` (a positive whole number of bytes), else *default*."""
    raw = os.environ.get("SUMMARIZER_MAX_BYTES")
    if not raw:
        return default
    value = _number(raw.strip().replace("_", ""), int, "SUMMARIZER_MAX_BYTES")
    if value < 1:
        raise InputError(f"SUMMARIZER_MAX_BYTES={raw!r} must be a positive number of bytes")
    return value


def log_level() -> str:
    """``SUMMARIZER_LOG`` in upper case (a logging level name such as INFO), or "" when unset."""
    return os.environ.get("SUMMARIZER_LOG", "").strip().upper()


def fork_allowed() -> bool:
    """False when ``SUMMARIZER_NO_FORK`` is set: the diff then stays in one process."""
    return not os.environ.get("SUMMARIZER_NO_FORK")


def _read_config_file() -> dict[str, Any]:
    path = config_path()
    if not path.exists():
        return {}
    import tomllib  # only when there is a file: the diff path imports this module

    _note_if_readable_by_others(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"config file {path} is not valid TOML: {exc}") from None
    return {k: v for k, v in data.items() if k in _ENV}


_READABLE_BY_OTHERS: dict[str, str] = {}


def _note_if_readable_by_others(path: Path) -> None:
    """Remember a key or config file that other users of this machine can read (it may hold a
    secret); the command line warns about it (:func:`readable_by_others`)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return
    if os.name == "posix" and mode & 0o044:
        _READABLE_BY_OTHERS[str(path)] = (
            f"{path} can be read by other users of this machine; make it private: chmod 600 {path}"
        )


def readable_by_others() -> list[str]:
    """Warnings about key and config files read so far that other users can read."""
    return list(_READABLE_BY_OTHERS.values())


def mask_secret(value: str | None) -> str | None:
    """Show only enough of a secret to recognise it: 'sk-...abcd'."""
    if not value:
        return None
    if len(value) <= 8:
        return "****"
    return f"{value[:3]}...{value[-4:]}"


def mask_url(url: str) -> str:
    """Hide a password inside a database URL."""
    if "://" in url and "@" in url:
        scheme, rest = url.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        if ":" in creds:
            user = creds.split(":", 1)[0]
            return f"{scheme}://{user}:****@{host}"
    return url
