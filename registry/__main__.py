"""``python -m registry``: see :mod:`registry.cli.main`."""

import sys

from registry.cli.main import main

sys.exit(main())
