"""A fake Anthropic Messages API (and chat-completions endpoint) on 127.0.0.1, scripted per test.

Tests queue replies (a tool input, a malformed input, or an HTTP error status)
and then drive the real `anthropic` SDK against it. Requests are recorded with
their headers and the times they started and ended, so tests can check the
Bearer key, forced tool use, retries and concurrency.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Recorded:
    headers: dict[str, str]
    body: dict[str, Any]
    started: float
    ended: float = 0.0


@dataclass
class Scripted:
    """One reply: a tool input (dict), or an HTTP error status, after an optional delay."""

    tool_input: dict[str, Any] | None = None
    status: int = 200
    delay_s: float = 0.0
    text: str | None = None  # a plain text reply instead of a tool call
    tool_name: str | None = None  # which tool is called (default: the one forced, or "record")


@dataclass
class FakeMessagesAPI:
    replies: deque[Scripted | Callable[[dict[str, Any]], Scripted]] = field(default_factory=deque)
    requests: list[Recorded] = field(default_factory=list)
    url: str = ""
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def reply(self, tool_input: dict[str, Any] | None = None, **options: Any) -> None:
        self.replies.append(Scripted(tool_input=tool_input, **options))

    def respond_with(self, make: Callable[[dict[str, Any]], Scripted], times: int = 1) -> None:
        """Compute replies from the request body (for tests that depend on the prompt)."""
        self.replies.extend([make] * times)

    def _next(self, body: dict[str, Any]) -> Scripted:
        with self._lock:
            if not self.replies:
                return Scripted(status=500, text="no scripted reply left")
            entry = self.replies.popleft()
        return entry(body) if callable(entry) else entry


def _handler(api: FakeMessagesAPI) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            """Silent: keep test output clean."""

        def do_POST(self) -> None:  # noqa: N802 - http.server's naming
            started = time.monotonic()
            length = int(self.headers.get("content-length", 0))
            body = json.loads(self.rfile.read(length) or b"{}")
            record = Recorded({k.lower(): v for k, v in self.headers.items()}, body, started)
            with api._lock:
                api.requests.append(record)
            scripted = api._next(body)
            if scripted.delay_s:
                time.sleep(scripted.delay_s)
            if self.path.endswith("/chat/completions"):
                self._chat_completion(body, scripted)
                record.ended = time.monotonic()
                return
            if scripted.status != 200:
                payload = {
                    "type": "error",
                    "error": {
                        "type": {
                            401: "authentication_error",
                            429: "rate_limit_error",
                            529: "overloaded_error",
                        }.get(scripted.status, "api_error"),
                        "message": scripted.text or "scripted failure",
                    },
                }
                self._send(scripted.status, payload, {"retry-after-ms": "5"})
            else:
                if scripted.text is not None:
                    content = [{"type": "text", "text": scripted.text}]
                else:
                    forced = (body.get("tool_choice") or {}).get("name", "record")
                    tool = scripted.tool_name or forced
                    content = [
                        {
                            "type": "tool_use",
                            "id": f"toolu_{len(api.requests)}",
                            "name": tool,
                            "input": scripted.tool_input or {},
                        }
                    ]
                self._send(
                    200,
                    {
                        "id": f"msg_{len(api.requests)}",
                        "type": "message",
                        "role": "assistant",
                        "model": body.get("model", "fake"),
                        "content": content,
                        "stop_reason": "tool_use",
                        "stop_sequence": None,
                        "usage": {
                            "input_tokens": len(json.dumps(body)) // 4,
                            "output_tokens": len(json.dumps(content)) // 4,
                        },
                    },
                    {},
                )
            record.ended = time.monotonic()

        def _chat_completion(self, body: dict[str, Any], scripted: Scripted) -> None:
            """The OpenAI-compatible shape, for the openai provider."""
            if scripted.status != 200:
                self._send(scripted.status, {"error": {"message": scripted.text or "failure"}}, {})
                return
            content = (
                scripted.text
                if scripted.text is not None
                else json.dumps(scripted.tool_input or {})
            )
            self._send(
                200,
                {
                    "choices": [{"message": {"role": "assistant", "content": content}}],
                    "usage": {
                        "prompt_tokens": len(json.dumps(body)) // 4,
                        "completion_tokens": len(content) // 4,
                    },
                },
                {},
            )

        def _send(self, status: int, payload: dict[str, Any], headers: dict[str, str]) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

    return Handler


@contextmanager
def fake_messages_api() -> Iterator[FakeMessagesAPI]:
    api = FakeMessagesAPI()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(api))
    api.url = f"http://127.0.0.1:{server.server_address[1]}"
    # shutdown() waits for the loop to notice, up to one poll interval (0.5 s by default).
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    try:
        yield api
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
