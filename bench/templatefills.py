"""The official 2021 format's own Word file filled as publishers fill it, read back: for each habit
of ``pipeline/replica/templatehabits.py`` (and （六）其他处理 kept as one row), the cells read
exactly, wrong, and not read (NULL, missing, or the file not read), over five reports, as the
.docx filled and as LibreOffice saves it again (``--formats doc odt rtf docx``).

Usage: ``python -m bench.templatefills [--formats docx doc odt rtf] [--habits …] [--reports N]``; one line per
habit and format: ``habit format: exact/total wrong=N unread=N``; ``a+b`` fills with habits ``a``
and ``b`` together.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from pipeline.core.facts import ReportError
from pipeline.core.figures import figure_cells
from pipeline.core.settings import PROJECT_DIR
from pipeline.extract import extract_report
from pipeline.replica.officialtemplate import fill
from pipeline.replica.synthetic import generate
from pipeline.replica.templatehabits import HABITS, NOTHING, ZEROS, typed
from pipeline.replica.worddoc import converted

TEMPLATE = PROJECT_DIR / "tests" / "fixtures" / "word" / "official-template-2021.docx"
SPLIT_SEEDS = (0, 1, 6, 7, 10)  # （六）其他处理 published as its three sub-rows, as the template has it
ONE_ROW_SEEDS = (2, 3, 4, 5, 8)  # （六）其他处理 published as one row
ONE_ROW = "other_handling_one_row"
# Bodies that had no appeals, or no requests either, typing their tables of zeros blank or dashed.
BLANK_TABLES = tuple(f"{nothing}+{zero}" for nothing in NOTHING for zero in ZEROS)
EVERY_HABIT = ("plain", *HABITS, ONE_ROW, *BLANK_TABLES)


def read_back(habit: str, fmt: str, folder: Path, reports: int = 5) -> tuple[int, int, int, list[str]]:
    """(exact, wrong, total, lines of the cells not exact) over the first ``reports`` of the habit's
    five reports."""
    exact = wrong = total = 0
    lines: list[str] = []
    habits = () if habit in ("plain", ONE_ROW) else tuple(habit.split("+"))
    for seed in (ONE_ROW_SEEDS if habit == ONE_ROW else SPLIT_SEEDS)[:reports]:
        content = generate(seed, "2021")
        data = fill(TEMPLATE.read_bytes(), content, habits)
        if fmt != "docx-filled":
            data = converted(data, "docx", fmt)
        path = folder / f"{habit}-{seed}.{fmt.split('-')[0]}"
        path.write_bytes(data)
        expected = figure_cells(typed(content, habits).figures)
        total += len(expected)
        try:
            got = {(f.table, f.row, f.column): f for f in extract_report(path).facts}
        except ReportError as exc:
            lines.append(f"seed {seed}: not read: {exc}")
            continue
        for cell, value in expected.items():
            fact = got.get(cell)
            if fact is not None and fact.value == value:
                exact += 1
                continue
            if fact is not None and fact.value is not None:
                wrong += 1
            lines.append(
                f"seed {seed}: {cell} expected {value}, got {None if fact is None else (fact.value, fact.raw)}"
            )
    return exact, wrong, total, lines


def sweep(fmt: str, habits: list[str], reports: int, folder: Path) -> tuple[int, int, int, list[str]]:
    """(exact, wrong, total, lines of the cells not exact, each naming its habit) over every habit."""
    exact = wrong = total = 0
    misses: list[str] = []
    for habit in habits:
        e, w, t, lines = read_back(habit, "docx-filled" if fmt == "docx" else fmt, folder, reports)
        exact, wrong, total = exact + e, wrong + w, total + t
        misses += [f"{habit}: {line}" for line in lines]
    return exact, wrong, total, misses


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.templatefills", description=__doc__.splitlines()[0])
    parser.add_argument("--formats", nargs="+", default=["docx"], choices=["docx", "doc", "odt", "rtf"])
    parser.add_argument("--habits", nargs="+", default=list(EVERY_HABIT))
    parser.add_argument("--reports", type=int, default=5, help="of the five reports, how many (LibreOffice is slow)")
    arguments = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="ogi-templatefills-") as tmp:
        for fmt in arguments.formats:
            label = "docx-filled" if fmt == "docx" else fmt
            for habit in arguments.habits:
                exact, wrong, total, lines = read_back(habit, label, Path(tmp), arguments.reports)
                print(f"{habit} {fmt}: {exact}/{total} wrong={wrong} unread={total - exact - wrong}", flush=True)
                for line in lines[:5]:
                    print(f"#   {line}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
