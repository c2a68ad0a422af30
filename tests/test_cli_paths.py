"""The command line over paths: a path that cannot be read does not stop the others,
and the file standard output writes to is never read back."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import Cli, cli_runner


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Cli:
    return cli_runner(monkeypatch, tmp_path)


def test_a_missing_path_does_not_stop_the_others(run: Cli, tmp_path: Path) -> None:
    (tmp_path / "ok.md").write_text("Kiev\n", "utf-8")
    (tmp_path / "b.md").write_text("Gomel\n", "utf-8")
    result = run("normalize", "-i", "ok.md", "missing.md", "b.md", "gone/")
    assert result.code == 2
    assert (tmp_path / "ok.md").read_text("utf-8") == "Kyiv\n"
    assert (tmp_path / "b.md").read_text("utf-8") == "Homiel\n"
    errors = [line for line in result.err.splitlines() if "no such file" in line]
    assert errors == ["translit: missing.md: no such file or folder; check the path",
                      "translit: gone/: no such file or folder; check the path"]


def test_only_missing_paths_give_one_line_each(run: Cli) -> None:
    result = run("normalize", "--check", "a.md", "b.md")
    assert result.code == 2
    assert result.err.splitlines() == [
        "translit: a.md: no such file or folder; check the path",
        "translit: b.md: no such file or folder; check the path",
    ]


def test_the_output_file_is_never_read(tmp_path: Path) -> None:
    """``translit normalize . > out.txt`` outside git: out.txt is one of the files of
    the folder, and reading it would make it grow for ever (cat refuses it too)."""
    (tmp_path / "a.txt").write_text("Kiev\n", "utf-8")
    out = tmp_path / "out.txt"
    with out.open("wb") as sink:
        done = subprocess.run([sys.executable, "-m", "translit", "normalize", "."],
                              cwd=tmp_path, stdout=sink, stderr=subprocess.PIPE, check=False,
                              timeout=60)  # fmt: skip
    assert done.returncode == 0
    assert out.read_text("utf-8") == "Kyiv\n"
    assert "out.txt: is the output file, skipped" in done.stderr.decode()


@pytest.mark.parametrize(
    ("command", "typed"),
    [(["normalize"], b"Kiev\n"), (["transliterate", "--scheme", "uk"], "Київ\n".encode())],
)
def test_a_bare_normalize_at_a_terminal_says_it_reads_standard_input(
    command: list[str], typed: bytes
) -> None:
    """Typed at a prompt, ``translit normalize`` (or ``transliterate``) waits for
    standard input: it says so (on standard error), and still reads it; in a pipe it
    says nothing."""
    import os
    import pty

    master, slave = pty.openpty()
    try:
        done = subprocess.Popen([sys.executable, "-m", "translit", *command], stdin=slave,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
        os.write(master, typed + b"\x04")  # a line, then Ctrl-D: the end of the input
        out, err = done.communicate(timeout=60)
    finally:
        os.close(master)
        os.close(slave)
    assert done.returncode == 0
    assert out.replace(b"\r\n", b"\n") == b"Kyiv\n"
    assert b"reading standard input; end it with Ctrl-D" in err
    piped = subprocess.run([sys.executable, "-m", "translit", *command], input=typed,
                           capture_output=True, check=False, timeout=60)  # fmt: skip
    assert (piped.stdout, piped.stderr) == (b"Kyiv\n", b"")


def test_each_file_takes_the_config_of_its_folder(run: Cli, tmp_path: Path) -> None:
    """As ruff and black: the config is found from each file's folder upwards (to its
    git root), whatever the current folder; ``--config`` names one for all."""
    for name, config in (("history", "allow: [Kiev]\n"), ("news", "style: de\n")):
        folder = tmp_path / "repo" / name
        folder.mkdir(parents=True)
        (folder / ".translit.yaml").write_text(config, "utf-8")
        (folder / "a.md").write_text("Kiev and Lukashenko\n", "utf-8")
    (tmp_path / "repo" / ".git").mkdir()
    history, news = tmp_path / "repo/history/a.md", tmp_path / "repo/news/a.md"
    result = run("normalize", "-i", "repo/history/a.md", "repo/news/a.md")
    assert result.code == 1, result.err
    assert history.read_text("utf-8") == "Kiev and Lukashenka\n"  # Kiev allowed
    assert news.read_text("utf-8") == "Kiew and Lukaschenko\n"  # the German style
    history.write_text("Kiev and Lukashenko\n", "utf-8")
    run("normalize", "-i", "--config", "repo/news/.translit.yaml", "repo/history/a.md")
    assert history.read_text("utf-8") == "Kiew and Lukaschenko\n"
    history.write_text("Kiev and Lukashenko\n", "utf-8")
    run("normalize", "-i", "--no-config", "repo/history/a.md")
    assert history.read_text("utf-8") == "Kyiv and Lukashenka\n"


def test_validate_warns_of_variants_that_are_frequent_words(run: Cli, tmp_path: Path) -> None:
    (tmp_path / "t.yaml").write_text(
        "entities:\n  - id: x-the\n    type: place\n    name: Thera\n"
        "    variants: {en: [The, Theras]}\n", "utf-8"
    )
    result = run("validate", "t.yaml")
    assert result.code == 0 and result.out == b"t.yaml: ok\n"
    assert result.err.startswith("translit: warning: t.yaml:5: 'The' is one of the most")
    assert "list it under 'ambiguous' with the words that make it safe" in result.err


_ORPHAN = """
import os, sys
from translit.corpus.parallel import ordered_map
from translit.documents.files import Rewrite

ready, done, folder = (int(sys.argv[1]), int(sys.argv[2]), sys.argv[3])

def work(item):
    Rewrite(os.path.join(folder, f"f{item}.md")).write(b"half")  # a temporary file, open
    os.write(ready, b"x")
    os.read(os.pipe()[0], 1)  # blocked for good, as on a pipe no one reads any more

list(ordered_map(work, [1, 2], jobs=2))
"""


@pytest.mark.slow  # real runs with worker processes, killed
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_workers_do_not_outlive_a_killed_run(tmp_path: Path, how: int) -> None:
    """SIGKILL or SIGTERM to the main process of a --jobs run (what a CI timeout does)
    leaves no worker behind, nor a worker's temporary file. The workers hold the write
    end of a pipe: reading its other end ends when the last of them has exited."""
    import select

    for item in (1, 2):
        (tmp_path / f"f{item}.md").write_text("Kiev\n", "utf-8")
    ready_r, ready_w = os.pipe()
    done_r, done_w = os.pipe()
    main = subprocess.Popen(
        [sys.executable, "-c", _ORPHAN, str(ready_w), str(done_w), str(tmp_path)],
        pass_fds=(ready_w, done_w),
    )
    os.close(ready_w)
    os.close(done_w)  # now only the main process and its workers hold it
    try:
        got = b""
        while len(got) < 2:  # both workers are at work, each with its temporary file
            assert select.select([ready_r], [], [], 60)[0], "the workers did not start"
            got += os.read(ready_r, 2)
        assert len([p for p in os.listdir(tmp_path) if p.endswith(".translit")]) == 2
        main.send_signal(how)
        main.wait()
        # EOF once no worker is left (or a hang guard: a worker that stays fails here)
        assert select.select([done_r], [], [], 60)[0], "a worker outlived its parent"
        assert os.read(done_r, 1) == b""
    finally:
        main.kill()
        os.close(ready_r)
        os.close(done_r)
    assert sorted(os.listdir(tmp_path)) == ["f1.md", "f2.md"]

