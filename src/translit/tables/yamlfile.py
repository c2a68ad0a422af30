"""Safe YAML reading that remembers line numbers, for errors that point at a line.

Only plain data is built: mappings, sequences, strings, numbers, booleans and
null. Tags that would build objects (``!!python/object`` ...) are refused, and
so are anchors and aliases, which would let a small file expand into a huge one.

>>> doc = load_text("a:\\n  - x\\n  - y\\n", "demo.yaml")
>>> doc, doc.line, doc.lines["a"], doc["a"].lines
({'a': ['x', 'y']}, 1, 1, [2, 3])
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from translit.errors import TableError
from translit.limits import MAX_BYTES, MAX_DEPTH, MAX_NODES
from translit.tables.reading import read_bytes

__all__ = ["MAX_BYTES", "MAX_DEPTH", "Map", "Seq", "load_file", "load_text"]

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str": str,
    "tag:yaml.org,2002:int": int,
    "tag:yaml.org,2002:float": float,
    "tag:yaml.org,2002:bool": bool,
    "tag:yaml.org,2002:null": type(None),
}
_COLLECTION_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Map(dict[str, Any]):
    """A mapping read from YAML; ``line`` is where it starts, ``lines[key]`` where each key is."""

    line: int
    lines: dict[str, int]


class Seq(list[Any]):
    """A sequence read from YAML; ``line`` is where it starts, ``lines[i]`` where each item is."""

    line: int
    lines: list[int]

    @classmethod
    def empty(cls) -> Seq:
        """An empty sequence, for an optional key that is absent."""
        seq = cls()
        seq.line, seq.lines = 0, []
        return seq


def load_file(path: str | Path) -> Any:
    """Read and parse *path*; every failure is a :class:`TableError` naming the file."""
    name = str(path)
    raw = read_bytes(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise TableError(name, line, "not valid UTF-8", "save the file as UTF-8") from exc
    return load_text(text, name)


def load_text(text: str, name: str) -> Any:
    """Parse YAML *text*; *name* is used in error messages."""
    try:
        return _QuickReader(text).document()
    except _Unusual:
        pass  # not plain data, or not valid: the careful reader finds what and where
    return _careful_load(text, name)


class _Unusual(Exception):
    """Raised by the quick reader for anything but plain data within the limits."""


class _QuickReader:
    """Plain data straight from libyaml's events, in one pass and without recursion.

    Tables are nearly always plain data: mappings with text keys, sequences and
    untagged scalars. For those, this builds exactly what the careful reader
    builds (the same values, the same lines) without composing a node tree and
    walking it again, which took most of the time of loading a large table.
    Whatever the careful reader would refuse or treat specially (an anchor, an
    alias, a tag, a key that is not text or appears twice, a value it cannot
    read, a second document, nesting or a size beyond the limits, invalid YAML)
    raises :class:`_Unusual`, and the careful reader reads the text again to
    report it with its line. The limits are counted as the events come, so
    nothing deep or huge is ever built here either.
    """

    def __init__(self, text: str) -> None:
        self._text = text

    def document(self) -> Any:
        """The single document of the text, or None when there is none."""
        try:  # PyYAML's pure-Python reader checks every character when it is made
            loader = _Loader(self._text)
        except yaml.YAMLError as exc:
            raise _Unusual from exc
        try:
            events = iter(loader.get_event, None)
            self._expect(events, yaml.StreamStartEvent)
            first = next(events)
            if type(first) is yaml.StreamEndEvent:
                return None
            if type(first) is not yaml.DocumentStartEvent:
                raise _Unusual
            root = self._node(events, loader)
            self._expect(events, yaml.DocumentEndEvent)
            self._expect(events, yaml.StreamEndEvent)  # another document: the careful path
            return root
        except yaml.YAMLError as exc:
            raise _Unusual from exc
        finally:
            loader.dispose()

    @staticmethod
    def _expect(events: Iterator[yaml.Event], kind: type[yaml.Event]) -> None:
        if type(next(events)) is not kind:
            raise _Unusual

    @staticmethod
    def _node(events: Iterator[yaml.Event], loader: Any) -> Any:
        """One whole node, its collections kept on a stack rather than by recursion.

        This loop runs once per event of a table, so the common cases (a text
        scalar, an item of a sequence) take no call; the rest is in helpers.
        """
        stack: list[Map | Seq] = []
        keys: list[tuple[str, int] | None] = []  # per open mapping: the key awaiting a value
        resolvers = loader.yaml_implicit_resolvers  # first letters of non-text plain scalars
        nodes = 0
        for event in events:
            if type(event) is yaml.ScalarEvent:
                nodes += 1
                if event.anchor is not None or event.tag is not None or nodes > MAX_NODES:
                    raise _Unusual
                value: Any = event.value
                if event.implicit[0] and (not value or value[0] in resolvers):
                    value = _resolved(event, loader)
                line = _start_line(event)
            elif isinstance(event, yaml.CollectionStartEvent):
                nodes += 1
                if nodes > MAX_NODES:
                    raise _Unusual
                stack.append(_opened(event, len(stack)))
                keys.append(None)
                continue
            elif isinstance(event, yaml.CollectionEndEvent):
                value = stack.pop()
                line = value.line
                keys.pop()
            else:  # an alias, or an event out of place
                raise _Unusual
            if not stack:
                return value
            parent = stack[-1]
            if isinstance(parent, Seq):
                parent.append(value)
                parent.lines.append(line)
            else:
                _put(parent, keys, value, line)
        raise _Unusual  # the events ended inside a collection


def _opened(event: yaml.CollectionStartEvent, depth: int) -> Map | Seq:
    """A new mapping or sequence, when it is untagged and not too deep."""
    if event.anchor is not None or event.tag is not None or depth >= MAX_DEPTH:
        raise _Unusual
    collection = Map() if type(event) is yaml.MappingStartEvent else Seq()
    collection.line = _start_line(event)
    collection.lines = {} if isinstance(collection, Map) else []
    return collection


def _resolved(event: yaml.ScalarEvent, loader: Any) -> Any:
    """The value of a plain scalar that may not be text: a number, a boolean or
    null, resolved and built as the careful reader resolves and builds it."""
    tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
    if tag == "tag:yaml.org,2002:str":
        return event.value
    if tag not in _PLAIN_TAGS:
        raise _Unusual
    try:
        return _construct(yaml.ScalarNode(tag, event.value, style=event.style))
    except (ValueError, yaml.YAMLError) as exc:
        raise _Unusual from exc


def _start_line(event: yaml.Event) -> int:
    """The line an event starts on (libyaml marks every event)."""
    assert event.start_mark is not None
    return event.start_mark.line + 1


def _put(parent: Map, keys: list[tuple[str, int] | None], value: Any, line: int) -> None:
    """Put *value* (read on *line*) in a mapping: a key (text, and new) or the
    value of the key before it."""
    key = keys[-1]
    if key is None:
        if type(value) is not str or value in parent:
            raise _Unusual
        keys[-1] = (value, line)
    else:
        parent[key[0]] = value
        parent.lines[key[0]] = key[1]
        keys[-1] = None


def _careful_load(text: str, name: str) -> Any:
    """Check the limits, compose a node tree and build it, naming the line of any problem."""
    _check_nesting(text, name)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise TableError(name, line, f"not valid YAML ({exc.problem})", "fix the syntax") from exc
    except yaml.YAMLError as exc:
        raise TableError(name, None, f"not valid YAML ({exc})", "fix the syntax") from exc
    except RecursionError as exc:
        raise TableError(name, None, "nested too deeply", "flatten the structure") from exc
    if node is None:
        return None
    return _build(node, name, set(), 0)


def _check_nesting(text: str, name: str) -> None:
    """Refuse deep nesting and huge documents before composing: libyaml's composer
    recurses in C (a few hundred thousand levels crash the process) and builds every
    node in memory. Its event parser is iterative, so one pass over the events
    measures depth and size cheaply, and names the line."""
    depth = nodes = 0
    starts = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
    ends = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, starts):
                depth += 1
                nodes += 1
                if depth > MAX_DEPTH:
                    line = _line(event)
                    raise TableError(
                        name, line, f"nested deeper than {MAX_DEPTH}", "flatten the structure"
                    )
            elif isinstance(event, ends):
                depth -= 1
            elif isinstance(event, yaml.ScalarEvent):
                nodes += 1
            if nodes > MAX_NODES:
                line = _line(event)
                raise TableError(
                    name, line, f"more than {MAX_NODES} values", "split the table in several files"
                )
    except yaml.MarkedYAMLError as exc:
        if _libyaml_too_deep(exc):
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark is not None else None
            raise TableError(
                name, line, f"nested deeper than {MAX_DEPTH}", "flatten the structure"
            ) from exc
        return  # composing reports it, with its line
    except yaml.YAMLError as exc:
        position = getattr(exc, "position", None)
        line = text[:position].count("\n") + 1 if isinstance(position, int) else None
        raise TableError(name, line, f"not valid YAML ({exc})", "fix the file") from exc


def _libyaml_too_deep(exc: yaml.MarkedYAMLError) -> bool:
    """Whether *exc* is libyaml's own nesting limit: libyaml 0.2.6 (in the wheels of
    PyYAML 6.0.4) stops at 1000 levels with "exceeded maximum nesting depth". Its
    scanner reads ahead of the events (up to 1024 characters of a line, for a
    possible key), so a line of brackets meets that limit before the events reach
    MAX_DEPTH. The limit is far above MAX_DEPTH, so the file is nested deeper than
    MAX_DEPTH and is refused as such, not as invalid YAML."""
    return "maximum nesting depth" in (exc.problem or "")


def _line(event: yaml.Event) -> int | None:
    return event.start_mark.line + 1 if event.start_mark is not None else None


def _build(node: yaml.Node, name: str, seen: set[int], depth: int) -> Any:
    line = node.start_mark.line + 1
    if id(node) in seen:
        raise TableError(name, line, "YAML anchors and aliases are not allowed", "write it out")
    seen.add(id(node))
    if depth > MAX_DEPTH:
        raise TableError(name, line, f"nested deeper than {MAX_DEPTH}", "flatten the structure")
    if node.tag not in _PLAIN_TAGS and node.tag not in _COLLECTION_TAGS:
        raise TableError(
            name, line, f"tag {node.tag} is not allowed", "remove the tag; tables hold plain data"
        )
    if isinstance(node, yaml.MappingNode):
        result = Map()
        result.line, result.lines = line, {}
        for key_node, value_node in node.value:
            key = _build(key_node, name, seen, depth + 1)
            key_line = key_node.start_mark.line + 1
            if not isinstance(key, str):
                raise TableError(name, key_line, f"key {key!r} is not text", "quote the key")
            if key in result:
                raise TableError(name, key_line, f"key {key!r} appears twice", "keep one")
            result[key] = _build(value_node, name, seen, depth + 1)
            result.lines[key] = key_line
        return result
    if isinstance(node, yaml.SequenceNode):
        seq = Seq()
        seq.line, seq.lines = line, []
        for item in node.value:
            seq.append(_build(item, name, seen, depth + 1))
            seq.lines.append(item.start_mark.line + 1)
        return seq
    assert isinstance(node, yaml.ScalarNode)
    if node.tag == "tag:yaml.org,2002:str":
        return node.value
    return _scalar(node, name)


def _scalar(node: yaml.ScalarNode, name: str = "") -> Any:
    try:
        return _construct(node)
    except ValueError as exc:  # a number of thousands of digits, a date out of range
        line = node.start_mark.line + 1
        raise TableError(name, line, f"cannot read {node.value[:20]!r}...", "quote it") from exc


def _construct(node: yaml.ScalarNode) -> Any:
    """The number, boolean or null that a scalar node holds."""
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_object(node)
    finally:
        loader.dispose()
