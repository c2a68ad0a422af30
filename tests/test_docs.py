"""The examples in the README, in docs/ and in the docstrings are real: run them.

The README and every page of docs/ are doctested (each page on its own, with
its own imports); their relative links must point at files and headings that
exist, and the README links every page of docs/.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import re
from pathlib import Path

import pytest

import translit

MODULES = sorted(
    name
    for _, name, _ in pkgutil.walk_packages(translit.__path__, "translit.")
    if name not in ("translit.__main__",)
)
ROOT = Path(__file__).parent.parent
README = ROOT / "README.md"
DOCS = sorted((ROOT / "docs").glob("*.md"))
PAGES = [README, *DOCS]
FENCE = re.compile(r"^ *(`{3,}|~{3,}).*?^ *\1[`~]*$", re.MULTILINE | re.DOTALL)
CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)", re.DOTALL)
LINK = re.compile(r"\]\(([^)\s]+)(?: \"[^\"]*\")?\)")


def _prose(text: str) -> str:
    """The text without fenced code blocks and code spans."""
    return CODE_SPAN.sub("", FENCE.sub("", text))


def _anchors(page: Path) -> set[str]:
    """GitHub's anchors of the page's headings."""
    titles = re.findall(r"^#{1,6} (.+)$", FENCE.sub("", page.read_text("utf-8")), re.MULTILINE)
    return {re.sub(r"[^\w\- ]", "", title.strip().lower()).replace(" ", "-") for title in titles}


@pytest.mark.parametrize("name", MODULES)
def test_module_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def test_readme_examples() -> None:
    result = doctest.testfile(str(README), module_relative=False)
    assert result.failed == 0 and result.attempted >= 4


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_page_examples(page: Path) -> None:
    """Every ``>>>`` example of the page runs, and gives what the page says."""
    examples = len(re.findall(r"^\s*>>> ", page.read_text("utf-8"), re.MULTILINE))
    result = doctest.testfile(str(page), module_relative=False)
    assert result.failed == 0 and result.attempted == examples


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_relative_links_resolve(page: Path) -> None:
    broken = []
    for target in LINK.findall(_prose(page.read_text("utf-8"))):
        if re.match(r"[a-z]+:", target):
            continue  # https:, mailto:
        path, _, anchor = target.partition("#")
        linked = (page.parent / path).resolve() if path else page
        if not linked.exists() or (anchor and anchor not in _anchors(linked)):
            broken.append(target)
    assert broken == []


def test_readme_links_every_docs_page() -> None:
    assert DOCS, "docs/ has pages"
    links = {target.partition("#")[0] for target in LINK.findall(_prose(README.read_text("utf-8")))}
    assert {f"docs/{page.name}" for page in DOCS} <= links
