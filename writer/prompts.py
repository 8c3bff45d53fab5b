"""Prompt templates: Jinja2 files in prompts/, one set per language.

Templates are named `<job>.<lang>.md.j2` (system, section, frame, repair). They render
with StrictUndefined, so a missing variable is an error rather than an empty string.
`--prompts DIR` points at a user's own copy; a template missing there is an error that
names the file to add.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2

from writer.errors import InputError, Problem
from writer.resources import prompts_dir

DEFAULT_DIR = prompts_dir()
JOBS = ("system", "section", "frame", "repair")


@dataclass(frozen=True)
class Prompts:
    directory: Path

    def render(self, job: str, lang: str, **context) -> str:
        name = f"{job}.{lang}.md.j2"
        env = _environment(str(self.directory))
        try:
            template = env.get_template(name)
        except jinja2.TemplateNotFound:
            raise InputError(Problem(
                f"the prompt template {name} is missing", file=str(self.directory / name),
                fix=f"copy it from {DEFAULT_DIR / name}, or drop --prompts to use the defaults",
            )) from None
        except jinja2.TemplateSyntaxError as exc:
            raise InputError(Problem(
                f"the prompt template has a syntax error: {exc.message}",
                file=str(self.directory / name), row=exc.lineno,
                fix="fix the Jinja2 syntax on that line",
            )) from None
        try:
            return template.render(**context).strip() + "\n"
        except jinja2.UndefinedError as exc:
            raise InputError(Problem(
                f"the prompt template uses an unknown variable ({exc.message})",
                file=str(self.directory / name),
                fix="use only the variables the default template uses",
            )) from None


_ENVIRONMENTS: dict[str, jinja2.Environment] = {}


def _environment(directory: str) -> jinja2.Environment:
    if directory not in _ENVIRONMENTS:
        _ENVIRONMENTS[directory] = jinja2.Environment(
            loader=jinja2.FileSystemLoader(directory),
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
            autoescape=False,  # prompts and Markdown, not HTML
        )
    return _ENVIRONMENTS[directory]


def load_prompts(directory: str | Path | None) -> Prompts:
    path = Path(directory) if directory else DEFAULT_DIR
    if not path.is_dir():
        raise InputError(Problem(
            "the prompts folder does not exist", file=str(path),
            fix=f"point --prompts at a folder holding the templates (see {DEFAULT_DIR})",
        ))
    return Prompts(path)
