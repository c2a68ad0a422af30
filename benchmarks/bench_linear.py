"""Does normalize stay linear on hostile text? Times sizes N and 2N and prints t(2N)/t(N).

A linear pass gives a ratio of about 2; a quadratic one about 4. Every case is one
shape of text from issue 8 (hostile input): ordinary prose, a 100 MB line, a
million mentions, runs of punctuation, unbalanced fences, combining-mark storms,
bidi controls, lone surrogates, and the shapes that make a matcher backtrack or
rescan (hyphen chains, inline code spans, unpaired backticks ...).

    python benchmarks/bench_linear.py              # about 4 minutes; writes results/linear.md
    python benchmarks/bench_linear.py --quick      # smaller sizes, no 100 MB line; prints only
    python benchmarks/bench_linear.py --no-huge    # everything but the 100 MB line
    python benchmarks/bench_linear.py --only hyphen  # the cases whose name contains "hyphen"

Each size is timed best of 3, the two sizes interleaved (fewer runs when they add
up to 5 s). A ratio under 2.5 is linear, 3 or more superlinear. The 100 MB
line runs in a child process so that its peak memory (RSS) is its own. The
compiled table cache goes to a temporary folder. Sizes for the shapes found to be
superlinear are small, or the run would take hours; their ratio tells the story.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("TRANSLIT_CACHE_DIR", tempfile.mkdtemp(prefix="translit-bench-cache-"))

import translit

RESULTS = Path(__file__).parent / "results" / "linear.md"

_WORDS = (
    "the of and to in a is that for on was with said by it as at from his her "
    "government opposition reporters talks election protest minister visit court "
    "statement border troops sanctions week Monday parliament city region people"
).split()
_NAMES = [
    "Lukashenko", "Alexander Lukashenko", "Kiev", "Gomel", "Svetlana Tikhanovskaya",
    "Odessa", "Minsk", "Kharkov", "Zelensky", "Grodno", "Putin", "Kolesnikova",
]  # fmt: skip


def prose(chars: int, *, line: int = 80, seed: int = 8, sep: str = "\n") -> str:
    """English-like news prose, one name about every 100 characters."""
    rng = random.Random(seed)
    out: list[str] = []
    size = width = 0
    while size < chars:
        word = rng.choice(_NAMES) if rng.random() < 0.07 else rng.choice(_WORDS)
        if rng.random() < 0.08:
            word += rng.choice([".", ",", ";"])
        out.append(word)
        size += len(word) + 1
        width += len(word) + 1
        if width >= line:
            out.append(sep)
            width = 0
        else:
            out.append(" ")
    return "".join(out)[:chars]


def sprinkle(text: str, chars: list[str], every: int, seed: int = 8) -> str:
    """*text* with one of *chars* inserted about every *every* characters (inside words too)."""
    rng = random.Random(seed)
    parts = []
    pos = 0
    while pos < len(text):
        step = rng.randint(1, 2 * every)
        parts.append(text[pos : pos + step])
        parts.append(rng.choice(chars))
        pos += step
    return "".join(parts)


def ladder(chars: int) -> str:
    """Backtick runs of every length (`a ``a ```a ...): each one opens an inline code span
    that no later run closes."""
    parts, size, i = [], 0, 1
    while size < chars:
        parts.append("`" * i + "a")
        size += i + 2
        i += 1
    return " ".join(parts) + " Kiev"


@dataclass
class Case:
    name: str
    make: Callable[[int], str]
    n: int  # the smaller size, in the units of `make`
    method: str = "normalize"
    quick: int = 0  # the smaller size with --quick (0: n // 4)


MB = 1 << 20
INVISIBLE = ["\u200e", "\u200f", "\u202b", "\u2069", "\u200d", "\u00ad"]
KIEV_RU = "\u041a\u0438\u0435\u0432"


def soft_hyphens(n: int) -> str:
    return "Luka\u00adshenko " * n


def hyphen_tail(n: int) -> str:
    return "Kiev" + "-x" * n


def initials(n: int) -> str:
    return "A. " * n + "Lukashenko"


CASES = [
    Case("ordinary prose, 80-character lines", prose, 4 * MB),
    Case("ordinary prose, one line (no line break)", lambda n: prose(n, sep=" "), 4 * MB),
    Case("'Kiev ' x N (1,000,000 mentions at 2N)", lambda n: "Kiev " * n, 500_000),
    Case("'Lukashenk ' x N (a prefix of a variant)", lambda n: "Lukashenk " * n, 500_000),
    Case("'Alexander ' x N (given names: phrase prefixes)", lambda n: "Alexander " * n, 300_000),
    Case("'Kalinowski ' x N (ambiguous: context look-ups)", lambda n: "Kalinowski " * n, 200_000),
    Case("combining storm: 'Kiev' + U+0301 x N", lambda n: "Kiev" + "\u0301" * n, 2_000_000),
    Case(
        "prose, a bidi mark / ZWJ / soft hyphen every ~20 chars",
        lambda n: sprinkle(prose(n), INVISIBLE, 20),
        4 * MB,
    ),
    Case(
        "prose, a lone surrogate every ~20 chars",
        lambda n: sprinkle(prose(n), ["\udcff", "\ud800", "\udfff"], 20),
        8 * MB,
    ),
    Case(
        "prose, U+2028 / U+2029 / NBSP every ~30 chars",
        lambda n: sprinkle(prose(n), ["\u2028", "\u2029", "\u00a0"], 30),
        8 * MB,
    ),
    Case("'/' x N + ' Kiev ' + '/' x N", lambda n: "/" * n + " Kiev " + "/" * n, 5_000_000),
    Case("'`' x N + ' Kiev ' + '`' x N", lambda n: "`" * n + " Kiev " + "`" * n, 5_000_000),
    Case("\"'\" x N + ' Kiev ' + \"'\" x N", lambda n: "'" * n + " Kiev " + "'" * n, 5_000_000),
    Case("'-' x N + ' Kiev ' + '-' x N", lambda n: "-" * n + " Kiev " + "-" * n, 5_000_000),
    Case("unbalanced fences: '```\\n' x N + 'Kiev'", lambda n: "```\n" * n + "Kiev", 1_000_000),
    Case("fenced blocks: '```\\nKiev\\n' x N", lambda n: "```\nKiev\n" * n, 200_000),
    Case("no whitespace: 'Kiev' x N", lambda n: "Kiev" * n, 1_000_000),
    Case("no whitespace: 'x' x N + ' Kiev'", lambda n: "x" * n + " Kiev", 5_000_000),
    Case("no whitespace, paths: 'Kiev/' x N", lambda n: "Kiev/" * n, 20_000, quick=5_000),
    Case("alternating scripts: 'a\u0431' x N", lambda n: "a\u0431" * n, 8_000_000),
    Case(f"alternating scripts: 'Kiev {KIEV_RU} ' x N", lambda n: f"Kiev {KIEV_RU} " * n, 200_000),
    Case("a soft hyphen in every name: 'Luka\\u00adshenko ' x N", soft_hyphens, 100_000),
    Case("hyphen chain: 'Kiev-' x N", lambda n: "Kiev-" * n, 400, quick=200),
    Case('apostrophe chain: "Kiev\'" x N', lambda n: "Kiev'" * n, 400, quick=200),
    Case("a long hyphenated tail: 'Kiev' + '-x' x N", hyphen_tail, 20_000, quick=5_000),
    Case("inline code spans: '`a` Kiev ' x N", lambda n: "`a` Kiev " * n, 5_000, quick=1_500),
    Case("unpaired backticks: '`x Kiev ' x N", lambda n: "`x Kiev " * n, 10_000, quick=3_000),
    Case("backtick ladder (`a ``a ```a ...), N chars", ladder, 100_000, quick=25_000),
    Case("canonical('A. ' x N + 'Lukashenko')", initials, 100_000, "canonical"),
    Case("canonical('Kiev-' x N)", lambda n: "Kiev-" * n, 400, "canonical", quick=200),
]

HUGE = Case("ordinary prose, one 100 MB line (2N = 100 MB)", lambda n: prose(n, sep=" "), 50 * MB)


def timed(fn: Callable[[str], object], text: str) -> float:
    start = time.perf_counter()
    fn(text)
    return time.perf_counter() - start


def timed_pair(fn: Callable[[str], object], small: str, large: str) -> tuple[float, float]:
    """Best of up to 3 runs of each size, interleaved (a busy spell on a shared machine
    then hits both sizes), fewer when the runs add up to 5 s."""
    t1, t2 = math.inf, math.inf
    spent = 0.0
    for _ in range(3):
        a, b = timed(fn, small), timed(fn, large)
        t1, t2, spent = min(t1, a), min(t2, b), spent + a + b
        if spent >= 5.0:
            break
    return t1, t2


@dataclass
class Result:
    name: str
    chars: tuple[int, int]
    times: tuple[float, float]
    peak_mb: float | None = None

    @property
    def ratio(self) -> float:
        return self.times[1] / self.times[0] if self.times[0] > 0 else math.nan

    @property
    def rate(self) -> float:
        return self.chars[1] / self.times[1] / 1e6 if self.times[1] > 0 else math.inf


def run(case: Case, normalizer: translit.Normalizer, n: int) -> Result:
    fn = getattr(normalizer, case.method)
    small, large = case.make(n), case.make(2 * n)
    return Result(case.name, (len(small), len(large)), timed_pair(fn, small, large))


def verdict(ratio: float) -> str:
    if ratio < 2.5:
        return "linear"
    if ratio < 3.0:
        return "borderline (noise or n log n; rerun with --only)"
    return f"**superlinear** (~n^{math.log2(ratio):.1f})"


def fmt_chars(n: int) -> str:
    return f"{n / 1e6:.2f} M" if n >= 100_000 else f"{n:,}"


def huge_in_child(quick: bool) -> Result:
    """The 100 MB line, in its own process: its time and its peak memory."""
    args = [sys.executable, __file__, "--child-huge"] + (["--quick"] if quick else [])
    done = subprocess.run(args, capture_output=True, text=True, check=True)
    data = json.loads(done.stdout.strip().splitlines()[-1])
    return Result(data["name"], tuple(data["chars"]), tuple(data["times"]), data["peak_mb"])


def child_huge(quick: bool) -> None:
    normalizer = translit.Normalizer()
    normalizer.normalize("warm up: Lukashenko in Kiev")
    n = HUGE.n // 10 if quick else HUGE.n
    small = HUGE.make(n)
    t1 = min(timed(normalizer.normalize, small) for _ in range(2))
    del small
    large = HUGE.make(2 * n)
    t2 = min(timed(normalizer.normalize, large) for _ in range(2))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux
    print(json.dumps({"name": HUGE.name, "chars": [n, 2 * n], "times": [t1, t2], "peak_mb": peak}))


def table(results: list[Result]) -> str:
    lines = [
        "| case | chars N | chars 2N | t(N) s | t(2N) s | t(2N)/t(N) | MB/s at 2N | verdict |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        (c1, c2), (t1, t2) = r.chars, r.times
        lines.append(
            f"| {r.name} | {fmt_chars(c1)} | {fmt_chars(c2)} | {t1:.3f} | {t2:.3f} "
            f"| {r.ratio:.2f} | {r.rate:.2f} | {verdict(r.ratio)} |"
        )
    return "\n".join(lines)


def show(r: Result) -> None:
    print(f"{r.name[:60]:60s} {r.times[0]:8.3f}s {r.times[1]:8.3f}s  x{r.ratio:.2f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes; print only")
    parser.add_argument("--no-huge", action="store_true", help="skip the 100 MB line")
    parser.add_argument("--only", default="", help="run the cases whose name contains this")
    parser.add_argument("--output", type=Path, default=None, help=f"default: {RESULTS}")
    parser.add_argument("--child-huge", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_huge:
        child_huge(args.quick)
        return
    started = time.perf_counter()
    normalizer = translit.Normalizer()
    normalizer.normalize("warm up: Lukashenko in Kiev")
    results = []
    for case in CASES:
        if args.only and args.only not in case.name:
            continue
        n = (case.quick or case.n // 4) if args.quick else case.n
        results.append(run(case, normalizer, n))
        show(results[-1])
    huge = None
    if not args.no_huge and not args.quick and (not args.only or args.only in HUGE.name):
        huge = huge_in_child(args.quick)
        results.append(huge)
        show(huge)
    total = time.perf_counter() - started
    body = table(results)
    print(f"\n{body}\n\ntotal {total:.0f} s")
    output = args.output or (None if args.quick or args.only else RESULTS)
    if output is None:
        return
    text = [
        "# Linear time on hostile text",
        "",
        "`python benchmarks/bench_linear.py` (issue 8): `Normalizer.normalize` timed on sizes",
        "N and 2N of each text shape; t(2N)/t(N) is about 2 for a linear pass and about 4 for",
        "a quadratic one. Best of 3 runs of each size, interleaved (fewer when they add up",
        "to 5 s); only the call is timed, not building the text. The machine is shared:",
        "ratios move by about 10 %; one between 2.5 and 3 is worth a rerun with `--only`.",
        "",
        f"Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs, "
        f"translit {translit.__version__}; total run {total:.0f} s.",
        "",
        body,
        "",
    ]
    if huge is not None and huge.peak_mb is not None:
        text += [
            f"The 100 MB line ran in its own process: peak RSS {huge.peak_mb:.0f} MB.",
            "",
        ]
    superlinear = [r.name for r in results if r.ratio >= 3.0]
    if superlinear:
        text += [
            "Superlinear: " + "; ".join(superlinear) + ". Their sizes are kept small so that",
            "the run ends; at a megabyte they would take from minutes to hours.",
            "",
        ]
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text("\n".join(text), encoding="utf-8")
    print(f"wrote {output}")


if __name__ == "__main__":
    main()
