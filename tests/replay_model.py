"""A replay model for tests/fake_openai.py: the replies of a careful model, recorded in
tests/replay/<period>.json, served by part ("video"), language and round.

A request is read the way a model reads it: the language from the system prompt, the part
from the first user message (the frame asks for "highlights"; a section names its title).
Rounds after the first (repair rounds) get the same reply unless the fixture holds a list.

To write or rewrite the fixture when the prompts change, see tests/test_replay.py.
"""

from __future__ import annotations

import json
import re
import threading
from collections import defaultdict
from pathlib import Path

from fake_openai import Script

from writer.vocab import Vocabulary

HERE = Path(__file__).resolve().parent
CJK = re.compile(r"[\u4e00-\u9fff]")
CHARTS = ("text", "reasoning", "image", "video", "audio")


def _plain(title: str) -> str:
    return title.split(" ", 1)[1] if title and not title[0].isalnum() and " " in title else title


TITLES = {_plain(Vocabulary().title(chart, lang)): chart for lang in ("en", "zh")
          for chart in CHARTS}


def read_job(body: dict) -> tuple[str, str, int]:
    """(part, lang, round) of a drafting request."""
    messages = body.get("messages", [])
    system = next((str(m["content"]) for m in messages if m.get("role") == "system"), "")
    users = [str(m["content"]) for m in messages if m.get("role") == "user"]
    lang = "zh" if CJK.search(system) else "en"
    first = users[0] if users else ""
    if '"highlights"' in first:
        part = "frame"
    else:
        found = re.search(r'Write the "(.+?)" section|报告中“(.+?)”这一部分', first)
        title = (found.group(1) or found.group(2)) if found else ""
        part = TITLES.get(title, title)
    return part, lang, len(users) - 1


def load(period: str = "2025H1") -> dict:
    return json.loads((HERE / "replay" / f"{period}.json").read_text(encoding="utf-8"))


class ReplayModel:
    """Responder: the fixture's reply for the request's part and language. `overrides`
    ({"video/zh": [reply_round0, reply_round1]} or a callable of the round) replace it."""

    def __init__(self, replies: dict | None = None, overrides: dict | None = None):
        self.replies = replies if replies is not None else load()
        self.overrides = overrides or {}
        self.asked: dict[str, int] = defaultdict(int)
        self.prompts: dict[str, list[list[dict]]] = defaultdict(list)
        self._lock = threading.Lock()

    def __call__(self, body: dict) -> Script:
        part, lang, round_ = read_job(body)
        key = f"{part}/{lang}"
        with self._lock:
            self.asked[key] += 1
            self.prompts[key].append(body.get("messages", []))
        over = self.overrides.get(key)
        if over is not None:
            reply = over(round_) if callable(over) else over[min(round_, len(over) - 1)]
        else:
            reply = self.replies.get(lang, {}).get(part)
        if reply is None:
            return Script(content="{}")
        return Script(content=reply if isinstance(reply, str)
                      else json.dumps(reply, ensure_ascii=False))
