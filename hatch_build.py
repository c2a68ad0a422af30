"""The wheel's build hook: translit's hot modules compiled to C extensions by mypyc.

A wheel built from source (``pip install .``, ``pip wheel .``, an sdist) compiles
the modules that pyproject.toml lists under ``[tool.hatch.build.targets.wheel.hooks
.custom] compile`` when it can, as release wheels are built (black's are built the
same way). It is the same code, with the same outputs, 1.1 to 1.9 times faster.
The environment variable ``TRANSLIT_BUILD`` chooses:

* ``auto`` (the default): compiled when mypyc and a C compiler work; otherwise a
  warning (shown by ``pip install -v``) and a pure-Python wheel, as markupsafe and
  pyyaml fall back from their C speedups;
* ``compiled``: compiled, or the build fails with mypyc's output (release wheels,
  ``tests/run.sh``);
* ``pure``: pure Python; no compiler is used and mypy is not fetched.

Every wheel also ships the default table compiled (``translit/data/default-table.pickle``,
:mod:`translit.shipped`): the hook compiles it from the sources, loads it back
and checks it, so that the first run after an install loads it in milliseconds instead
of compiling it for two seconds. Where that step fails, the wheel goes without it
(a warning; an error with ``TRANSLIT_BUILD=compiled``) and the first run compiles.

An editable install (``pip install -e .``) is always pure Python, so that every
edit of the sources is what runs, and ships no compiled table. The modules are
compiled in a temporary copy of ``src/``: no extension is ever written beside the
sources, where it would shadow them (``tests/test_layout.py`` refuses such a tree).
``translit --version`` tells which build is installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

MODE_VARIABLE = "TRANSLIT_BUILD"
MODES = ("auto", "compiled", "pure")
EXTENSIONS = (".so", ".pyd")

SETUP = """\
from setuptools import setup
from mypyc.build import mypycify

setup(name="translit-compiled", package_dir={{"": "src"}}, ext_modules=mypycify({files!r}))
"""
"""The script that mypyc's setuptools integration runs in the copy (setuptools first)."""


class CompileFailed(Exception):
    """mypyc or the C compiler failed; the message ends with their output."""


PREBUILD = (
    "import sys; from translit.normalizer import compile_table; "
    "from translit.shipped import write; write(sys.argv[1], compile_table)"
)
"""What compiles the default table for the wheel, with the sources first on the path."""
SHIPPED = "translit/data/default-table.pickle"
"""Where the compiled default table goes in the wheel."""


def prebuild(root: Path, work: Path) -> str:
    """Compile the default table of the project at *root* into *work* (the sources, pure
    Python, no user cache); return the file. Raises CompileFailed with the output."""
    out = work / "default-table.pickle"
    paths = [str(root / "src"), *filter(None, [os.environ.get("PYTHONPATH")])]  # (pip's
    # build environment reaches its packages through PYTHONPATH too)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths), "TRANSLIT_NO_CACHE": "1"}
    done = subprocess.run([sys.executable, "-c", PREBUILD, str(out)],
                          cwd=root, env=env, capture_output=True, text=True)  # fmt: skip
    if done.returncode or not out.is_file():
        output = (done.stdout + done.stderr).strip().splitlines()
        raise CompileFailed("the default table did not compile:\n" + "\n".join(output[-20:]))
    return str(out)


def build_mode(environ: dict[str, str] | os._Environ[str] = os.environ) -> str:
    """``auto``, ``compiled`` or ``pure``, from ``TRANSLIT_BUILD`` (default ``auto``)."""
    mode = environ.get(MODE_VARIABLE, "").strip().lower() or "auto"
    if mode not in MODES:
        raise ValueError(f"{MODE_VARIABLE}={mode!r}: expected one of {', '.join(MODES)}")
    return mode


def module_files(root: Path, entries: list[str]) -> list[str]:
    """The ``.py`` files that *entries* (files or folders, relative to *root*) name."""
    files: list[str] = []
    for entry in entries:
        path = root / entry
        found = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        if not found or not all(p.is_file() and p.suffix == ".py" for p in found):
            raise CompileFailed(f"{entry}: no Python module to compile there")
        files += [p.relative_to(root).as_posix() for p in found]
    return files


def compile_modules(root: Path, entries: list[str], work: Path) -> dict[str, str]:
    """Compile *entries* of the project at *root* in a copy of its ``src`` under *work*.

    Returns where each extension module was written, mapped to its path in the wheel
    (``translit/scan.cpython-311-x86_64-linux-gnu.so``, and mypyc's shared library at
    the top). Raises CompileFailed with mypyc's and the compiler's output."""
    shutil.copytree(root / "src", work / "src",
                    ignore=shutil.ignore_patterns("__pycache__", *(f"*{e}" for e in EXTENSIONS)))
    files = module_files(work, entries)
    (work / "setup.py").write_text(SETUP.format(files=files), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "setup.py", "build_ext", "--inplace", "--build-temp", "build"],
        cwd=work, capture_output=True, text=True,
    )
    if done.returncode:
        output = (done.stdout + done.stderr).strip().splitlines()
        raise CompileFailed("mypyc failed:\n" + "\n".join(output[-40:]))
    source = work / "src"
    built = {str(path): path.relative_to(source).as_posix()
             for path in sorted(source.rglob("*")) if path.suffix in EXTENSIONS}
    if not any("/" in inside for inside in built.values()):
        raise CompileFailed(f"mypyc wrote no extension module under {source}")
    return built


class CompiledModulesHook(BuildHookInterface):  # type: ignore[misc]
    """Compile the listed modules into the wheel (see the module's docstring)."""

    PLUGIN_NAME = "custom"

    def dependencies(self) -> list[str]:
        """The runtime dependencies (the default table is compiled with them, and mypy
        reads them), and mypy (for mypyc) and setuptools unless the build is pure Python."""
        runtime: list[str] = self.metadata.core.dependencies
        if build_mode() == "pure":
            return [*runtime]
        return [*self.config.get("compiler-dependencies", []), *runtime]

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        mode = build_mode()
        if self.target_name != "wheel" or version == "editable":
            return
        self._work = Path(tempfile.mkdtemp(prefix="translit-build-"))
        root = Path(self.root)
        try:
            build_data["force_include"][prebuild(root, self._work)] = SHIPPED
        except (CompileFailed, OSError) as error:
            self._failed(mode, error, "the wheel ships no compiled default table (the first "
                         "run compiles it, about 2 s).")  # fmt: skip
        if mode == "pure":
            return
        try:
            built = compile_modules(root, list(self.config.get("compile", [])),
                                    self._work / "mypyc")
        except (CompileFailed, OSError) as error:
            self._failed(mode, error, "building pure Python (the same outputs, about half "
                         "as fast), since the compiled modules could not be built; "
                         f"{MODE_VARIABLE}=pure skips the attempt.")  # fmt: skip
            return
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        build_data["force_include"].update(built)

    def _failed(self, mode: str, error: Exception, what: str) -> None:
        """A step failed: an error in the ``compiled`` mode, else a warning saying *what*
        the wheel goes without."""
        if mode == "compiled":
            shutil.rmtree(self._work, ignore_errors=True)
            raise CompileFailed(f"{MODE_VARIABLE}=compiled: {error}") from error
        self.app.display_warning(f"translit: {what} {error}")

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        work = getattr(self, "_work", None)
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
