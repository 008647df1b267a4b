"""The expected failures of fetching: each message names the report or URL and the cause."""

from __future__ import annotations

from pipeline.core.errors import OgiError


class FetchError(OgiError):
    """A download or discovery step failed for a reason worth one clear line, not a traceback."""


class HostNotAllowed(FetchError):
    """A URL (or a redirect hop) points at a host that is not listed for the agency."""


class InvalidPDF(FetchError):
    """A body that is not a complete, acceptable PDF (wrong type, truncated, over a cap)."""


class NotAReport(InvalidPDF):
    """A body that is a document but not a report (a web page without tables): a verdict on its
    content alone, which holds while the document does not change."""
