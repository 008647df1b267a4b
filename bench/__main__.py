"""``python -m bench``: what a report costs, against camelot on every page and the text floor.

Prints one ``name: value`` line per figure (``#`` lines say what was measured). Ratios are taken
within each run, the baselines measured on the same files back to back, and reported as medians;
``*_runs`` lines say over how many runs. ``--quick`` measures a few reports only.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.builds import build_and_rerun, failed_reports, report_seconds, synthetic_catalog
from bench.corpus import Report, bundled, layouts, synthetic
from bench.peak import Timing, measure
from bench.site import site_figures
from pipeline.core.settings import PROJECT_DIR

RESULTS = PROJECT_DIR / "bench" / "results"
MIB_LIMIT = 1024


def _line(name: str, value: object) -> None:
    print(f"{name}: {value}", flush=True)


def _extraction(label: str, reports: list[Report], runs: int) -> None:
    from bench.extraction import measure as measure_extraction  # camelot is slow to import

    figures = measure_extraction(reports, runs)
    print(
        f"# extraction, {label}: {len(reports)} reports; ours vs the baseline camelot.read_pdf(pages='all', "
        f"flavor='lattice') (every page, camelot's default line engine), vs camelot.read_pdf(pages=<the table "
        f"pages>, flavor='lattice', engine='vector') (the rules drawn in the PDF, on the pages our text pass "
        f"finds, that pass timed too), vs a pypdfium2 text pass; ours with the completeness guard vs without it; "
        f"back to back, median of {runs} runs",
        flush=True,
    )
    _line(f"extract_vs_camelot_{label}", f"{figures.extract_vs_camelot:.3f}")
    _line(f"extract_vs_camelot_vector_table_pages_{label}", f"{figures.extract_vs_camelot_vector_table_pages:.3f}")
    _line(f"extract_guarded_vs_unguarded_{label}", f"{figures.guarded_vs_unguarded:.3f}")
    _line(f"text_floor_vs_camelot_{label}", f"{figures.text_floor_vs_camelot:.4f}")
    _line(f"extract_vs_text_floor_{label}", f"{figures.extract_vs_text_floor:.1f}")
    _line(f"extract_seconds_per_report_{label}", f"{figures.extract_seconds_per_report:.3f}")
    _line(f"camelot_seconds_per_report_{label}", f"{figures.camelot_seconds_per_report:.3f}")
    _line(
        f"camelot_vector_table_pages_seconds_per_report_{label}",
        f"{figures.camelot_vector_table_pages_seconds_per_report:.3f}",
    )
    _line(
        f"cell_accuracy_{label}",
        f"{figures.cells_correct / figures.cells:.4f} ({figures.cells_correct}/{figures.cells} cells)",
    )
    _failures(f"extraction_failures_{label}", figures.failures)


def _failures(name: str, failures: list[str]) -> None:
    """How many reports could not be read, and one line for each: the bench goes on without them."""
    _line(name, len(failures))
    for failure in failures:
        print(f"# not read: {failure}", flush=True)


def _flavors(layout_reports: list[Report]) -> None:
    from bench.flavors import corpus, measure

    unruled, real = corpus(layout_reports, PROJECT_DIR / "tests" / "fixtures" / "realworld")
    print(
        f"# tables without rules: our text engine vs camelot's stream, network and hybrid flavors into the "
        f"same grid and mapping, on the {len(unruled)} reports without rules of the layouts corpus and the "
        f"{len(real)} real (ruled) reports; reports read complete, exactly, with a wrong figure; CPU seconds "
        f"per report",
        flush=True,
    )
    for label, reports in (("unruled", unruled), ("real", real)):
        for flavor, figures in measure(reports).items():
            _line(
                f"flavor_{flavor}_{label}",
                f"read {figures.read}/{len(reports)}, exact {figures.exact}, wrong {figures.wrong}",
            )
            _line(f"flavor_{flavor}_{label}_cpu_seconds_per_report", f"{figures.cpu_seconds_per_report:.3f}")


def _web_pages(reports: list[Report], runs: int) -> None:
    from bench.webpages import measure as measure_pages

    figures = measure_pages(reports, RESULTS / "webpages", runs)
    print(
        f"# web pages: the same {len(reports)} synthetic reports written as article pages (chrome, charsets, "
        f"spans) and as PDFs, extract_report on each, back to back, median of {runs} runs; and the "
        f"{figures.real_pages} bundled 平潭 pages",
        flush=True,
    )
    _line("html_extract_seconds_per_report_synthetic", f"{figures.html_seconds_per_report:.4f}")
    _line("pdf_extract_seconds_per_report_synthetic", f"{figures.pdf_seconds_per_report:.3f}")
    _line("html_vs_pdf_extract_synthetic", f"{figures.html_vs_pdf:.3f}")
    _line("html_extract_seconds_per_report_pingtan", f"{figures.real_seconds_per_report:.4f}")
    _line(
        "html_cell_accuracy_synthetic",
        f"{figures.cells_correct / figures.cells:.4f} ({figures.cells_correct}/{figures.cells} cells)",
    )
    _failures("html_extraction_failures", figures.failures)


def _word_files(reports: list[Report], runs: int) -> None:
    from bench.wordfiles import FORMS
    from bench.wordfiles import measure as measure_word

    figures = measure_word(reports, RESULTS / "wordfiles", runs)
    print(
        f"# Word files: the same {len(reports)} synthetic reports as .docx, as .doc (LibreOffice converts it to "
        f".docx to read it), as .docx with tables in text boxes, with WPS Office's marks, as a web page imported "
        f"as the body (altChunk), with table 四 pasted as a scanned picture (OCR), and as web pages (the "
        f"baseline), extract_report on each, back to back, median of "
        f"{runs} runs; peak memory of the largest process reading each form (LibreOffice's included)",
        flush=True,
    )
    for form in FORMS:
        _line(f"word_{form}_extract_seconds_per_file", f"{figures.seconds_per_file[form]:.4f}")
    for form, ratio in figures.vs_html.items():
        _line(f"word_{form}_vs_html_extract", f"{ratio:.2f}")
    for form in FORMS:
        _line(f"peak_rss_mib_word_{form}", f"{figures.peak_mib[form]:.0f}")
    for form, (correct, total) in figures.cells.items():
        _line(f"word_{form}_cell_accuracy", f"{correct / total:.4f} ({correct}/{total} cells)")
    _failures("word_extraction_failures", figures.failures)


def _template_fills(quick: bool) -> None:
    from bench.templatefills import EVERY_HABIT, sweep

    habits = list(EVERY_HABIT)
    formats = ["docx"] if quick else ["docx", "doc"]
    print(
        f"# the official 2021 Word template filled as publishers fill it: {len(habits)} habits (python -m "
        f"bench.templatefills lists them) × 5 reports as the filled .docx"
        + ("" if quick else ", and 1 report each saved again as .doc by LibreOffice")
        + "; cells read exactly, wrong, not read",
        flush=True,
    )
    with tempfile.TemporaryDirectory(prefix="ogi-bench-fills-") as folder:
        for fmt in formats:  # LibreOffice's save is slow: one report per habit
            exact, wrong, total, misses = sweep(fmt, habits, 5 if fmt == "docx" else 1, Path(folder))
            _line(f"template_fill_{fmt}_cell_accuracy", f"{exact / total:.4f} ({exact}/{total} cells)")
            _line(f"template_fill_{fmt}_wrong_figures", wrong)
            for miss in misses[:10]:
                print(f"# not exact: {miss}", flush=True)


def _peak_extraction(reports: list[Report]) -> float:
    return measure(
        [sys.executable, "-m", "bench.peak", "extract", *(str(r.pdf) for r in reports)], cwd=PROJECT_DIR
    ).peak_mib


def _median(timings: list[Timing], attribute: Callable[[Timing], float]) -> float:
    return statistics.median(attribute(t) for t in timings)


def _builds(sizes: list[int], modes: dict[str, int], runs: int) -> float:
    """Full builds and no-change runs; returns the largest peak RSS of any process. Efficiency is
    what extraction alone would take on the workers (timed within the same build, so under the
    same load) over what the whole build took (1.0: the build costs nothing but extraction)."""
    corpus = RESULTS / "corpus"
    print(
        f"# builds: `ogi run` from nothing on N synthetic reports (one per agency and year), then again with "
        f"nothing changed; wall seconds of the whole command, median of {runs} runs",
        flush=True,
    )
    _line("build_runs", runs)
    peak = 0.0
    per_report: dict[str, dict[int, float]] = {mode: {} for mode in modes}
    late_vs_early: dict[str, list[float]] = {mode: [] for mode in modes}
    with tempfile.TemporaryDirectory(prefix="ogi-bench-") as scratch:
        for size in sizes:
            catalog = synthetic_catalog(corpus, size)
            for mode, jobs in modes.items():
                fulls, nightlies, efficiencies = [], [], []
                failed: set[str] = set()
                for _ in range(runs):
                    full, nightly, extract_seconds = build_and_rerun(catalog, jobs, Path(scratch))
                    fulls.append(full)
                    nightlies.append(nightly)
                    efficiencies.append(size * extract_seconds / jobs / full.seconds)
                    failed.update(failed_reports(full))
                if size == sizes[-1]:
                    for full in fulls:
                        gaps = report_seconds(full)
                        quarter = max(1, len(gaps) // 4)
                        late_vs_early[mode].append(statistics.mean(gaps[-quarter:]) / statistics.mean(gaps[:quarter]))
                full_seconds = _median(fulls, lambda t: t.seconds)
                per_report[mode][size] = full_seconds / size
                peak = max(peak, *(t.peak_mib for t in fulls + nightlies))
                _line(f"full_build_{mode}_{size}_seconds", f"{full_seconds:.1f}")
                _line(f"full_build_{mode}_{size}_seconds_per_report", f"{full_seconds / size:.2f}")
                _line(f"build_efficiency_{mode}_{size}", f"{statistics.median(efficiencies):.2f}")
                _line(f"nightly_unchanged_{mode}_{size}_seconds", f"{_median(nightlies, lambda t: t.seconds):.2f}")
                ratios = [n.seconds / f.seconds for f, n in zip(fulls, nightlies)]
                _line(f"nightly_unchanged_vs_full_{mode}_{size}", f"{statistics.median(ratios):.3f}")
                _line(f"peak_rss_mib_build_{mode}_{size}", f"{max(t.peak_mib for t in fulls + nightlies):.0f}")
                _failures(f"full_build_{mode}_{size}_failed_reports", sorted(failed))
    if len(sizes) > 2:
        print(
            "# growth: seconds each further report adds (between consecutive sizes), and the last such "
            "figure over the first (1.00 is linear; above 1, each report costs more as N grows)",
            flush=True,
        )
        for mode, seconds in per_report.items():
            marginal = [(seconds[b] * b - seconds[a] * a) / (b - a) for a, b in zip(sizes, sizes[1:])]
            for (a, b), value in zip(zip(sizes, sizes[1:]), marginal):
                _line(f"full_build_{mode}_seconds_per_added_report_{a}_to_{b}", f"{value:.2f}")
            _line(f"full_build_{mode}_growth", f"{marginal[-1] / marginal[0]:.2f}")
    print(
        f"# within the build of N={sizes[-1]}: seconds between reports finishing in the last quarter of the "
        "build over the first quarter (1.00 is linear: the last reports cost what the first did)",
        flush=True,
    )
    for mode, ratios in late_vs_early.items():
        _line(f"full_build_{mode}_{sizes[-1]}_late_vs_early_report_seconds", f"{statistics.median(ratios):.2f}")
    return peak


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a few reports: 2 synthetic and the 2021 layout classes for extraction, one build of 4",
    )
    parser.add_argument(
        "--sizes", default="25,50,100,200", help="report counts of the full builds (default: 25,50,100,200)"
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per extraction figure (default: 3)")
    parser.add_argument("--build-runs", type=int, help="runs per build figure (default: 3, with --quick 1)")
    parser.add_argument(
        "--synthetic",
        type=int,
        default=10,
        metavar="N",
        help="synthetic reports for the extraction figures (default: 10)",
    )
    parser.add_argument(
        "--site",
        default="70,1000",
        metavar="N,N",
        help="report counts of the dataset page builds (default: 70,1000; with --quick 14,70)",
    )
    parser.add_argument(
        "--warehouse-sizes",
        default="1000,10000,100000",
        metavar="N,N",
        help="staged reports for the warehouse stage alone (default: 1000,10000,100000; with --quick 200)",
    )
    args = parser.parse_args(argv)
    sizes = [int(n) for n in args.sizes.split(",") if n] if not args.quick else [4]
    modes = {"serial": 1, "parallel": 2} if not args.quick else {"parallel": 2}
    start = time.perf_counter()

    generated = synthetic(2 if args.quick else args.synthetic, RESULTS / "synthetic")
    _line("extraction_runs", args.runs)
    if not args.quick:
        _extraction("bundled", bundled(), args.runs)
    _extraction("synthetic", generated, args.runs)
    layout_reports = layouts(RESULTS / "layouts", quick=args.quick)
    _extraction("layouts", layout_reports, args.runs)
    _flavors(layout_reports)
    _web_pages(generated, args.runs)
    _word_files(generated, args.runs)
    _template_fills(args.quick)
    if not args.quick:
        from bench.scans import report as scans_report  # OCR of scanned replicas: minutes

        scans_report()
    extract_peak = _peak_extraction((bundled() if not args.quick else []) + generated)
    build_runs = args.build_runs or (1 if args.quick else 3)
    site_figures([int(n) for n in ("14,70" if args.quick else args.site).split(",") if n], build_runs, RESULTS)
    build_peak = _builds(sizes, modes, build_runs) if sizes else 0.0

    from bench.warehouse import report as warehouse_report

    warehouse_report([200] if args.quick else [int(n) for n in args.warehouse_sizes.split(",") if n])
    print("# peak resident memory of the largest single process (MiB)", flush=True)
    _line("peak_rss_mib_extraction", f"{extract_peak:.0f}")
    if sizes:
        _line("peak_rss_mib_build", f"{build_peak:.0f}")
    _line("peak_rss_under_1_gib", max(extract_peak, build_peak) < MIB_LIMIT)
    _line("bench_seconds", f"{time.perf_counter() - start:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
