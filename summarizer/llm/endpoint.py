"""Where requests go and with which key: URL checks, local servers, and keeping the key secret."""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from summarizer.config import mask_secret, mask_url
from summarizer.errors import InputError

DEFAULT_OPENAI_HOST = "api.openai.com"
LOCAL_DUMMY_KEY = "not-needed"  # local servers ignore the key, the SDK insists on one


def check_url(url: str) -> None:
    """Raise InputError unless *url* is an http(s) URL with a host (credentials masked in the message)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(
            f"the endpoint URL must be an http(s) URL, got {mask_url(url)!r}", setting="base_url"
        )


@dataclass(frozen=True)
class Endpoint:
    """An OpenAI-compatible endpoint: its URL (None: OpenAI), host for messages, and key."""

    base_url: str | None
    host: str
    api_key: str

    @classmethod
    def resolve(cls, base_url: str | None, api_key: str | None) -> Endpoint:
        """Check the URL and require a key unless the server is local."""
        url = (base_url or "").strip() or None
        if url is not None:
            check_url(url)
        # the host and port only: credentials in the URL (user:pass@) never reach the call log
        host = urlsplit(url).netloc.rsplit("@", 1)[-1] if url else DEFAULT_OPENAI_HOST
        key = api_key or None
        if key is None:
            if url is None or not is_local_url(url):
                raise InputError(
                    "no API key: set OPENAI_API_KEY (a local endpoint such as http://127.0.0.1 needs none)",
                    setting="api_key",
                )
            key = LOCAL_DUMMY_KEY
        return cls(base_url=url, host=host, api_key=key)

    def sdk_kwargs(self, timeout: float) -> dict[str, Any]:
        """Arguments for the OpenAI SDK client (its own retries off: ours are in charge)."""
        kwargs: dict[str, Any] = {"api_key": self.api_key, "max_retries": 0, "timeout": timeout}
        if self.base_url:
            kwargs["base_url"] = self.base_url
        return kwargs

    def redact(self, text: str) -> str:
        """Replace the API key wherever it appears (stored requests and answers included)."""
        key = self.api_key
        if key and len(key) >= 8 and key != LOCAL_DUMMY_KEY:
            text = text.replace(key, mask_secret(key) or "****")
        return text

    def scrub(self, text: str) -> str:
        """Remove the API key (and any bearer token) from text meant for logs or errors."""
        return re.sub(r"(?i)bearer\s+\S+", "Bearer ****", self.redact(text))


def is_local_url(url: str) -> bool:
    """True for loopback, private-network, ``*.local``/``*.localhost`` and single-label hosts
    (``localhost``, a Docker service name): servers that need no real API key."""
    host = (urlsplit(url).hostname or "").lower()
    if not host:
        return False
    if (
        host == "localhost"
        or host.endswith((".localhost", ".local", ".internal"))
        or "." not in host
        and ":" not in host
    ):
        return True
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False
    return ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_unspecified
