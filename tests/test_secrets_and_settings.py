"""Issue 13: the README's promises under hostile input. Each test is one reproduction."""

from __future__ import annotations

from pathlib import Path

from writer.cli import main
from writer.errors import Problem, redact

ROOT = Path(__file__).resolve().parent.parent
DATA = ["--data", str(ROOT / "data" / "usage.csv"), "--models", str(ROOT / "data" / "models.csv")]


def test_post_top_ten_in_writer_toml_is_exit_2(tmp_path, capsys):
    config = tmp_path / "writer.toml"
    config.write_text("[post]\ntop = 'ten'\n", encoding="utf-8")
    code = main(["draft", *DATA, "--period", "2025H1", "--config", str(config),
                 "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2
    assert "line 2: top under [post] must be a whole number >= 1" in err
    assert not (tmp_path / "out").exists()


def test_api_key_env_given_the_key_never_prints_it(tmp_path, capsys):
    key = "sk-abcdefghijklmnopqrstuvwxyz123456"
    code = main(["draft", *DATA, "--period", "2025H1", "--llm", "openai", "--model", "m",
                 "--api-key-env", key, "--out", str(tmp_path / "out")])
    captured = capsys.readouterr()
    assert code == 2
    assert key not in captured.err + captured.out
    assert "--api-key-env" in captured.err


def test_rendered_problems_strip_url_credentials_and_key_shaped_values():
    text = Problem("cannot reach http://user:SECRETKEY@host/v1", value="sk-live_0123456789abcdef").render()
    assert "SECRETKEY" not in text and "sk-live_0123456789abcdef" not in text
    assert "http://host/v1" in text
    # Paths, names and SHA-256 fingerprints stay readable.
    assert redact("Claude-3.7-Sonnet") == "Claude-3.7-Sonnet"
    assert redact("a" * 64) == "a" * 64
    assert redact("/tmp/pytest-of-root/test_verify_rejects_UTF16_posts0/x.md").endswith("x.md")
