"""The "Defaults and their sources" page lists every numeric default of the public API.

The page (``docs/defaults.rst``) is built by the ``shx-defaults`` and ``shx-parameter-sources``
directives of ``docs/_ext/shx_docs.py``, which read the values from the code; the build fails
on an entry that names nothing. This test checks the other direction: a public function or
class that gains a default the page does not list fails here.
"""

from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path
from typing import Any

import pytest

import selfhelp_exchange as shx

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "defaults.rst"
sys.path.insert(0, str(ROOT / "docs" / "_ext"))

import shx_docs

from tests.test_docs_api import public_objects

_DIRECTIVE = re.compile(r"^\.\. (shx-defaults|shx-parameter-sources)::(.*)$")


def _blocks(text: str) -> list[tuple[str, str, list[str]]]:
    """(directive, argument, body lines) for each directive of the page."""
    out: list[tuple[str, str, list[str]]] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        match = _DIRECTIVE.match(lines[i])
        i += 1
        if not match:
            continue
        body = []
        while i < len(lines) and (not lines[i].strip() or lines[i].startswith("   ")):
            body.append(lines[i][3:])
            i += 1
        out.append((match.group(1), match.group(2).strip(), body))
    return out


def _resolve(path: str) -> Any:
    obj, _, _ = shx_docs._resolve(path)
    return obj


def listed_defaults() -> set[tuple[int, str]]:
    """(id of the object, parameter) for every default the page lists."""
    found: set[tuple[int, str]] = set()
    for directive, argument, body in _blocks(PAGE.read_text(encoding="utf-8")):
        if directive == "shx-defaults":
            for path, param, _ in shx_docs.defaults_entries(body):
                if param is not None:
                    found.add((id(_resolve(path)), param))
        else:
            options = {}
            for line in body:
                if line.strip().startswith(":"):
                    key, value = line.strip()[1:].split(":", 1)
                    options[key] = value.strip()
            cls = _resolve(options["defaults"])
            sources = _resolve(argument)
            found.update((id(cls), name) for name in sources)
    return found


def test_the_page_has_directives() -> None:
    kinds = {d for d, _, _ in _blocks(PAGE.read_text(encoding="utf-8"))}
    assert kinds == {"shx-defaults", "shx-parameter-sources"}


def test_entries_parse_paths_parameters_and_basis() -> None:
    body = [
        "selfhelp_exchange.privacy.SMALL_CELL_THRESHOLD",
        "selfhelp_exchange.structure.mrqap n_permutations",
        "   This library's convention.",
        "   Second line.",
    ]
    assert shx_docs.defaults_entries(body) == [
        ("selfhelp_exchange.privacy.SMALL_CELL_THRESHOLD", None, []),
        (
            "selfhelp_exchange.structure.mrqap",
            "n_permutations",
            ["This library's convention.", "Second line."],
        ),
    ]


def test_tuning_defaults_keeps_numbers_and_member_tuples_only() -> None:
    def f(
        a: int = 3,
        b: float = 0.5,
        c: bool = True,
        d: str = "x",
        e: object = None,
        g: tuple[object, ...] = (shx.Weekday.SUNDAY,),
        h: tuple[object, ...] = (),
    ) -> None: ...

    assert shx_docs.tuning_defaults(f) == {"a": 3, "b": 0.5, "g": (shx.Weekday.SUNDAY,)}
    assert shx_docs.tuning_defaults(shx.Role) == {}


_PUBLIC_DEFAULTS = sorted(
    (name, param)
    for name, obj in public_objects().items()
    if callable(obj)
    for param in shx_docs.tuning_defaults(obj)
)


def test_some_public_defaults_exist() -> None:
    assert ("suppress_counts", "threshold") in _PUBLIC_DEFAULTS


@pytest.mark.parametrize(("name", "param"), _PUBLIC_DEFAULTS)
def test_every_public_default_is_on_the_page(name: str, param: str) -> None:
    obj = public_objects()[name]
    assert (id(obj), param) in listed_defaults(), (
        f"{name}({param}={shx_docs.tuning_defaults(obj)[param]!r}) is not listed on "
        "docs/defaults.rst: add an entry to the shx-defaults block of its section, saying "
        "where the value comes from"
    )


def test_listed_constants_exist() -> None:
    for directive, _, body in _blocks(PAGE.read_text(encoding="utf-8")):
        if directive != "shx-defaults":
            continue
        for path, param, _ in shx_docs.defaults_entries(body):
            if param is None:
                module, _, name = path.rpartition(".")
                assert hasattr(importlib.import_module(module), name), path
