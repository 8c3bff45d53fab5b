"""The LLM transport and its settings, tested against a real HTTP server on 127.0.0.1.

Nothing here patches the openai client: every request crosses a socket to tests/fake_openai.py,
and assertions about what was sent are made on that server's request log.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from fake_openai import (  # noqa: F401  (fake_openai is a fixture)
    FakeOpenAI,
    Script,
    bad_request,
    by_last_user_message,
    dropped,
    fake_openai,
    malformed_body,
    rate_limited,
    server_error,
)
from writer.errors import InputError, UsageError
from writer.llm import (
    RETRY_AFTER_CAP_S,
    ChatReply,
    ChatRequest,
    LLMError,
    OfflineBackend,
    OpenAIBackend,
    make_backend,
    parse_json_reply,
    run_all,
)
from writer.settings import (
    OPENAI_DEFAULT_BASE_URL,
    LLMSettings,
    load_config,
    resolve_llm_settings,
)

SECRET = "sk-test-SECRET-123"
ENV = {"OPENAI_API_KEY": SECRET}
SCHEMA = {
    "type": "object",
    "properties": {"text": {"type": "string"}},
    "required": ["text"],
    "additionalProperties": False,
}


class Sleeps(list):
    """An injectable sleep that records the waits instead of waiting."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def make(server: FakeOpenAI, tmp_path: Path, *, env=ENV, sleep=None, **overrides):
    options = dict(backend="openai", base_url=server.base_url, model="fake-model",
                   cache_dir=tmp_path / "cache", max_retries=3, timeout=5)
    options.update(overrides)
    sleep = Sleeps() if sleep is None else sleep
    return OpenAIBackend(LLMSettings(**options), env=env, sleep=sleep)


def ask(text: str, key: str = "", schema=SCHEMA, **kw) -> ChatRequest:
    return ChatRequest(messages=(("system", "You write trends posts."), ("user", text)),
                       schema=schema, key=key or text, **kw)


def formats(server: FakeOpenAI) -> list:
    """The response_format type of every chat request, in arrival order (None = not sent)."""
    return [(r.body.get("response_format") or {}).get("type") for r in server.chat_requests()]


def all_text_under(folder: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace")
                     for p in folder.rglob("*") if p.is_file())


# --------------------------------------------------------------------------------------------
# Retries
# --------------------------------------------------------------------------------------------


def test_429_retry_after_is_honoured(fake_openai, tmp_path):
    server = fake_openai()
    server.push(rate_limited(2), rate_limited("0.5"), '{"text": "ok"}')
    sleeps, events = Sleeps(), []
    backend = make(server, tmp_path, sleep=sleeps)

    reply = backend.complete(ask("video"), on_event=events.append)

    assert sleeps == [2.0, 0.5]
    assert reply.parsed == {"text": "ok"} and reply.retries == 2
    assert [r.status for r in server.chat_requests()] == [429, 429, 200]
    assert [e.status for e in events] == ["retried", "retried"]
    assert "retry 1 of 3 in 2.0 s" in events[0].detail


def test_retry_after_is_capped(fake_openai, tmp_path):
    server = fake_openai()
    server.push(rate_limited(3600), "{}")
    sleeps = Sleeps()
    make(server, tmp_path, sleep=sleeps).complete(ask("x"))
    assert sleeps == [RETRY_AFTER_CAP_S]


def test_500_then_success_backs_off(fake_openai, tmp_path):
    server = fake_openai()
    server.push(server_error(), server_error(503), '{"text": "ok"}')
    sleeps = Sleeps()
    reply = make(server, tmp_path, sleep=sleeps).complete(ask("x"))
    assert reply.parsed == {"text": "ok"} and reply.retries == 2
    # Exponential backoff with jitter: attempt n waits between half and all of 0.5 * 2**n.
    assert 0.25 <= sleeps[0] <= 0.5 and 0.5 <= sleeps[1] <= 1.0


def test_dropped_connection_then_success(fake_openai, tmp_path):
    server = fake_openai()
    server.push(dropped(), '{"text": "ok"}')
    reply = make(server, tmp_path).complete(ask("x"))
    assert reply.parsed == {"text": "ok"} and reply.retries == 1
    assert [r.status for r in server.chat_requests()] == [0, 200]


def test_timeout_then_success(fake_openai, tmp_path):
    server = fake_openai()
    server.push(Script(content='{"text": "late"}', delay=1.0), '{"text": "ok"}')
    reply = make(server, tmp_path, timeout=0.3).complete(ask("x"))
    assert reply.parsed == {"text": "ok"} and reply.retries == 1


def test_garbled_response_body_then_success(fake_openai, tmp_path):
    server = fake_openai()
    server.push(malformed_body(), Script(raw_body=b"[1, 2]"), '{"text": "ok"}')
    reply = make(server, tmp_path).complete(ask("x"))
    assert reply.parsed == {"text": "ok"} and reply.retries == 2


def test_gives_up_after_max_retries(fake_openai, tmp_path):
    server = fake_openai(lambda body: server_error())
    backend = make(server, tmp_path, max_retries=2)
    with pytest.raises(LLMError) as caught:
        backend.complete(ask("x", key="video/zh"))
    error = caught.value
    assert len(server.chat_requests()) == 3  # the first attempt and two retries
    assert error.status == 500 and error.retries == 2 and error.key == "video/zh"
    assert "after 3 attempts" in str(error) and "max_retries under [llm]" in error.fix
    assert backend.usage().failures == 1


def test_connection_refused_gives_up_with_a_fix(tmp_path):
    server = FakeOpenAI().start()
    url = server.base_url
    server.stop()  # nothing listens on that port any more
    settings = LLMSettings(backend="openai", base_url=url, model="m", cache_dir=tmp_path,
                           max_retries=1)
    with pytest.raises(LLMError) as caught:
        OpenAIBackend(settings, env=ENV, sleep=Sleeps()).complete(ask("x"))
    assert "--base-url" in caught.value.fix and caught.value.status is None


# --------------------------------------------------------------------------------------------
# Errors that are not retried, and the key
# --------------------------------------------------------------------------------------------


def test_401_is_not_retried_and_says_what_to_fix(fake_openai, tmp_path):
    # This server echoes the bearer token it got in its error text, as some do.
    server = fake_openai(api_key="sk-the-right-one")
    events = []
    backend = make(server, tmp_path)
    results = run_all(backend, [ask("x", key="video/en")], 1, events.append)

    error = results[0]
    assert isinstance(error, LLMError) and error.status == 401
    assert len(server.chat_requests()) == 1
    assert "OPENAI_API_KEY" in error.fix and "--api-key-env" in error.fix
    for text in (str(error), repr(error), error.message, error.fix, repr(events)):
        assert SECRET not in text
    assert events[-1].status == "failed"


def test_401_without_any_key_says_the_variable_is_not_set(fake_openai, tmp_path):
    server = fake_openai(api_key="sk-needed")
    backend = make(server, tmp_path, env={}, api_key_env="POE_API_KEY")
    with pytest.raises(LLMError) as caught:
        backend.complete(ask("x"))
    assert "$POE_API_KEY is not set" in caught.value.message
    assert "export POE_API_KEY" in caught.value.fix


def test_404_unknown_model(fake_openai, tmp_path):
    server = fake_openai(models={"llama3.1"})
    backend = make(server, tmp_path, model="gpt-nope")
    with pytest.raises(LLMError) as caught:
        backend.complete(ask("x"))
    error = caught.value
    assert error.status == 404 and len(server.chat_requests()) == 1
    assert "model 'gpt-nope' is unknown at " + server.base_url in error.message
    assert "--model" in error.fix and "/models" in error.fix


def test_400_shows_the_server_message_without_the_key(fake_openai, tmp_path):
    server = fake_openai()
    server.push(bad_request("temperature must be at most 2", echo_key=True))
    with pytest.raises(LLMError) as caught:
        make(server, tmp_path).complete(ask("x", schema=None))
    assert "temperature must be at most 2" in str(caught.value)
    assert SECRET not in str(caught.value) and "[redacted]" in str(caught.value)
    assert len(server.chat_requests()) == 1


def test_the_key_is_sent_but_never_logged_or_shown(fake_openai, tmp_path):
    server = fake_openai()
    backend = make(server, tmp_path)
    backend.complete(ask("x"))
    entry = server.chat_requests()[0]
    assert entry.had_authorization and "authorization" not in entry.headers
    assert SECRET not in repr(server.log)
    assert SECRET not in repr(backend) and SECRET not in repr(backend.settings)


def test_a_reply_echoing_the_key_is_scrubbed(fake_openai, tmp_path):
    server = fake_openai(lambda body: f'{{"text": "your key is {SECRET}"}}')
    reply = make(server, tmp_path).complete(ask("x"))
    assert SECRET not in reply.text and reply.parsed == {"text": "your key is [redacted]"}
    assert SECRET not in all_text_under(tmp_path / "cache")


# --------------------------------------------------------------------------------------------
# Reply content and structured output modes
# --------------------------------------------------------------------------------------------


def test_malformed_json_content_is_not_an_exception(fake_openai, tmp_path):
    server = fake_openai(lambda body: 'Sure! {"text": "unfinished')
    reply = make(server, tmp_path).complete(ask("x"))
    assert isinstance(reply, ChatReply) and reply.parsed is None and reply.retries == 0
    assert reply.text == 'Sure! {"text": "unfinished'


def test_json_schema_is_sent_strict_when_accepted(fake_openai, tmp_path):
    server = fake_openai(lambda body: '{"text": "ok"}')
    reply = make(server, tmp_path).complete(ask("x", schema_name="section"))
    sent = server.chat_requests()[0].body
    assert sent["response_format"] == {
        "type": "json_schema",
        "json_schema": {"name": "section", "schema": SCHEMA, "strict": True},
    }
    assert sent["temperature"] == 0.2 and "seed" not in sent
    assert reply.mode == "json_schema" and reply.prompt_tokens > 0 and reply.completion_tokens == 2


def test_json_schema_rejected_falls_back_to_json_object_and_remembers(fake_openai, tmp_path):
    server = fake_openai(lambda body: '{"text": "ok"}', reject_formats={"json_schema"})
    backend = make(server, tmp_path)

    first = backend.complete(ask("first"))
    assert first.mode == "json_object" and first.parsed == {"text": "ok"}
    assert formats(server) == ["json_schema", "json_object"]
    # The schema is in the prompt in every mode (json_object does not carry it).
    for entry in server.chat_requests():
        assert '"required": ["text"]' in entry.body["messages"][-1]["content"]

    backend.complete(ask("second"))
    assert formats(server)[2:] == ["json_object"]  # no second probe

    # A later run (new backend, same cache folder) remembers it from modes.json.
    make(server, tmp_path).complete(ask("third"))
    assert formats(server)[3:] == ["json_object"]
    assert "json_object" in (tmp_path / "cache" / "modes.json").read_text()


def test_llama_cpp_500_naming_the_format_is_a_refusal_not_a_fault(fake_openai, tmp_path):
    # llama-cpp-python 0.3 answers json_schema with HTTP 500 and a validation message.
    def responder(body):
        if (body.get("response_format") or {}).get("type") == "json_schema":
            return Script(status=500, error="1 validation error: response_format.type: "
                                            "Input should be 'text' or 'json_object'")
        return '{"text": "ok"}'

    server = fake_openai(responder)
    sleeps: list[float] = []
    backend = make(server, tmp_path, sleep=sleeps.append)
    reply = backend.complete(ask("x"))
    assert formats(server) == ["json_schema", "json_object"]  # no retry of the 500
    assert reply.mode == "json_object" and reply.retries == 0 and sleeps == []


def test_a_plain_500_is_still_retried(fake_openai, tmp_path):
    server = fake_openai(lambda body: '{"text": "ok"}')
    server.push(server_error())
    sleeps: list[float] = []
    reply = make(server, tmp_path, sleep=sleeps.append).complete(ask("x"))
    assert reply.retries == 1 and len(sleeps) == 1 and reply.mode == "json_schema"


def test_replies_are_capped_by_max_tokens(fake_openai, tmp_path):
    server = fake_openai(lambda body: '{"text": "ok"}')
    make(server, tmp_path).complete(ask("x"))
    assert server.chat_requests()[0].body["max_tokens"] == 1500


def test_both_formats_rejected_falls_back_to_prompting(fake_openai, tmp_path):
    server = fake_openai(lambda body: '```json\n{"text": "fenced"}\n```',
                         reject_formats={"json_schema", "json_object"})
    reply = make(server, tmp_path).complete(ask("x"))
    assert formats(server) == ["json_schema", "json_object", None]
    assert reply.mode == "prompt" and reply.parsed == {"text": "fenced"}
    assert "Answer with one JSON object only" in server.chat_requests()[2].body["messages"][-1][
        "content"]


def test_concurrent_first_requests_each_fall_back_then_all_go_straight(fake_openai, tmp_path):
    server = fake_openai(lambda body: Script(content='{"text": "ok"}', delay=0.2),
                         reject_formats={"json_schema"})
    backend = make(server, tmp_path)
    results = run_all(backend, [ask(f"s{i}") for i in range(8)], 8)
    assert all(isinstance(r, ChatReply) and r.mode == "json_object" for r in results)
    # Requests in flight together may each be rejected once (a fast 400, no waiting)...
    assert 1 <= formats(server).count("json_schema") <= 8
    # ...and once one has the answer, every later request goes straight to json_object.
    before = len(server.chat_requests())
    run_all(backend, [ask(f"t{i}") for i in range(8)], 8)
    assert formats(server)[before:] == ["json_object"] * 8


def test_request_seed_and_temperature_override_settings(fake_openai, tmp_path):
    server = fake_openai()
    make(server, tmp_path, seed=7).complete(ask("a"))
    make(server, tmp_path, seed=7).complete(ask("b", temperature=0.0, seed=9))
    first, second = (r.body for r in server.chat_requests())
    assert (first["temperature"], first["seed"]) == (0.2, 7)
    assert (second["temperature"], second["seed"]) == (0.0, 9)


# --------------------------------------------------------------------------------------------
# Cache
# --------------------------------------------------------------------------------------------


def test_second_identical_run_makes_zero_requests(fake_openai, tmp_path):
    server = fake_openai(lambda body: '{"text": "ok"}')
    requests = [ask(f"section {i}", key=f"s{i}/en") for i in range(5)]

    first = run_all(make(server, tmp_path), requests, 4)
    sent = len(server.chat_requests())
    assert sent == 5 and not any(r.cached for r in first)

    events = []
    backend = make(server, tmp_path)
    second = run_all(backend, requests, 4, events.append)
    assert len(server.chat_requests()) == sent  # zero new requests
    assert all(r.cached for r in second)
    assert [r.text for r in second] == [r.text for r in first]
    assert [r.parsed for r in second] == [{"text": "ok"}] * 5
    assert sorted(e.status for e in events) == ["cached"] * 5
    assert backend.usage().calls == 0 and backend.usage().cache_hits == 5

    cache_text = all_text_under(tmp_path / "cache")
    assert SECRET not in cache_text and "authorization" not in cache_text.lower()
    assert not list((tmp_path / "cache").rglob(".tmp-*"))  # atomic writes left no debris


def test_cache_key_covers_what_shapes_the_answer(fake_openai, tmp_path):
    server = fake_openai()
    make(server, tmp_path).complete(ask("x"))
    make(server, tmp_path).complete(ask("x", key="other label"))  # label only: a hit
    assert len(server.chat_requests()) == 1
    make(server, tmp_path, model="other-model").complete(ask("x"))
    make(server, tmp_path).complete(ask("x", temperature=0.9))
    make(server, tmp_path).complete(ask("x", seed=1))
    make(server, tmp_path).complete(ask("x", schema={"type": "object"}))
    assert len(server.chat_requests()) == 5


def test_no_cache_neither_reads_nor_writes(fake_openai, tmp_path):
    server = fake_openai()
    make(server, tmp_path).complete(ask("x"))  # fills the cache
    backend = make(server, tmp_path, use_cache=False)
    backend.complete(ask("x"))
    backend.complete(ask("y"))
    assert len(server.chat_requests()) == 3
    responses = tmp_path / "cache" / "responses"
    assert len([p for p in responses.rglob("*.json")]) == 1


def test_a_damaged_cache_entry_is_refetched(fake_openai, tmp_path):
    server = fake_openai(lambda body: '{"text": "ok"}')
    make(server, tmp_path).complete(ask("x"))
    for entry in (tmp_path / "cache" / "responses").rglob("*.json"):
        entry.write_text("{not json")
    reply = make(server, tmp_path).complete(ask("x"))
    assert not reply.cached and reply.parsed == {"text": "ok"}
    assert len(server.chat_requests()) == 2


# --------------------------------------------------------------------------------------------
# Concurrency
# --------------------------------------------------------------------------------------------


def test_requests_run_concurrently_and_keep_their_order(fake_openai, tmp_path):
    names = [f"section-{i:02d}" for i in range(20)]
    answers = {n: Script(content=json.dumps({"text": n}), delay=1.0) for n in names}
    server = fake_openai(by_last_user_message(answers))
    requests = [ask(n, key=n) for n in names]

    results = run_all(make(server, tmp_path), requests, 20)

    assert server.max_in_flight() >= 10  # overlap seen by the server, not a wall-clock guess
    assert [r.parsed["text"] for r in results] == names


def test_concurrency_is_bounded(fake_openai, tmp_path):
    server = fake_openai(lambda body: Script(content="{}", delay=0.2))
    run_all(make(server, tmp_path), [ask(f"s{i}", schema=None) for i in range(6)], 2)
    assert server.max_in_flight() == 2


def test_one_failure_does_not_sink_the_others(fake_openai, tmp_path):
    server = fake_openai(by_last_user_message({"bad": bad_request("prompt too long")},
                                              default='{"text": "ok"}'))
    events = []
    backend = make(server, tmp_path)
    results = run_all(backend, [ask("good 1"), ask("bad"), ask("good 2")], 3, events.append)
    assert isinstance(results[0], ChatReply) and isinstance(results[2], ChatReply)
    assert isinstance(results[1], LLMError) and "prompt too long" in str(results[1])
    assert sorted(e.status for e in events) == ["done", "done", "failed"]
    usage = backend.usage()
    assert (usage.calls, usage.failures) == (3, 1)
    assert usage.summary().startswith("3 calls, 0 cache hits, ")


def test_offline_backend_is_a_marker(tmp_path):
    assert make_backend(LLMSettings()).offline is True
    assert isinstance(make_backend(LLMSettings()), OfflineBackend)
    online = make_backend(LLMSettings(backend="openai", base_url="http://127.0.0.1:9/v1",
                                      model="m", cache_dir=tmp_path), env=ENV)
    assert online.offline is False


@hsettings(max_examples=50, deadline=None)
@given(st.dictionaries(st.text(min_size=1, max_size=8),
                       st.one_of(st.integers(), st.text(max_size=12), st.booleans()),
                       max_size=4),
       st.sampled_from(["{}", "```json\n{}\n```", "```\n{}\n```", "Here it is:\n{}\nDone."]))
def test_parse_json_reply_tolerates_fences_and_chatter(data, wrapper):
    assert parse_json_reply(wrapper.replace("{}", json.dumps(data, ensure_ascii=False))) == data


# --------------------------------------------------------------------------------------------
# Settings
# --------------------------------------------------------------------------------------------


def test_defaults_are_offline():
    settings = resolve_llm_settings({}, {}, {})
    assert settings == LLMSettings()
    assert settings.backend == "offline" and settings.cache_dir == Path("output/.cache/llm")


def test_lookup_order_flag_env_config_default():
    flags = {"model": "from-flag", "base_url": None, "llm": "openai"}
    env = {"WRITER_MODEL": "from-env", "WRITER_BASE_URL": "http://env:1/v1"}
    config = {"llm": {"model": "from-config", "base_url": "http://config:1/v1", "timeout": 9}}
    settings = resolve_llm_settings(flags, env, config)
    assert settings.model == "from-flag"  # flag beats env and config
    assert settings.base_url == "http://env:1/v1"  # flag None = not given: env beats config
    assert settings.timeout == 9  # only the config has it
    assert settings.max_retries == 3  # nobody has it: default


SOURCES = st.fixed_dictionaries({}, optional={
    "flag": st.sampled_from(["http://flag:1/v1"]),
    "writer_env": st.sampled_from(["http://writer-env:1/v1"]),
    "openai_env": st.sampled_from(["http://openai-env:1/v1"]),
    "config": st.sampled_from(["http://config:1/v1"]),
})


@given(SOURCES)
def test_base_url_lookup_order_for_any_combination(given_sources):
    flags = {"base_url": given_sources.get("flag")}
    env = {k: v for k, v in {"WRITER_BASE_URL": given_sources.get("writer_env"),
                             "OPENAI_BASE_URL": given_sources.get("openai_env")}.items() if v}
    config = {"base_url": given_sources["config"]} if "config" in given_sources else {}
    expected = next((given_sources[k] for k in ("flag", "writer_env", "openai_env", "config")
                     if k in given_sources), None)
    assert resolve_llm_settings(flags, env, config).base_url == expected


def test_openai_defaults_to_openai_url_and_needs_a_model():
    settings = resolve_llm_settings({"llm": "openai", "model": "gpt-4o-mini"}, {}, {})
    assert settings.base_url == OPENAI_DEFAULT_BASE_URL
    with pytest.raises(UsageError) as caught:
        resolve_llm_settings({}, {"WRITER_LLM": "openai"}, {})
    text = str(caught.value)
    assert "--model" in text and "WRITER_MODEL" in text and "[llm]" in text


def test_no_cache_flag_and_config():
    assert resolve_llm_settings({"no_cache": True}, {}, {}).use_cache is False
    assert resolve_llm_settings({"no_cache": False}, {}, {"use_cache": False}).use_cache is False
    assert resolve_llm_settings({"no_cache": False}, {}, {}).use_cache is True


def test_bad_values_name_their_source():
    with pytest.raises(UsageError, match="--timeout must be a number > 0"):
        resolve_llm_settings({"timeout": "soon"}, {}, {})
    with pytest.raises(UsageError, match=r"\$WRITER_LLM must be 'offline' or 'openai'"):
        resolve_llm_settings({}, {"WRITER_LLM": "gpt"}, {})
    with pytest.raises(InputError, match=r"concurrency under \[llm\] in writer.toml"):
        resolve_llm_settings({}, {}, {"llm": {"concurrency": 0}})
    with pytest.raises(UsageError, match="--api-key-env must be the name"):
        resolve_llm_settings({"api_key_env": "sk-oops-a-key"}, {}, {})
    with pytest.raises(UsageError, match="--base-url must be a URL"):
        resolve_llm_settings({"base_url": "localhost:11434"}, {}, {})


def test_api_key_is_read_at_call_time_and_never_in_repr(monkeypatch):
    settings = resolve_llm_settings({"api_key_env": "POE_API_KEY"}, {}, {})
    assert settings.api_key({}) is None
    assert settings.api_key({"POE_API_KEY": SECRET}) == SECRET
    monkeypatch.setenv("POE_API_KEY", SECRET)
    assert settings.api_key() == SECRET
    assert SECRET not in repr(settings)


# --------------------------------------------------------------------------------------------
# writer.toml
# --------------------------------------------------------------------------------------------


def test_config_missing_default_file_is_empty(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert load_config(None) == {}
    (tmp_path / "writer.toml").write_text('[llm]\nbackend = "openai"\nmodel = "llama3.1"\n')
    config = load_config(None)
    assert resolve_llm_settings({}, {}, config).model == "llama3.1"


def test_config_explicit_missing_file_is_an_error(tmp_path):
    with pytest.raises(InputError, match="not found"):
        load_config(tmp_path / "nope.toml")


def test_config_accepts_known_tables(tmp_path):
    path = tmp_path / "writer.toml"
    path.write_text(
        '[llm]\nbackend = "openai"\nmodel = "m"\ntimeout = 30\nuse_cache = false\n'
        '[site]\ncategory = "趋势"\nplatform = "Poe"\n'
        '[findings]\nanything = 1\n[post]\nwhatever = "x"\n',
        encoding="utf-8",
    )
    assert load_config(path)["site"] == {"category": "趋势", "platform": "Poe"}


def test_config_syntax_error_names_file_and_line(tmp_path):
    path = tmp_path / "writer.toml"
    path.write_text('[llm]\nmodel = llama3\n')
    with pytest.raises(InputError) as caught:
        load_config(path)
    text = str(caught.value)
    assert str(path) in text and "line 2" in text and "Fix:" in text


def test_config_unknown_tables_and_keys_are_all_reported(tmp_path):
    path = tmp_path / "writer.toml"
    path.write_text('title = "x"\n[llm]\nmodle = "m"\napi_key = "sk-x"\n\n[sitee]\na = 1\n')
    with pytest.raises(InputError) as caught:
        load_config(path)
    text = str(caught.value)
    assert "line 1: unknown top-level key 'title'" in text
    assert "line 3: unknown key 'modle' in [llm]" in text and "did you mean 'model'" in text
    assert "line 4: unknown key 'api_key'" in text and "api_key_env" in text
    assert "line 6: unknown table [sitee]" in text and "did you mean 'site'" in text


def test_the_offline_backend_never_imports_openai():
    # openai takes ~1.5 s to import; an offline draft (the default) must not pay for it
    code = ("import sys\n"
            "from writer.llm import make_backend\n"
            "from writer.settings import LLMSettings\n"
            "make_backend(LLMSettings())\n"
            "assert 'openai' not in sys.modules, 'openai was imported'\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
