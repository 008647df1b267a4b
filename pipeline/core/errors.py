"""The root of the project's errors: every failure ``ogi`` reports as one line derives from
``OgiError``, and its message is that line (the command line catches it once)."""

from __future__ import annotations


class OgiError(Exception):
    """A failure with a message fit to show a user as it is: what failed, and why."""
