"""Reports typed into the official format's own Word file (the template publishers fill, as WPS
Office saved it): its real tables, their merges and blank cells holding ideographic spaces, read
back with every figure, directly and as LibreOffice saves the file again; filled plainly and with
each habit of real publishers (``pipeline/replica/templatehabits.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from word_support import check_word_facts

from pipeline.extract import extract_report
from pipeline.replica.officialtemplate import fill
from pipeline.replica.synthetic import generate
from pipeline.replica.templatehabits import HABITS, typed
from pipeline.replica.worddoc import converted

TEMPLATE = Path(__file__).parents[1] / "fixtures" / "word" / "official-template-2021.docx"
SEEDS = [0, 1, 6, 7, 10]  # 2021-format reports publishing （六）其他处理 as its three sub-rows, as the template does
ONE_ROW_SEEDS = [2, 3]  # 2021-format reports publishing （六）其他处理 as one row


def _read(tmp_path: Path, data: bytes, suffix: str = "docx"):
    path = tmp_path / f"report.{suffix}"
    path.write_bytes(data)
    return extract_report(path)


@pytest.mark.parametrize("seed", SEEDS)
def test_the_filled_template_reads_every_figure(tmp_path, seed):
    content = generate(seed, "2021")
    data = fill(TEMPLATE.read_bytes(), content)

    extraction = _read(tmp_path, data)

    assert extraction.engine == "docx"
    check_word_facts(extraction, content, [], data)


@pytest.mark.parametrize("habit", HABITS)
def test_each_habit_of_filling_the_template_reads_every_figure(tmp_path, habit):
    seed = SEEDS[HABITS.index(habit) % len(SEEDS)]
    content = generate(seed, "2021")
    data = fill(TEMPLATE.read_bytes(), content, [habit])
    assert data != fill(TEMPLATE.read_bytes(), content)  # the habit shows in the file

    check_word_facts(_read(tmp_path, data), typed(content, [habit]), [habit], data)


@pytest.mark.parametrize(
    "habits",
    [
        ["no_appeals", "zero_blank"],
        ["no_appeals", "zero_dash"],
        ["no_requests", "zero_blank"],
        ["no_requests", "zero_slash"],
        ["no_appeals", "zero_slash", "note_row"],  # a note under the blank table 四
        ["no_requests", "zero_dash", "split_repeats_header"],  # blank table 三's second part opens with its header
    ],
)
def test_a_table_without_any_figure_reads_blank(tmp_path, habits):
    """A body that had no appeals (or no requests either) leaves table 四 (or 三 and 四) of the
    template blank or dashed: no figure says where the header ends, yet every cell is read, NULL,
    with a note under the table, or table 三 split at a page and its header typed again."""
    content = generate(1, "2021")
    data = fill(TEMPLATE.read_bytes(), content, habits)
    filled = typed(content, habits)

    extraction = _read(tmp_path, data)

    check_word_facts(extraction, filled, habits, data)
    assert all(fact.value is None for fact in extraction.facts if fact.table == "review")


@pytest.mark.parametrize("seed", ONE_ROW_SEEDS)
def test_other_handling_kept_as_one_row_reads_every_figure(tmp_path, seed):
    content = generate(seed, "2021")
    data = fill(TEMPLATE.read_bytes(), content)

    extraction = _read(tmp_path, data)

    assert not extraction.other_handling_split
    check_word_facts(extraction, content, ["（六）其他处理 as one row"], data)


def test_the_habits_together_read_every_figure(tmp_path):
    habits = ["zero_dash", "thousands", "counting_word", "fee_unit", "spaces_kept", "run_format", "tracked"]
    habits += ["comment", "note_row", "repeat_header", "split_repeats_header", "landscape"]
    content = generate(6, "2021")
    data = fill(TEMPLATE.read_bytes(), content, habits)

    check_word_facts(_read(tmp_path, data), typed(content, habits), habits, data)


@pytest.mark.parametrize(
    ("habits", "fmt"),
    [([], "doc"), (["tracked", "comment", "split"], "doc"), (["zero_slash", "second_paragraph"], "rtf")],
)
def test_the_filled_template_saved_again_by_libreoffice_reads_every_figure(tmp_path, habits, fmt):
    content = generate(7, "2021")
    data = converted(fill(TEMPLATE.read_bytes(), content, habits), "docx", fmt)

    check_word_facts(_read(tmp_path, data, fmt), typed(content, habits), [f"saved as .{fmt} by LibreOffice", *habits])


def test_the_template_holds_only_2021_reports():
    with pytest.raises(ValueError, match="holds a 2021-format report"):
        fill(TEMPLATE.read_bytes(), generate(2, "2019"))


def test_an_unknown_habit_is_refused():
    with pytest.raises(ValueError, match="unknown habits"):
        fill(TEMPLATE.read_bytes(), generate(0, "2021"), ["zero_underscore"])
