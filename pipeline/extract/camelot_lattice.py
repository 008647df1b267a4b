"""The one place that reaches into camelot's internals: its lattice parser, keeping sparse grids.

camelot drops a ruled grid whose cells are 90 % or more empty as detection noise (the private
hook ``Lattice._reject_table``), and offers no option to keep it. But the piece of table 三 that
a page break leaves alone on a page is exactly that: a label fragment or a row of blank cells.
Such a piece is only used where it continues a table, so noise does no harm.

``PDFHandler.parse`` looks its parser up by name in the module-level ``camelot.handlers.PARSERS``,
so the subclass is registered there while a parse is under way and removed afterwards.
``tests/extract/test_camelot_lattice.py`` fails if camelot changes either of these internals.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

FLAVOR = "lattice-sparse"
_LOCK = threading.Lock()


def sparse_lattice_class() -> type:
    from camelot.parsers import Lattice

    class SparseLattice(Lattice):
        def _reject_table(self, table) -> bool:
            return table.whitespace >= 100  # only a grid with no text at all

    return SparseLattice


_users = 0  # parses under way (threads may read reports side by side)


@contextmanager
def sparse_lattice() -> Iterator[str]:
    """The flavor name to pass to ``PDFHandler.parse`` while the sparse lattice is registered."""
    global _users
    from camelot.handlers import PARSERS

    with _LOCK:
        if _users == 0:
            PARSERS[FLAVOR] = sparse_lattice_class()
        _users += 1
    try:
        yield FLAVOR
    finally:
        with _LOCK:
            _users -= 1
            if _users == 0:
                del PARSERS[FLAVOR]
