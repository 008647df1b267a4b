"""``python -m bench.rendering``: what reading a page costs in memory, by its size in pixels, for
the readers that render a page (OCR of a scan's pages, camelot's ``combined`` engine), so that the
bytes a pixel ``rendering.check_rendering`` counts are measured, not guessed.

- ``scan``: a table page of the 2021-template replica scanned at 200 dpi, its picture stated at a
  lower resolution than it was scanned at (as some scanners write it), so the PDF page is that
  many times larger; and a white page of the same size (``hostile.scan_huge_page``). Each is read
  whole by ``run_bounded`` (its worker's peak resident memory).
- ``camelot``: page 5 of mfa-2020 (table 三, ruled) with its MediaBox enlarged, read by
  ``combined`` in a process of its own (its peak resident memory).

Prints one line per page: its size, the resolution and pixels it is rendered at, and the peak.
The bytes a pixel are the slope between two sizes, the rest what a reading holds whatever the page
(OCR holds more as a page's text is larger in pixels: the check counts a bound above each).

    .venv/bin/python -m bench.rendering [--scales 1,2,3] [--readers scan,camelot]
"""

from __future__ import annotations

import argparse
import math
import multiprocessing
import resource
import tempfile
from pathlib import Path

import pypdfium2 as pdfium

from pipeline.core.settings import PROJECT_DIR, Limits
from pipeline.extract.bounded import run_bounded
from pipeline.extract.pageimages import page_dpi
from pipeline.replica.hostile import Hostile, scan_huge_page
from pipeline.replica.scan import ScanStyle, scan_pages

SAMPLES = PROJECT_DIR / "data" / "samples"
# Far above any page measured here: the peak is measured, not stopped.
_UNLIMITED = Limits(memory_mb=20000, cpu_seconds=3600, wall_seconds=3600)


def scan_page(folder: Path, scale: float) -> Path:
    """Page 3 (tables 二 and 三) of huaian-hongze-2023 scanned at 200 dpi, its picture stated at 200/``scale``
    dpi: a page ``scale`` times A4's width and height."""
    document, single = pdfium.PdfDocument(SAMPLES / "huaian-hongze-2023.pdf"), pdfium.PdfDocument.new()
    single.import_pages(document, [2])
    original = folder / "page.pdf"
    single.save(original)
    [image] = scan_pages(original, ScanStyle(dpi=200, seed=3))
    out = folder / f"scan-{scale:g}.pdf"
    image.save(out, "PDF", resolution=200 / scale, quality=90)
    return out


def _rendered(path: Path, dpi_of) -> tuple[tuple[float, float], int, int]:
    document = pdfium.PdfDocument(path)
    size = document[0].get_size()
    document.close()
    dpi = dpi_of(size)
    return size, dpi, math.prod(math.ceil(side * dpi / 72) for side in size)


def measure_scans(scales: list[float]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for scale in scales:
            scan = scan_page(Path(folder), scale)
            side = 842 * scale
            white = Hostile(f"white-{scale:g}", ".pdf", scan_huge_page(side)).write(Path(folder))
            for name, path in (("scan", scan), ("white", white)):
                size, dpi, pixels = _rendered(path, page_dpi)
                outcome = run_bounded(path, None, _UNLIMITED)
                ended = "facts" if outcome.error is None else str(outcome.error)[:60]
                print(
                    f"{name} ×{scale:g}: {size[0]:.0f} × {size[1]:.0f} pt at {dpi} dpi, {pixels / 1e6:.1f} Mpx: "
                    f"peak {outcome.peak_mb:.0f} MiB; {outcome.seconds:.0f} s; {ended}"
                )


def _camelot(path: str, sender) -> None:
    from pipeline.extract.engines import read_segments

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    read_segments(Path(path), [1], "combined", _UNLIMITED)
    sender.send((before, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024))


def camelot_page(folder: Path, scale: float) -> Path:
    """Page 5 of mfa-2020 (table 三, ruled) on a page ``scale`` times its width and height."""
    document, single = pdfium.PdfDocument(SAMPLES / "mfa-2020.pdf"), pdfium.PdfDocument.new()
    single.import_pages(document, [4])
    page = single[0]
    width, height = page.get_size()
    page.set_mediabox(0, height - height * scale, width * scale, height)
    page.close()
    out = folder / f"camelot-{scale:g}.pdf"
    single.save(out)
    return out


def measure_camelot(scales: list[float]) -> None:
    context = multiprocessing.get_context("spawn")
    with tempfile.TemporaryDirectory() as folder:
        for scale in scales:
            path = camelot_page(Path(folder), scale)
            size, dpi, pixels = _rendered(path, lambda _: 300)
            receiver, sender = context.Pipe(duplex=False)
            process = context.Process(target=_camelot, args=(str(path), sender))
            process.start()
            before, peak = receiver.recv()
            process.join()
            print(
                f"camelot ×{scale:g}: {size[0]:.0f} × {size[1]:.0f} pt at {dpi} dpi, {pixels / 1e6:.1f} Mpx: "
                f"peak {peak / 2**20:.0f} MiB ({before / 2**20:.0f} before reading)"
            )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.rendering", description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="1,2,3", help="page sizes, times A4 (default 1,2,3)")
    parser.add_argument("--readers", default="scan,camelot", help="scan, camelot or both")
    args = parser.parse_args(argv)
    scales = [float(scale) for scale in args.scales.split(",")]
    readers = args.readers.split(",")
    if "scan" in readers:
        measure_scans(scales)
    if "camelot" in readers:
        measure_camelot(scales)


if __name__ == "__main__":
    main()
