#!/usr/bin/env bash
# The whole test suite, as on a fresh machine: a new virtual environment, the
# package and its test tools installed into it, then lint, types and tests.
# Extra arguments go to pytest (e.g. bash tests/run.sh -k corpus).
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${TRANSLIT_TEST_VENV:-.venv-test}"
python3 -m venv --clear "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check ".[test]"
"$venv/bin/ruff" check .
"$venv/bin/mypy" --strict src/
"$venv/bin/python" -m pytest -q "$@"
