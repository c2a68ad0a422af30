"""The wheel's build (hatch_build.py): compiled when a C compiler works, pure Python
when not or when asked, an error when a compiled build was asked for and failed; no
extension ever written beside the sources. The compiled build itself is tested by
tests/run.sh, which runs the suite on it."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROJECT = ("pyproject.toml", "README.md", "LICENSE", "aliases.yaml", "hatch_build.py", "src")


def _hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location("hatch_build", ROOT / "hatch_build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("value", "mode"), [
    (None, "auto"), ("", "auto"), ("auto", "auto"), (" Compiled ", "compiled"), ("pure", "pure"),
])  # fmt: skip
def test_build_mode_from_the_environment(value: str | None, mode: str) -> None:
    environ = {} if value is None else {"TRANSLIT_BUILD": value}
    assert _hook().build_mode(environ) == mode


def test_an_unknown_build_mode_is_an_error_naming_the_variable() -> None:
    with pytest.raises(ValueError, match=r"TRANSLIT_BUILD='fast'.*auto, compiled, pure"):
        _hook().build_mode({"TRANSLIT_BUILD": "fast"})


def test_module_files_expand_folders_and_refuse_what_is_not_a_module(tmp_path: Path) -> None:
    hook = _hook()
    (tmp_path / "pkg" / "sub").mkdir(parents=True)
    for name in ("pkg/a.py", "pkg/sub/b.py", "pkg/sub/c.py", "pkg/notes.txt"):
        (tmp_path / name).write_text("x = 1\n")
    assert hook.module_files(tmp_path, ["pkg/a.py", "pkg/sub"]) == [
        "pkg/a.py", "pkg/sub/b.py", "pkg/sub/c.py"]
    for wrong in ("pkg/notes.txt", "pkg/gone.py", "empty"):
        (tmp_path / "empty").mkdir(exist_ok=True)
        with pytest.raises(hook.CompileFailed, match=wrong):
            hook.module_files(tmp_path, [wrong])


def _copy(tmp_path: Path) -> Path:
    """A copy of the project's build inputs (the checkout is only read)."""
    copy = tmp_path / "project"
    copy.mkdir()
    for part in PROJECT:
        if (ROOT / part).is_dir():
            shutil.copytree(ROOT / part, copy / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(ROOT / part, copy / part)
    return copy


def _wheel(
    tmp_path: Path, source: Path | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
    """``pip wheel`` of *source* (default: a copy of the project)."""
    return subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-v", "--no-deps", "--disable-pip-version-check",
         "--wheel-dir", str(tmp_path / "wheels"), str(source or _copy(tmp_path))],
        env={**os.environ, **env}, capture_output=True, text=True, check=False,
    )


def _built(tmp_path: Path) -> tuple[str, list[str]]:
    (wheel,) = (tmp_path / "wheels").glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    left = [str(p) for p in (tmp_path / "project").rglob("*") if p.suffix in (".so", ".pyd")]
    assert left == []  # nothing written beside the sources
    return wheel.name, [n for n in names if n.endswith((".so", ".pyd"))]


@pytest.mark.slow
@pytest.mark.parametrize(("mode", "tried"), [("pure", False), ("auto", True)])
def test_without_a_compiler_the_wheel_is_pure_python(tmp_path: Path, mode: str,
                                                     tried: bool) -> None:
    # pure: mypy is not even fetched; auto (the default): mypyc is tried, fails, and
    # the build goes on, pure, with a warning
    done = _wheel(tmp_path, TRANSLIT_BUILD=mode, CC="false")
    assert done.returncode == 0, done.stderr
    name, extensions = _built(tmp_path)
    assert name.endswith("-py3-none-any.whl") and extensions == []
    output = done.stdout + done.stderr
    assert ("Collecting mypy" in output) == tried
    assert ("translit: building pure Python" in output) == tried


@pytest.mark.slow
def test_a_compiled_build_that_fails_is_an_error(tmp_path: Path) -> None:
    done = _wheel(tmp_path, TRANSLIT_BUILD="compiled", CC="false")
    assert done.returncode != 0
    assert "TRANSLIT_BUILD=compiled: mypyc failed" in done.stdout + done.stderr
    assert list((tmp_path / "wheels").glob("*.whl")) == []


@pytest.mark.slow
def test_the_source_distribution_builds(tmp_path: Path) -> None:
    # the sdist carries the build hook that its pyproject names, and the data
    from hatchling.builders.sdist import SdistBuilder

    (sdist,) = SdistBuilder(str(_copy(tmp_path))).build(directory=str(tmp_path / "sdist"))
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {"hatch_build.py", "pyproject.toml", "aliases.yaml", "LICENSE",
            "src/translit/data/places.yaml"} <= names
    done = _wheel(tmp_path, Path(sdist), TRANSLIT_BUILD="pure")
    assert done.returncode == 0, done.stderr
    (wheel,) = (tmp_path / "wheels").glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        assert "translit/data/aliases.yaml" in archive.namelist()
        # the default table, compiled by the hook (translit.shipped), a cache entry
        assert archive.read("translit/data/default-table.pickle").startswith(b"translit-index")
