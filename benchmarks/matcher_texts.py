"""The text types of ``bench_matcher.py``: generated (seeded) or read from ``tests/``.

Each generator takes a target size in bytes, a seeded ``random.Random`` and a
:class:`Context` (what ``bench_matcher.py`` knows of the bundled table) and returns a
text of about that size (the ordinary types: at least that size, in whole paragraphs or
records; the hostile shapes: cut to exactly that size in bytes). Nothing is downloaded.

Ordinary types (``TYPES``) and hostile shapes (``HOSTILE``) are listed with a one-line
description each, which the report prints.
"""

from __future__ import annotations

import itertools
import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
MENTION_EVERY = 200  # characters of prose per name mention, on average (as bench_matcher)


@dataclass
class Context:
    """What the generators need from ``bench_matcher.py``.

    english(megabytes, seed): its English news prose (one paragraph per line) with the
    bundled table's display forms; names: those display forms; table: the bundled
    ``aliases.yaml`` as loaded.
    """

    english: Callable[[float, int], str]
    names: list[str]
    table: dict[str, Any]


Generator = Callable[[int, random.Random, Context], str]


# ------------------------------------------------------------------------------ helpers


def english_paragraphs(size: int, seed: int, ctx: Context) -> list[str]:
    """Paragraphs of English news prose, ``size`` bytes of them at least."""
    return [p for p in ctx.english(size / 1e6, seed).split("\n") if p]


def exact(text: str, size: int) -> str:
    """``text`` cut to ``size`` bytes of UTF-8 (a character cut in two is dropped)."""
    return text.encode()[:size].decode("utf-8", "ignore")


def insert_words(paragraph: str, pieces: list[str], rnd: random.Random) -> str:
    """``paragraph`` with each of ``pieces`` inserted between two of its words."""
    words = paragraph.split(" ")
    for piece in pieces:
        words.insert(rnd.randint(1, len(words)), piece)
    return " ".join(words)


def slug(rnd: random.Random, ctx: Context, words: int = 4) -> str:
    """A URL slug of lower-case words, about one in two with a name in it."""
    parts = rnd.sample(SLUG_WORDS, words)
    if rnd.random() < 0.5:
        name = rnd.choice(ctx.names).lower().replace(" ", "-")
        parts.insert(rnd.randint(0, len(parts)), name)
    return "-".join(parts)


def ascii_name(rnd: random.Random, ctx: Context) -> str:
    """A display form written in ASCII letters only (e-mail local parts, paths)."""
    while True:
        name = rnd.choice(ctx.names)
        if name.isascii() and name.replace(" ", "").replace("-", "").isalpha():
            return name


SLUG_WORDS = """news world europe politics talks visit border sanctions election protest
    opposition economy energy grid gas trade president minister court prison interview
    analysis report live updates video photos war peace summit army drone strike""".split()
HOSTS = ["www.example.com", "news.example.org", "example.net", "www.example.by",
         "media.example.com.ua", "press.example.ru", "cdn.example.pl"]
SECTIONS = ["world", "europe", "news", "politics", "en/news", "article", "story"]


def url(rnd: random.Random, ctx: Context) -> str:
    """A news article URL: host, section, date, a slug; sometimes a query."""
    address = (f"https://{rnd.choice(HOSTS)}/{rnd.choice(SECTIONS)}/{rnd.randint(2014, 2025)}/"
               f"{rnd.randint(1, 12):02d}/{rnd.randint(1, 28):02d}/{slug(rnd, ctx)}")
    if rnd.random() < 0.3:
        source = rnd.choice(["twitter", "rss", "newsletter"])
        address += f"?utm_source={source}&id={rnd.randint(1, 99999)}"
    return address


def email(rnd: random.Random, ctx: Context) -> str:
    """first.last@host, the name part sometimes a surname of the table."""
    first = rnd.choice(["olga", "ivan", "anna", "press", "news", "info", "desk", "k.smith"])
    last = ascii_name(rnd, ctx).split()[-1].lower() if rnd.random() < 0.5 else rnd.choice(
        ["smith", "kowalska", "mueller", "dupont", "petrova", "editor"])
    return f"{first}.{last}@{rnd.choice(HOSTS).removeprefix('www.')}"


# ------------------------------------------------------------------------ English types


def prose(size: int, rnd: random.Random, ctx: Context) -> str:
    """bench_matcher's English news prose (the same generator as the tables' texts)."""
    return ctx.english(size / 1e6, rnd.randint(0, 2**31))


def dense(size: int, rnd: random.Random, ctx: Context) -> str:
    """The five seed articles of tests/corpus, in order, repeated."""
    articles = [p.read_text("utf-8").rstrip("\n") for p in sorted((ROOT / "tests" / "corpus")
                                                                  .glob("*.txt"))]
    one = "\n".join(articles) + "\n"
    return one * -(-size // len(one.encode()))


CODE_SPANS = ["`translit normalize`", "`--lang pl`", "`aliases.yaml`", "`Normalizer()`",
              "`pip install translit`", "`x = 1`", "`None`", "`--jsonl`", "`git log -p`",
              "`{name}`", "`{lower}`", "`data/{lower}.csv`", "`SELECT name FROM places`"]
CODE_LINES = ['city = "{name}"', "# fetch the {lower} feed", "for item in items:",
              "    print(item, file=sys.stderr)", "curl -s https://api.example.org/v1/{lower}",
              '{{"name": "{name}", "population": {n}}}', "import translit",
              "SELECT * FROM places WHERE name = '{name}';", "result = normalize(text)",
              "    return {{'{lower}': {n}}}", "", "x = [i * 2 for i in range({n})]"]


def fill(template: str, rnd: random.Random, ctx: Context) -> str:
    name = rnd.choice(ctx.names)
    return template.format(name=name, lower=name.lower().replace(" ", "_"),
                           n=rnd.randint(1, 100000))


def link(rnd: random.Random, ctx: Context) -> str:
    if rnd.random() < 0.3:
        text = rnd.choice(ctx.names)
    else:
        text = " ".join(rnd.sample(SLUG_WORDS, rnd.randint(1, 4)))
    if rnd.random() < 0.1:
        return f"<{url(rnd, ctx)}>"
    return f"[{text}]({url(rnd, ctx)})"


def markdown(size: int, rnd: random.Random, ctx: Context) -> str:
    """English prose as a Markdown document: headings, paragraphs with 0-3 inline code
    spans and 0-2 links, fenced code blocks (``` and ~~~) with names in strings and
    comments, lists and quotes."""
    paragraphs = english_paragraphs(size, rnd.randint(0, 2**31), ctx)
    blocks = [f"# {' '.join(rnd.sample(SLUG_WORDS, 4)).capitalize()}"]
    total = 0
    for paragraph in itertools.cycle(paragraphs):
        roll = rnd.random()
        if roll < 0.08:
            block = f"## {rnd.choice(ctx.names)} {' '.join(rnd.sample(SLUG_WORDS, 3))}"
        elif roll < 0.20:
            fence = "~~~" if rnd.random() < 0.25 else "```"
            lines = [fill(rnd.choice(CODE_LINES), rnd, ctx) for _ in range(rnd.randint(3, 12))]
            block = "\n".join([fence + rnd.choice(["python", "sh", "json", "sql", ""]), *lines,
                               fence])
        elif roll < 0.28:
            items = paragraph.split(". ")[:5]
            block = "\n".join(
                "- " + insert_words(item, [fill(rnd.choice(CODE_SPANS), rnd, ctx)], rnd)
                for item in items)
        elif roll < 0.33:
            block = "> " + paragraph
        else:
            pieces = [fill(rnd.choice(CODE_SPANS), rnd, ctx) for _ in range(rnd.randint(0, 3))]
            pieces += [link(rnd, ctx) for _ in range(rnd.randint(0, 2))]
            block = insert_words(paragraph, pieces, rnd)
        blocks.append(block)
        total += len(block.encode()) + 2
        if total >= size:
            break
    return "\n\n".join(blocks) + "\n"


def html(size: int, rnd: random.Random, ctx: Context) -> str:
    """English prose as an HTML article: <p> paragraphs with links (names in some href),
    <em>/<strong>, entities, headings, figures with alt text, lists; one element a line."""
    paragraphs = english_paragraphs(size, rnd.randint(0, 2**31), ctx)
    lines = ['<!DOCTYPE html>', '<html lang="en"><head><meta charset="utf-8">',
             f"<title>{rnd.choice(ctx.names)} news</title></head><body><article>"]
    total = 0
    for paragraph in itertools.cycle(paragraphs):
        roll = rnd.random()
        if roll < 0.06:
            line = f"<h2>{rnd.choice(ctx.names)} &amp; {' '.join(rnd.sample(SLUG_WORDS, 3))}</h2>"
        elif roll < 0.12:
            name = rnd.choice(ctx.names)
            line = (f'<figure><img src="/img/{slug(rnd, ctx)}.jpg" alt="{name} in 2022" '
                    f'width="640"><figcaption>{name}. Photo: Reuters</figcaption></figure>')
        elif roll < 0.16:
            line = "<ul>" + "".join(f"<li>{s}</li>" for s in paragraph.split(". ")[:4]) + "</ul>"
        else:
            pieces = [f'<a href="{url(rnd, ctx)}">{" ".join(rnd.sample(SLUG_WORDS, 2))}</a>'
                      for _ in range(rnd.randint(0, 2))]
            pieces += [f"<{tag}>{rnd.choice(ctx.names)}</{tag}>"
                       for tag in rnd.sample(["em", "strong", "b", "i"], rnd.randint(0, 1))]
            pieces += ["&nbsp;&mdash;"] * (rnd.random() < 0.2)
            line = f'<p class="{rnd.choice(["lead", "body", "text"])}">' \
                   f"{insert_words(paragraph, pieces, rnd)}</p>"
        lines.append(line)
        total += len(line.encode()) + 1
        if total >= size:
            break
    return "\n".join([*lines, "</article></body></html>"]) + "\n"


def urls(size: int, rnd: random.Random, ctx: Context) -> str:
    """English prose with one URL (two in three paragraphs) or e-mail address (one in
    three) per paragraph, at a random place, sometimes in parentheses or before a full
    stop."""
    paragraphs = english_paragraphs(size, rnd.randint(0, 2**31), ctx)
    out = []
    for paragraph in paragraphs:
        piece = url(rnd, ctx) if rnd.random() < 2 / 3 else email(rnd, ctx)
        piece = rnd.choice([piece, piece, f"({piece})", f"{piece}.", f"<{piece}>"])
        out.append(insert_words(paragraph, [piece], rnd))
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------- other languages


@dataclass
class Language:
    """A vocabulary (Zipf-weighted), connectors, the names its press writes, and how."""

    vocabulary: list[str]
    connectors: list[str]
    names: list[str]
    mention: Callable[[str, random.Random], str]

    def __post_init__(self) -> None:
        self.weights = list(itertools.accumulate(1 / (r + 3) for r in range(len(self.vocabulary))))


def sentence_words(rnd: random.Random, vocabulary: list[str], weights: list[float]) -> list[str]:
    """The words of one generated sentence (8 to 24, by frequency), with a few numbers
    and commas."""
    words = rnd.choices(vocabulary, cum_weights=weights, k=rnd.randint(8, 24))
    for i in range(len(words)):
        roll = rnd.random()
        if roll < 0.02:
            words[i] = str(rnd.randint(2, 2025))
        elif roll < 0.05:
            words[i] += ","
    return words


def news(size: int, rnd: random.Random, languages: list[Language]) -> str:
    """News prose of at least ``size`` bytes, one paragraph a line, each paragraph in one
    of ``languages``, ~1 mention per MENTION_EVERY characters (as bench_matcher's)."""
    paragraphs: list[str] = []
    total = 0
    while total < size:
        lang = rnd.choice(languages)
        sentences = []
        for _ in range(rnd.randint(3, 7)):
            words = sentence_words(rnd, lang.vocabulary, lang.weights)
            expected = (sum(map(len, words)) + len(words) + 1) / (MENTION_EVERY - 20)
            for _ in range(int(expected) + (rnd.random() < expected % 1)):
                said = [rnd.choice(lang.connectors)] if rnd.random() < 0.4 else []
                words[rnd.randint(0, len(words)):0] = [lang.mention(rnd.choice(lang.names), rnd),
                                                        *said]
            sentence = " ".join(words)
            sentences.append(sentence[0].upper() + sentence[1:] + rnd.choice("....?"))
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        total += len(paragraph.encode()) + 1
    return "\n".join(paragraphs) + "\n"


def inflected(words: list[str], endings: str) -> list[str]:
    """``words`` and, after them, each word with each ending (a vocabulary of many forms,
    so that no per-word cache is flattered); the bare words stay the most frequent."""
    forms = [w + e for e in endings.split() for w in words if len(w) > 3]
    random.Random(0).shuffle(forms)
    return list(dict.fromkeys(words + forms))


def quoted(form: str, rnd: random.Random, left: str, right: str, caps: float = 0.02) -> str:
    roll = rnd.random()
    if roll < 0.06:
        return f"{left}{form}{right}"
    if roll < 0.06 + caps:
        return form.upper()
    return form


def cyrillic_mention(form: str, rnd: random.Random) -> str:
    return quoted(form, rnd, "«", "»", 0.03)


def polish_mention(form: str, rnd: random.Random) -> str:
    """Some forms in a case (Łukaszenki, Kijowie-like endings), some quoted „...”."""
    if rnd.random() < 0.3 and " " not in form:
        if form.endswith("ka"):
            return form[:-1] + rnd.choice(["i", "ę", "ą"])
        if form.endswith("a"):
            return form[:-1] + rnd.choice(["y", "ę", "ą"])
        if form[-1] in "bcdfghjklłmnprstwzż":
            return form + rnd.choice(["a", "u", "em", "owi"])
    return quoted(form, rnd, "„", "”")


def german_mention(form: str, rnd: random.Random) -> str:
    """One in ten with the genitive -s (Lukaschenkos), some quoted „...“."""
    if rnd.random() < 0.1 and not form.endswith(("s", "z", "x")):
        return form + "s"
    return quoted(form, rnd, "„", "“")


def french_mention(form: str, rnd: random.Random) -> str:
    """Some after d' or l' (when the form starts with a vowel), some in « ... » with
    no-break spaces."""
    if rnd.random() < 0.15 and form[0] in "AEIOUYÉ":
        return rnd.choice(["d'", "l'", "d’"]) + form
    return quoted(form, rnd, "«\u00a0", "\u00a0»")


POLISH = """i w nie na że z po się to jak za do od dla o u już także było były będzie
    powiedział powiedziała oświadczył poinformował prezydent rząd minister ministerstwo szef
    władze kraj kraju miasto obwodu rejon roku rok lat tygodniu miesiąc czas dzisiaj wczoraj
    jutro przed między przeciw przez podczas wybory wyborów opozycja protesty policja armia
    wojska wojskowi granica sankcje gospodarka handel gaz ropa energia ceny bank budżet
    rozmowy spotkanie wizyta ambasador ambasada sąd wyrok więźniów politycznych dziennikarze
    wiadomości agencja oświadczenie źródła dane według międzynarodowy narodowy lokalni
    mieszkańcy ludzie dzieci szkoła uniwersytet szpital most droga kolej lotnisko zima wiosna
    lato jesień rano wieczorem nocy poniedziałek wtorek środa czwartek piątek sobota
    niedziela stycznia lutego marca kwietnia czerwca lipca sierpnia września października
    listopada grudnia który która które ich jego jej oraz jednak tylko jeszcze bardzo
    Unii Europejskiej NATO Rosji Ukrainy Białorusi Polski""".split()
GERMAN = """und der die das in den von zu mit sich des auf für ist im dem nicht ein eine
    als auch es an er sie hat wurde werden sagte erklärte Präsident Regierung Minister
    Ministerium Chef Behörden Land Landes Stadt Region Bezirk Jahr Jahres Jahren Woche Monat
    Zeit heute gestern nach vor zwischen gegen durch während Wahl Wahlen Opposition Proteste
    Polizei Armee Truppen Militär Grenze Sanktionen Wirtschaft Handel Gas Öl Energie Preise
    Bank Haushalt Gespräche Treffen Besuch Botschafter Botschaft Gericht Urteil Gefangene
    politischen Journalisten Nachrichten Agentur Erklärung Quellen Angaben laut
    internationalen nationalen örtlichen Einwohner Menschen Kinder Schule Universität
    Krankenhaus Brücke Straße Bahn Flughafen Winter Frühling Sommer Herbst Morgen Abend Nacht
    Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag Januar Februar März April Mai
    Juni Juli August September Oktober November Dezember dass aber noch nur schon sehr wie
    Europäischen Union NATO Russland Ukraine Belarus Machthaber Kreml""".split()
FRENCH = """et le la les de des du un une en dans pour sur avec par au aux ne pas qui que
    il elle ils est a été sera déclaré annoncé selon président gouvernement ministre
    ministère chef autorités pays ville région district année ans semaine mois temps
    aujourd'hui hier demain après avant entre contre pendant élection élections opposition
    manifestations police armée troupes militaires frontière sanctions économie commerce
    gaz pétrole énergie prix banque budget négociations rencontre visite ambassadeur
    ambassade tribunal condamné prisonniers politiques journalistes nouvelles agence
    communiqué sources données international national locaux habitants gens enfants école
    université hôpital pont route aéroport hiver printemps été automne matin soir nuit lundi
    mardi mercredi jeudi vendredi samedi dimanche janvier février mars avril mai juin juillet
    août septembre octobre novembre décembre l'opposition l'armée d'après qu'il n'est
    Union européenne OTAN Russie Ukraine Biélorussie Kremlin""".split()
CONNECTORS = {
    "ru": ["заявил", "сообщил", "по словам источников", "в понедельник", "на прошлой неделе"],
    "uk": ["заявив", "повідомив", "за словами джерел", "у понеділок", "минулого тижня"],
    "be": ["заявіў", "паведаміў", "паводле крыніц", "у панядзелак", "на мінулым тыдні"],
    "pl": ["powiedział", "poinformował", "według źródeł", "w poniedziałek", "w zeszłym tygodniu"],
    "de": ["sagte", "teilte mit", "nach Angaben", "am Montag", "in der vergangenen Woche"],
    "fr": ["a déclaré", "a annoncé", "selon des sources", "lundi", "la semaine dernière"],
}


def table_forms(ctx: Context, lang: str, key: str) -> list[str]:
    """The table's ``key`` forms ("original" or "variants") of ``lang``, and a person's
    surname (the last word) alone too."""
    forms: set[str] = set()
    for entity in ctx.table["entities"]:
        value = (entity.get(key) or {}).get(lang) or []
        for form in value if isinstance(value, list) else [value]:
            text = form["form"] if isinstance(form, dict) else form
            forms.add(text)
            if entity["type"] == "person" and " " in text:
                forms.add(text.rsplit(None, 1)[1])
    return sorted(forms)


def samples(lang: str) -> list[str]:
    """The press spellings of a language file's transcription samples (src/translit/languages)."""
    import translit  # the measured one (bench_matcher.py --rev: an export of a commit)

    folder = Path(translit.__file__).parent / "data" / "languages"
    doc = yaml.safe_load((folder / f"{lang}.yaml").read_text("utf-8"))
    return sorted({latin for _, latin in doc["transcription"]["samples"]})


def cyrillic(size: int, rnd: random.Random, ctx: Context) -> str:
    """Russian, Ukrainian and Belarusian news (a language per paragraph): the word lists of
    bench_transliterate.py with their endings, and the table's original
    Cyrillic forms of that language."""
    from bench_transliterate import ENDINGS, WORDS

    languages = [Language(inflected(WORDS[lang].split(), ENDINGS[lang]), CONNECTORS[lang],
                          table_forms(ctx, lang, "original"), cyrillic_mention)
                 for lang in ("ru", "uk", "be")]
    return news(size, rnd, languages)


def latin_language(lang: str, words: list[str], endings: str,
                   mention: Callable[[str, random.Random], str]) -> Generator:
    def generate(size: int, rnd: random.Random, ctx: Context) -> str:
        names = sorted(set(samples(lang)) | set(table_forms(ctx, lang, "variants")))
        return news(size, rnd, [Language(inflected(words, endings), CONNECTORS[lang], names,
                                         mention)])

    generate.__doc__ = (f"{lang} news: ordinary words (with endings), the language file's "
                        f"sample spellings and the table's {lang} variants")
    return generate


def jsonl(size: int, rnd: random.Random, ctx: Context) -> str:
    """bench_corpus.py's news-crawl records (id, url, title, text of 2-6 paragraphs of the
    tests/corpus articles, published, meta), about 2 KB each, one JSON object a line."""
    from bench_corpus import records

    return "".join(json.dumps(r, ensure_ascii=False) + "\n"
                   for r in records(size / 1e6, seed=rnd.randint(0, 2**31)))


# ----------------------------------------------------------------------- hostile shapes


def kiev_hyphen(size: int, rnd: random.Random, ctx: Context) -> str:
    """`"Kiev-" * N`, cut to the size"""
    return exact("Kiev-" * (size // 5 + 1), size)


def kiev_apostrophe(size: int, rnd: random.Random, ctx: Context) -> str:
    """`"Kiev'" * N`, cut to the size"""
    return exact("Kiev'" * (size // 5 + 1), size)


def segment(rnd: random.Random, ctx: Context) -> str:
    roll = rnd.random()
    if roll < 0.5:
        name = ascii_name(rnd, ctx)
        return rnd.choice([name.replace(" ", "_"), name.lower().replace(" ", "-"),
                           name.replace(" ", ""), f"{name.split()[-1]}-{rnd.randint(1990, 2025)}"])
    if roll < 0.6:
        return str(rnd.randint(1, 2025))
    return rnd.choice([*SLUG_WORDS, "src", "data", "home", "var", "log", "tmp", "v1", "api"])


def paths(size: int, rnd: random.Random, ctx: Context) -> str:
    """File paths of 20-80 segments, one per line, names in half of the segments."""
    lines, total = [], 0
    while total < size:
        parts = [segment(rnd, ctx) for _ in range(rnd.randint(20, 80))]
        line = "/" + "/".join(parts) + rnd.choice([".txt", ".json", ".md", "/", ".tar.gz"])
        lines.append(line)
        total += len(line) + 1
    return exact("\n".join(lines) + "\n", size)


def url_chains(size: int, rnd: random.Random, ctx: Context) -> str:
    """Lines of 5-30 URLs run together with no space (redirect and tracking chains)."""
    lines, total = [], 0
    while total < size:
        chain = [url(rnd, ctx) for _ in range(rnd.randint(5, 30))]
        line = "".join(u + rnd.choice(["?next=", "&url=", "#", ",", ""]) for u in chain)
        lines.append(line)
        total += len(line) + 1
    return exact("\n".join(lines) + "\n", size)


def backticks(size: int, rnd: random.Random, ctx: Context) -> str:
    """English prose with a backtick every ~15 characters: a third of the words in
    `code spans`, stray single backticks and some ``` runs."""
    out = []
    for paragraph in english_paragraphs(size, rnd.randint(0, 2**31), ctx):
        words = paragraph.split(" ")
        for i, word in enumerate(words):
            roll = rnd.random()
            if roll < 0.3:
                words[i] = f"`{word}`"
            elif roll < 0.35:
                words[i] = word + "`"
            elif roll < 0.36:
                words[i] = "```" + word
        out.append(" ".join(words))
    return exact("\n".join(out) + "\n", size)


def long_token(size: int, rnd: random.Random, ctx: Context) -> str:
    """One token of letters and digits, as long as the size: names and words run together
    in lower case (as in a hash, a base64 blob or a minified identifier)."""
    pieces, total = [], 0
    while total < size:
        piece = (ascii_name(rnd, ctx).lower().replace(" ", "") if rnd.random() < 0.4
                 else rnd.choice([*SLUG_WORDS, str(rnd.randint(0, 999))]))
        pieces.append(piece)
        total += len(piece)
    return exact("".join(pieces), size)


def names_no_spaces(size: int, rnd: random.Random, ctx: Context) -> str:
    """Lines of 50-400 display forms of the table joined with no space, by one of
    `,;/|+.:#_` or by nothing; a multi-word name's space becomes nothing, `_`, `-` or `.`"""
    lines, total = [], 0
    while total < size:
        names = []
        for _ in range(rnd.randint(50, 400)):
            name = rnd.choice(ctx.names)
            names.append(name.replace(" ", rnd.choice(["", "_", "-", "."])) if " " in name
                         else name)
            names.append(rnd.choice([",", ";", "/", "|", "+", ".", ":", "#", "_", ""]))
        line = "".join(names)
        lines.append(line)
        total += len(line.encode()) + 1
    return exact("\n".join(lines) + "\n", size)


# ---------------------------------------------------------------------------- registry


@dataclass(frozen=True)
class TextType:
    name: str
    label: str
    generate: Generator
    hostile: bool = False
    suffix: str = ".txt"


TYPES = [
    TextType("prose", "English news prose", prose),
    TextType("dense", "name-dense news (tests/corpus/*.txt, repeated)", dense),
    TextType("markdown", "Markdown: inline code, fences, links", markdown),
    TextType("html", "HTML paragraphs", html),
    TextType("urls", "prose with URLs and e-mail addresses (one per paragraph)", urls),
    TextType("cyrillic", "Cyrillic news (ru, uk, be)", cyrillic),
    TextType("polish", "Polish news", latin_language("pl", POLISH, "a u y i em ie ów ami ach ą ę",
                                                     polish_mention)),
    TextType("german", "German news", latin_language("de", GERMAN, "e en er es s n",
                                                     german_mention)),
    TextType("french", "French news", latin_language("fr", FRENCH, "s e es", french_mention)),
    TextType("jsonl", "JSON Lines records (the text field)", jsonl, suffix=".jsonl"),
]
HOSTILE = [
    TextType("kiev-hyphen", '`"Kiev-" * N`', kiev_hyphen, True),
    TextType("kiev-apostrophe", "`\"Kiev'\" * N`", kiev_apostrophe, True),
    TextType("paths", "long file paths, no spaces", paths, True),
    TextType("url-chains", "URL chains, no spaces", url_chains, True),
    TextType("backticks", "prose with thousands of backticks", backticks, True),
    TextType("long-token", "a single very long token", long_token, True),
    TextType("names-no-spaces", "names joined by punctuation, no spaces", names_no_spaces, True),
]
ALL = {t.name: t for t in TYPES + HOSTILE}


def describe(kind: TextType) -> str:
    """The first sentence of a generator's docstring, on one line."""
    doc = " ".join((kind.generate.__doc__ or "").split())
    return doc.split(". ")[0].rstrip(".") if doc else kind.label
