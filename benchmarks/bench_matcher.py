"""Matcher speed and memory: translit.Normalizer against a plain Aho-Corasick, flashtext, regex.

One command, no downloads:

    python benchmarks/bench_matcher.py            # full run; writes results/matcher-pure.md
    python benchmarks/bench_matcher.py --quick    # smaller texts, no 100k table; prints only
    python benchmarks/bench_matcher.py --types markdown,hostile   # some text types only
    python benchmarks/bench_matcher.py --rev HEAD # a clean export of a commit, installed
    python benchmarks/bench_matcher.py --rev HEAD --build pure  # its pure-Python build

Text types (first section of the report; ``matcher_texts.py`` makes the inputs): translit
(``Normalizer()``, the bundled table: ``normalize`` and ``find``) and the reference scan
below, in the same run, on 3 MB (``--quick``: 0.25 MB) of each of: English news prose,
name-dense news (the tests/corpus articles, repeated), Markdown with inline code, fences
and links, HTML, prose with a URL or an e-mail address per paragraph, Cyrillic news (ru,
uk, be), Polish, German and French news, JSON Lines records (each record's ``text``
value; also the corpus API ``fix_line`` on whole lines); and on hostile shapes of 100 KB
(``--quick``: 20 KB) and a quarter of that: ``"Kiev-" * N``, ``"Kiev'" * N``, long paths,
URL chains, prose with thousands of backticks, one very long token, names joined with no
space. Reported: MB/s, the ratio to the reference, a hostile shape's slowdown per MB
against English prose, and the issue's targets (>= 0.8x the reference, >= 1.0x on prose,
no hostile shape > 10x slower per MB than prose). A measurement is repeated until its runs
took 6 s in all (at most ``--repeat`` times a round).

Then English prose on three tables, against other matchers. Inputs are generated with a
seeded ``random``:

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

``--rev`` measures a clean export of a commit, installed as ``pip install .`` installs
it (into the export's folder, first on ``PYTHONPATH``): compiled when a C compiler
works (the hot modules compiled by mypyc, ``hatch_build.py``), else pure Python; the
report says which. ``--build compiled`` makes a failed compilation an error, ``--build
pure`` measures the pure-Python build (``TRANSLIT_BUILD``). Without ``--rev``, the
translit that Python imports (a checkout's editable install: pure Python).

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
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import Any

import ahocorasick
import yaml

import matcher_texts
import translit
from translit.tables.aliases import bundled_table_path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "matcher.md"  # the compiled build (what pip install . gives)
RESULTS_PURE = HERE / "results" / "matcher-pure.md"  # the pure-Python build
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


def pseudo_words(
    count: int, rnd: random.Random, taken: AbstractSet[str] = frozenset()
) -> list[str]:
    """``count`` distinct name-like words of 5 to 12 letters, capitalized, none of them
    (in lower case) in *taken*."""
    seen: set[str] = set(taken)
    words: list[str] = []
    while len(words) < count:
        word = "".join(rnd.choices(SYLLABLES, k=rnd.randint(2, 4)))
        if rnd.random() < 0.6:
            word += rnd.choice(CODAS)
        if 5 <= len(word) <= 12 and word not in seen:
            seen.add(word)
            words.append(word.capitalize())
    return words


def synthetic_entities(
    count: int, taken: AbstractSet[str] = frozenset()
) -> list[tuple[str, str, list[str]]]:
    """(id, name, three variants) for ``count`` made-up places; a prefix of a larger call.
    No form is one of *taken* (the default table's folded forms: a made-up place that
    is a real one would make the user table clash with the default one)."""
    rnd = random.Random(SEED + 1)
    words = pseudo_words(4 * 25_000, rnd, taken)
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
            words = matcher_texts.sentence_words(rnd, vocabulary, weights)
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

Operation = Callable[[Any], Any]  # on a text (or on a list of them: JSON Lines values)
Count = Callable[[Any, Any], "int | None"]
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
    """translit's Normalizer; the bundled table alone when ``table`` is "bundled", the
    bundled table and a user table for "bundled+PATH", else the table at PATH alone."""
    if table == "bundled":
        return translit.Normalizer()
    if table.startswith(BUNDLED_PLUS):
        return translit.Normalizer([table.removeprefix(BUNDLED_PLUS)])
    return translit.Normalizer([table], include_default=False)


BUNDLED_PLUS = "bundled+"


def translit_competitor(normalizer: translit.Normalizer) -> Competitor:
    from translit.scan import match

    index = normalizer._index
    return {
        "translit normalize": (
            normalizer.normalize,
            lambda text, _: sum(m.changed for m in normalizer.find(text)),
        ),
        "translit find": (normalizer.find, lambda _, found: len(found)),
        # the matcher alone, before the context review: what the review costs
        MATCH: (lambda text: match(index, text, "en"), lambda _, found: len(found)),
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


def best_time(operation: Operation, text: Any, repeat: int,
              budget: float | None = None) -> tuple[float, Any]:
    """Best CPU time of ``repeat`` runs, and the last result. (CPU time of this process:
    every competitor runs on one core, and on a shared machine the wall clock also
    counts the time others hold the core.) ``budget``: no further run once the runs so
    far took that many seconds in all (at least one run is made)."""
    best, result, spent = float("inf"), None, 0.0
    for _ in range(repeat):
        start = time.process_time()
        result = operation(text)
        took = time.process_time() - start
        best, spent = min(best, took), spent + took
        if budget is not None and spent >= budget:
            break
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
    runs: dict[tuple[str, float, str | None], dict[str, Any]] = {}
    for result in ok:
        for run in result["runs"]:
            slot = (run["competitor"], run["mb"], run.get("text"))
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


def each_value(operation: Operation, count: Count) -> tuple[Operation, Count]:
    """``operation`` and ``count`` over a list of texts, one call per text."""
    def run_all(values: list[str]) -> list[Any]:
        return [operation(value) for value in values]

    def count_all(values: list[str], results: list[Any]) -> int | None:
        counts = [count(v, r) for v, r in zip(values, results, strict=True)]
        return None if None in counts else sum(c or 0 for c in counts)

    return run_all, count_all


def timed_inputs(path: str, competitor: Competitor, normalizer: translit.Normalizer | None
                 ) -> list[tuple[str, Operation, Count, Any, float]]:
    """(label, operation, count, input, MB) for each competitor on the file ``path``.

    A ``.jsonl`` file is read (untimed) into the string values of its records' ``text``
    field; the operation is then called on each value in turn (as ``translit normalize
    --jsonl --field text`` calls the library on each), and MB are those of the values.
    translit also gets ``translit corpus fix_line``: the corpus API on each whole line
    (JSON parsing and writing included; MB of the whole file).
    """
    text = Path(path).read_text("utf-8")
    if not path.endswith(".jsonl"):
        megabytes = len(text.encode()) / 1e6
        return [(label, op, count, text, megabytes) for label, (op, count) in competitor.items()]
    lines = text.splitlines(keepends=True)
    values = [v for v in (json.loads(line).get("text") for line in lines) if isinstance(v, str)]
    megabytes = sum(len(v.encode()) for v in values) / 1e6
    timed: list[tuple[str, Operation, Count, Any, float]] = [
        (label, *each_value(op, count), values, megabytes)
        for label, (op, count) in competitor.items()
    ]
    if normalizer is not None:
        from translit.corpus.records import Counts, Spec, fix_line

        spec = Spec(("text",))
        raw = [line.encode() for line in lines]

        def fix_lines(lines: list[bytes]) -> Counts:
            counts = Counts()
            for line in lines:
                fix_line(normalizer, spec, line, counts)
            return counts

        timed.append(("translit corpus fix_line", fix_lines, lambda _, c: c.names, raw,
                      len(text.encode()) / 1e6))
    return timed


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
        for label, operation, count, text, megabytes in timed_inputs(path, competitor,
                                                                     normalizer):
            run: dict[str, Any] = {"competitor": label, "mb": megabytes, "text": Path(path).name}
            repeat = args.repeat
            if args.worker == "regex":
                estimate = regex_estimate(operation, text)
                if estimate > REGEX_LIMIT_S:
                    run["note"] = f"n/a (> {REGEX_LIMIT_S:.0f} s estimated: {estimate:.0f} s)"
                    runs.append(run)
                    continue
                repeat = repeat if estimate < 5 else 1
            operation(text[:5_000] if isinstance(text, str) else text[:5])  # warm-up: lazy
            # loading of data (languages, word lists) is not counted against the first text
            seconds, result = best_time(operation, text, repeat, args.budget)
            run.update(mb_s=megabytes / seconds, hits=count(text, result), seconds=seconds)
            runs.append(run)
    if normalizer is not None and args.variants:
        dump_variants(normalizer, Path(args.variants))
    print(json.dumps({"build_s": build_s, "build_mb": build_mb, "peak_mb": rss_mb()[1],
                      "compiled": compiled,
                      "runs": runs}))


# ------------------------------------------------------------------------------- runner


LOADS: list[float] = []  # the 1-minute load average as each worker started


def worker(name: str, table: str, variants: Path | None, texts: list[Path], repeat: int,
           timeout: float = WORKER_TIMEOUT_S, budget: float | None = None) -> dict[str, Any]:
    """Run ``name`` in a fresh interpreter; its JSON result, or {"error": ...}."""
    LOADS.append(os.getloadavg()[0])
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", name,
               "--table", table, "--repeat", str(repeat)]
    command += ["--variants", str(variants)] if variants else []
    command += ["--budget", str(budget)] if budget else []
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


SOURCE_ENV = "BENCH_MATCHER_SOURCE"  # "commit folder mode" of a --rev export


def measured_build() -> str:
    """``compiled`` when translit's scan is a C extension (mypyc), else ``pure Python``
    (read from the module's file, so that older commits are told too)."""
    import translit.scan

    return "pure Python" if translit.scan.__file__.endswith(".py") else "compiled"


def git_state() -> str:
    """Which translit was measured: the commit exported by ``--rev``, or the checked-out
    commit and the source files changed since (read-only git commands)."""
    if os.environ.get(SOURCE_ENV):
        commit, folder, mode = os.environ[SOURCE_ENV].split(" ")
        return (f"commit {commit[:7]}, a clean `git archive` export ({folder}) installed "
                f"with `TRANSLIT_BUILD={mode} pip install`: the {measured_build()} build")
    package = Path(translit.__file__).resolve().parent
    if package != HERE.parent / "src" / "translit":
        return f"imported from {package}"
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=HERE,
                              capture_output=True, text=True, check=True).stdout.strip()
        changed = subprocess.run(["git", "diff", "--name-only", "HEAD", "--", "src"], cwd=HERE,
                                 capture_output=True, text=True, check=True).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        return "commit unknown"
    edited = f", uncommitted changes in {', '.join(changed)}" if changed else ""
    return f"the working tree at commit {head}{edited} (at the end of the run)"


# --------------------------------------------------------------------------- text types

TYPE_MB, HOSTILE_KB = 3.0, 100  # --quick: 0.25 MB and 20 KB
TYPE_BUDGET_S = 6.0  # a worker repeats a measurement until its runs took this long in all
TARGET_RATIO, TARGET_PROSE_RATIO, TARGET_SLOWDOWN = 0.8, 1.0, 10.0
NORMALIZE, FIND, FIX_LINE = "translit normalize", "translit find", "translit corpus fix_line"
MATCH = "translit matcher (no review)"
REFERENCE = "reference (pyahocorasick)"


def selected_types(spec: str | None) -> list[matcher_texts.TextType]:
    """The text types that ``--types`` names (comma-separated; ``hostile``: every hostile
    shape, ``ordinary``: the others, ``all``), in their order; English prose is added
    when a hostile shape is asked for (their slowdown is measured against it)."""
    if spec is None or spec == "all":
        return matcher_texts.TYPES + matcher_texts.HOSTILE
    names: set[str] = set()
    for name in (n.strip() for n in spec.split(",") if n.strip()):
        if name == "hostile":
            names |= {t.name for t in matcher_texts.HOSTILE}
        elif name == "ordinary":
            names |= {t.name for t in matcher_texts.TYPES}
        elif name in matcher_texts.ALL:
            names.add(name)
        else:
            raise SystemExit(f"unknown text type {name!r}; use all, ordinary, hostile or "
                             f"any of {', '.join(matcher_texts.ALL)}")
    if any(matcher_texts.ALL[n].hostile for n in names):
        names.add("prose")
    return [t for t in matcher_texts.TYPES + matcher_texts.HOSTILE if t.name in names]


def write_type_inputs(kinds: list[matcher_texts.TextType], folder: Path, type_mb: float,
                      hostile_kb: float, ctx: matcher_texts.Context) -> dict[str, Path]:
    """One file per text type (seeded: type k gets ``random.Random(SEED + 100 + k)``); a
    hostile shape also at a quarter of its size (key ``name/4``), to see how its work
    grows with the size."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for kind in kinds:
        k = list(matcher_texts.ALL).index(kind.name)
        size = int(hostile_kb * 1000 if kind.hostile else type_mb * 1_000_000)
        for key, part in ((kind.name, 1), (f"{kind.name}/4", 4))[: 1 + kind.hostile]:
            text = kind.generate(size // part, random.Random(SEED + 100 + k), ctx)
            path = folder / f"{kind.name}{'' if part == 1 else '.quarter'}{kind.suffix}"
            path.write_text(text, "utf-8")
            paths[key] = path
    return paths


def run_types(paths: dict[str, Path], dump: Path, repeat: int, rounds: int,
              big: Path | None = None) -> dict[str, Any]:
    """translit (bundled table) and the reference on every text type, in turns; the best
    run of each, by file name and competitor: {(file, competitor): run}. With *big* (a
    table of made-up forms), also translit with the bundled table and *big*, on the
    ordinary types: {(file, "100k " + competitor): run}."""
    texts = list(paths.values())
    results: dict[str, list[dict[str, Any]]] = {}
    ordinary = [path for key, path in paths.items()
                if not matcher_texts.ALL[key.split("/")[0]].hostile]
    for _ in range(rounds):
        for name in ("translit", "reference"):
            results.setdefault(name, []).append(
                worker(name, "bundled", dump, texts, repeat, budget=TYPE_BUDGET_S))
        if big is not None:
            results.setdefault(BIG, []).append(worker(
                "translit", BUNDLED_PLUS + str(big), None, ordinary, repeat,
                budget=TYPE_BUDGET_S))
    runs: dict[Any, Any] = {}
    for name, attempts in results.items():
        best = best_of(attempts)
        if "error" in best:
            runs[name] = best["error"]
            continue
        for run in best["runs"]:
            runs[(run["text"], (BIG + " " if name == BIG else "") + run["competitor"])] = run
    return runs


BIG = "100k"  # the bundled table and 100,000 made-up forms
TARGET_BIG_MB_S = 25.0


def type_rows(kinds: list[matcher_texts.TextType], paths: dict[str, Path],
              runs: dict[Any, Any]) -> list[dict[str, Any]]:
    """Per text type: MB/s of normalize, find and the reference, ratios, slowdown vs prose."""
    rows = []
    for kind in kinds:
        file = paths[kind.name].name
        row: dict[str, Any] = {"kind": kind, "mb": paths[kind.name].stat().st_size / 1e6}
        for key, competitor in (("norm", NORMALIZE), ("find", FIND), ("ref", REFERENCE),
                                ("fix", FIX_LINE), ("match", MATCH)):
            run = runs.get((file, competitor)) or {}
            row[key] = run.get("mb_s")
            row[key + "_hits"] = run.get("hits")
            if competitor == NORMALIZE and run:
                row["mb"] = run["mb"]
        run = runs.get((file, f"{BIG} {NORMALIZE}")) or {}
        row["big"] = run.get("mb_s")
        for key in ("norm", "find"):
            row[key + "_ratio"] = row[key] / row["ref"] if row[key] and row["ref"] else None
        # the context review's cost: find's time per MB less the matcher's alone
        row["review_ms"] = (1000 / row["find"] - 1000 / row["match"]
                            if row["find"] and row["match"] else None)
        quarter = paths.get(f"{kind.name}/4")
        run = runs.get((quarter.name, NORMALIZE)) if quarter else None
        row["quarter"] = run.get("mb_s") if run else None
        row["quarter_kb"] = quarter.stat().st_size / 1e3 if quarter else None
        rows.append(row)
    prose = next((r for r in rows if r["kind"].name == "prose"), None)
    for row in rows:
        for key in ("norm", "find", "ref"):
            base = prose and prose[key]
            row[key + "_slow"] = base / row[key] if base and row[key] else None
        target = TARGET_PROSE_RATIO if row["kind"].name == "prose" else TARGET_RATIO
        ratios = [row["norm_ratio"], row["find_ratio"]]
        row["met_ratio"] = None not in ratios and min(ratios) >= target
        slows = [row["norm_slow"], row["find_slow"]]
        row["met_slow"] = None not in slows and max(slows) <= TARGET_SLOWDOWN
        row["target"] = target
        row["met"] = row["met_ratio"] and (row["met_slow"] or not row["kind"].hostile)
    return rows


def ratio(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}×"


def speed(value: float | None) -> str:
    return "—" if value is None else fmt(value, 1 if value >= 10 else 2 if value >= 0.1 else 3)


def hits(row: dict[str, Any]) -> str:
    return " / ".join("—" if row[k] is None else f"{row[k]:,}"
                      for k in ("norm_hits", "find_hits", "ref_hits"))


TYPE_COLUMNS = ["text type", "MB", "normalize MB/s", "find MB/s", "reference MB/s",
                "normalize / ref", "find / ref", "target", "met",
                "matcher alone MB/s", "context review ms per MB",
                "mentions: changed / found / reference",
                f"normalize MB/s, bundled + 100k made-up forms (≥ {TARGET_BIG_MB_S:.0f})"]
HOSTILE_COLUMNS = ["hostile shape", "KB", "normalize MB/s", "find MB/s", "reference MB/s",
                   "normalize / ref", "find / ref", "met ≥ 0.8× ref",
                   "normalize s per MB (at ¼ of the size)",
                   "slowdown vs prose: normalize / find", "met ≤ 10× prose",
                   "reference slowdown vs prose", "mentions: changed / found / reference"]


def type_cells(row: dict[str, Any]) -> list[str]:
    met = "yes" if row["met"] else "**no**"
    yes_no = {True: "yes", False: "**no**"}
    if not row["kind"].hostile:
        return [row["kind"].label, f"{row['mb']:.2f}", speed(row["norm"]), speed(row["find"]),
                speed(row["ref"]), ratio(row["norm_ratio"]), ratio(row["find_ratio"]),
                f"≥ {row['target']:.1f}×", met, speed(row["match"]),
                "—" if row["review_ms"] is None else f"{row['review_ms']:.0f}", hits(row),
                "—" if row["big"] is None else
                f"{speed(row['big'])} ({'met' if row['big'] >= TARGET_BIG_MB_S else '**no**'})"]
    per_mb = f"{1 / row['norm']:.2f} s" if row["norm"] else "—"
    if row["quarter"]:
        per_mb += f" ({1 / row['quarter']:.2f} s)"
    return [row["kind"].label, f"{row['mb'] * 1000:.0f}", speed(row["norm"]),
            speed(row["find"]), speed(row["ref"]), ratio(row["norm_ratio"]),
            ratio(row["find_ratio"]), yes_no[row["met_ratio"]], per_mb,
            f"{ratio(row['norm_slow'])} / {ratio(row['find_slow'])}",
            yes_no[row["met_slow"]], ratio(row["ref_slow"]), hits(row)]


def types_section(rows: list[dict[str, Any]], runs: dict[Any, Any],
                  inputs: list[str]) -> list[str]:
    ordinary = [r for r in rows if not r["kind"].hostile]
    hostile = [r for r in rows if r["kind"].hostile]
    missed = [r["kind"].name for r in rows if not r["met"]]
    slow = [r["kind"].name for r in rows if r["kind"].hostile and not r["met_slow"]]
    lines = [
        "## Text types: translit against the reference, default table",
        "",
        "Targets (issue 14): **≥ 0.8× the reference on every type, ≥ 1.0× on English "
        "prose**, with the default table; **no hostile shape more than 10× slower per MB "
        "than prose**. \"met\" asks both normalize and find to reach them. "
        f"Targets missed: {len(missed)} of {len(rows)} types"
        + (f" ({', '.join(missed)})" if missed else "")
        + (f"; of them more than {TARGET_SLOWDOWN:.0f}× slower per MB than prose: "
           f"{', '.join(slow) or 'none'}." if any(r["kind"].hostile for r in rows) else "."),
        "",
        "translit: `Normalizer()` (the default table: `aliases.yaml`, the gazetteer's towns "
        "and regions), `normalize(text)` and `find(text)` "
        "with no `lang` (the language is told per paragraph, as by default). Reference: the "
        "pyahocorasick scan above over the same `Normalizer.variants()`, whole words, "
        "leftmost-longest, writing the replaced text; it knows no protected spans (code, "
        "URLs, tags), no case endings and no folding of diacritics (it scans "
        "`text.lower()`), so its mention count differs from translit's. Each in its own "
        "process, taking turns; MB/s of UTF-8 input per second of CPU time, best of the "
        f"runs (up to --repeat per round, fewer once the runs took {TYPE_BUDGET_S:.0f} s) "
        "and of the rounds. matcher alone: `translit.scan.match`, the mentions before "
        "the context review (`translit.context`); context review: find's time per MB "
        "less the matcher's, what the checks of a name discussed, historical, another "
        "person's or a word of the text's language cost. Last column: normalize with the "
        "default table and a user table of 25,000 made-up places of 4 forms each (100,000 "
        f"forms; the issue's target: ≥ {TARGET_BIG_MB_S:.0f} MB/s on every type).",
        "",
    ]
    for name in ("translit", "reference"):
        if isinstance(runs.get(name), str):
            lines += [f"**{name} worker failed: {runs[name]}**", ""]
    lines += [markdown_table(TYPE_COLUMNS, [type_cells(r) for r in ordinary]), ""]
    jsonl = next((r for r in ordinary if r["kind"].name == "jsonl"), None)
    if jsonl and jsonl["fix"]:
        lines += [
            f"JSON Lines: MB are those of the `text` values ({jsonl['mb']:.2f} MB); each "
            "competitor is called once per value. The corpus API that `translit normalize "
            "--jsonl --field text` runs on each line (`translit.corpus.records.fix_line`: JSON "
            f"parsing, normalizing, rewriting the line) does {speed(jsonl['fix'])} MB/s of "
            f"whole lines ({jsonl['fix_hits']:,} names changed).",
            "",
        ]
    if hostile:
        lines += [
            "Hostile shapes, each capped at the size shown (issue 14 measured up to 46 s per "
            "MB on some of them). Their normalize time per MB is also given at a quarter of "
            "that size: "
            "about the same figure means the work grows linearly with the size, so the cap "
            "hides no worse growth. slowdown vs prose: English prose's MB/s (first table) "
            "divided by the shape's, for translit (normalize / find) and for the reference. "
            "The mention counts show where translit leaves a shape alone (no mention found "
            "where the reference finds many).",
            "",
            markdown_table(HOSTILE_COLUMNS, [type_cells(r) for r in hostile]),
            "",
        ]
    lines += ["Inputs (seeded, or read from tests/; nothing downloaded):", "",
              *(f"- {line}" for line in inputs), ""]
    return lines


def type_inputs(kinds: list[matcher_texts.TextType], paths: dict[str, Path]) -> list[str]:
    lines = []
    for kind in kinds:
        what = matcher_texts.describe(kind)
        lines.append(f"{kind.name}: {paths[kind.name].stat().st_size / 1e6:.3g} MB"
                     + (f" ({paths[kind.name + '/4'].stat().st_size / 1e6:.3g} MB)"
                        if kind.hostile else "")
                     + f", {kind.label}" + ("" if what == kind.label else f": {what}"))
    return lines


def type_table_text(rows: list[dict[str, Any]]) -> str:
    header = ["text type", "MB", "normalize", "find", "reference", "norm/ref", "find/ref",
              "slowdown norm/find", "met", "100k"]
    body = [header] + [
        [r["kind"].name, f"{r['mb']:.3f}", speed(r["norm"]), speed(r["find"]), speed(r["ref"]),
         ratio(r["norm_ratio"]), ratio(r["find_ratio"]),
         f"{ratio(r['norm_slow'])} / {ratio(r['find_slow'])}" if r["kind"].hostile else "",
         "yes" if r["met"] else "no", speed(r.get("big"))]
        for r in rows
    ]
    widths = [max(len(line[i]) for line in body) for i in range(len(header))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True))
                     for line in body)


# ------------------------------------------------------------------------------- report


def header(command: str, elapsed: float, loads: tuple[float, list[float], float],
           types_loads: list[float]) -> list[str]:
    uname = platform.uname()
    start, during, end = loads
    seen = f", {min(during):.2f}–{max(during):.2f} as the workers started" if during else ""
    if types_loads and len(types_loads) < len(during):
        seen += (f" ({min(types_loads):.2f}–{max(types_loads):.2f} in the text types "
                 "section)")
    return [
        "# Matcher benchmark",
        "",
        f"- date: {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z} (end of the run)",
        f"- command: `{command}` ({elapsed / 60:.1f} min)",
        f"- translit {translit.__version__}, {git_state()}",
        f"- Python {platform.python_version()} ({platform.python_implementation()})",
        f"- machine: {platform.platform()}, {uname.machine}, os.cpu_count() = {os.cpu_count()}",
        f"- load average (1 min): {start:.2f} at the start{seen}, {end:.2f} at the end "
        "(the machine is shared; CPU time per process is measured, so others' load costs "
        "less than on a wall clock but still some: caches, frequency)",
        "",
    ]


def tables_section(rows: list[dict[str, Any]], inputs: list[str], starts: list[tuple[str, str]],
                   stream: dict[str, float]) -> list[str]:
    return [
        "## English prose: tables of 11k, 10k and 100k forms, other matchers",
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
    ]


def run_exported(rev: str, mode: str) -> int:
    """Run this command again on a clean export of commit ``rev`` (``git archive`` into a
    temporary folder), installed there by ``pip install --target`` with
    ``TRANSLIT_BUILD=mode`` and first on ``PYTHONPATH``; the working tree, which others
    may be editing, is only read. Its exit code."""
    import shutil

    commit = subprocess.run(["git", "rev-parse", "--verify", f"{rev}^{{commit}}"], cwd=HERE,
                            capture_output=True, text=True, check=True).stdout.strip()
    folder = Path(tempfile.mkdtemp(prefix=f"bench-translit-{commit[:7]}-"))
    try:
        parts = ["src", "aliases.yaml", "pyproject.toml", "README.md", "LICENSE", "hatch_build.py"]
        archive = subprocess.run(["git", "archive", "--format=tar", commit, *parts],
                                 cwd=HERE.parent, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
        print(f"installing commit {commit[:7]} (TRANSLIT_BUILD={mode}) ...", file=sys.stderr)
        site = folder / "site"
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                        "--disable-pip-version-check", "--target", str(site), str(folder)],
                       env={**os.environ, "TRANSLIT_BUILD": mode}, check=True)
        path = os.pathsep.join(p for p in (str(site), os.environ.get("PYTHONPATH")) if p)
        env = {**os.environ, "PYTHONPATH": path, SOURCE_ENV: f"{commit} {folder} {mode}"}
        print(f"measuring commit {commit[:7]} exported to {folder}", file=sys.stderr)
        return subprocess.run([sys.executable, str(Path(__file__).resolve()), *sys.argv[1:]],
                              env=env).returncode
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="0.25 and 1 MB texts, no 100k table, 20 MB streaming, text "
                        "types of 0.25 MB and hostile shapes of 20 KB; prints only")
    parser.add_argument("--types", default=None, metavar="LIST",
                        help="only these text types, comma-separated (all, ordinary, hostile, "
                        f"{', '.join(matcher_texts.ALL)}); leaves out the tables, start-up "
                        "and memory; prints only unless --output")
    parser.add_argument("--type-mb", type=float, default=None,
                        help=f"MB per text type (default {TYPE_MB:g}, --quick 0.25)")
    parser.add_argument("--hostile-kb", type=float, default=None,
                        help=f"KB per hostile shape (default {HOSTILE_KB}, --quick 20)")
    parser.add_argument("--rev", default=None, metavar="COMMIT",
                        help="measure a clean export of this commit (git archive; e.g. HEAD) "
                        "instead of the working tree")
    parser.add_argument("--build", choices=("auto", "compiled", "pure"), default=None,
                        help="how the export is built (TRANSLIT_BUILD; default auto: compiled "
                        "when a C compiler works, as pip install . does); implies --rev HEAD")
    parser.add_argument("--repeat", type=int, default=None, help="runs per text (best kept)")
    parser.add_argument("--rounds", type=int, default=None,
                        help="turns of the competitors, taken in turn (best kept; "
                        "default 2, --quick 1)")
    parser.add_argument("--output", type=Path, default=None,
                        help=f"Markdown report (default: {RESULTS.relative_to(HERE.parent)}; "
                        "--quick or --types: none)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--table", help=argparse.SUPPRESS)
    parser.add_argument("--variants", help=argparse.SUPPRESS)
    parser.add_argument("--text", action="append", default=[], help=argparse.SUPPRESS)
    parser.add_argument("--budget", type=float, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        run_worker(args)
        return
    if (args.rev or args.build) and not os.environ.get(SOURCE_ENV):
        sys.exit(run_exported(args.rev or "HEAD", args.build or "auto"))
    began = time.perf_counter()
    load_start = os.getloadavg()[0]
    kinds = selected_types(args.types)
    only_types = args.types is not None
    sizes = [0.25, 1.0] if args.quick else [1.0, 4.0, 16.0]
    repeat = args.repeat or (2 if args.quick else 3)
    args.rounds = args.rounds or (1 if args.quick else 2)
    type_mb = args.type_mb or (0.25 if args.quick else TYPE_MB)
    hostile_kb = args.hostile_kb or (20 if args.quick else HOSTILE_KB)
    stream_mb = 20 if args.quick else 200
    output = args.output or (
        None if args.quick or only_types
        else RESULTS if measured_build() == "compiled" else RESULTS_PURE
    )
    with tempfile.TemporaryDirectory(prefix="bench-matcher-") as name:
        tmp = Path(name)
        os.environ["TRANSLIT_NO_CACHE"] = "1"
        bundled = translit.Normalizer()
        folded = {form for form, _, _ in bundled.variants()}
        del os.environ["TRANSLIT_NO_CACHE"]
        # every translit process from here on caches compiled tables here, not in ~/.cache
        os.environ["TRANSLIT_CACHE_DIR"] = str(tmp / "cache")
        canonical, variants = bundled_forms(folded)
        big = synthetic_entities(25_000, folded)
        in_text = [name for _, name, _ in big[:2_500:50]] + [v for _, _, vs in big[:200:40]
                                                            for v in vs]

        # text types, bundled table
        print(f"text types ({len(kinds)}):", file=sys.stderr)
        names = canonical + variants
        ctx = matcher_texts.Context(
            english=lambda megabytes, seed: news_prose(megabytes, names, names, seed),
            names=names,
            table=yaml.safe_load(bundled_table_path().read_text(encoding="utf-8")),
        )
        paths = write_type_inputs(kinds, tmp / "types", type_mb, hostile_kb, ctx)
        dump_bundled = tmp / "variants-bundled.tsv"
        dump_variants(bundled, dump_bundled)
        os.environ["TRANSLIT_CACHE_DIR"] = str(tmp / "cache-types")  # the tables' builds
        big_table = None
        if not args.quick:  # the bundled table and 100k made-up forms, on every type
            big_table = tmp / "places-25000.yaml"
            write_table(big_table, big)
        type_runs = run_types(paths, dump_bundled, repeat, args.rounds, big_table)  # start empty
        types_loads = list(LOADS)
        os.environ["TRANSLIT_CACHE_DIR"] = str(tmp / "cache")
        trows = type_rows(kinds, paths, type_runs)
        tinputs = type_inputs(kinds, paths)

        if not only_types:
            rows, inputs, starts, stream = tables(args, tmp, sizes, repeat, stream_mb,
                                                  canonical, variants, big, in_text)
    elapsed = time.perf_counter() - began
    loads = (load_start, LOADS, os.getloadavg()[0])
    command = shlex.join(["python", "benchmarks/bench_matcher.py", *sys.argv[1:]])
    print(type_table_text(trows))
    print()
    if not only_types:
        print(text_table(rows))
        print()
        for what, value in starts:
            print(f"{what}: {value}")
        print(f"translit normalize on {stream['mb']:.0f} MB: peak RSS "
              f"{stream['peak_mb']:,.0f} MB, {stream['seconds']:.1f} s, "
              f"{stream['out_mb']:.0f} MB written, exit {stream['exit']:.0f}")
    print(f"total {elapsed / 60:.1f} min; load average (1 min) {loads[0]:.2f} at the start, "
          f"{loads[2]:.2f} at the end")
    if output is not None:
        text = [*header(command, elapsed, loads, types_loads),
                *types_section(trows, type_runs, tinputs)]
        if not only_types:
            text += tables_section(rows, inputs, starts, stream)
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text("\n".join(text), "utf-8")
        print(f"written to {output}")


def tables(args: argparse.Namespace, tmp: Path, sizes: list[float], repeat: int,
           stream_mb: int, canonical: list[str], variants: list[str],
           big: list[tuple[str, str, list[str]]], in_text: list[str]) -> tuple[
               list[dict[str, Any]], list[str], list[tuple[str, str]], dict[str, float]]:
    """The English prose section: each table and competitor, start-up, streaming memory."""
    tables = {"bundled": "bundled"}
    for count in (2_500,) if args.quick else (2_500, 25_000):
        path = tmp / f"places-{count}.yaml"
        write_table(path, big[:count])
        tables[f"synthetic {4 * count // 1000}k"] = str(path)
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
    return rows_of(results), inputs, starts, stream


if __name__ == "__main__":
    main()
