"""``python -m registry``: see :mod:`registry.cli`."""

import sys

from registry.cli import main

sys.exit(main())
