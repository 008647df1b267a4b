"""The examples of README.md and docs/*.md that show a command and what it prints.

Three forms are read, each a fenced block followed by what the command prints:
- a ```sql block, then an output block: run as ``ogi sql "<query>"``;
- a ```sh block holding one ``ogi sql …`` command, then an output block: run as written;
- a ```console block of ``$ command`` lines, each followed by its output: run by the shell, in the
  project folder, with ``ogi`` on the PATH and the data folder in ``$OGI_DATA_DIR``. ``make run``
  is what the fresh run printed (make echoes its recipe line first).

The data folder is that of ``ogi run`` on the bundled sample (:func:`bundled_run`). Pages show it as
``~/ogi-reports/data`` (a checkout in ``~/ogi-reports``, where ``make run`` puts it); what varies
from run to run is masked before comparing (:func:`comparable`). ``python tests/support/doc_examples.py``
builds such a folder and writes the real output of every example into the pages.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
README = PROJECT / "README.md"
PAGES = [README, *sorted((PROJECT / "docs").glob("*.md"))]
FENCE = re.compile(r"^```(\w*)\n(.*?)^```\n", re.S | re.M)
SHOWN_CHECKOUT = "~/ogi-reports"
# The environment of the commands: no instance, data folder or catalog of the user's.
ENV = {k: v for k, v in os.environ.items() if k not in ("DAGSTER_HOME", "OGI_DATA_DIR", "OGI_CATALOG")}


@dataclass(frozen=True)
class Example:
    page: Path
    command: str  # as the page shows it, without the prompt
    expected: str
    output: tuple[int, int]  # where the expected text is in the page
    argv: list[str] | None = None  # `ogi sql` arguments, run in this process; else a shell command


def examples(page: Path, text: str | None = None) -> list[Example]:
    """Every command of the page that is shown with its output."""
    text = page.read_text(encoding="utf-8") if text is None else text
    blocks = list(FENCE.finditer(text))
    found: list[Example] = []
    for block, after in zip(blocks, [*blocks[1:], None]):
        lang, body = block.group(1), block.group(2)
        if lang == "console":
            found.extend(_console(page, block))
            continue
        if lang == "sql":
            argv = ["sql", body.strip().rstrip(";")]
        elif lang == "sh" and body.strip().startswith("ogi sql ") and "\n" not in body.strip():
            argv = shlex.split(body.strip())[1:]
        else:
            continue
        assert after is not None and after.group(1) == "" and text[block.end() : after.start()].strip() == "", (
            f"{page.name}: the query {argv[-1][:40]!r} is not followed by its output"
        )
        found.append(Example(page, shlex.join(["ogi", *argv]), after.group(2), after.span(2), argv))
    return found


def _console(page: Path, block: re.Match[str]) -> list[Example]:
    """The ``$ command`` lines of a console block, each with the lines under it."""
    start = block.start(2)
    commands = list(re.finditer(r"^\$ (.*)\n", block.group(2), re.M))
    assert commands and commands[0].start() == 0, f"{page.name}: a console block starts with a $ command"
    found = []
    for command, following in zip(commands, [*commands[1:], None]):
        end = following.start() if following else len(block.group(2))
        found.append(
            Example(page, command.group(1), block.group(2)[command.end() : end], (start + command.end(), start + end))
        )
    return found


def bundled_run(folder: Path) -> tuple[Path, str]:
    """``ogi run`` on the bundled sample into a fresh data folder under ``folder``, as ``make run``
    runs it (two runs at a time, the project's catalog): the folder and what the run printed."""
    data = folder / "data"
    done = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "run", "--data-dir", str(data), "--jobs", "2"],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    return data, done.stdout


def ogi(argv: list[str], data_dir: Path) -> tuple[int, str, str]:
    """``ogi <argv> --data-dir DATA_DIR`` in this process: exit status, stdout, stderr."""
    from pipeline.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main([*argv, "--data-dir", str(data_dir)])
    return status, out.getvalue(), err.getvalue()


def make_recipe(target: str) -> str:
    """The line make echoes for a one-line recipe of the Makefile."""
    makefile = (PROJECT / "Makefile").read_text(encoding="utf-8")
    [recipe] = re.findall(rf"^{target}:.*\n\t(.+)$", makefile, re.M)
    return recipe.replace("$(BIN)", ".venv/bin")


def printed(example: Example, data: Path, run_output: str) -> str:
    """What the example's command prints on the bundled data folder, as the page shows it."""
    if example.argv is not None:
        status, out, err = ogi(example.argv, data)
        assert (status, err) == (0, ""), f"{example.page.name}: {example.command}: {err}"
    elif example.command == "make run":
        out = make_recipe("run") + "\n" + run_output
    else:
        # argparse wraps help at $COLUMNS: the width of the pages' examples, whatever the terminal's.
        path = f"{Path(sys.executable).parent}{os.pathsep}{ENV['PATH']}"
        env = {**ENV, "OGI_DATA_DIR": str(data), "PATH": path, "COLUMNS": "100"}
        done = subprocess.run(
            ["bash", "-c", example.command],
            cwd=PROJECT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=300,
        )
        out = done.stdout
    return shown(out, data)


def shown(output: str, data: Path) -> str:
    """The output with the data folder and the checkout where the pages show them: the data folder
    is then the default one, for which ``ogi run``'s example query names no ``--data-dir``."""
    text = output.replace(str(data), f"{SHOWN_CHECKOUT}/data").replace(str(PROJECT), SHOWN_CHECKOUT)
    return _sorted_reports(text.replace(f" --data-dir {SHOWN_CHECKOUT}/data", ""))


def comparable(text: str) -> str:
    """What a page's output and a real one must agree on: the UTC times that name snapshots and
    the times a file was seen (first_seen, last_seen) are masked, as is the number of reports
    overdue (it grows each 1 February), and the reports of a run are sorted (their lines come as
    their runs finish)."""
    text = re.sub(r"\d{4}-\d\d-\d\dT\d{6}Z", "<UTC time>", text)
    text = re.sub(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?", "<time>", text)
    text = re.sub(r"\b\d+ reports? overdue\b", "<N> reports overdue", text)
    return _sorted_reports(text)


def _sorted_reports(text: str) -> str:
    """``ogi run``'s lines of one report each (``  + mfa 2020: …``) in agency and year order."""
    lines, out, block = text.split("\n"), [], []
    for line in lines:
        if re.match(r"  [+=!] \S+ \d{4}: ", line):
            block.append(line)
            continue
        out.extend(sorted(block, key=lambda line: line[4:]))
        block = []
        out.append(line)
    out.extend(sorted(block, key=lambda line: line[4:]))
    return "\n".join(out)


def refresh(page: Path, data: Path, run_output: str) -> int:
    """Write the real output of every example that differs into the page (one that differs only in
    what is masked stays as it is); the number of examples written."""
    text = page.read_text(encoding="utf-8")
    written = 0
    for example in reversed(examples(page, text)):
        real = printed(example, data, run_output)
        if comparable(real) != comparable(example.expected):
            start, end = example.output
            text, written = text[:start] + real + text[end:], written + 1
    page.write_text(text, encoding="utf-8")
    return written


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="ogi-docs-") as scratch:
        data, run_output = bundled_run(Path(scratch))
        for page in PAGES:
            if count := refresh(page, data, run_output):
                print(f"{page.relative_to(PROJECT)}: {count} outputs written")
