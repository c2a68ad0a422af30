#!/usr/bin/env bash
# The whole test suite, as on a fresh machine: a new virtual environment, the
# package and its test tools installed into it, then lint, types and tests, on the
# pure-Python build (TRANSLIT_BUILD=pure); then the compiled build (what a plain
# `pip install .` builds when a C compiler works: the hot modules compiled by mypyc,
# hatch_build.py) in a second environment, and the suite's fast part on it: both
# builds must give the same outputs.
# Extra arguments go to pytest (e.g. bash tests/run.sh -k corpus).
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${TRANSLIT_TEST_VENV:-.venv-test}"
python3 -m venv --clear "$venv"
TRANSLIT_BUILD=pure "$venv/bin/python" -m pip install --quiet --disable-pip-version-check ".[test]"
"$venv/bin/ruff" check .
"$venv/bin/mypy" --strict src/
"$venv/bin/python" -m pytest -q "$@"

compiled="$venv-compiled"
python3 -m venv --clear "$compiled"
TRANSLIT_BUILD=compiled "$compiled/bin/python" -m pip install --quiet --disable-pip-version-check ".[test]"
"$compiled/bin/translit" --version | grep -q "(compiled)" \
  || { echo "tests/run.sh: the build in $compiled is not compiled" >&2; exit 1; }
"$compiled/bin/python" -m pytest -q -m "not slow" "$@"
