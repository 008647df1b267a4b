"""Tables drawn without rules: the text engine against camelot's text-based flavors (``stream``,
``network``, ``hybrid``), each read into the same grid and mapping, on the reports without rules
of the layouts corpus and on the real reports of tests/fixtures (which are ruled: a text-based
reader must not misread them either)."""

from __future__ import annotations

import time
import warnings
from dataclasses import dataclass
from pathlib import Path

from bench.corpus import Report
from pipeline.core.facts import ReportError
from pipeline.core.figures import figure_cells, mismatches
from pipeline.extract import _candidate_pages, _facts
from pipeline.extract.engines import quiet, read_segments
from pipeline.extract.pdftext import read_text
from pipeline.extract.segments import Region, Segment

FLAVORS = ("text", "stream", "network", "hybrid")


@dataclass
class FlavorFigures:
    read: int  # reports read complete
    exact: int  # of those, every figure equal to the published one
    wrong: int  # reports read complete with a figure that differs (the worst outcome)
    cpu_seconds_per_report: float


def _camelot_segments(path: Path, pages: list[int], flavor: str) -> list[Segment]:
    """camelot's cells as they come (these flavors draw no cell edges to merge along)."""
    import camelot

    with quiet(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tables = camelot.read_pdf(str(path), pages=",".join(map(str, pages)), flavor=flavor)
    segments = []
    for table in tables:
        at = [
            [Region(c.text.strip(), int(table.page), r, r, float(c.x1), float(c.x2)) for c in row]
            for r, row in enumerate(table.cells)
        ]
        segments.append(Segment(int(table.page), len(at), at, [(float(a), float(b)) for a, b in table.cols]))
    for i, segment in enumerate(segments):
        segment.first_on_page = i == 0 or segments[i - 1].page != segment.page
        segment.last_on_page = i == len(segments) - 1 or segments[i + 1].page != segment.page
    return segments


def measure(reports: list[tuple[Path, tuple]]) -> dict[str, FlavorFigures]:
    """Each flavor on each report (with the arguments of ``figure_cells`` for its published
    figures), on the pages the tables are on and the next."""
    results = {}
    for flavor in FLAVORS:
        read = exact = wrong = 0
        seconds = 0.0
        for path, figures in reports:
            text = read_text(path)
            pages = _candidate_pages(text)
            pages += [pages[-1] + 1] if pages[-1] < len(text.pages) else []
            start = time.process_time()
            try:
                segments = (
                    read_segments(path, pages, "text") if flavor == "text" else _camelot_segments(path, pages, flavor)
                )
                extraction = _facts(segments, flavor)
            except ReportError:
                continue
            finally:
                seconds += time.process_time() - start
            read += 1
            if mismatches(extraction, figure_cells(*figures)):
                wrong += 1
            else:
                exact += 1
        results[flavor] = FlavorFigures(read, exact, wrong, seconds / len(reports))
    return results


def corpus(layouts: list[Report], real: Path) -> tuple[list[tuple[Path, tuple]], list[tuple[Path, tuple]]]:
    """The reports without rules of the layouts corpus, and the real ruled reports with their truth."""
    import json

    unruled = [(r.pdf, (r.figures,)) for r in layouts if r.content.layout.no_rules]
    truths = [json.loads(p.with_suffix(".truth.json").read_text(encoding="utf-8")) for p in sorted(real.glob("*.pdf"))]
    ruled = [(p, (t, t["columns"])) for p, t in zip(sorted(real.glob("*.pdf")), truths)]
    return unruled, ruled
