"""The raw store: accepted report files, content-addressed, with a provenance record per report.

Layout under ``root``::

    objects/<sha256>.pdf                 the bytes, named by their hash only (.html: a web page;
                                         .docx, .doc, .rtf, .odt: a Word file)
    reports/<agency>/<year>.json         provenance of the accepted version (replaced atomically)
    reports/<agency>/<year>.history.jsonl  every version ever accepted, append-only
    reports/<agency>/<year>.versions.json  every distinct file seen for the report, oldest first:
                                         sha256, URLs, headers, first and last seen, and why
                                         its extraction failed if it did (replaced atomically)

Names never come from the network: agency codes and years are checked, files are named by hash.
Only bytes that pass :func:`pipeline.fetch.validate.validate_report` (a whole PDF, a web page
with tables, or a Word file) are stored, so a failed or
invalid download can never replace a good file.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pipeline.core.files import write_atomic
from pipeline.fetch.failures import FetchError
from pipeline.fetch.validate import Accepted, Limits, validate_report

KINDS = ("replica", "reconstruction", "original")
EXTENSIONS = {
    "pdf": ".pdf",
    "html": ".html",
    "docx": ".docx",
    "doc": ".doc",
    "rtf": ".rtf",
    "odt": ".odt",
    "xml": ".xml",
    "mht": ".mht",
}
# The response headers worth remembering: conditional requests and a record of what was served.
KEPT_HEADERS = ("ETag", "Last-Modified", "Content-Type", "Content-Length")
_AGENCY = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")


@dataclass(frozen=True)
class RawReport:
    """One accepted report file and where it came from."""

    agency: str
    year: int
    sha256: str
    path: Path
    size: int
    # "replica" (bundled sample rendered by the project) | "reconstruction" (bundled sample: a
    # publisher's page rebuilt from an archive) | "original" (downloaded from the publisher)
    kind: str
    source_url: str | None = None
    final_url: str | None = None
    fetched_at: str = ""  # ISO-8601 UTC
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    format: str = (
        "pdf"  # pdf | html (a report published as a web page) | docx | doc | rtf | odt | xml | mht (a Word file)
    )
    # A report page kept with the pictures of its tables (format mht: ``pipeline.fetch.pagepictures``):
    # each picture's url, final_url, sha256, size, fetched_at and headers, or its url and the error
    # that kept it out.
    parts: list[dict[str, Any]] = field(default_factory=list)

    def record(self) -> dict[str, Any]:
        """The JSON provenance record (the path is implied by the hash)."""
        data = asdict(self)
        del data["path"]
        return data


@dataclass(frozen=True)
class Version:
    """One distinct file fetched for a report: when it was first and last seen, and, when it could
    not be extracted, the one-line reason (the previous version then stays loaded)."""

    sha256: str
    size: int
    kind: str
    format: str
    source_url: str | None
    final_url: str | None
    headers: dict[str, str]
    first_seen: str  # ISO-8601 UTC
    last_seen: str
    failure: str | None = None

    def record(self) -> dict[str, Any]:
        return asdict(self)


def kept_headers(headers: Any) -> dict[str, str]:
    """The headers that matter, under their canonical names (lookup is case-insensitive)."""
    lowered = {str(k).lower(): str(v) for k, v in dict(headers).items()}
    return {name: lowered[name.lower()] for name in KEPT_HEADERS if name.lower() in lowered}


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def check_agency(agency: str) -> None:
    """Agency codes name folders: only lower-case letters, digits and hyphens."""
    if not isinstance(agency, str) or not _AGENCY.fullmatch(agency):
        raise FetchError(f"invalid agency code {agency!r}")


def _check_key(agency: str, year: int) -> None:
    check_agency(agency)
    if not isinstance(year, int) or not 1990 <= year <= 2100:
        raise FetchError(f"invalid report year {year!r}")


class RawStore:
    """Accepted raw report files with provenance and history (see the module docstring)."""

    def __init__(self, root: Path, *, limits: Limits = Limits()) -> None:
        self.root = Path(root)
        self.limits = limits

    def _object(self, sha256: str, fmt: str = "pdf") -> Path:
        return self.root / "objects" / f"{sha256}{EXTENSIONS.get(fmt, '.pdf')}"

    def _record(self, agency: str, year: int) -> Path:
        return self.root / "reports" / agency / f"{year}.json"

    def _history(self, agency: str, year: int) -> Path:
        return self.root / "reports" / agency / f"{year}.history.jsonl"

    def _versions(self, agency: str, year: int) -> Path:
        return self.root / "reports" / agency / f"{year}.versions.json"

    def _load(self, data: dict[str, Any]) -> RawReport:
        return RawReport(path=self._object(data["sha256"], data.get("format", "pdf")), **data)

    def current(self, agency: str, year: int) -> RawReport | None:
        """The accepted version of a report, or None when there is none yet."""
        _check_key(agency, year)
        path = self._record(agency, year)
        if not path.is_file():
            return None
        return self._load(json.loads(path.read_text(encoding="utf-8")))

    def history(self, agency: str, year: int) -> list[RawReport]:
        """Every version accepted for a report, oldest first."""
        _check_key(agency, year)
        path = self._history(agency, year)
        if not path.is_file():
            return []
        lines = path.read_text(encoding="utf-8").splitlines()
        return [self._load(json.loads(line)) for line in lines if line.strip()]

    def versions(self, agency: str, year: int) -> list[Version]:
        """Every distinct file seen for a report, oldest first (a store written before versions
        were recorded: its history, each version seen once, when it was accepted)."""
        _check_key(agency, year)
        path = self._versions(agency, year)
        if path.is_file():
            return [Version(**v) for v in json.loads(path.read_text(encoding="utf-8"))]
        found: dict[str, Version] = {}
        for r in self.history(agency, year):
            first = found[r.sha256].first_seen if r.sha256 in found else r.fetched_at
            found[r.sha256] = _version(r, first, r.fetched_at)
        return list(found.values())

    def _write_versions(self, agency: str, year: int, versions: list[Version]) -> None:
        text = json.dumps([v.record() for v in versions], ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        write_atomic(self._versions(agency, year), text.encode("utf-8"))

    def seen(self, report: RawReport, at: str | None = None) -> None:
        """Record that ``report``'s bytes were seen (again) now: a new version is added, a known one
        only gets a later ``last_seen`` (and the URLs and headers it was served with this time)."""
        at = at or utc_now()
        versions = self.versions(report.agency, report.year)
        for n, v in enumerate(versions):
            if v.sha256 == report.sha256:  # kept in the order first seen, where a file served again stays
                versions[n] = _version(report, v.first_seen, at, v.failure)
                break
        else:
            versions.append(_version(report, at, at))
        self._write_versions(report.agency, report.year, versions)

    def record_failure(self, agency: str, year: int, sha256: str, reason: str | None) -> bool:
        """Record why a version could not be extracted (None: it was extracted); True when this
        changed what the store said of it."""
        versions = self.versions(agency, year)
        for n, v in enumerate(versions):
            if v.sha256 == sha256 and v.failure != reason:
                versions[n] = Version(**(v.record() | {"failure": reason}))
                self._write_versions(agency, year, versions)
                return True
        return False

    def reports(self) -> list[RawReport]:
        """The accepted version of every report in the store, by agency and year."""
        found = []
        for path in sorted((self.root / "reports").glob("*/*.json")):
            if path.stem.isdigit():
                found.append(self._load(json.loads(path.read_text(encoding="utf-8"))))
        return sorted(found, key=lambda r: (r.agency, r.year))

    def put_file(
        self,
        src: Path,
        *,
        agency: str,
        year: int,
        kind: str,
        source_url: str | None = None,
        final_url: str | None = None,
        status: int | None = None,
        headers: dict[str, str] | None = None,
    ) -> RawReport:
        """Accept a local file (the bundled sample); see :meth:`put_bytes`."""
        return self.put_bytes(
            Path(src).read_bytes(),
            agency=agency,
            year=year,
            kind=kind,
            source_url=source_url,
            final_url=final_url,
            status=status,
            headers=headers or {},
        )

    def _checked(self, data: bytes | Accepted) -> Accepted:
        """The bytes checked within this store's caps, once: bytes checked within them are not read again."""
        if isinstance(data, Accepted):
            return data if data.limits == self.limits else validate_report(data.data, self.limits)
        return validate_report(data, self.limits)

    def put_bytes(
        self,
        data: bytes | Accepted,
        *,
        agency: str,
        year: int,
        kind: str,
        source_url: str | None,
        final_url: str | None,
        status: int | None,
        headers: dict[str, str],
        parts: list[dict[str, Any]] | None = None,
    ) -> RawReport:
        """Validate and accept the bytes of a report; return the accepted version (``parts``: the
        provenance of the pictures archived with a report page). Bytes the fetcher has already
        checked within this store's caps (``Accepted``) are not checked again.

        Raises InvalidPDF (nothing is written) when the bytes are not an acceptable PDF or web page.
        A new hash becomes the current version and is appended to the history; the same hash
        only refreshes the provenance when something about it changed (for example a new ETag). A replica never replaces an
        original already downloaded from the publisher: the original is returned instead.
        """
        _check_key(agency, year)
        if kind not in KINDS:
            raise FetchError(f"invalid report kind {kind!r}")
        checked = self._checked(data)
        data, fmt = checked.data, checked.format
        previous = self.current(agency, year)
        if kind != "original" and previous is not None and previous.kind == "original":
            return previous
        sha256 = hashlib.sha256(data).hexdigest()
        parts = parts or []
        served = (kind, source_url, final_url, status, kept_headers(headers), _served(parts))
        if (
            previous is not None
            and previous.sha256 == sha256
            and served
            == (
                previous.kind,
                previous.source_url,
                previous.final_url,
                previous.status,
                previous.headers,
                _served(previous.parts),
            )
        ):
            self.seen(previous)  # the same bytes again: only when they were last seen moves
            return previous  # the provenance (and the time it was accepted) stays as it was
        report = RawReport(
            agency=agency,
            year=year,
            sha256=sha256,
            path=self._object(sha256, fmt),
            size=len(data),
            kind=kind,
            source_url=source_url,
            final_url=final_url,
            fetched_at=utc_now(),
            status=status,
            headers=kept_headers(headers),
            format=fmt,
            parts=parts,
        )
        if not report.path.is_file():
            write_atomic(report.path, data)
        line = json.dumps(report.record(), ensure_ascii=False, sort_keys=True)
        if previous is None or previous.sha256 != sha256:
            history = self._history(agency, year)
            history.parent.mkdir(parents=True, exist_ok=True)
            with history.open("a", encoding="utf-8") as handle:
                handle.write(line + "\n")
        write_atomic(self._record(agency, year), (line + "\n").encode("utf-8"))
        self.seen(report, report.fetched_at)
        return report


def _served(parts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What a report's pictures were served as, whenever they were fetched."""
    return [{key: value for key, value in part.items() if key != "fetched_at"} for part in parts]


def _version(report: RawReport, first_seen: str, last_seen: str, failure: str | None = None) -> Version:
    return Version(
        sha256=report.sha256,
        size=report.size,
        kind=report.kind,
        format=report.format,
        source_url=report.source_url,
        final_url=report.final_url,
        headers=dict(report.headers),
        first_seen=first_seen,
        last_seen=last_seen,
        failure=failure,
    )
