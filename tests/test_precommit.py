"""The hooks of .pre-commit-hooks.yaml, run by the real pre-commit framework.

The README's snippet is run as written (test_readme_snippet_as_written): the
release tag it names, from this checkout.

A session fixture commits a copy of this checkout (its working tree, so
uncommitted work is tested too) to a temporary git repository; each test makes
a project repository whose .pre-commit-config.yaml points at that copy, and
runs ``pre-commit``. pre-commit builds the hook's virtual environment once per
session (PRE_COMMIT_HOME is a session temporary folder); that needs the package
index for hatchling and the dependencies. The README's snippet builds its own, with
the compiled modules (mypyc: the package index for mypy, and a C compiler).
"""

from __future__ import annotations

import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.slow  # the real pre-commit, in scratch repositories

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
SOURCES = ["src", "pyproject.toml", "hatch_build.py", "aliases.yaml", "README.md", "LICENSE"]
SOURCES += [".pre-commit-hooks.yaml"]
GIT_ENV = {
    "GIT_AUTHOR_NAME": "translit tests",
    "GIT_AUTHOR_EMAIL": "tests@example.org",
    "GIT_COMMITTER_NAME": "translit tests",
    "GIT_COMMITTER_EMAIL": "tests@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
}


def _git(cwd: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args], cwd=cwd, env={**os.environ, **GIT_ENV},
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return done.stdout.strip()


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, Path]:
    """(a committed copy of this checkout, its commit, PRE_COMMIT_HOME)."""
    if shutil.which("git") is None:
        pytest.fail("pre-commit needs git")
    repo = tmp_path_factory.mktemp("hook-repo")
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
            shutil.copytree(source, repo / name, ignore=ignore)
        else:
            shutil.copy2(source, repo / name)
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "translit under test")
    return repo, _git(repo, "rev-parse", "HEAD"), tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def project(tmp_path: Path, hook_repo: tuple[Path, str, Path]) -> Path:
    """A git repository using both hooks of the copy."""
    repo, rev, _ = hook_repo
    hooks = [{"id": "translit-normalize"}, {"id": "translit-check"}]
    config = {"repos": [{"repo": str(repo), "rev": rev, "hooks": hooks}]}
    (tmp_path / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    _git(tmp_path, "init", "-q")
    return tmp_path


def _pre_commit(
    cwd: Path, hook_repo: tuple[Path, str, Path], *args: str
) -> subprocess.CompletedProcess[str]:
    _git(cwd, "add", "-A")
    # the hook's environment installs the pure build (no 40 s of mypyc per session);
    # the README's snippet below installs what users get, the compiled build
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(hook_repo[2]),
           "TRANSLIT_BUILD": "pure"}
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args, "--color", "never"],
        cwd=cwd, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip


FILES = {
    "story.md": b"# Lukashenko in Kiev\r\n\r\n```\r\nKiev = 1\r\n```\r\n",
    "notes.txt": b"Gomel and Lukashenko's\nno final newline: Kiev",
    "clean.md": b"Kyiv and Lukashenka\n",
    "app.py": b'CITY = "Kiev"  # translit: ignore\n',
}
FIXED = {
    "story.md": b"# Lukashenka in Kyiv\r\n\r\n```\r\nKiev = 1\r\n```\r\n",
    "notes.txt": b"Homiel and Lukashenka's\nno final newline: Kyiv",
    "clean.md": b"Kyiv and Lukashenka\n",
    "app.py": b'CITY = "Kiev"  # translit: ignore\n',
}


def _write_files(project: Path) -> None:
    for name, data in FILES.items():
        (project / name).write_bytes(data)
    (project / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00Kiev")


def test_translit_normalize_hook_fixes_then_passes(
    project: Path, hook_repo: tuple[Path, str, Path]
) -> None:
    _write_files(project)
    (project / "clean.md").chmod(0o640)
    first = _pre_commit(project, hook_repo, "run", "translit-normalize", "--all-files")
    assert first.returncode == 1, first.stdout + first.stderr
    assert "translit normalize" in first.stdout and "Failed" in first.stdout
    assert "story.md:1:3: Lukashenko -> Lukashenka" in first.stdout
    assert {name: (project / name).read_bytes() for name in FILES} == FIXED
    assert (project / "logo.png").read_bytes().endswith(b"Kiev")  # binary: not given to the hook
    assert (project / "clean.md").stat().st_mode & 0o777 == 0o640
    second = _pre_commit(project, hook_repo, "run", "translit-normalize", "--all-files")
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Passed" in second.stdout


def test_translit_check_hook_reports_only(project: Path, hook_repo: tuple[Path, str, Path]) -> None:
    _write_files(project)
    files = ["--files", "story.md", "clean.md"]
    failed = _pre_commit(project, hook_repo, "run", "translit-check", *files)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "story.md:1:17: Kiev -> Kyiv (kyiv: variant Kiev (en))" in failed.stdout
    assert (project / "story.md").read_bytes() == FILES["story.md"]
    passed = _pre_commit(project, hook_repo, "run", "translit-check", "--files", "clean.md")
    assert passed.returncode == 0, passed.stdout + passed.stderr


def test_try_repo(tmp_path: Path, hook_repo: tuple[Path, str, Path]) -> None:
    _git(tmp_path, "init", "-q")
    (tmp_path / "a.md").write_bytes(b"Kiev\n")
    repo, rev, _ = hook_repo
    args = ("try-repo", str(repo), "translit-normalize", "--ref", rev, "--files", "a.md")
    first = _pre_commit(tmp_path, hook_repo, *args)
    assert first.returncode == 1 and (tmp_path / "a.md").read_bytes() == b"Kyiv\n"
    assert _pre_commit(tmp_path, hook_repo, *args).returncode == 0


def _config_snippet(page: Path) -> str:
    """The page's ``.pre-commit-config.yaml`` snippet: its one YAML block starting ``repos:``."""
    blocks = re.findall(r"^```yaml\n(.*?)^```$", page.read_text("utf-8"), re.MULTILINE | re.DOTALL)
    snippets = [block for block in blocks if block.startswith("repos:")]
    assert len(snippets) == 1, f"{page.name}: one pre-commit snippet"
    return snippets[0]


def test_readme_snippet_as_written(tmp_path: Path, hook_repo: tuple[Path, str, Path]) -> None:
    """The README's snippet, read from README.md, in a scratch repository: a commit
    with a variant fails and fixes the file, the commit of the fixes passes.

    Only the ``repo:`` URL is replaced, by the path of this checkout: the tests have
    no network, and the URL names where this repository is published. ``rev:`` and
    the hooks stay as written. The tag the README names is taken from this checkout;
    a clone made without tags gets it on the committed copy of this checkout (the
    tag must also be pushed where the URL points). The tag is the package's version.
    docs/cli.md shows the same snippet.
    """
    snippet = _config_snippet(README)
    assert _config_snippet(ROOT / "docs" / "cli.md") == snippet
    [entry] = yaml.safe_load(snippet)["repos"]
    url, rev = entry["repo"], str(entry["rev"])
    assert url.startswith("https://") and snippet.count(url) == 1
    assert rev == "v" + importlib.metadata.version("translit-names")
    known = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    where = ROOT
    if known.returncode != 0:
        # A clone made without tags (CI's is one): the same hooks, from the copy of
        # this checkout, under the tag the README names.
        where, _, _ = hook_repo
        _git(where, "tag", "-f", rev)
    project = tmp_path / "project"
    project.mkdir()
    (project / ".pre-commit-config.yaml").write_text(snippet.replace(url, str(where)), "utf-8")
    (project / "story.md").write_bytes(b"Lukashenko visited Kiev.\n")
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(args, cwd=project, env=env, capture_output=True, text=True)

    _git(project, "init", "-q")
    installed = run(sys.executable, "-m", "pre_commit", "install")
    assert installed.returncode == 0, installed.stdout + installed.stderr
    _git(project, "add", "-A")
    first = run("git", "commit", "-q", "-m", "a story")
    said = first.stdout + first.stderr  # git gives its hooks' output to standard error
    assert first.returncode == 1, said
    assert "translit normalize" in said and "Failed" in said
    assert "story.md:1:20: Kiev -> Kyiv" in said
    assert (project / "story.md").read_bytes() == b"Lukashenka visited Kyiv.\n"
    _git(project, "add", "-A")
    second = run("git", "commit", "-q", "-m", "a story")
    assert second.returncode == 0, second.stdout + second.stderr
    assert _git(project, "show", "HEAD:story.md") == "Lukashenka visited Kyiv."
