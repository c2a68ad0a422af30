"""Safe YAML reading that remembers line numbers, for errors that point at a line.

Only plain data is built: mappings, sequences, strings, numbers, booleans and
null. Tags that would build objects (``!!python/object`` ...) are refused, and
so are anchors and aliases, which would let a small file expand into a huge one.

>>> doc = load_text("a:\\n  - x\\n  - y\\n", "demo.yaml")
>>> doc, doc.line, doc.lines["a"], doc["a"].lines
({'a': ['x', 'y']}, 1, 1, [2, 3])
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import TableError
from .limits import MAX_BYTES, MAX_DEPTH, MAX_NODES

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
    try:
        size = Path(path).stat().st_size
        if size > MAX_BYTES:
            raise TableError(name, None, f"file is {size} bytes", f"split it below {MAX_BYTES}")
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise TableError(name, None, f"cannot read ({exc.strerror})", "check the path") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise TableError(name, line, "not valid UTF-8", "save the file as UTF-8") from exc
    return load_text(text, name)


def load_text(text: str, name: str) -> Any:
    """Parse YAML *text*; *name* is used in error messages."""
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
    except yaml.MarkedYAMLError:
        return  # composing reports it, with its line
    except yaml.YAMLError as exc:
        position = getattr(exc, "position", None)
        line = text[:position].count("\n") + 1 if isinstance(position, int) else None
        raise TableError(name, line, f"not valid YAML ({exc})", "fix the file") from exc


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
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_object(node)
    except ValueError as exc:  # a number of thousands of digits, a date out of range
        line = node.start_mark.line + 1
        raise TableError(name, line, f"cannot read {node.value[:20]!r}...", "quote it") from exc
    finally:
        loader.dispose()
