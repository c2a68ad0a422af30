"""The package's layout: imports go one way, from the faces (command line, corpora)
down to the data, with no cycle (function-level imports count) and no module
taking another's private (``_``) names."""

from __future__ import annotations

import ast
import functools
import importlib
import sys
from pathlib import Path
from typing import Any

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "translit"


def _module_name(path: Path) -> str:
    parts = ["translit", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _resolve(module: str, path: Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    base = package[: len(package) - node.level + 1]
    return ".".join(base + ([node.module] if node.module else []))


def _imports(modules: dict[str, Path]) -> list[tuple[str, str, str, int]]:
    """(importer, imported module, name or "", line) for every import of the package,
    wherever it stands (module level, function, ``TYPE_CHECKING`` block)."""
    return _imports_of(tuple(modules.items()))


@functools.cache  # the same files for every test of this module: read once
def _imports_of(modules: tuple[tuple[str, Path], ...]) -> list[tuple[str, str, str, int]]:
    names = dict(modules)
    found = []
    for module, path in modules:
        tree = ast.parse(path.read_text("utf-8"))
        type_only = {
            id(n)
            for node in ast.walk(tree)
            if isinstance(node, ast.If) and ast.unparse(node.test).endswith("TYPE_CHECKING")
            for child in node.body
            for n in ast.walk(child)
        }
        for node in ast.walk(tree):
            if id(node) in type_only:
                continue  # annotations only: no import at run time
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.startswith("translit"):
                        found.append((module, alias.name, "", node.lineno))
            elif isinstance(node, ast.ImportFrom):
                target = _resolve(module, path, node)
                if not target.startswith("translit"):
                    continue
                for alias in node.names:
                    sub = f"{target}.{alias.name}"
                    if sub in names:  # "from . import matcher"
                        found.append((module, sub, "", node.lineno))
                    else:
                        found.append((module, target, alias.name, node.lineno))
    return found


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycle() -> None:
    modules = _modules()
    edges: dict[str, set[str]] = {}
    for importer, imported, _, _ in _imports(modules):
        if imported in modules and imported != importer:
            # a package's __init__ is imported with any of its modules: count the module
            edges.setdefault(importer, set()).add(imported)
    # importing translit.x.y runs translit/x/__init__.py, which must not import back
    assert _cycles(edges) == []


def test_no_private_name_is_imported_from_another_module() -> None:
    private = [
        f"{importer} line {line}: {name} from {imported}"
        for importer, imported, name, line in _imports(_modules())
        if name.startswith("_") and not name.startswith("__") and imported != importer
    ]
    assert private == []


def test_corpora_do_not_depend_on_the_command_line() -> None:
    modules = _modules()
    corpus = [m for m in modules if m.startswith("translit.corpus")]
    assert corpus
    edges: dict[str, set[str]] = {}
    for importer, imported, _, _ in _imports(modules):
        edges.setdefault(importer, set()).add(imported)
    reached: set[str] = set()
    todo = list(corpus)
    while todo:
        module = todo.pop()
        for nxt in edges.get(module, ()):
            if nxt not in reached:
                reached.add(nxt)
                todo.append(nxt)
    assert sorted(m for m in reached if m.startswith("translit.cli")) == []


def test_subpackages_import_nothing_eagerly() -> None:
    for module, path in _modules().items():
        if path.name == "__init__.py" and module != "translit":
            tree = ast.parse(path.read_text("utf-8"))
            assert not [
                n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))
                and not (isinstance(n, ast.ImportFrom) and n.module == "__future__")
            ], module


LAYERS: list[list[str]] = [
    # the bottom: small tools every layer may use
    ["translit.errors", "translit.limits", "translit.mention", "translit.version",
     "translit.gcpause", "translit.record", "translit.text"],
    # loading and validating the data files (translit/data/); romanize is the schemes'
    # engine over tables.schemes, and the compiler romanizes forms with it
    ["translit.tables", "translit.romanize"],
    ["translit.compile"],
    ["translit.match"],
    ["translit.context"],
    # the API: the scan (the matching and the review of the context, piece by piece),
    # the Normalizer, and the check of a compiled table that needs the matcher
    ["translit", "translit.scan", "translit.normalizer", "translit.stream", "translit.outputs",
     "translit.shipped"],
    # reading and writing documents, for the faces
    ["translit.documents"],
    # the faces: corpora, then the command line (which runs corpora)
    ["translit.corpus"],
    ["translit.cli", "translit.__main__"],
]
"""The layers, bottom first: a module may import its own layer and those below it. An
entry names a module, or a subpackage and every module in it; the longest entry that
names a module places it."""


def _layer(module: str) -> int:
    found = [
        (len(entry), rank)
        for rank, layer in enumerate(LAYERS)
        for entry in layer
        if module == entry or module.startswith(entry + ".")
    ]
    assert found, f"{module} is in no layer: add it to LAYERS"
    return max(found)[1]


def test_every_module_has_a_layer() -> None:
    for module in _modules():
        _layer(module)
    named = {entry for layer in LAYERS for entry in layer}
    assert sorted(named - set(_modules())) == []  # no layer names a module that is gone


def test_imports_go_down_the_layers() -> None:
    modules = _modules()
    upward = [
        f"{importer} line {line} imports {imported} (layer {_layer(imported)} > {_layer(importer)})"
        for importer, imported, _, line in _imports(modules)
        if imported in modules and _layer(imported) > _layer(importer)
    ]
    assert upward == []


def test_the_architecture_page_names_every_module() -> None:
    """docs/architecture.md, where a newcomer looks for the file of a concern, names every
    module of the package (a new module gets its line there)."""
    page = (PACKAGE.parent.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    missing = [
        path.relative_to(PACKAGE).as_posix()
        for path in _modules().values()
        if path.name != "__init__.py" and f"`{path.relative_to(PACKAGE).as_posix()}`" not in page
    ]
    assert missing == []


def test_no_compiled_module_sits_beside_the_sources() -> None:
    # hatch_build.py compiles in a temporary copy of src/. An extension left here would
    # be imported instead of the .py beside it, in an editable install, and hide every
    # later edit.
    left = sorted(str(p.relative_to(PACKAGE.parent)) for p in PACKAGE.parent.rglob("*")
                  if p.suffix in (".so", ".pyd"))
    assert left == [], "delete these: extension modules belong in wheels, not the sources"


def test_the_compiled_build_names_modules_that_exist() -> None:
    toml: Any = importlib.import_module("tomllib" if sys.version_info >= (3, 11) else "tomli")
    project = toml.loads((PACKAGE.parents[1] / "pyproject.toml").read_text("utf-8"))
    hook = project["tool"]["hatch"]["build"]["targets"]["wheel"]["hooks"]["custom"]
    assert any(d.startswith("mypy==") for d in hook["compiler-dependencies"])
    for entry in hook["compile"]:
        path = PACKAGE.parents[1] / entry
        assert path.is_dir() or (path.suffix == ".py" and path.is_file()), entry
