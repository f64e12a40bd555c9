"""The error catalogue (docs/errors.md) covers every error of the package, each reachable from
the public API."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path
from types import ModuleType

import pytest

import selfhelp_exchange as shx

CATALOGUE = Path(__file__).resolve().parents[1] / "docs" / "errors.md"
PUBLIC_MODULES = ("generate", "plot", "simulate", "structure")


def _all_modules() -> list[ModuleType]:
    modules = [shx]
    for info in pkgutil.walk_packages(shx.__path__, prefix="selfhelp_exchange."):
        if info.name.endswith("__main__"):
            continue  # running it would start the command line
        modules.append(importlib.import_module(info.name))
    return modules


def _errors() -> dict[str, type]:
    """Every public SelfHelpExchangeError subclass defined in the package, by name."""
    _all_modules()  # a class exists once its module is imported
    found: dict[str, type] = {}
    todo = [shx.SelfHelpExchangeError]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith("selfhelp_exchange") and not cls.__name__.startswith("_"):
            found[cls.__name__] = cls
    return found


def test_the_package_has_its_errors() -> None:
    assert {"SelfHelpExchangeError", "DataFileError", "PrivacyError", "StructureError"} <= set(
        _errors()
    )


@pytest.mark.parametrize("name", sorted(_errors()))
def test_every_error_is_in_the_catalogue(name: str) -> None:
    text = CATALOGUE.read_text(encoding="utf-8")
    assert re.search(rf"^### {name}$", text, re.MULTILINE), f"docs/errors.md has no '### {name}'"
    section = text.split(f"### {name}\n", 1)[1].split("\n### ", 1)[0]
    assert "**Cause.**" in section
    assert "**Fix.**" in section or "| fix |" in section
    assert f"| `{name}` |" in text, f"the table at the top of docs/errors.md lacks {name}"


@pytest.mark.parametrize("name", sorted(_errors()))
def test_every_error_is_reachable_from_the_public_api(name: str) -> None:
    cls = _errors()[name]
    places = [shx] + [getattr(shx, m) for m in PUBLIC_MODULES]
    assert any(name in m.__all__ and getattr(m, name) is cls for m in places), (
        f"{name} is raised but cannot be imported from selfhelp_exchange or a public submodule"
    )


def test_the_catalogue_lists_nothing_that_is_not_an_error() -> None:
    text = CATALOGUE.read_text(encoding="utf-8")
    headings = set(re.findall(r"^### (\w+)$", text, re.MULTILINE))
    assert headings == set(_errors())


def test_the_catalogue_is_in_the_documentation() -> None:
    index = (CATALOGUE.parent / "index.md").read_text(encoding="utf-8")
    assert re.search(r"^errors$", index, re.MULTILINE)
