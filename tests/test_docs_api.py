"""The documentation keeps up with the code.

Every public name (``selfhelp_exchange.__all__``, and the ``__all__`` of every public submodule
exported there, such as ``structure``) must be listed in the API reference sources
(``docs/api/*.rst``), and every public function and class must show an ``Examples`` section.
The concept pages must name every value of the vocabularies they explain.
"""

from __future__ import annotations

import enum
import inspect
import re
from pathlib import Path
from types import ModuleType

import pytest

import selfhelp_exchange as shx

DOCS = Path(__file__).resolve().parents[1] / "docs"
API_SOURCES = sorted((DOCS / "api").glob("*.rst"))

# Public objects allowed to lack an Examples section, each as a strict xfail (adding the
# example turns it into a failure until the entry is deleted here). Empty: every public function
# and class has one. Do not add names: write the example instead.
MISSING_EXAMPLES: frozenset[str] = frozenset()

_EXAMPLES_HEADING = re.compile(r"^Examples\n-{8,}\n", re.MULTILINE)
_AUTODOC = re.compile(r"^\.\. auto(?:class|function|exception|data|module)::\s*(\S+)\s*$")


def public_objects() -> dict[str, object]:
    """Every public name, dotted below the package: ``'ExchangeNetwork'``, ``'structure.density'``."""
    found: dict[str, object] = {}
    for name in shx.__all__:
        if name.startswith("__"):  # __version__
            continue
        obj = getattr(shx, name)
        if isinstance(obj, ModuleType):
            for sub in obj.__all__:
                found[f"{name}.{sub}"] = getattr(obj, sub)
        else:
            found[name] = obj
    return found


def _strip(entry: str) -> str:
    entry = entry.lstrip("~")
    return entry.removeprefix("selfhelp_exchange.")


def api_reference_entries(text: str) -> set[str]:
    """Names listed in the autosummary blocks and auto* directives of one reST source."""
    entries: set[str] = set()
    in_summary = False
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith(".. autosummary::"):
            in_summary = True
            continue
        if in_summary:
            if not stripped:
                continue
            if not line[0].isspace():
                in_summary = False
            elif stripped.startswith(":"):  # an option such as :toctree:
                continue
            else:
                entries.add(_strip(stripped.split()[0]))
                continue
        match = _AUTODOC.match(stripped)
        if match:
            entries.add(_strip(match.group(1)))
    return entries


def documented_names() -> set[str]:
    names: set[str] = set()
    for path in API_SOURCES:
        names |= api_reference_entries(path.read_text(encoding="utf-8"))
    return names


def test_the_parser_reads_autosummary_blocks_and_directives() -> None:
    text = """Title
=====

.. autosummary::
   :toctree: generated/
   :nosignatures:

   Agency
   ~selfhelp_exchange.Exchange

   structure.density

Prose mentioning NotAnEntry.

.. autofunction:: selfhelp_exchange.read_json
"""
    assert api_reference_entries(text) == {"Agency", "Exchange", "structure.density", "read_json"}


def test_api_sources_exist() -> None:
    assert API_SOURCES, f"no reST sources in {DOCS / 'api'}"


@pytest.mark.parametrize("name", sorted(public_objects()))
def test_public_name_is_in_the_api_reference(name: str) -> None:
    assert name in documented_names(), (
        f"{name!r} is public (in __all__) but no docs/api/*.rst page lists it: add it to the "
        "autosummary block of the page for its area"
    )


def test_api_reference_lists_only_public_names() -> None:
    stale = documented_names() - set(public_objects())
    assert not stale, f"docs/api lists names that are not public: {sorted(stale)}"


def _needs_example(obj: object) -> bool:
    return inspect.isclass(obj) or inspect.isfunction(obj)


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(
            name,
            marks=pytest.mark.xfail(reason="Examples section still to be written", strict=True),
        )
        if name in MISSING_EXAMPLES
        else name
        for name, obj in sorted(public_objects().items())
        if _needs_example(obj)
    ],
)
def test_public_function_or_class_has_an_example(name: str) -> None:
    doc = inspect.getdoc(public_objects()[name]) or ""
    assert _EXAMPLES_HEADING.search(doc), f"the docstring of {name!r} has no Examples section"


def test_missing_examples_list_names_only_public_objects() -> None:
    assert set(MISSING_EXAMPLES) <= set(public_objects())


@pytest.mark.parametrize(
    ("page", "vocabulary"),
    [
        ("user-guide/group-types.md", shx.GroupType),
        ("user-guide/group-types.md", shx.Focus),
        ("user-guide/group-types.md", shx.Approach),
        ("user-guide/continuum.md", shx.MeetingPlace),
        ("user-guide/continuum.md", shx.Admission),
        ("user-guide/continuum.md", shx.Timing),
        ("user-guide/continuum.md", shx.Facilitation),
    ],
)
def test_concept_page_names_every_value(page: str, vocabulary: type[enum.Enum]) -> None:
    text = (DOCS / page).read_text(encoding="utf-8")
    missing = [m.value for m in vocabulary if f"`{m.value}`" not in text]
    assert not missing, f"{page} does not explain these {vocabulary.__name__} values: {missing}"
