"""Build translit's compiled wheel: the hot modules compiled to C extensions by mypyc.

Usage: python scripts/compiled_wheel.py [--source DIR] [--out DIR]

Prints the path of the wheel it built. The pyproject's ``mypyc`` build hook lists
the modules; this script turns it on (``HATCH_BUILD_HOOK_ENABLE_MYPYC=1``) and builds
from a copy of the project in a temporary folder, because the hook compiles the
modules in place: extension modules left beside the sources would shadow them in
an editable install (``tests/test_layout.py`` refuses such a tree). It needs a C
compiler, and the package index for the build's own requirements (mypy,
hatch-mypyc), which pip fetches into an isolated build environment.

Release wheels are built this way, for each platform, as black's are; a plain
``pip install`` from the source distribution gives pure Python, with the same
outputs (``tests/run.sh`` runs the suite on both).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROJECT = ("pyproject.toml", "README.md", "LICENSE", "aliases.yaml", "src")
"""What a wheel is built from (pyproject.toml's wheel target)."""


def build(source: Path, out: Path) -> Path:
    """Build the compiled wheel of the project at *source* into *out*; its path."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="translit-compiled-") as name:
        copy = Path(name) / "project"
        copy.mkdir()
        for part in PROJECT:
            origin = source / part
            if origin.is_dir():
                shutil.copytree(origin, copy / part,
                                ignore=shutil.ignore_patterns("__pycache__", "*.so", "*.pyd"))
            else:
                shutil.copy2(origin, copy / part)
        env = {**os.environ, "HATCH_BUILD_HOOK_ENABLE_MYPYC": "1"}
        done = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--quiet", "--disable-pip-version-check",
             "--no-deps", "--wheel-dir", str(out), str(copy)],
            env=env, capture_output=True, text=True,
        )
        if done.returncode:
            sys.exit(f"compiled_wheel.py: the build failed (a C compiler and the package "
                     f"index are needed):\n{done.stdout}{done.stderr}")
    compiled = [w for w in out.glob("translit_names-*.whl") if not w.name.endswith("-any.whl")]
    if not compiled:
        sys.exit(f"compiled_wheel.py: no platform wheel in {out}: the mypyc hook did not run")
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
