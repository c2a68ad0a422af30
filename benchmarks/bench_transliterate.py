"""Throughput of translit.transliterate against unidecode and iuliia on Cyrillic news prose.

The prose is generated, not downloaded: seeded random sentences from a built-in word
list per language (Ukrainian, Belarusian, Russian), with names, numbers, quotes,
acronyms in capitals and apostrophes, ~10 MB of UTF-8 each. Every library romanizes
the same text; the script prints MB/s (UTF-8 input bytes per second, best of
``--repeat`` runs) and translit's speed relative to the others.

    PYTHONPATH=src python benchmarks/bench_transliterate.py            # ~10 MB per language
    PYTHONPATH=src python benchmarks/bench_transliterate.py --mb 2 --repeat 1

iuliia (``pip install iuliia``) is optional; it is skipped when not installed.
"""

from __future__ import annotations

import argparse
import itertools
import random
import time
import warnings
from collections.abc import Callable

from unidecode import unidecode

from translit.romanize import FallbackWarning, SchemeSet

WORDS = {
    "uk": """україна президент уряд заявив заявила що у в на з за до від після під час році
        року війни області місті міста сьогодні вчора також понад тисяч мільйонів гривень
        людей військових збройних сил оборони міністр міністерство закордонних справ
        економіки енергетики нафти газу зерна експорту переговорів зустріч делегації
        європейського союзу обстрілу ракетних ударів дронів позиції фронту наступу їхні
        її його йому їй яке який яка які є буде було були має можуть щодо через об'єкти
        з'їзд п'ять сім'я пам'яті інфраструктури електроенергії відновлення допомоги
        гуманітарної місцевої влади голова адміністрації повідомив повідомляє джерело
        журналісти агентство новин рішення парламенту верховної ради законопроєкт
        підтримки партнерів озброєння згодом розгляд згідно ювілей ялинка юристи""",
    "be": """беларусь рэспублікі прэзідэнт урад заявіў заявіла што ў у на з за да ад пасля
        пад час годзе года вайны вобласці горадзе горада сёння ўчора таксама больш тысяч
        мільёнаў рублёў людзей міністр міністэрства замежных спраў эканомікі энергетыкі
        нафты газу экспарту перамоваў сустрэча дэлегацыі еўрапейскага саюза апазіцыі
        выбараў палітычных зняволеных вызвалення суда пратэсту журналістаў незалежных
        медыя свабоды праваабаронцаў яе яго ёй іх яны ён яна гэта але каб калі пра
        паводле паведамляе агенцтва навін з'езд сям'я аб'ява вераб'і падзеі вуліцы
        новае старое людзьмі восень зіма вясна лета восьмага дзясятага пяць сёмы
        адукацыі мовы беларускай культуры гісторыі памяці нацыянальнай бібліятэкі""",
    "ru": """россия президент правительство заявил заявила что в на с за до от после под
        время году года войны области городе города сегодня вчера также более тысяч
        миллионов рублей людей военных вооружённых сил обороны министр министерство
        иностранных дел экономики энергетики нефти газа зерна экспорта переговоров
        встреча делегации европейского союза обстрела ракетных ударов дронов позиции
        фронта наступления её его ему ей которое который которая которые есть будет было
        были может могут объект съезд подъезд семья памяти инфраструктуры электроэнергии
        восстановления помощи гуманитарной местной власти глава администрации сообщил
        сообщает источник журналисты агентство новостей решение парламента думы""",
}
NAMES = {
    "uk": """Київ Харків Одеса Львів Дніпро Запоріжжя Херсон Миколаїв Житомир Чернігів Суми
        Полтава Вінниця Зеленський Єрмак Шмигаль Кулеба Залужний Сирський Буданов Кличко
        Юлія Тимошенко Олексій Андрій Юрій Ярослав Євген Ігор Згорани Мар'їнка Вишгород""",
    "be": """Мінск Гомель Магілёў Віцебск Гродна Брэст Баранавічы Бабруйск Пінск Ліда
        Маладзечна Лукашэнка Ціханоўская Калеснікава Бабарыка Бяляцкі Статкевіч Латушка
        Святлана Аляксандр Марыя Віктар Алесь Сяргей Ігар Вольга Ганна Ян Васіль Кастусь
        Каліноўскі Купала Колас Быкаў Караткевіч Еўропа Ельск Юхнаўка Ямнае""",
    "ru": """Москва Петербург Новосибирск Екатеринбург Казань Самара Омск Ростов Уфа
        Красноярск Воронеж Пермь Волгоград Путин Лавров Шойгу Медведев Песков Навальный
        Юлия Наталья Алексей Андрей Юрий Ярослав Евгений Игорь Сергей Дмитрий Ельцин""",
}
ACRONYMS = {"uk": "ЗСУ НАТО ЄС СБУ ООН МЗС", "be": "НАТО ЕС АБСЕ ААН КДБ МЗС",
            "ru": "НАТО ЕС ФСБ ООН МИД МЧС"}
# Inflection-like endings and prefixes multiply the word list into a vocabulary of tens of
# thousands of forms, as in real news, so that the per-word cache does not flatter translit.
ENDINGS = {"uk": "а у і ом ою ів ам ами ах ий ого ому их ими ій ої є ють ять ся ці",
           "be": "а у і ам ой аў амі ах ы ага аму ых ымі ай ае юць яць ца ля ём",
           "ru": "а у и ом ой ов ам ами ах ый ого ому ых ыми ая ое ет ют ся ье ём"}
PREFIXES = {"uk": "не пере за ви по роз з при від", "be": "не пера за вы па раз з пры ад",
            "ru": "не пере за вы по раз с при от"}
SYLLABLES = {"uk": "ко ва ли ши ян юк єв ін ор ча ру зг ьк ей",
             "be": "ко ва лі шы ян юк ев ін ор ча ру ль ёў цэ",
             "ru": "ко ва ли ши ян юк ев ин ор ча ру ль ёв це"}


def news_prose(lang: str, megabytes: float, seed: int = 2024) -> str:
    """Deterministic pseudo news text of at least ``megabytes`` MB of UTF-8.

    Tokens: 80 % from a Zipf-weighted vocabulary of inflected forms, 8 % names, 4 %
    made-up surnames (mostly unique), 3 % acronyms in capitals, 3 % numbers, 2 % quotes.
    """
    rnd = random.Random(seed)
    words, names = WORDS[lang].split(), NAMES[lang].split()
    endings, prefixes = ["", *ENDINGS[lang].split()], [""] * 6 + PREFIXES[lang].split()
    vocab = sorted({p + w + e for w in words for p in prefixes for e in endings})
    rnd.shuffle(vocab)
    weights = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(vocab))))
    acronyms, syllables = ACRONYMS[lang].split(), SYLLABLES[lang].split()
    paragraphs, size, target = [], 0, int(megabytes * 1_000_000)
    while size < target:
        sentences = []
        for _ in range(rnd.randint(3, 7)):
            count = rnd.randint(6, 18)
            sentence = rnd.choices(vocab, cum_weights=weights, k=count)
            for i in range(count):
                roll = rnd.random()
                if roll < 0.08:
                    sentence[i] = rnd.choice(names)
                elif roll < 0.12:
                    sentence[i] = "".join(rnd.choices(syllables, k=rnd.randint(2, 4))).title()
                elif roll < 0.15:
                    sentence[i] = rnd.choice(acronyms)
                elif roll < 0.18:
                    sentence[i] = str(rnd.randint(2, 2025))
                elif roll < 0.20:
                    sentence[i] = f"«{sentence[i].capitalize()}»"
            sentence[0] = sentence[0][:1].upper() + sentence[0][1:]
            sentences.append(" ".join(sentence) + rnd.choice(".....!?"))
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        size += len(paragraph.encode()) + 1
    return "\n".join(paragraphs)


def mb_per_s(make: Callable[[], Callable[[str], object]], text: str, repeat: int) -> float:
    """Best of ``repeat`` timed runs; ``make()`` builds a fresh function before each run."""
    size, best = len(text.encode()) / 1e6, float("inf")
    for _ in range(repeat):
        func = make()
        start = time.perf_counter()
        func(text)
        best = min(best, time.perf_counter() - start)
    return size / best


def translit_run(scheme: str, errors: str = "strict") -> Callable[[str], object]:
    """A fresh SchemeSet with ``scheme`` compiled but its word cache empty (a cold start);
    ``auto`` with the three default schemes compiled."""
    schemes = SchemeSet()
    for name in ("be", "ru", "uk") if scheme == "auto" else (scheme,):
        schemes.get(name)
    return lambda text: schemes.transliterate(text, scheme, errors=errors)


def mixed_prose(megabytes: float) -> str:
    """Paragraphs of the three languages in turn (a press review, a corpus of all three)."""
    texts = [news_prose(lang, megabytes / 3).split("\n") for lang in ("uk", "be", "ru")]
    return "\n".join(p for group in itertools.zip_longest(*texts, fillvalue="") for p in group)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--mb", type=float, default=10.0, help="MB of prose per language")
    parser.add_argument("--repeat", type=int, default=3, help="runs per library (best kept)")
    args = parser.parse_args()
    try:
        import iuliia  # type: ignore[import-untyped]
    except ImportError:
        iuliia = None
    runs = {"uk": ["uk-national", "auto"], "be": ["be-national-2007", "auto"],
            "ru": ["ru-bgn", "ru-wikipedia", "auto"]}
    for lang, schemes in runs.items():
        text = news_prose(lang, args.mb)
        tokens = text.split()
        print(f"{lang}: {len(text.encode()) / 1e6:.1f} MB of generated news prose, "
              f"{len(tokens)} tokens, {len(set(tokens))} distinct")
        speeds = {f"translit {s}": mb_per_s(lambda s=s: translit_run(s), text, args.repeat)
                  for s in schemes}
        speeds["unidecode"] = mb_per_s(lambda: unidecode, text, args.repeat)
        if iuliia is not None:
            speeds["iuliia WIKIPEDIA"] = mb_per_s(lambda: iuliia.WIKIPEDIA.translate, text,
                                                  args.repeat)
        for name, speed in speeds.items():
            ratios = "" if not name.startswith("translit") else "  " + "  ".join(
                f"{speed / speeds[other]:.1f}x {other}" for other in speeds
                if not other.startswith("translit"))
            print(f"  {name:<26} {speed:7.1f} MB/s{ratios}")
    # auto on paragraphs of all three languages, against each fixed scheme on the same
    # text (its letters of the other languages by the unidecode fallback)
    text = mixed_prose(args.mb)
    print(f"mixed uk/be/ru paragraphs: {len(text.encode()) / 1e6:.1f} MB")
    warnings.simplefilter("ignore", FallbackWarning)
    speeds = {f"translit {s}": mb_per_s(lambda s=s: translit_run(s, "fallback"), text, args.repeat)
              for s in ("auto", "uk-national", "be-national-2007", "ru-bgn")}  # fmt: skip
    for name, speed in speeds.items():
        print(f"  {name:<26} {speed:7.1f} MB/s  {speed / speeds['translit auto']:.2f}x auto")


if __name__ == "__main__":
    main()
