"""Write every prompt a draft of 2025H1 sends, as the draft sends it, to a folder:
`python tests/replay/dump_prompts.py OUT` (from the repository root, PYTHONPATH=.).

Chinese prompts and frames depend on the English replies (parity by design: Chinese must cite
the English text's slots; the frame reads the drafted sections), so this runs the real
drafting code against the replay fixture through tests/fake_openai.py. A part the fixture
does not answer yet gets '{}' and still has its first prompt written. One file per request:
OUT/<part>.<lang>.<round>.md, the messages in order.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests/

from conftest import build_sample  # noqa: E402
from fake_openai import FakeOpenAI  # noqa: E402
from replay_model import ReplayModel  # noqa: E402

from writer.draft import LANGS, draft_with_llm  # noqa: E402
from writer.llm import OpenAIBackend  # noqa: E402
from writer.offline import write_offline  # noqa: E402
from writer.settings import LLMSettings  # noqa: E402


def main(out: Path) -> None:
    sample = build_sample()
    model = ReplayModel()
    server = FakeOpenAI(model).start()
    try:
        settings = LLMSettings(backend="openai", base_url=server.base_url, model="replay",
                               cache_dir=Path(tempfile.mkdtemp()), use_cache=False)
        offline = {lang: write_offline(sample.ctx, sample.plan, lang) for lang in LANGS}
        with OpenAIBackend(settings, env={}) as backend:
            _, outcomes = draft_with_llm(sample.ctx, sample.prompts, sample.plan, LANGS,
                                         backend, offline, concurrency=4, repair=1)
    finally:
        server.stop()
    out.mkdir(parents=True, exist_ok=True)
    for key, requests in sorted(model.prompts.items()):
        part, lang = key.split("/")
        for round_, messages in enumerate(requests):
            text = "\n\n".join(f"## {m['role']}\n\n{m['content']}" for m in messages)
            (out / f"{part}.{lang}.{round_}.md").write_text(text + "\n", encoding="utf-8")
    for o in outcomes:
        print(f"{o.key}: {o.status}" + (f" ({o.problems[0]})" if o.problems else ""))


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "replay-prompts"))
