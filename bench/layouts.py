"""``python -m bench.layouts``: real report pages printed every way, read back cell by cell.

The four bundled 平潭 pages (real 2021-template reports, truth in ``tests/fixtures/realworld``) and
the MFA 2020 seed written as a page (the 2019 template), then generated reports, each printed by
Chromium, WeasyPrint and LibreOffice on A4, Letter and A5 with default and narrow margins, with
rules and without, and saved as a Word document that LibreOffice exports to PDF, its header rows
repeated on each page or not, with a header and a footer on every page, or none on the title
page, or odd and even pages apart (``--heads``), and by Chromium with its header and footer lines
as its print dialog sets them by default (date and title, address and "2/5";
``pipeline/replica/printings.py``; a generated report's own Word document,
``pipeline/replica/worddoc.py``), and extracted. Prints one line per
producer × paper × rules: cells read exactly / cells published, and one line per print that did not
read exactly, with the cause (WRONG when the report was read whole with a figure that is not the
published one; failed when it stops with its one line). ``--generated N`` adds N synthetic reports of each template;
``--official N`` adds N reports typed into the official 2021 format's own Word file, printed as
that file (ruled by the template's own rules, or none) and as the web page LibreOffice's HTML
export makes of it, and read directly as both (``--producer direct``);
``--producer`` / ``--paper`` narrow the sweep. ``--reread DIR`` reads the prints an earlier sweep
kept (``--keep DIR``) again with the current readers, printing nothing: a reader change measured
on the very prints it was measured on before.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from pipeline.core.facts import ReportError
from pipeline.core.figures import Cell, figure_cells, mismatches
from pipeline.core.settings import PROJECT_DIR
from pipeline.extract import extract_report
from pipeline.replica.content import load_content
from pipeline.replica.htmlprint import report_html
from pipeline.replica.officialtemplate import fill
from pipeline.replica.printings import (
    BROWSER,
    MARGINS,
    PAPERS,
    PRINTS,
    PRODUCERS,
    PrintError,
    Printing,
    printed,
    word_document,
)
from pipeline.replica.synthetic import generate
from pipeline.replica.worddoc import converted, draw_word_style, render_docx

REALWORLD = PROJECT_DIR / "tests" / "fixtures" / "realworld"
PINGTAN_YEARS = (2022, 2023, 2024, 2025)
# ``--heads``: which prints' header and footer lines.
HEADS = {
    "yes": lambda how: how.heads and not how.title_page and not how.odd_even,
    "no": lambda how: not how.heads,
    "titlepage": lambda how: how.heads and how.title_page and not how.odd_even,
    "oddeven": lambda how: how.heads and how.odd_even and not how.title_page,
    "both": lambda how: how.heads and how.title_page and how.odd_even,
    "official": lambda how: how.heads and (how.title_page or how.odd_even),
}
# Real pages of other publishers, printed like 平潭's: 上海's, and the reports 平潭's departments post in
# their own columns of the zone's site (those with figures other than 0 first).
OTHER_PAGES = (
    "shanghai-2019",
    "pingtan-approval-2020",
    "pingtan-approval-2021",
    "pingtan-resources-2022",
    "pingtan-resources-2020",
    "pingtan-market-2021",
    "pingtan-police-2024",
    "pingtan-finance-2019",
    "pingtan-finance-2020",
    "pingtan-economy-2021",
    "pingtan-police-2019",
    "pingtan-transport-2022",
    "pingtan-social-2022",
    "pingtan-agriculture-2025",
    "pingtan-office-2023",
    "pingtan-enforcement-2020",
    "pingtan-assets-2019",
    "pingtan-tourism-2020",
    "pingtan-social-2019",
    "pingtan-haitan-2024",
    "pingtan-junshan-2021",
    "pingtan-suping-2024",
)
OFFICIAL_TEMPLATE = PROJECT_DIR / "tests" / "fixtures" / "word" / "official-template-2021.docx"
# Seeds whose 2021-format report publishes （六）其他处理 as three sub-rows, as the template does.
OFFICIAL_SEEDS = (0, 1, 6, 7, 10)
# ``--producer direct``: the official template's filled file and its web page read as they are.
DIRECT = "direct"


@dataclass(frozen=True)
class Page:
    name: str
    html: str
    cells: dict[Cell, Decimal | None]
    document: bytes | None = None  # the report as a Word document (.docx), for the ``word`` producer
    own_rules: bool = False  # its ruled prints ruled as the document rules its tables (a template's rules)


def real_pages() -> list[Page]:
    """The 平潭 pages as published, the seed's layout as a page, and other publishers' pages (last,
    so that the earlier pages keep their place, and the seed ``bench.scans`` gives each)."""
    pages = [_real_page(f"pingtan-{year}") for year in PINGTAN_YEARS]
    seed = load_content(PROJECT_DIR / "data" / "samples" / "mfa-2020.yaml")
    pages.append(Page("mfa-2020", report_html(seed, double_rules=False), figure_cells(seed.figures)))
    return pages + [_real_page(name) for name in OTHER_PAGES]


def _real_page(name: str) -> Page:
    """A real page of ``tests/fixtures/realworld`` with its published figures."""
    truth = json.loads((REALWORLD / f"{name}.truth.json").read_text(encoding="utf-8"))
    html = (REALWORLD / f"{name}.html").read_text(encoding="utf-8")
    return Page(name, html, figure_cells(truth, truth["columns"]))


def generated_pages(count: int) -> list[Page]:
    """``count`` synthetic reports of each template, with single rules (the rules are the print's),
    written also as ``border="1"`` so that LibreOffice draws them too, each with its Word document
    (the habits of its seed that a print shows: tracked changes and content controls left out, as
    LibreOffice prints the one with its markup and mixes up the text of the other)."""
    pages = []
    for seed in range(1, count + 1):
        for template in ("2019", "2021"):
            content = generate(seed, template)
            style, _ = draw_word_style(seed)
            style.tracked = style.controls = False
            document = render_docx(content, seed, style).data
            html = report_html(content, False, border_attribute=True)
            pages.append(Page(f"gen-{template}-{seed}", html, figure_cells(content.figures), document))
    return pages


def official_pages(count: int) -> list[Page]:
    """``count`` reports typed into the official format's own Word file (``officialtemplate.fill``;
    seeds whose table 三 publishes （六）其他处理 as the template's three sub-rows), each printed as
    the filled file, ruled by the template's own rules, and as the web page a CMS makes of it
    (LibreOffice's HTML export of the file)."""
    template = OFFICIAL_TEMPLATE.read_bytes()
    pages = []
    for seed in OFFICIAL_SEEDS[:count]:
        content = generate(seed, "2021")
        document = fill(template, content, text=True)
        html = converted(document, "docx", "html").decode("utf-8")
        pages.append(Page(f"official-{seed}", html, figure_cells(content.figures), document, own_rules=True))
    return pages


def read_directly(page: Page, kind: str, folder: Path) -> tuple[int, int, str]:
    """A filled template's own files read as they are, not printed: its web page (``html``) or
    its Word file (``docx``); as ``read_exactly``."""
    path = folder / f"{page.name}.{kind}"
    path.write_bytes(page.html.encode("utf-8") if kind == "html" else page.document or b"")
    return _compared(path, page)


def _kind(page: Page) -> str:
    """A sweep line's first word: which pages it counts."""
    return "generated" if page.name.startswith("gen") else "official" if page.own_rules else "real"


def _setting(how: Printing) -> str:
    """A sweep line's rules, repeated header and heads."""
    return (
        ("ruled" if how.rules else "unruled")
        + (" repeat" if how.repeat else "")
        + (" heads" if how.heads else "")
        + (" titlepage" if how.title_page else "")
        + (" oddeven" if how.odd_even else "")
    )


def with_document(page: Page) -> Page:
    """The page with a Word document: its own, or the page saved as one by LibreOffice."""
    return page if page.document is not None else Page(page.name, page.html, page.cells, word_document(page.html))


def read_exactly(page: Page, how: Printing, folder: Path) -> tuple[int, int, str]:
    """The cells of ``page`` read exactly from its print ``how``, the cells read wrong (a report
    read whole whose figure differs from the published one, or is missing: never acceptable), and
    what went wrong (or ""). A print the producer could not make (LibreOffice stuck past its time
    limit on a loaded machine) counts as a print not read, with its line, and the sweep goes on."""
    try:
        pdf = printed(page.html, folder / f"{page.name}-{how.name}.pdf", how, page.document, page.own_rules)
    except PrintError as exc:
        return 0, 0, f"not printed: {exc}"
    return _compared(pdf, page)


def _compared(path: Path, page: Page) -> tuple[int, int, str]:
    try:
        extraction = extract_report(path)
    except ReportError as exc:
        return 0, 0, str(exc)
    except Exception as exc:  # a reader's bug: counted as nothing read, and shown
        return 0, 0, f"CRASH {type(exc).__name__}: {exc}"
    wrong = mismatches(extraction, page.cells)
    return len(page.cells) - len(wrong), len(wrong), "; ".join(wrong[:3])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.layouts", description=__doc__.splitlines()[0])
    parser.add_argument("--generated", type=int, default=0, help="synthetic reports of each template (default 0)")
    parser.add_argument(
        "--official",
        type=int,
        default=0,
        help=f"reports typed into the official 2021 template (at most {len(OFFICIAL_SEEDS)})",
    )
    parser.add_argument(
        "--producer",
        choices=(*PRODUCERS, DIRECT),
        action="append",
        help=f"only these producers ({DIRECT}: a filled template's files read as they are)",
    )
    parser.add_argument("--paper", choices=list(PAPERS), action="append", help="only these papers")
    parser.add_argument("--margins", choices=[*MARGINS, BROWSER], action="append", help="only these margins")
    parser.add_argument("--rules", choices=("ruled", "unruled"), help="only prints with or without rules")
    parser.add_argument("--repeat", choices=("yes", "no"), help="only Word prints whose header rows repeat, or not")
    parser.add_argument(
        "--heads",
        choices=tuple(HEADS),
        help="only prints with header and footer lines on every page (Chromium's, a Word document's), or not;"
        " or a Word document's set as official documents set them: none on the title page (titlepage),"
        " odd and even pages apart (oddeven), both, or any of these three (official)",
    )
    parser.add_argument("--page", action="append", help="only pages whose name starts so (pingtan-2024, mfa, gen)")
    parser.add_argument("--keep", type=Path, help="keep the PDFs in this folder")
    parser.add_argument(
        "--reread",
        type=Path,
        metavar="DIR",
        help="read the prints kept in DIR by an earlier --keep again, printing none (prints not kept are left out)",
    )
    args = parser.parse_args(argv)
    pages = [
        page
        for page in real_pages() + generated_pages(args.generated) + official_pages(args.official)
        if not args.page or any(page.name.startswith(p) for p in args.page)
    ]
    prints = [
        how
        for how in PRINTS
        if (not args.producer or how.producer in args.producer)
        and (not args.paper or how.paper in args.paper)
        and (not args.margins or how.margins in args.margins)
        and (not args.rules or how.rules == (args.rules == "ruled"))
        and (not args.repeat or how.repeat == (args.repeat == "yes"))
        and (not args.heads or HEADS[args.heads](how))
    ]
    if args.reread is None and any(how.producer == "word" for how in prints):
        pages = [with_document(page) for page in pages]
    totals: dict[tuple[str, str, str, str], list[int]] = defaultdict(lambda: [0, 0])
    failed = wrong = 0
    with tempfile.TemporaryDirectory(prefix="ogi-layouts-") as tmp:
        folder = args.keep or Path(tmp)
        readings = [
            (page, how.name, (how.producer, how.paper, _setting(how)), lambda p=page, h=how: read_exactly(p, h, folder))
            for how in prints
            for page in pages
        ]
        if args.reread is not None:
            readings = [
                (page, how.name, (how.producer, how.paper, _setting(how)), lambda f=kept, p=page: _compared(f, p))
                for how in prints
                for page in pages
                if (kept := args.reread / f"{page.name}-{how.name}.pdf").exists()
            ]
        elif not args.producer or DIRECT in args.producer:
            readings += [
                (page, kind, (DIRECT, kind, "as published"), lambda p=page, k=kind: read_directly(p, k, folder))
                for page in pages
                if page.own_rules
                for kind in ("html", "docx")
            ]
        for page, name, key, reading in readings:
            read, misread, problem = reading()
            wrong += misread
            total = totals[(_kind(page), *key)]
            total[0] += read
            total[1] += len(page.cells)
            if problem:
                failed += 1
                kind = f"WRONG ({misread} cells)" if misread else "failed"
                print(f"# {page.name} {name}: {read}/{len(page.cells)} {kind}: {problem}", flush=True)
    for (kind, producer, paper, rules), (read, cells) in sorted(totals.items()):
        print(f"{kind} {producer} {paper} {rules}: {read}/{cells} cells ({read / cells:.2%})")
    read, cells = (sum(t[i] for t in totals.values()) for i in (0, 1))
    print(
        f"all: {read}/{cells} cells ({read / cells:.2%}); prints not read exactly: {failed}; cells read wrong: {wrong}"
    )
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
