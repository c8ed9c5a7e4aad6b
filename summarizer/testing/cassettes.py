"""vcrpy settings shared by the test suites that replay model HTTP from cassettes: secrets never
reach a cassette (request headers filtered, response headers scrubbed), bodies are matched exactly."""

from __future__ import annotations

from typing import Any

SECRET_HEADERS = (
    "authorization",
    "openai-organization",
    "openai-project",
    "cookie",
    "set-cookie",
    "api-key",
    "x-api-key",
)
MATCH_ON = ["method", "host", "port", "path", "query", "body"]


def scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    """Drop secret-bearing headers from a recorded response."""
    headers = response.get("headers") or {}
    for name in list(headers):
        if name.lower() in SECRET_HEADERS:
            del headers[name]
    return response


def vcr_options() -> dict[str, Any]:
    """Keyword arguments for ``vcr.VCR``/pytest-recording's ``vcr_config``."""
    return {
        "filter_headers": list(SECRET_HEADERS),
        "before_record_response": scrub_response,
        "decode_compressed_response": True,
        "match_on": list(MATCH_ON),
    }
