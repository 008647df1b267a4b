"""Render every content file (``*.yaml``) in a folder to the PDF beside it.

Usage: ``python -m pipeline.replica data/samples`` (what ``make samples`` runs).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from pipeline.replica.content import load_content
from pipeline.replica.render import render_pdf


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.replica", description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="folder of report content files")
    folder = parser.parse_args(argv).folder
    sources = sorted(folder.glob("*.yaml"))
    if not sources:
        parser.error(f"no content files (*.yaml) in {folder}")
    for source in sources:
        target = source.with_suffix(".pdf")
        render_pdf(load_content(source), target)
        print(f"{source} -> {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
