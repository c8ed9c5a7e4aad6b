"""The exceptions the library raises. They carry no exit codes and name no command-line flags.

Library code raises these and never prints or exits; a front end decides what each means (the CLI
maps the classes to exit codes in one place, :mod:`summarizer.cli.errors`).

- ``InputError``      bad input or options (empty, binary or missing files, out-of-range values)
- ``NoChange``        the two versions are identical (not a failure)
- ``UpstreamError``   the model endpoint failed or could not be reached after retries
- ``GateFailed``      an eval gate failed (a gated metric regressed past its allowance)

``setting`` names the parameter or setting at fault (``"base_url"``, ``"max_cost"``...), in the
spelling of the Python API, so a front end can point at its own name for it (the CLI's ``--base-url``).
"""

from __future__ import annotations


class SummarizerError(Exception):
    """Base class of every error the library raises on purpose: one clear line of text."""

    def __init__(self, message: str = "", *, setting: str | None = None) -> None:
        super().__init__(message)
        self.setting = setting


class InputError(SummarizerError):
    """Bad input or usage: empty, binary, undecodable, huge or missing files, bad options."""


class NoChange(SummarizerError):
    """The two inputs are identical after decoding: not an error, just nothing to explain."""


class UpstreamError(SummarizerError):
    """The model endpoint failed or could not be reached after retries."""


class GateFailed(SummarizerError):
    """An eval gate failed (a gated metric regressed past its allowance)."""
