"""What a file's markup says is not prose, and what its author asked to leave alone.

:func:`protected_spans` gives the spans that must not be rewritten; the command
line drops every mention that touches one. Markdown (``.md .markdown .mdx``):
fenced and indented code, inline code, link targets ``[text](target)``,
reference definitions ``[id]: url`` and the labels using them, autolinks, HTML
tags with their attributes, ``<pre> <code> <script> <style> <kbd> <samp>``
elements, YAML front matter except the values of ``title``, ``subtitle``,
``description``, ``summary``, ``excerpt``, ``abstract``, ``caption``.
reStructuredText (``.rst``): literal blocks after ``::``, doctest blocks, code
directives (``code-block``, ``literalinclude``, ``raw``, ``math`` ...), each
directive's line, inline literals, interpreted text and roles (of
``:ref:`Kiev <kyiv-page>``` only the target), hyperlink references and targets,
substitutions. HTML and rST comments are prose. Source code and data files
(``.py .js .json .yaml .csv`` ...): the whole file. Every file type: URLs, and the
suppression comments (``#``, ``//``, ``/*``, ``<!--``, ``..``, ``--``, ``%``,
``;``): ``translit: ignore`` (its line), ``translit: ignore-next-line``,
``translit: off`` ... ``translit: on``, and ``[sic]`` after a word.

>>> protected_spans("See [Kiev](https://kiev.example) or `Kiev`.", "markdown")
[(10, 32), (36, 42)]
>>> text = "Kiev [sic] and Kiev\\nKiev  # translit: ignore\\nKiev"
>>> [text[s:e] for s, e in protected_spans(text, "plain")]
['Kiev', 'Kiev  # translit: ignore\\n']
>>> kind_of("notes/history.rst"), kind_of("README.md"), kind_of("a.txt"), kind_of("a.py")
('rst', 'markdown', 'plain', 'code')
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

from translit.documents.lines import Spans, inside, line_spans, merge

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import PurePath

__all__ = ["Directives", "Spans", "kind_of", "merge", "protected_spans", "urls"]



_KINDS = dict.fromkeys((".md", ".markdown", ".mdx", ".mkd", ".mdown"), "markdown")
_KINDS.update(dict.fromkeys((".rst", ".rest"), "rst"))
# Source code and structured data: identifiers, keys and string literals are not prose
# ("\N{CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I}", {"belarus": "🇧🇾"}), and telling
# comments from strings needs a parser per language, so these files are left alone.
_KINDS.update(
    dict.fromkeys(
        ".py .pyi .pyx .js .mjs .cjs .ts .tsx .jsx .java .kt .kts .scala .c .h .cc .cpp .hpp"
        " .cs .go .rs .swift .m .mm .rb .php .pl .pm .r .jl .lua .sh .bash .zsh .fish .ps1"
        " .bat .cmd .sql .json .jsonl .ndjson .yaml .yml .toml .ini .cfg .conf .properties"
        " .xml .xsd .xsl .csv .tsv .lock .gradle .cmake .mk .dockerfile .tf .hcl .proto"
        " .graphql .vue .svelte .dart .ex .exs .erl .hs .ml .clj .el .vim".split(),
        "code",
    )
)
# what ends the last part of a path (a name without any is one part: "<stdin>", "a.md")
_SEPARATORS = (os.sep, os.altsep, ":" if os.name == "nt" else None)
_URL = re.compile(r"\b(?:[a-z][a-z0-9+.-]{1,20}://|www\.|mailto:)[^\s<>\"'`]+", re.I)
_DIRECTIVE = re.compile(r"(?:#|//|/\*|<!--|\.\.|--|%|;)[^\r\n]*?\btranslit:[ \t]*"
                        r"(ignore-next-line|ignore|off|on)\b")  # fmt: skip
_SIC = re.compile(r"[\[(]sic!?[\])]", re.I)
_MARKS = ("://", "www.", "mailto:", "ma\u0131lto:")  # ı: re.IGNORECASE takes it for i
_SCHEME = 21  # the longest scheme _URL takes, before ://
_URL_STOP = re.compile(r"[\s<>\"'`]")  # what ends a URL of _URL


def kind_of(path: str | PurePath) -> str:
    """``markdown``, ``rst``, ``code`` or ``plain``, from the file name's extension."""
    name = path if isinstance(path, str) else ""
    if not isinstance(path, str) or any(sep and sep in path for sep in _SEPARATORS):
        from pathlib import PurePath  # a path: its last part as pathlib cuts it

        name = PurePath(path).name
    if name in ("Makefile", "Dockerfile", "Jenkinsfile", "CMakeLists.txt"):
        return "code"
    dot = name.rfind(".")
    suffix = name[dot:] if 0 < dot < len(name) - 1 else ""  # PurePath.suffix
    return _KINDS.get(suffix.lower(), "plain")


def protected_spans(
    text: str,
    kind: str,
    *,
    front: Spans | None = None,
    labels: set[str] | None = None,
    indented: Callable[[Spans], Spans] | None = None,
    directives: Callable[[Spans], Spans] | None = None,
) -> Spans:
    """Sorted, merged spans of *text* that are not prose, for a file of type *kind*.

    A window of a longer text (:mod:`translit.cli.pipe`) gives what the whole text decides:
    the front matter's spans (*front*), the reference labels (*labels*), and, read line
    by line in order, Markdown's indented code (*indented*, given the spans of code)
    and the suppression comments' spans (*directives*, given the spans of markup)."""
    if kind == "code":
        return [(0, len(text))] if text else []
    spans: Spans = []
    if kind in ("markdown", "rst"):
        from translit.documents.syntax import (  # only for those files: a third of this code
            markdown,
            rst,
        )

        if kind == "markdown":
            spans = markdown(text, front=front, labels=labels, indented=indented)
        else:
            spans = rst(text)
    spans = merge(spans + urls(text))
    return merge(spans + _suppressed(text, spans, directives))


def urls(text: str) -> Spans:
    """The spans of the URLs and addresses in *text* (what ``_URL.finditer`` finds).

    Each has ``://``, ``www.`` or ``mailto:`` in it, and no whitespace: the pattern
    runs only from a little before each of those to the next whitespace. Run over
    the whole text, it would try a scheme at every word, and take longer than the
    whole scan for names.
    """
    low = text.lower()  # the marks in any case re.IGNORECASE takes
    if len(low) != len(text):  # İ lowers to two characters: no offsets to share
        return [m.span() for m in _URL.finditer(text)]
    marks = sorted(at for mark in _MARKS for at in _positions(low, mark))
    spans: Spans = []
    reached = 0
    for at in marks:
        if at < reached:
            continue
        start = max(reached, at - _SCHEME)
        stop = _URL_STOP.search(text, at)
        reached = stop.start() if stop else len(text)
        spans += [m.span() for m in _URL.finditer(text, start, reached)]
    return spans


def _positions(text: str, mark: str) -> list[int]:
    found = []
    at = text.find(mark)
    while at >= 0:
        found.append(at)
        at = text.find(mark, at + 1)
    return found


def _sics(text: str) -> list[re.Match[str]]:
    """The matches of ``_SIC`` in *text*, tried at each bracket only (quicker than a
    search that looks at every character)."""
    return [
        found
        for bracket in "(["
        for at in _positions(text, bracket)
        if (found := _SIC.match(text, at)) is not None
    ]


class Directives:
    """The suppression comments of a text read line by line, each line once, in order
    (the lines may come in several windows): the spans they protect, in ``spans``; an
    ``off`` not switched back ``on`` yet is at ``off``."""

    def __init__(self) -> None:
        self.spans: Spans = []
        self.off: int | None = None
        self.next_line = False

    def line(self, start: int, end: int, line: str, markup: Spans, shift: int = 0) -> None:
        """The line *line* (without its ending) from *start* to *end* (its ending
        included); a directive inside *markup* (whose offsets are *shift* before the
        line's) does not count."""
        if self.next_line:
            self.spans.append((start, end))
            self.next_line = False
        found = _DIRECTIVE.search(line)
        if found is None or inside(markup, start - shift + found.start(1)):
            return
        word = found.group(1)
        if word == "ignore":
            self.spans.append((start, end))
        self.next_line = word == "ignore-next-line"
        if word == "off" and self.off is None:
            self.off = start
        elif word == "on" and self.off is not None:
            self.spans.append((self.off, end))
            self.off = None


def _suppressed(
    text: str, markup: Spans, directives: Callable[[Spans], Spans] | None = None
) -> Spans:
    """The lines and words the author asked to leave (directives inside code do not count;
    *directives*: their spans, given *markup*, read elsewhere)."""
    spans: Spans = []
    if directives is not None:
        spans = directives(markup)
    elif "translit:" in text:
        reader = Directives()
        for start, end, line in line_spans(text):
            reader.line(start, end, line, markup)
        spans = reader.spans
        if reader.off is not None:
            spans.append((reader.off, len(text)))
    for found in _sics(text):
        end = found.start()
        while end > 0 and text[end - 1] in " \t":
            end -= 1
        start = end
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        spans.append((start, end))
    return spans
