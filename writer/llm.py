"""Transport to an OpenAI-compatible chat endpoint: retries, structured output, cache, pool.

This module only moves messages and replies. It does not know about prompts, findings or
number slots; the draft stage builds `ChatRequest`s and reads `ChatReply`s.

How one request goes (`OpenAIBackend.complete`):

1. Disk cache. The key is a hash of everything that shapes the answer (base URL, model,
   messages, schema, temperature, seed). A hit returns without any HTTP request.
2. Structured output. The schema is always spelled out at the end of the last user message,
   and we also ask for `response_format=json_schema`. Servers that refuse it
   (HTTP 400 naming response_format/json_schema, or HTTP 422) are asked again with
   `json_object`, then with plain prompting. The mode that works is remembered per
   (base URL, model), in memory and in `<cache_dir>/modes.json` (kept even with
   use_cache=False: it is knowledge about the server, not a cached answer), so later calls
   go straight to it.
3. Retries. 429 (honouring Retry-After), 408, 5xx, timeouts, dropped connections and
   garbled response bodies are retried with exponential backoff, up to `max_retries` times.
   Other 4xx answers are not retried: they raise `LLMError` saying what to fix.
4. A reply whose *content* is not valid JSON is not an error: `parsed` is None and the
   caller decides whether to ask for a repair.

The API key is read from the environment when the backend is created and kept in one
private attribute. Every text that leaves this module (errors, events, cached replies) is
scrubbed of it first.
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import os
import random
import re
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from writer.errors import strip_url_credentials
from writer.settings import LLMSettings

# `openai` is imported where a request is made (about 1.5 s): an offline draft never needs it.

MODES = ("json_schema", "json_object", "prompt")  # best first
RETRY_AFTER_CAP_S = 30.0  # never sleep longer than this on a server's say-so
BACKOFF_BASE_S = 0.5  # first backoff; doubles on each retry
BACKOFF_CAP_S = 8.0
CACHE_VERSION = 1  # bump when the cache entry format or key material changes

JSON_INSTRUCTION = (
    "\n\nAnswer with one JSON object only: no prose before or after it, no code fences. "
    "It must match this JSON schema:\n"
)


# --------------------------------------------------------------------------------------------
# Public data types
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChatRequest:
    messages: tuple[tuple[str, str], ...]  # (role, content), role in system/user/assistant
    schema: Mapping[str, Any] | None = None  # JSON schema the reply must follow; None = text
    schema_name: str = "reply"  # letters, digits, _ and - (OpenAI's rule for the name)
    temperature: float | None = None  # None: the settings' temperature
    seed: int | None = None  # None: the settings' seed (if that is None too, none is sent)
    key: str = ""  # a label for progress and errors, e.g. 'video/zh'


@dataclass(frozen=True)
class ChatReply:
    text: str  # the assistant's message, as sent (scrubbed of the key)
    parsed: Any | None  # the JSON in `text` when a schema was asked for and it parses
    cached: bool  # served from the disk cache, no HTTP request made
    retries: int  # transport retries spent on this reply
    prompt_tokens: int
    completion_tokens: int
    latency_s: float  # wall time of complete(), retries and waits included
    mode: str  # 'json_schema' | 'json_object' | 'prompt'


@dataclass(frozen=True)
class Event:
    """Progress of one request, for the CLI to print on stderr."""

    key: str  # the ChatRequest.key
    status: str  # 'done' | 'cached' | 'retried' | 'failed'
    detail: str = ""


@dataclass(frozen=True)
class Usage:
    calls: int = 0  # HTTP requests sent, retries and format probes included
    cache_hits: int = 0
    prompt_tokens: int = 0  # tokens spent in this run (cache hits cost none)
    completion_tokens: int = 0
    retries: int = 0
    failures: int = 0  # requests that ended in LLMError
    cache_errors: int = 0  # cache files that could not be written (the reply was still used)

    def summary(self) -> str:
        text = (
            f"{self.calls} calls, {self.cache_hits} cache hits, "
            f"{self.prompt_tokens} prompt + {self.completion_tokens} completion tokens, "
            f"{self.retries} retries, {self.failures} failed"
        )
        if self.cache_errors:
            text += f", {self.cache_errors} cache writes failed"
        return text


class LLMError(Exception):
    """A request that could not be answered. `.fix` says what the user can change.

    Not a WriterError on purpose: the draft stage catches it and falls back to offline text
    for that section instead of stopping the run.
    """

    def __init__(self, message: str, fix: str, *, key: str = "", status: int | None = None,
                 retries: int = 0):
        self.message = message
        self.fix = fix
        self.key = key
        self.status = status  # HTTP status, None for connection problems
        self.retries = retries
        super().__init__(f"{key + ': ' if key else ''}{message}. Fix: {fix}")


# --------------------------------------------------------------------------------------------
# Backends
# --------------------------------------------------------------------------------------------


class OfflineBackend:
    """Marker for the default backend: no HTTP at all, the draft stage writes the prose."""

    offline = True

    def __init__(self, settings: LLMSettings | None = None):
        self.settings = settings

    def complete(self, req: ChatRequest, on_event: Callable[[Event], None] | None = None):
        raise TypeError("the offline backend makes no LLM calls; check backend.offline first")

    def usage(self) -> Usage:
        return Usage()

    def close(self) -> None:
        pass

    def __repr__(self) -> str:
        return "OfflineBackend()"


def make_backend(settings: LLMSettings, *, env: Mapping[str, str] | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> OfflineBackend | OpenAIBackend:
    """The backend `settings.backend` names."""
    if settings.backend == "openai":
        return OpenAIBackend(settings, env=env, sleep=sleep)
    return OfflineBackend(settings)


class _FormatRejected(Exception):
    """The server refused the response_format we sent; try the next mode."""


class _Garbled(Exception):
    """HTTP 200 whose body is not a chat completion."""


class OpenAIBackend:
    offline = False

    def __init__(self, settings: LLMSettings, *, env: Mapping[str, str] | None = None,
                 sleep: Callable[[float], None] = time.sleep):
        if not settings.base_url or not settings.model:
            raise ValueError("OpenAIBackend needs settings with base_url and model "
                             "(use resolve_llm_settings)")
        self.settings = settings
        self._sleep = sleep
        key = settings.api_key(env)
        self._key_missing = key is None
        self._secret = key or ""  # kept only to scrub it out of texts we hand back
        import openai

        self._client = openai.OpenAI(
            base_url=settings.base_url,
            # Local servers (Ollama, llama.cpp) need no key, but the client insists on one.
            api_key=key or "no-key-set",
            timeout=settings.timeout,
            max_retries=0,  # retries are ours: explicit, counted and reported
        )
        self._cache_dir = Path(settings.cache_dir)
        self._lock = threading.Lock()  # guards counters and the mode memory
        self._counts = {field: 0 for field in Usage.__dataclass_fields__}
        self._mode: str | None = self._load_modes().get(self._endpoint_id)

    def __repr__(self) -> str:
        return f"OpenAIBackend(base_url={self.settings.base_url!r}, model={self.settings.model!r})"

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> OpenAIBackend:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def usage(self) -> Usage:
        with self._lock:
            return Usage(**self._counts)

    @property
    def mode(self) -> str | None:
        """The structured-output mode known to work here, or None if not yet known."""
        return self._mode

    # --- one request -------------------------------------------------------------------------

    def complete(self, req: ChatRequest,
                 on_event: Callable[[Event], None] | None = None) -> ChatReply:
        """Answer one request, from the cache or the endpoint. Raises LLMError.

        on_event receives 'retried' events while this call waits to retry.
        """
        emit = on_event or (lambda event: None)
        started = time.monotonic()
        cache_key = self._cache_key(req)
        if self.settings.use_cache:
            hit = self._cache_read(cache_key)
            if hit is not None:
                self._count(cache_hits=1)
                return ChatReply(
                    text=hit["text"],
                    parsed=parse_json_reply(hit["text"]) if req.schema is not None else None,
                    cached=True,
                    retries=0,
                    prompt_tokens=hit["prompt_tokens"],
                    completion_tokens=hit["completion_tokens"],
                    latency_s=time.monotonic() - started,
                    mode=hit["mode"],
                )
        try:
            if req.schema is None:
                text, prompt_tokens, completion_tokens, retries = self._send(req, "prompt", emit)
                mode = "prompt"
            else:
                text, prompt_tokens, completion_tokens, retries, mode = self._send_structured(
                    req, emit
                )
        except LLMError:
            self._count(failures=1)
            raise
        self._count(prompt_tokens=prompt_tokens, completion_tokens=completion_tokens)
        if self.settings.use_cache:
            self._cache_write(cache_key, {
                "text": text,
                "prompt_tokens": prompt_tokens,
                "completion_tokens": completion_tokens,
                "mode": mode,
            })
        return ChatReply(
            text=text,
            parsed=parse_json_reply(text) if req.schema is not None else None,
            cached=False,
            retries=retries,
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
            latency_s=time.monotonic() - started,
            mode=mode,
        )

    # --- structured output: find out once what the endpoint supports, then use it ------------

    def _send_structured(self, req: ChatRequest, emit: Callable[[Event], None]):
        # Start with the mode known to work here, or the best one if nobody has found out yet.
        # Requests already in flight when the answer arrives each learn it from their own
        # rejection. We do not make them wait for the first one instead: a rejection costs a
        # fast 400, while waiting would cost a whole generation's latency on every first run.
        mode = self._mode or MODES[0]
        while True:
            try:
                text, prompt_tokens, completion_tokens, retries = self._send(req, mode, emit)
            except _FormatRejected:
                following = MODES[MODES.index(mode) + 1]
                known = self._mode  # another request may have found the answer meanwhile
                if known is not None and MODES.index(known) > MODES.index(following):
                    following = known
                emit(Event(req.key, "retried",
                           f"endpoint rejected response_format {mode}; using {following}"))
                mode = following
                continue
            self._remember_mode(mode)
            return text, prompt_tokens, completion_tokens, retries, mode

    def _remember_mode(self, mode: str) -> None:
        with self._lock:
            if self._mode == mode:
                return
            self._mode = mode
            modes = self._load_modes()
            modes[self._endpoint_id] = mode
            try:
                _write_json_atomic(self._cache_dir / "modes.json", modes)
            except OSError:
                self._counts["cache_errors"] += 1

    @property
    def _endpoint_id(self) -> str:
        # the file is plain text on disk: never the user:KEY@ or ?key= of a URL
        return f"{strip_url_credentials(self.settings.base_url)} {self.settings.model}"

    def _load_modes(self) -> dict[str, str]:
        try:
            data = json.loads((self._cache_dir / "modes.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict):
            return {}
        return {k: v for k, v in data.items() if isinstance(v, str) and v in MODES}

    def _request_args(self, req: ChatRequest, mode: str) -> dict[str, Any]:
        messages = [{"role": role, "content": content} for role, content in req.messages]
        if req.schema is not None:
            # Spell the shape out in the prompt in every mode: json_object and plain prompting
            # do not carry the schema, some servers silently ignore response_format, and
            # OpenAI's json_object mode insists on the word JSON appearing in the messages.
            instruction = JSON_INSTRUCTION + json.dumps(_plain(req.schema), ensure_ascii=False)
            if messages and messages[-1]["role"] == "user":
                messages[-1] = {"role": "user", "content": messages[-1]["content"] + instruction}
            else:
                messages.append({"role": "user", "content": instruction.strip()})
        args: dict[str, Any] = {
            "model": self.settings.model,
            "messages": messages,
            "temperature": self._temperature(req),
            "max_tokens": self.settings.max_tokens,
        }
        seed = self._seed(req)
        if seed is not None:
            args["seed"] = seed
        if req.schema is not None and mode == "json_schema":
            args["response_format"] = {
                "type": "json_schema",
                "json_schema": {
                    "name": re.sub(r"[^A-Za-z0-9_-]", "_", req.schema_name)[:64] or "reply",
                    "schema": _plain(req.schema),
                    "strict": True,
                },
            }
        elif req.schema is not None and mode == "json_object":
            args["response_format"] = {"type": "json_object"}
        return args

    def _temperature(self, req: ChatRequest) -> float:
        return self.settings.temperature if req.temperature is None else req.temperature

    def _seed(self, req: ChatRequest) -> int | None:
        return self.settings.seed if req.seed is None else req.seed

    # --- HTTP with retries -------------------------------------------------------------------

    def _send(self, req: ChatRequest, mode: str, emit: Callable[[Event], None]):
        """One logical call: returns (text, prompt_tokens, completion_tokens, retries)."""
        import openai

        args = self._request_args(req, mode)
        max_retries = self.settings.max_retries
        attempt = 0
        while True:
            self._count(calls=1)
            wait: float | None = None
            try:
                completion = self._client.chat.completions.create(**args)
                text, prompt_tokens, completion_tokens = _read_completion(completion)
                return self._scrub(text), prompt_tokens, completion_tokens, attempt
            except openai.APIStatusError as exc:
                status = exc.status_code
                if mode != "prompt" and _rejects_format(exc):
                    raise _FormatRejected() from None
                if not (status in (408, 429) or status >= 500):
                    raise self._refused(exc, req) from None
                kind = "rate limited" if status == 429 else f"HTTP {status}"
                problem = f"HTTP {status}: {self._server_message(exc)}"
                if status == 429:
                    wait = _retry_after(exc.response.headers)
            except openai.APITimeoutError:  # before APIConnectionError: it is a subclass
                kind = problem = f"no answer within {self.settings.timeout:g} s"
                status = None
            except openai.APIConnectionError:
                kind = problem = "connection failed or dropped"
                status = None
            except (_Garbled, ValueError, openai.APIResponseValidationError):
                # The client raises a bare JSONDecodeError (a ValueError) for a non-JSON body.
                kind = problem = "the response was not chat-completion JSON"
                status = None
            except openai.OpenAIError as exc:  # anything else from the client: do not loop
                raise LLMError(
                    f"the openai client failed: {self._scrub(str(exc))[:300]}",
                    "check --base-url and --model",
                    key=req.key,
                ) from None

            if attempt >= max_retries:
                raise self._gave_up(req, kind, problem, status, attempt) from None
            if wait is None:
                wait = self._backoff(req, attempt)
            attempt += 1
            self._count(retries=1)
            emit(Event(req.key, "retried",
                       f"{self._scrub(kind)}; retry {attempt} of {max_retries} in {wait:.1f} s"))
            self._sleep(wait)

    def _backoff(self, req: ChatRequest, attempt: int) -> float:
        # Exponential with jitter, so requests that failed together do not retry together.
        # The jitter is seeded by the request, which keeps runs reproducible.
        rng = random.Random(f"{self._cache_key(req)}:{attempt}")
        return min(BACKOFF_CAP_S, BACKOFF_BASE_S * 2**attempt) * (0.5 + 0.5 * rng.random())

    # --- errors that say what to fix ---------------------------------------------------------

    def _refused(self, exc: openai.APIStatusError, req: ChatRequest) -> LLMError:
        """A 4xx we do not retry: repeating the same request would get the same answer."""
        status = exc.status_code
        url, model, var = self.settings.base_url, self.settings.model, self.settings.api_key_env
        server = self._server_message(exc)
        if status == 401 and self._key_missing:
            message = f"{url} wants an API key, but ${var} is not set (HTTP 401)"
            fix = f"export {var}=<your key>, or name the variable that holds it with " \
                "--api-key-env NAME"
        elif status == 401:
            # The server's own text is left out: some servers echo (part of) the key.
            message = f"the API key in ${var} was rejected by {url} (HTTP 401)"
            fix = f"set a valid key in {var}, or name the right variable with --api-key-env NAME"
        elif status == 403:
            message = f"the key in ${var} may not use model '{model}' at {url} (HTTP 403)"
            fix = "check the key's permissions and --model"
        elif status == 404:
            message = f"model '{model}' is unknown at {url} (HTTP 404: {server})"
            fix = f"check --model (GET {url}/models lists the server's models) and that " \
                "--base-url is the API root, usually ending in /v1"
        elif status == 400:
            message = f"{url} refused the request (HTTP 400: {server})"
            fix = "if the message names a parameter (temperature, seed), change that setting; " \
                "if it is about length, use a model with a longer context"
        else:
            message = f"{url} refused the request (HTTP {status}: {server})"
            fix = "check --base-url, --model and the key"
        return LLMError(self._scrub(message), self._scrub(fix), key=req.key, status=status)

    def _gave_up(self, req: ChatRequest, kind: str, problem: str, status: int | None,
                 retries: int) -> LLMError:
        url = self.settings.base_url
        tries = f"{retries + 1} attempt{'s' if retries else ''}"
        more_retries = "raise max_retries under [llm] in writer.toml"
        if status == 429:
            fix = f"lower --concurrency, {more_retries}, or run again later " \
                "(answers already received are cached)"
        elif status is not None:
            fix = f"run again later (answers already received are cached) or {more_retries}"
        elif kind.startswith("no answer"):
            fix = "raise timeout under [llm] in writer.toml (local models can be slow) " \
                "or lower --concurrency"
        elif kind.startswith("connection"):
            fix = "check --base-url and that the server is running"
        else:
            fix = "check that --base-url is an OpenAI-compatible API root, usually ending in /v1"
        return LLMError(self._scrub(f"gave up on {url} after {tries}: {problem}"), fix,
                        key=req.key, status=status, retries=retries)

    def _server_message(self, exc: openai.APIStatusError) -> str:
        body = exc.body
        text = None
        if isinstance(body, Mapping):
            text = body.get("message") or body.get("detail") or body.get("error")
        text = str(text if text else (body or exc.message))
        return self._scrub(" ".join(text.split()))[:300]

    def _scrub(self, text: str) -> str:
        if self._secret:
            text = text.replace(self._secret, "[redacted]")
        return re.sub(r"(?i)(bearer\s+)\S+", r"\1[redacted]", text)

    # --- disk cache --------------------------------------------------------------------------

    def _cache_key(self, req: ChatRequest) -> str:
        # Everything that shapes the answer, and nothing that does not (not the mode, which
        # only changes how we ask; not the key label; never the API key).
        material = {
            "v": CACHE_VERSION,
            "base_url": self.settings.base_url,
            "model": self.settings.model,
            "messages": [[role, content] for role, content in req.messages],
            "schema": _plain(req.schema),
            "schema_name": req.schema_name,
            "temperature": self._temperature(req),
            "seed": self._seed(req),
            "max_tokens": self.settings.max_tokens,  # a cap can cut a reply short
        }
        canonical = json.dumps(material, sort_keys=True, ensure_ascii=False,
                               separators=(",", ":"))
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    def _cache_path(self, cache_key: str) -> Path:
        return self._cache_dir / "responses" / cache_key[:2] / f"{cache_key}.json"

    def _cache_read(self, cache_key: str) -> dict | None:
        try:
            entry = json.loads(self._cache_path(cache_key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None  # missing or damaged: ask the endpoint and overwrite it
        ok = (
            isinstance(entry, dict)
            and isinstance(entry.get("text"), str)
            and isinstance(entry.get("prompt_tokens"), int)
            and isinstance(entry.get("completion_tokens"), int)
            and entry.get("mode") in MODES
        )
        return entry if ok else None

    def _cache_write(self, cache_key: str, entry: dict) -> None:
        try:
            _write_json_atomic(self._cache_path(cache_key), entry)
        except OSError:
            # The reply is good; a cache we cannot write only costs a request next time.
            self._count(cache_errors=1)

    def _count(self, **amounts: int) -> None:
        with self._lock:
            for name, amount in amounts.items():
                self._counts[name] += amount


# --------------------------------------------------------------------------------------------
# Many requests at once
# --------------------------------------------------------------------------------------------


def run_all(
    backend: OpenAIBackend,
    requests: Sequence[ChatRequest],
    concurrency: int,
    on_event: Callable[[Event], None] | None = None,
) -> list[ChatReply | LLMError]:
    """Complete all requests with at most `concurrency` in flight; results in input order.

    A failed request gives its LLMError in its place instead of raising, so one bad section
    does not sink the others. on_event is called once per request with 'done', 'cached' or
    'failed', plus 'retried' events while waiting; calls are serialised, so it need not be
    thread-safe.
    """
    if not requests:
        return []
    event_lock = threading.Lock()

    def emit(event: Event) -> None:
        if on_event is not None:
            with event_lock:
                on_event(event)

    def one(req: ChatRequest) -> ChatReply | LLMError:
        try:
            reply = backend.complete(req, on_event=emit)
        except LLMError as exc:
            emit(Event(req.key, "failed", str(exc)))
            return exc
        if reply.cached:
            emit(Event(req.key, "cached", reply.mode))
        else:
            detail = (f"{reply.latency_s:.1f} s, {reply.prompt_tokens}+"
                      f"{reply.completion_tokens} tokens, {reply.mode}")
            if reply.retries:
                detail += f", {reply.retries} retries"
            if req.schema is not None and reply.parsed is None:
                detail += ", reply is not valid JSON"
            emit(Event(req.key, "done", detail))
        return reply

    workers = max(1, min(concurrency, len(requests)))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="llm") as pool:
        return list(pool.map(one, requests))


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def parse_json_reply(text: str) -> Any | None:
    """The JSON in a model's reply, or None. Tolerates ```json fences and chatter around it."""
    candidates = [text.strip()]
    fenced = re.search(r"```(?:json|JSON)?\s*\n?(.*?)```", text, re.DOTALL)
    if fenced:
        candidates.append(fenced.group(1).strip())
    start, end = text.find("{"), text.rfind("}")
    if 0 <= start < end:
        candidates.append(text[start:end + 1])
    for candidate in candidates:
        try:
            return json.loads(candidate)
        except ValueError:
            continue
    return None


def _read_completion(completion: Any) -> tuple[str, int, int]:
    """(text, prompt_tokens, completion_tokens) from a ChatCompletion; _Garbled if it is not."""
    try:
        message = completion.choices[0].message
        text = message.content or ""
    except (AttributeError, IndexError, TypeError):
        raise _Garbled() from None
    if not isinstance(text, str):
        raise _Garbled()
    usage = getattr(completion, "usage", None)
    prompt_tokens = getattr(usage, "prompt_tokens", None) or 0
    completion_tokens = getattr(usage, "completion_tokens", None) or 0
    return text, int(prompt_tokens), int(completion_tokens)


def _rejects_format(exc: openai.APIStatusError) -> bool:
    """Is this the server saying it does not support the response_format we sent?

    Most servers answer 400 or 422; llama-cpp-python 0.3 answers 500 with a validation
    message ("Input should be 'text' or 'json_object'"), so a 500 counts when it names the
    format, instead of being retried as a server fault.
    """
    if exc.status_code == 422:
        return True
    if exc.status_code not in (400, 500):
        return False
    text = f"{exc.message} {exc.body}".lower()
    words = ("response_format", "json_schema", "json_object")
    return any(word in text for word in words)


def _retry_after(headers: Mapping[str, str]) -> float | None:
    """Seconds the server asked us to wait (Retry-After or retry-after-ms), capped."""
    seconds: float | None = None
    try:
        if headers.get("retry-after-ms"):
            seconds = float(headers["retry-after-ms"]) / 1000
        elif headers.get("retry-after"):
            value = headers["retry-after"].strip()
            try:
                seconds = float(value)
            except ValueError:  # the other allowed form is an HTTP date
                when = email.utils.parsedate_to_datetime(value)
                seconds = when.timestamp() - time.time()
    except (TypeError, ValueError):
        return None
    if seconds is None:
        return None
    return min(max(seconds, 0.0), RETRY_AFTER_CAP_S)


def _plain(value: Any) -> Any:
    """Mappings and tuples as dicts and lists, so json.dumps takes any schema object."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _write_json_atomic(path: Path, data: Any) -> None:
    """Write to a temporary file next to `path`, then rename: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, sort_keys=True, indent=1)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
