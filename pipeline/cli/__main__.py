"""``python -m pipeline.cli``: the ``ogi`` command, from a checkout without the script installed."""

import sys

from pipeline.cli import main

sys.exit(main())
