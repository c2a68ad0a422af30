"""What markdown and reStructuredText mark as not prose, for
:func:`translit.markup.protected_spans` (which imports this module only for those
file types: a plain text or a pipe needs none of it).

>>> markdown("See [Kiev](https://kiev.example) or `Kiev`.")
[(36, 42), (10, 32)]
>>> rst("Kiev :ref:`Kiev <kyiv-page>`")
[(5, 11), (16, 28)]
"""

from __future__ import annotations

import re

from .markup import Spans, _indent, _inside, _lines, merge
from .protect import code_spans

__all__ = ["markdown", "rst"]

# Markdown
_FRONT = re.compile(r"(---|\+\+\+)[ \t]*\r?\n")
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


def markdown(text: str) -> Spans:
    """The spans of a markdown *text* that are not prose (not yet merged)."""
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
