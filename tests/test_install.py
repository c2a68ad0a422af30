"""The first user: the installed package, used from outside the repository."""

from __future__ import annotations

import subprocess
import sys
from importlib import metadata
from pathlib import Path

import translit
from translit.tables.aliases import bundled_table_path


def test_import_and_normalize_from_another_folder(tmp_path: Path) -> None:
    code = "import translit; print(translit.normalize('Lukashenko visited Kiev'))"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert out.stdout == "Lukashenka visited Kyiv\n"


def test_distribution_is_translit_names_with_the_translit_command() -> None:
    """On the package index, ``translit`` is another project: this one installs as
    ``translit-names`` (pip install 'translit-names[parquet]'), and provides
    ``import translit`` and the ``translit`` command."""
    dist = metadata.distribution("translit-names")
    assert dist.metadata["Name"] == "translit-names"
    assert dist.version == translit.__version__
    scripts = {ep.name: ep.value for ep in dist.entry_points if ep.group == "console_scripts"}
    assert scripts == {"translit": "translit.cli.main:main"}
    assert set(dist.metadata.get_all("Provides-Extra") or []) >= {"parquet", "dask"}


def test_bundled_table_is_found() -> None:
    assert bundled_table_path().is_file()


def test_command_line_normalize_and_lookup(tmp_path: Path) -> None:
    run = [sys.executable, "-m", "translit"]
    out = subprocess.run(
        [*run, "normalize"],
        input="Kiev-based, LUKASHENKO'S\n",
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=True,
    )
    assert out.stdout == "Kyiv-based, LUKASHENKA'S\n"
    look = subprocess.run(
        [*run, "lookup", "Gomel"], capture_output=True, text=True, cwd=tmp_path, check=True
    )
    assert look.stdout.split("\t")[:3] == ["Gomel", "Homiel", "homiel"]


def test_command_line_error_is_one_line_and_exit_2(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "translit", "normalize", "--aliases", str(tmp_path / "no.yaml")],
        input="",
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and "no.yaml" in out.stderr and "Traceback" not in out.stderr
