"""The root of the project's errors: every failure ``ogi`` reports as one line derives from
``OgiError``, and its message is that line (the command line catches it once)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


class OgiError(Exception):
    """A failure with a message fit to show a user as it is: what failed, and why."""


@contextmanager
def concerning(subject: object) -> Iterator[None]:
    """Name what a failure inside was about: an ``OgiError`` raised there comes out as
    ``"<subject>: <message>"`` (a report's path, a snapshot's folder), the original as its cause."""
    try:
        yield
    except OgiError as exc:
        raise OgiError(f"{subject}: {exc}") from exc
