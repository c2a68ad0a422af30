"""``python -m translit``: the same as the ``translit`` command."""

import sys

from translit.cli.main import main

sys.exit(main())
