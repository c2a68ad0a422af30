"""translit's version (also in ``pyproject.toml``): one module, so that what needs it
(the cache key, ``--version``) imports nothing else."""

__all__ = ["__version__"]

__version__ = "0.1.0"
