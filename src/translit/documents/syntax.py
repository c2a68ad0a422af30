"""What markdown and reStructuredText mark as not prose, for
:func:`translit.documents.markup.protected_spans` (which imports this module only for those
file types: a plain text or a pipe needs none of it).

>>> markdown("See [Kiev](https://kiev.example) or `Kiev`.")
[(36, 42), (10, 32)]
>>> rst("Kiev :ref:`Kiev <kyiv-page>`")
[(5, 11), (16, 28)]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from translit.documents.lines import Spans, indentation, inside, line_spans, merge
from translit.text.protect import code_spans

__all__ = ["FRONT", "Indented", "front_matter", "labels", "markdown", "rst"]

# Markdown
FRONT = re.compile(r"(---|\+\+\+)[ \t]*\r?\n")
"""Where front matter opens: a line of ``---`` (YAML) or ``+++`` (TOML)."""
_PROSE_KEY = re.compile(r"(?:title|subtitle|description|summary|excerpt|abstract|caption)"
                        r"[ \t]*[:=][ \t]*", re.I)  # fmt: skip
_LINK_DEST = re.compile(r"\]\(\s*(?:<[^<>\n]*>|(?:[^()\s]|\([^()\s]*\))*)"
                        r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)")  # fmt: skip
_REF_DEF = re.compile(r"^ {0,3}\[([^\]\n]+)\]:[^\r\n]*", re.M)
_REF_USE = re.compile(r"\]\[([^\[\]\n]*)\]")
_BRACKET = re.compile(r"(?<![\]\\])\[([^\[\]\n]+)\](?![(\[:])")
_AUTOLINK = re.compile(r"<(?:[a-z][a-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>]+)>", re.I)
_TAG = re.compile(r"</?[a-z][a-z0-9-]*(?:\s+[^\s\"'<>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'"
                  r"|[^\s\"'=<>`]+))?)*\s*/?>", re.I)  # fmt: skip
_RAW = re.compile(r"<(pre|code|script|style|kbd|samp)\b.*?</\1\s*>", re.I | re.S)
_LIST_ITEM = re.compile(r" {0,3}(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)")
# reStructuredText
_CODE_DIRECTIVES = set("code code-block sourcecode literalinclude raw math highlight doctest "
                       "parsed-literal testcode testoutput testsetup ipython jupyter-execute "
                       "graphviz mermaid uml".split())  # fmt: skip
_RST_DIRECTIVE = re.compile(r"[ \t]*\.\.[ \t]+(?:\|[^|]+\|[ \t]+)?([\w:.+-]+)::")
_RST_TARGET = re.compile(r"^[ \t]*\.\.[ \t]+(?:_[^\r\n]*|\|[^|\n]+\|)", re.M)
_INLINE_LITERAL = re.compile(r"``.+?``", re.S)
_INTERPRETED = re.compile(r"(:[\w.+-]+:)?`([^`]+)`(__?|:[\w.+-]+:)?")
_PROSE_ROLES = {":emphasis:", ":strong:", ":sup:", ":sub:", ":abbr:", ":title-reference:"}
_SUBSTITUTION = re.compile(r"\|[^|\s](?:[^|\n]*[^|\s])?\|(?:__?)?")


def markdown(
    text: str,
    *,
    front: Spans | None = None,
    labels: set[str] | None = None,
    indented: Callable[[Spans], Spans] | None = None,
) -> Spans:
    """The spans of a markdown *text* that are not prose (not yet merged). A window of a
    longer text is given its front matter's spans (*front*), the labels of the whole
    text's reference definitions (*labels*), and its indented code (*indented*, given
    the spans of code and front matter: see :class:`Indented`)."""
    spans = merge((_front_matter(text) if front is None else front) + code_spans(text))
    spans += _indented_code(text, spans) if indented is None else indented(spans)
    if "<" in text:
        spans += [m.span() for r in (_RAW, _TAG, _AUTOLINK) for m in r.finditer(text)]
    if "[" in text:
        spans += [(m.start() + 1, m.end()) for m in _LINK_DEST.finditer(text)]
        found = set()
        for m in _REF_DEF.finditer(text):
            spans.append(m.span())
            found.add(m.group(1).casefold())
        for m in _REF_USE.finditer(text):
            spans.append((m.start() + 1, m.end()))
            if not m.group(1):  # [Kiev][]: the text is the label
                spans.append((text.rfind("[", 0, m.start()), m.end()))
        labels = found if labels is None else labels
        spans += [m.span() for m in _BRACKET.finditer(text) if m.group(1).casefold() in labels]
    return spans


def labels(text: str) -> set[str]:
    """The labels of the reference definitions ``[label]: url`` in *text*, case-folded
    (*text* starts at a line start; a definition is one line).

    >>> sorted(labels("[Kiev]: https://kyiv.example\\n [B]: /b\\nx [c]: y"))
    ['b', 'kiev']
    """
    return {m.group(1).casefold() for m in _REF_DEF.finditer(text)}


def front_matter(lines: Iterable[tuple[int, int, str]]) -> Spans | None:
    """The spans of the front matter opened by the first of *lines* (a line that
    ``FRONT`` matches: ``---`` or ``+++``; each line: start, end, the line without its
    ending), as :func:`markdown` protects them; None if it is never closed (then it is
    not front matter)."""
    lines = iter(lines)
    first = next(lines, None)
    if first is None:
        return None
    fence, in_prose, prose = first[2].rstrip(), False, list[tuple[int, int]]()
    for start, end, line in lines:
        if line.rstrip() == fence or (fence == "---" and line.rstrip() == "..."):
            edges = [0, *(edge for span in prose for edge in span), end]
            return list(zip(edges[::2], edges[1::2], strict=True))
        key = _PROSE_KEY.match(line)
        in_prose = key is not None or (in_prose and line[:1] in (" ", "\t"))
        if in_prose:
            prose.append((start + (key.end() if key else 0), start + len(line)))
    return None


def _front_matter(text: str) -> Spans:
    """The front matter between --- (or +++) lines at the top, minus its prose values."""
    if FRONT.match(text) is None:
        return []
    return front_matter(line_spans(text)) or []


class Indented:
    """Indented code blocks: 4 columns after a blank line (8 inside a list), read line by
    line, each line once, in order (the lines may come in several windows)."""

    def __init__(self) -> None:
        self.blank_before, self.in_code, self.in_list = True, False, False

    def line(self, start: int, line: str, fenced: Spans, shift: int = 0) -> tuple[int, int] | None:
        """The span of the line *line* (at *start*, without its ending) if it is code;
        *fenced*: the spans of fenced and inline code (*shift* before the line's offsets)."""
        if not line.strip():
            self.blank_before = True
            return None
        if inside(fenced, start - shift):
            self.blank_before = self.in_code = False
            return None
        indent = indentation(line)
        before, self.blank_before = self.blank_before, False
        self.in_code = indent >= (8 if self.in_list else 4) and (before or self.in_code)
        if self.in_code:
            return (start, start + len(line))
        if _LIST_ITEM.match(line):
            self.in_list = True
        elif indent < 2 and before:
            self.in_list = False
        return None


def _indented_code(text: str, fenced: Spans) -> Spans:
    """Indented code blocks: 4 columns after a blank line (8 inside a list)."""
    reader = Indented()
    found = (reader.line(start, line, fenced) for start, _, line in line_spans(text))
    return [span for span in found if span is not None]


def rst(text: str) -> Spans:
    """The spans of a reStructuredText *text* that are not prose (not yet merged)."""
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
    for start, end, line in line_spans(text):
        if indent is not None:
            blank = not line.strip()
            if (not blank or not doctest) and (blank or indentation(line) > indent):
                spans.append((start, end))
                continue
            indent = None
        stripped = line.strip()
        directive = _RST_DIRECTIVE.match(line)
        doctest = stripped.startswith(">>>")
        if directive is not None:
            spans.append((start, start + len(line)))
            if directive.group(1).lower().rsplit(":", 1)[-1] in _CODE_DIRECTIVES:
                indent = indentation(line)
        elif doctest:
            indent = indentation(line) - 1
            spans.append((start, end))
        elif stripped.endswith("::") and not stripped.startswith(".."):
            indent = indentation(line)
    return spans
