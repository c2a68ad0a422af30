"""Rewrite scheme and language files from the older rule formats into the one rule language.

Issue 15 gave scheme files, transcriptions and inflection rules one vocabulary
(docs/data-format.md, "The rule language"). This script converted the shipped
files, and converts your own the same way:

    python scripts/convert_rule_language.py path/to/schemes/*.yaml path/to/languages/*.yaml

The kind of a file is told by its folder (``schemes`` or ``languages``). It edits
the text line by line, so comments stay, and a trailing comment keeps its column
where the code before it allows. What it changes:

- scheme rules: ``{letter: ...}`` becomes ``{letters: ...}``, and a list in
  ``latin:`` (one output per letter) becomes ``each:``;
- transcription classes written as a string, ``vowel: аеё``, become lists,
  ``vowel: [а, е, ё]``; ``"'"`` in a rule's ``after``/``before`` becomes the token
  ``apostrophe``; ``"'": ...`` under ``letters:`` becomes ``apostrophe: ...`` of
  the transcription;
- inflection rules: ``after: bcd`` becomes ``after: [b, c, d]`` (a long rule is
  wrapped before ``forms:``).

It expects rules written one per line as flow mappings (``- {...}``), as the
shipped files are, and leaves anything else alone; run ``translit validate`` on
the result. A file already converted is left as it is.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

LINE = re.compile(r"^(?P<code>.*?\})(?P<pad>\s*)(?P<comment>#.*)?$")
WRAP = 96


def _repad(old: str, code: str) -> str:
    """*code* with the comment of the line *old*, at its column where there is room."""
    match = LINE.match(old)
    if not match or not match["comment"]:
        return code
    pad = len(match["pad"])
    shift = len(code) - len(match["code"])
    return code + " " * max(min(pad, 2), pad - shift) + match["comment"]


def _letter_list(text: str) -> str:
    """``аеё`` as ``[а, е, ё]``."""
    if not all(unicodedata.category(c).startswith("L") for c in text):
        raise ValueError(f"not a string of letters: {text!r}")
    return "[" + ", ".join(text) + "]"


def _code(line: str) -> str:
    match = LINE.match(line)
    return match["code"] if match else line


def scheme(text: str) -> str:
    """A scheme file in the one rule language."""
    out = []
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\n")
        if body.startswith("  - {letter: "):
            code = _code(body).replace("{letter: ", "{letters: ", 1)
            body = _repad(body, re.sub(r"\blatin: \[", "each: [", code))
        out.append(body + line[len(line.rstrip("\n")) :])
    return "".join(out)


def _apostrophe_token(match: re.Match[str]) -> str:
    items = (i.strip() for i in match[2].split(","))
    return match[1] + ", ".join("apostrophe" if i == "\"'\"" else i for i in items) + "]"


def language(text: str) -> str:
    """A language file in the one rule language."""
    out: list[str] = []
    section = sub = ""
    apostrophe = ""  # the apostrophe's line, written where the letters end
    for line in text.splitlines(keepends=True):
        body, end = line.rstrip("\n"), line[len(line.rstrip("\n")) :]
        if apostrophe and re.match(r"^ {0,2}[^\s#]", body):
            out.append(apostrophe)
            apostrophe = ""
        if re.match(r"^[^\s#]", body):
            section = body.split(":")[0]
        elif section == "transcription" and re.match(r"^  [^\s#]", body):
            sub = body.strip().split(":")[0]
        if body.startswith("  - {ending: "):
            code = re.sub(r"\bafter: ([^,\[\]{}\"' ]+)(?=[,}])",
                          lambda m: "after: " + _letter_list(m[1]), _code(body))
            body = _repad(body, code)
            if len(body) > WRAP and ", forms: [" in body and "#" not in body:
                head, tail = body.split(", forms: [", 1)
                body = head + ",\n     forms: [" + tail
        elif section == "transcription" and sub == "classes":
            match = re.match(r"^    ([a-z_]+): (\S+)$", body)
            if match and not match[2].startswith("["):
                body = f"    {match[1]}: {_letter_list(match[2])}"
        elif section == "transcription" and sub == "letters" and body.startswith("    \"'\": "):
            apostrophe = "  apostrophe: " + body.split(": ", 1)[1] + end
            continue
        elif body.startswith("    - {letters: "):
            code = re.sub(r"(\b(?:after|before): \[)([^\]]*)\]", _apostrophe_token, _code(body))
            body = _repad(body, code)
        out.append(body + end)
    return "".join(out) + apostrophe


def main(paths: list[str]) -> None:
    for name in paths:
        path = Path(name)
        convert = {"schemes": scheme, "languages": language}.get(path.parent.name)
        if convert is None:
            sys.exit(f"{path}: not in a folder named schemes or languages")
        old = path.read_text("utf-8")
        new = convert(old)
        if new != old:
            path.write_text(new, "utf-8")
            print("converted", path)


if __name__ == "__main__":
    main(sys.argv[1:])
