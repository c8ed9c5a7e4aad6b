"""Exceptions that the CLI maps to exit codes.

Library code raises these; only the CLI prints and exits.

- ``InputError``      -> exit 2 (bad input or usage; one clear line)
- ``UpstreamError``   -> exit 3 (the model server failed after retries)
- ``GateFailed``      -> exit 1 (an eval gate failed)
"""

from __future__ import annotations


class SummarizerError(Exception):
    """Base class of every error the CLI turns into one clear line."""

    exit_code = 2


class InputError(SummarizerError):
    """Bad input or usage: empty, binary, undecodable, huge or missing files, bad options."""

    exit_code = 2


class NoChange(SummarizerError):
    """The two inputs are identical after decoding: not an error, exit 0 with a clear line."""

    exit_code = 0


class UpstreamError(SummarizerError):
    """The model endpoint failed or could not be reached after retries."""

    exit_code = 3


class GateFailed(SummarizerError):
    """An eval gate failed (a gated metric regressed past its allowance)."""

    exit_code = 1
