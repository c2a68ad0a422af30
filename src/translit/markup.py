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

import bisect
import os
import re
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

from .protect import code_spans

if TYPE_CHECKING:
    from pathlib import PurePath

__all__ = ["Spans", "kind_of", "merge", "protected_spans"]

Spans = list[tuple[int, int]]


class _Lazy:
    """A regular expression compiled on first use. This module has two dozen, which
    take milliseconds to compile at every start-up, and a plain text needs two of
    them (markdown and rST the rest)."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._pattern, self._flags = pattern, flags
        self._compiled: re.Pattern[str] | None = None

    def _get(self) -> re.Pattern[str]:
        if self._compiled is None:  # two threads may both compile: the same result
            self._compiled = re.compile(self._pattern, self._flags)
        return self._compiled

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """:meth:`re.Pattern.finditer`."""
        return self._get().finditer(text)

    def match(self, text: str) -> re.Match[str] | None:
        """:meth:`re.Pattern.match`."""
        return self._get().match(text)

    def search(self, text: str) -> re.Match[str] | None:
        """:meth:`re.Pattern.search`."""
        return self._get().search(text)


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
_LINE = _Lazy(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_URL = _Lazy(r"\b(?:[a-z][a-z0-9+.-]{1,20}://|www\.|mailto:)[^\s<>\"'`]+", re.I)
_DIRECTIVE = _Lazy(r"(?:#|//|/\*|<!--|\.\.|--|%|;)[^\r\n]*?\btranslit:[ \t]*"
                        r"(ignore-next-line|ignore|off|on)\b")  # fmt: skip
_SIC = _Lazy(r"[\[(]sic!?[\])]", re.I)
# Markdown
_FRONT = _Lazy(r"(---|\+\+\+)[ \t]*\r?\n")
_PROSE_KEY = _Lazy(r"(?:title|subtitle|description|summary|excerpt|abstract|caption)"
                        r"[ \t]*[:=][ \t]*", re.I)  # fmt: skip
_LINK_DEST = _Lazy(r"\]\(\s*(?:<[^<>\n]*>|(?:[^()\s]|\([^()\s]*\))*)"
                        r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)")  # fmt: skip
_REF_DEF = _Lazy(r"^ {0,3}\[([^\]\n]+)\]:[^\r\n]*", re.M)
_REF_USE = _Lazy(r"\]\[([^\[\]\n]*)\]")
_BRACKET = _Lazy(r"(?<![\]\\])\[([^\[\]\n]+)\](?![(\[:])")
_AUTOLINK = _Lazy(r"<(?:[a-z][a-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>]+)>", re.I)
_TAG = _Lazy(r"</?[a-z][a-z0-9-]*(?:\s+[^\s\"'<>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'"
                  r"|[^\s\"'=<>`]+))?)*\s*/?>", re.I)  # fmt: skip
_RAW = _Lazy(r"<(pre|code|script|style|kbd|samp)\b.*?</\1\s*>", re.I | re.S)
_LIST_ITEM = _Lazy(r" {0,3}(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)")
# reStructuredText
_CODE_DIRECTIVES = set("code code-block sourcecode literalinclude raw math highlight doctest "
                       "parsed-literal testcode testoutput testsetup ipython jupyter-execute "
                       "graphviz mermaid uml".split())  # fmt: skip
_RST_DIRECTIVE = _Lazy(r"[ \t]*\.\.[ \t]+(?:\|[^|]+\|[ \t]+)?([\w:.+-]+)::")
_RST_TARGET = _Lazy(r"^[ \t]*\.\.[ \t]+(?:_[^\r\n]*|\|[^|\n]+\|)", re.M)
_INLINE_LITERAL = _Lazy(r"``.+?``", re.S)
_INTERPRETED = _Lazy(r"(:[\w.+-]+:)?`([^`]+)`(__?|:[\w.+-]+:)?")
_PROSE_ROLES = {":emphasis:", ":strong:", ":sup:", ":sub:", ":abbr:", ":title-reference:"}
_SUBSTITUTION = _Lazy(r"\|[^|\s](?:[^|\n]*[^|\s])?\|(?:__?)?")


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


def protected_spans(text: str, kind: str) -> Spans:
    """Sorted, merged spans of *text* that are not prose, for a file of type *kind*."""
    if kind == "code":
        return [(0, len(text))] if text else []
    spans = _markdown(text) if kind == "markdown" else _rst(text) if kind == "rst" else []
    spans = merge(spans + [m.span() for m in _URL.finditer(text)])
    return merge(spans + _suppressed(text, spans))


def merge(spans: Spans) -> Spans:
    """*spans* sorted, with overlapping and touching spans joined; empty spans dropped.

    >>> merge([(5, 9), (0, 2), (1, 3), (9, 10), (4, 4)])
    [(0, 3), (5, 10)]
    """
    result: Spans = []
    for start, end in sorted(spans):
        if result and start <= result[-1][1]:
            result[-1] = (result[-1][0], max(end, result[-1][1]))
        elif end > start:
            result.append((start, end))
    return result


def _inside(spans: Spans, pos: int) -> bool:  # spans: sorted, merged
    i = bisect.bisect_right(spans, (pos, sys.maxsize)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _lines(text: str) -> list[tuple[int, int, str]]:  # (start, end, line without its ending)
    return [(m.start(), m.end(), m.group().rstrip("\r\n")) for m in _LINE.finditer(text)]


def _indent(line: str) -> int:
    expanded = line.expandtabs(4)
    return len(expanded) - len(expanded.lstrip(" "))


def _suppressed(text: str, markup: Spans) -> Spans:
    """The lines and words the author asked to leave (directives inside code do not count)."""
    spans: Spans = []
    if "translit:" in text:
        off: int | None = None
        next_line = False
        for start, end, line in _lines(text):
            if next_line:
                spans.append((start, end))
                next_line = False
            found = _DIRECTIVE.search(line)
            if found is None or _inside(markup, start + found.start(1)):
                continue
            word = found.group(1)
            if word == "ignore":
                spans.append((start, end))
            next_line = word == "ignore-next-line"
            if word == "off" and off is None:
                off = start
            elif word == "on" and off is not None:
                spans.append((off, end))
                off = None
        if off is not None:
            spans.append((off, len(text)))
    for found in _SIC.finditer(text):
        end = found.start()
        while end > 0 and text[end - 1] in " \t":
            end -= 1
        start = end
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        spans.append((start, end))
    return spans


def _markdown(text: str) -> Spans:
    spans = merge(_front_matter(text) + code_spans(text))
    spans += _indented_code(text, spans)
    if "<" in text:
        spans += [m.span() for r in (_RAW, _TAG, _AUTOLINK) for m in r.finditer(text)]
    if "[" in text:
        spans += [(m.start() + 1, m.end()) for m in _LINK_DEST.finditer(text)]
        labels = set()
        for m in _REF_DEF.finditer(text):
            spans.append(m.span())
            labels.add(m.group(1).casefold())
        for m in _REF_USE.finditer(text):
            spans.append((m.start() + 1, m.end()))
            if not m.group(1):  # [Kiev][]: the text is the label
                spans.append((text.rfind("[", 0, m.start()), m.end()))
        spans += [m.span() for m in _BRACKET.finditer(text) if m.group(1).casefold() in labels]
    return spans


def _front_matter(text: str) -> Spans:
    """The front matter between --- (or +++) lines at the top, minus its prose values."""
    opener = _FRONT.match(text)
    if opener is None:
        return []
    fence, in_prose, prose = opener.group(1), False, list[tuple[int, int]]()
    for start, end, line in _lines(text)[1:]:
        if line.rstrip() == fence or (fence == "---" and line.rstrip() == "..."):
            edges = [0, *(edge for span in prose for edge in span), end]
            return list(zip(edges[::2], edges[1::2], strict=True))
        key = _PROSE_KEY.match(line)
        in_prose = key is not None or (in_prose and line[:1] in (" ", "\t"))
        if in_prose:
            prose.append((start + (key.end() if key else 0), start + len(line)))
    return []  # never closed: not front matter


def _indented_code(text: str, fenced: Spans) -> Spans:
    """Indented code blocks: 4 columns after a blank line (8 inside a list)."""
    spans: Spans = []
    blank_before, in_code, in_list = True, False, False
    for start, _, line in _lines(text):
        if not line.strip():
            blank_before = True
            continue
        if _inside(fenced, start):
            blank_before = in_code = False
            continue
        indent = _indent(line)
        in_code = indent >= (8 if in_list else 4) and (blank_before or in_code)
        if in_code:
            spans.append((start, start + len(line)))
        elif _LIST_ITEM.match(line):
            in_list = True
        elif indent < 2 and blank_before:
            in_list = False
        blank_before = False
    return spans


def _rst(text: str) -> Spans:
    spans = _literal_blocks(text) + [m.span() for m in _RST_TARGET.finditer(text)]
    spans += [m.span() for m in _INLINE_LITERAL.finditer(text)] if "``" in text else []
    for m in _INTERPRETED.finditer(text):
        role, body, suffix = m.group(1), m.group(2), m.group(3)
        target = body.rfind("<") if body.rstrip().endswith(">") else -1
        if target >= 0:  # `Kiev <https://...>`_ or :ref:`Kiev <label>`: only the target
            spans += [(m.start(), m.start(2)), (m.start(2) + target, m.end())]
        elif role in _PROSE_ROLES or suffix in _PROSE_ROLES:
            spans.append((m.start(), m.start(2)))
        else:
            spans.append(m.span())
    return spans + ([m.span() for m in _SUBSTITUTION.finditer(text)] if "|" in text else [])


def _literal_blocks(text: str) -> Spans:
    """Literal blocks, doctest blocks, directive lines and the bodies of code directives."""
    spans: Spans = []
    indent: int | None = None  # inside a block: the indent its lines must exceed
    doctest = False  # a doctest block ends at a blank line
    for start, end, line in _lines(text):
        if indent is not None:
            blank = not line.strip()
            if (not blank or not doctest) and (blank or _indent(line) > indent):
                spans.append((start, end))
                continue
            indent = None
        stripped = line.strip()
        directive = _RST_DIRECTIVE.match(line)
        doctest = stripped.startswith(">>>")
        if directive is not None:
            spans.append((start, start + len(line)))
            if directive.group(1).lower().rsplit(":", 1)[-1] in _CODE_DIRECTIVES:
                indent = _indent(line)
        elif doctest:
            indent = _indent(line) - 1
            spans.append((start, end))
        elif stripped.endswith("::") and not stripped.startswith(".."):
            indent = _indent(line)
    return spans
