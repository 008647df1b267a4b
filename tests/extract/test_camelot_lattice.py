"""camelot's internals that the extractor relies on (pipeline/extract/camelot_lattice.py): a
camelot upgrade that changes them fails here instead of silently changing what is extracted."""

from __future__ import annotations

import inspect
from importlib.metadata import version

import camelot.utils
from camelot.core import Cell
from camelot.handlers import PARSERS, PDFHandler
from camelot.parsers import Lattice
from camelot.parsers.base import BaseParser
from tablepdf import Document

from pipeline.extract.camelot_lattice import FLAVOR, sparse_lattice, sparse_lattice_class
from pipeline.extract.engines import read_segments


def test_the_private_hook_is_where_the_override_expects_it():
    assert version("camelot-py") == "2.0.0", "check the hooks below against the new camelot, then pin it here"
    assert list(inspect.signature(Lattice._reject_table).parameters) == ["self", "table"]
    # The lattice parser rejects through the hook, from the extraction loop of its base class.
    assert "self._reject_table(table)" in inspect.getsource(BaseParser.extract_tables)
    assert "whitespace" in inspect.getsource(Lattice._reject_table)
    assert issubclass(sparse_lattice_class(), Lattice)
    assert "PARSERS[flavor]" in inspect.getsource(PDFHandler.parse)
    # A line crossing column rules is cut at the ruled right edges of the columns it overlaps
    # (characters past the last one are dropped), from the base class's placing of the text;
    # the override puts the dropped characters back into the cells under them.
    assert "split_text=self.split_text" in inspect.getsource(BaseParser.compute_parse_errors)
    assert "table.cells[r][c].right" in inspect.getsource(camelot.utils._process_horizontal_cut)
    assert "self._text" in inspect.getsource(Cell.text.fset)  # the setter appends
    assert "compute_parse_errors" in vars(sparse_lattice_class())


def test_the_flavor_is_registered_only_while_a_parse_runs():
    assert FLAVOR not in PARSERS
    with sparse_lattice() as flavor:
        assert PARSERS[flavor] is not Lattice
        with sparse_lattice():
            pass
        assert flavor in PARSERS  # still in use by the outer parse
    assert FLAVOR not in PARSERS


def _sparse_grid(path):
    """A 4×4 ruled grid with one character in it: what camelot's own lattice drops as noise."""
    doc = Document()
    doc.text("续表")
    doc.table([["一", "", "", ""]] + [["", "", "", ""]] * 3, [30, 30, 30, 30])
    return doc.save(path)


def test_a_sparse_grid_is_kept(tmp_path):
    path = _sparse_grid(tmp_path / "sparse.pdf")
    segments = read_segments(path, [1], "vector")
    assert len(segments) == 1 and segments[0].nrows == 4
    assert FLAVOR not in PARSERS
    # camelot's public lattice drops it: the override is what keeps it.
    with PDFHandler(str(path), pages="1") as handler:
        assert len(handler.parse(flavor="lattice", engine="vector", suppress_stdout=True)) == 0
