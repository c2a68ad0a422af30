#!/usr/bin/env bash
# The whole test suite, as on a fresh machine: a new virtual environment, the
# package and its test tools installed into it, then lint, types and tests; then
# the compiled build (scripts/compiled_wheel.py: the hot modules compiled by mypyc,
# as release wheels are built) in a second environment, and the suite's fast part
# on it: both builds must give the same outputs.
# Extra arguments go to pytest (e.g. bash tests/run.sh -k corpus).
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${TRANSLIT_TEST_VENV:-.venv-test}"
python3 -m venv --clear "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check ".[test]"
"$venv/bin/ruff" check .
"$venv/bin/mypy" --strict src/
"$venv/bin/python" -m pytest -q "$@"

compiled="$venv-compiled"
python3 -m venv --clear "$compiled"
wheel=$("$compiled/bin/python" scripts/compiled_wheel.py --out "$compiled/wheel")
"$compiled/bin/python" -m pip install --quiet --disable-pip-version-check "$wheel[test]"
"$compiled/bin/python" -c 'import sys, translit.scan as s; sys.exit(s.__file__.endswith(".py"))' \
  || { echo "tests/run.sh: translit.scan is not compiled in $wheel" >&2; exit 1; }
"$compiled/bin/python" -m pytest -q -m "not slow" "$@"
