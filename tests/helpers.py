"""Helpers shared by several test modules: the bundled table's forms, and the CLI in-process."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from translit.cli import main as cli
from translit.tables.bundled import bundled_table_path


def display_forms(table: str | Path | None = None) -> list[str]:
    """Every form of *table* (the bundled one by default) as written there: names,
    originals, variants, ambiguous forms, fixed expressions, style forms and the
    global negatives."""
    data = yaml.safe_load(Path(table or bundled_table_path()).read_text("utf-8"))
    forms: list[str] = []
    for entity in data["entities"]:
        forms.append(entity["name"])
        forms.extend([entity["surname"]] if "surname" in entity else [])
        for key in ("original", "variants"):
            for values in entity.get(key, {}).values():
                for value in [values] if isinstance(values, (str, dict)) else values:
                    forms.append(value["form"] if isinstance(value, dict) else value)
        forms.extend(a["form"] for a in entity.get("ambiguous", []))
        forms.extend(entity.get("not_when", []))
        for style in entity.get("styles", {}).values():
            forms.extend([style] if isinstance(style, str) else style.values())
    forms.extend(data.get("negatives", []))
    return forms


@dataclass
class Run:
    """What a command-line run gave."""

    code: int
    out: bytes
    err: str

    @property
    def text(self) -> str:
        return self.out.decode("utf-8")

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines(keepends=True)


Cli = Callable[..., Run]


def cli_runner(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, *prefix: str) -> Cli:
    """Run ``translit *prefix ARGS`` in-process in *tmp_path*; standard input is bytes."""
    monkeypatch.chdir(tmp_path)

    def call(*args: str, stdin: bytes = b"") -> Run:
        out, err = io.BytesIO(), io.BytesIO()
        streams = [io.TextIOWrapper(b, encoding="utf-8", newline="") for b in (out, err)]
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
        monkeypatch.setattr(sys, "stdout", streams[0])
        monkeypatch.setattr(sys, "stderr", streams[1])
        try:
            code = cli.main([*prefix, *args])
        except SystemExit as exc:  # argparse
            code = int(exc.code or 0)
        for stream in streams:
            stream.flush()
        return Run(code, out.getvalue(), err.getvalue().decode("utf-8"))

    return call
