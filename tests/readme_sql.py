"""The worked queries of the README and the output printed under each.

A ```sql block followed by an output block is run as ``ogi sql "<query>"``; a ```sh block holding one
``ogi sql …`` command followed by an output block is run as written. ``python tests/readme_sql.py
DATA_DIR`` writes the real output of each against DATA_DIR (built by ``ogi run --data-dir DATA_DIR``)
into README.md.
"""

from __future__ import annotations

import contextlib
import io
import re
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"
FENCE = re.compile(r"^```(\w*)\n(.*?)^```\n", re.S | re.M)


@dataclass(frozen=True)
class Example:
    argv: list[str]  # after `ogi`
    expected: str
    output: tuple[int, int]  # where the output block's text is in the README


def examples(text: str) -> list[Example]:
    blocks = list(FENCE.finditer(text))
    found = []
    for block, after in zip(blocks, blocks[1:]):
        lang, body = block.group(1), block.group(2)
        if lang == "sql":
            argv = ["sql", body.strip().rstrip(";")]
        elif lang == "sh" and body.strip().startswith("ogi sql ") and "\n" not in body.strip():
            argv = shlex.split(body.strip())[1:]
        else:
            continue
        assert after.group(1) == "" and text[block.end() : after.start()].strip() == "", (
            f"README: the query {argv[-1][:40]!r} is not followed by its output"
        )
        found.append(Example(argv, after.group(2), after.span(2)))
    return found


def ogi(argv: list[str], data_dir: Path) -> tuple[int, str, str]:
    """``ogi <argv> --data-dir DATA_DIR`` in this process: exit status, stdout, stderr."""
    from pipeline.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main([*argv, "--data-dir", str(data_dir)])
    return status, out.getvalue(), err.getvalue()


def refresh(text: str, data_dir: Path) -> str:
    for example in reversed(examples(text)):
        status, out, err = ogi(example.argv, data_dir)
        assert status == 0, err
        start, end = example.output
        text = text[:start] + out + text[end:]
    return text


if __name__ == "__main__":
    README.write_text(refresh(README.read_text(encoding="utf-8"), Path(sys.argv[1]).resolve()), encoding="utf-8")
    print(f"README.md: {len(examples(README.read_text(encoding='utf-8')))} query outputs written")
