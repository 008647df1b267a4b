"""Hostile files: seeded mutants of the bundled reports (and of a Word report) and crafted bombs
(PDFs, web pages, Word files, scans) each end, within the limits of their extraction, in facts or
one line; never a traceback, never a hang. Each limit, lowered, stops a real reading with a line
that names it. (The larger sweep: bench/hostile.py.)"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import numpy as np
import pytest

from pipeline.core.catalog import load_catalog
from pipeline.core.facts import LimitError, ReportError
from pipeline.core.settings import Limits
from pipeline.extract import extract_report
from pipeline.extract.bounded import Outcome, extract_bounded, out_of_memory, run_bounded
from pipeline.extract.engines import read_segments
from pipeline.extract.pageimages import page_dpi
from pipeline.extract.pdftext import inflated_bytes
from pipeline.extract.wordconvert import to_docx
from pipeline.extract.wordfile import Inflating, read_docx
from pipeline.fetch.validate import report_format
from pipeline.replica.hostile import (
    BOMBS,
    MUTATIONS,
    Hostile,
    bombs,
    docx_billion_laughs,
    docx_external_entity,
    docx_nested_tables,
    many_rows,
    mutants,
    rtf_many_rows,
    scan_huge_page,
    word_sample,
)

PROJECT = Path(__file__).resolve().parents[2]
# The reports the catalog bundles (data/samples also keeps pages no sample entry names yet), PDFs first.
_BUNDLED = sorted({sample.file for sample in load_catalog(PROJECT / "data" / "catalog.yaml").samples})
SAMPLES = [path for path in _BUNDLED if path.suffix == ".pdf"] + [path for path in _BUNDLED if path.suffix == ".html"]
MUTANTS = len(MUTATIONS) * len(SAMPLES)  # each mutation of each bundled report, once
OGI = Path(sys.executable).with_name("ogi")
SEED = 22
# Bombs the sweep reads and make test leaves to a test of their own: LibreOffice converting for its
# share of the time limit (45 s), and 300000 rows of a Word table (20 s), like those of a web page.
SLOW = {"doc-rtf-many-rows", "docx-many-rows"}


def _ends_well(outcome: Outcome, limits: Limits, scanned: int = 0) -> None:
    """Facts, or one line; within the time and memory limits (with the watchdog's poll to spare),
    each of the ``scanned`` pages read by OCR adding its time (a damaged font map makes pages of
    glyph codes, read as images)."""
    assert outcome.seconds < limits.wall_seconds + scanned * limits.scan_page_seconds + 2
    assert outcome.peak_mb < limits.memory_mb + 64
    if outcome.error is not None:
        line = str(outcome.error)
        assert line and "\n" not in line and "Traceback" not in line
    else:
        assert outcome.extraction is not None and outcome.extraction.facts


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> list[Path]:
    """The bundled reports and a Word report: the sources of the mutants."""
    return [*SAMPLES, word_sample(tmp_path_factory.mktemp("word"))]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, sources: list[Path]) -> list[Path]:
    folder = tmp_path_factory.mktemp("hostile")
    crafted = [item for item in bombs() if item.name not in SLOW]
    # Each mutation of each source, once; the Word report's in a seeded series of their own.
    made = [*mutants(SAMPLES, MUTANTS, SEED), *mutants(sources[len(SAMPLES) :], len(MUTATIONS), SEED)]
    return [item.write(folder) for item in [*crafted, *made]]


@pytest.fixture(scope="module")
def readings(corpus: list[Path]) -> dict[str, tuple[Outcome, int]]:
    """Every file of the corpus read once, within the default limits: how it ended, and how many
    pages OCR read."""
    found = {}
    for path in corpus:
        pages: list[int] = []
        found[path.name] = (run_bounded(path, None, Limits(), on_page=pages.append), len(pages))
    return found


@pytest.fixture(scope="module")
def outcomes(readings: dict[str, tuple[Outcome, int]]) -> dict[str, Outcome]:
    return {name: outcome for name, (outcome, _) in readings.items()}


def test_the_corpus_is_seeded_and_covers_every_mutation(sources: list[Path]) -> None:
    first = [(m.name, m.data) for m in mutants(sources, 2 * len(sources), SEED)]
    assert first == [(m.name, m.data) for m in mutants(sources, 2 * len(sources), SEED)]
    assert first != [(m.name, m.data) for m in mutants(sources, 2 * len(sources), SEED + 1)]
    originals = {path.name: path.read_bytes() for path in sources}
    assert all(data != originals[name.split("~")[0]] for name, data in first)
    assert {name.split("~")[1].split("-")[0] for name, _ in first} == {"flip", "truncate"}
    made = {m.name.split("~")[1].split("-")[0] for m in mutants(sources, len(MUTATIONS) * len(sources), SEED)}
    # A Word file's zip is mutated in the sizes it states and in its document's XML too.
    assert made == {*MUTATIONS, "sizes", "xml"}


def test_every_hostile_file_ends_in_facts_or_one_line(
    readings: dict[str, tuple[Outcome, int]], outcomes: dict[str, Outcome]
) -> None:
    for name, (outcome, scanned) in readings.items():
        try:
            _ends_well(outcome, Limits(), scanned)
        except AssertionError:
            pytest.fail(f"{name}: {outcome}")
    # The bombs are refused, each for what it is.
    assert "inflated stream limit" in str(outcomes["pdf-flate-bomb.pdf"].error)
    assert "page limit" in str(outcomes["pdf-many-pages.pdf"].error)
    assert "table size limit" in str(outcomes["html-many-rows.html"].error)
    assert "table size limit" in str(outcomes["docx-huge-span.docx"].error)
    assert "inflated stream limit" in str(outcomes["docx-parts-bomb.docx"].error)
    assert "damaged .docx (Bad CRC-32" in str(outcomes["docx-lying-size.docx"].error)
    assert "scanned page limit" in str(outcomes["docx-many-pictures.docx"].error)
    assert "tables nested 5000 deep" in str(outcomes["docx-nested-tables.docx"].error)
    huge = outcomes["pdf-scan-huge-page.pdf"]
    assert "30000 × 30000 pixels" in str(huge.error) and huge.peak_mb < 400
    # A picture of more pixels than any scan is left undecoded: it costs no memory.
    for name in ("html-white-picture.html", "docx-white-picture.docx", "docx-huge-picture.docx"):
        assert outcomes[name].peak_mb < 400 and "no table in its 1" in str(outcomes[name].error), name
    assert all(outcomes[f"{name}{suffix}"].error for suffix, made in BOMBS.items() for name in made if name not in SLOW)


def test_a_mutant_that_still_reads_gives_the_published_figures(
    outcomes: dict[str, Outcome], sources: list[Path]
) -> None:
    """A mutation that leaves the tables alone (a flipped bit in a font, say) changes no figure."""
    read = 0
    originals = {path.name: extract_report(path) for path in sources}
    for name, outcome in outcomes.items():
        if "~" not in name or outcome.extraction is None:
            continue
        read += 1
        original = originals[name.split("~")[0]]
        published = {(f.table, f.row, f.column): f.value for f in original.facts}
        got = {(f.table, f.row, f.column): f.value for f in outcome.extraction.facts}
        changed = {key for key in got.keys() & published.keys() if got[key] != published[key]}
        # A mutation inside a table may change a printed figure; then the mutant prints that figure.
        assert len(changed) <= 3, f"{name}: {sorted(changed)[:5]}"
    assert read > 0


@pytest.fixture(scope="module")
def rows_page(tmp_path_factory) -> Path:
    return Hostile("rows", ".html", many_rows(200_000)).write(tmp_path_factory.mktemp("rows"))


@pytest.mark.parametrize(
    ("limits", "named"),
    [
        (Limits(cpu_seconds=1, table_cells=10**7), "CPU time limit (1 s, OGI_LIMIT_CPU_SECONDS)"),
        (Limits(memory_mb=160, table_cells=10**7), "memory limit (160 MiB, OGI_LIMIT_MEMORY_MB)"),
        (Limits(wall_seconds=0.5, table_cells=10**7), "time limit (0.5 s, OGI_LIMIT_WALL_SECONDS)"),
        (Limits(table_cells=1000), "table size limit (1000 cells, OGI_LIMIT_TABLE_CELLS)"),
    ],
)
def test_each_limit_stops_a_reading_with_a_line_naming_it(rows_page: Path, limits: Limits, named: str) -> None:
    with pytest.raises(LimitError, match=named.replace("(", r"\(").replace(")", r"\)")):
        extract_bounded(rows_page, None, limits)


@pytest.mark.parametrize(
    ("limits", "named"),
    [
        (
            Limits(table_cells=100),
            "Word file: table 4 is larger than the table size limit (100 cells, OGI_LIMIT_TABLE_CELLS)",
        ),
        (Limits(inflated_mb=0.01), "Word file: its zip's parts inflate beyond the inflated stream limit (0.01 MiB"),
    ],
)
def test_each_limit_stops_the_reading_of_a_word_file(sources: list[Path], limits: Limits, named: str) -> None:
    with pytest.raises(LimitError, match=named.replace("(", r"\(").replace(")", r"\)")):
        extract_bounded(sources[-1], None, limits)


def test_libreoffice_is_ended_within_the_time_limit(tmp_path: Path) -> None:
    """A file LibreOffice takes minutes to convert: the reading ends it within its share of the
    time limit, and says so (rather than being ended itself, LibreOffice left converting)."""
    path = Hostile("rows", ".doc", rtf_many_rows()).write(tmp_path)
    outcome = run_bounded(path, None, Limits(wall_seconds=10))
    assert isinstance(outcome.error, LimitError) and outcome.seconds < 10
    assert str(outcome.error) == (
        "LibreOffice did not convert the RTF file within 8 s, its share of the time limit (10 s, OGI_LIMIT_WALL_SECONDS)"
    )


def _line(path: Path) -> str:
    with pytest.raises(ReportError) as raised:
        extract_report(path)
    return str(raised.value)


def test_a_word_file_cut_short_is_named_as_one(tmp_path: Path, sources: list[Path]) -> None:
    """A .docx cut short (a broken download) lost the list of its members, which a zip keeps at
    its end: it is a damaged Word file, not a zip of something else."""
    data = sources[-1].read_bytes()
    cut = Hostile("cut", ".docx", data[: len(data) // 2]).write(tmp_path)
    assert _line(cut) == "a damaged Word file (.docx): its zip archive is cut short (no central directory)"
    # Cut before the first part under word/: nothing says it was a Word file.
    early = Hostile("early", ".docx", data[:100]).write(tmp_path)
    assert _line(early) == (
        "a damaged zip archive, no member of a Word file before the damage: it is cut short (no central directory)"
    )


def test_xml_beyond_the_parser_limits_is_named_for_what_it_is(tmp_path: Path) -> None:
    nested = Hostile("nested", ".docx", docx_nested_tables()).write(tmp_path)
    assert _line(nested) == (
        "Word file: tables nested 5000 deep, one in a cell of another: its XML nests deeper than the 2048 levels "
        "the XML reader allows: not read"
    )
    laughs = Hostile("laughs", ".docx", docx_billion_laughs()).write(tmp_path)
    assert "entities expand beyond what the XML reader allows" in _line(laughs)


def test_libreoffice_ended_at_the_cpu_time_limit_names_it(tmp_path: Path) -> None:
    """LibreOffice inherits the worker's CPU time limit; ended at it (by its own crash handler),
    the line names the limit, not a file LibreOffice could not open."""
    path = Hostile("rows", ".doc", rtf_many_rows()).write(tmp_path)
    outcome = run_bounded(path, None, Limits(cpu_seconds=3))
    assert isinstance(outcome.error, LimitError)
    assert str(outcome.error) == (
        "LibreOffice took more than the CPU time limit (3 s, OGI_LIMIT_CPU_SECONDS) converting the RTF file"
    )


def test_libreoffice_has_the_same_share_of_the_time_limit_wherever_it_runs(monkeypatch) -> None:
    """Outside a worker (a direct call, the fetcher's identity check), a conversion has the share
    of the time limit it has in one, so a file converts or fails the same way wherever it is read."""
    monkeypatch.setenv("OGI_LIMIT_WALL_SECONDS", "5")
    with pytest.raises(LimitError) as raised:
        to_docx(rtf_many_rows(), "rtf")
    assert str(raised.value) == (
        "LibreOffice did not convert the RTF file within 4 s, its share of the time limit (5 s, OGI_LIMIT_WALL_SECONDS)"
    )


def test_a_page_too_large_to_render_within_the_memory_limit_is_refused_first(tmp_path: Path) -> None:
    """A scan's page 14400 points square (the largest a PDF may have) would be 30000 × 30000
    pixels even at the least resolution OCR reads at: refused before it is rendered, naming the
    memory limit."""
    path = Hostile("huge", ".pdf", scan_huge_page()).write(tmp_path)
    outcome = run_bounded(path, None, Limits())
    assert isinstance(outcome.error, LimitError) and outcome.peak_mb < 400
    assert str(outcome.error) == (
        "page 1 is 14400 × 14400 points: rendered at 150 dpi for OCR, it would be 30000 × 30000 pixels, "
        "27.6 GiB to read, more than the memory limit (1536 MiB, OGI_LIMIT_MEMORY_MB): not read"
    )


def test_a_scan_page_larger_than_a3_is_read_at_a_lower_resolution_within_the_memory_limit(tmp_path: Path) -> None:
    """A page larger than A3 is a picture placed larger than its sheet, or a sheet of larger
    print: it is rendered within A3's pixels at 300 dpi, at a lower resolution, never below the
    least OCR reads at (150 dpi). A scan's page 4000 points square, 278 million pixels at 300 dpi,
    was refused with a memory limit of 3 GiB; at 150 dpi (69 million pixels) it is read (a white
    page: no table in it) within that limit. With the default limit, a page 2600 points square
    would be more than it even at 150 dpi: refused before it is rendered."""
    limits = Limits(memory_mb=3072)
    path = Hostile("large", ".pdf", scan_huge_page(4000)).write(tmp_path)
    outcome = run_bounded(path, None, limits)
    assert str(outcome.error).startswith("a scan (no text layer): no table found in its page images")
    assert outcome.peak_mb < limits.memory_mb
    # A4 and A3 at 300 dpi; A2 at 215 (A3's pixels); A1 at 152; 4000 points square at 150, the least.
    sizes = [(595, 842), (842, 1191), (1191, 1684), (1684, 2384), (4000, 4000)]
    assert [page_dpi(size) for size in sizes] == [300, 300, 215, 152, 150]
    path = Hostile("larger", ".pdf", scan_huge_page(2600)).write(tmp_path)
    with pytest.raises(LimitError) as raised:
        extract_report(path, limits=Limits())
    assert str(raised.value) == (
        "page 1 is 2600 × 2600 points: rendered at 150 dpi for OCR, it would be 5417 × 5417 pixels, "
        "1.7 GiB to read, more than the memory limit (1536 MiB, OGI_LIMIT_MEMORY_MB): not read"
    )


def test_a_page_camelot_cannot_render_within_the_memory_limit_is_refused_first() -> None:
    """camelot's ``combined`` engine renders a page at 300 dpi, 14 bytes a pixel beside the 200
    MiB its reader holds whatever the page: an A4 page of a real report (2481 × 3508 pixels, 316
    MiB to read) is refused, before it is rendered, with a memory limit below that, and read
    within one above it."""
    pages = [3]
    with pytest.raises(LimitError) as raised:
        read_segments(SAMPLES[0], pages, "combined", Limits(memory_mb=256))
    assert str(raised.value) == (
        "page 3 is 595.28 × 841.89 points: rendered at 300 dpi to find its rules, it would be 2481 × 3508 pixels, "
        "0.3 GiB to read, more than the memory limit (256 MiB, OGI_LIMIT_MEMORY_MB): not read"
    )
    assert read_segments(SAMPLES[0], pages, "combined", Limits(memory_mb=320))


def test_an_external_entity_is_not_read(tmp_path: Path) -> None:
    """A Word file whose cell names a local file as an external entity (XXE) does not show it."""
    secret = tmp_path / "secret.txt"
    secret.write_text("本年新收政府信息公开申请数量 31415926")
    document = read_docx(docx_external_entity(secret.as_uri()))
    shown = [*document.lines, *(region.text for segment in document.segments for region in segment.regions())]
    assert shown and not any("31415926" in text for text in shown)


def test_the_bundled_reports_read_the_same_within_the_limits() -> None:
    for sample in SAMPLES:
        bounded = extract_bounded(sample, None, Limits())
        direct = extract_report(sample)
        assert [f.as_record() for f in bounded.facts] == [f.as_record() for f in direct.facts]


def test_ogi_extract_of_a_bomb_and_with_a_limit_set_is_one_line(corpus: list[Path]) -> None:
    bomb = next(path for path in corpus if path.name == "pdf-flate-bomb.pdf")
    done = subprocess.run([OGI, "extract", str(bomb)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "inflated stream limit (512 MiB" in done.stderr
    lowered = subprocess.run(
        [OGI, "extract", str(SAMPLES[0])],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "OGI_LIMIT_PAGES": "2"},
    )
    assert lowered.returncode == 2 and lowered.stderr.strip().endswith(
        "beyond the page limit (2 pages, OGI_LIMIT_PAGES)"
    )


def test_the_inflated_size_counts_a_large_stream_once_and_goes_on() -> None:
    """A stream that inflates to more than one read's worth, then more of the file: counted whole,
    and the count ends (the input after the stream is not read as more of it)."""
    image = zlib.compress(bytes(3_000_000))
    data = b"%PDF-1.7\n1 0 obj\n<< /Length 9 >>\nstream\n" + image + b"\nendstream\nendobj\n" + b"%" * 200_000
    assert inflated_bytes(data, 2**30) == 3_000_000
    assert inflated_bytes(data, 1_000_000) > 1_000_000  # stops just past the limit


def _parts_bomb(path: Path) -> Path:
    """A .docx that names its document part in its relationships (no ``word/document.xml``), whose
    content types inflate to 200 kB of spaces."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships/>')
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types>' + " " * 200_000 + "</Types>")
        archive.writestr("word/document2.xml", "<w:document/>")
    return path


def test_a_word_file_whose_package_parts_inflate_past_the_limit_names_the_limit(tmp_path: Path) -> None:
    """Its content types inflating past the limit: the line names the limit, not "neither a Word file"."""
    path = _parts_bomb(tmp_path / "report.docx")
    with pytest.raises(
        LimitError, match=r"Word file: its zip's parts inflate beyond the inflated stream limit \(0\.01 MiB"
    ):
        extract_report(path, limits=Limits(inflated_mb=0.01))
    assert "neither a Word file" in _line(path)  # within the default limit: read, and not a Word file


def test_telling_a_word_file_reads_each_package_part_once(tmp_path: Path, monkeypatch) -> None:
    """Telling whether a zip is a Word file reads each of its package parts once, also when one
    inflates past the limit (the reading's line comes from that one reading); the fetcher, given
    the same line, takes the bytes for no Word file."""
    path = _parts_bomb(tmp_path / "report.docx")
    read: list[str] = []
    read_part = Inflating.read

    def counted(inflating: Inflating, member: str | zipfile.ZipInfo) -> bytes:
        read.append(member if isinstance(member, str) else member.filename)
        return read_part(inflating, member)

    monkeypatch.setattr(Inflating, "read", counted)
    with pytest.raises(LimitError):
        extract_report(path, limits=Limits(inflated_mb=0.01))
    assert sorted(read) == ["[Content_Types].xml", "_rels/.rels"]
    monkeypatch.setenv("OGI_LIMIT_INFLATED_MB", "0.01")
    assert report_format(path.read_bytes()) == "pdf"  # and refused as no PDF


def test_an_allocation_too_large_at_once_is_told_from_the_memory_limit(monkeypatch) -> None:
    """An allocation that fails with resident memory below the memory limit asked for too much at
    once, and the line says how much when the error gives it, and beyond what: in a worker, the
    address space its memory limit sets; outside one (this process, no address-space limit set),
    none is named. At the memory limit, the line is the limit's."""
    with pytest.raises(MemoryError) as raised:
        np.empty((2**40, 2**12), np.uint8)  # 4 PiB: beyond any address space
    in_use = 200 * 2**20
    assert resource.getrlimit(resource.RLIMIT_AS)[0] == resource.RLIM_INFINITY
    assert out_of_memory(raised.value, Limits(), in_use) == (
        "reading it asked for 4294967296 MiB at once, with 200 MiB in use: more than the machine could give "
        "(no address-space limit is set)"
    )
    worker = (5632 * 2**20, 5632 * 2**20)  # what a worker with the default memory limit sets
    monkeypatch.setattr(resource, "getrlimit", lambda kind: worker)
    assert out_of_memory(raised.value, Limits(), in_use) == (
        "reading it asked for 4294967296 MiB at once, with 200 MiB in use: beyond the 5632 MiB of address space "
        "the memory limit (1536 MiB, OGI_LIMIT_MEMORY_MB) allows"
    )
    assert out_of_memory(MemoryError(), Limits(memory_mb=512), in_use) == (
        "reading it asked for more memory at once, with 200 MiB in use: beyond the address-space limit "
        "(5632 MiB, RLIMIT_AS)"
    )
    assert out_of_memory(raised.value, Limits(memory_mb=160), in_use) == (
        "reading it took more than the memory limit (160 MiB, OGI_LIMIT_MEMORY_MB)"
    )


def test_an_array_camelot_cannot_allocate_ends_its_engine_at_the_memory_limit(monkeypatch) -> None:
    """An allocation that fails inside camelot ends its engine in the memory limit's line, as a
    LimitError (not as a damaged file's "cannot read the tables"), and the engines that follow
    still read the report, as after a rendering refused beforehand."""
    from camelot.handlers import PDFHandler

    def parse(*args: object, **kwargs: object) -> None:
        np.empty((2**40, 2**12), np.uint8)  # 4 PiB: numpy's MemoryError, raised where camelot runs

    monkeypatch.setattr(PDFHandler, "parse", parse)
    limits = Limits(memory_mb=100000)  # above this test process's own peak: the allocation's line
    with pytest.raises(LimitError) as raised:
        read_segments(SAMPLES[0], [3], "vector", limits)
    line = str(raised.value)
    assert line.startswith("reading it asked for 4294967296 MiB at once, with ")
    assert line.endswith(": more than the machine could give (no address-space limit is set)")
    assert extract_report(SAMPLES[0], limits=limits).engine == "rules"
