"""Live fetching: discover reports on a publisher's website and download them safely."""

from pipeline.fetch.errors import FetchError, HostNotAllowed, InvalidPDF
from pipeline.fetch.store import RawReport, RawStore

__all__ = ["FetchError", "HostNotAllowed", "InvalidPDF", "RawReport", "RawStore"]
