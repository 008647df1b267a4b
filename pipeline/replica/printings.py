"""One web page printed every way a publisher's PDF may have been made: by Chromium, WeasyPrint or
LibreOffice (Writer's HTML import, then its PDF export), on A4, Letter or A5, with the page's
default margins or narrow ones, with its rules or with every border removed.

``printed(page, pdf, how)`` writes the PDF; ``PRINTS`` is every combination. The page is only
restyled (an ``@page`` rule, borders off), never rewritten, so its tables keep the markup the
publisher wrote: spans, Word-export cells, ragged grids.
"""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from pipeline.replica import chromium

PRODUCERS = ("chromium", "weasyprint", "libreoffice")
PAPERS = {"A4": ("210mm", "297mm"), "Letter": ("215.9mm", "279.4mm"), "A5": ("148mm", "210mm")}
MARGINS = {"default": "20mm", "narrow": "8mm"}
TIMEOUT = 120  # seconds; LibreOffice converts a report page in a few
_NO_RULES = "table, tr, td, th { border: none !important; }"


class PrintError(RuntimeError):
    """A producer is missing or could not print the page."""


@dataclass(frozen=True)
class Printing:
    """How a page is printed."""

    producer: str = "chromium"
    paper: str = "A4"
    margins: str = "default"
    rules: bool = True

    @property
    def name(self) -> str:
        return f"{self.producer}-{self.paper}-{self.margins}-{'ruled' if self.rules else 'unruled'}"


PRINTS = [Printing(*combination) for combination in itertools.product(PRODUCERS, PAPERS, MARGINS, (True, False))]


def restyled(page: str, how: Printing) -> str:
    """The page with the paper, margins and rules of ``how`` (a style sheet of its own, last)."""
    width, height = PAPERS[how.paper]
    css = f"@page {{ size: {width} {height}; margin: {MARGINS[how.margins]}; }}"
    if not how.rules:
        css += _NO_RULES
        page = re.sub(r'(<table\b[^>]*?\bborder=)"?\d+"?', r'\1"0"', page, flags=re.IGNORECASE)
    style = f"<style>{css}</style>"
    if re.search(r"</head>", page, flags=re.IGNORECASE):
        return re.sub(r"</head>", lambda _: style + "</head>", page, count=1, flags=re.IGNORECASE)
    return style + page


def _soffice() -> str:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise PrintError("LibreOffice not found: install the Debian package libreoffice-writer-nogui (make system-deps)")


def _convert(source: Path, target: str, folder: Path, profile: Path, infilter: str | None = None) -> Path:
    command = [_soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless"]
    command += [f"--infilter={infilter}"] if infilter else []
    command += ["--convert-to", target, "--outdir", str(folder), str(source)]
    try:
        done = subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        raise PrintError(f"LibreOffice did not convert {source.name} within {TIMEOUT} s") from None
    result = folder / f"{source.stem}.{target.split(':')[0]}"
    if done.returncode != 0 or not result.is_file():
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
        raise PrintError(f"LibreOffice could not convert {source.name} (exit {done.returncode}): {detail[0]}")
    return result


def _page_layout(document: Path, how: Printing) -> None:
    """Set the paper and margins of every page style of an OpenDocument text file (LibreOffice's
    HTML import does not read ``@page``)."""
    width, height = PAPERS[how.paper]
    margin = MARGINS[how.margins]
    sizes = {"fo:page-width": width, "fo:page-height": height}
    sizes |= {f"fo:margin-{side}": margin for side in ("top", "bottom", "left", "right")}

    def layout(match: re.Match[str]) -> str:
        tag = match[0]
        for attribute, value in sizes.items():
            tag = re.sub(rf'{attribute}="[^"]*"', f'{attribute}="{value}"', tag)
        return tag

    with zipfile.ZipFile(document) as archive:
        members = {info: archive.read(info) for info in archive.infolist()}
    with zipfile.ZipFile(document, "w") as archive:
        for info, data in members.items():
            if info.filename == "styles.xml":
                data = re.sub(r"<style:page-layout-properties[^>]*>", layout, data.decode("utf-8")).encode("utf-8")
            archive.writestr(info, data, compress_type=zipfile.ZIP_STORED if info.filename == "mimetype" else None)


def _libreoffice(page: str, pdf: Path, how: Printing) -> Path:
    with tempfile.TemporaryDirectory(prefix="ogi-soffice-") as tmp:
        folder = Path(tmp)
        source = folder / "page.html"
        source.write_text(page, encoding="utf-8")
        # As a Writer document (not Writer/Web), whose page style sets the paper.
        document = _convert(source, "odt", folder, folder / "profile", infilter="HTML (StarWriter)")
        _page_layout(document, how)
        shutil.move(_convert(document, "pdf", folder, folder / "profile"), pdf)
    return pdf


def printed(page: str, pdf: Path, how: Printing) -> Path:
    """Print the HTML ``page`` to ``pdf`` the way ``how`` says."""
    pdf = Path(pdf)
    pdf.parent.mkdir(parents=True, exist_ok=True)
    page = restyled(page, how)
    if how.producer == "libreoffice":
        return _libreoffice(page, pdf, how)
    if how.producer == "weasyprint":
        from weasyprint import HTML  # the dev extra

        HTML(string=page).write_pdf(pdf, presentational_hints=True)  # honour border= and cellspacing=
        return pdf
    if how.producer != "chromium":
        raise PrintError(f"unknown producer {how.producer!r}; expected one of {PRODUCERS}")
    with tempfile.TemporaryDirectory(prefix="ogi-page-") as folder:
        source = Path(folder) / "page.html"
        source.write_text(page, encoding="utf-8")
        try:
            return chromium.print_pdf(source, pdf)
        except chromium.ChromiumError as exc:
            raise PrintError(str(exc)) from None
