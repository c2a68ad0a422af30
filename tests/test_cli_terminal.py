"""Terminal manners of ``translit normalize`` (issue 16): colour on a terminal
(``--color auto|always|never``, ``NO_COLOR``), ``-q`` and ``-v``, and a summary line in
the style of black's, its numbers written as the progress line writes them."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import Cli, cli_runner
from translit.cli.report import Finding, Progress, Tally
from translit.cli.runner import Outcome

ESC = "\033["
RED, GREEN, CYAN, BOLD, RESET = "\033[31m", "\033[32m", "\033[36m", "\033[1m", "\033[0m"


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Cli:
    """``translit normalize ARGS`` in-process in *tmp_path*, which holds a.md (a name to
    fix) and b.md (nothing to fix); ``NO_COLOR`` unset."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    (tmp_path / "a.md").write_text("Kiev\nok\n")
    (tmp_path / "b.md").write_text("Kyiv\n")
    return cli_runner(monkeypatch, tmp_path, "normalize")


def _on_a_terminal(cwd: Path, *args: str, **env: str) -> tuple[int, str, str]:
    """``translit normalize ARGS`` as a program whose standard output is a terminal (a
    pseudo-terminal): its exit code, what the terminal showed and standard error."""
    import pty

    environ = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    environ.update({"TERM": "xterm", **env})
    master, slave = pty.openpty()
    try:
        done = subprocess.Popen([sys.executable, "-m", "translit", "normalize", *args],
                                stdin=subprocess.DEVNULL, stdout=slave, stderr=subprocess.PIPE,
                                cwd=cwd, env=environ)  # fmt: skip
        os.close(slave)
        chunks = []
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # the program ended and closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        err = done.stderr.read() if done.stderr else b""
        code = done.wait(timeout=60)
    finally:
        os.close(master)
    return code, b"".join(chunks).decode().replace("\r\n", "\n"), err.decode()


# --- colour ---------------------------------------------------------------------------


def test_color_always_colours_the_findings_the_diff_and_the_warnings(
    run: Cli, tmp_path: Path
) -> None:
    check = run("--check", "--color", "always", "a.md", "b.md")
    assert check.code == 1
    assert check.text == (
        f"{BOLD}a.md:1:1:{RESET} {RED}Kiev{RESET} -> {GREEN}Kyiv{RESET} "
        "(kyiv: variant Kiev (en))\n"
    )
    diff = run("--diff", "--colour", "always", "a.md")
    assert diff.text == (
        f"{BOLD}--- a/a.md{RESET}\n{BOLD}+++ b/a.md{RESET}\n{CYAN}@@ -1,2 +1,2 @@{RESET}\n"
        f"{RED}-Kiev{RESET}\n{GREEN}+Kyiv{RESET}\n ok\n"
    )
    (tmp_path / "logo.md").write_bytes(b"Kiev\x00")
    warned = run("--check", "--color", "always", "logo.md")
    assert warned.err.splitlines()[0] == (
        f"\033[33mtranslit: warning:{RESET} logo.md: binary file (NUL byte), skipped"
    )
    failed = run("--check", "--color", "always", "a.md", "missing.md")
    assert f"{RED}translit:{RESET} missing.md: no such file" in failed.err


def test_json_and_github_reports_are_never_coloured(run: Cli) -> None:
    for style in ("json", "github"):
        result = run("--check", "--color", "always", "--format", style, "a.md")
        assert result.code == 1 and "Kyiv" in result.text
        assert ESC not in result.text
    diff = run("--diff", "--color", "always", "--format", "json", "a.md")
    assert '"names": 1' in diff.text and ESC not in diff.text


def test_auto_and_never_write_no_colour_off_a_terminal(run: Cli) -> None:
    for choice in ([], ["--color", "auto"], ["--color", "never"]):
        for mode in ("--check", "--diff"):
            result = run(mode, *choice, "a.md", "missing.md")
            assert result.code == 2 and "Kyiv" in result.text
            assert ESC not in result.text and ESC not in result.err


def test_auto_colours_a_terminal_unless_no_color_is_set(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("Kiev\n")
    code, shown, _ = _on_a_terminal(tmp_path, "--check", "a.md")
    assert code == 1
    assert shown == f"{BOLD}a.md:1:1:{RESET} {RED}Kiev{RESET} -> {GREEN}Kyiv{RESET} " \
        "(kyiv: variant Kiev (en))\n"  # fmt: skip
    plain = "a.md:1:1: Kiev -> Kyiv (kyiv: variant Kiev (en))\n"
    assert _on_a_terminal(tmp_path, "--check", "a.md", NO_COLOR="1")[1] == plain
    assert _on_a_terminal(tmp_path, "--check", "--color", "never", "a.md")[1] == plain
    assert _on_a_terminal(tmp_path, "--check", "a.md", TERM="dumb")[1] == plain
    # an empty NO_COLOR is not set (no-color.org); --color always wins over NO_COLOR
    assert _on_a_terminal(tmp_path, "--check", "a.md", NO_COLOR="")[1] == shown
    assert _on_a_terminal(tmp_path, "--check", "--color", "always", "a.md",
                          NO_COLOR="1")[1] == shown  # fmt: skip


def test_color_is_an_option_of_every_command(
    run: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    lookup = cli_runner(monkeypatch, tmp_path, "lookup")
    assert lookup("--color", "never", "Kiev").code == 0
    bad = run("--color", "sometimes", "a.md")
    assert bad.code == 2 and "--color" in bad.err and len(bad.err.splitlines()) == 1


# --- -q and -v ------------------------------------------------------------------------


def test_quiet_says_nothing_about_a_clean_run(run: Cli) -> None:
    for mode in ("--check", "--in-place", "--diff"):
        result = run(mode, "-q", "b.md")
        assert (result.code, result.out, result.err) == (0, b"", "")
    loud = run("--check", "b.md")
    assert loud.err == "translit: 1 file would be left unchanged\n"


def test_quiet_check_reports_the_findings_and_the_summary(run: Cli) -> None:
    result = run("--check", "--quiet", "a.md", "b.md")
    assert result.code == 1
    assert result.text == "a.md:1:1: Kiev -> Kyiv (kyiv: variant Kiev (en))\n"
    assert result.err == (
        "translit: 1 file would be fixed (1 name), 1 file would be left unchanged\n"
    )


def test_quiet_in_place_lists_no_fixes_but_the_problems(run: Cli, tmp_path: Path) -> None:
    (tmp_path / "logo.md").write_bytes(b"Kiev\x00")
    result = run("-i", "-q", "a.md", "b.md", "logo.md")
    assert result.code == 1 and (tmp_path / "a.md").read_text() == "Kyiv\nok\n"
    assert result.out == b""  # the fixes are done, not problems
    assert result.err.splitlines() == [
        "translit: warning: logo.md: binary file (NUL byte), skipped",
        "translit: 1 file fixed (1 name), 1 file left unchanged, "
        "1 file skipped (see the warnings)",
    ]


def test_verbose_names_each_file_unchanged_and_every_name_with_its_reason(
    run: Cli, tmp_path: Path
) -> None:
    (tmp_path / "c.md").write_text("Kyiv (Kiev)\n")
    result = run("--check", "-v", "a.md", "b.md", "c.md")
    assert result.code == 1
    assert result.text.splitlines() == [
        "a.md:1:1: Kiev -> Kyiv (kyiv: variant Kiev (en))",
        "c.md:1:7: Kiev left: the text discusses the spelling (kyiv)",
    ]
    assert result.err.splitlines() == [
        "b.md: unchanged",
        "c.md: unchanged",
        "translit: 1 file would be fixed (1 name), 2 files would be left unchanged; "
        "1 name left as written",
    ]
    plain = run("--check", "a.md", "b.md", "c.md")
    assert "c.md" not in plain.text + plain.err
    diff = run("--diff", "--verbose", "a.md", "b.md")
    assert diff.text.startswith("--- a/a.md\n") and "b.md" not in diff.text
    assert diff.err.splitlines()[0] == "b.md: unchanged"


def test_quiet_and_verbose_together_are_a_usage_error(run: Cli) -> None:
    result = run("--check", "-q", "-v", "a.md")
    assert result.code == 2 and len(result.err.splitlines()) == 1
    assert "not allowed with argument" in result.err


# --- the summary ----------------------------------------------------------------------


def test_the_summary_is_in_the_style_of_black(run: Cli, tmp_path: Path) -> None:
    (tmp_path / "c.md").write_text("Gomel and Kiev\n")
    check = run("--check", "a.md", "b.md", "c.md", "missing.md")
    assert check.code == 2
    assert check.err.splitlines()[-1] == (
        "translit: 2 files would be fixed (3 names), 1 file would be left unchanged, "
        "1 file failed (see the errors)"
    )
    fixed = run("--in-place", "a.md", "b.md", "c.md")
    assert fixed.err == "translit: 2 files fixed (3 names), 1 file left unchanged\n"
    again = run("--in-place", "a.md", "b.md", "c.md")
    assert again.err == "translit: 3 files left unchanged\n"


def test_the_summary_and_the_progress_line_write_numbers_alike() -> None:
    """Thousands separators in both: the counter's 1,500/12,345 and the summary's 12,345."""

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    progress = Progress(12_345, terminal, delay=0, interval=0)
    progress.step(1_500)
    assert terminal.getvalue() == "\rtranslit: 1,500/12,345 files"
    tally = Tally("check", "text", io.StringIO(), io.StringIO())
    finding = Finding("a.md", 1, 1, 5, "Kiev", "Kyiv", "kyiv", "variant")
    for n in range(12_345):
        tally.add(Outcome(f"{n}.md", [finding] if n < 1_500 else []))
    assert tally.summary() == (
        "translit: 1,500 files would be fixed (1,500 names), "
        "10,845 files would be left unchanged"
    )
