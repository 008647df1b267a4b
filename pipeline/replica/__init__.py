"""Replica report PDFs: the bundled offline sample and synthetic reports for tests.

A development tool (``pip install -e '.[dev]'``): the pipeline's runtime never imports it.
"""
