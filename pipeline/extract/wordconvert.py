"""Word-processor files other than .docx (.doc, WPS .wps, .rtf, .odt) converted to .docx by
LibreOffice headless, so one reader (``wordfile.py``) reads every Word file from its table XML.

The conversion goes straight to .docx (Writer's own model of the tables, merged cells kept), not
through a PDF: no layout is guessed back from positions. Each conversion runs with a private user
profile in a temporary folder, so parallel conversions (the pipeline's workers) never share
LibreOffice's profile lock, and within its share of the time limit (``Limits.wall_seconds``),
wherever the file is read: in a report's worker, by a direct ``extract_report`` call, by the
fetcher checking a Word file's title. A file converts, or fails, the same way in each. A file
LibreOffice cannot open, or opens only with a password, ends in one line naming the cause; so does
a conversion ended at a limit, naming the limit and the variable that raises it.
"""

from __future__ import annotations

import io
import math
import os
import resource
import shutil
import signal
import subprocess
import tempfile
import zipfile
import zlib
from pathlib import Path

from pipeline.core.facts import LimitError, ReportError
from pipeline.core.settings import Limits
from pipeline.extract.wordfile import head_of

# The share of a report's time limit LibreOffice may take (a report converts in a second or two):
# the worker that reads the report (``bounded.py``) must end LibreOffice's process group itself,
# before the caller ends the worker at the limit, or LibreOffice (in a session of its own) would go
# on converting with no one waiting. A direct call has the same share, so it ends the same way.
_SHARE_OF_TIME_LIMIT = 0.8
# LibreOffice inherits the worker's CPU time limit (``RLIMIT_CPU``, counted for each process), and
# ends at it by its own crash handler (an abort with a backtrace), not by SIGXCPU: a conversion
# that failed after using this share of that limit was ended by it. The kernel signals a process
# as it reaches the limit; its accounting of the CPU time used lags a little.
_CPU_SHARE_AT_LIMIT = 0.9
# What LibreOffice is called on Debian (libreoffice-writer-nogui) and elsewhere.
PROGRAMS = ("soffice", "libreoffice")
_NAMES = {
    "doc": "Word 97-2003 or WPS (.doc/.wps)",
    "rtf": "RTF",
    "odt": "OpenDocument (.odt)",
}
_MANIFEST_BYTES = 2**20
# An encrypted Office Open XML file is an OLE2 file holding this stream (UTF-16 name).
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")


def soffice() -> str | None:
    """The LibreOffice program on the PATH, if installed."""
    for name in PROGRAMS:
        found = shutil.which(name)
        if found:
            return found
    return None


def password_protected(data: bytes, fmt: str) -> bool:
    """Whether the bytes are visibly encrypted: a password-protected .docx (an OLE2 wrapper around
    its encrypted package) or .odt (its manifest names encryption data). An encrypted .doc shows
    only inside its streams; LibreOffice's refusal covers it."""
    if fmt == "doc":
        return _ENCRYPTED_PACKAGE in data
    if fmt == "odt":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                # A manifest lists a few parts: its head says it, however much it inflates to.
                return b"encryption-data" in head_of(archive, "META-INF/manifest.xml", _MANIFEST_BYTES)
        except (KeyError, zipfile.BadZipFile, OSError, EOFError, RuntimeError, zlib.error):
            return False
    return False


def to_docx(data: bytes, fmt: str, limits: Limits | None = None, timeout: float | None = None) -> bytes:
    """The .docx LibreOffice saves of a ``doc``, ``rtf`` or ``odt`` file (``fmt``, as sniffed),
    within its share of the time limit of ``limits`` (default: from the environment), or within
    ``timeout`` seconds when that is shorter."""
    name = _NAMES[fmt]
    limits = limits or Limits.from_env()
    share = limits.wall_seconds * _SHARE_OF_TIME_LIMIT
    limited = timeout is None or share <= timeout
    timeout = share if limited else timeout
    if password_protected(data, fmt):
        # An encrypted .docx sniffs as OLE2: its wrapper is one, whatever it holds.
        kind = "Word (.docx)" if fmt == "doc" else name
        raise ReportError(f"a password-protected {kind} file: it cannot be read without its password")
    program = soffice()
    if program is None:
        raise ReportError(
            f"a {name} file is read by converting it with LibreOffice, which is not installed "
            "(Debian: apt-get install libreoffice-writer-nogui)"
        )
    with tempfile.TemporaryDirectory(prefix="ogi-word-") as tmp:
        folder = Path(tmp)
        source = folder / f"report.{fmt}"
        source.write_bytes(data)
        command = [
            program,
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--nodefault",
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(folder / "out"),
            str(source),
        ]
        # Its own session: on a timeout the whole process group (oosplash and soffice.bin) goes.
        cpu_before = _children_cpu()
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
            env={**os.environ, "HOME": tmp},
        )
        try:
            _, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            said = f"LibreOffice did not convert the {name} file within {timeout:g} s"
            if limited:
                raise LimitError(f"{said}, its share of {limits.describe('wall_seconds')}") from None
            raise ReportError(said) from None
        result = folder / "out" / "report.docx"
        if process.returncode != 0 or not result.is_file():
            _check_cpu_limit(_children_cpu() - cpu_before, name, limits)
            said = [line for line in stderr.decode("utf-8", "replace").splitlines() if "javaldx" not in line]
            detail = f" ({said[-1].strip()})" if said and said[-1].strip() else ""
            raise ReportError(
                f"LibreOffice could not open the {name} file: damaged, password-protected or not a "
                f"word-processor document{detail}"
            )
        return result.read_bytes()


def _children_cpu() -> float:
    """The CPU time of this process's children (and theirs) that have ended, in seconds."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _check_cpu_limit(used: float, name: str, limits: Limits) -> None:
    """Raise ``LimitError`` when a failed conversion used (about) all the CPU time LibreOffice
    inherited: its CPU time limit, not the file, ended it."""
    soft, _ = resource.getrlimit(resource.RLIMIT_CPU)
    if soft == resource.RLIM_INFINITY or used < soft * _CPU_SHARE_AT_LIMIT:
        return
    # The worker's limit, or one set from outside (``ulimit -t``), which no variable of ours raises.
    limit = (
        limits.describe("cpu_seconds") if soft == math.ceil(limits.cpu_seconds) else f"its CPU time limit ({soft} s)"
    )
    raise LimitError(f"LibreOffice took more than {limit} converting the {name} file")
