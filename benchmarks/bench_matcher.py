"""Matcher speed and memory: translit.Normalizer against a plain Aho-Corasick, flashtext, regex.

One command, no downloads:

    python benchmarks/bench_matcher.py            # 1, 4 and 16 MB; writes results/matcher.md
    python benchmarks/bench_matcher.py --quick    # 0.25 + 1 MB, no 100k table; prints only

Inputs are generated with a seeded ``random``:

* English news prose (a built-in word list, one paragraph per line) with about one
  name mention per 200 characters. The mentions are display forms of the bundled
  ``aliases.yaml`` (``name``, ``surname``, ``variants``; a person's surname alone
  too), canonical or not, some with 's, ’s or -based, some ALL CAPS, and one in ten a
  name of the synthetic tables below. Only forms whose ``str.lower()`` is one of the
  compiled table's folded variants are used, so every competitor can find every
  mention and all do the same work.
* Synthetic user tables of 10,000 and 100,000 forms (2,500 and 25,000 places, a name
  and three variants each, made of syllables; the small table is the head of the big
  one), written as YAML in the user-table format. ``--quick`` leaves out the 100,000.

Each competitor runs in its own subprocess, one at a time (so that its peak RSS is its
own), builds its matcher from the same table, then processes every text size; the
throughput is the best of ``--repeat`` runs, in MB/s of UTF-8 input per second of the
process's CPU time (one core; on a shared machine the wall clock would also count the
time others hold it). The competitors take ``--rounds`` turns (default 2), translit,
reference, flashtext, translit, ..., and each keeps its best:

* translit: ``Normalizer([table], include_default=False)`` (the bundled table:
  ``Normalizer()``), ``normalize(text)`` and ``find(text)``;
* reference: pyahocorasick over the same folded variants (``Normalizer.variants()``),
  scanning ``text.lower()``, whole words only (no letter or digit on either side),
  greedy leftmost-longest without overlaps, writing the replaced text;
* flashtext 2.7 ``KeywordProcessor.replace_keywords``, line by line (it is quadratic
  on long strings);
* one ``regex`` alternation ``\\b(?:v1|v2|...)\\b`` (escaped, longest first, IGNORECASE),
  on the smallest text only; skipped when a 100 KB slice predicts more than 60 s;
* ``str.casefold()`` of the text: the floor.

"build s" is the wall time of building the matcher (translit: reading and compiling the
YAML, with an empty cache folder, so including writing its cache entry; a second process
then times ``Normalizer()`` loading it from the cache; the others: from the list of
folded variants); "build MB" the growth of peak RSS during the build; "peak RSS" the
worker's peak over the whole run (the largest text). translit's cache goes to a temporary
folder (``TRANSLIT_CACHE_DIR``), never to the user's.

Then: start-up (median of 10 ``echo Kiev | translit normalize``, ``python -c pass`` for
scale, ``Normalizer()`` in a fresh process; the package byte-compiled first, as pip
installs it) and the peak RSS of ``translit normalize``
on a 200 MB file (``--quick``: 20 MB).

Needs ``pip install -e '.[bench]'`` (flashtext and pyahocorasick; regex is one of
translit's own dependencies). translit itself matches with ahocorasick-rs.
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import json
import os
import platform
import random
import resource
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ahocorasick
import yaml

import translit
from translit.table import bundled_table_path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "matcher.md"
SEED = 2024
MENTION_EVERY = 200  # characters of prose per name mention, on average
MENTION_CHARS = 20  # characters that inserting a mention adds, on average
SYNTHETIC_SHARE = 0.1  # of the mentions, names from the synthetic tables
REGEX_LIMIT_S = 60.0
WORKER_TIMEOUT_S = 1800.0

WORDS = """the of to and a in said that
    for on is was with with as at by by from it it he she they we his her their its
    has have had will would could not after after before over about about more than new
    government minister ministers president presidential officials official spokesman
    spokeswoman talks meeting meetings visit visited week weeks month months year years
    last first second third two three four five ten hundred thousand million billion
    percent per cent economy economic trade sanctions sanction border borders forces
    troops military army defence security police protest protests protesters opposition
    election elections vote votes voted parliament party parties leader leaders capital
    city cities region regional country countries state states foreign ministry embassy
    ambassador European Union NATO Western Russian Ukrainian Polish Lithuanian Latvian
    American German French British London Warsaw Riga Brussels Washington Berlin
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April
    May June July August September October November December war peace ceasefire attack
    attacks missile missiles drone drones strike strikes energy gas oil grid power plant
    prices inflation bank central currency budget loan loans aid humanitarian refugees
    people residents journalists journalist reporters press freedom court courts trial
    sentenced prison prisoners political released arrested detained charges rights
    human activists statement statements according sources told news agency interview
    television radio newspaper online report reports reported analysis analysts expected
    announced plans plan support supported against between during while where which who
    whose when also but or if because however although still only just even already
    again far near north south east west northern southern eastern western central
    local national international public private company companies workers factory
    exports imports grain fertilizer potash railway airport flights flight road bridge
    river winter spring summer autumn morning evening night today yesterday tomorrow
    recent recently earlier later long short large small major minor key senior former
    deputy head chief general commander soldiers volunteers regiment battalion unit
    front line offensive counteroffensive positions villages village town towns streets
    hospital school schools university students teachers church culture language history
    memory museum library writer writers artists film festival football team match""".split()
CONNECTORS = ["said", "says", "told reporters", "added", "according to officials",
              "in a statement", "on Monday", "on Friday", "last week", "this year"]
SYLLABLES = """ba bo bra bre da do dra dro ga go gra gro ka ko kra kro la lo le li ma mo mi
    na no ni pa po pra pe ra ro ri sa so sta sto ta to tra tro va vo vi za zo zi sha sho
    cha cho zha kha tsa rya lya nya vya brya""".split()
CODAS = "n r l sk vsk ts ch v m k g st nd rk".split()
PREFIX_WORDS = ["Novy", "Stary", "Verkhni", "Nizhni", "Maly", "Vialiki"]


# ------------------------------------------------------------------------------ inputs


def pseudo_words(count: int, rnd: random.Random) -> list[str]:
    """``count`` distinct name-like words of 5 to 12 letters, capitalized."""
    seen: set[str] = set()
    words: list[str] = []
    while len(words) < count:
        word = "".join(rnd.choices(SYLLABLES, k=rnd.randint(2, 4)))
        if rnd.random() < 0.6:
            word += rnd.choice(CODAS)
        if 5 <= len(word) <= 12 and word not in seen:
            seen.add(word)
            words.append(word.capitalize())
    return words


def synthetic_entities(count: int) -> list[tuple[str, str, list[str]]]:
    """(id, name, three variants) for ``count`` made-up places; a prefix of a larger call."""
    rnd = random.Random(SEED + 1)
    words = pseudo_words(4 * 25_000, rnd)
    entities = []
    for i in range(count):
        name, *variants = words[4 * i : 4 * i + 4]
        if i % 5 == 0:  # some two-word forms, as in Novy Bykhau
            variants[2] = f"{PREFIX_WORDS[i % len(PREFIX_WORDS)]} {variants[2]}"
        entities.append((f"synth-place-{i:05d}", name, variants))
    return entities


def write_table(path: Path, entities: list[tuple[str, str, list[str]]]) -> None:
    """A user alias table in the README's format."""
    lines = ["schema: 1", "entities:"]
    for ident, name, variants in entities:
        lines += [f"- id: {ident}", "  type: place", f"  name: {name}",
                  f"  variants: {{en: [{', '.join(variants)}]}}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def bundled_forms(folded: set[str]) -> tuple[list[str], list[str]]:
    """(canonical, variant) display forms of the bundled table that ``str.lower()`` finds."""
    doc = yaml.safe_load(bundled_table_path().read_text(encoding="utf-8"))
    canonical: set[str] = set()
    variants: set[str] = set()
    for entity in doc["entities"]:
        canonical.add(entity["name"])
        if entity.get("surname"):
            canonical.add(entity["surname"])
        for forms in (entity.get("variants") or {}).values():
            for form in forms if isinstance(forms, list) else [forms]:
                text = form["form"] if isinstance(form, dict) else form
                variants.add(text)
                if entity["type"] == "person" and " " in text:
                    variants.add(text.rsplit(None, 1)[1])
    variants -= canonical

    def usable(forms: set[str]) -> list[str]:
        return sorted(f for f in forms if f.lower() in folded)

    return usable(canonical), usable(variants)


def mention(form: str, rnd: random.Random) -> str:
    """``form`` as news prose writes it: plain, possessive, compound, quoted or in capitals."""
    roll = rnd.random()
    if roll < 0.12:
        return form + "'s"
    if roll < 0.17:
        return form + "’s"
    if roll < 0.20:
        return form + "-based"
    if roll < 0.23:
        return f"“{form}”"
    if roll < 0.25:
        return form.upper()
    return form


def news_prose(megabytes: float, names: list[str], synthetic: list[str], seed: int) -> str:
    """At least ``megabytes`` MB of English news prose, one mention per ~200 characters."""
    rnd = random.Random(seed)
    vocabulary = list(dict.fromkeys(WORDS))  # in order of frequency, roughly Zipf
    weights = list(itertools.accumulate(1 / (rank + 3) for rank in range(len(vocabulary))))
    paragraphs: list[str] = []
    size, target = 0, int(megabytes * 1_000_000)
    while size < target:
        sentences = []
        for _ in range(rnd.randint(3, 7)):
            words = rnd.choices(vocabulary, cum_weights=weights, k=rnd.randint(8, 24))
            for i in range(len(words)):
                roll = rnd.random()
                if roll < 0.02:
                    words[i] = str(rnd.randint(2, 2025))
                elif roll < 0.05:
                    words[i] += ","
            # the mentions this sentence carries: its share of one per MENTION_EVERY characters
            # (each adds MENTION_CHARS itself, name and verb), rounded at random
            expected = (sum(map(len, words)) + len(words) + 1) / (MENTION_EVERY - MENTION_CHARS)
            for _ in range(int(expected) + (rnd.random() < expected % 1)):
                pool = synthetic if rnd.random() < SYNTHETIC_SHARE else names
                at = rnd.randint(0, len(words))
                said = [rnd.choice(CONNECTORS)] if rnd.random() < 0.4 else []
                words[at:at] = [mention(rnd.choice(pool), rnd), *said]
            sentence = " ".join(words)
            sentences.append(sentence[0].upper() + sentence[1:] + rnd.choice("....?"))
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        size += len(paragraph.encode()) + 1
    return "\n".join(paragraphs) + "\n"


# ------------------------------------------------------------------------- competitors
# Each builder returns {label: (operation, count)}: the timed operation on the text, and
# the number of hits read off its last result (not timed; None when it has no such count).

Operation = Callable[[str], Any]
Count = Callable[[str, Any], "int | None"]
Competitor = dict[str, tuple[Operation, Count]]


def dump_variants(normalizer: translit.Normalizer, path: Path) -> None:
    """Write the compiled table's (folded variant, entity id) pairs, one per line.

    The other competitors are built from exactly these.
    """
    with path.open("w", encoding="utf-8") as out:
        for form, entity, _ in normalizer.variants():
            out.write(f"{form}\t{entity}\n")


def load_variants(path: str) -> list[tuple[str, str]]:
    """The (folded variant, entity id) pairs that :func:`dump_variants` wrote."""
    with open(path, encoding="utf-8") as lines:
        return [(form, entity) for form, entity in (line[:-1].split("\t") for line in lines)]


def build_normalizer(table: str) -> translit.Normalizer:
    """translit's Normalizer; the bundled table alone when ``table`` is "bundled"."""
    if table == "bundled":
        return translit.Normalizer()
    return translit.Normalizer([table], include_default=False)


def translit_competitor(normalizer: translit.Normalizer) -> Competitor:
    return {
        "translit normalize": (
            normalizer.normalize,
            lambda text, _: sum(m.changed for m in normalizer.find(text)),
        ),
        "translit find": (normalizer.find, lambda _, found: len(found)),
    }


def build_reference(variants: list[tuple[str, str]]) -> ahocorasick.Automaton:
    """One pyahocorasick automaton over the folded variants; the value is (length, entity)."""
    automaton = ahocorasick.Automaton()
    for form, entity in variants:
        if form not in automaton:
            automaton.add_word(form, (len(form), entity))
    automaton.make_automaton()
    return automaton


def reference_replace(automaton: ahocorasick.Automaton, text: str) -> tuple[str, int]:
    """``text`` with every whole-word variant replaced by its entity id; leftmost-longest.

    Scans ``text.lower()`` (same length as ``text`` for this prose; checked), keeps the
    hits with no letter or digit on either side, then takes them from the left, the
    longest at each start, skipping those that overlap a taken one.
    """
    low = text.lower()
    if len(low) != len(text):
        raise ValueError("str.lower() changed the length; the reference needs an offset map")
    n = len(low)
    spans = []
    for last, (length, entity) in automaton.iter(low):
        start = last - length + 1
        if (start and low[start - 1].isalnum()) or (last + 1 < n and low[last + 1].isalnum()):
            continue
        spans.append((start, -last, entity))
    spans.sort()
    pieces: list[str] = []
    pos = count = 0
    for start, neg_last, entity in spans:
        if start < pos:
            continue
        pieces += (text[pos:start], entity)
        pos = 1 - neg_last
        count += 1
    pieces.append(text[pos:])
    return "".join(pieces), count


def build_reference_competitor(variants: list[tuple[str, str]]) -> Competitor:
    automaton = build_reference(variants)
    return {"reference (pyahocorasick)": (
        lambda text: reference_replace(automaton, text), lambda _, out: out[1]
    )}


MARK = "\x1f"  # starts every replacement of flashtext, so that they can be counted


def build_flashtext(variants: list[tuple[str, str]]) -> Competitor:
    """flashtext's KeywordProcessor (case-insensitive), fed one line at a time."""
    from flashtext import KeywordProcessor  # type: ignore[import-untyped]

    processor = KeywordProcessor(case_sensitive=False)
    for form, entity in variants:
        processor.add_keyword(form, MARK + entity)

    def replace(text: str) -> str:
        return "\n".join(processor.replace_keywords(line) for line in text.split("\n"))

    return {"flashtext 2.7 (per line)": (replace, lambda _, out: out.count(MARK))}


def build_regex(variants: list[tuple[str, str]]) -> Competitor:
    """One ``regex`` alternation of every variant, longest first, case-insensitive."""
    import regex  # type: ignore[import-untyped, unused-ignore]

    entity_of = dict(variants)
    forms = sorted(entity_of, key=len, reverse=True)
    pattern = regex.compile(
        r"\b(?:" + "|".join(regex.escape(form) for form in forms) + r")\b", regex.IGNORECASE
    )

    def replace(text: str) -> tuple[str, int]:
        result: tuple[str, int] = pattern.subn(
            lambda m: entity_of.get(m.group().lower(), "?"), text
        )
        return result

    return {"regex alternation": (replace, lambda _, out: out[1])}


def build_casefold() -> Competitor:
    return {"str.casefold (floor)": (str.casefold, lambda _, __: None)}


# ------------------------------------------------------------------------------ worker


def rss_mb() -> tuple[float, float]:
    """(current, peak) resident set size of this process, in MB.

    Linux: VmRSS and VmHWM of /proc/self/status, which belong to this program alone
    (``ru_maxrss`` would carry over the peak of the parent that spawned it). Elsewhere
    ``ru_maxrss`` for both.
    """
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        peak_mb = peak / 1e6 if sys.platform == "darwin" else peak / 1024
        return peak_mb, peak_mb
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def reset_peak() -> None:
    """Restart the peak (VmHWM) from the current RSS (Linux 4.0+; elsewhere a no-op)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def best_time(operation: Operation, text: str, repeat: int) -> tuple[float, Any]:
    """Best CPU time of ``repeat`` runs, and the last result. (CPU time of this process:
    every competitor runs on one core, and on a shared machine the wall clock also
    counts the time others hold the core.)"""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.process_time()
        result = operation(text)
        best = min(best, time.process_time() - start)
    return best, result


def best_of(results: list[dict[str, Any]]) -> dict[str, Any]:
    """One worker's results over several rounds: the fastest run of each competitor and
    text, the smallest build time and memory, the largest peak."""
    ok = [r for r in results if "error" not in r] or results[:1]
    merged = dict(ok[0])
    if "error" in merged:
        return merged
    for key, pick in (("build_s", min), ("build_mb", min), ("peak_mb", max)):
        merged[key] = pick(r[key] for r in ok)
    merged["compiled"] = ok[0]["compiled"]
    runs: dict[tuple[str, float], dict[str, Any]] = {}
    for result in ok:
        for run in result["runs"]:
            slot = (run["competitor"], run["mb"])
            if slot not in runs or run.get("mb_s", 0) > runs[slot].get("mb_s", 0):
                runs[slot] = run
    merged["runs"] = list(runs.values())
    return merged


def regex_estimate(operation: Operation, text: str) -> float:
    """Seconds one run on ``text`` should take, from a 10 KB slice, then a 100 KB one."""
    estimate = 0.0
    for size in (10_000, 100_000):
        sample = text[:size]
        seconds, _ = best_time(operation, sample, 1)
        estimate = seconds * len(text) / len(sample)
        if estimate > REGEX_LIMIT_S or len(sample) == len(text):
            break
    return estimate


def run_worker(args: argparse.Namespace) -> None:
    """Build one competitor, run it on each text, print one JSON line of results."""
    reset_peak()
    base, _ = rss_mb()
    start = time.perf_counter()
    normalizer = None
    cache = Path(os.environ.get("TRANSLIT_CACHE_DIR", "."))
    entries = set(cache.glob("index-*"))
    if args.worker == "translit":
        normalizer = build_normalizer(args.table)
        competitor = translit_competitor(normalizer)
    elif args.worker == "casefold":
        competitor = build_casefold()
    else:
        builder = {"reference": build_reference_competitor, "flashtext": build_flashtext,
                   "regex": build_regex}[args.worker]
        competitor = builder(load_variants(args.variants))
    build_s = time.perf_counter() - start
    build_mb = rss_mb()[1] - base
    compiled = bool(set(cache.glob("index-*")) - entries)  # else loaded from the cache
    runs = []
    for path in args.text:
        text = Path(path).read_text("utf-8")
        megabytes = len(text.encode()) / 1e6
        for label, (operation, count) in competitor.items():
            run: dict[str, Any] = {"competitor": label, "mb": megabytes}
            repeat = args.repeat
            if args.worker == "regex":
                estimate = regex_estimate(operation, text)
                if estimate > REGEX_LIMIT_S:
                    run["note"] = f"n/a (> {REGEX_LIMIT_S:.0f} s estimated: {estimate:.0f} s)"
                    runs.append(run)
                    continue
                repeat = repeat if estimate < 5 else 1
            seconds, result = best_time(operation, text, repeat)
            run.update(mb_s=megabytes / seconds, hits=count(text, result))
            runs.append(run)
    if normalizer is not None and args.variants:
        dump_variants(normalizer, Path(args.variants))
    print(json.dumps({"build_s": build_s, "build_mb": build_mb, "peak_mb": rss_mb()[1],
                      "compiled": compiled,
                      "runs": runs}))


# ------------------------------------------------------------------------------- runner


def worker(name: str, table: str, variants: Path | None, texts: list[Path], repeat: int,
           timeout: float = WORKER_TIMEOUT_S) -> dict[str, Any]:
    """Run ``name`` in a fresh interpreter; its JSON result, or {"error": ...}."""
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", name,
               "--table", table, "--repeat", str(repeat)]
    command += ["--variants", str(variants)] if variants else []
    command += [arg for path in texts for arg in ("--text", str(path))]
    start = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"n/a (killed after {timeout:.0f} s)"}
    finally:
        print(f"  {name:<10} {len(texts)} texts {time.perf_counter() - start:6.1f} s",
              file=sys.stderr)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["?"])[-1]
        return {"error": f"failed: {last}"}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def median_wall(command: list[str], runs: int, cwd: Path, stdin: bytes = b"") -> float:
    """Median wall time of ``command`` run ``runs`` times in folder ``cwd``."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, input=stdin, stdout=subprocess.DEVNULL, check=True, cwd=cwd)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def translit_command() -> list[str]:
    """The ``translit`` console script next to this interpreter, else ``python -m translit``."""
    script = Path(sys.executable).parent / "translit"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "translit"]


FRESH_BUILD = """
import time
start = time.perf_counter()
import translit
imported = time.perf_counter()
translit.Normalizer()
print(imported - start, time.perf_counter() - imported)
"""


def fresh_build(runs: int, cwd: Path, **env: str) -> tuple[float, float]:
    """Median seconds of (``import translit``, ``Normalizer()``) in fresh interpreters."""
    times = [subprocess.run([sys.executable, "-c", FRESH_BUILD], capture_output=True, text=True,
                            check=True, cwd=cwd, env={**os.environ, **env}).stdout.split()
             for _ in range(runs)]
    return (statistics.median(float(t[0]) for t in times),
            statistics.median(float(t[1]) for t in times))


def startup(cwd: Path, runs: int = 10) -> list[tuple[str, str]]:
    """(what, median time) of the start-up measurements; the bundled table is in the cache.

    The commands run in ``cwd`` (an empty folder: no project configuration file).
    """
    cli = translit_command()
    # byte-compile the package as pip does when it installs a wheel (an editable install,
    # or PYTHONDONTWRITEBYTECODE, would otherwise compile every module at every start)
    package = Path(translit.__file__).parent
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True)
    check = subprocess.run([*cli, "normalize"], input=b"Kiev\n", capture_output=True, cwd=cwd)
    if check.stdout != b"Kyiv\n":
        raise RuntimeError(f"translit normalize printed {check.stdout!r} for Kiev")
    imported, loaded = fresh_build(5, cwd)
    _, compiled = fresh_build(3, cwd, TRANSLIT_NO_CACHE="1")
    return [
        ("`python -c pass`", f"{median_wall([sys.executable, '-c', 'pass'], runs, cwd):.3f} s"),
        ("`python -c 'import translit'`",
         f"{median_wall([sys.executable, '-c', 'import translit'], runs, cwd):.3f} s"),
        ("`echo Kiev | translit normalize`",
         f"{median_wall([*cli, 'normalize'], runs, cwd, b'Kiev' + bytes([10])):.3f} s"),
        ("`import translit` in a fresh process (median of 5)", f"{imported:.3f} s"),
        ("`translit.Normalizer()` in a fresh process, table cached (median of 5)",
         f"{loaded:.3f} s"),
        ("`translit.Normalizer()` in a fresh process, `TRANSLIT_NO_CACHE=1` (median of 3)",
         f"{compiled:.3f} s"),
    ]


LAUNCH = """
import os, subprocess, sys
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE)
written = sum(len(block) for block in iter(lambda: child.stdout.read(1 << 20), b""))
_, status, usage = os.wait4(child.pid, 0)
print(usage.ru_maxrss, os.waitstatus_to_exitcode(status), written)
"""


def streaming(source: Path, megabytes: int, tmp: Path) -> dict[str, float]:
    """Wall time and peak RSS of ``translit normalize FILE`` on a ``megabytes`` MB file.

    A small launcher process starts the command and reads its ``ru_maxrss`` from
    ``wait4``: started from this (larger) process, the child's figure would begin at
    this process's peak.
    """
    big = tmp / f"prose-{megabytes}mb.txt"
    chunk = source.read_bytes()
    with big.open("wb") as out:
        for _ in range(-(-megabytes * 1_000_000 // len(chunk))):
            out.write(chunk)
    size = big.stat().st_size / 1e6
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", LAUNCH, *translit_command(), "normalize", str(big)],
        capture_output=True, text=True, check=True, timeout=WORKER_TIMEOUT_S, cwd=tmp,
    )
    seconds = time.perf_counter() - start
    big.unlink()
    peak, code, written = done.stdout.split()
    peak_mb = int(peak) / (1e6 if sys.platform == "darwin" else 1024)
    return {"mb": size, "seconds": seconds, "peak_mb": peak_mb, "exit": int(code),
            "out_mb": int(written) / 1e6}


# ------------------------------------------------------------------------------ report


def fmt(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def rows_of(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Flat rows, with translit's ratios to the reference and flashtext (same table, size)."""
    rows = []
    for result in results:
        if "error" in result:
            name = result.get("competitor") or result.get("label") or result["worker"]
            rows.append({**result, "note": result["error"], "mb": None, "competitor": name})
            continue
        if not result["runs"]:
            rows.append({**result, "mb": None, "competitor": result["label"]})
            continue
        for run in result["runs"]:
            rows.append({**{k: v for k, v in result.items() if k != "runs"}, **run})
    speed = {(r["table"], r["mb"], r["competitor"]): r.get("mb_s") for r in rows}
    for row in rows:
        if row.get("competitor", "").startswith("translit") and row.get("mb_s"):
            for key, other in (("vs_ref", "reference (pyahocorasick)"),
                               ("vs_flash", "flashtext 2.7 (per line)")):
                base = speed.get((row["table"], row["mb"], other))
                row[key] = row["mb_s"] / base if base else None
    return rows


COLUMNS = ["table", "forms", "text MB", "competitor", "MB/s", "translit/ref",
           "translit/flashtext", "build s", "build MB", "peak RSS MB", "hits"]


def cells(row: dict[str, Any]) -> list[str]:
    mb_s = row.get("mb_s")
    speed = fmt(mb_s, 1 if mb_s >= 1 else 2) if mb_s else row.get("note", "—")
    ratio = {k: f"{row[k]:.2f}×" if row.get(k) else "" for k in ("vs_ref", "vs_flash")}
    hits = row.get("hits")
    return [row["table"], f"{row['forms']:,}" if row.get("forms") else "—",
            fmt(row.get("mb")), row.get("competitor", row.get("label", "?")), speed,
            ratio["vs_ref"], ratio["vs_flash"], fmt(row.get("build_s"), 2),
            fmt(row.get("build_mb")), fmt(row.get("peak_mb"), 0),
            "—" if hits is None else f"{hits:,}"]


def text_table(rows: list[dict[str, Any]]) -> str:
    lines = [COLUMNS, *(cells(r) for r in rows)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(COLUMNS))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True))
                     for line in lines)


def markdown_table(header: list[str], body: list[list[str]]) -> str:
    def row(cells: list[str]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"

    return "\n".join([row(header), "|" + "---|" * len(header), *map(row, body)])


def git_state() -> str:
    """The checked-out commit and the source files changed since (read-only git commands)."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=HERE,
                              capture_output=True, text=True, check=True).stdout.strip()
        changed = subprocess.run(["git", "diff", "--name-only", "HEAD", "--", "src"], cwd=HERE,
                                 capture_output=True, text=True, check=True).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        return "commit unknown"
    edited = f", uncommitted changes in {', '.join(changed)}" if changed else ""
    return f"commit {head}{edited}"


def report(rows: list[dict[str, Any]], inputs: list[str], starts: list[tuple[str, str]],
           stream: dict[str, float], command: str, elapsed: float) -> str:
    uname = platform.uname()
    return "\n".join([
        "# Matcher benchmark",
        "",
        f"- date: {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}",
        f"- command: `{command}` ({elapsed / 60:.1f} min)",
        f"- translit {translit.__version__}, {git_state()} (at the end of the run)",
        f"- Python {platform.python_version()} ({platform.python_implementation()})",
        f"- machine: {platform.platform()}, {uname.machine}, os.cpu_count() = {os.cpu_count()}"
        f", load average at the end {' / '.join(f'{x:.2f}' for x in os.getloadavg())}"
        " (1 / 5 / 15 min)",
        "",
        "Inputs (generated, seeded):",
        "",
        *(f"- {line}" for line in inputs),
        "",
        "MB/s: UTF-8 input bytes per second of CPU time, best of the runs and rounds; "
        "translit/ref and "
        "translit/flashtext: translit's speed divided by theirs on the same table and text "
        "(above 1: translit is faster). build s: building the matcher (translit: reading and "
        "compiling the YAML; the others: from the folded variant list). build MB: growth of "
        "peak RSS during the build; peak RSS: the worker process over the whole run (the "
        "largest text). hits: mentions changed (translit normalize), found (translit find) "
        "or replaced (the others).",
        "",
        markdown_table(COLUMNS, [cells(r) for r in rows]),
        "",
        "## Start-up (median of 10 runs unless stated)",
        "",
        markdown_table(["what", "time"], [list(s) for s in starts]),
        "",
        "## Memory of `translit normalize FILE`",
        "",
        f"{stream['mb']:.0f} MB file (the largest text, repeated): peak RSS "
        f"**{stream['peak_mb']:,.0f} MB**, {stream['seconds']:.1f} s "
        f"({stream['mb'] / stream['seconds']:.1f} MB/s), {stream['out_mb']:.0f} MB written, "
        f"exit code {stream['exit']:.0f}. "
        "Target: under 200 MB for a 1 GB file.",
        "",
    ])


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="0.25 and 1 MB texts, no 100k table, 20 MB streaming; "
                        "prints only")
    parser.add_argument("--repeat", type=int, default=None, help="runs per text (best kept)")
    parser.add_argument("--rounds", type=int, default=None,
                        help="turns of the competitors, taken in turn (best kept; "
                        "default 2, --quick 1)")
    parser.add_argument("--output", type=Path, default=None,
                        help=f"Markdown report (default: {RESULTS.relative_to(HERE.parent)}; "
                        "--quick: none)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--table", help=argparse.SUPPRESS)
    parser.add_argument("--variants", help=argparse.SUPPRESS)
    parser.add_argument("--text", action="append", default=[], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        run_worker(args)
        return
    began = time.perf_counter()
    sizes = [0.25, 1.0] if args.quick else [1.0, 4.0, 16.0]
    repeat = args.repeat or (2 if args.quick else 3)
    args.rounds = args.rounds or (1 if args.quick else 2)
    stream_mb = 20 if args.quick else 200
    output = args.output or (None if args.quick else RESULTS)
    with tempfile.TemporaryDirectory(prefix="bench-matcher-") as name:
        tmp = Path(name)
        os.environ["TRANSLIT_NO_CACHE"] = "1"
        folded = {form for form, _, _ in translit.Normalizer().variants()}
        del os.environ["TRANSLIT_NO_CACHE"]
        # every translit process from here on caches compiled tables here, not in ~/.cache
        os.environ["TRANSLIT_CACHE_DIR"] = str(tmp / "cache")
        canonical, variants = bundled_forms(folded)
        big = synthetic_entities(25_000)
        tables = {"bundled": "bundled"}
        for count in (2_500,) if args.quick else (2_500, 25_000):
            path = tmp / f"places-{count}.yaml"
            write_table(path, big[:count])
            tables[f"synthetic {4 * count // 1000}k"] = str(path)
        in_text = [name for _, name, _ in big[:2_500:50]] + [v for _, _, vs in big[:200:40]
                                                            for v in vs]
        texts = []
        for size in sizes:
            path = tmp / f"prose-{size:g}mb.txt"
            path.write_text(news_prose(size, canonical + variants, in_text, SEED), "utf-8")
            texts.append(path)
        inputs = [
            f"texts: {', '.join(f'{p.stat().st_size / 1e6:.2f} MB' for p in texts)} of English "
            f"news prose, one paragraph per line, ~1 mention per {MENTION_EVERY} characters",
            f"mentions: {len(canonical)} canonical and {len(variants)} variant display forms "
            f"of the bundled table, {SYNTHETIC_SHARE:.0%} of them {len(in_text)} names of the "
            "synthetic tables",
            "synthetic tables: 2,500 and 25,000 places, name + 3 variants each (one in five "
            "with a two-word variant)",
            "translit compiles each table with an empty cache folder (the build includes "
            "writing the cache entry); a second process then loads it from the cache",
        ]
        results: list[dict[str, Any]] = []
        for label, table in tables.items():
            print(f"{label}:", file=sys.stderr)
            dump = tmp / f"variants-{len(results)}.tsv"
            rounds: dict[str, list[dict[str, Any]]] = {}
            for turn in range(args.rounds):  # the competitors take turns: a slow spell of
                # the machine does not fall on one of them only
                cache = tmp / "cache" if turn == 0 else tmp / f"cache-{turn}"
                os.environ["TRANSLIT_CACHE_DIR"] = str(cache)  # each round builds afresh
                rounds.setdefault("translit", []).append(
                    worker("translit", table, dump, texts, repeat))
                for name in ("reference", "flashtext"):
                    rounds.setdefault(name, []).append(worker(name, table, dump, texts, repeat))
            os.environ["TRANSLIT_CACHE_DIR"] = str(tmp / "cache")
            runs = {name: best_of(results) for name, results in rounds.items()}
            forms = len(load_variants(str(dump))) if dump.exists() else None
            runs["translit-cached"] = worker("translit", table, None, [], repeat)
            runs["translit-cached"]["label"] = (
                "translit Normalizer() from cache"
                if not runs["translit-cached"].get("compiled")
                else "translit Normalizer(): cache MISS, compiled again (src edited meanwhile?)")
            runs["regex"] = worker("regex", table, dump, texts[:1], repeat, timeout=900)
            for name, run in runs.items():
                results.append({**run, "table": label, "forms": forms, "worker": name})
        print("casefold:", file=sys.stderr)
        results.append({**worker("casefold", "-", None, texts, repeat),
                        "table": "—", "forms": None, "worker": "casefold"})
        print("start-up, streaming:", file=sys.stderr)
        empty = tmp / "cwd"
        empty.mkdir()
        starts = startup(empty)
        stream = streaming(texts[-1], stream_mb, tmp)
    rows = rows_of(results)
    elapsed = time.perf_counter() - began
    command = shlex.join(["python", "benchmarks/bench_matcher.py", *sys.argv[1:]])
    print(text_table(rows))
    print()
    for what, value in starts:
        print(f"{what}: {value}")
    print(f"translit normalize on {stream['mb']:.0f} MB: peak RSS {stream['peak_mb']:,.0f} MB, "
          f"{stream['seconds']:.1f} s, {stream['out_mb']:.0f} MB written, "
          f"exit {stream['exit']:.0f}")
    print(f"total {elapsed / 60:.1f} min")
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(report(rows, inputs, starts, stream, command, elapsed), "utf-8")
        print(f"written to {output}")


if __name__ == "__main__":
    main()
