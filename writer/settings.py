"""LLM settings: one lookup order for every setting.

    command-line flag  >  environment variable  >  writer.toml [llm]  >  default

The API key itself is never a setting. Settings only hold the *name* of the environment
variable that contains it (`api_key_env`), and the key is read from the environment at the
moment a request needs it. That way it cannot end up in a repr, a log line or a cache file.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, Mapping

from writer.errors import InputError, Problem, UsageError

BACKENDS = ("offline", "openai")
OPENAI_DEFAULT_BASE_URL = "https://api.openai.com/v1"
CONFIG_FILE = "writer.toml"


@dataclass(frozen=True)
class LLMSettings:
    backend: str = "offline"  # 'offline' | 'openai'
    base_url: str | None = None  # filled with OpenAI's URL when backend is openai and none is set
    model: str | None = None
    api_key_env: str = "OPENAI_API_KEY"  # the NAME of the variable holding the key
    timeout: float = 60.0  # seconds per HTTP request
    max_retries: int = 3  # retries after the first attempt (429, 5xx, connection errors)
    concurrency: int = 4  # requests in flight at once
    cache_dir: Path = Path("output/.cache/llm")  # relative paths are relative to the cwd
    use_cache: bool = True
    temperature: float = 0.2
    seed: int | None = None
    repair: int = 1  # how many repair round-trips the draft stage may spend on a bad reply
    # A reply is a few hundred tokens; without a cap a small model that loses its way writes
    # until the context is full (seen: 4,933 tokens and 7 minutes for one section).
    max_tokens: int = 1500

    def api_key(self, env: Mapping[str, str] | None = None) -> str | None:
        """The key, read now from `env` (default: os.environ). None when unset or empty."""
        value = (os.environ if env is None else env).get(self.api_key_env, "")
        return value or None


# --------------------------------------------------------------------------------------------
# Where each setting can come from. One table, so the lookup order is the same for all of them.
# --------------------------------------------------------------------------------------------


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("a non-empty text")
    return value.strip()


def _backend(value: Any) -> str:
    name = value.strip().lower() if isinstance(value, str) else value
    if name not in BACKENDS:
        raise ValueError("'offline' or 'openai'")
    return name


def _url(value: Any) -> str:
    url = _text(value) if isinstance(value, str) else None
    if not url or not re.match(r"^https?://[^/\s]+", url):
        raise ValueError("a URL starting with http:// or https://, e.g. http://localhost:11434/v1")
    return url.rstrip("/")


def _env_name(value: Any) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", value):
        raise ValueError("the name of an environment variable, e.g. POE_API_KEY (not the key)")
    return value


def _number(low: float, *, above: bool) -> Callable[[Any], float]:
    def parse(value: Any) -> float:
        try:
            number = float(value) if not isinstance(value, bool) else None
        except (TypeError, ValueError):
            number = None
        if number is None or not (number > low if above else number >= low):
            raise ValueError(f"a number {'>' if above else '>='} {low:g}")
        return number

    return parse


def _integer(low: int) -> Callable[[Any], int]:
    def parse(value: Any) -> int:
        if isinstance(value, bool) or not re.fullmatch(r"\s*-?\d+\s*", str(value)):
            raise ValueError(f"a whole number >= {low}")
        number = int(str(value))
        if number < low:
            raise ValueError(f"a whole number >= {low}")
        return number

    return parse


def _seed(value: Any) -> int:
    return _integer(0)(value)


def _path(value: Any) -> Path:
    return Path(_text(value) if not isinstance(value, Path) else value)


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off"):
        return False
    raise ValueError("true or false")


@dataclass(frozen=True)
class _Source:
    setting: str  # LLMSettings field and writer.toml [llm] key
    flag: str | None  # key in the `flags` mapping (argparse dest); None = no flag
    env: tuple[str, ...]  # environment variables, first one set wins
    parse: Callable[[Any], Any]


_SOURCES = (
    _Source("backend", "llm", ("WRITER_LLM",), _backend),
    _Source("base_url", "base_url", ("WRITER_BASE_URL", "OPENAI_BASE_URL"), _url),
    _Source("model", "model", ("WRITER_MODEL",), _text),
    _Source("api_key_env", "api_key_env", ("WRITER_API_KEY_ENV",), _env_name),
    _Source("timeout", "timeout", (), _number(0, above=True)),
    _Source("max_retries", "max_retries", (), _integer(0)),
    _Source("concurrency", "concurrency", (), _integer(1)),
    _Source("cache_dir", "cache_dir", (), _path),
    _Source("use_cache", None, (), _bool),  # the flag is --no-cache, handled below
    _Source("temperature", "temperature", (), _number(0, above=False)),
    _Source("seed", "seed", (), _seed),
    _Source("repair", "repair", (), _integer(0)),
    _Source("max_tokens", "max_tokens", (), _integer(1)),
)
LLM_KEYS = tuple(s.setting for s in _SOURCES)


def _flag_text(dest: str) -> str:
    return "--" + dest.replace("_", "-")


def resolve_llm_settings(
    flags: Mapping[str, Any], env: Mapping[str, str], config: Mapping[str, Any]
) -> LLMSettings:
    """Merge the sources into one LLMSettings.

    flags:  e.g. vars(argparse_namespace). Keys: llm, base_url, model, api_key_env, timeout,
            max_retries, concurrency, cache_dir, no_cache, temperature, seed, repair.
            A value of None means "not given"; other keys are ignored.
    env:    usually os.environ. WRITER_LLM, WRITER_BASE_URL then OPENAI_BASE_URL,
            WRITER_MODEL, WRITER_API_KEY_ENV. Empty values count as unset.
    config: the dict from load_config(), or just its [llm] table.

    Raises UsageError (bad flag or env value, or openai without a model) and InputError (bad
    value in writer.toml), each saying what to change.
    """
    table = config.get("llm") if isinstance(config.get("llm"), Mapping) else config
    values: dict[str, Any] = {}

    for src in _SOURCES:
        candidates: list[tuple[Any, str, type[Exception]]] = []
        if src.flag is not None and flags.get(src.flag) is not None:
            candidates.append((flags[src.flag], _flag_text(src.flag), UsageError))
        if src.setting == "use_cache":
            if flags.get("no_cache"):  # store_true flags are False when absent: not "given"
                candidates.append((False, "--no-cache", UsageError))
            elif flags.get("use_cache") is not None:
                candidates.append((flags["use_cache"], "use_cache", UsageError))
        for name in src.env:
            if env.get(name):
                candidates.append((env[name], f"${name}", UsageError))
                break
        if table.get(src.setting) is not None:
            where = f"{src.setting} under [llm] in {CONFIG_FILE}"
            candidates.append((table[src.setting], where, InputError))
        if not candidates:
            continue
        raw, where, error = candidates[0]  # the list is in lookup order: first one wins
        try:
            values[src.setting] = src.parse(raw)
        except ValueError as exc:
            # A bad --api-key-env is most often the key itself: never show it back.
            shown = None if src.setting == "api_key_env" else str(raw)
            raise error(
                Problem(f"{where} must be {exc}" + ("" if shown is not None else
                        " (the value is not shown, in case it is the key)"),
                        value=shown, fix=f"change {where}")
            ) from None

    settings = LLMSettings(**values)
    if settings.backend == "openai":
        if not settings.model:
            raise UsageError(
                Problem(
                    "the openai backend needs a model name",
                    fix=f"pass --model NAME, set WRITER_MODEL, or add model = \"NAME\" under "
                    f"[llm] in {CONFIG_FILE} (or use --llm offline)",
                )
            )
        if not settings.base_url:
            settings = replace(settings, base_url=OPENAI_DEFAULT_BASE_URL)
    return settings


# --------------------------------------------------------------------------------------------
# writer.toml
# --------------------------------------------------------------------------------------------

# Tables whose keys we check here. None = any keys (validated by the module that owns them).
KNOWN_TABLES: dict[str, tuple[str, ...] | None] = {
    "llm": LLM_KEYS,
    "site": (
        "category", "icon", "layout", "timezone", "time", "assets_base", "platform",
    ),
    "findings": None,
    "post": None,
    "platform": None,  # validated by writer.vocab.Profile
    "categories": None,  # [categories.<name>], validated by writer.vocab.Profile
    "data": ("top_n",),
    "verify": ("data", "models"),  # where `writer precommit` looks for a post's data (hook.py)
}


def load_config(path: Path | None) -> dict:
    """Read writer.toml. path=None means ./writer.toml if it exists, else {}.

    An explicitly given path that does not exist is an error (a typo should not be silently
    ignored). Syntax errors and unknown tables or keys raise InputError naming file and line.
    """
    if path is None:
        path = Path(CONFIG_FILE)
        if not path.is_file():
            return {}
    elif not Path(path).is_file():
        raise InputError(
            Problem("config file not found", file=str(path), fix="check the path given to --config")
        )
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except UnicodeDecodeError:
        raise InputError(
            Problem("not UTF-8 text", file=str(path), fix="save the file as UTF-8")
        ) from None
    except tomllib.TOMLDecodeError as exc:
        # tomllib reports "message (at line L, column C)"; keep it, it points at the spot.
        raise InputError(
            Problem(
                f"not valid TOML: {exc}",
                file=str(path),
                fix="correct the syntax there (strings need quotes, tables look like [llm])",
            )
        ) from None

    problems = []
    for name, value in data.items():
        if not isinstance(value, dict):
            key_line = _at(text, re.escape(name) + r"\s*=")
            what = f"'{name}' must be a table [{name}]" if name in KNOWN_TABLES else (
                f"unknown top-level key '{name}'"
            )
            problems.append(
                Problem(
                    f"{key_line}{what}",
                    file=str(path),
                    fix=f"put settings under one of the tables {_tables()}",
                )
            )
        elif name not in KNOWN_TABLES:
            table_line = _at(text, r"\[\s*" + re.escape(name) + r"\s*\]")
            problems.append(
                Problem(
                    f"{table_line}unknown table [{name}]",
                    file=str(path),
                    fix=f"use one of {_tables()}{_did_you_mean(name, KNOWN_TABLES)}",
                )
            )
        elif KNOWN_TABLES[name] is not None:
            allowed = KNOWN_TABLES[name]
            for key in value:
                if key in allowed:
                    continue
                hint = _did_you_mean(key, allowed)
                if name == "llm" and key in ("api_key", "key", "token"):
                    hint = (
                        "; never put the key itself in a file: set api_key_env to the NAME of "
                        "the environment variable that holds it"
                    )
                key_line = _at(text, re.escape(key) + r"\s*=", table=name)
                problems.append(
                    Problem(
                        f"{key_line}unknown key '{key}' in [{name}]",
                        file=str(path),
                        fix=f"known keys are {', '.join(allowed)}{hint}",
                    )
                )
    problems.extend(_check_post(data.get("post"), text, path))
    if problems:
        raise InputError(problems)
    return data


def _check_post(table: Any, text: str, path: Path) -> list[Problem]:
    """The [post] keys this module knows the type of: `top = 'ten'` is a message, not a
    traceback later."""
    if not isinstance(table, dict):
        return []
    out = []
    top = table.get("top")
    if top is not None and (isinstance(top, bool) or not isinstance(top, int) or top < 1):
        out.append(Problem(_at(text, r"top\s*=", table="post") + "top under [post] must be a "
                           "whole number >= 1", file=str(path), value=str(top),
                           fix="write e.g. top = 10 (no quotes)"))
    note = table.get("data_note")
    if note is not None and not isinstance(note, str):
        out.append(Problem(_at(text, r"data_note\s*=", table="post") + "data_note under [post] "
                           "must be a text", file=str(path), value=str(note),
                           fix='write e.g. data_note = "..." (in quotes)'))
    return out


def _tables() -> str:
    return ", ".join(f"[{t}]" for t in KNOWN_TABLES)


def _did_you_mean(word: str, choices: Any) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _at(text: str, pattern: str, table: str | None = None) -> str:
    """'line N: ' where `pattern` first matches (inside [table] if given), or '' if not found.

    tomllib does not report positions for valid documents, so we look the spot up ourselves.
    """
    lines = text.splitlines()
    start = 0
    if table is not None:
        header = r"\s*\[\s*" + re.escape(table) + r"\s*\]"
        start = next((i for i, line in enumerate(lines) if re.match(header, line)), 0)
    for i in range(start, len(lines)):
        if re.match(r"\s*" + pattern, lines[i]):
            return f"line {i + 1}: "
    return ""
