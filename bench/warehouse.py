"""The warehouse stage alone at scale: N staged reports synthesized from the bundled sample's
extracted facts (one per agency and year, 2019-2025), then the stage run in a child process each
time (interpreter start and imports included): a full build from nothing, nothing changed, one
report added, one report changed, and a full rebuild requested on top of a published warehouse.

``python -m bench.warehouse --sizes 1000,10000,100000`` prints ``warehouse_*`` lines;
``python -m bench.warehouse stage DATA_DIR CATALOG [--full]`` is the measured command.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import shutil
import sys
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import yaml

from bench.peak import Timing, measure
from pipeline.core.settings import PROJECT_DIR

RESULTS = PROJECT_DIR / "bench" / "results" / "warehouse"
YEARS = range(2019, 2026)
CASES = ("full", "nochange", "add_one", "change_one", "full_rebuild")


def _sample_facts() -> dict[str, tuple[pa.Table, dict]]:
    """The bundled sample's facts by template, extracted once and kept as Parquet."""
    cache = RESULTS / "sample"
    if not (cache / "2021.parquet").exists():
        from pipeline.core.catalog import load_catalog
        from pipeline.core.settings import Settings
        from pipeline.extract import extract_report
        from pipeline.warehouse.staging import facts_table

        cache.mkdir(parents=True, exist_ok=True)
        for sample in load_catalog(Settings.from_env().catalog_path).samples:
            extraction = extract_report(sample.file)
            pq.write_table(facts_table(extraction), cache / f"{extraction.template}.parquet")
            meta = {
                "template": extraction.template,
                "pages": extraction.pages,
                "table_pages": {k: list(v) for k, v in extraction.table_pages.items()},
            }
            (cache / f"{extraction.template}.json").write_text(json.dumps(meta), encoding="utf-8")
    return {
        t: (pq.read_table(cache / f"{t}.parquet"), json.loads((cache / f"{t}.json").read_text()))
        for t in ("2019", "2021")
    }


def stage_synthetic(staging: Path, agency: str, year: int, n: int, samples: dict) -> None:
    """One staged report: the sample of its template with the 一 总计 cell set to ``n``, staged as
    the pipeline stages a report seen once (each figure first seen when it was fetched)."""
    from pipeline.warehouse.staging import STAGED_FACTS, StagedReport

    fetched_at = "2026-01-01T00:00:00+00:00"
    table, meta = samples["2019" if year < 2021 else "2021"]
    rows = table.to_pylist()
    for row in rows:
        row["first_seen"] = fetched_at
        if (row["table"], row["row"], row["column"]) == ("requests", "new_requests", "total"):
            row["value"], row["raw"] = Decimal(n), str(n)
    folder = staging / agency
    folder.mkdir(parents=True, exist_ok=True)
    sink = pa.BufferOutputStream()
    pq.write_table(pa.Table.from_pylist(rows, schema=STAGED_FACTS), sink)
    data = sink.getvalue().to_pybytes()
    digest = hashlib.sha256(data).hexdigest()
    (folder / f"{year}.{digest}.parquet").write_bytes(data)
    report = StagedReport(
        agency=agency,
        year=year,
        kind="replica",
        source_url=None,
        final_url=None,
        sha256=hashlib.sha256(f"{agency}{year}{n}".encode()).hexdigest(),
        size=1000 + n,
        fetched_at=fetched_at,
        template=meta["template"],
        pages=meta["pages"],
        extractor_version="bench",
        extracted_at="2026-01-01T00:00:00+00:00",
        facts_file=f"{year}.{digest}.parquet",
        facts_sha256=digest,
        fact_count=len(rows),
        table_pages=meta["table_pages"],
        notes=[],
    )
    (folder / f"{year}.json").write_text(json.dumps(dataclasses.asdict(report), sort_keys=True), encoding="utf-8")


def corpus(count: int) -> tuple[Path, Path]:
    """The staging folder and catalog of ``count`` synthetic reports (kept between runs)."""
    from pipeline.warehouse.staging import STAGED_FACTS

    folder = RESULTS / f"n{count}"
    staging, catalog = folder / "staging", folder / "catalog.yaml"
    # A corpus staged in another form (an older staged-facts schema) is staged again.
    form = hashlib.sha256(str(STAGED_FACTS).encode()).hexdigest()
    complete = folder / "complete"
    if not complete.exists() or complete.read_text(encoding="utf-8") != form:
        shutil.rmtree(folder, ignore_errors=True)
        samples = _sample_facts()
        agencies = -(-count // len(YEARS))
        for n in range(count):
            stage_synthetic(staging, f"bench-{n // len(YEARS):06d}", YEARS[n % len(YEARS)], n, samples)
        entries = [
            {
                "code": f"bench-{a:06d}",
                "name_zh": f"示范市第{a}局",
                "name_en": f"Sample bureau {a}",
                "level": "central",
                "kind": "department",
                "parent": "国务院",
                "listing_urls": [f"https://example.org/{a}/"],
            }
            for a in range(agencies + 1)
        ]
        catalog.write_text(yaml.safe_dump({"agencies": entries, "samples": []}, allow_unicode=True), encoding="utf-8")
        complete.write_text(form, encoding="utf-8")
    return staging, catalog


def stage(data_dir: Path, catalog_path: Path, full: bool) -> None:
    """The measured command: the warehouse stage as the pipeline's ``warehouse`` asset runs it."""
    from pipeline.core.catalog import load_catalog
    from pipeline.core.settings import Settings
    from pipeline.core.versions import warehouse_version
    from pipeline.warehouse.quality import required_cells
    from pipeline.warehouse.update import refresh_warehouse

    outcome = refresh_warehouse(
        Settings(data_dir, catalog_path),
        load_catalog(catalog_path),
        code_version=warehouse_version(),
        required_cells=required_cells,
        today=date(2026, 11, 29),
        full=full,
    )
    print(
        f"{outcome.status} {outcome.mode} {outcome.counts.get('reports')} reports "
        f"{outcome.counts.get('request_facts')} request facts",
        flush=True,
    )


def _run(data_dir: Path, catalog: Path, full: bool = False) -> Timing:
    command = [sys.executable, "-m", "bench.warehouse", "stage", str(data_dir), str(catalog)] + (
        ["--full"] if full else []
    )
    return measure(command, cwd=PROJECT_DIR)


def measure_size(count: int) -> tuple[dict[str, Timing], float]:
    staging, catalog = corpus(count)
    timings = {}
    with tempfile.TemporaryDirectory(prefix="ogi-bench-wh-") as scratch:
        data = Path(scratch) / "data"
        data.mkdir()
        (data / "staging").symlink_to(staging)
        timings["full"] = _run(data, catalog)
        size_mib = (data / "warehouse.duckdb").resolve().stat().st_size / 2**20
        timings["nochange"] = _run(data, catalog)
        extra = (f"bench-{-(-count // len(YEARS)):06d}", 2019)  # an agency of the catalog with nothing yet
        try:
            stage_synthetic(staging, *extra, count, _sample_facts())
            timings["add_one"] = _run(data, catalog)
            stage_synthetic(staging, *extra, count + 1, _sample_facts())
            timings["change_one"] = _run(data, catalog)
            timings["full_rebuild"] = _run(data, catalog, full=True)
        finally:
            shutil.rmtree(staging / extra[0], ignore_errors=True)
    return timings, size_mib


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["stage"]:
        stage(Path(argv[1]), Path(argv[2]), "--full" in argv)
        return 0
    parser = argparse.ArgumentParser(prog="python -m bench.warehouse", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="staged reports (default: 1000,10000,100000)")
    args = parser.parse_args(argv)
    report([int(n) for n in args.sizes.split(",") if n])
    return 0


def report(sizes: list[int]) -> None:
    """Print the ``warehouse_*`` figures for each size."""
    print(
        "# warehouse stage alone, each case one child process: wall seconds, CPU seconds (user + system: "
        "what the stage costs whatever else runs beside it) and peak RSS (MiB); "
        f"cases: {', '.join(CASES)}",
        flush=True,
    )
    for count in sizes:
        start = time.perf_counter()
        corpus(count)
        print(f"# {count} staged reports ready ({time.perf_counter() - start:.0f} s to synthesize or find)", flush=True)
        timings, size_mib = measure_size(count)
        print(f"warehouse_file_mib_{count}: {size_mib:.0f}", flush=True)
        for case, timing in timings.items():
            print(f"warehouse_{case}_seconds_{count}: {timing.seconds:.2f}", flush=True)
            print(f"warehouse_{case}_cpu_seconds_{count}: {timing.cpu_seconds:.2f}", flush=True)
            print(f"warehouse_{case}_peak_rss_mib_{count}: {timing.peak_mib:.0f}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
