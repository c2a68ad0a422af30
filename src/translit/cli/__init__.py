"""The ``translit`` command line and the pre-commit hook."""
