"""`writer verify --format github`: one GitHub Actions annotation per problem, exact text."""

from __future__ import annotations

import shutil

from conftest import DATA, MODELS, run_writer

from writer.verify import Issue, github_annotations


def test_annotations_exact_text_and_escaping():
    issues = [
        Issue("_posts/a,b.md", 26, 103, "12%", "no finding backs this number", "12.4%"),
        Issue("_posts/x.md", 3, 7, "100%", "50% off\nnext line", None),
    ]
    assert github_annotations(issues, ["text.top.share"], "_posts/x.md") == (
        "::error file=_posts/a%2Cb.md,line=26,col=103::'12%25': no finding backs this number"
        " [12.4%25]\n"
        "::error file=_posts/x.md,line=3,col=7::'100%25': 50%25 off%0Anext line\n"
        "::error file=_posts/x.md::parity: text.top.share is cited in one language only\n"
    )
    assert github_annotations([]) == ""


def test_verify_github_flags_one_changed_number(offline_runs, tmp_path):
    (en,) = sorted((offline_runs[0] / "_posts").glob("*-en.md"))
    post = tmp_path / en.name
    shutil.copy(en, post)
    lines = post.read_text(encoding="utf-8").split("\n")
    # Change the first bold percentage of the key points; its position is known here.
    row = next(i for i, line in enumerate(lines) if line.startswith("- **") and "**" in line[4:]
               and "%**" in line)
    col = lines[row].index("%**") - 1
    while lines[row][col - 1].isdigit():
        col -= 1
    number = lines[row][col:lines[row].index("%**") + 1]
    changed = str(int(number[:-1]) + 7) + "%"
    lines[row] = lines[row][:col] + changed + lines[row][col + len(number):]
    post.write_text("\n".join(lines), encoding="utf-8")

    args = ["verify", str(post), "--data", str(DATA), "--models", str(MODELS)]
    text = run_writer(args, cwd=tmp_path)
    gh = run_writer([*args, "--format", "github"], cwd=tmp_path)
    assert text.returncode == gh.returncode == 1, gh.stderr
    # The text format's one problem, re-encoded as an annotation at the edited spot.
    (rendered,) = text.stdout.splitlines()
    where = f"{post}:{row + 1}:{col + 1}: "
    assert rendered.startswith(where + f"'{changed}': ")
    message = rendered[len(where):].replace("%", "%25")
    assert gh.stdout == f"::error file={post},line={row + 1},col={col + 1}::{message}\n"
