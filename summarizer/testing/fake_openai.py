"""A tiny OpenAI-compatible server on 127.0.0.1 for fault tests and benchmarks.

It implements ``POST /v1/chat/completions`` from a scripted queue of responses (status, headers,
body, delay) and records every request. When the queue is empty it uses ``responder`` (a function
of the request body) if one was given, else answers 400 "script exhausted" so a test that sends
more requests than it scripted fails loudly instead of hanging or retrying::

    with FakeOpenAIServer() as server:
        server.enqueue_error(429, "slow down", headers={"Retry-After": "2"})
        server.enqueue_reply('{"ok": true}')
        client = LLMClient(model="gpt-4o-mini", base_url=server.base_url, ...)
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class ScriptedResponse:
    """One scripted answer: HTTP status, extra headers, a JSON body (or raw text), a delay first."""

    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


@dataclass
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: Any
    at: float


def chat_completion(
    content: str | None,
    *,
    model: str | None = None,
    finish_reason: str = "stop",
    refusal: str | None = None,
    prompt_tokens: int | None = None,
    completion_tokens: int | None = None,
    usage: bool = True,
) -> dict[str, Any]:
    """A ``chat.completion`` body as OpenAI returns it. ``model=None`` echoes the requested model
    and ``prompt_tokens=None`` counts the request's messages (both filled in when served)."""
    if completion_tokens is None:
        completion_tokens = max(1, len(content or refusal or "") // 4)
    body: dict[str, Any] = {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content, "refusal": refusal},
                "finish_reason": finish_reason,
                "logprobs": None,
            }
        ],
    }
    if usage:
        body["usage"] = {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": None if prompt_tokens is None else prompt_tokens + completion_tokens,
        }
    return body


def _fill_in(body: Any, request: Any) -> Any:
    """Echo the requested model and count prompt tokens where a scripted completion left them open."""
    if not (isinstance(body, dict) and body.get("object") == "chat.completion" and isinstance(request, dict)):
        return body
    body = json.loads(json.dumps(body))
    if body.get("model") is None:
        body["model"] = request.get("model", "fake-model")
    usage = body.get("usage")
    if usage and usage.get("prompt_tokens") is None:
        from summarizer.llm.tokens import count_message_tokens

        usage["prompt_tokens"] = count_message_tokens(request.get("messages") or [], request.get("model"))
        usage["total_tokens"] = usage["prompt_tokens"] + usage["completion_tokens"]
    return body


def error_body(
    message: str, *, type: str = "invalid_request_error", param: str | None = None
) -> dict[str, Any]:
    """An OpenAI error body."""
    return {"error": {"message": message, "type": type, "param": param, "code": None}}


class FakeOpenAIServer:
    """A threaded HTTP server on an ephemeral loopback port. Use as a context manager."""

    def __init__(
        self,
        *,
        responder: Callable[[dict[str, Any]], ScriptedResponse] | None = None,
        latency: float = 0.0,
    ) -> None:
        self.responder = responder
        self.latency = latency
        self.requests: list[RecordedRequest] = []
        self.in_flight = 0
        self.max_in_flight = 0  # the most chat requests served at the same time
        self._queue: deque[ScriptedResponse] = deque()
        self._lock = threading.Lock()
        self._closing = threading.Event()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- scripting -----------------------------------------------------------------------------

    def enqueue(
        self,
        status: int = 200,
        body: Any = None,
        *,
        headers: dict[str, str] | None = None,
        delay: float = 0.0,
    ) -> None:
        with self._lock:
            self._queue.append(ScriptedResponse(status, body, dict(headers or {}), delay))

    def enqueue_reply(
        self, content: str | None, *, delay: float = 0.0, headers: dict[str, str] | None = None, **kwargs: Any
    ) -> None:
        """A 200 chat completion (see :func:`chat_completion` for the keyword arguments)."""
        self.enqueue(200, chat_completion(content, **kwargs), headers=headers, delay=delay)

    def enqueue_error(
        self,
        status: int,
        message: str,
        *,
        headers: dict[str, str] | None = None,
        delay: float = 0.0,
        **kwargs: Any,
    ) -> None:
        self.enqueue(status, error_body(message, **kwargs), headers=headers, delay=delay)

    @property
    def pending(self) -> int:
        with self._lock:
            return len(self._queue)

    @property
    def chat_requests(self) -> list[RecordedRequest]:
        return [r for r in self.requests if r.path.endswith("/chat/completions")]

    # -- lifecycle -----------------------------------------------------------------------------

    @property
    def port(self) -> int:
        assert self._httpd is not None, "server not started"
        return self._httpd.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self) -> "FakeOpenAIServer":
        server = self

        class Handler(_Handler):
            fake = server

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, name="fake-openai", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._closing.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> "FakeOpenAIServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- serving -------------------------------------------------------------------------------

    def _next(self, body: Any) -> ScriptedResponse:
        with self._lock:
            if self._queue:
                return self._queue.popleft()
        if self.responder is not None:
            return self.responder(body)
        return ScriptedResponse(400, error_body("fake server: script exhausted (no response queued)"))

    def _pause(self, seconds: float) -> None:
        if seconds > 0:
            self._closing.wait(seconds)


class _Handler(BaseHTTPRequestHandler):
    fake: FakeOpenAIServer
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out as separate writes: no 40 ms delayed-ACK stalls

    def log_message(self, format: str, *args: Any) -> None:  # silence stderr access logs
        pass

    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        """``GET /_fake/stats``: arrival times (``time.monotonic``) and peak concurrency, for a
        server running in another process (benchmarks)."""
        if self.path.rstrip("/").endswith("/_fake/stats"):
            with self.fake._lock:
                stats = {
                    "chat_starts": [r.at for r in self.fake.requests if r.path.endswith("/chat/completions")],
                    "max_in_flight": self.fake.max_in_flight,
                }
            self._send(ScriptedResponse(200, stats))
        else:
            self._send(ScriptedResponse(404, error_body(f"fake server: no route {self.path}")))

    def do_POST(self) -> None:  # noqa: N802 (http.server naming)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body: Any = json.loads(raw) if raw else None
        except ValueError:
            body = raw.decode("utf-8", "replace")
        with self.fake._lock:
            self.fake.requests.append(
                RecordedRequest(
                    "POST", self.path, {k.lower(): v for k, v in self.headers.items()}, body, time.monotonic()
                )
            )
        if not self.path.rstrip("/").endswith("/chat/completions"):
            self._send(ScriptedResponse(404, error_body(f"fake server: no route {self.path}")))
            return
        fake = self.fake
        with fake._lock:
            fake.in_flight += 1
            fake.max_in_flight = max(fake.max_in_flight, fake.in_flight)
        try:
            scripted = fake._next(body)
            fake._pause(fake.latency + scripted.delay)
        finally:
            with fake._lock:
                fake.in_flight -= 1
        self._send(ScriptedResponse(scripted.status, _fill_in(scripted.body, body), scripted.headers))

    def _send(self, scripted: ScriptedResponse) -> None:
        if isinstance(scripted.body, (dict, list)):
            payload = json.dumps(scripted.body).encode("utf-8")
            content_type = "application/json"
        else:
            payload = str(scripted.body or "").encode("utf-8")
            content_type = "text/plain; charset=utf-8"
        try:
            self.send_response(scripted.status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(payload)))
            for name, value in scripted.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout test)
            self.close_connection = True
