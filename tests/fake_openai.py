"""A real OpenAI-compatible HTTP server on 127.0.0.1 for tests (not a monkeypatch).

It speaks `POST /v1/chat/completions` and `GET /v1/models` over real sockets, so the
official `openai` client, its HTTP stack, timeouts and connection handling are all exercised.

What each request gets is scripted:

* `server.push(script, ...)` queues scripts; each request takes the next one (FIFO);
* when the queue is empty, `responder(request_json)` decides. It may return a `Script` or a
  plain string (the assistant's reply text). Choosing by the request's content lets
  concurrent requests get the right answer whatever order they arrive in
  (see `by_last_user_message`);
* standing rules that behave like a real endpoint on every request: `reject_formats`
  (response_format types answered with 400, e.g. {"json_schema"}), `models` (others get 404)
  and `api_key` (other bearer tokens get 401).

Faults: `Script(delay=1.0)`, and the constructors `rate_limited`, `server_error`, `dropped`,
`malformed_body`, `unauthorized`, `bad_request`.

Every request is logged as a `LoggedRequest` with arrival and finish times, so tests can
count requests and measure overlap. The log records *that* an Authorization header arrived,
never its value.

Use the `fake_openai` pytest fixture: `server = fake_openai(responder=...)` starts a server
that is stopped after the test.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Mapping

import pytest


@dataclass(frozen=True)
class Script:
    """How to answer one request."""

    content: str | None = "{}"  # the assistant message text
    status: int = 200
    delay: float = 0.0  # seconds to wait before answering (latency / timeouts)
    headers: Mapping[str, str] = field(default_factory=dict)
    error: str | None = None  # error message for non-200 answers
    raw_body: bytes | None = None  # sent as-is instead of a JSON body (malformed responses)
    drop: bool = False  # close the connection without sending any response
    echo_key: bool = False  # put the caller's bearer token in the error text (a leaky server)
    prompt_tokens: int | None = None  # default: a word count of the messages
    completion_tokens: int | None = None  # default: a word count of the reply


def rate_limited(retry_after: float | str = 1, delay: float = 0.0) -> Script:
    return Script(status=429, headers={"Retry-After": str(retry_after)},
                  error="Rate limit reached, slow down", delay=delay)


def server_error(status: int = 500) -> Script:
    return Script(status=status, error="The server had an error while processing your request")


def dropped() -> Script:
    return Script(drop=True)


def malformed_body() -> Script:
    """HTTP 200 whose body is not JSON at all (a broken proxy, a truncated answer)."""
    return Script(raw_body=b'{"id": "chatcmpl-broken", "choices": [{"mess')


def unauthorized(echo_key: bool = True) -> Script:
    return Script(status=401, error="Incorrect API key provided", echo_key=echo_key)


def bad_request(message: str, echo_key: bool = False) -> Script:
    return Script(status=400, error=message, echo_key=echo_key)


Responder = Callable[[dict], "Script | str | None"]


def by_last_user_message(answers: Mapping[str, Script | str], default: Script | str = "{}"):
    """A responder answering with answers[needle] when needle occurs in the last user message."""

    def responder(body: dict) -> Script | str:
        users = [m for m in body.get("messages", []) if m.get("role") == "user"]
        text = str(users[-1].get("content", "")) if users else ""
        for needle, answer in answers.items():
            if needle in text:
                return answer
        return default

    return responder


@dataclass(frozen=True)
class LoggedRequest:
    arrived: float  # time.monotonic() when the request line was read
    finished: float  # time.monotonic() when the answer was ready to send (or dropped)
    method: str
    path: str
    body: Any  # the parsed JSON body, or None
    headers: Mapping[str, str]  # lower-cased names, WITHOUT Authorization
    had_authorization: bool  # an Authorization header arrived (its value is never kept)
    status: int  # the status answered; 0 for a dropped connection


class FakeOpenAI:
    def __init__(
        self,
        responder: Responder | None = None,
        *,
        models: set[str] | None = None,
        reject_formats: set[str] | frozenset[str] = frozenset(),
        api_key: str | None = None,
    ):
        self.responder = responder or (lambda body: "{}")
        self.models = models
        self.reject_formats = frozenset(reject_formats)
        self._expected_key = api_key
        self._queue: deque[Script] = deque()
        self._log: list[LoggedRequest] = []
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # --- lifecycle ---------------------------------------------------------------------------

    def start(self) -> "FakeOpenAI":
        fake = self

        class Handler(_Handler):
            server_fake = fake

        class Server(ThreadingHTTPServer):
            daemon_threads = True
            request_queue_size = 128  # 20+ simultaneous connects must not wait in SYN backlog

            def handle_error(self, request: Any, client_address: Any) -> None:
                pass  # a client that timed out and hung up is a scripted event, not a crash

        self._httpd = Server(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> "FakeOpenAI":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        assert self._httpd is not None, "start() the server first"
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    # --- scripting and inspection ------------------------------------------------------------

    def push(self, *scripts: Script | str) -> None:
        with self._lock:
            self._queue.extend(s if isinstance(s, Script) else Script(content=s) for s in scripts)

    @property
    def log(self) -> list[LoggedRequest]:
        with self._lock:
            return list(self._log)

    def chat_requests(self) -> list[LoggedRequest]:
        return [r for r in self.log if r.path.endswith("/chat/completions")]

    def max_in_flight(self) -> int:
        """Most requests that were being handled at the same moment, from the log."""
        edges = []
        for r in self.log:
            edges.append((r.arrived, 1))
            edges.append((r.finished, -1))
        # At equal times count finishes first, so back-to-back requests do not "overlap".
        edges.sort(key=lambda e: (e[0], e[1]))
        now = best = 0
        for _, step in edges:
            now += step
            best = max(best, now)
        return best

    # --- called by the handler ---------------------------------------------------------------

    def _next_script(self, body: dict, bearer: str | None) -> Script:
        """The standing rules first (like a real endpoint), then the queue, then responder."""
        if self._expected_key is not None and bearer != self._expected_key:
            return unauthorized()
        if self.models is not None and body.get("model") not in self.models:
            return Script(status=404, error=f"The model `{body.get('model')}` does not exist")
        fmt = (body.get("response_format") or {}).get("type")
        if fmt in self.reject_formats:
            return Script(status=400, error=f"response_format type '{fmt}' is not supported "
                                            "by this server")
        with self._lock:
            if self._queue:
                return self._queue.popleft()
        answer = self.responder(body)
        if answer is None:
            return Script()
        return answer if isinstance(answer, Script) else Script(content=answer)

    def _record(self, entry: LoggedRequest) -> None:
        with self._lock:
            self._log.append(entry)


class _Handler(BaseHTTPRequestHandler):
    server_fake: FakeOpenAI
    protocol_version = "HTTP/1.1"  # keep-alive, like real servers
    disable_nagle_algorithm = True  # else each answer waits ~40 ms for a delayed ACK

    def log_message(self, format: str, *args: Any) -> None:  # keep pytest output quiet
        pass

    def do_GET(self) -> None:
        arrived = time.monotonic()
        fake = self.server_fake
        if self.path.rstrip("/").endswith("/models"):
            names = sorted(fake.models or ["fake-model"])
            data = [{"id": m, "object": "model", "owned_by": "fake"} for m in names]
            self._answer(arrived, None, 200, {"object": "list", "data": data})
        else:
            self._answer(arrived, None, 404, _error_body("not found"))

    def do_POST(self) -> None:
        arrived = time.monotonic()
        fake = self.server_fake
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        try:
            body = json.loads(raw)
        except ValueError:
            body = None
        if not self.path.rstrip("/").endswith("/chat/completions") or not isinstance(body, dict):
            self._answer(arrived, body, 404, _error_body("unknown path or bad body"))
            return

        auth = self.headers.get("Authorization") or ""
        bearer = auth[len("Bearer "):] if auth.startswith("Bearer ") else None
        script = fake._next_script(body, bearer)
        if script.delay:
            time.sleep(script.delay)

        if script.drop:
            # Close the socket without a byte of response: the client sees a disconnect.
            self._log(arrived, body, 0)
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        elif script.raw_body is not None:
            self._log(arrived, body, 200)
            self._send(200, script.raw_body, {"Content-Type": "application/json"})
        elif script.status != 200:
            message = script.error or "error"
            if script.echo_key and bearer:
                message += f": {bearer}"  # what a careless server might do
            self._answer(arrived, body, script.status, _error_body(message), script.headers)
        else:
            self._answer(arrived, body, 200, _completion(body, script), script.headers)
        del auth, bearer  # the key is not kept anywhere

    # --- helpers -----------------------------------------------------------------------------

    def _answer(self, arrived: float, body: Any, status: int, payload: Any,
                headers: Mapping[str, str] = {}) -> None:
        self._log(arrived, body, status)
        data = json.dumps(payload).encode()
        self._send(status, data, {"Content-Type": "application/json", **headers})

    def _send(self, status: int, data: bytes, headers: Mapping[str, str]) -> None:
        try:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client gave up waiting (a timeout test)

    def _log(self, arrived: float, body: Any, status: int) -> None:
        # Logged just before the answer is written, so a client that has its answer can
        # already see the entry (no race in tests). `finished` is when the answer was ready.
        headers = {k.lower(): v for k, v in self.headers.items() if k.lower() != "authorization"}
        self.server_fake._record(
            LoggedRequest(
                arrived=arrived,
                finished=time.monotonic(),
                method=self.command,
                path=self.path,
                body=body,
                headers=headers,
                had_authorization="authorization" in {k.lower() for k in self.headers.keys()},
                status=status,
            )
        )


def _error_body(message: str) -> dict:
    return {"error": {"message": message, "type": "invalid_request_error", "code": None}}


def _words(text: str) -> int:
    return len(text.split())


def _completion(request: dict, script: Script) -> dict:
    content = script.content
    prompt = sum(_words(str(m.get("content", ""))) for m in request.get("messages", []))
    prompt_tokens = script.prompt_tokens if script.prompt_tokens is not None else prompt
    completion_tokens = (
        script.completion_tokens if script.completion_tokens is not None else _words(content or "")
    )
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": 1_700_000_000,
        "model": request.get("model", "fake-model"),
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": "stop",
            }
        ],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }


@pytest.fixture
def fake_openai():
    """Factory fixture: `server = fake_openai(responder, models=..., reject_formats=...)`.

    Every server started through it is stopped when the test ends.
    """
    servers: list[FakeOpenAI] = []

    def start(responder: Responder | None = None, **options: Any) -> FakeOpenAI:
        server = FakeOpenAI(responder, **options).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()
