"""Every validation error gets its own clear message: file, row, column, value and fix."""

from __future__ import annotations

import pandas as pd
import pytest

from writer.errors import InputError
from writer.load import MAX_PROBLEMS, load, read_registry, read_usage

HEADER = "week,category,bot,messages,reasoning,trigger\n"
GOOD_ROW = "2025-01-06,text,GPT-4o,100,false,user\n"


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def error_of(fn, *args) -> str:
    with pytest.raises(InputError) as info:
        fn(*args)
    return info.value.render()


def test_missing_file_names_the_path_and_flag(tmp_path):
    msg = error_of(read_usage, tmp_path / "nope.csv")
    assert "nope.csv" in msg and "does not exist" in msg and "--data" in msg


def test_unreadable_file(tmp_path):
    # Root reads any file whatever its mode, so use a folder where a file should be.
    path = tmp_path / "usage.csv"
    path.mkdir()
    msg = error_of(read_usage, path)
    assert "usage.csv" in msg and "cannot be read" in msg and "Fix:" in msg


def test_missing_required_column(tmp_path):
    path = write(tmp_path, "usage.csv", "week,category,bot\n2025-01-06,text,GPT-4o\n")
    msg = error_of(read_usage, path)
    assert "no column 'messages'" in msg
    assert "column 'messages'" in msg and "required columns are week, category, bot, messages" in msg


def test_not_csv_or_parquet(tmp_path):
    path = write(tmp_path, "usage.xlsx", "whatever")
    msg = error_of(read_usage, path)
    assert "not CSV or Parquet" in msg and ".xlsx" in msg and "Fix:" in msg


def test_binary_csv_is_rejected(tmp_path):
    path = tmp_path / "usage.csv"
    path.write_bytes(b"\x00\x01\x02garbage")
    assert "binary" in error_of(read_usage, path) or "UTF-8" in error_of(read_usage, path)


def test_corrupt_parquet(tmp_path):
    path = tmp_path / "usage.parquet"
    path.write_bytes(b"PAR1 this is not really parquet")
    msg = error_of(read_usage, path)
    assert "not a readable Parquet file" in msg and "usage.parquet" in msg


def test_empty_file(tmp_path):
    path = write(tmp_path, "usage.csv", "")
    assert "is empty" in error_of(read_usage, path)
    path = write(tmp_path, "usage2.csv", HEADER)
    assert "no data rows" in error_of(read_usage, path)


def test_unparseable_date_names_row_column_value_fix(tmp_path):
    path = write(tmp_path, "usage.csv", HEADER + GOOD_ROW + "2025-13-40,text,GPT-4o,5,false,user\n")
    msg = error_of(read_usage, path)
    assert "usage.csv, row 3, column 'week': is not a date; value '2025-13-40'" in msg
    assert "YYYY-MM-DD" in msg


def test_week_that_is_not_a_monday_suggests_the_monday(tmp_path):
    path = write(tmp_path, "usage.csv", HEADER + "2025-01-08,text,GPT-4o,5,false,user\n")
    msg = error_of(read_usage, path)
    assert "row 2, column 'week': is a Wednesday, not a Monday; value '2025-01-08'" in msg
    assert "this one is 2025-01-06" in msg


@pytest.mark.parametrize("value, words", [
    ("-3", "is negative"),
    ("2.5", "is not a whole number"),
    ("lots", "is not a number"),
])
def test_bad_counts(tmp_path, value, words):
    path = write(tmp_path, "usage.csv", HEADER + f"2025-01-06,text,GPT-4o,{value},false,user\n")
    msg = error_of(read_usage, path)
    assert f"row 2, column 'messages': {words}; value '{value}'" in msg
    assert "Fix:" in msg


def test_whole_float_counts_are_accepted(tmp_path):
    path = write(tmp_path, "usage.csv", HEADER + "2025-01-06,text,GPT-4o,12.0,false,user\n")
    usage, _ = read_usage(path)
    assert usage["messages"].tolist() == [12]


def test_duplicate_key_row_names_both_rows(tmp_path):
    path = write(tmp_path, "usage.csv", HEADER + GOOD_ROW + GOOD_ROW)
    msg = error_of(read_usage, path)
    assert "row 3" in msg and "repeats the key of row 2" in msg and "add the counts together" in msg


def test_many_bad_rows_are_reported_together_up_to_a_limit(tmp_path):
    rows = "".join(f"2025-01-06,text,bot{i},-{i + 1},false,user\n" for i in range(MAX_PROBLEMS + 7))
    path = write(tmp_path, "usage.csv", HEADER + rows)
    with pytest.raises(InputError) as info:
        read_usage(path)
    assert len(info.value.problems) == MAX_PROBLEMS
    assert info.value.more == 7
    assert "and 7 more" in info.value.render()


def test_optional_columns_default(tmp_path):
    path = write(tmp_path, "usage.csv", "week,category,bot,messages\n2025-01-06,text,A,5\n")
    usage, _ = read_usage(path)
    assert usage["reasoning"].tolist() == [False]
    assert usage["trigger"].tolist() == ["user"]


def test_parquet_is_read_like_csv(tmp_path):
    frame = pd.DataFrame({"week": pd.to_datetime(["2025-01-06"]), "category": ["text"],
                          "bot": ["A"], "messages": [7], "reasoning": [True], "trigger": ["user"]})
    path = tmp_path / "usage.parquet"
    frame.to_parquet(path)
    usage, _ = read_usage(path)
    assert usage["messages"].tolist() == [7] and usage["reasoning"].tolist() == [True]
    assert str(usage["week"][0].date()) == "2025-01-06"


REG_HEADER = "bot,family,provider,released,excluded,predecessor\n"


def test_registry_unknown_column(tmp_path):
    path = write(tmp_path, "models.csv", "bot,family,provider,colour\nA,A,X,red\n")
    msg = error_of(read_registry, path)
    assert "unknown column 'colour'" in msg and "column 'colour'" in msg
    assert "bot, family, provider, released, excluded, predecessor, tags" in msg


def test_registry_tags_are_optional_and_split_on_semicolons(tmp_path):
    path = write(tmp_path, "models.csv", "bot,family,provider,tags\n"
                 "a1,A,X,hybrid-reasoning; open-weights\n" "a2,A,X,\n" "b1,B,Y,hybrid-reasoning\n")
    registry, _ = read_registry(path)
    assert registry.bots["a1"].tags == ("hybrid-reasoning", "open-weights")
    assert registry.bots["a2"].tags == () and registry.bots["b1"].tags == ("hybrid-reasoning",)
    assert registry.tags == ("hybrid-reasoning", "open-weights")
    no_tags, _ = read_registry(write(tmp_path, "m2.csv", "bot,family,provider\na1,A,X\n"))
    assert no_tags.tags == () and no_tags.bots["a1"].tags == ()


def test_registry_bad_tag_names_row_column_value_and_fix(tmp_path):
    path = write(tmp_path, "models.csv", "bot,family,provider,tags\na1,A,X,ok\na2,A,X,Hybrid Reasoning!\n")
    msg = error_of(read_registry, path)
    assert "row 3" in msg and "column 'tags'" in msg and "'Hybrid Reasoning!'" in msg
    assert "lowercase letters, digits and hyphens" in msg


def test_registry_tags_split_on_semicolons_only(tmp_path):
    # "hybrid reasoning" is one malformed tag, not the two tags "hybrid" and "reasoning"
    path = write(tmp_path, "models.csv", "bot,family,provider,tags\na1,A,X,hybrid reasoning\n")
    assert "has the tag 'hybrid reasoning'" in error_of(read_registry, path)


@pytest.mark.parametrize("tag", ["reasoning", "video", "text"])
def test_registry_tag_that_reads_as_a_chart_is_refused(tmp_path, tag):
    path = write(tmp_path, "models.csv", f"bot,family,provider,tags\na1,A,X,{tag}\n")
    msg = error_of(read_registry, path)
    assert f"a post would read as the {tag} chart" in msg and f"'{tag}-first'" in msg


def test_registry_family_cycle(tmp_path):
    path = write(tmp_path, "models.csv", REG_HEADER
                 + "a1,A,X,,false,B\n" + "b1,B,X,,false,C\n" + "c1,C,X,,false,A\n")
    msg = error_of(read_registry, path)
    assert "cycle: A → B → C → A" in msg and "column 'predecessor'" in msg and "row 2" in msg


def test_registry_unknown_predecessor(tmp_path):
    path = write(tmp_path, "models.csv", REG_HEADER + "a1,A,X,,false,Nope\n")
    assert "names predecessor 'Nope'" in error_of(read_registry, path)


def test_registry_builds_families(tmp_path):
    path = write(tmp_path, "models.csv", REG_HEADER
                 + "GPT-4.1,GPT-4.1,OpenAI,2025-04-14,false,GPT-4o\n"
                 + "GPT-4.1-mini,GPT-4.1,OpenAI,,false,\n"
                 + "GPT-4o,GPT-4o,OpenAI,,false,\n"
                 + "Assistant,Assistant,Poe,,true,\n")
    registry, _ = read_registry(path)
    fam = registry.families["GPT-4.1"]
    assert fam.bots == ("GPT-4.1", "GPT-4.1-mini") and fam.predecessor == "GPT-4o"
    assert str(fam.released) == "2025-04-14" and fam.provider == "OpenAI"
    assert registry.bots["Assistant"].excluded is True


def test_unregistered_bots_become_families_and_warn_once(tmp_path):
    data = write(tmp_path, "usage.csv", HEADER
                 + "2025-01-06,text,A,0,false,user\n2025-01-13,text,A,5,false,user\n"
                 + "2025-01-06,text,B,5,false,user\n")
    models = write(tmp_path, "models.csv", REG_HEADER + "B,Bfam,Lab,,false,\n")
    dataset = load(data, models)
    assert dataset.unregistered == ("A",)
    fam = dataset.registry.families["A"]
    assert fam.provider == "unknown" and str(fam.released) == "2025-01-13"
    assert len([w for w in dataset.warnings if "not in the registry" in w]) == 1
    assert "A" in dataset.warnings[0]


def test_gap_is_a_warning_not_an_error(tmp_path):
    data = write(tmp_path, "usage.csv", HEADER
                 + "2025-01-06,text,A,5,false,user\n2025-01-20,text,A,5,false,user\n")
    dataset = load(data, None)
    assert any("2025-01-13" in w for w in dataset.warnings)


def test_fingerprint_changes_with_the_data(tmp_path):
    data = write(tmp_path, "usage.csv", HEADER + GOOD_ROW)
    first = load(data, None).sha256
    assert load(data, None).sha256 == first
    write(tmp_path, "usage.csv", HEADER + GOOD_ROW.replace("100", "101"))
    assert load(data, None).sha256 != first
