"""``python -m pipeline.cli``: the ``ogi`` command."""

import sys

from pipeline.cli import main

sys.exit(main())
