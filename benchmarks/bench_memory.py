"""Peak memory of ``translit normalize`` on every input path: a long file named on the
command line (standard output, ``--check``, ``--in-place``), the same on standard
input, plain text and Markdown, and the largest JSON Lines and CSV records accepted
(and one too long, refused). Not a test: a script that prints a Markdown table.

    python benchmarks/bench_memory.py              # 1,024 MB plain text, 256 MB Markdown
    python benchmarks/bench_memory.py --quick      # 64 MB and 32 MB, prints only
    python benchmarks/bench_memory.py --plain-mb 200 --markdown-mb 50 --output /tmp/m.md

The inputs are generated in a temporary folder from the five news articles of
``tests/corpus/`` (plain text: the articles repeated; Markdown: the same paragraphs
with front matter, headings, inline code, links, reference definitions, fenced
blocks, lists and indented code) and removed at the end; the ``--in-place`` runs
rewrite them, so they come last. Records: one JSON Lines record of
``formats.MAX_RECORD`` bytes less a little, of English and of Cyrillic text, and one
of 32 MB (refused with ``--on-error skip``); one CSV row as long.

Each run is its own process (``python -m translit normalize ...``, the compiled
table already cached), started by a small Python process that reads its
``ru_maxrss``: "peak RSS" is the largest resident set of the process (or of a
worker it started) as the kernel counts it. MB are 10^6 bytes.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results" / "memory.md"
CYRILLIC = ("Президент Лукашенко встретился в Минске с делегацией из Киева. Святлана "
            "Ціханоўская выступила в Вильнюсе. Гомель и Брест готовятся к выборам. ")  # fmt: skip


def articles() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests/corpus").glob("*.txt"))]


def repeat(unit: str, megabytes: float) -> str:
    return unit * max(1, int(megabytes * 1e6 / len(unit.encode())) + 1)


def write_plain(path: Path, megabytes: float) -> None:
    unit = "\n\n".join(a.strip() for a in articles()) + "\n\n"
    _write_repeated(path, unit, megabytes)


def write_markdown(path: Path, megabytes: float) -> None:
    blocks = []
    for number, article in enumerate(articles()):
        paragraphs = [p for p in article.split("\n") if p.strip()]
        blocks.append(f"## {paragraphs[0][:60]}")
        for i, paragraph in enumerate(paragraphs[1:]):
            if i % 4 == 1:
                paragraph += " See `Kiev` and [the map](https://kiev.example/map) or [Kiev]."
            blocks.append(paragraph)
            if i % 5 == 2:
                blocks.append("```python\nCITY = 'Kiev'  # Lukashenko\n```")
            if i % 7 == 3:
                blocks.append("- Gomel\n- Minsk\n\n    Kiev inside the list item\n")
        blocks.append(f"[kiev]: https://kiev.example/{number}")
    unit = "\n\n".join(blocks) + "\n\n"
    head = "---\ntitle: Lukashenko in Kiev\ntags: [Kiev]\n---\n"
    _write_repeated(path, unit, megabytes, head)


def _write_repeated(path: Path, unit: str, megabytes: float, head: str = "") -> None:
    data = unit.encode()
    with open(path, "wb") as out:
        out.write(head.encode())
        for _ in range(max(1, int(megabytes * 1e6 / len(data)) + 1)):
            out.write(data)


def write_record(path: Path, text: str, size: int) -> None:
    """One JSON Lines record of *size* bytes at most, and a short one after it."""
    body = json.dumps({"id": 1, "text": ""}, ensure_ascii=False)
    room = size - len(body.encode()) - 1
    value = repeat(text, room / 1e6).encode()[:room].decode("utf-8", "ignore")
    record = json.dumps({"id": 1, "text": value}, ensure_ascii=False)
    path.write_text(record + "\n" + json.dumps({"id": 2, "text": "Kiev"}) + "\n")


def write_row(path: Path, text: str, size: int) -> None:
    """A CSV header, one row of *size* bytes at most, and a short row."""
    room = size - len("1,\r\n") - 2
    value = repeat(text, room / 1e6).encode()[:room].decode("utf-8", "ignore")
    path.write_text(f"id,text\n1,\"{value}\"\n2,Kiev\n")


# A small process between this one and translit: a child's peak RSS counts the pages it
# had when it was forked (before exec), and this process holds the inputs it wrote.
LAUNCH = """import resource, subprocess, sys
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def measure(args: list[str], cwd: Path, stdin: Path | None = None) -> dict[str, object]:
    """Run ``python -m translit normalize ARGS`` in *cwd*: exit code, seconds, peak RSS."""
    command = [sys.executable, "-m", "translit", "normalize", *args]
    with open(stdin or os.devnull, "rb") as source:
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", LAUNCH, *command], cwd=cwd, stdin=source,
                              capture_output=True, text=True, check=False)  # fmt: skip
        seconds = time.perf_counter() - start
    code, peak = done.stdout.split()
    last = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""
    return {"code": int(code), "s": seconds, "peak": int(peak) * 1024 / 1e6, "err": last}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="64 MB and 32 MB; prints only")
    parser.add_argument("--plain-mb", type=float, help="plain text, MB (default 1,024)")
    parser.add_argument("--markdown-mb", type=float, help="Markdown, MB (default 256)")
    parser.add_argument("--output", type=Path, help=f"where to write the table ({RESULTS})")
    args = parser.parse_args()
    plain_mb = args.plain_mb or (64 if args.quick else 1024)
    markdown_mb = args.markdown_mb or (32 if args.quick else 256)
    output = args.output or (None if args.quick else RESULTS)
    sys.path.insert(0, str(ROOT / "src"))
    from translit.corpus import formats

    limit = formats.MAX_RECORD
    rows: list[tuple[str, str, str, dict[str, object]]] = []
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as name:
        tmp = Path(name)
        os.environ["TRANSLIT_CACHE_DIR"] = str(tmp / "cache")
        os.environ["PYTHONPATH"] = str(ROOT / "src")  # this working tree
        print("writing the inputs ...", file=sys.stderr)
        write_plain(tmp / "plain.txt", plain_mb)
        write_markdown(tmp / "doc.md", markdown_mb)
        write_record(tmp / "english.jsonl", _english(), limit - 64)
        write_record(tmp / "cyrillic.jsonl", CYRILLIC, limit - 64)
        write_record(tmp / "too-long.jsonl", _english(), 32 << 20)
        write_row(tmp / "row.csv", _english(), limit - 64)
        measure([], tmp, tmp / "plain.txt")  # compiles the table into the cache
        size = {p.name: p.stat().st_size for p in tmp.iterdir() if p.is_file()}
        runs = [
            ("plain.txt", "`translit normalize FILE` (standard output)", ["plain.txt"], None),
            ("plain.txt", "`translit normalize --check FILE`", ["--check", "plain.txt"], None),
            ("plain.txt", "`translit normalize < FILE` (standard input)", [], "plain.txt"),
            ("doc.md", "`translit normalize FILE` (standard output)", ["doc.md"], None),
            ("doc.md", "`translit normalize --check FILE`", ["--check", "doc.md"], None),
            ("doc.md", "`translit normalize --stdin-filename doc.md < FILE`",
             ["--stdin-filename", "doc.md"], "doc.md"),
            ("english.jsonl", "`--jsonl --field text`, one record of the largest size accepted",
             ["--jsonl", "--field", "text", "english.jsonl"], None),
            ("cyrillic.jsonl", "the same, Cyrillic text",
             ["--jsonl", "--field", "text", "cyrillic.jsonl"], None),
            ("too-long.jsonl", "`--jsonl --field text --on-error skip`, a 32 MB record (refused)",
             ["--jsonl", "--field", "text", "--on-error", "skip", "too-long.jsonl"], None),
            ("row.csv", "`--csv --column text`, one row of the largest size accepted",
             ["--csv", "--column", "text", "row.csv"], None),
            ("plain.txt", "`translit normalize -i FILE`", ["-i", "plain.txt"], None),
            ("doc.md", "`translit normalize -i FILE`", ["-i", "doc.md"], None),
        ]  # fmt: skip
        for file, label, run_args, stdin in runs:
            print(f"  {file}: {label} ...", file=sys.stderr)
            done = measure(run_args, tmp, tmp / stdin if stdin else None)
            rows.append((file, label, f"{size[file] / 1e6:,.1f} MB", done))
    report = render(rows, plain_mb, markdown_mb, args, limit)
    print(report)
    if output is not None:
        output.write_text(report, encoding="utf-8")
        print(f"written to {output}", file=sys.stderr)


def _english() -> str:
    return " ".join(a.replace("\n", " ") for a in articles()) + " "


def render(
    rows: list[tuple[str, str, str, dict[str, object]]], plain_mb: float, markdown_mb: float,
    args: argparse.Namespace, limit: int,
) -> str:  # fmt: skip
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True, check=False).stdout.strip()  # fmt: skip
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "src"],
                           capture_output=True, text=True, check=False).stdout.strip()  # fmt: skip
    command = "python benchmarks/bench_memory.py " + " ".join(sys.argv[1:])
    lines = [
        "# Peak memory per input path",
        "",
        f"Command: `{command.strip()}`  ",
        f"Date: {datetime.date.today().isoformat()}; commit {commit}"
        f"{' (src/ changed since)' if dirty else ''}; Python {platform.python_version()}, "
        f"{os.cpu_count()} cores.  ",
        f"Inputs: {plain_mb:,.0f} MB of plain text, {markdown_mb:,.0f} MB of Markdown, "
        f"records of `MAX_RECORD` ({limit:,} bytes) less 64 bytes. Peak RSS: the largest "
        "resident set of the process (or of a worker), as the kernel counts it (`ru_maxrss`); "
        "MB are 10^6 bytes.",
        "",
        "| input | run | size | peak RSS | time | exit | last line on standard error |",
        "|---|---|---|---|---|---|---|",
    ]
    for file, label, size, done in rows:
        lines.append(f"| {file} | {label} | {size} | {done['peak']:,.0f} MB | {done['s']:,.1f} s"
                     f" | {done['code']} | {str(done['err']).replace('|', '/')} |")  # fmt: skip
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
