"""``python -m translit``: the same as the ``translit`` command."""

import sys

from .cli import main

sys.exit(main())
