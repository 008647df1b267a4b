"""Print a web page to PDF with headless Chromium (Debian package ``chromium``), the way a
publisher's "print to PDF" of its article page makes a report PDF.

The browser runs with a throwaway profile, no network services of its own and no sandbox (tests
run as root), and prints without header or footer lines so the PDF holds the page alone, or with
them (the date and the page's title at each page's top, its address and "2/5" at the foot), as
the browser's print dialog does by default.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

CHROMIUM = ("chromium", "chromium-browser", "google-chrome")
TIMEOUT = 120  # seconds; a page of a report prints in a few


class ChromiumError(RuntimeError):
    """Chromium is missing or could not print the page; the message says which."""


def find_chromium() -> str:
    for name in CHROMIUM:
        found = shutil.which(name) or (f"/usr/bin/{name}" if Path(f"/usr/bin/{name}").exists() else None)
        if found:
            return found
    raise ChromiumError("headless Chromium not found: install the Debian package chromium (make system-deps)")


def print_pdf(page: Path, pdf: Path, heads: bool = False) -> Path:
    """Print the HTML file ``page`` to ``pdf`` (A4, backgrounds), with the browser's header and
    footer lines when ``heads``."""
    flags = [] if heads else ["--no-pdf-header-footer"]
    return _run(page, pdf, [*flags, f"--print-to-pdf={Path(pdf).resolve()}"], "print")


def screenshot(page: Path, png: Path, width: int, height: int, scale: float = 1.0) -> Path:
    """A screenshot of the HTML file ``page`` in a ``width`` × ``height`` CSS-pixel window on a
    screen of ``scale`` device pixels per CSS pixel, as a publisher's picture of a table is often
    made (a screen grab of the table)."""
    flags = [
        "--hide-scrollbars",
        f"--force-device-scale-factor={scale:g}",
        f"--window-size={width},{height}",
        f"--screenshot={Path(png).resolve()}",
    ]
    return _run(page, png, flags, "take a screenshot of")


def _run(page: Path, out: Path, flags: list[str], doing: str) -> Path:
    page, out = Path(page).resolve(), Path(out).resolve()
    with tempfile.TemporaryDirectory(prefix="ogi-chromium-") as profile:
        command = [
            find_chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={profile}",
            *flags,
            page.as_uri(),
        ]
        try:
            done = subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            raise ChromiumError(f"Chromium did not {doing} {page.name} within {TIMEOUT} s") from None
    if done.returncode != 0 or not out.is_file() or out.stat().st_size == 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
        raise ChromiumError(f"Chromium could not {doing} {page.name} (exit {done.returncode}): {detail[0]}")
    return out
