"""translit's version (also in ``pyproject.toml``) and build: one module, so that what
needs them (the cache key, ``--version``) imports nothing else."""

import importlib.util

__all__ = ["__version__", "build"]

__version__ = "0.1.0"


def build() -> str:
    """Which build is installed: ``compiled`` when the scan's modules are C extensions
    (mypyc; what ``pip install .`` builds when a C compiler works, see
    ``hatch_build.py``), else ``pure Python``. The outputs are the same.

    >>> build() in ("compiled", "pure Python")
    True
    """
    spec = importlib.util.find_spec("translit.scan")
    origin = spec.origin if spec is not None else None
    return "pure Python" if origin is None or origin.endswith(".py") else "compiled"
