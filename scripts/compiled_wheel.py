"""Build translit's compiled wheel: the hot modules compiled to C extensions by mypyc.

Usage: python scripts/compiled_wheel.py [--source DIR] [--out DIR]

Prints the path of the wheel it built. ``pip install .`` builds this wheel too when a
C compiler works, and falls back to pure Python when not (``hatch_build.py``); this
script sets ``TRANSLIT_BUILD=compiled``, so that a failure is an error with mypyc's
output, as release wheels and benchmarks need. It needs a C compiler, and the package
index for the build's own requirements (mypy, setuptools), which pip fetches into an
isolated build environment. The build hook compiles in a temporary copy of the
sources, never beside them.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build(source: Path, out: Path) -> Path:
    """Build the compiled wheel of the project at *source* into *out*; its path."""
    out.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--disable-pip-version-check",
         "--no-deps", "--wheel-dir", str(out), str(source)],
        env={**os.environ, "TRANSLIT_BUILD": "compiled"}, capture_output=True, text=True,
    )
    if done.returncode:
        sys.exit(f"compiled_wheel.py: the build failed (a C compiler and the package "
                 f"index are needed):\n{done.stdout}{done.stderr}")
    compiled = [w for w in out.glob("translit_names-*.whl") if not w.name.endswith("-any.whl")]
    if not compiled:
        sys.exit(f"compiled_wheel.py: no platform wheel in {out}: the build hook did not run")
    return max(compiled, key=lambda w: w.stat().st_mtime)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--source", type=Path, default=ROOT,
                        help="the project to build (default: this checkout)")
    parser.add_argument("--out", type=Path, default=ROOT / "dist",
                        help="where the wheel goes (default: dist/)")
    args = parser.parse_args()
    print(build(args.source.resolve(), args.out.resolve()))


if __name__ == "__main__":
    main()
