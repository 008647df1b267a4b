"""``python -m bench.savedpages``: the real report pages saved as Word files, read back cell by cell.

A publisher that writes its report in a word processor posts the file it saved: .docx, the older
.doc, .odt or .rtf. Each real page of ``bench.layouts`` (平潭 and its departments, 上海, the seed's
layout) is opened by LibreOffice headless and saved in each format, then read by ``extract_report``
(content decides the reader: a .doc, .odt or .rtf is converted back to .docx, never to PDF) and
compared with its published figures. A file that fails prints its one line; the run goes on.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.layouts import real_pages
from pipeline.core.errors import OgiError
from pipeline.extract import extract_report
from pipeline.replica.worddoc import converted

FORMATS = ("docx", "doc", "odt", "rtf")


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.savedpages", description=__doc__.split("\n\n")[0])
    parser.add_argument("--format", action="append", choices=FORMATS, help="only these formats (default: all four)")
    parser.add_argument("--page", action="append", help="only pages whose name starts so (pingtan-market, mfa)")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = _arguments(argv)
    pages = [p for p in real_pages() if not args.page or any(p.name.startswith(prefix) for prefix in args.page)]
    if not pages:
        raise SystemExit(f"--page {' '.join(args.page)}: no real page has such a name")
    right = total = wrong = failed = 0
    for fmt in args.format or FORMATS:
        for page in pages:
            started = time.perf_counter()
            total += len(page.cells)
            try:
                data = converted(page.html.encode("utf-8"), "html", fmt)
                with _named(data) as path:
                    facts = extract_report(path).facts
            except OgiError as exc:  # a file that fails with one line: counted, the run goes on
                failed += 1
                print(f"{fmt} {page.name}: not read: {exc}", flush=True)
                continue
            got = {(f.table, f.row, f.column): f.value for f in facts}
            exact = sum(1 for cell, value in page.cells.items() if cell in got and got[cell] == value)
            # A figure for a cell the page does not have is as wrong as a figure that differs.
            off = sum(1 for cell, value in got.items() if cell not in page.cells or page.cells[cell] != value)
            right, wrong = right + exact, wrong + off
            seconds = time.perf_counter() - started
            print(f"{fmt} {page.name}: {exact}/{len(page.cells)} exactly, {off} wrong ({seconds:.1f} s)", flush=True)
    print(f"saved_pages_cells: {right}/{total}")
    print(f"saved_pages_wrong: {wrong}")
    print(f"saved_pages_not_read: {failed}")
    return 1 if wrong else 0


@contextmanager
def _named(data: bytes) -> Iterator[Path]:
    """``data`` in a temporary file named without a format, removed afterwards."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report"
        path.write_bytes(data)
        yield path


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
