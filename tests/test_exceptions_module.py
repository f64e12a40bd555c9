"""One exception module: every error class of the library is defined in ``exceptions.py``."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import selfhelp_exchange as shx


def test_every_error_class_lives_in_the_exceptions_module() -> None:
    found = {}
    for info in pkgutil.walk_packages(shx.__path__, prefix="selfhelp_exchange."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for _, obj in inspect.getmembers(module, inspect.isclass):
            if issubclass(obj, shx.SelfHelpExchangeError):
                found[obj.__qualname__] = obj.__module__
    assert len(found) > 10  # the walk saw the package
    elsewhere = {name: mod for name, mod in found.items() if mod != "selfhelp_exchange.exceptions"}
    assert elsewhere == {}
